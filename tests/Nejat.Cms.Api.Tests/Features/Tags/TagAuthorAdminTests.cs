using System.Net;
using Nejat.Cms.Api.Features.Editorial;

namespace Nejat.Cms.Api.Tests.Features.Tags;

public sealed class TagAuthorAdminTests
{
    private CmsApp _app = null!;
    private HttpClient _farsiEditor = null!;
    private HttpClient _author = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await CmsApp.StartAsync();
        _farsiEditor = await _app.CreateKeyClientAsync(Roles.Editor, "fa");
        _author = await _app.CreateKeyClientAsync(Roles.Author, "fa");
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _farsiEditor.Dispose();
        _author.Dispose();
        await _app.DisposeAsync();
    }

    [Test]
    public async Task RenamingATagKeepsItsPostsAndDeletingOneInUseNeedsForce()
    {
        var tag = await _farsiEditor.PostJsonAsync("/v1/admin/tags", new { edition = "fa", name = "پناهجویان" });
        Assert.That(tag.Status, Is.EqualTo(HttpStatusCode.Created), tag.Body.ToString());
        var post = await _farsiEditor.PostJsonAsync("/v1/admin/posts", new { edition = "fa", title = "گزارش", status = "published", tags = new[] { "پناهجویان" } });
        var renamed = await _farsiEditor.SendAsync(HttpMethod.Put, $"/v1/admin/tags/{tag.Body.GetProperty("id")}",
            new { slug = "پناهندگان", name = "پناهندگان" }, tag.ETag);
        var publicPost = await _app.GetJsonAsync($"/v1/fa/posts/{Uri.EscapeDataString(post.Body.GetProperty("slug").GetString()!)}");
        var refused = await _farsiEditor.SendAsync(HttpMethod.Delete, $"/v1/admin/tags/{tag.Body.GetProperty("id")}", ifMatch: renamed.ETag);
        var forced = await _farsiEditor.SendAsync(HttpMethod.Delete, $"/v1/admin/tags/{tag.Body.GetProperty("id")}?force=true", ifMatch: renamed.ETag);
        var afterDelete = await _app.GetJsonAsync($"/v1/fa/posts/{Uri.EscapeDataString(post.Body.GetProperty("slug").GetString()!)}");
        Assert.Multiple(() =>
        {
            Assert.That(tag.Body.GetProperty("slug").GetString(), Is.EqualTo("پناهجویان"));
            Assert.That(renamed.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(publicPost.GetProperty("primaryTag").GetProperty("slug").GetString(), Is.EqualTo("پناهندگان"));
            Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(refused.Body.GetProperty("detail").GetString(), Does.Contain("force=true"));
            Assert.That(forced.Status, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(afterDelete.GetProperty("tags").GetArrayLength(), Is.Zero);
        });
    }

    [Test]
    public async Task TagRulesFollowEditionsRolesAndVersions()
    {
        var english = await _farsiEditor.PostJsonAsync("/v1/admin/tags", new { edition = "en", name = "Refugees" });
        var byAuthor = await _author.PostJsonAsync("/v1/admin/tags", new { edition = "fa", name = "نویسنده" });
        var invalid = await _farsiEditor.PostJsonAsync("/v1/admin/tags", new { edition = "fa", slug = "Bad Slug" });
        var tag = await _farsiEditor.PostJsonAsync("/v1/admin/tags", new { edition = "fa", name = "دوبار" });
        var numbered = await _farsiEditor.PostJsonAsync("/v1/admin/tags", new { edition = "fa", name = "دوبار" });
        var duplicate = await _farsiEditor.PostJsonAsync("/v1/admin/tags", new { edition = "fa", name = "دوبار", slug = "دوبار" });
        var noIfMatch = await _farsiEditor.SendAsync(HttpMethod.Put, $"/v1/admin/tags/{tag.Body.GetProperty("id")}", new { name = "x" });
        var stale = await _farsiEditor.SendAsync(HttpMethod.Put, $"/v1/admin/tags/{tag.Body.GetProperty("id")}", new { name = "x" }, "\"9\"");
        Assert.Multiple(() =>
        {
            Assert.That(english.Status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(byAuthor.Status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(invalid.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(invalid.Body.GetProperty("errors").EnumerateObject().Select(e => e.Name), Is.EquivalentTo(new[] { "name", "slug" }));
            Assert.That(numbered.Body.GetProperty("slug").GetString(), Is.EqualTo("دوبار-2"), "a slug made from a taken name is numbered");
            Assert.That(duplicate.Status, Is.EqualTo(HttpStatusCode.Conflict), "a chosen slug that is taken is refused");
            Assert.That(noIfMatch.Status, Is.EqualTo(HttpStatusCode.PreconditionRequired));
            Assert.That(stale.Status, Is.EqualTo(HttpStatusCode.PreconditionFailed));
        });
    }

    [Test]
    public async Task AuthorsAreCreatedRenamedAndDeletedWithTheSameRules()
    {
        var created = await _farsiEditor.PostJsonAsync("/v1/admin/authors", new { name = "Ana Hoxha" });
        var byAuthorRole = await _author.PostJsonAsync("/v1/admin/authors", new { name = "Someone" });
        var post = await _farsiEditor.PostJsonAsync("/v1/admin/posts", new { edition = "fa", title = "نوشته", status = "published", author = "ana-hoxha", byline = "نوشته‌ی آنا" });
        // While the author writes only in Farsi, Farsi editors may rename her.
        var byFarsiEditorAlone = await _farsiEditor.SendAsync(HttpMethod.Put, $"/v1/admin/authors/{created.Body.GetProperty("id")}", new { name = "Ana Hoxha" }, created.ETag);
        using var editor = await _app.CreateKeyClientAsync(Roles.Editor);
        await editor.PostJsonAsync("/v1/admin/posts", new { edition = "sq", title = "Shkrim", author = "ana-hoxha" });
        // Once she writes in two editions, her name is shared: only editors of both rename or delete her.
        var byFarsiEditor = await _farsiEditor.SendAsync(HttpMethod.Put, $"/v1/admin/authors/{created.Body.GetProperty("id")}", new { name = "Hacked" }, byFarsiEditorAlone.ETag);
        var renamed = await editor.SendAsync(HttpMethod.Put, $"/v1/admin/authors/{created.Body.GetProperty("id")}", new { name = "Ana Hoxha-Kola" }, byFarsiEditorAlone.ETag);
        var publicAuthor = await _app.GetJsonAsync("/v1/authors/ana-hoxha");
        var refused = await editor.SendAsync(HttpMethod.Delete, $"/v1/admin/authors/{created.Body.GetProperty("id")}", ifMatch: renamed.ETag);
        var forced = await editor.SendAsync(HttpMethod.Delete, $"/v1/admin/authors/{created.Body.GetProperty("id")}?force=true", ifMatch: renamed.ETag);
        var postAfter = await _app.GetJsonAsync($"/v1/fa/posts/{Uri.EscapeDataString(post.Body.GetProperty("slug").GetString()!)}");
        Assert.Multiple(() =>
        {
            Assert.That(created.Body.GetProperty("slug").GetString(), Is.EqualTo("ana-hoxha"));
            Assert.That(byAuthorRole.Status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(byFarsiEditorAlone.Status, Is.EqualTo(HttpStatusCode.OK), byFarsiEditorAlone.Body.ToString());
            Assert.That(byFarsiEditor.Status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(byFarsiEditor.Body.GetProperty("detail").GetString(), Does.Contain("fa, sq"));
            Assert.That(publicAuthor.GetProperty("name").GetString(), Is.EqualTo("Ana Hoxha-Kola"));
            Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(forced.Status, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(postAfter.GetProperty("author").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
            Assert.That(postAfter.GetProperty("byline").GetString(), Is.EqualTo("نوشته‌ی آنا"));
        });
    }
}
