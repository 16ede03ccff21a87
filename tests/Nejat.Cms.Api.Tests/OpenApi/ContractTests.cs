using System.Net;
using System.Text.Json.Nodes;
using Json.Schema;
using Nejat.Cms.Api.Features.Editorial;
using SkiaSharp;

namespace Nejat.Cms.Api.Tests.OpenApi;

/// <summary>
/// The contract a generated client relies on: every public operation of openapi/v1.json, called on
/// real content (Unicode slugs, translations, media, a gallery, a menu, settings), answers with a
/// declared status and media type, and its JSON validates against the declared schema — required
/// members, nullability, enums and no undeclared members (schemas are closed). Problems too.
/// </summary>
public sealed class ContractTests
{
    private const string Edition = "fa";

    private CmsApp _app = null!;
    private HttpClient _http = null!;
    private HttpClient _admin = null!;
    private JsonObject _document = null!;
    private readonly Dictionary<string, string> _values = [];

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await CmsApp.StartAsync();
        _http = _app.CreateClient();
        _document = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(TestRun.RepositoryRoot, "openapi", "v1.json")))!.AsObject();
        _admin = await _app.CreateKeyClientAsync(Roles.Admin);
        await SeedAsync(_admin);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    private async Task SeedAsync(HttpClient admin)
    {
        static string Text(EditorialClient.Reply reply, string member)
        {
            Assert.That((int)reply.Status, Is.InRange(200, 299), reply.Body.ToString());
            return reply.Body.GetProperty(member).ToString();
        }

        var image = await admin.UploadAsync(TestFiles.Image(800, 600, SKEncodedImageFormat.Png), "cartoon.png", "image/png");
        var pdf = await admin.UploadAsync(TestFiles.Pdf(2_000, seed: 1), "brief.pdf", "application/pdf");
        await admin.PostJsonAsync("/v1/admin/media/videos", new { url = "https://www.youtube.com/watch?v=dQw4w9WgXcQ", translations = new { fa = new { title = "ویدیو" } } });
        var author = await admin.PostJsonAsync("/v1/admin/authors", new { name = "نسرین ستوده" });
        var tag = await admin.PostJsonAsync("/v1/admin/tags", new { edition = Edition, name = "حقوق بشر" });
        var older = await admin.PostJsonAsync("/v1/admin/posts", new
        {
            edition = Edition, title = "گزارش پیشین", status = "published", publishedAt = "2026-01-01T08:00:00Z", bodyHtml = "<p>حقوق پناهندگان</p>",
        });
        var post = await admin.PostJsonAsync("/v1/admin/posts", new
        {
            edition = Edition, title = "خانه‌های پناهندگان", status = "published", publishedAt = "2026-02-01T08:00:00Z",
            author = Text(author, "slug"), tags = new[] { Text(tag, "slug") }, byline = "گزارش از هرات",
            bodyHtml = "<p>حقوق بشر و <b>پناهندگان</b> در هرات.</p>", featuredMediaId = image.Body.GetProperty("id").GetInt64(),
        });
        var english = await admin.PostJsonAsync("/v1/admin/posts", new { edition = "en", title = "Refugees' homes", status = "published", bodyHtml = "<p>Human rights</p>" });
        var linked = await admin.PostJsonAsync($"/v1/admin/posts/{Text(post, "id")}/translations", new { postId = english.Body.GetProperty("id").GetInt64() }, post.ETag);
        Assert.That(linked.Status, Is.EqualTo(HttpStatusCode.OK), linked.Body.ToString());
        var page = await admin.PostJsonAsync("/v1/admin/pages", new { edition = Edition, title = "درباره ما", status = "published", bodyHtml = "<p>نجات</p>" });
        var gallery = await admin.PostJsonAsync("/v1/admin/galleries", new { titles = new { fa = "گالری هرات" }, mediaIds = new[] { image.Body.GetProperty("id").GetInt64() } });

        var settings = await admin.SendAsync(HttpMethod.Get, $"/v1/admin/settings/{Edition}");
        var savedSettings = await admin.SendAsync(HttpMethod.Put, $"/v1/admin/settings/{Edition}", new
        {
            title = "نجات", description = "خبر و نظر", copyright = "© نجات",
            socialLinks = new[] { new { network = "telegram", url = "https://t.me/nejat_fa" } }, shareTargets = new[] { "telegram", "x" },
        }, settings.ETag);
        Assert.That(savedSettings.Status, Is.EqualTo(HttpStatusCode.OK), savedSettings.Body.ToString());
        var menu = await admin.SendAsync(HttpMethod.Get, $"/v1/admin/navigation/{Edition}");
        var savedMenu = await admin.SendAsync(HttpMethod.Put, $"/v1/admin/navigation/{Edition}", new
        {
            items = new object[]
            {
                new { label = "خانه", link = new { kind = "home" } },
                new { label = "رسانه", children = new object[] { new { label = "حقوق بشر", link = new { kind = "tag", id = tag.Body.GetProperty("id").GetInt64() } } } },
                new { label = "درباره ما", link = new { kind = "page", id = page.Body.GetProperty("id").GetInt64() } },
            },
        }, menu.ETag);
        Assert.That(savedMenu.Status, Is.EqualTo(HttpStatusCode.OK), savedMenu.Body.ToString());

        var media = await _http.GetFromJsonAsync($"/v1/media/{Text(image, "id")}");
        _values["edition"] = Edition;
        _values["posts"] = Text(post, "slug");
        _values["tags"] = Text(tag, "slug");
        _values["authors"] = Text(author, "slug");
        _values["pages"] = Text(page, "slug");
        _values["galleries"] = Text(gallery, "slug");
        _values["id"] = Text(image, "id");
        _values["file"] = $"{Text(pdf, "sha256")}.pdf";
        _values["sha256"] = Text(image, "sha256");
        _values["rendition"] = media.GetProperty("renditions")[0].GetProperty("url").GetString()!.Split('/')[^1];
        _values["number"] = "1";
        _values["q"] = "حقوق";
        _values["token"] = await InvitationTokenAsync("invited");
        Assert.That(older.Status, Is.EqualTo(HttpStatusCode.Created));
    }

    [Test]
    public async Task EveryPublicOperationAnswersAsItsSchemaSays()
    {
        // GET /v1/redirects answers 301 for an imported old URL; the WordPress import tests check it (OldUrlsTests, WordPressImportTests).
        var operations = PublicOperations().Where(o => o.Operation["responses"]?["200"] is not null).ToArray();
        Assert.That(operations, Has.Length.GreaterThan(25));
        var failures = new List<string>();
        foreach (var (path, operation) in operations)
        {
            var url = Url(path, operation);
            using var response = await _http.GetAsync(new Uri(url, UriKind.Relative));
            failures.AddRange(await CheckAsync($"GET {url}", operation, response, HttpStatusCode.OK));
        }

        Assert.That(failures, Is.Empty);
    }

    [Test]
    public async Task FilteredListsAndProblemsAnswerAsTheirSchemasSay()
    {
        var failures = new List<string>();
        foreach (var (path, url, status) in new[]
        {
            ("/v1/{edition}/posts", $"/v1/{Edition}/posts?tag={Uri.EscapeDataString(_values["tags"])}&author={Uri.EscapeDataString(_values["authors"])}&perPage=1", HttpStatusCode.OK),
            ("/v1/{edition}/posts", $"/v1/{Edition}/posts?q={Uri.EscapeDataString("حقوق بشر")}", HttpStatusCode.OK),
            ("/v1/{edition}/search", $"/v1/{Edition}/search?q=refugess", HttpStatusCode.OK),
            ("/v1/{edition}/posts", $"/v1/{Edition}/posts?page=abc", HttpStatusCode.BadRequest),
            ("/v1/{edition}/posts/{slug}", $"/v1/{Edition}/posts/{Uri.EscapeDataString("نیست")}", HttpStatusCode.NotFound),
            ("/v1/{edition}/posts", "/v1/xx/posts", HttpStatusCode.NotFound),
        })
        {
            var operation = _document["paths"]![path]!["get"]!.AsObject();
            using var response = await _http.GetAsync(new Uri(url, UriKind.Relative));
            failures.AddRange(await CheckAsync($"GET {url}", operation, response, status));
        }

        Assert.That(failures, Is.Empty);
    }

    [Test]
    public async Task SignInAndAccountOperationsAnswerAsTheirSchemasSay()
    {
        const string password = "a long enough password";
        var token = await InvitationTokenAsync("signed-in");
        var email = (await _http.GetFromJsonAsync($"/v1/auth/invitations/{token}")).GetProperty("email").GetString()!;
        var failures = new List<string>();
        async Task<HttpResponseMessage> CallAsync(HttpClient client, HttpMethod method, string path, string url, HttpStatusCode expected, object? body = null, string? contentType = null)
        {
            using var request = new HttpRequestMessage(method, url);
            if (body is not null)
            {
                request.Content = new StringContent(System.Text.Json.JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, contentType ?? "application/json");
            }

            var response = await client.SendAsync(request);
            var operation = _document["paths"]![path]![method.Method.ToLowerInvariant()]!.AsObject();
            failures.AddRange(await CheckAsync($"{method} {url}", operation, response, expected));
            return response;
        }

        using var browser = _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = true, BaseAddress = _app.ClientOptions.BaseAddress });
        using var accepted = await CallAsync(browser, HttpMethod.Post, "/v1/auth/invitations/{token}", $"/v1/auth/invitations/{token}", HttpStatusCode.OK, new { password });
        browser.DefaultRequestHeaders.Add("X-CSRF-Token", JsonNode.Parse(await accepted.Content.ReadAsStringAsync())!["csrfToken"]!.GetValue<string>());
        (await CallAsync(browser, HttpMethod.Get, "/v1/auth/session", "/v1/auth/session", HttpStatusCode.OK)).Dispose();
        (await CallAsync(_http, HttpMethod.Get, "/v1/auth/invitations/{token}", $"/v1/auth/invitations/{token}", HttpStatusCode.NotFound)).Dispose();
        (await CallAsync(_http, HttpMethod.Post, "/v1/auth/session", "/v1/auth/session", HttpStatusCode.Unauthorized, new { email, password = "wrong password" })).Dispose();
        (await CallAsync(_http, HttpMethod.Post, "/v1/auth/session", "/v1/auth/session", HttpStatusCode.OK, new { email, password })).Dispose();
        (await CallAsync(_admin, HttpMethod.Get, "/v1/admin/accounts", "/v1/admin/accounts", HttpStatusCode.OK)).Dispose();
        using var created = await CallAsync(_admin, HttpMethod.Post, "/v1/admin/accounts", "/v1/admin/accounts", HttpStatusCode.Created,
            new { email = "reza@example.org", displayName = "رضا", role = Roles.Author, editions = new[] { Edition } });
        var id = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["account"]!["id"]!.GetValue<long>();
        (await CallAsync(_admin, HttpMethod.Post, "/v1/admin/accounts/{id}/invitation", $"/v1/admin/accounts/{id}/invitation", HttpStatusCode.OK)).Dispose();
        (await CallAsync(_admin, HttpMethod.Patch, "/v1/admin/accounts/{id}", $"/v1/admin/accounts/{id}", HttpStatusCode.OK, new { disabled = true }, "application/merge-patch+json")).Dispose();
        (await CallAsync(_admin, HttpMethod.Delete, "/v1/admin/accounts/{id}", $"/v1/admin/accounts/{id}", HttpStatusCode.NoContent)).Dispose();
        (await CallAsync(browser, HttpMethod.Delete, "/v1/auth/sessions", "/v1/auth/sessions", HttpStatusCode.NoContent)).Dispose();
        (await CallAsync(browser, HttpMethod.Get, "/v1/auth/session", "/v1/auth/session", HttpStatusCode.Unauthorized)).Dispose();
        Assert.That(failures, Is.Empty);
    }

    /// <summary>A new editor's invitation token.</summary>
    private async Task<string> InvitationTokenAsync(string name)
    {
        var created = await _admin.PostJsonAsync("/v1/admin/accounts", new { email = $"{name}@example.org", displayName = $"سارا {name}", role = Roles.Editor, editions = new[] { Edition } });
        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created), created.Body.ToString());
        return created.Body.GetProperty("invitationUrl").GetString()!.Split('/')[^1];
    }

    /// <summary>The GET operations that need no key and no session.</summary>
    private IEnumerable<(string Path, JsonObject Operation)> PublicOperations() =>
        _document["paths"]!.AsObject()
            .Where(path => !path.Key.StartsWith("/v1/admin", StringComparison.Ordinal))
            .SelectMany(path => path.Value!.AsObject().Where(o => o.Key == "get" && o.Value!["security"] is not JsonArray { Count: > 0 }).Select(o => (path.Key, o.Value!.AsObject())));

    /// <summary>The path with seeded values, plus the required query parameters.</summary>
    private string Url(string path, JsonObject operation)
    {
        var segments = path.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            segments[i] = System.Text.RegularExpressions.Regex.Replace(segments[i], "{(?<name>[^}]+)}", match =>
            {
                var name = match.Groups["name"].Value;
                var key = name == "slug" ? segments[i - 1] : name;
                Assert.That(_values, Does.ContainKey(key), $"no seeded value for {{{name}}} in {path}");
                return Uri.EscapeDataString(_values[key]);
            });
        }

        var required = (operation["parameters"]?.AsArray() ?? []).Where(p => p!["in"]!.GetValue<string>() == "query" && p["required"]?.GetValue<bool>() == true)
            .Select(p => $"{p!["name"]}={Uri.EscapeDataString(_values[p["name"]!.GetValue<string>()])}");
        return string.Join('/', segments) + (required.Any() ? "?" + string.Join('&', required) : "");
    }

    private async Task<IEnumerable<string>> CheckAsync(string request, JsonObject operation, HttpResponseMessage response, HttpStatusCode expected)
    {
        var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (response.StatusCode != expected)
        {
            return [$"{request}: {status}, expected {(int)expected}: {await response.Content.ReadAsStringAsync()}"];
        }

        if (response.StatusCode == HttpStatusCode.NoContent)
        {
            return operation["responses"]?[status] is null ? [$"{request}: {status} is not declared"] : [];
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
        if (operation["responses"]?[status]?["content"]?[mediaType] is not { } declared)
        {
            return [$"{request}: {status} {mediaType} is not declared"];
        }

        if (declared["schema"] is not { } schema || !(mediaType.EndsWith("json", StringComparison.Ordinal)))
        {
            return [];
        }

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        var result = SchemaFor(schema).Evaluate(body, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        return result.IsValid ? [] : result.Details.Where(d => d.HasErrors).Select(d =>
            $"{request}: {d.InstanceLocation} ({d.EvaluationPath}): {string.Join("; ", d.Errors!.Select(e => $"{e.Key}: {e.Value}"))}").Take(10);
    }

    /// <summary>A JSON Schema 2020-12 document (what OpenAPI 3.1 schemas are) for one declared schema, with the components as $defs.</summary>
    private JsonSchema SchemaFor(JsonNode schema)
    {
        var document = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$defs"] = _document["components"]!["schemas"]!.DeepClone(),
            ["allOf"] = new JsonArray(schema.DeepClone()),
        };
        return JsonSchema.FromText(document.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal));
    }
}
