using System.Threading.Channels;
using Npgsql;

namespace Nejat.Cms.Api.Database;

/// <summary>
/// Whether PostgreSQL answers. A failure that looks like an outage is checked with a probe at once;
/// if the probe fails too, the database is marked unreachable (one log line) and probed until it
/// answers again (one more line), when the pool is emptied of the connections that broke. While it is
/// unreachable, requests the output cache cannot answer are 503s, and those it does answer say how
/// stale they may be.
/// </summary>
internal sealed partial class DatabaseStatus(NpgsqlDataSource db, NpgsqlDataSource probes, TimeProvider clock, ILogger<DatabaseStatus> logger)
    : BackgroundService
{
    /// <summary>Registers the status and its monitor; probes connect on their own, never through the pool.</summary>
    public static IServiceCollection AddTo(IServiceCollection services, string connectionString)
    {
        var probeConnection = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 2 }.ConnectionString;
        services.AddSingleton(sp => new DatabaseStatus(
            sp.GetRequiredService<NpgsqlDataSource>(), NpgsqlDataSource.Create(probeConnection),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<DatabaseStatus>>()));
        services.AddHostedService(sp => sp.GetRequiredService<DatabaseStatus>());
        return services;
    }

    /// <summary>How often an unreachable database is tried again; also the Retry-After of its 503s.</summary>
    public static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(1);

    private readonly Channel<string> _suspicions = Channel.CreateBounded<string>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private long _unreachableSinceTicks;

    /// <summary>When the database stopped answering, or null while it answers.</summary>
    public DateTimeOffset? UnreachableSince => Interlocked.Read(ref _unreachableSinceTicks) is var ticks and > 0
        ? new DateTimeOffset(ticks, TimeSpan.Zero)
        : null;

    /// <summary>A request or background job saw a failure that may mean the database is gone.</summary>
    public void ReportFailure(Exception ex) => _suspicions.Writer.TryWrite(ex.Message);

    /// <summary>
    /// For background jobs: reports <paramref name="ex"/> when it says the database does not answer and
    /// returns true, so the job need not log it too (the outage is logged once, here).
    /// </summary>
    public bool ReportIfUnreachable(Exception ex)
    {
        if (DatabaseFailures.Classify(ex) != DatabaseFailure.Unreachable)
        {
            return false;
        }

        ReportFailure(ex);
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var reason in _suspicions.Reader.ReadAllAsync(stoppingToken))
            {
                if (await AnswersAsync(stoppingToken))
                {
                    // One connection broke, the server is fine: let no other broken one be used.
                    db.Clear();
                    continue;
                }

                var since = clock.GetUtcNow();
                Interlocked.Exchange(ref _unreachableSinceTicks, since.UtcTicks);
                LogUnreachable(reason);
                while (!await AnswersAsync(stoppingToken))
                {
                    await Task.Delay(ProbeInterval, clock, stoppingToken);
                }

                db.Clear();
                Interlocked.Exchange(ref _unreachableSinceTicks, 0);
                var outage = clock.GetUtcNow() - since;
                LogReachable(outage.TotalSeconds);
                while (_suspicions.Reader.TryRead(out _))
                {
                    // Failures reported during the outage are answered by its end.
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task<bool> AnswersAsync(CancellationToken ct)
    {
        try
        {
            await using var command = probes.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(ct);
            return true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    public override void Dispose()
    {
        probes.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "PostgreSQL does not answer ({Reason}). Cached public answers are served; everything else is a 503 until it is back.")]
    private partial void LogUnreachable(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL answers again, after {Seconds:0.0} s.")]
    private partial void LogReachable(double seconds);
}
