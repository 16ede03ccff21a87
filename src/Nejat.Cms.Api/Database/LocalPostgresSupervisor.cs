namespace Nejat.Cms.Api.Database;

/// <summary>
/// Keeps the embedded cluster running while the service runs. Every second it checks that the
/// postmaster is alive; if it is gone (a crash, the OOM killer, a kill, or a stop by another process:
/// while the service runs, the service uses it), it is started again on the same port, which the
/// service's connection string names, with attempts spaced from 0.5 s doubling up to 10 s. Requests
/// meanwhile are 503s (<see cref="DatabaseStatus"/>). The host stops this before the service stops
/// the cluster itself, so its own shutdown is never undone.
/// </summary>
internal sealed partial class LocalPostgresSupervisor(LocalPostgres cluster, TimeProvider clock, ILogger<LocalPostgresSupervisor> logger)
    : BackgroundService
{
    private static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(CheckInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (!cluster.IsRunning())
                {
                    await RestartAsync(stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task RestartAsync(CancellationToken stoppingToken)
    {
        var foundGone = clock.GetTimestamp();
        LogGone(cluster.Port);
        var wait = FirstRetry;
        for (var attempt = 1; ; attempt++)
        {
            string? failure;
            try
            {
                // Not cancelled by shutdown: a start cut off half-way could leave a server running
                // that the service's own stop, which comes next, does not see. pg_ctl's -t bounds it.
                failure = await cluster.RestartAsync(CancellationToken.None);
            }
            catch (Exception ex) when (ex is IOException or LocalPostgresException or System.ComponentModel.Win32Exception)
            {
                failure = ex.Message; // the data directory stayed locked, or pg_ctl could not be run
            }

            if (failure is null)
            {
                var down = clock.GetElapsedTime(foundGone);
                LogRunning(cluster.Port, down.TotalSeconds);
                return;
            }

            LogAttemptFailed(attempt, failure, wait.TotalSeconds);
            await Task.Delay(wait, clock, stoppingToken);
            wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, LongestRetry.Ticks));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The embedded PostgreSQL on 127.0.0.1:{Port} is not running; starting it again.")]
    private partial void LogGone(int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The embedded PostgreSQL did not start (attempt {Attempt}): {Reason} Trying again in {Seconds} s.")]
    private partial void LogAttemptFailed(int attempt, string reason, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "The embedded PostgreSQL runs again on 127.0.0.1:{Port}, {Seconds:0.0} s after it was found gone.")]
    private partial void LogRunning(int port, double seconds);
}
