using System.Diagnostics;
using System.Net;
using Nejat.Cms.Api.Features.Editorial;
using Npgsql;

namespace Nejat.Cms.Api.Tests.Hosting;

/// <summary>Rate limits per client and key (429 with Retry-After, never for a cached answer) and the statement time limit.</summary>
public sealed class AbuseLimitTests
{
    private CmsApp _app = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        // No exempt networks, so that this machine's requests count; small budgets (bursts of five seconds' worth).
        _app = await CmsApp.StartAsync(new()
        {
            ["Cms:RateLimitExemptNetworks"] = "",
            ["Cms:SearchesPerSecond"] = "1",
            ["Cms:PublicRequestsPerSecond"] = "2",
            ["Cms:AdminWritesPerSecond"] = "1",
        });
        await _app.SeedAsync(Seed.Post("en", "refugees-return", title: "Refugees return"));
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _app.DisposeAsync();

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string url, string? forwardedFor = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return await client.SendAsync(request);
    }

    [Test]
    public async Task SearchesBeyondTheBudgetAre429ProblemsWithRetryAfter()
    {
        using var client = _app.CreateClient();
        // All at once, so that however slow the machine, they come faster than a token a second.
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => GetAsync(client, $"/v1/en/search?q=refugees{i}", forwardedFor: "203.0.113.7")));
        var statuses = responses.Select(r => r.StatusCode).ToList();
        var refused = responses.FirstOrDefault(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.That(refused, Is.Not.Null, string.Join(", ", statuses));
        Assert.Multiple(async () =>
        {
            // A burst of five seconds' worth passes (and a token a second comes back while they run).
            Assert.That(statuses.Count(s => s == HttpStatusCode.OK), Is.GreaterThanOrEqualTo(5));
            Assert.That(refused!.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(refused.Headers.RetryAfter?.Delta, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1)));
            Assert.That(await refused.Content.ReadAsStringAsync(), Does.Contain("try again in"));
        });
    }

    [Test]
    public async Task AnAnswerFromTheOutputCacheIsNeverRefusedAndEachClientHasItsOwnBudget()
    {
        using var client = _app.CreateClient();
        const string cached = "/v1/en/posts/refugees-return";
        var warm = await GetAsync(client, cached, forwardedFor: "198.51.100.1");
        var misses = (await Task.WhenAll(Enumerable.Range(1, 30).Select(i => GetAsync(client, $"/v1/en/posts?page={i}", forwardedFor: "198.51.100.1"))))
            .Select(r => r.StatusCode).ToList();
        var cachedAfter = await GetAsync(client, cached, forwardedFor: "198.51.100.1");
        var otherClient = await GetAsync(client, "/v1/en/posts?page=99", forwardedFor: "198.51.100.2");
        Assert.Multiple(() =>
        {
            Assert.That(warm.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(misses, Does.Contain(HttpStatusCode.TooManyRequests), "misses beyond the budget are refused");
            Assert.That(cachedAfter.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the cached answer still comes");
            Assert.That(otherClient.StatusCode, Is.EqualTo(HttpStatusCode.OK), "another address (through the trusted proxy) has its own budget");
        });
    }

    [Test]
    public async Task AdminWritesCountPerKey()
    {
        using var first = await _app.CreateKeyClientAsync(Roles.Editor);
        using var second = await _app.CreateKeyClientAsync(Roles.Editor);
        var statuses = (await Task.WhenAll(Enumerable.Range(0, 15).Select(i => first.PostJsonAsync("/v1/admin/tags", new { edition = "en", name = $"Tag {i}" }))))
            .Select(r => r.Status).ToList();
        var byOtherKey = await second.PostJsonAsync("/v1/admin/tags", new { edition = "en", name = "Other" });
        var readsStillAnswer = await first.SendAsync(HttpMethod.Get, "/v1/admin/tags?edition=en");
        Assert.Multiple(() =>
        {
            Assert.That(statuses.Count(s => s == HttpStatusCode.Created), Is.GreaterThanOrEqualTo(5), "a burst of five seconds' worth passes");
            Assert.That(statuses, Does.Contain(HttpStatusCode.TooManyRequests));
            Assert.That(byOtherKey.Status, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(readsStillAnswer.Status, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task AStatementOverItsTimeLimitIsA503AndTheServiceAnswersOnceItIsFree()
    {
        await using var app = await CmsApp.StartAsync(new() { ["Cms:StatementTimeout"] = "00:00:00.5", ["Cms:OutputCache"] = "false" });
        using var client = app.CreateClient();
        await using var blocker = new NpgsqlConnection(app.ConnectionString);
        await blocker.OpenAsync();
        await using (var transaction = await blocker.BeginTransactionAsync())
        {
            await using (var lockPosts = new NpgsqlCommand("LOCK TABLE posts IN ACCESS EXCLUSIVE MODE", blocker, transaction))
            {
                await lockPosts.ExecuteNonQueryAsync();
            }

            var clock = Stopwatch.StartNew();
            using var blocked = await client.GetAsync("/v1/en/posts");
            var waited = clock.Elapsed;
            Assert.Multiple(async () =>
            {
                Assert.That(blocked.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
                Assert.That(blocked.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
                Assert.That(blocked.Headers.RetryAfter, Is.Not.Null);
                Assert.That(await blocked.Content.ReadAsStringAsync(), Does.Contain("took too long"));
                Assert.That(waited, Is.LessThan(TimeSpan.FromSeconds(10)), "not a hang");
            });
        }

        using var free = await client.GetAsync("/v1/en/posts");
        Assert.That(free.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
