using System.Collections.Frozen;
using Dapper;
using Microsoft.AspNetCore.OutputCaching;
using Nejat.Cms.Api.Database;
using Npgsql;

namespace Nejat.Cms.Api.Hosting;

/// <summary>An edition's public content version: its highest change number, and when that change was made.</summary>
internal readonly record struct ContentVersion(long Number, DateTimeOffset ChangedAt);

/// <summary>
/// Every edition's current content version, held in memory so that a conditional GET and an output
/// cache lookup need no query. Admin writes refresh it before their response is sent; changes made
/// elsewhere (the import command, the scheduler, other instances) arrive by LISTEN/NOTIFY, which the
/// change stamp sends at commit. Output-cache keys include the version, so an answer built before a
/// change can never be served after the refresh that saw it; eviction only frees the memory.
/// </summary>
internal sealed partial class ContentVersions(NpgsqlDataSource db, DatabaseStatus database, IOutputCacheStore cache, ILogger<ContentVersions> logger)
    : BackgroundService
{
    /// <summary>The output-cache tag of responses that belong to no edition (editions, authors).</summary>
    public const string GlobalScope = "*";

    public const string Channel = "cms_content_changed";

    internal const string CurrentSql = """
        SELECT e.code AS edition, greatest(c.seq, h.version) AS number, greatest(c.changed_at, h.changed_at) AS changed_at
        FROM editions e
        -- A purge changes the feed's answers and may remove the newest change: it has a number of its own.
        LEFT JOIN content_change_horizons h ON h.edition = e.code
        LEFT JOIN LATERAL (
            SELECT seq, changed_at FROM content_changes
            WHERE edition = e.code AND seq IS NOT NULL
            ORDER BY seq DESC
            LIMIT 1) c ON true
        """;

    private readonly SemaphoreSlim refreshing = new(1, 1);
    private FrozenDictionary<string, ContentVersion> versions = FrozenDictionary<string, ContentVersion>.Empty;

    /// <summary>The version of an edition, or of <see cref="GlobalScope"/>; null for an unknown edition or before the first load.</summary>
    public ContentVersion? Of(string scope) => versions.TryGetValue(scope, out var version) ? version : null;

    /// <summary>Every edition's code, as last read.</summary>
    public string[] Editions => versions.Keys.Where(scope => scope != GlobalScope).ToArray();

    /// <summary>Reads every edition's version and evicts the cached responses of those that moved.</summary>
    public async Task RefreshAsync(CancellationToken ct)
    {
        await refreshing.WaitAsync(ct);
        try
        {
            await using var conn = await db.OpenConnectionAsync(ct);
            var rows = await conn.QueryAsync<VersionRow>(new CommandDefinition(CurrentSql, cancellationToken: ct));
            var current = rows.ToDictionary(r => r.Edition, r => new ContentVersion(r.Number ?? 0, r.ChangedAt is { } at ? new DateTimeOffset(at, TimeSpan.Zero) : DateTimeOffset.UnixEpoch));
            current[GlobalScope] = current.Values.Aggregate(
                new ContentVersion(0, DateTimeOffset.UnixEpoch),
                (max, v) => new ContentVersion(Math.Max(max.Number, v.Number), v.ChangedAt > max.ChangedAt ? v.ChangedAt : max.ChangedAt));

            var previous = versions;
            versions = current.ToFrozenDictionary();
            foreach (var (scope, version) in current)
            {
                if (previous.TryGetValue(scope, out var before) && before != version)
                {
                    await cache.EvictByTagAsync(Tag(scope), ct);
                }
            }
        }
        finally
        {
            refreshing.Release();
        }
    }

    /// <summary>The output-cache tag of a scope's responses.</summary>
    public static string Tag(string scope) => $"content:{scope}";

    /// <summary>
    /// Pooled connections keep their session (DataSource.WithDefaults), so this one stops listening before
    /// it returns: a request that used it next would otherwise receive every notification. A broken
    /// connection is never pooled again, and cannot be told anything.
    /// </summary>
    internal static async Task StopListeningAsync(NpgsqlConnection conn)
    {
        if (conn.FullState == System.Data.ConnectionState.Open)
        {
            await conn.ExecuteAsync($"UNLISTEN {Channel}");
        }
    }

    /// <summary>Loads the versions before the server takes its first request.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await RefreshAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var conn = await db.OpenConnectionAsync(stoppingToken);
                await conn.ExecuteAsync(new CommandDefinition($"LISTEN {Channel}", cancellationToken: stoppingToken));
                try
                {
                    // Whatever changed while nobody was listening.
                    await RefreshAsync(stoppingToken);
                    while (true)
                    {
                        await conn.WaitAsync(stoppingToken);
                        await RefreshAsync(stoppingToken);
                    }
                }
                finally
                {
                    await StopListeningAsync(conn);
                }
            }
            catch (NpgsqlException ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The database may be restarting: listen again shortly, and catch up then. An outage is
                // logged once, by DatabaseStatus; meanwhile the versions held stay as they were, so the
                // output cache keeps answering with what it has.
                if (!database.ReportIfUnreachable(ex))
                {
                    LogListenFailed(ex);
                }

                await Task.Delay(TimeSpan.FromSeconds(1), TimeProvider.System, CancellationToken.None);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    public override void Dispose()
    {
        refreshing.Dispose();
        base.Dispose();
    }

    private sealed record VersionRow(string Edition, long? Number, DateTime? ChangedAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the content-change listener; listening again.")]
    private partial void LogListenFailed(Exception exception);
}
