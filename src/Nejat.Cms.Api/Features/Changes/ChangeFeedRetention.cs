using Nejat.Cms.Api.Database;
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
internal sealed partial class ChangeFeedRetention(NpgsqlDataSource db, DatabaseStatus database, IOptions<CmsOptions> options, TimeProvider clock, ILogger<ChangeFeedRetention> logger)
    : BackgroundService
{
    /// <summary>Purges now (the SQL function lives with the change log, in migration 0009).</summary>
    internal static async Task PurgeAsync(NpgsqlDataSource db, TimeSpan retention, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("SELECT purge_content_change_tombstones(@Retention)", new { Retention = retention }, cancellationToken: ct));
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
                // The next tick tries again; an outage is logged once, by DatabaseStatus.
                if (!database.ReportIfUnreachable(ex))
                {
                    LogRetry(ex);
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not purge old change-feed tombstones; retrying in an hour.")]
    private partial void LogRetry(Exception exception);
}
