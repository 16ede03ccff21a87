using Nejat.Cms.Api.Database;
using Dapper;
using Microsoft.Extensions.Options;
using Nejat.Cms.Api.Hosting;
using Npgsql;

namespace Nejat.Cms.Api.Features.Posts;

/// <summary>
/// Publishes scheduled posts when their time comes, with no request needed. Every instance runs
/// one; each due post is claimed with FOR UPDATE SKIP LOCKED and must still be 'scheduled', so
/// exactly one instance publishes it, once, with its revision and audit entry.
/// </summary>
internal sealed partial class PostScheduler(NpgsqlDataSource db, DatabaseStatus database, IOptions<CmsOptions> options, TimeProvider clock, CmsMetrics metrics,
    ILogger<PostScheduler> logger)
    : BackgroundService
{
    public const string KeyName = "scheduler";

    // The database's clock decides what is due, so instances with drifting clocks still agree.
    private const string ClaimSql = """
        SELECT id FROM posts
        WHERE status = 'scheduled' AND published_at <= now()
        ORDER BY published_at, id
        LIMIT 1
        FOR UPDATE SKIP LOCKED
        """;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SchedulerInterval, clock);
        do
        {
            try
            {
                while (await PublishNextDueAsync(stoppingToken))
                {
                }
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

    /// <summary>Publishes one due post; false when none is due (or all due ones are being published elsewhere).</summary>
    internal async Task<bool> PublishNextDueAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var id = await conn.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(ClaimSql, transaction: tx, cancellationToken: ct));
        if (id is not { } postId || await PostCommands.GetAsync(conn, tx, postId, ct) is not { } post)
        {
            return false;
        }

        var current = PostState.Of(post);
        await PostCommands.SaveAsync(conn, tx, postId, current, current with { Status = "published" },
            key: null, KeyName, "publish-scheduled", requestId: null, ct);
        await tx.CommitAsync(ct);
        metrics.ScheduledPublished(post.Edition);
        LogPublished(postId, post.Edition, post.Slug);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish scheduled posts this time; retrying at the next tick.")]
    private partial void LogRetry(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Published scheduled post {PostId} ({Edition}/{Slug}).")]
    private partial void LogPublished(long postId, string edition, string slug);
}
