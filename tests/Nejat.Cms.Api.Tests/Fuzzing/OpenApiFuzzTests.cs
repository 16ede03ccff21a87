using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Nejat.Cms.Api.Features.Editorial;
using SkiaSharp;

namespace Nejat.Cms.Api.Tests.Fuzzing;

/// <summary>
/// A fuzzer driven by the committed OpenAPI document (which OpenApiDocumentTests keeps equal to the
/// served one): every operation, with its path, query, header and body inputs made valid from real
/// content and then mutated with hostile values, plus requests whose HTTP framing is broken (cut-off
/// and malformed chunked bodies, unterminated multipart uploads). No answer may be a 5xx, and every
/// 4xx must be application/problem+json. FUZZ_REQUESTS (default 12,000) and FUZZ_SEED (default
/// 20261130) choose the run; a failure names the request, so a seed reproduces it.
/// </summary>
public sealed partial class OpenApiFuzzTests
{
    private static readonly string[] Editions = ["en", "fa", "ar", "sq"];

    private readonly LogRecorder _logs = new();
    private CmsApp _app = null!;
    private HttpClient _http = null!;
    private string _adminKey = "";
    private readonly Dictionary<string, string> _roleKeys = [];
    private readonly ConcurrentDictionary<string, List<string>> _pools = new();
    private List<Operation> _operations = null!;
    private JsonElement _schemas;

    private sealed record Parameter(string Name, string In, JsonElement Schema);

    private sealed record Operation(string Method, string Path, Parameter[] Parameters, string? BodyType, JsonElement? BodySchema)
    {
        public bool IsAdmin => Path.StartsWith("/v1/admin", StringComparison.Ordinal);
        public override string ToString() => $"{Method} {Path}";
    }

    /// <summary>One request as sent, for the report.</summary>
    private sealed record Sent(string Method, string Url, string? ContentType, string? Body, string Headers)
    {
        public override string ToString() =>
            $"{Method} {Url} [{Headers}] {ContentType} {(Body is null ? "" : Body.Length > 300 ? Body[..300] + "…" : Body)}";
    }

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await CmsApp.StartAsync(logs: _logs);
        _http = _app.CreateClient();
        _http.Timeout = TimeSpan.FromSeconds(60);
        await using (var conn = new Npgsql.NpgsqlConnection(_app.ConnectionString))
        {
            await conn.OpenAsync();
            _adminKey = (await ApiKeyStore.CreateAsync(conn, null, new CreateApiKeyRequest("fuzz admin", Roles.Admin, null), "tests", CancellationToken.None)).Key;
            foreach (var (role, editions) in new[] { (Roles.Editor, new[] { "fa" }), (Roles.Author, new[] { "en" }), (Roles.Previewer, (string[]?)null) })
            {
                _roleKeys[role] = (await ApiKeyStore.CreateAsync(conn, null, new CreateApiKeyRequest($"fuzz {role}", role, editions), "tests", CancellationToken.None)).Key;
            }
        }

        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(TestRun.RepositoryRoot, "openapi", "v1.json")));
        _schemas = document.RootElement.GetProperty("components").GetProperty("schemas").Clone();
        _operations = Operations(document.RootElement).ToList();
        await SeedAsync();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    [Test]
    public async Task NoOperationAnswersA5xxAndEvery4xxIsProblemJson()
    {
        var requests = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_REQUESTS"), out var n) ? n : 12_000;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), out var s) ? s : 20261130;
        var failures = new ConcurrentBag<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        var sent = 0;

        // Four at a time, so that concurrent writes meet too; request i is made by Random(seed + i).
        await Parallel.ForEachAsync(Enumerable.Range(0, requests), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
        {
            var random = new Random(seed + i);
            var operation = _operations[i % _operations.Count];
            var (status, contentType, request) = i % 50 == 49
                ? await SendRawAsync(random, operation)
                : await SendAsync(random, operation);
            Interlocked.Increment(ref sent);
            statuses.AddOrUpdate(status, 1, (_, c) => c + 1);
            if (status is 0 or >= 500 || status is >= 400 and < 500 && contentType != "application/problem+json")
            {
                failures.Add($"{operation} → {(status == 0 ? "no answer" : status.ToString(CultureInfo.InvariantCulture))} {contentType}\t#{i} {request}");
            }
        });

        TestContext.Progress.WriteLine($"Fuzzed {sent} requests over {_operations.Count} operations (seed {seed}): "
            + string.Join(", ", statuses.OrderBy(p => p.Key).Select(p => $"{p.Key}×{p.Value}")));
        var errors = _logs.Entries.Where(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error)
            .Select(e => e.Exception is { } ex ? $"{ex.GetType().Name}: {ex.Message} {ex.StackTrace?.Split('\n').FirstOrDefault(l => l.Contains("Nejat", StringComparison.Ordinal))}" : e.Message)
            .Distinct().Take(20).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(sent, Is.GreaterThanOrEqualTo(Math.Min(requests, 10_000)));
            Assert.That(errors, Is.Empty, "errors the service logged");
            // One example of each kind of failure: operation and answer.
            Assert.That(failures.GroupBy(f => f.Split('\t')[0]).Select(g => $"{g.Count()}× {g.First()}").Take(60), Is.Empty,
                $"{failures.Count} answers were 5xx, missing, or 4xx without problem+json");
        });
    }

    private static IEnumerable<Operation> Operations(JsonElement root)
    {
        foreach (var path in root.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject())
            {
                var parameters = method.Value.TryGetProperty("parameters", out var list)
                    ? list.EnumerateArray().Select(p => new Parameter(p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!, p.GetProperty("schema").Clone())).ToArray()
                    : [];
                string? bodyType = null;
                JsonElement? bodySchema = null;
                if (method.Value.TryGetProperty("requestBody", out var body))
                {
                    var content = body.GetProperty("content").EnumerateObject().First();
                    bodyType = content.Name;
                    bodySchema = content.Value.GetProperty("schema").Clone();
                }

                yield return new Operation(method.Name.ToUpperInvariant(), path.Name, parameters, bodyType, bodySchema);
            }
        }
    }

    /// <summary>Real content for valid inputs: posts, pages, tags, authors, media, a gallery, keys to revoke.</summary>
    private async Task SeedAsync()
    {
        using var admin = _app.CreateClient(_adminKey);
        Add("edition", Editions);
        foreach (var edition in Editions)
        {
            var author = await admin.PostJsonAsync("/v1/admin/authors", new { name = $"Author {edition}" });
            Add("author", author.Body.GetProperty("slug").GetString()!);
            Add("id:authors", author.Body.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture));
            var tag = await admin.PostJsonAsync("/v1/admin/tags", new { edition, name = $"Tag {edition} سیاست" });
            Add($"slug:tags:{edition}", tag.Body.GetProperty("slug").GetString()!);
            Add("id:tags", tag.Body.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture));
            for (var p = 0; p < 4; p++)
            {
                var post = await admin.PostJsonAsync("/v1/admin/posts", new
                {
                    edition, title = $"Post {p} خانه‌ها Shqipëria", status = p < 3 ? "published" : "draft", author = author.Body.GetProperty("slug").GetString(),
                    tags = new[] { tag.Body.GetProperty("slug").GetString() }, bodyHtml = "<p>refugees حقوق بشر</p>", publishedAt = p < 3 ? "2026-01-0" + (p + 1) + "T00:00:00Z" : null,
                });
                Add($"slug:posts:{edition}", post.Body.GetProperty("slug").GetString()!);
                Add("id:posts", post.Body.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture));
            }

            var page = await admin.PostJsonAsync("/v1/admin/pages", new { edition, title = "About us", status = "published" });
            Add($"slug:pages:{edition}", page.Body.GetProperty("slug").GetString()!);
            Add("id:pages", page.Body.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture));
            var key = await admin.PostJsonAsync("/v1/admin/keys", new { name = $"Revocable {edition}", role = Roles.Previewer, editions = new[] { edition } });
            Add("id:keys", key.Body.GetProperty("info").GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture));
        }

        var image = await admin.UploadAsync(TestFiles.Image(400, 300, SKEncodedImageFormat.Png));
        var pdf = await admin.UploadAsync(TestFiles.Pdf(2_000, seed: 1));
        var video = await admin.PostJsonAsync("/v1/admin/media/videos", new { url = "https://www.youtube.com/watch?v=dQw4w9WgXcQ", translations = new { fa = new { title = "ویدیو" } } });
        foreach (var media in new[] { image, pdf, video })
        {
            Add("id:media", media.Body.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture));
        }

        Add("sha256", image.Body.GetProperty("sha256").GetString()!, pdf.Body.GetProperty("sha256").GetString()!);
        Add("file", $"{pdf.Body.GetProperty("sha256").GetString()}.pdf");
        Add("rendition", "320.png", "400.webp", "400.png", "768.webp");
        var gallery = await admin.PostJsonAsync("/v1/admin/galleries", new { titles = new { fa = "گالری", en = "Gallery" }, mediaIds = new[] { image.Body.GetProperty("id").GetInt64() } });
        Add("id:galleries", gallery.Body.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture));
        Add("slug:galleries", gallery.Body.GetProperty("slug").GetString()!);
        Add("number", "1", "2", "3");
        Add("collection", "cartoons", "books", "newsletter");
    }

    private void Add(string pool, params string[] values) => _pools.GetOrAdd(pool, _ => []).AddRange(values);

    /// <summary>A valid value for a path parameter of this operation, from the seeded content.</summary>
    private string ValidPathValue(Random random, Operation operation, Parameter parameter, string edition)
    {
        var kind = operation.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse()
            .SkipWhile(segment => segment.StartsWith('{') || segment is "revisions" or "restore" or "publish" or "unpublish" or "schedule" or "translations" or "related" or "feed.xml" or "feed.json")
            .FirstOrDefault() ?? "";
        var pool = parameter.Name switch
        {
            "edition" => "edition",
            "slug" when kind is "authors" => "author",
            "slug" when kind is "galleries" => "slug:galleries",
            "slug" => $"slug:{kind}:{edition}",
            "id" => $"id:{kind}",
            _ => parameter.Name,
        };
        return _pools.TryGetValue(pool, out var values) && values.Count > 0 ? random.Pick(values) : "1";
    }

    private async Task<(int Status, string? ContentType, Sent Request)> SendAsync(Random random, Operation operation)
    {
        var mode = random.Next(10); // 0-2 valid, 3-4 path, 5-6 query, 7-8 body, 9 headers and method
        var edition = random.Pick(Editions);
        var path = new StringBuilder();
        foreach (var segment in operation.Path.Split('/'))
        {
            if (segment.Length > 0)
            {
                path.Append('/');
            }

            // A segment may hold a parameter and more, as {number}.xml does.
            path.Append(RouteParameter().Replace(segment, match =>
            {
                var parameter = operation.Parameters.First(p => p.In == "path" && p.Name == match.Groups["name"].Value);
                return mode is 3 or 4 && random.Next(2) == 0
                    ? random.Next(4) == 0 ? random.Pick(FuzzValues.RawUrlPieces) : Uri.EscapeDataString(random.Pick(FuzzValues.Texts))
                    : Uri.EscapeDataString(parameter.Name == "edition" ? edition : ValidPathValue(random, operation, parameter, edition));
            }));
        }

        var query = new List<string>();
        foreach (var parameter in operation.Parameters.Where(p => p.In == "query"))
        {
            if (mode is 5 or 6 && random.Next(2) == 0)
            {
                query.Add($"{parameter.Name}={(random.Next(5) == 0 ? random.Pick(FuzzValues.RawUrlPieces) : Uri.EscapeDataString(random.Pick(FuzzValues.Texts)))}");
            }
            else if (random.Next(3) == 0)
            {
                query.Add($"{parameter.Name}={Uri.EscapeDataString(ValidQueryValue(random, parameter, edition))}");
            }
        }

        if (mode is 5 or 6 && random.Next(3) == 0)
        {
            query.Add(random.Next(2) == 0 ? "per_page=5" : query.Count > 0 ? query[0] : "page=1&page=2");
        }

        var url = path + (query.Count > 0 ? "?" + string.Join('&', query) : "");
        var method = mode == 9 && random.Next(3) == 0 ? random.Pick(new[] { "PUT", "DELETE", "PATCH", "POST", "OPTIONS", "TRACE" }) : operation.Method;
        // Sent exactly as written: badly escaped pieces (%ZZ, %00) must reach the service as they are.
        using var request = new HttpRequestMessage(new HttpMethod(method),
            new Uri(_http.BaseAddress!.GetLeftPart(UriPartial.Authority) + url, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true }));
        var headers = new List<string>();
        void Header(string name, string value)
        {
            if (request.Headers.TryAddWithoutValidation(name, value))
            {
                headers.Add($"{name}: {value}");
            }
        }

        if (operation.IsAdmin)
        {
            Header("Authorization", mode == 9 && random.Next(4) == 0 ? random.Pick(FuzzValues.Authorizations)
                : random.Next(8) == 0 ? $"Bearer {random.Pick(_roleKeys.Values.ToArray())}" : $"Bearer {_adminKey}");
            if (operation.Method is "PUT" or "PATCH" or "DELETE" || operation.Method == "POST" && operation.Path.Contains('{', StringComparison.Ordinal))
            {
                Header("If-Match", mode == 9 || random.Next(5) == 0 ? random.Pick(FuzzValues.IfMatchValues) : await CurrentETagAsync(url) ?? "\"1\"");
            }
        }

        if (mode == 9)
        {
            Header("Accept", random.Pick(FuzzValues.AcceptValues));
            Header(random.Pick(new[] { "Range", "If-None-Match", "If-Modified-Since", "X-Forwarded-For" }),
                random.Pick(new[] { random.Pick(FuzzValues.RangeValues), "W/\"en.1\"", "*", "garbage", "Wed, 21 Oct 2015 07:28:00 GMT", "1.2.3.4, 5.6.7.8" }));
        }

        string? contentType = null;
        string? bodyText = null;
        if (operation.BodyType == "multipart/form-data")
        {
            (request.Content, contentType, bodyText) = Multipart(random, mode is 7 or 8);
        }
        else if (operation.BodyType is not null || mode is 7 or 8 && random.Next(4) == 0)
        {
            bodyText = mode is 7 or 8
                ? random.Next(4) == 0 ? random.Pick(FuzzValues.RawBodies) : Mutated(random, operation.BodySchema, edition)
                : Json(random, operation.BodySchema, edition, mutate: false);
            contentType = mode is 7 or 8 && random.Next(5) == 0 ? random.Pick(FuzzValues.ContentTypes) : operation.BodyType ?? "application/json";
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(bodyText));
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        var sent = new Sent(method, url, contentType, bodyText, string.Join("; ", headers));
        try
        {
            using var response = await _http.SendAsync(request);
            var body = await response.Content.ReadAsByteArrayAsync();
            return ((int)response.StatusCode, KestrelRefusal(response.StatusCode, response.Content.Headers.ContentType, body.Length) ?? response.Content.Headers.ContentType?.MediaType, sent);
        }
        catch (HttpRequestException)
        {
            return (0, null, sent);
        }
    }

    private string ValidQueryValue(Random random, Parameter parameter, string edition) => parameter.Name switch
    {
        "page" or "perPage" or "limit" => random.Next(1, 6).ToString(CultureInfo.InvariantCulture),
        "edition" => edition,
        "tag" => _pools.TryGetValue($"slug:tags:{edition}", out var tags) ? random.Pick(tags) : "x",
        "author" => random.Pick(_pools["author"]),
        "q" => random.Pick(new[] { "refugees", "خانه‌ها", "Shqipëria", "\"human rights\"", "refugess", "حقوق" }),
        "from" => "2026-01-01",
        "to" => "2026-12-01T00:00:00Z",
        "status" => random.Pick(new[] { "draft", "published", "trashed", "scheduled" }),
        "kind" => random.Pick(new[] { "image", "video", "document" }),
        "collection" => random.Pick(_pools["collection"]),
        "calendar" => random.Pick(new[] { "gregorian", "persian" }),
        "count" or "force" or "purge" => random.Pick(new[] { "true", "false" }),
        _ => "1",
    };

    private async Task<string?> CurrentETagAsync(string url)
    {
        // The resource a write changes: the path up to its id (or the edition document).
        var parts = url.Split('?')[0].Split('/');
        var resource = string.Join('/', parts.Take(parts.Length >= 6 && long.TryParse(parts[5], out _) ? 6 : parts.Length));
        using var request = new HttpRequestMessage(HttpMethod.Get, resource);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _adminKey);
        try
        {
            using var response = await _http.SendAsync(request);
            return response.Headers.ETag?.Tag;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>A JSON value for a schema: made valid from the seeded content, or with one part made hostile.</summary>
    private string Json(Random random, JsonElement? schema, string edition, bool mutate, string? name = null, int depth = 0)
    {
        if (schema is not { } s)
        {
            return "{}";
        }

        if (s.TryGetProperty("$ref", out var reference))
        {
            return Json(random, _schemas.GetProperty(reference.GetString()!.Split('/')[^1]), edition, mutate, name, depth);
        }

        // "That object or null" (oneOf) and merge patch members (anyOf with null): the value, not null.
        if (s.TryGetProperty("allOf", out var all) || s.TryGetProperty("oneOf", out all) || s.TryGetProperty("anyOf", out all))
        {
            return Json(random, all[0], edition, mutate, name, depth);
        }

        if (mutate && random.Next(6) == 0)
        {
            return random.Next(3) switch
            {
                0 => random.Pick(FuzzValues.JsonStrings),
                1 => random.Pick(FuzzValues.JsonNumbers),
                _ => random.Pick(FuzzValues.JsonOthers),
            };
        }

        // A nullable member's type is a list such as ["null", "string"].
        var type = !s.TryGetProperty("type", out var t) ? "object"
            : t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().Select(e => e.GetString()).First(e => e != "null")
            : t.GetString();
        switch (type)
        {
            case "object" when s.TryGetProperty("properties", out var properties):
                var members = properties.EnumerateObject().Where(_ => random.Next(4) != 0)
                    .Select(p => $"{FuzzValues.Literal(p.Name)}:{Json(random, p.Value, edition, mutate, p.Name, depth + 1)}").ToList();
                if (mutate && random.Next(8) == 0)
                {
                    members.Add(random.Next(2) == 0 && members.Count > 0 ? members[0] : "\"unknownField\":1");
                }

                return "{" + string.Join(',', members) + "}";
            case "object":
                var values = s.TryGetProperty("additionalProperties", out var valueSchema) ? valueSchema : default;
                var keys = random.Next(4) == 0 && mutate ? [random.Pick(FuzzValues.JsonStrings)] : Editions.Where(_ => random.Next(2) == 0).Select(FuzzValues.Literal);
                return "{" + string.Join(',', keys.Select(k => $"{k}:{(values.ValueKind == JsonValueKind.Undefined ? "\"x\"" : Json(random, values, edition, mutate, name, depth + 1))}")) + "}";
            case "array":
                return depth > 4 ? "[]" : "[" + string.Join(',', Enumerable.Range(0, random.Next(3)).Select(_ => Json(random, s.GetProperty("items"), edition, mutate, name, depth + 1))) + "]";
            case "integer":
                return name switch
                {
                    "featuredMediaId" or "mediaIds" => random.Pick(_pools["id:media"]),
                    "postId" or "translationOf" => random.Pick(_pools["id:posts"]),
                    "id" => random.Pick(_pools["id:posts"]),
                    _ => "1",
                };
            case "boolean":
                return random.Next(2) == 0 ? "true" : "false";
            default:
                return FuzzValues.Literal(name switch
                {
                    "edition" => edition,
                    "editions" => random.Pick(Editions),
                    "status" => random.Pick(new[] { "draft", "published", "scheduled" }),
                    "role" => random.Pick(Roles.All),
                    "publishedAt" or "publishAt" => DateTimeOffset.UtcNow.AddDays(random.Next(-30, 30)).ToString("O", CultureInfo.InvariantCulture),
                    "tags" => random.Pick(new[] { "سیاست", "new tag", "Tag " + edition }),
                    "author" => random.Pick(_pools["author"]),
                    "collection" => random.Pick(_pools["collection"]),
                    "kind" => random.Pick(new[] { "home", "external", "path", "post", "tag", "collection", "gallery" }),
                    "url" => random.Pick(new[] { "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "https://example.org/a b", "/fa/about", "https://t.me/nejat" }),
                    "network" => "telegram",
                    "shareTargets" => "telegram",
                    "bodyHtml" => "<p>Hello <b>world</b></p>",
                    "slug" => random.Next(2) == 0 ? $"slug-{random.Next(1000)}" : "",
                    _ => random.Pick(new[] { "Title", "عنوان", "Titull ë", $"Text {random.Next()}" }),
                });
        }
    }

    private string Mutated(Random random, JsonElement? schema, string edition) => Json(random, schema, edition, mutate: true);

    private static (HttpContent Content, string ContentType, string Description) Multipart(Random random, bool mutate)
    {
        var boundary = $"fuzz{random.Next():x}";
        var file = random.Next(3) switch
        {
            0 => TestFiles.Image(64, 48, SKEncodedImageFormat.Png),
            1 => TestFiles.Pdf(500, random.Next()),
            _ => Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
        };
        var parts = new List<(string Name, byte[] Value)> { ("file", file) };
        if (random.Next(2) == 0)
        {
            parts.Add(("collection", Encoding.UTF8.GetBytes(random.Next(2) == 0 ? "cartoons" : "nope")));
        }

        if (mutate)
        {
            switch (random.Next(5))
            {
                case 0: parts.Clear(); break;
                case 1: parts.Add(("file", file)); break;
                case 2: parts.Add(("credit", Encoding.UTF8.GetBytes("a\u0000b\u000bc"))); break;
                case 3: parts.Add(("unknown", [1, 2, 3])); break;
                default: parts.Add(("source", Encoding.UTF8.GetBytes(new string('s', 2_000)))); break;
            }
        }

        var body = new MemoryStream();
        foreach (var (name, value) in parts)
        {
            body.Write(Encoding.ASCII.GetBytes($"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"x\"\r\n\r\n"));
            body.Write(value);
            body.Write("\r\n"u8);
        }

        if (!mutate || random.Next(3) != 0)
        {
            body.Write(Encoding.ASCII.GetBytes($"--{boundary}--\r\n"));
        }

        var content = new ByteArrayContent(body.ToArray());
        var contentType = mutate && random.Next(4) == 0 ? "multipart/form-data" : $"multipart/form-data; boundary={boundary}";
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return (content, contentType, $"{parts.Count} part(s): {string.Join(", ", parts.Select(p => p.Name))}");
    }

    /// <summary>
    /// Kestrel refuses what it cannot parse (an encoded NUL in the path, broken framing, a request line
    /// over its limit) with an empty 400, 414 or 431 before any application code runs; the application's
    /// own 4xx always carry a problem (status code pages fill the empty ones). Such refusals are told
    /// apart by their empty body.
    /// </summary>
    private static string? KestrelRefusal(HttpStatusCode status, MediaTypeHeaderValue? type, int bodyLength) =>
        status is HttpStatusCode.BadRequest or HttpStatusCode.RequestUriTooLong or HttpStatusCode.RequestHeaderFieldsTooLarge
        && type is null && bodyLength == 0 ? "application/problem+json" : null;

    /// <summary>What the server sent before it closed (or reset) the connection.</summary>
    private static async Task<string> ReadAllAsync(NetworkStream stream)
    {
        var received = new MemoryStream();
        var buffer = new byte[8192];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (IOException)
        {
            // A reset after (or instead of) the answer.
        }

        return Encoding.UTF8.GetString(received.ToArray());
    }

    /// <summary>
    /// A request whose framing is broken, written to the socket by hand (HttpClient never sends these):
    /// a body shorter than its Content-Length, a malformed or unfinished chunked body, or an upload
    /// whose multipart body never ends. The answer, when there is one, must still be a problem.
    /// </summary>
    private async Task<(int Status, string? ContentType, Sent Request)> SendRawAsync(Random random, Operation operation)
    {
        var target = operation.Method is "POST" or "PUT" or "PATCH" ? operation : _operations.First(o => o is { Method: "POST", Path: "/v1/admin/posts" });
        var url = target.Path.Contains('{', StringComparison.Ordinal) ? "/v1/admin/posts" : target.Path;
        var method = target.Path.Contains('{', StringComparison.Ordinal) ? "POST" : target.Method;
        var payload = target.BodyType == "multipart/form-data"
            ? "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.pdf\"\r\n\r\n%PDF-1.7 unterminated"
            : "{\"edition\":\"en\",\"title\":\"cut";
        // Cut-off bodies end with the client closing its side (waiting would take Kestrel's 5 s data-rate
        // grace each); broken framing and unterminated multipart keep the connection open for the answer.
        var (framing, description, hangUp) = random.Next(4) switch
        {
            0 => ($"Content-Length: {payload.Length + 500}\r\n\r\n{payload}", "body shorter than Content-Length", true),
            1 => ($"Transfer-Encoding: chunked\r\n\r\nzz\r\n{payload}\r\n0\r\n\r\n", "malformed chunk size", false),
            2 => ($"Transfer-Encoding: chunked\r\n\r\n{payload.Length:x}\r\n{payload}\r\n", "chunked body never finished", true),
            _ => ($"Content-Length: {Encoding.UTF8.GetByteCount(payload)}\r\n\r\n{payload}", "complete body, unterminated content", false),
        };
        var contentType = target.BodyType == "multipart/form-data" ? "multipart/form-data; boundary=b" : "application/json";
        var text = $"{method} {url} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {_adminKey}\r\nContent-Type: {contentType}\r\nConnection: close\r\n{framing}";
        var sent = new Sent(method, url, contentType, description, "raw");
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, _http.BaseAddress!.Port);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.UTF8.GetBytes(text));
        if (hangUp)
        {
            tcp.Client.Shutdown(SocketShutdown.Send);
        }

        var response = await ReadAllAsync(stream);
        if (response.Length == 0)
        {
            // Kestrel may close a connection whose framing it cannot read without answering: no 5xx, and no 4xx of the application.
            return (400, "application/problem+json", sent);
        }

        var status = int.Parse(response.AsSpan(9, 3), CultureInfo.InvariantCulture);
        var type = response.Split("\r\n").FirstOrDefault(line => line.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase))?[13..].Trim();
        var bodyLength = response.Length - response.IndexOf("\r\n\r\n", StringComparison.Ordinal) - 4;
        return (status, KestrelRefusal((HttpStatusCode)status, type is null ? null : MediaTypeHeaderValue.Parse(type), bodyLength) ?? type?.Split(';')[0], sent);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\{(?<name>\w+)\}")]
    private static partial System.Text.RegularExpressions.Regex RouteParameter();
}
