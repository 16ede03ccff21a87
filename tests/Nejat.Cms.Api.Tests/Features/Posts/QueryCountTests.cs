using System.Collections.Concurrent;
using System.Diagnostics;

namespace Nejat.Cms.Api.Tests.Features.Posts;

/// <summary>
/// A page of posts costs the same round trips to PostgreSQL however many posts, tags, authors and
/// translations it shows (no N+1). Counted from Npgsql's own tracing: every command it runs for a
/// request shares the request's trace id, which the test chooses.
/// </summary>
public sealed class QueryCountTests
{
    private CmsApp _app = null!;
    private ActivityListener _listener = null!;
    private readonly ConcurrentDictionary<ActivityTraceId, int> _commands = new();

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Npgsql" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.Source.Name == "Npgsql")
                {
                    _commands.AddOrUpdate(activity.TraceId, 1, (_, n) => n + 1);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
        // The output cache would answer repeats without any query at all.
        _app = await CmsApp.StartAsync(new() { ["Cms:OutputCache"] = "false" });
        await _app.SeedAsync([
            Seed.Author("ana", "Ana"),
            .. Enumerable.Range(1, 30).Select(i => Seed.Tag("en", $"t{i}", $"Tag {i}")),
            .. Enumerable.Range(1, 60).SelectMany(i => new[]
            {
                Seed.Post("en", $"p{i}", $"2024-01-01T00:{i - 1:00}:00Z", tags: [$"t{i % 30 + 1}", $"t{(i + 7) % 30 + 1}"], author: "ana", translationKey: $"s{i}"),
                Seed.Post("sq", $"p{i}", $"2024-01-01T00:{i - 1:00}:00Z", translationKey: $"s{i}"),
            }),
        ]);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _listener.Dispose();
        await _app.DisposeAsync();
    }

    private async Task<int> CommandsForAsync(string url)
    {
        var traceId = ActivityTraceId.CreateRandom();
        using var client = _app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        using var response = await client.SendAsync(request);
        Assert.That(response.IsSuccessStatusCode, url);
        return _commands.GetValueOrDefault(traceId);
    }

    [TestCase("/v1/en/posts?perPage={0}")]
    [TestCase("/v1/en/posts?perPage={0}&author=ana")]
    [TestCase("/v1/en/posts?perPage={0}&tag=t1&count=false")]
    public async Task APageOfPostsCostsTheSameRoundTripsWhateverItsSize(string url)
    {
        var small = await CommandsForAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, url, 1));
        var large = await CommandsForAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, url, 50));
        Assert.Multiple(() =>
        {
            Assert.That(small, Is.InRange(1, 2), "a filter lookup at most, then total and page in one round trip");
            Assert.That(large, Is.EqualTo(small));
        });
    }

    [Test]
    public async Task APostWithItsNeighboursTagsAuthorAndTranslationsIsOneQuery() =>
        Assert.That(await CommandsForAsync("/v1/en/posts/p30"), Is.EqualTo(1));
}
