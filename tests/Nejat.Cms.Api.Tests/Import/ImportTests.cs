using Npgsql;

namespace Nejat.Cms.Api.Tests.Import;

public sealed class ImportTests
{
    private static readonly string[] Story =
    [
        """{"type":"edition","code":"sq","name":"Shqip","direction":"ltr","locale":"sq-AL"}""",
        Seed.Author("ana-hoxha", "Ana Hoxha"),
        Seed.Tag("sq", "të-drejtat", "Të drejtat e njeriut"),
        Seed.Tag("fa", "حقوق-بشر", "حقوق بشر"),
        Seed.Post("sq", "refugjatët-në-shqipëri", "2024-04-01T09:30:00+02:00", tags: ["të-drejtat"], author: "ana-hoxha", translationKey: "s1"),
        Seed.Post("fa", "پناهندگان-در-آلبانی", "2024-04-01T07:30:00Z", tags: ["حقوق-بشر"], translationKey: "s1"),
        "",
        Seed.Post("fa", "پیش‌نویس", status: "draft", publishedAt: null),
    ];

    [Test]
    public async Task ImportingTheSameFileTwiceChangesNothing()
    {
        await using var app = await CmsApp.StartAsync();
        var first = await app.ImportAsync(Story);
        var before = await SnapshotAsync(app.ConnectionString);
        var second = await app.ImportAsync(Story);
        var after = await SnapshotAsync(app.ConnectionString);

        Assert.Multiple(() =>
        {
            Assert.That(first.ExitCode, Is.Zero, first.Output);
            Assert.That(first.Output, Does.Contain("posts            3 lines: 3 new, 0 changed, 0 unchanged"));
            Assert.That(second.ExitCode, Is.Zero, second.Output);
            Assert.That(second.Output, Does.Contain("posts            3 lines: 0 new, 0 changed, 3 unchanged"));
            Assert.That(second.Output, Does.Contain("tags             2 lines: 0 new, 0 changed, 2 unchanged"));
            Assert.That(after, Is.EqualTo(before), "no row, version or timestamp moved");
        });
    }

    [Test]
    public async Task ImportedBodiesPassTheSanitiserLikeEditedOnes()
    {
        await using var app = await CmsApp.StartAsync();
        await app.SeedAsync(Seed.Post("en", "hostile", bodyHtml: """<p onclick="steal()">Kept</p><script>alert(1)</script><a href="javascript:alert(1)">link</a>"""));
        var body = (await app.GetJsonAsync("/v1/en/posts/hostile")).GetProperty("bodyHtml").GetString();
        Assert.Multiple(() =>
        {
            Assert.That(body, Does.Contain("Kept"));
            Assert.That(body, Does.Not.Contain("onclick").And.Not.Contain("<script").And.Not.Contain("javascript:"));
        });
    }

    [Test]
    public async Task ImportedPostIsServedWithItsOffsetTurnedIntoUtc()
    {
        await using var app = await CmsApp.StartAsync();
        await app.SeedAsync(Story);
        var post = await app.GetJsonAsync($"/v1/sq/posts/{Uri.EscapeDataString("refugjatët-në-shqipëri")}");
        Assert.Multiple(() =>
        {
            Assert.That(post.GetProperty("publishedAt").GetString(), Is.EqualTo("2024-04-01T07:30:00Z"));
            Assert.That(post.GetProperty("primaryTag").GetProperty("name").GetString(), Is.EqualTo("Të drejtat e njeriut"));
            Assert.That(post.GetProperty("translations")[0].GetProperty("slug").GetString(), Is.EqualTo("پناهندگان-در-آلبانی"));
        });
    }

    [Test]
    public async Task ChangedLinesUpdateOnlyWhatChangedIncludingTagOrder()
    {
        await using var app = await CmsApp.StartAsync();
        await app.SeedAsync(Seed.Tag("en", "a", "A"), Seed.Tag("en", "b", "B"), Seed.Post("en", "p", tags: ["a", "b"]), Seed.Post("en", "q"));
        var (exitCode, output) = await app.ImportAsync(Seed.Post("en", "p", tags: ["b", "a"]), Seed.Post("en", "q"));
        var post = await app.GetJsonAsync("/v1/en/posts/p");
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, output);
            Assert.That(output, Does.Contain("posts            2 lines: 0 new, 1 changed, 1 unchanged"));
            Assert.That(post.GetProperty("primaryTag").GetProperty("slug").GetString(), Is.EqualTo("b"));
        });
    }

    [Test]
    public async Task PercentEncodedSlugsAreDecodedAsWordPressStoresThem()
    {
        await using var app = await CmsApp.StartAsync();
        await app.SeedAsync(Seed.Post("fa", "%d8%ae%d8%a7%d9%86%d9%87"));
        var post = await app.GetJsonAsync("/v1/fa/posts/خانه");
        Assert.That(post.GetProperty("slug").GetString(), Is.EqualTo("خانه"));
    }

    [TestCase("""{"type":"post","edition":"en","slug":"x","title":"T","status":"published"}""", "a published post needs publishedAt")]
    [TestCase("""{"type":"post","edition":"en","slug":"x","title":"T","status":"live","publishedAt":"2024-01-01T00:00:00Z"}""", "status must be draft, scheduled or published")]
    [TestCase("""{"type":"post","edition":"en","slug":"x","title":"T","status":"published","publishedAt":"2024-01-01 10:00"}""", "publishedAt '2024-01-01 10:00' is not an ISO 8601 time with an offset")]
    [TestCase("""{"type":"post","edition":"en","slug":"Big Slug","title":"T"}""", "slug 'Big Slug' must be lower case")]
    [TestCase("""{"type":"post","edition":"en","slug":"a/b","title":"T"}""", "slug 'a/b' may hold only letters")]
    [TestCase("""{"type":"post","edition":"en","slug":"x","titel":"T"}""", "unknown property 'titel'")]
    [TestCase("""{"type":"post","edition":"en","slug":"x"}""", "title is required")]
    [TestCase("""{"type":"post","edition":"de","slug":"x","title":"T"}""", "post of unknown edition 'de'")]
    [TestCase("""{"type":"post","edition":"en","slug":"x","title":"T","author":"ghost"}""", "unknown author 'ghost'")]
    [TestCase("""{"type":"post","edition":"en","slug":"x","title":"T","tags":["حقوق-بشر"]}""", "unknown tag 'حقوق-بشر'")]
    [TestCase("""{"type":"post","edition":"en","slug":"x","title":"T","tags":"a"}""", "tags must be an array of slugs")]
    [TestCase("""{"type":"post","edition":"en","slug":"p0","title":"T"}""", "post en/p0 is already defined on line 3")]
    [TestCase("""{"type":"post","edition":"en","slug":"x","title":"T","translationKey":"k0"}""", "translationKey 'k0' in edition en is already defined on line 3")]
    [TestCase("""{"type":"tag","edition":"xx","slug":"t","name":"T"}""", "tag of unknown edition 'xx'")]
    [TestCase("""{"type":"edition","code":"en","name":"E","direction":"up","locale":"en"}""", "direction must be 'ltr' or 'rtl'")]
    [TestCase("""{"type":"widget"}""", "unknown type 'widget'")]
    [TestCase("""{"type":"author","slug":"dup","name":"First","name":"Second"}""", "property 'name' is given twice")]
    [TestCase("""{"type":"author","slug":"nul","name":"a\u0000b"}""", "name contains a NUL character")]
    [TestCase("""{"type":"author","slug":"half","name":"a\ud800b"}""", "name is not valid Unicode")]
    [TestCase("""{"type":"author","slug":"ctl","name":"a\u0001b"}""", "name contains a control character (U+0001)")]
    [TestCase("""{"type":"author","slug":"nonchar","name":"a\uffffb"}""", "name contains a noncharacter (U+FFFF)")]
    [TestCase("""{"type":"post","edition":"en","slug":"x","title":"T","translationKey":""}""", "translationKey must not be empty")]
    [TestCase("""{"type":"edition","code":"ku","name":"K","direction":"rtl","locale":"k"}""", "locale 'k' is not a language tag")]
    [TestCase("""{"type":"edition","code":"ku","name":"K","direction":"rtl","locale":"ckb","timeZone":"Mars/Olympus"}""", "timeZone 'Mars/Olympus' is not an IANA time zone")]
    [TestCase("""{"type":"edition","code":"ku","name":"K","direction":"rtl","locale":"ckb","timeZone":"Iran Standard Time"}""", "timeZone 'Iran Standard Time' is not an IANA time zone")]
    [TestCase("""{"type":"post", oops""", "not valid JSON")]
    [TestCase("""[1,2]""", "expected a JSON object")]
    public async Task ABadLineIsNamedAndNothingIsWritten(string badLine, string problem)
    {
        await using var app = await CmsApp.StartAsync();
        var before = await SnapshotAsync(app.ConnectionString);
        var (exitCode, output) = await app.ImportAsync(
            Seed.Author("ana", "Ana"),
            Seed.Tag("en", "t0", "T0"),
            Seed.Post("en", "p0", translationKey: "k0"),
            badLine,
            Seed.Post("en", "p9"));

        Assert.Multiple(async () =>
        {
            Assert.That(exitCode, Is.EqualTo(1));
            Assert.That(output, Does.Contain($"line 4: {problem}"));
            Assert.That(output, Does.Contain("Nothing was imported"));
            Assert.That(await SnapshotAsync(app.ConnectionString), Is.EqualTo(before));
        });
    }

    [Test]
    public async Task PostLinesCannotOverwriteOrTranslateAPage()
    {
        await using var app = await CmsApp.StartAsync();
        using var admin = await app.CreateKeyClientAsync(Nejat.Cms.Api.Features.Editorial.Roles.Admin);
        var english = await EditorialClient.PostJsonAsync(admin, "/v1/admin/pages", new { edition = "en", title = "About", status = "published" });
        await EditorialClient.PostJsonAsync(admin, "/v1/admin/pages",
            new { edition = "ar", title = "من نحن", translationOf = english.Body.GetProperty("id").GetInt64() });
        var overwrite = await app.ImportAsync(Seed.Post("en", "about", title: "Not a page"));
        var translate = await app.ImportAsync(Seed.Post("fa", "درباره", translationKey: $"story-{english.Body.GetProperty("id").GetInt64()}"));
        Assert.Multiple(async () =>
        {
            Assert.That(overwrite.ExitCode, Is.EqualTo(1));
            Assert.That(overwrite.Output, Does.Contain("line 1: slug 'about' is a page's in that edition"));
            Assert.That(translate.ExitCode, Is.EqualTo(1));
            Assert.That(translate.Output, Does.Contain("is a story of pages"));
            Assert.That((await app.GetJsonAsync("/v1/en/pages/about")).GetProperty("title").GetString(), Is.EqualTo("About"));
        });
    }

    [Test]
    public async Task InvalidUtf8IsRefusedNotReplaced()
    {
        await using var app = await CmsApp.StartAsync();
        var path = Path.Combine(Path.GetTempPath(), $"nejat-import-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllBytesAsync(path, [.. System.Text.Encoding.UTF8.GetBytes("""{"type":"author","slug":"bad","name":"a"""), 0xFF, .. "\"}\n"u8]);
        try
        {
            using var output = new StringWriter();
            var exitCode = await Api.Import.ImportCommand.RunAsync(["import", path], app.ConnectionString, output);
            Assert.Multiple(() =>
            {
                Assert.That(exitCode, Is.EqualTo(1));
                Assert.That(output.ToString(), Does.Contain("line 1: not valid UTF-8"));
            });
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public async Task APublishedPostDatedInTheFutureWaitsAsScheduled()
    {
        await using var app = await CmsApp.StartAsync();
        var (_, output) = await app.ImportAsync(Seed.Post("en", "tomorrow", "2099-01-01T00:00:00Z"));
        var list = await app.GetJsonAsync("/v1/en/posts");
        Assert.Multiple(() =>
        {
            Assert.That(output, Does.Contain("1 post(s) marked published but dated in the future were stored as scheduled"));
            Assert.That(list.GetProperty("items").GetArrayLength(), Is.Zero);
        });
    }

    [Test]
    public async Task LargeFileShowsProgress()
    {
        await using var app = await CmsApp.StartAsync();
        var lines = Enumerable.Range(1, 10_001).Select(i => Seed.Post("en", $"post-{i}", $"2024-01-01T00:00:{i % 60:00}Z")).ToArray();
        var (exitCode, output) = await app.ImportAsync(lines);
        var list = await app.GetJsonAsync("/v1/en/posts?perPage=1");
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, output);
            Assert.That(output, Does.Contain("… 10,000 lines read"));
            Assert.That(list.GetProperty("page").GetProperty("totalItems").GetInt64(), Is.EqualTo(10_001));
        });
    }

    [Test]
    public async Task MissingFileOrArgumentIsAUsageError()
    {
        using var output = new StringWriter();
        Assert.Multiple(async () =>
        {
            Assert.That(await Api.Import.ImportCommand.RunAsync(["import"], "Host=unused", output), Is.EqualTo(2));
            Assert.That(await Api.Import.ImportCommand.RunAsync(["import", "/no/such/file.jsonl"], "Host=unused", output), Is.EqualTo(2));
            Assert.That(output.ToString(), Does.Contain("Usage:").And.Contain("No such file"));
        });
    }

    /// <summary>Every content row with its version and timestamps, to prove nothing moved.</summary>
    private static async Task<string> SnapshotAsync(string connectionString)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT concat_ws(E'\n',
              (SELECT string_agg(concat_ws('|', code, name, direction, locale), ';' ORDER BY code) FROM editions),
              (SELECT string_agg(concat_ws('|', id, slug, name, updated_at), ';' ORDER BY id) FROM authors),
              (SELECT string_agg(concat_ws('|', id, edition, slug, name, post_count, updated_at), ';' ORDER BY id) FROM tags),
              (SELECT string_agg(concat_ws('|', id, edition, slug, status, published_at, version, updated_at), ';' ORDER BY id) FROM posts),
              (SELECT string_agg(concat_ws('|', post_id, tag_id, position), ';' ORDER BY post_id, tag_id) FROM post_tags))
            """, conn);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
