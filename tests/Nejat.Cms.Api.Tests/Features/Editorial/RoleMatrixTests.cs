using System.Net;
using Nejat.Cms.Api.Features.Editorial;
using Nejat.Cms.Api.Tests.Features.Posts;

namespace Nejat.Cms.Api.Tests.Features.Editorial;

/// <summary>Each role against each kind of admin write, in and out of its edition.</summary>
public sealed class RoleMatrixTests
{
    private CmsApp _app = null!;
    private HttpClient _admin = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await CmsApp.StartAsync();
        _admin = await _app.CreateKeyClientAsync(Roles.Admin);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _admin.Dispose();
        await _app.DisposeAsync();
    }

    // role, edition of the key, edition written, then whether: create draft, edit (someone else's draft), publish, trash, create tag, manage keys
    [TestCase(Roles.Admin, null, "en", true, true, true, true, true, true)]
    [TestCase(Roles.Editor, "fa", "fa", true, true, true, true, true, false)]
    [TestCase(Roles.Editor, "fa", "en", false, false, false, false, false, false)]
    [TestCase(Roles.Author, "fa", "fa", true, false, false, false, false, false)]
    [TestCase(Roles.Author, "fa", "en", false, false, false, false, false, false)]
    [TestCase(Roles.Previewer, null, "fa", false, false, false, false, false, false)]
    public async Task EachRoleMayDoExactlyWhatItsRoleAndEditionsAllow(
        string role, string? keyEdition, string edition, bool create, bool edit, bool publish, bool trash, bool createTag, bool manageKeys)
    {
        using var client = keyEdition is null ? await _app.CreateKeyClientAsync(role) : await _app.CreateKeyClientAsync(role, keyEdition);
        var others = await _admin.PostJsonAsync("/v1/admin/posts", new { edition, title = $"Someone else's {Guid.NewGuid():N}" });
        var othersId = others.Body.GetProperty("id").GetInt64();

        var created = await client.PostJsonAsync("/v1/admin/posts", new { edition, title = $"Mine {Guid.NewGuid():N}" });
        var edited = await client.SendAsync(HttpMethod.Put, $"/v1/admin/posts/{othersId}", new { edition, title = "Edited" }, others.ETag);
        var current = await _admin.GetFromJsonAsync($"/v1/admin/posts/{othersId}");
        var version = $"\"{current.GetProperty("version").GetInt32()}\"";
        var published = await client.PostJsonAsync($"/v1/admin/posts/{othersId}/publish", new { }, version);
        current = await _admin.GetFromJsonAsync($"/v1/admin/posts/{othersId}");
        var trashed = await client.SendAsync(HttpMethod.Delete, $"/v1/admin/posts/{othersId}", ifMatch: $"\"{current.GetProperty("version").GetInt32()}\"");
        var tag = await client.PostJsonAsync("/v1/admin/tags", new { edition, name = $"t{Guid.NewGuid():N}" });
        var keys = await client.SendAsync(HttpMethod.Get, "/v1/admin/keys");

        Assert.Multiple(() =>
        {
            Assert.That(created.Status, Is.EqualTo(create ? HttpStatusCode.Created : HttpStatusCode.Forbidden), "create");
            Assert.That(edited.Status, Is.EqualTo(edit ? HttpStatusCode.OK : HttpStatusCode.Forbidden), "edit");
            Assert.That(published.Status, Is.EqualTo(publish ? HttpStatusCode.OK : HttpStatusCode.Forbidden), "publish");
            Assert.That(trashed.Status, Is.EqualTo(trash ? HttpStatusCode.OK : HttpStatusCode.Forbidden), "trash");
            Assert.That(tag.Status, Is.EqualTo(createTag ? HttpStatusCode.Created : HttpStatusCode.Forbidden), "tag");
            Assert.That(keys.Status, Is.EqualTo(manageKeys ? HttpStatusCode.OK : HttpStatusCode.Forbidden), "keys");
            foreach (var refusal in new[] { created, edited, published, trashed, tag, keys }.Where(r => r.Status == HttpStatusCode.Forbidden))
            {
                Assert.That(refusal.ContentType, Is.EqualTo("application/problem+json"));
                Assert.That(refusal.Body.GetProperty("detail").GetString(), Does.Contain("may not"));
            }
        });
    }
}
