using System.Diagnostics;
using System.Globalization;

namespace Nejat.Cms.Api.Import.WordPress;

/// <summary>
/// Progress of a long step on the terminal, at most every two seconds: how many of how many, the
/// rate, and the time left at that rate.
/// </summary>
internal sealed class Progress(TextWriter output, string what, int total)
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(2);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _lastShown;
    private int _done;

    public void Step()
    {
        var done = Interlocked.Increment(ref _done);
        var elapsed = _clock.Elapsed;
        if (elapsed - _lastShown < Every || done >= total)
        {
            return;
        }

        lock (_clock)
        {
            if (elapsed - _lastShown < Every)
            {
                return;
            }

            _lastShown = elapsed;
            var rate = done / elapsed.TotalSeconds;
            var left = rate > 0 ? TimeSpan.FromSeconds((total - done) / rate) : TimeSpan.Zero;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {what}: {done:N0} of {total:N0} ({rate:N0}/s, about {(left.TotalMinutes >= 1 ? $"{left.TotalMinutes:N0} min" : $"{left.TotalSeconds:N0} s")} left)"));
        }
    }
}

/// <summary>How long each step of a run took, on the terminal as each ends (where the time goes on a large export).</summary>
internal sealed class Steps(TextWriter output)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public void Done(string what)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {what}: {_clock.Elapsed.TotalSeconds:0.0} s"));
        _clock.Restart();
    }
}
