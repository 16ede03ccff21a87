using Nejat.Cms.Api.Database;
using Dapper;
using Microsoft.Extensions.Options;
using Nejat.Cms.Api.Hosting;
using Npgsql;

namespace Nejat.Cms.Api.Features.Media;

/// <summary>
/// Removes what no row needs, after <c>Cms__MediaOrphanGrace</c>: stored files that no media row
/// names (an upload that crashed between placing its file and committing its row, or media deleted
/// since) with their renditions, and temporary files of uploads that never finished. Every instance
/// runs one every <c>Cms__MediaSweepInterval</c>.
/// </summary>
internal sealed partial class MediaSweeper(
    NpgsqlDataSource db, DatabaseStatus database, IMediaStorage storage, IOptions<CmsOptions> options, TimeProvider clock, ILogger<MediaSweeper> logger)
    : BackgroundService
{
    private const string ReferencedSql = "SELECT EXISTS (SELECT 1 FROM media WHERE sha256 = @Sha256)";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.MediaSweepInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or UnauthorizedAccessException)
            {
                // The next tick tries again; an outage is logged once, by DatabaseStatus.
                if (!database.ReportIfUnreachable(ex))
                {
                    LogRetry(ex);
                }
            }
        }
    }

    /// <summary>One pass; returns how many stored files and temporary files it deleted.</summary>
    internal async Task<(int Files, int Temps)> SweepAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - options.Value.MediaOrphanGrace;
        var temps = storage.DeleteTempsOlderThan(cutoff);
        var files = 0;
        await using var conn = await db.OpenConnectionAsync(ct);
        foreach (var stored in storage.ListStored().Where(f => f.WrittenAtUtc < cutoff).ToList())
        {
            await using var tx = await conn.BeginTransactionAsync(ct);
            // An upload of these bytes in progress holds the lock: leave the file to a later pass.
            if (!await conn.ExecuteScalarAsync<bool>(new CommandDefinition(StoredFileLock.TryExclusiveSql, StoredFileLock.Parameters(stored.Sha256), tx, cancellationToken: ct))
                || await conn.ExecuteScalarAsync<bool>(new CommandDefinition(ReferencedSql, new { stored.Sha256 }, tx, cancellationToken: ct))
                || storage.WrittenAt(stored.Sha256) is not { } writtenAt || writtenAt >= cutoff)
            {
                continue;
            }

            storage.Delete(stored.Sha256);
            files++;
            await tx.CommitAsync(ct);
        }

        if (files + temps > 0)
        {
            LogSwept(files, temps);
        }

        return (files, temps);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not sweep orphaned media files this time; retrying at the next tick.")]
    private partial void LogRetry(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Files} orphaned media file(s) and {Temps} stale temporary file(s).")]
    private partial void LogSwept(int files, int temps);
}
