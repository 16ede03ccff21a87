using System.Net;
using Nejat.Cms.Api.Features.Editorial;

namespace Nejat.Cms.Api.Tests.Features.Posts;

public sealed class SchedulingTests
{
    [Test]
    public async Task AScheduledPostGoesPublicAtItsTimeExactlyOnceAcrossTwoInstances()
    {
        var fastScheduler = new Dictionary<string, string?> { ["Cms:SchedulerInterval"] = "00:00:00.100" };
        await using var first = await CmsApp.StartAsync(fastScheduler);
        await using var second = await CmsApp.StartAsync(fastScheduler, first.ConnectionString);
        using var editor = await first.CreateKeyClientAsync(Roles.Editor, "fa");

        var created = await editor.PostJsonAsync("/v1/admin/posts", new { edition = "fa", title = "زمان‌بندی‌شده" });
        var id = created.Body.GetProperty("id").GetInt64();
        var scheduled = await editor.PostJsonAsync($"/v1/admin/posts/{id}/schedule", new { publishAt = DateTimeOffset.UtcNow.AddSeconds(2) }, created.ETag);
        Assert.That(scheduled.Status, Is.EqualTo(HttpStatusCode.OK), scheduled.Body.ToString());
        await first.GetProblemAsync($"/v1/fa/posts/{Uri.EscapeDataString("زمان‌بندی‌شده")}", HttpStatusCode.NotFound);

        // No request drives it: poll the public API of the other instance until the post appears.
        using var reader = second.CreateClient();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        HttpStatusCode status;
        do
        {
            await Task.Delay(200);
            status = (await reader.GetAsync($"/v1/fa/posts/{Uri.EscapeDataString("زمان‌بندی‌شده")}")).StatusCode;
        }
        while (status != HttpStatusCode.OK && DateTime.UtcNow < deadline);

        await Task.Delay(500); // give a second publication, if there were to be one, time to happen
        var revisions = await editor.GetFromJsonAsync($"/v1/admin/posts/{id}/revisions");
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(revisions.EnumerateArray().Count(r => r.GetProperty("action").GetString() == "publish-scheduled"), Is.EqualTo(1));
            Assert.That(revisions[0].GetProperty("keyName").GetString(), Is.EqualTo("scheduler"));
        });
    }

    [TestCase(-60)]
    [TestCase(null)]
    public async Task ScheduleNeedsAFutureTime(int? secondsFromNow)
    {
        await using var app = await CmsApp.StartAsync();
        using var editor = await app.CreateKeyClientAsync(Roles.Editor);
        var created = await editor.PostJsonAsync("/v1/admin/posts", new { edition = "en", title = "Later" });
        var reply = await editor.PostJsonAsync($"/v1/admin/posts/{created.Body.GetProperty("id")}/schedule",
            new { publishAt = secondsFromNow is { } s ? DateTimeOffset.UtcNow.AddSeconds(s) : (DateTimeOffset?)null }, created.ETag);
        Assert.Multiple(() =>
        {
            Assert.That(reply.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(reply.Body.GetProperty("errors").TryGetProperty("publishAt", out _), Is.True);
        });
    }

    [Test]
    public async Task UnpublishTakesAPostOutOfThePublicApiAtOnce()
    {
        await using var app = await CmsApp.StartAsync();
        using var editor = await app.CreateKeyClientAsync(Roles.Editor);
        var created = await editor.PostJsonAsync("/v1/admin/posts", new { edition = "en", title = "Now you see it", status = "published" });
        await app.GetJsonAsync("/v1/en/posts/now-you-see-it");
        var unpublished = await editor.PostJsonAsync($"/v1/admin/posts/{created.Body.GetProperty("id")}/unpublish", new { }, created.ETag);
        Assert.That(unpublished.Body.GetProperty("status").GetString(), Is.EqualTo("draft"));
        await app.GetProblemAsync("/v1/en/posts/now-you-see-it", HttpStatusCode.NotFound);
    }
}
