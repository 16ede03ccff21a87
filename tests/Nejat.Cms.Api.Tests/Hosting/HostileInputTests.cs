using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Nejat.Cms.Api.Features.Editorial;

namespace Nejat.Cms.Api.Tests.Hosting;

/// <summary>What an attacker (or an unlucky client) sends, and the 4xx problem each gets, with nothing written.</summary>
public sealed partial class HostileInputTests
{
    private CmsApp _app = null!;
    private HttpClient _admin = null!;
    private string _adminKey = "";

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await CmsApp.StartAsync();
        await _app.SeedAsync(Seed.Author("ana", "Ana"), Seed.Tag("fa", "سیاست", "سیاست"), Seed.Post("fa", "خبر", tags: ["سیاست"], author: "ana"),
            Seed.Post("en", "news"));
        await using var conn = new Npgsql.NpgsqlConnection(_app.ConnectionString);
        await conn.OpenAsync();
        _adminKey = (await ApiKeyStore.CreateAsync(conn, null, new CreateApiKeyRequest("hostile admin", Roles.Admin, null), "tests", CancellationToken.None)).Key;
        _admin = _app.CreateClient(_adminKey);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _admin.Dispose();
        await _app.DisposeAsync();
    }

    // JSON text as sent (escapes included), the field the problem names, and what it says.
    [TestCase("""{"edition":"en","title":"a\u0000b"}""", "title", "NUL character")]
    [TestCase("""{"edition":"en","title":"a\u0001b"}""", "title", "control character (U+0001)")]
    [TestCase("""{"edition":"en","title":"a\ud800b"}""", "title", "lone surrogate")]
    [TestCase("""{"edition":"en","title":"\udc00"}""", "title", "lone surrogate")]
    [TestCase("""{"edition":"en","title":"x\ufffe"}""", "title", "noncharacter (U+FFFE)")]
    [TestCase("""{"edition":"en","title":"x","excerpt":"\u007f"}""", "excerpt", "control character (U+007F)")]
    [TestCase("""{"edition":"en","title":"x","tags":["ok","b\u0000d"]}""", "tags[1]", "NUL character")]
    [TestCase("""{"edition":"en","title":"a","title":"b"}""", "title", "given twice")]
    [TestCase("""{"edition":"en","title":1}""", "title", "Not valid here")]
    public async Task RefusedTextInAJsonBodyIsA400NamingTheFieldAndNothingIsWritten(string json, string field, string problem)
    {
        var before = await CountAsync("posts");
        var reply = await _admin.SendAsync(HttpMethod.Post, "/v1/admin/posts", json);
        Assert.Multiple(async () =>
        {
            Assert.That(reply.Status, Is.EqualTo(HttpStatusCode.BadRequest), reply.Body.ToString());
            Assert.That(reply.ContentType, Is.EqualTo("application/problem+json"));
            Assert.That(reply.Body.GetProperty("errors").GetProperty(field)[0].GetString(), Does.Contain(problem));
            Assert.That(await CountAsync("posts"), Is.EqualTo(before));
        });
    }

    [TestCase("""{"translations":{"fa":{"alt":"x\u0000"}}}""", "translations.fa.alt")]
    [TestCase("""{"translations":{"f\u0000a":{"alt":"x"}}}""", "translations.f\0a")]
    [TestCase("""{"credit":"\ud800"}""", "credit")]
    [TestCase("""{"translations":{"\udfff lone":{"alt":"x"}}}""", "body")]
    [TestCase("""{"credit":"a","credit":"b"}""", "body")]
    public async Task AMergePatchIsCheckedTheSameWay(string patch, string field)
    {
        var video = await _admin.PostJsonAsync("/v1/admin/media/videos", new { url = "https://www.youtube.com/watch?v=dQw4w9WgXcQ" });
        var reply = await _admin.SendAsync(HttpMethod.Patch, $"/v1/admin/media/{video.Body.GetProperty("id")}", patch, video.ETag, "application/merge-patch+json");
        Assert.Multiple(() =>
        {
            Assert.That(reply.Status, Is.EqualTo(HttpStatusCode.BadRequest), reply.Body.ToString());
            Assert.That(reply.Body.GetProperty("errors").EnumerateObject().Single().Name, Is.EqualTo(field));
        });
    }

    [Test]
    public async Task AVerticalTabFromAWordProcessorBecomesALineBreak()
    {
        var reply = await _admin.SendAsync(HttpMethod.Post, "/v1/admin/posts", """{"edition":"en","title":"Line\u000bbreak","excerpt":"Page\fbreak"}""");
        Assert.Multiple(() =>
        {
            Assert.That(reply.Status, Is.EqualTo(HttpStatusCode.Created), reply.Body.ToString());
            Assert.That(reply.Body.GetProperty("title").GetString(), Is.EqualTo("Line\nbreak"));
            Assert.That(reply.Body.GetProperty("excerpt").GetString(), Is.EqualTo("Page\nbreak"));
        });
    }

    [TestCase("a\u0000b")]
    [TestCase("a\u0001b")]
    public async Task RefusedTextInAnUploadFieldIsA400AndNoFileIsKept(string credit)
    {
        var before = TestFiles.UploadedFiles(_app).Length;
        var reply = await _admin.UploadAsync(TestFiles.Pdf(800, seed: 42), fields: new() { ["credit"] = credit });
        Assert.Multiple(() =>
        {
            Assert.That(reply.Status, Is.EqualTo(HttpStatusCode.BadRequest), reply.Body.ToString());
            Assert.That(reply.Body.GetProperty("errors").GetProperty("credit")[0].GetString(), Does.Contain("character"));
            Assert.That(TestFiles.UploadedFiles(_app), Has.Length.EqualTo(before));
        });
    }

    // Broken HTTP framing that no HTTP client library sends, written to the socket by hand. A body that
    // stops short of its length (the client keeps the connection open and sends nothing more) is refused
    // once Kestrel's minimum data rate gives up on it, after its 5 s grace.
    [TestCase("Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n", "application/json", 400)]
    [TestCase("Transfer-Encoding: chunked\r\n\r\n2\r\n{}xx\r\n0\r\n\r\n", "application/json", 400)]
    [TestCase("Content-Length: 89\r\n\r\n--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.pdf\"\r\n\r\n%PDF-1.7 never ends", "multipart/form-data; boundary=b", 400)]
    [TestCase("Content-Length: 500\r\n\r\n{\"edition\":\"en\",\"title\":\"cut", "application/json", 400)]
    public async Task ABodyCutShortOrBadlyFramedIsRefusedAndNothingIsWritten(string framing, string contentType, int status)
    {
        var path = contentType.StartsWith("multipart", StringComparison.Ordinal) ? "/v1/admin/media" : "/v1/admin/posts";
        var (posts, files) = (await CountAsync("posts"), TestFiles.UploadedFiles(_app).Length);
        var answer = await RawAsync($"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {_adminKey}\r\nContent-Type: {contentType}\r\nConnection: close\r\n{framing}");
        Assert.Multiple(async () =>
        {
            Assert.That(answer, Does.StartWith($"HTTP/1.1 {status}"));
            Assert.That(answer, Does.Contain("application/problem+json"));
            Assert.That(await CountAsync("posts"), Is.EqualTo(posts));
            Assert.That(TestFiles.UploadedFiles(_app), Has.Length.EqualTo(files));
        });
    }

    [TestCase("/v1/no-such-path", HttpStatusCode.NotFound)]
    [TestCase("/v1/en/posts?per_page=5", HttpStatusCode.BadRequest)]
    [TestCase("/v1/admin/posts", HttpStatusCode.Unauthorized)]
    public async Task EveryProblemIsProblemJsonWhateverTheClientAccepts(string url, HttpStatusCode status)
    {
        foreach (var accept in new[] { "text/html", "application/xml", "image/png", "*/*" })
        {
            using var client = _app.CreateClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.TryAddWithoutValidation("Accept", accept);
            using var response = await client.SendAsync(request);
            Assert.Multiple(async () =>
            {
                Assert.That(response.StatusCode, Is.EqualTo(status), accept);
                Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), accept);
                Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("\"detail\""), accept);
            });
        }
    }

    [Test]
    public async Task AMethodARouteDoesNotTakeIsA405ProblemSayingWhichItTakes()
    {
        using var client = _app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Delete, "/v1/en/posts");
        request.Headers.TryAddWithoutValidation("Accept", "text/html");
        using var response = await client.SendAsync(request);
        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("GET"));
        });
    }

    [TestCase("%201")]
    [TestCase("+1")]
    [TestCase("01")]
    [TestCase("1.0")]
    [TestCase("1%20")]
    [TestCase("-1")]
    [TestCase("99999999999999999999")]
    public async Task ARouteIdHasOneSpelling(string id)
    {
        var keys = await _admin.GetFromJsonAsync("/v1/admin/keys");
        var revoke = await _admin.SendAsync(HttpMethod.Delete, $"/v1/admin/keys/{id}");
        var read = await _admin.SendAsync(HttpMethod.Get, $"/v1/admin/posts/{id}");
        var revisions = await _admin.SendAsync(HttpMethod.Get, $"/v1/admin/posts/1/revisions/{id}");
        Assert.Multiple(async () =>
        {
            Assert.That(revoke.Status, Is.EqualTo(HttpStatusCode.NotFound), revoke.Body.ToString());
            Assert.That(read.Status, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(revisions.Status, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await _admin.GetFromJsonAsync("/v1/admin/keys")).EnumerateArray().Count(k => k.GetProperty("revokedAt").ValueKind == System.Text.Json.JsonValueKind.Null),
                Is.EqualTo(keys.EnumerateArray().Count(k => k.GetProperty("revokedAt").ValueKind == System.Text.Json.JsonValueKind.Null)), "no key was revoked");
        });
    }

    [Test]
    public async Task AQueryParameterTheRouteDoesNotTakeIsA400NamingItAndTheOnesItTakes()
    {
        var misspelt = await _app.GetProblemAsync("/v1/en/posts?per_page=5", HttpStatusCode.BadRequest);
        var none = await _app.GetProblemAsync("/v1/editions?lang=fa", HttpStatusCode.BadRequest);
        var twice = await _app.GetProblemAsync("/v1/en/posts?page=1&page=2", HttpStatusCode.BadRequest);
        var control = await _app.GetProblemAsync("/v1/en/posts?tag=a%01b", HttpStatusCode.BadRequest);
        var path = await _app.GetProblemAsync("/v1/en/posts/a%01b", HttpStatusCode.BadRequest);
        var anyCase = await _app.GetJsonAsync("/v1/en/posts?PerPage=1");
        Assert.Multiple(() =>
        {
            Assert.That(misspelt.GetProperty("errors").GetProperty("per_page")[0].GetString(), Does.Contain("perPage").And.Contain("tag"));
            Assert.That(none.GetProperty("detail").GetString(), Does.Contain("takes no query parameters"));
            Assert.That(twice.GetProperty("errors").GetProperty("page")[0].GetString(), Does.Contain("more than once"));
            Assert.That(control.GetProperty("errors").GetProperty("tag")[0].GetString(), Does.Contain("U+0001"));
            Assert.That(path.GetProperty("errors").GetProperty("path")[0].GetString(), Does.Contain("U+0001"));
            Assert.That(anyCase.GetProperty("page").GetProperty("size").GetInt32(), Is.EqualTo(1), "parameter names are not case-sensitive");
        });
    }

    /// <summary>Every public GET route, from the endpoint data source, answers HEAD as it answers GET, without a body.</summary>
    [Test]
    public async Task EveryPublicGetAnswersHeadWithTheSameStatusAndHeadersAndNoBody()
    {
        var values = new Dictionary<string, string>
        {
            ["edition"] = "fa", ["slug"] = Uri.EscapeDataString("خبر"), ["id"] = "1", ["number"] = "1", ["file"] = "x.pdf", ["sha256"] = new string('a', 64), ["rendition"] = "320.webp", ["token"] = "no-such-invitation",
        };
        var routes = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && raw.StartsWith("/v1/", StringComparison.Ordinal) && !raw.StartsWith("/v1/admin", StringComparison.Ordinal)
                && e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Contains("GET"))
            .Select(e => RouteParameter().Replace(e.RoutePattern.RawText!, p => values[p.Groups["name"].Value]))
            .Distinct().ToArray();
        Assert.That(routes, Has.Length.GreaterThan(20));
        using var client = _app.CreateClient();
        foreach (var url in routes)
        {
            using var get = await client.GetAsync(url);
            using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
            var body = await head.Content.ReadAsByteArrayAsync();
            Assert.Multiple(() =>
            {
                Assert.That(head.StatusCode, Is.EqualTo(get.StatusCode), url);
                Assert.That(head.Content.Headers.ContentType?.MediaType, Is.EqualTo(get.Content.Headers.ContentType?.MediaType), url);
                Assert.That(head.Headers.ETag, Is.EqualTo(get.Headers.ETag), url);
                Assert.That(body, Is.Empty, url);
            });
        }
    }

    private async Task<long> CountAsync(string table)
    {
        await using var conn = new Npgsql.NpgsqlConnection(_app.ConnectionString);
        await conn.OpenAsync();
        await using var count = new Npgsql.NpgsqlCommand($"SELECT count(*) FROM {table}", conn);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    /// <summary>Writes a request to the socket as it is and reads the answer (the connection stays open, as a slow client's would).</summary>
    private async Task<string> RawAsync(string request)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, _admin.BaseAddress!.Port);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\{(?<name>\w+)(:[^}]*)?\}")]
    private static partial System.Text.RegularExpressions.Regex RouteParameter();
}
