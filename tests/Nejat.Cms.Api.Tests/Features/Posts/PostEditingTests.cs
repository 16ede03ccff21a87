using System.Net;
using System.Text.Json;
using Nejat.Cms.Api.Features.Editorial;

namespace Nejat.Cms.Api.Tests.Features.Posts;

public sealed class PostEditingTests
{
    private CmsApp _app = null!;
    private HttpClient _farsiEditor = null!;
    private HttpClient _farsiAuthor = null!;
    private HttpClient _previewer = null!;
    private HttpClient _admin = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await CmsApp.StartAsync();
        await _app.SeedAsync(
            Seed.Author("maryam", "مریم"),
            Seed.Tag("fa", "حقوق-بشر", "حقوق بشر"),
            Seed.Post("en", "english-front-page", "2024-01-01T00:00:00Z"));
        _farsiEditor = await _app.CreateKeyClientAsync(Roles.Editor, "fa");
        _farsiAuthor = await _app.CreateKeyClientAsync(Roles.Author, "fa");
        _previewer = await _app.CreateKeyClientAsync(Roles.Previewer);
        _admin = await _app.CreateKeyClientAsync(Roles.Admin);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        foreach (var client in new[] { _farsiEditor, _farsiAuthor, _previewer, _admin })
        {
            client.Dispose();
        }

        await _app.DisposeAsync();
    }

    private static object Draft(string title, string? slug = null, string[]? tags = null, string? bodyHtml = null) => new
    {
        edition = "fa",
        slug,
        title,
        excerpt = "خلاصه",
        bodyHtml = bodyHtml ?? "<p dir=\"rtl\">متن</p>",
        author = "maryam",
        byline = "گزارش از هرات",
        tags = tags ?? ["حقوق-بشر"],
    };

    private static long IdOf(EditorialClient.Reply reply) => reply.Body.GetProperty("id").GetInt64();

    private static string[] ErrorFields(EditorialClient.Reply reply) =>
        reply.Body.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToArray();

    [Test]
    public async Task AFarsiEditorDraftsEditsAndPublishesAndThePublicSeesIt()
    {
        var created = await _farsiEditor.PostJsonAsync("/v1/admin/posts", Draft("خانه‌ها در هرات؟"));
        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created), created.Body.ToString());
        var id = IdOf(created);
        Assert.Multiple(() =>
        {
            Assert.That(created.Body.GetProperty("slug").GetString(), Is.EqualTo("خانه‌ها-در-هرات"));
            Assert.That(created.Body.GetProperty("status").GetString(), Is.EqualTo("draft"));
            Assert.That(created.ETag, Is.EqualTo("\"1\""));
            Assert.That(created.Location, Is.EqualTo($"/v1/admin/posts/{id}"));
        });
        await _app.GetProblemAsync($"/v1/fa/posts/{Uri.EscapeDataString("خانه‌ها-در-هرات")}", HttpStatusCode.NotFound);

        var edited = await _farsiEditor.SendAsync(HttpMethod.Patch, $"/v1/admin/posts/{id}", new { title = "خانه‌ها در هرات امروز" }, created.ETag, "application/merge-patch+json");
        var published = await _farsiEditor.PostJsonAsync($"/v1/admin/posts/{id}/publish", new { }, edited.ETag);
        var post = await _app.GetJsonAsync($"/v1/fa/posts/{Uri.EscapeDataString("خانه‌ها-در-هرات")}");
        Assert.Multiple(() =>
        {
            Assert.That(edited.Status, Is.EqualTo(HttpStatusCode.OK), edited.Body.ToString());
            Assert.That(edited.Body.GetProperty("byline").GetString(), Is.EqualTo("گزارش از هرات"), "PATCH leaves other fields");
            Assert.That(published.Status, Is.EqualTo(HttpStatusCode.OK), published.Body.ToString());
            Assert.That(published.ETag, Is.EqualTo("\"3\""));
            Assert.That(post.GetProperty("title").GetString(), Is.EqualTo("خانه‌ها در هرات امروز"));
            Assert.That(post.GetProperty("primaryTag").GetProperty("slug").GetString(), Is.EqualTo("حقوق-بشر"));
        });
    }

    [Test]
    public async Task AFarsiEditorCannotTouchEnglish()
    {
        var english = await _admin.GetFromJsonAsync("/v1/admin/posts?edition=en");
        var id = english.GetProperty("items")[0].GetProperty("id").GetInt64();
        var created = await _farsiEditor.PostJsonAsync("/v1/admin/posts", new { edition = "en", title = "Front page" });
        var edited = await _farsiEditor.SendAsync(HttpMethod.Put, $"/v1/admin/posts/{id}", new { edition = "en", title = "Hijacked" }, "\"1\"");
        var unpublished = await _farsiEditor.PostJsonAsync($"/v1/admin/posts/{id}/unpublish", new { }, "\"1\"");
        Assert.Multiple(() =>
        {
            foreach (var reply in new[] { created, edited, unpublished })
            {
                Assert.That(reply.Status, Is.EqualTo(HttpStatusCode.Forbidden));
                Assert.That(reply.ContentType, Is.EqualTo("application/problem+json"));
                Assert.That(reply.Body.GetProperty("detail").GetString(), Does.Contain("'en'"));
            }
        });
    }

    [Test]
    public async Task WritesNeedIfMatchAndAStaleOneIsA412WithTheCurrentVersion()
    {
        var created = await _farsiEditor.PostJsonAsync("/v1/admin/posts", Draft("نسخه"));
        var id = IdOf(created);
        var missing = await _farsiEditor.SendAsync(HttpMethod.Put, $"/v1/admin/posts/{id}", Draft("بی‌شرط"));
        var first = await _farsiEditor.SendAsync(HttpMethod.Put, $"/v1/admin/posts/{id}", Draft("اول"), "\"1\"");
        var stale = await _farsiEditor.SendAsync(HttpMethod.Put, $"/v1/admin/posts/{id}", Draft("دوم"), "\"1\"");
        var malformed = await _farsiEditor.SendAsync(HttpMethod.Put, $"/v1/admin/posts/{id}", Draft("سوم"), "W/\"2\"");
        Assert.Multiple(() =>
        {
            Assert.That(missing.Status, Is.EqualTo(HttpStatusCode.PreconditionRequired));
            Assert.That(first.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(stale.Status, Is.EqualTo(HttpStatusCode.PreconditionFailed));
            Assert.That(stale.Body.GetProperty("currentVersion").GetInt32(), Is.EqualTo(2));
            Assert.That(malformed.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        });
    }

    [Test]
    public async Task ConcurrentWritersNeverSilentlyOverwriteEachOther()
    {
        var created = await _farsiEditor.PostJsonAsync("/v1/admin/posts", Draft("همزمان"));
        var id = IdOf(created);
        var writers = Enumerable.Range(1, 8).Select(i =>
            _farsiEditor.SendAsync(HttpMethod.Patch, $"/v1/admin/posts/{id}", new { excerpt = $"writer {i}" }, created.ETag, "application/merge-patch+json"));
        var replies = await Task.WhenAll(writers);
        var winners = replies.Where(r => r.Status == HttpStatusCode.OK).ToArray();
        var post = await _farsiEditor.GetFromJsonAsync($"/v1/admin/posts/{id}");
        var revisions = await _farsiEditor.GetFromJsonAsync($"/v1/admin/posts/{id}/revisions");
        Assert.Multiple(() =>
        {
            Assert.That(winners, Has.Length.EqualTo(1), "exactly one write wins");
            Assert.That(replies.Count(r => r.Status == HttpStatusCode.PreconditionFailed), Is.EqualTo(7), "the others are told, not lost");
            Assert.That(post.GetProperty("excerpt").GetString(), Is.EqualTo(winners[0].Body.GetProperty("excerpt").GetString()));
            Assert.That(revisions.GetArrayLength(), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task AnAuthorDraftsAndEditsOnlyItsOwnAndCannotPublish()
    {
        var own = await _farsiAuthor.PostJsonAsync("/v1/admin/posts", Draft("پیش‌نویس نویسنده"));
        var editorsDraft = await _farsiEditor.PostJsonAsync("/v1/admin/posts", Draft("پیش‌نویس ویراستار"));
        var editOwn = await _farsiAuthor.SendAsync(HttpMethod.Put, $"/v1/admin/posts/{IdOf(own)}", Draft("پیش‌نویس نویسنده ۲"), own.ETag);
        var editOthers = await _farsiAuthor.SendAsync(HttpMethod.Put, $"/v1/admin/posts/{IdOf(editorsDraft)}", Draft("دستکاری"), editorsDraft.ETag);
        var publish = await _farsiAuthor.PostJsonAsync($"/v1/admin/posts/{IdOf(own)}/publish", new { }, editOwn.ETag);
        var createPublished = await _farsiAuthor.PostJsonAsync("/v1/admin/posts", new { edition = "fa", title = "فوری", status = "published" });
        var deleteOthers = await _farsiAuthor.SendAsync(HttpMethod.Delete, $"/v1/admin/posts/{IdOf(editorsDraft)}", ifMatch: editorsDraft.ETag);
        var deleteOwn = await _farsiAuthor.SendAsync(HttpMethod.Delete, $"/v1/admin/posts/{IdOf(own)}", ifMatch: editOwn.ETag);
        Assert.Multiple(() =>
        {
            Assert.That(own.Status, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(editOwn.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(editOthers.Status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(publish.Status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(publish.Body.GetProperty("detail").GetString(), Does.Contain("role editor or admin"));
            Assert.That(createPublished.Status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(deleteOthers.Status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(deleteOwn.Status, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task APreviewerReadsButWritesNothing()
    {
        var create = await _previewer.PostJsonAsync("/v1/admin/posts", Draft("پیش‌نمایش"));
        Assert.Multiple(async () =>
        {
            Assert.That(create.Status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That((await _previewer.SendAsync(HttpMethod.Get, "/v1/admin/posts")).Status, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [TestCase("""{"edition":"fa"}""", "title")]
    [TestCase("""{"title":"بی‌نسخه"}""", "edition")]
    [TestCase("""{"edition":"fa","title":"ت","slug":"Bad Slug"}""", "slug")]
    [TestCase("""{"edition":"fa","title":"ت","author":"nobody"}""", "author")]
    [TestCase("""{"edition":"xx","title":"ت"}""", "edition")]
    [TestCase("""{"edition":"fa","title":"ت","colour":"red"}""", "colour")]
    [TestCase("""{"edition":"fa","title":"ت","publishedAt":"yesterday"}""", "publishedAt")]
    [TestCase("""{"edition":"fa","title":"ت","status":"scheduled","publishedAt":"2020-01-01T00:00:00Z"}""", "publishedAt")]
    [TestCase("""{"edition":"fa","title":"ت","status":"live"}""", "status")]
    public async Task AnInvalidPostIsA400NamingTheField(string body, string field)
    {
        var reply = await _admin.PostJsonAsync("/v1/admin/posts", body);
        Assert.Multiple(() =>
        {
            Assert.That(reply.Status, Is.EqualTo(HttpStatusCode.BadRequest), reply.Body.ToString());
            Assert.That(ErrorFields(reply), Does.Contain(field));
        });
    }

    [Test]
    public async Task AnOversizeBodyIsA400()
    {
        await using var app = await CmsApp.StartAsync(new() { ["Cms:MaxBodyHtmlLength"] = "1000" });
        using var admin = await app.CreateKeyClientAsync(Roles.Admin);
        var reply = await admin.PostJsonAsync("/v1/admin/posts", new { edition = "en", title = "Long", bodyHtml = new string('a', 1001) });
        Assert.That(ErrorFields(reply), Is.EqualTo(new[] { "bodyHtml" }));
    }

    [Test]
    public async Task SlugsComeFromTitlesAndStayUniqueInTheEdition()
    {
        var first = await _admin.PostJsonAsync("/v1/admin/posts", new { edition = "ar", title = "اللاجئون في أوروبا!" });
        var second = await _admin.PostJsonAsync("/v1/admin/posts", new { edition = "ar", title = "اللاجئون في أوروبا" });
        var chosenTaken = await _admin.PostJsonAsync("/v1/admin/posts", new { edition = "ar", title = "أخرى", slug = "اللاجئون-في-أوروبا" });
        var albanian = await _admin.PostJsonAsync("/v1/admin/posts", new { edition = "sq", title = "Refugjatët në Shqipëri" });
        Assert.Multiple(() =>
        {
            Assert.That(first.Body.GetProperty("slug").GetString(), Is.EqualTo("اللاجئون-في-أوروبا"));
            Assert.That(second.Body.GetProperty("slug").GetString(), Is.EqualTo("اللاجئون-في-أوروبا-2"));
            Assert.That(chosenTaken.Status, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(albanian.Body.GetProperty("slug").GetString(), Is.EqualTo("refugjatët-në-shqipëri"));
        });
    }

    [Test]
    public async Task RenamingAPublishedPostKeepsItsOldSlugAsA301()
    {
        var created = await _admin.PostJsonAsync("/v1/admin/posts", new { edition = "en", title = "Old name", status = "published" });
        var renamed = await _admin.SendAsync(HttpMethod.Patch, $"/v1/admin/posts/{IdOf(created)}", new { slug = "new-name" }, created.ETag, "application/merge-patch+json");
        using var kestrel = _app.CreateClient();
        using var noRedirects = new HttpClientHandler { AllowAutoRedirect = false };
        using var client = new HttpClient(noRedirects) { BaseAddress = kestrel.BaseAddress };
        using var old = await client.GetAsync("/v1/en/posts/old-name");
        Assert.Multiple(async () =>
        {
            Assert.That(renamed.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(old.StatusCode, Is.EqualTo(HttpStatusCode.MovedPermanently));
            Assert.That(old.Headers.Location?.ToString(), Is.EqualTo("/v1/en/posts/new-name"));
            Assert.That((await _app.GetJsonAsync("/v1/en/posts/new-name")).GetProperty("slug").GetString(), Is.EqualTo("new-name"));
        });
    }

    [Test]
    public async Task TrashHidesAPostRestoreBringsItBackAsADraftAndPurgeDeletesIt()
    {
        var created = await _farsiEditor.PostJsonAsync("/v1/admin/posts", new { edition = "fa", title = "سطل زباله", status = "published" });
        var id = IdOf(created);
        var trashed = await _farsiEditor.SendAsync(HttpMethod.Delete, $"/v1/admin/posts/{id}", ifMatch: created.ETag);
        var publicAfterTrash = await _app.GetProblemAsync($"/v1/fa/posts/{Uri.EscapeDataString("سطل-زباله")}", HttpStatusCode.NotFound);
        var trash = await _farsiEditor.GetFromJsonAsync("/v1/admin/posts?status=trashed");
        var listed = await _farsiEditor.GetFromJsonAsync("/v1/admin/posts?perPage=100");
        var restored = await _farsiEditor.PostJsonAsync($"/v1/admin/posts/{id}/restore", new { }, trashed.ETag);
        var trashedAgain = await _farsiEditor.SendAsync(HttpMethod.Delete, $"/v1/admin/posts/{id}", ifMatch: restored.ETag);
        var purged = await _farsiEditor.SendAsync(HttpMethod.Delete, $"/v1/admin/posts/{id}?purge=true", ifMatch: trashedAgain.ETag);
        Assert.Multiple(async () =>
        {
            Assert.That(trashed.Body.GetProperty("status").GetString(), Is.EqualTo("trashed"));
            Assert.That(publicAfterTrash.GetProperty("title").GetString(), Is.EqualTo("Post not found"));
            Assert.That(trash.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetInt64()), Does.Contain(id));
            Assert.That(listed.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetInt64()), Does.Not.Contain(id));
            Assert.That(restored.Body.GetProperty("status").GetString(), Is.EqualTo("draft"));
            Assert.That(purged.Status, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That((await _farsiEditor.SendAsync(HttpMethod.Get, $"/v1/admin/posts/{id}")).Status, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task RevisionsKeepEveryVersionAndARestoreIsANewRevision()
    {
        var created = await _farsiEditor.PostJsonAsync("/v1/admin/posts", Draft("نسخه اول"));
        var id = IdOf(created);
        var second = await _farsiEditor.SendAsync(HttpMethod.Patch, $"/v1/admin/posts/{id}", new { title = "نسخه دوم", byline = (string?)null }, created.ETag, "application/merge-patch+json");
        var restored = await _farsiEditor.PostJsonAsync($"/v1/admin/posts/{id}/revisions/1/restore", new { }, second.ETag);
        var revisions = await _farsiEditor.GetFromJsonAsync($"/v1/admin/posts/{id}/revisions");
        var first = await _farsiEditor.GetFromJsonAsync($"/v1/admin/posts/{id}/revisions/1");
        Assert.Multiple(async () =>
        {
            Assert.That(second.Body.GetProperty("byline").ValueKind, Is.EqualTo(JsonValueKind.Null), "merge patch null removes");
            Assert.That(restored.Body.GetProperty("title").GetString(), Is.EqualTo("نسخه اول"));
            Assert.That(restored.Body.GetProperty("byline").GetString(), Is.EqualTo("گزارش از هرات"));
            Assert.That(revisions.EnumerateArray().Select(r => r.GetProperty("action").GetString()),
                Is.EqualTo(new[] { "restore-revision-1", "update", "create" }));
            Assert.That(first.GetProperty("state").GetProperty("title").GetString(), Is.EqualTo("نسخه اول"));
            Assert.That(first.GetProperty("keyName").GetString(), Does.StartWith("editor"));
            Assert.That((await _farsiEditor.SendAsync(HttpMethod.Get, $"/v1/admin/posts/{id}/revisions/9")).Status, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task TranslationsJoinOneStoryWithOnePostPerEdition()
    {
        var english = await _admin.PostJsonAsync("/v1/admin/posts", new { edition = "en", title = "Houses in Herat today", status = "published" });
        var farsi = await _admin.PostJsonAsync("/v1/admin/posts", new { edition = "fa", title = "خانه‌های هرات", status = "published", translationOf = IdOf(english) });
        var secondFarsi = await _admin.PostJsonAsync("/v1/admin/posts", new { edition = "fa", title = "نسخه دیگر", translationOf = IdOf(english) });
        var publicEnglish = await _app.GetJsonAsync("/v1/en/posts/houses-in-herat-today");
        var unlinked = await _admin.SendAsync(HttpMethod.Delete, $"/v1/admin/posts/{IdOf(farsi)}/translations", ifMatch: farsi.ETag);
        var afterUnlink = await _app.GetJsonAsync("/v1/en/posts/houses-in-herat-today");
        var relinked = await _admin.PostJsonAsync($"/v1/admin/posts/{IdOf(farsi)}/translations", new { postId = IdOf(english) }, unlinked.ETag);
        Assert.Multiple(() =>
        {
            Assert.That(farsi.Status, Is.EqualTo(HttpStatusCode.Created), farsi.Body.ToString());
            Assert.That(secondFarsi.Status, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(publicEnglish.GetProperty("translations")[0].GetProperty("edition").GetString(), Is.EqualTo("fa"));
            Assert.That(afterUnlink.GetProperty("translations").GetArrayLength(), Is.Zero);
            Assert.That(relinked.Status, Is.EqualTo(HttpStatusCode.OK), relinked.Body.ToString());
        });
    }

    [Test]
    public async Task BodiesAreSanitisedKeepingDirectionAndVideoEmbeds()
    {
        const string dirty = """
            <p dir="rtl" onclick="steal()">متن <a href="javascript:alert(1)">link</a> <a href="https://example.org/x">ok</a></p>
            <script>alert(1)</script><blink>old</blink>
            <iframe src="https://www.youtube.com/embed/abc"></iframe><iframe src="https://evil.example/embed"></iframe>
            """;
        var created = await _admin.PostJsonAsync("/v1/admin/posts", new { edition = "fa", title = "پاک‌سازی", bodyHtml = dirty });
        var body = created.Body.GetProperty("bodyHtml").GetString()!;
        Assert.Multiple(() =>
        {
            Assert.That(body, Does.Contain("dir=\"rtl\""));
            Assert.That(body, Does.Not.Contain("onclick").And.Not.Contain("javascript:").And.Not.Contain("<script").And.Not.Contain("<blink"));
            Assert.That(body, Does.Contain("https://example.org/x"));
            Assert.That(body, Does.Contain("https://www.youtube.com/embed/abc"));
            Assert.That(body, Does.Not.Contain("evil.example"));
        });
    }

    [Test]
    public async Task ATagGivenByANewNameIsCreated()
    {
        var created = await _admin.PostJsonAsync("/v1/admin/posts", new { edition = "fa", title = "برچسب تازه", tags = new[] { "محیط زیست", "حقوق-بشر" } });
        var tag = await _app.GetJsonAsync($"/v1/fa/tags/{Uri.EscapeDataString("محیط-زیست")}");
        Assert.Multiple(() =>
        {
            Assert.That(created.Body.GetProperty("tags").EnumerateArray().Select(t => t.GetString()), Is.EqualTo(new[] { "محیط-زیست", "حقوق-بشر" }));
            Assert.That(tag.GetProperty("name").GetString(), Is.EqualTo("محیط زیست"));
        });
    }

    [Test]
    public async Task ReviewFindingsStayFixed()
    {
        var english = await _admin.PostJsonAsync("/v1/admin/posts", new { edition = "en", title = $"English {Guid.NewGuid():N}", status = "published" });
        using var allEditionsAuthor = await _app.CreateKeyClientAsync(Roles.Author);
        // An author cannot change someone else's post by translating it.
        var translated = await allEditionsAuthor.PostJsonAsync("/v1/admin/posts", new { edition = "ar", title = "ترجمة", translationOf = IdOf(english) });
        // Nobody joins a story by writing its key.
        var farsi = await _farsiEditor.PostJsonAsync("/v1/admin/posts", Draft("ربودن داستان"));
        var byKey = await _farsiEditor.SendAsync(HttpMethod.Patch, $"/v1/admin/posts/{IdOf(farsi)}", new { translationKey = "story-1" }, farsi.ETag, "application/merge-patch+json");
        // A scheduled post keeps its date when a write leaves it out.
        var scheduled = await _farsiEditor.PostJsonAsync("/v1/admin/posts", new { edition = "fa", title = "بعدا", status = "scheduled", publishedAt = DateTimeOffset.UtcNow.AddDays(3) });
        var kept = await _farsiEditor.SendAsync(HttpMethod.Patch, $"/v1/admin/posts/{IdOf(scheduled)}", new { publishedAt = (string?)null }, scheduled.ETag, "application/merge-patch+json");
        // Unknown wrappers go, their text stays; İ lower-cases.
        var wrapped = await _admin.PostJsonAsync("/v1/admin/posts", new { edition = "en", title = "İstanbul notes", bodyHtml = "<section><p>Kept paragraph.</p></section><h1>Heading</h1>" });
        var patched = await _admin.SendAsync(HttpMethod.Patch, $"/v1/admin/posts/{IdOf(wrapped)}", new { excerpt = "x" }, wrapped.ETag, "application/merge-patch+json");
        Assert.Multiple(() =>
        {
            Assert.That(translated.Status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(byKey.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(ErrorFields(byKey), Is.EqualTo(new[] { "translationKey" }));
            Assert.That(kept.Status, Is.EqualTo(HttpStatusCode.OK), kept.Body.ToString());
            Assert.That(kept.Body.GetProperty("publishedAt").ValueKind, Is.Not.EqualTo(JsonValueKind.Null));
            Assert.That(wrapped.Body.GetProperty("bodyHtml").GetString(), Does.Contain("Kept paragraph.").And.Contain("Heading"));
            Assert.That(wrapped.Body.GetProperty("slug").GetString()![0], Is.EqualTo('i'));
            Assert.That(patched.Status, Is.EqualTo(HttpStatusCode.OK), patched.Body.ToString());
        });
    }

    [Test]
    public async Task WritesAreAudited()
    {
        var created = await _farsiEditor.PostJsonAsync("/v1/admin/posts", Draft("ممیزی"));
        var log = await _admin.GetFromJsonAsync("/v1/admin/audit?action=posts.create&perPage=100");
        Assert.That(log.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("resource").GetString()), Does.Contain($"posts/{IdOf(created)}"));
    }
}
