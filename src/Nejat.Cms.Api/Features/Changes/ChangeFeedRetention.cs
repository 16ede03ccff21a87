using Dapper;
using Microsoft.Extensions.Options;
using Nejat.Cms.Api.Hosting;
using Npgsql;

namespace Nejat.Cms.Api.Features.Changes;

/// <summary>
/// Forgets tombstones older than Cms:ChangeRetention, hourly, and remembers the newest number it
/// forgot per edition: a change token older than that is answered 410, since deletions before it
/// can no longer be listed. Several instances may purge at once; the result is the same.
/// </summary>
internal sealed partial class ChangeFeedRetention(NpgsqlDataSource db, IOptions<CmsOptions> options, TimeProvider clock, ILogger<ChangeFeedRetention> logger)
    : BackgroundService
{
    private const string PurgeSql = """
        WITH purged AS (
            DELETE FROM content_changes
            WHERE action <> 'upserted' AND seq IS NOT NULL AND changed_at < now() - @Retention
            RETURNING edition, seq)
        INSERT INTO content_change_horizons (edition, seq)
        SELECT edition, max(seq) FROM purged GROUP BY edition
        ON CONFLICT (edition) DO UPDATE SET seq = greatest(content_change_horizons.seq, EXCLUDED.seq)
        """;

    /// <summary>Purges now; returns how many editions' horizons moved.</summary>
    internal static async Task<int> PurgeAsync(NpgsqlDataSource db, TimeSpan retention, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteAsync(new CommandDefinition(PurgeSql, new { Retention = retention }, cancellationToken: ct));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            try
            {
                await PurgeAsync(db, options.Value.ChangeRetention, stoppingToken);
            }
            catch (NpgsqlException ex)
            {
                LogRetry(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not purge old change-feed tombstones; retrying in an hour.")]
    private partial void LogRetry(Exception exception);
}
