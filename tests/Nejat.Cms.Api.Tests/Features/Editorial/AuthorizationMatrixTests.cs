using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Nejat.Cms.Api.Features.Editorial;
using Reply = Nejat.Cms.Api.Tests.EditorialClient.Reply;

namespace Nejat.Cms.Api.Tests.Features.Editorial;

/// <summary>
/// Every admin route, as the running app's endpoint data source lists it (so a new route cannot
/// escape), against every role, with keys of all editions and of Farsi only, on targets that belong to
/// Farsi, to English, or (for things editions share) to both. A route without a rule fails the test.
/// Targets are made fresh for each call by another admin, so "someone else's" content is what is tried.
/// The whole matrix runs twice: with API keys, and with signed-in people (session cookie and CSRF
/// token) of the same roles and editions, who must be allowed and refused exactly as the keys are.
/// </summary>
public sealed class AuthorizationMatrixTests
{
    private const string Own = "fa";
    private const string Other = "en";

    private CmsApp _app = null!;
    private HttpClient _root = null!;
    private readonly Dictionary<(string Role, bool AllEditions), HttpClient> _keys = [];
    private readonly Dictionary<(string Role, bool AllEditions), HttpClient> _sessions = [];
    private Dictionary<string, Rule> _rules = null!;

    /// <summary>What an admin route needs, and how to make a call of it on a target of some editions.</summary>
    /// <param name="MinRole">The least role that may do it to someone else's target.</param>
    /// <param name="Reach">Which editions the target belongs to, and so which keys may reach it.</param>
    /// <param name="Success">The status of an allowed call.</param>
    /// <param name="Arrange">Makes a fresh target of those editions; returns the call.</param>
    private sealed record Rule(string MinRole, Reach Reach, HttpStatusCode Success, Func<string[], Task<Func<HttpClient, Task<Reply>>>> Arrange);

    private enum Reach
    {
        /// <summary>Belongs to no edition (lists of shared things, new authors, uploads without texts).</summary>
        None,
        /// <summary>Belongs to one edition: tried on a Farsi and an English target.</summary>
        Edition,
        /// <summary>Shared by the editions that use it: tried on Farsi, English and both.</summary>
        Shared,
        /// <summary>Site-wide: only keys of every edition.</summary>
        AllEditions,
    }

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await CmsApp.StartAsync();
        _root = await _app.CreateKeyClientAsync(Roles.Admin);
        foreach (var role in Roles.All)
        {
            _keys[(role, true)] = await _app.CreateKeyClientAsync(role);
            _keys[(role, false)] = await _app.CreateKeyClientAsync(role, Own);
            _sessions[(role, true)] = await _app.CreateSessionClientAsync(role);
            _sessions[(role, false)] = await _app.CreateSessionClientAsync(role, Own);
        }

        _rules = Rules();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _root.Dispose();
        foreach (var client in _keys.Values.Concat(_sessions.Values))
        {
            client.Dispose();
        }

        await _app.DisposeAsync();
    }

    /// <summary>"GET /v1/admin/posts/{id:long}" for every admin route the app serves.</summary>
    private string[] AdminRoutes() =>
        _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/v1/admin", StringComparison.Ordinal) == true)
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} {e.RoutePattern.RawText!.TrimEnd('/')}"))
            .Distinct().Order(StringComparer.Ordinal).ToArray();

    [Test]
    public void EveryAdminRouteHasARuleAndEveryRuleARoute()
    {
        var routes = AdminRoutes();
        Assert.Multiple(() =>
        {
            Assert.That(routes, Has.Length.GreaterThan(50), "the endpoint data source lists the admin routes");
            Assert.That(routes.Except(_rules.Keys), Is.Empty, "admin routes without a rule: add one to AuthorizationMatrixTests.Rules");
            Assert.That(_rules.Keys.Except(routes), Is.Empty, "rules of routes that no longer exist");
        });
    }

    [TestCase(false, TestName = "EveryRoleGetsExactlyWhatItsRoleAndEditionsAllowOnEveryAdminRoute(with API keys)")]
    [TestCase(true, TestName = "EveryRoleGetsExactlyWhatItsRoleAndEditionsAllowOnEveryAdminRoute(signed in)")]
    public async Task EveryRoleGetsExactlyWhatItsRoleAndEditionsAllowOnEveryAdminRoute(bool signedIn)
    {
        var holes = new List<string>();
        var calls = 0;
        foreach (var route in AdminRoutes().Where(_rules.ContainsKey))
        {
            var rule = _rules[route];
            foreach (var ((role, allEditions), client) in signedIn ? _sessions : _keys)
            {
                foreach (var editions in TargetsOf(rule.Reach))
                {
                    var call = await rule.Arrange(editions);
                    var reply = await call(client);
                    calls++;
                    var allowed = Roles.Rank(role) >= Roles.Rank(rule.MinRole)
                        && (allEditions || rule.Reach != Reach.AllEditions && editions.All(e => e == Own));
                    var expected = allowed ? rule.Success : HttpStatusCode.Forbidden;
                    if (reply.Status != expected || !allowed && reply.ContentType != "application/problem+json")
                    {
                        holes.Add($"{route} by {role} of {(allEditions ? "all editions" : Own)} on [{string.Join(",", editions)}]: "
                            + $"{(int)reply.Status} instead of {(int)expected} {Truncate(reply.Body.ToString())}");
                    }
                }
            }
        }

        Assert.That(holes, Is.Empty, $"{holes.Count} of {calls} calls answered otherwise than the rules say");
    }

    private static IEnumerable<string[]> TargetsOf(Reach reach) => reach switch
    {
        Reach.Edition => [[Own], [Other]],
        Reach.Shared => [[Own], [Other], [Own, Other]],
        _ => [[]],
    };

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300];

    private Dictionary<string, Rule> Rules()
    {
        var rules = new Dictionary<string, Rule>();
        void Add(string route, string minRole, Reach reach, HttpStatusCode success, Func<string[], Task<Func<HttpClient, Task<Reply>>>> arrange) =>
            rules.Add(route, new Rule(minRole, reach, success, arrange));
        // Calls whose target needs nothing made first.
        void AddCall(string route, string minRole, Reach reach, HttpStatusCode success, Func<string[], Func<HttpClient, Task<Reply>>> call) =>
            Add(route, minRole, reach, success, e => Task.FromResult(call(e)));
        static Func<HttpClient, Task<Reply>> Send(HttpMethod method, string url, object? body = null, string? ifMatch = null, string contentType = "application/json") =>
            client => client.SendAsync(method, url, body, ifMatch, contentType);
        const HttpStatusCode ok = HttpStatusCode.OK, created = HttpStatusCode.Created, noContent = HttpStatusCode.NoContent;

        foreach (var kind in new[] { "posts", "pages" })
        {
            var one = $"/v1/admin/{kind}/{{id:long}}";
            AddCall($"GET /v1/admin/{kind}", Roles.Previewer, Reach.Edition, ok, e => Send(HttpMethod.Get, $"/v1/admin/{kind}?edition={e[0]}"));
            AddCall($"POST /v1/admin/{kind}", Roles.Author, Reach.Edition, created,
                e => Send(HttpMethod.Post, $"/v1/admin/{kind}", new { edition = e[0], title = Unique("Draft") }));
            Add($"GET {one}", Roles.Previewer, Reach.Edition, ok, async e => Send(HttpMethod.Get, $"/v1/admin/{kind}/{(await NewPostAsync(kind, e[0])).Id}"));
            Add($"PUT {one}", Roles.Editor, Reach.Edition, ok, async e =>
            {
                var post = await NewPostAsync(kind, e[0]);
                return Send(HttpMethod.Put, $"/v1/admin/{kind}/{post.Id}", new { edition = e[0], title = Unique("Replaced") }, post.ETag);
            });
            Add($"PATCH {one}", Roles.Editor, Reach.Edition, ok, async e =>
            {
                var post = await NewPostAsync(kind, e[0]);
                return Send(HttpMethod.Patch, $"/v1/admin/{kind}/{post.Id}", new { excerpt = "Patched" }, post.ETag, "application/merge-patch+json");
            });
            Add($"DELETE {one}", Roles.Editor, Reach.Edition, ok, async e =>
            {
                var post = await NewPostAsync(kind, e[0]);
                return Send(HttpMethod.Delete, $"/v1/admin/{kind}/{post.Id}", ifMatch: post.ETag);
            });
            Add($"POST {one}/restore", Roles.Editor, Reach.Edition, ok, async e =>
            {
                var post = await NewPostAsync(kind, e[0]);
                var trashed = await _root.SendAsync(HttpMethod.Delete, $"/v1/admin/{kind}/{post.Id}", ifMatch: post.ETag);
                return Send(HttpMethod.Post, $"/v1/admin/{kind}/{post.Id}/restore", ifMatch: trashed.ETag);
            });
            Add($"POST {one}/publish", Roles.Editor, Reach.Edition, ok, async e =>
            {
                var post = await NewPostAsync(kind, e[0]);
                return Send(HttpMethod.Post, $"/v1/admin/{kind}/{post.Id}/publish", new { }, post.ETag);
            });
            Add($"POST {one}/unpublish", Roles.Editor, Reach.Edition, ok, async e =>
            {
                var post = await NewPostAsync(kind, e[0], status: "published");
                return Send(HttpMethod.Post, $"/v1/admin/{kind}/{post.Id}/unpublish", ifMatch: post.ETag);
            });
            Add($"POST {one}/schedule", Roles.Editor, Reach.Edition, ok, async e =>
            {
                var post = await NewPostAsync(kind, e[0]);
                return Send(HttpMethod.Post, $"/v1/admin/{kind}/{post.Id}/schedule", new { publishAt = DateTimeOffset.UtcNow.AddDays(3) }, post.ETag);
            });
            Add($"GET {one}/revisions", Roles.Previewer, Reach.Edition, ok,
                async e => Send(HttpMethod.Get, $"/v1/admin/{kind}/{(await NewPostAsync(kind, e[0])).Id}/revisions"));
            Add($"GET {one}/revisions/{{number:int}}", Roles.Previewer, Reach.Edition, ok,
                async e => Send(HttpMethod.Get, $"/v1/admin/{kind}/{(await NewPostAsync(kind, e[0])).Id}/revisions/1"));
            Add($"POST {one}/revisions/{{number:int}}/restore", Roles.Editor, Reach.Edition, ok, async e =>
            {
                var post = await NewPostAsync(kind, e[0]);
                return Send(HttpMethod.Post, $"/v1/admin/{kind}/{post.Id}/revisions/1/restore", ifMatch: post.ETag);
            });
            Add($"POST {one}/translations", Roles.Editor, Reach.Edition, ok, async e =>
            {
                // The other post already has a story, so linking changes only the target.
                var story = await StoryAsync(kind);
                var post = await NewPostAsync(kind, e[0]);
                return Send(HttpMethod.Post, $"/v1/admin/{kind}/{post.Id}/translations", new { postId = story }, post.ETag);
            });
            Add($"DELETE {one}/translations", Roles.Editor, Reach.Edition, ok, async e =>
            {
                var post = await NewPostAsync(kind, e[0], translationOf: await StoryAsync(kind));
                return Send(HttpMethod.Delete, $"/v1/admin/{kind}/{post.Id}/translations", ifMatch: post.ETag);
            });
        }

        foreach (var document in new[] { "settings", "navigation" })
        {
            object body = document == "settings" ? new { title = Unique("Site") } : new { items = new[] { new { label = "Home", link = new { kind = "home" } } } };
            AddCall($"GET /v1/admin/{document}/{{edition}}", Roles.Previewer, Reach.Edition, ok, e => Send(HttpMethod.Get, $"/v1/admin/{document}/{e[0]}"));
            Add($"PUT /v1/admin/{document}/{{edition}}", Roles.Editor, Reach.Edition, ok,
                async e => Send(HttpMethod.Put, $"/v1/admin/{document}/{e[0]}", body, await CurrentETagAsync($"/v1/admin/{document}/{e[0]}")));
        }

        Add("PATCH /v1/admin/settings/{edition}", Roles.Editor, Reach.Edition, ok, async e =>
            Send(HttpMethod.Patch, $"/v1/admin/settings/{e[0]}", new { title = Unique("Site") }, await CurrentETagAsync($"/v1/admin/settings/{e[0]}"), "application/merge-patch+json"));

        AddCall("GET /v1/admin/tags", Roles.Previewer, Reach.Edition, ok, e => Send(HttpMethod.Get, $"/v1/admin/tags?edition={e[0]}"));
        AddCall("POST /v1/admin/tags", Roles.Editor, Reach.Edition, created, e => Send(HttpMethod.Post, "/v1/admin/tags", new { edition = e[0], name = Unique("Tag") }));
        Add("GET /v1/admin/tags/{id:long}", Roles.Previewer, Reach.Edition, ok, async e => Send(HttpMethod.Get, $"/v1/admin/tags/{(await NewTagAsync(e[0])).Id}"));
        Add("PUT /v1/admin/tags/{id:long}", Roles.Editor, Reach.Edition, ok, async e =>
        {
            var tag = await NewTagAsync(e[0]);
            return Send(HttpMethod.Put, $"/v1/admin/tags/{tag.Id}", new { name = Unique("Renamed") }, tag.ETag);
        });
        Add("DELETE /v1/admin/tags/{id:long}", Roles.Editor, Reach.Edition, noContent, async e =>
        {
            var tag = await NewTagAsync(e[0]);
            return Send(HttpMethod.Delete, $"/v1/admin/tags/{tag.Id}", ifMatch: tag.ETag);
        });

        AddCall("GET /v1/admin/authors", Roles.Previewer, Reach.None, ok, _ => Send(HttpMethod.Get, "/v1/admin/authors"));
        AddCall("POST /v1/admin/authors", Roles.Editor, Reach.None, created, _ => Send(HttpMethod.Post, "/v1/admin/authors", new { name = Unique("Author") }));
        Add("GET /v1/admin/authors/{id:long}", Roles.Previewer, Reach.None, ok, async _ => Send(HttpMethod.Get, $"/v1/admin/authors/{(await NewAuthorAsync([])).Id}"));
        Add("PUT /v1/admin/authors/{id:long}", Roles.Editor, Reach.Shared, ok, async e =>
        {
            var author = await NewAuthorAsync(e);
            return Send(HttpMethod.Put, $"/v1/admin/authors/{author.Id}", new { name = Unique("Renamed") }, author.ETag);
        });
        Add("DELETE /v1/admin/authors/{id:long}", Roles.Editor, Reach.Shared, noContent, async e =>
        {
            var author = await NewAuthorAsync(e);
            return Send(HttpMethod.Delete, $"/v1/admin/authors/{author.Id}?force=true", ifMatch: author.ETag);
        });

        AddCall("GET /v1/admin/media", Roles.Previewer, Reach.None, ok, _ => Send(HttpMethod.Get, "/v1/admin/media"));
        AddCall("POST /v1/admin/media", Roles.Author, Reach.None, created, _ =>
            client => client.UploadAsync(TestFiles.Pdf(600, seed: Random.Shared.Next())));
        AddCall("POST /v1/admin/media/videos", Roles.Author, Reach.Shared, created, e =>
            Send(HttpMethod.Post, "/v1/admin/media/videos", new { url = NewVideoUrl(), translations = e.ToDictionary(x => x, _ => new { title = "Video" }) }));
        AddCall("POST /v1/admin/media/collections", Roles.Admin, Reach.AllEditions, created, _ =>
            Send(HttpMethod.Post, "/v1/admin/media/collections", new { name = Unique("Collection") }));
        Add("GET /v1/admin/media/{id:long}", Roles.Previewer, Reach.None, ok, async _ => Send(HttpMethod.Get, $"/v1/admin/media/{(await NewMediaAsync([Other])).Id}"));
        Add("PUT /v1/admin/media/{id:long}", Roles.Editor, Reach.Shared, ok, async e =>
        {
            var media = await NewMediaAsync(e);
            return Send(HttpMethod.Put, $"/v1/admin/media/{media.Id}", new { credit = Unique("Credit"), translations = e.ToDictionary(x => x, _ => new { title = "Video" }) }, media.ETag);
        });
        Add("PATCH /v1/admin/media/{id:long}", Roles.Editor, Reach.Shared, ok, async e =>
        {
            var media = await NewMediaAsync(e);
            return Send(HttpMethod.Patch, $"/v1/admin/media/{media.Id}", new { credit = Unique("Credit") }, media.ETag, "application/merge-patch+json");
        });
        Add("DELETE /v1/admin/media/{id:long}", Roles.Editor, Reach.Shared, noContent, async e =>
        {
            var media = await NewMediaAsync(e);
            return Send(HttpMethod.Delete, $"/v1/admin/media/{media.Id}?force=true", ifMatch: media.ETag);
        });

        AddCall("GET /v1/admin/galleries", Roles.Previewer, Reach.None, ok, _ => Send(HttpMethod.Get, "/v1/admin/galleries"));
        AddCall("POST /v1/admin/galleries", Roles.Editor, Reach.Shared, created, e =>
            Send(HttpMethod.Post, "/v1/admin/galleries", new { titles = e.ToDictionary(x => x, _ => Unique("Gallery")), mediaIds = Array.Empty<long>() }));
        Add("GET /v1/admin/galleries/{id:long}", Roles.Previewer, Reach.None, ok, async _ => Send(HttpMethod.Get, $"/v1/admin/galleries/{(await NewGalleryAsync([Other])).Id}"));
        Add("PUT /v1/admin/galleries/{id:long}", Roles.Editor, Reach.Shared, ok, async e =>
        {
            // Only the items change: the part every edition of the gallery shows.
            var gallery = await NewGalleryAsync(e);
            return Send(HttpMethod.Put, $"/v1/admin/galleries/{gallery.Id}", new { titles = gallery.Titles, mediaIds = Array.Empty<long>() }, gallery.ETag);
        });
        Add("DELETE /v1/admin/galleries/{id:long}", Roles.Editor, Reach.Shared, noContent, async e =>
        {
            var gallery = await NewGalleryAsync(e);
            return Send(HttpMethod.Delete, $"/v1/admin/galleries/{gallery.Id}", ifMatch: gallery.ETag);
        });

        AddCall("GET /v1/admin/keys", Roles.Admin, Reach.None, ok, _ => Send(HttpMethod.Get, "/v1/admin/keys"));
        AddCall("POST /v1/admin/keys", Roles.Admin, Reach.Shared, created, e =>
            Send(HttpMethod.Post, "/v1/admin/keys", new { name = Unique("Key"), role = Roles.Editor, editions = e }));
        Add("DELETE /v1/admin/keys/{id:long}", Roles.Admin, Reach.Shared, ok, async e =>
        {
            var key = await _root.PostJsonAsync("/v1/admin/keys", new { name = Unique("Key"), role = Roles.Editor, editions = e });
            return Send(HttpMethod.Delete, $"/v1/admin/keys/{key.Body.GetProperty("info").GetProperty("id").GetInt64()}");
        });
        AddCall("GET /v1/admin/audit", Roles.Admin, Reach.AllEditions, ok, _ => Send(HttpMethod.Get, "/v1/admin/audit"));

        AddCall("GET /v1/admin/accounts", Roles.Admin, Reach.None, ok, _ => Send(HttpMethod.Get, "/v1/admin/accounts"));
        AddCall("POST /v1/admin/accounts", Roles.Admin, Reach.Shared, created, e =>
            Send(HttpMethod.Post, "/v1/admin/accounts", new { email = $"{Guid.NewGuid():N}@example.org", displayName = Unique("Person"), role = Roles.Editor, editions = e }));
        Add("POST /v1/admin/accounts/{id:long}/invitation", Roles.Admin, Reach.Shared, ok,
            async e => Send(HttpMethod.Post, $"/v1/admin/accounts/{await NewAccountAsync(e)}/invitation"));
        Add("PATCH /v1/admin/accounts/{id:long}", Roles.Admin, Reach.Shared, ok,
            async e => Send(HttpMethod.Patch, $"/v1/admin/accounts/{await NewAccountAsync(e)}", new { displayName = Unique("Renamed") }, contentType: "application/merge-patch+json"));
        Add("DELETE /v1/admin/accounts/{id:long}", Roles.Admin, Reach.Shared, noContent,
            async e => Send(HttpMethod.Delete, $"/v1/admin/accounts/{await NewAccountAsync(e)}"));
        return rules;
    }

    private sealed record Made(long Id, string? ETag);

    private static string Unique(string prefix) => $"{prefix} {Guid.NewGuid():N}";

    private static string NewVideoUrl() => $"https://www.youtube.com/watch?v={Convert.ToHexString(Guid.NewGuid().ToByteArray())[..11]}";

    private static async Task<Made> CreatedAsync(Task<Reply> creation)
    {
        var reply = await creation;
        Assert.That(reply.Status, Is.EqualTo(HttpStatusCode.Created), $"arranging: {reply.Body}");
        return new Made(reply.Body.GetProperty("id").GetInt64(), reply.ETag);
    }

    private async Task<Made> NewPostAsync(string kind, string edition, string status = "draft", long? translationOf = null) =>
        await CreatedAsync(_root.PostJsonAsync($"/v1/admin/{kind}", new { edition, title = Unique("Target"), status, translationOf }));

    private async Task<Made> NewTagAsync(string edition) => await CreatedAsync(_root.PostJsonAsync("/v1/admin/tags", new { edition, name = Unique("Tag") }));

    /// <summary>A post of a story that already has its key (its translation in Arabic), to link targets to.</summary>
    private async Task<long> StoryAsync(string kind)
    {
        var original = await NewPostAsync(kind, "sq");
        await NewPostAsync(kind, "ar", translationOf: original.Id);
        return original.Id;
    }

    /// <summary>An author with a post in each of the editions.</summary>
    private async Task<Made> NewAuthorAsync(string[] editions)
    {
        var created = await _root.PostJsonAsync("/v1/admin/authors", new { name = Unique("Author") });
        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created), created.Body.ToString());
        foreach (var edition in editions)
        {
            await NewPostByAsync(edition, created.Body.GetProperty("slug").GetString()!);
        }

        return new Made(created.Body.GetProperty("id").GetInt64(), created.ETag);
    }

    private Task<Made> NewPostByAsync(string edition, string author) =>
        CreatedAsync(_root.PostJsonAsync("/v1/admin/posts", new { edition, title = Unique("By"), author }));

    /// <summary>A media item with a title in each of the editions.</summary>
    private Task<Made> NewMediaAsync(string[] editions) =>
        CreatedAsync(_root.PostJsonAsync("/v1/admin/media/videos",
            new { url = NewVideoUrl(), translations = editions.ToDictionary(e => e, _ => new { title = "Video" }) }));

    private sealed record MadeGallery(long Id, string? ETag, Dictionary<string, string> Titles);

    /// <summary>A gallery with a title in each of the editions and one item.</summary>
    private async Task<MadeGallery> NewGalleryAsync(string[] editions)
    {
        var titles = editions.ToDictionary(e => e, _ => Unique("Gallery"));
        var media = await NewMediaAsync([]);
        var made = await CreatedAsync(_root.PostJsonAsync("/v1/admin/galleries", new { titles, mediaIds = new[] { media.Id } }));
        return new MadeGallery(made.Id, made.ETag, titles);
    }

    /// <summary>An editor's account for the editions; its id.</summary>
    private async Task<long> NewAccountAsync(string[] editions)
    {
        var created = await _root.PostJsonAsync("/v1/admin/accounts", new { email = $"{Guid.NewGuid():N}@example.org", displayName = Unique("Person"), role = Roles.Editor, editions });
        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created), $"arranging: {created.Body}");
        return created.Body.GetProperty("account").GetProperty("id").GetInt64();
    }

    private async Task<string?> CurrentETagAsync(string url) => (await _root.SendAsync(HttpMethod.Get, url)).ETag;
}
