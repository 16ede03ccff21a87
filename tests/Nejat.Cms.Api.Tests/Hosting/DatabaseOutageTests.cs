using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Nejat.Cms.Api.Database;
using Nejat.Cms.Api.Features.Editorial;
using Nejat.Cms.Api.Hosting;
using Npgsql;

namespace Nejat.Cms.Api.Tests.Hosting;

/// <summary>
/// PostgreSQL dies under a write load and the site stays up: on a service with its own embedded
/// cluster (never the test run's shared one), the postmaster is killed while clients create posts.
/// </summary>
public sealed class DatabaseOutageTests
{
    private static readonly string[] CachedReads = ["/v1/fa/posts", "/v1/fa/posts/first", "/v1/fa/tags", "/v1/editions"];
    private const string UncachedRead = "/v1/fa/posts/second";
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(5);

    [Test]
    [CancelAfter(300_000)]
    public async Task KilledPostmasterIsAnOutageOfWritesThatEndsByItself(CancellationToken ct)
    {
        var logs = new LogRecorder();
        // The scheduler and the media sweeper run several times during the outage: they must not log each failure.
        await using var app = await CmsApp.StartWithEmbeddedClusterAsync(
            new() { ["Cms:SchedulerInterval"] = "00:00:00.2", ["Cms:MediaSweepInterval"] = "00:00:01" }, logs);
        await app.SeedAsync(Seed.Post("fa", "first"), Seed.Post("fa", "second"));
        using var reader = app.CreateClient();
        foreach (var url in CachedReads)
        {
            using var warm = await reader.GetAsync(url, ct);
            Assert.That(warm.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"GET {url} before the outage");
        }

        using var admin = await app.CreateKeyClientAsync(Roles.Admin);
        admin.Timeout = TimeSpan.FromSeconds(30);
        var load = WriteLoad.Start(admin, writers: 4);
        try
        {
            await EventuallyAsync(() => Task.FromResult(load.Created.Count >= 20), TimeSpan.FromSeconds(60), "20 posts created before the kill", ct);

            // The supervisor takes the data directory's start lock to start the cluster again: while the
            // test holds it, the outage lasts for as long as the checks below need.
            var startLock = await LocalPostgres.LockDataDirAsync(app.DataDir, ct);
            try
            {
                var killedAt = Stopwatch.GetTimestamp();
                KillPostmaster(app.DataDir);
                await EventuallyAsync(async () => await StaleSecondsAsync(reader, CachedReads[0], ct) is not null, TimeSpan.FromSeconds(10),
                    $"{PublicCaching.StaleHeader} on a cached answer after the kill", ct);
                await EventuallyAsync(() => Task.FromResult(load.RefusedSince(killedAt) >= 8), TimeSpan.FromSeconds(10), "8 writes refused during the outage", ct);

                foreach (var url in CachedReads)
                {
                    using var cached = await reader.GetAsync(url, ct);
                    Assert.Multiple(() =>
                    {
                        Assert.That(cached.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"GET {url}: cached answers are served while PostgreSQL is down");
                        Assert.That(cached.Headers.TryGetValues(PublicCaching.StaleHeader, out var stale) && long.TryParse(stale.Single(), out var s) && s >= 0,
                            $"GET {url} says how stale it may be");
                    });
                }

                using (var uncached = await reader.GetAsync(UncachedRead, ct))
                {
                    await AssertUnavailableAsync(uncached, $"GET {UncachedRead} (not cached)");
                }

                using (var editorial = await admin.GetAsync($"/v1/admin/posts/{load.Created.First().Id}", ct))
                {
                    await AssertUnavailableAsync(editorial, "GET of an admin post (its key cannot be checked)");
                }

                using var ready = await reader.GetAsync("/health/ready", ct);
                using var live = await reader.GetAsync("/health/live", ct);
                Assert.Multiple(() =>
                {
                    Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), "/health/ready while PostgreSQL is down");
                    Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK), "/health/live while PostgreSQL is down");
                });

                // Long enough for the media sweeper (every second here) to fail a pass too.
                var held = Stopwatch.GetElapsedTime(killedAt);
                if (held < TimeSpan.FromSeconds(2.5))
                {
                    await Task.Delay(TimeSpan.FromSeconds(2.5) - held, ct);
                }
            }
            finally
            {
                await startLock.DisposeAsync();
            }

            var clusterBack = await WaitForClusterAsync(app.ConnectionString, ct);
            await EventuallyAsync(() => Task.FromResult(load.CreatedSince(clusterBack).Any()), TimeSpan.FromSeconds(30),
                "a post created after the cluster accepted connections again", ct);
            var recovery = Stopwatch.GetElapsedTime(clusterBack, load.CreatedSince(clusterBack).Min(c => c.At));
            await TestContext.Progress.WriteLineAsync($"First write {recovery.TotalSeconds:0.000} s after the cluster accepted connections again.");
            Assert.That(recovery, Is.LessThanOrEqualTo(Recovery), "from the cluster accepting connections to the first successful write");

            var resumedAt = Stopwatch.GetTimestamp();
            await EventuallyAsync(() => Task.FromResult(load.CreatedSince(resumedAt).Count() >= 10), TimeSpan.FromSeconds(30), "10 more posts after the recovery", ct);
        }
        finally
        {
            await load.StopAsync();
        }

        Assert.Multiple(() =>
        {
            Assert.That(load.Statuses.Keys, Is.SubsetOf(new[] { HttpStatusCode.Created, HttpStatusCode.ServiceUnavailable }),
                $"write statuses: {string.Join(", ", load.Statuses.Select(s => $"{(int)s.Key}×{s.Value}"))}");
            Assert.That(load.Faults, Is.Empty, "every refused write is a problem+json with Retry-After");
        });

        // The database is back for everything: the answers are fresh again, the content-change
        // listener hears changes made elsewhere again, and every acknowledged write is there.
        await EventuallyAsync(async () => await StaleSecondsAsync(reader, CachedReads[0], ct) is null, TimeSpan.FromSeconds(10),
            $"cached answers without {PublicCaching.StaleHeader} after the recovery", ct);
        var (exitCode, output) = await app.ImportAsync(Seed.Post("fa", "third", "2024-02-01T00:00:00Z"));
        Assert.That(exitCode, Is.Zero, output);
        await EventuallyAsync(async () =>
        {
            using var list = await reader.GetAsync("/v1/fa/posts", ct);
            return list.IsSuccessStatusCode && (await list.Content.ReadAsStringAsync(ct)).Contains("\"third\"", StringComparison.Ordinal);
        }, Recovery, "an import after the outage shows in the cached list (LISTEN resumed)", ct);

        foreach (var (id, _) in load.Created)
        {
            using var post = await admin.GetAsync($"/v1/admin/posts/{id}", ct);
            Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"acknowledged post {id} after the outage");
        }

        await TestContext.Progress.WriteLineAsync($"{load.Created.Count} posts acknowledged, all present; write statuses: " +
            string.Join(", ", load.Statuses.Select(s => $"{(int)s.Key}×{s.Value}")));
        AssertOutageLoggedOnce(logs);
    }

    /// <summary>SIGKILL to the postmaster alone (its children notice and exit by themselves).</summary>
    private static void KillPostmaster(string dataDir)
    {
        var pid = int.Parse(File.ReadLines(Path.Combine(dataDir, "postgres", "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);
        using var postmaster = Process.GetProcessById(pid);
        Assert.That(postmaster.ProcessName, Is.EqualTo("postgres"), $"pid {pid} from postmaster.pid");
        postmaster.Kill();
    }

    /// <summary>Waits until the cluster takes connections again; returns when (a Stopwatch timestamp).</summary>
    private static async Task<long> WaitForClusterAsync(string connectionString, CancellationToken ct)
    {
        var probe = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 1 }.ConnectionString;
        long back = 0;
        await EventuallyAsync(async () =>
        {
            try
            {
                await using var conn = new NpgsqlConnection(probe);
                await conn.OpenAsync(ct);
                back = Stopwatch.GetTimestamp();
                return true;
            }
            catch (NpgsqlException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(60), "the supervisor starting the cluster again", ct);
        return back;
    }

    private static async Task<string?> StaleSecondsAsync(HttpClient reader, string url, CancellationToken ct)
    {
        using var response = await reader.GetAsync(url, ct);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"GET {url}");
        return response.Headers.TryGetValues(PublicCaching.StaleHeader, out var values) ? values.Single() : null;
    }

    private static async Task AssertUnavailableAsync(HttpResponseMessage response, string what)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), $"{what}: {body}");
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), what);
            Assert.That(response.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero), $"{what}: Retry-After");
        });
    }

    /// <summary>
    /// One line when PostgreSQL goes away and one when it is back, from the status and from the
    /// supervisor (which may add a line per failed start); nothing else worth a warning, no stack traces.
    /// </summary>
    private static void AssertOutageLoggedOnce(LogRecorder logs)
    {
        var entries = logs.Entries;
        var log = string.Join('\n', entries);
        string[] outageCategories = [typeof(DatabaseStatus).FullName!, typeof(LocalPostgresSupervisor).FullName!];
        int Count<T>(LogLevel level, string text) =>
            entries.Count(e => e.Category == typeof(T).FullName && e.Level == level && e.Message.Contains(text, StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(Count<DatabaseStatus>(LogLevel.Warning, "PostgreSQL does not answer"), Is.EqualTo(1), log);
            Assert.That(Count<DatabaseStatus>(LogLevel.Information, "PostgreSQL answers again"), Is.EqualTo(1), log);
            Assert.That(Count<LocalPostgresSupervisor>(LogLevel.Warning, "is not running; starting it again"), Is.EqualTo(1), log);
            Assert.That(Count<LocalPostgresSupervisor>(LogLevel.Information, "runs again"), Is.EqualTo(1), log);
            Assert.That(entries.Where(e => e.Level >= LogLevel.Warning && !outageCategories.Contains(e.Category)), Is.Empty, log);
            Assert.That(entries.Where(e => e.Exception is not null), Is.Empty, log);
        });
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        while (!await condition())
        {
            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                Assert.Fail($"Waited {timeout.TotalSeconds} s for {what}.");
            }

            await Task.Delay(50, ct);
        }
    }

    /// <summary>Clients creating draft posts (which move no public content version) as fast as they are answered.</summary>
    private sealed class WriteLoad
    {
        private volatile bool _stopping;
        private readonly ConcurrentQueue<(long Id, long At)> _created = new();
        private readonly ConcurrentQueue<long> _refused = new();
        private Task _writers = Task.CompletedTask;

        public IReadOnlyCollection<(long Id, long At)> Created => [.. _created];

        public ConcurrentDictionary<HttpStatusCode, int> Statuses { get; } = new();

        public ConcurrentQueue<string> Faults { get; } = new();

        public static WriteLoad Start(HttpClient client, int writers)
        {
            var load = new WriteLoad();
            load._writers = Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(() => load.WriteAsync(client, w))));
            return load;
        }

        public IEnumerable<(long Id, long At)> CreatedSince(long mark) => _created.Where(c => c.At >= mark);

        public int RefusedSince(long mark) => _refused.Count(at => at >= mark);

        public async Task StopAsync()
        {
            _stopping = true;
            await _writers.WaitAsync(TimeSpan.FromSeconds(60));
        }

        private async Task WriteAsync(HttpClient client, int writer)
        {
            for (var n = 0; !_stopping; n++)
            {
                try
                {
                    // Never cancelled: a write cut off half-way would be neither acknowledged nor refused.
                    using var response = await client.PostAsJsonAsync("/v1/admin/posts",
                        new { edition = "en", title = $"Load {writer}-{n}", bodyHtml = "<p>x</p>" }, CancellationToken.None);
                    Statuses.AddOrUpdate(response.StatusCode, 1, (_, count) => count + 1);
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        var post = await response.Content.ReadFromJsonAsync<JsonElement>();
                        _created.Enqueue((post.GetProperty("id").GetInt64(), Stopwatch.GetTimestamp()));
                        continue;
                    }

                    _refused.Enqueue(Stopwatch.GetTimestamp());
                    if (response.Content.Headers.ContentType?.MediaType != "application/problem+json" || response.Headers.RetryAfter is null)
                    {
                        Faults.Enqueue($"{(int)response.StatusCode} {response.Content.Headers.ContentType} Retry-After: {response.Headers.RetryAfter}");
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    Faults.Enqueue($"no answer: {ex.Message}");
                }

                await Task.Delay(50, CancellationToken.None);
            }
        }
    }
}
