using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Nejat.Cms.Api.Features.Editorial;
using Nejat.Cms.Api.Features.Search;
using Nejat.Cms.Api.Hosting;
using Npgsql;

namespace Nejat.Cms.Api.Tests.Features.Search;

/// <summary>
/// The texts snippets are made from are kept by post and row version (SearchTexts): a search reads only
/// the bodies it has not read before, and a post written since, by any path, shows its new text.
/// </summary>
public sealed class SearchTextsTests
{
    private CmsApp _app = null!;
    private CmsApp _keepingNone = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        // Searches reach the service: no output cache, no limit a test's searches could reach.
        Dictionary<string, string?> settings = new() { ["Cms:OutputCache"] = "false", ["Cms:SearchesPerSecond"] = "1000" };
        _app = await CmsApp.StartAsync(settings);
        _keepingNone = await CmsApp.StartAsync(new(settings) { ["Cms:SearchTextCacheSizeMb"] = "0" }, _app.ConnectionString);
        await _app.SeedAsync([
            Seed.Post("en", "en-olives", "2026-02-01T08:00:00Z", title: "Harvest",
                bodyHtml: "<p>The olive groves on the hills were picked by hand this autumn.</p>"),
            Seed.Post("en", "en-press", "2026-02-02T08:00:00Z", title: "The press",
                bodyHtml: "<p>At the old press, olive oil ran green &amp; bitter.</p>"),
            Seed.Post("fa", "fa-olives", "2026-02-03T08:00:00Z", title: "برداشت",
                bodyHtml: "<p>باغ‌های زیتون در رودبار امسال پربار بودند.</p>"),
        ]);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _keepingNone.DisposeAsync();
        await _app.DisposeAsync();
    }

    private static async Task<string[]> SnippetsAsync(CmsApp app, string edition, string q)
    {
        var page = await app.GetJsonAsync($"/v1/{edition}/search?q={Uri.EscapeDataString(q)}");
        return page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("snippet").GetString()!).ToArray();
    }

    private static long BodiesRead(CmsApp app) => app.Services.GetRequiredService<SearchTexts>().BodiesRead;

    [Test]
    public async Task ASecondSearchOfTheSamePostsReadsNoBody()
    {
        var before = BodiesRead(_app);
        var first = await SnippetsAsync(_app, "en", "olive");
        var afterFirst = BodiesRead(_app);
        var again = await SnippetsAsync(_app, "en", "olive");
        var otherWords = await SnippetsAsync(_app, "en", "hills");
        var farsi = await SnippetsAsync(_app, "fa", "زیتون");
        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(new[]
            {
                "Excerpt of en-press At the old press, <mark>olive</mark> oil ran green &amp; bitter.",
                "Excerpt of <mark>en-olives</mark> The <mark>olive</mark> groves on the hills were picked by hand this autumn.",
            }));
            Assert.That(afterFirst - before, Is.EqualTo(2), "the first search reads both bodies");
            Assert.That(again, Is.EqualTo(first));
            Assert.That(otherWords, Is.EqualTo(new[] { "Excerpt of en-olives The olive groves on the <mark>hills</mark> were picked by hand this autumn." }));
            Assert.That(BodiesRead(_app) - afterFirst, Is.EqualTo(1), "only the Farsi post's body is read again");
            Assert.That(farsi, Is.EqualTo(new[] { "Excerpt of fa-olives باغ‌های <mark>زیتون</mark> در رودبار امسال پربار بودند." }));
        });
    }

    [Test]
    public async Task APostWrittenByAnyPathShowsItsNewText()
    {
        await _app.SeedAsync(Seed.Post("en", "en-figs", "2026-02-04T08:00:00Z", title: "Figs", bodyHtml: "<p>Figs dried on the roofs of the village.</p>"));
        Assert.That(await SnippetsAsync(_app, "en", "roofs"), Is.EqualTo(new[] { "Excerpt of en-figs Figs dried on the <mark>roofs</mark> of the village." }));

        await using var conn = new NpgsqlConnection(_app.ConnectionString);
        await conn.OpenAsync();
        long id;
        string version;
        await using (var read = new NpgsqlCommand("SELECT id, version FROM posts WHERE edition = 'en' AND slug = 'en-figs'", conn))
        await using (var reader = await read.ExecuteReaderAsync())
        {
            Assert.That(await reader.ReadAsync(), Is.True);
            (id, version) = (reader.GetInt64(0), $"\"{reader.GetInt32(1)}\"");
        }

        var editor = await _app.CreateKeyClientAsync(Roles.Editor);
        var edited = await editor.SendAsync(HttpMethod.Patch, $"/v1/admin/posts/{id}", new { bodyHtml = "<p>Figs dried on the flat roofs of the town.</p>" },
            version, "application/merge-patch+json");
        Assert.That(edited.Status, Is.EqualTo(HttpStatusCode.OK), edited.Body.ToString());
        var afterEditing = await SnippetsAsync(_app, "en", "roofs");

        // A statement no endpoint runs (an operator's fix, a script): the post's version stays as it was.
        await using (var fix = new NpgsqlCommand("UPDATE posts SET body_html = '<p>Figs dried on the red roofs of the town.</p>' WHERE id = @Id", conn))
        {
            fix.Parameters.AddWithValue("Id", id);
            Assert.That(await fix.ExecuteNonQueryAsync(), Is.EqualTo(1));
        }

        var afterFixing = await SnippetsAsync(_app, "en", "roofs");
        Assert.Multiple(() =>
        {
            Assert.That(afterEditing, Is.EqualTo(new[] { "Excerpt of en-figs Figs dried on the flat <mark>roofs</mark> of the town." }));
            Assert.That(afterFixing, Is.EqualTo(new[] { "Excerpt of en-figs Figs dried on the red <mark>roofs</mark> of the town." }));
        });
    }

    [Test]
    public async Task KeepingNoTextsEverySearchReadsItsBodies()
    {
        var before = BodiesRead(_keepingNone);
        var first = await SnippetsAsync(_keepingNone, "en", "bitter");
        var again = await SnippetsAsync(_keepingNone, "en", "bitter");
        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(new[] { "Excerpt of en-press At the old press, olive oil ran green &amp; <mark>bitter.</mark>" }));
            Assert.That(again, Is.EqualTo(first));
            Assert.That(BodiesRead(_keepingNone) - before, Is.EqualTo(2));
        });
    }

    // A page's rows and the bodies read after them are two statements: a post may be written, unpublished
    // or deleted in between. Texts are kept by the server's start time, post and row version.
    [Test]
    public async Task TextsAreThoseThePostsHaveNowAndKeptByServerPostAndVersion()
    {
        await _app.SeedAsync(
            Seed.Post("en", "en-walnuts", "2026-02-05T08:00:00Z", title: "Walnuts", bodyHtml: "<p>Walnuts fell <b>early</b>.</p>"),
            Seed.Post("en", "en-chestnuts", "2026-02-06T08:00:00Z", title: "Chestnuts", bodyHtml: "<p>Chestnuts roasted.</p>"));
        await using var conn = new NpgsqlConnection(_app.ConnectionString);
        await conn.OpenAsync();
        await using (var unpublish = new NpgsqlCommand(
            "UPDATE posts SET status = 'draft', body_html = '<p>A draft no reader may see.</p>' WHERE edition = 'en' AND slug = 'en-chestnuts'", conn))
        {
            await unpublish.ExecuteNonQueryAsync();
        }

        var posts = new Dictionary<string, (long Id, uint RowVersion, DateTime ServerStartedAt)>();
        await using (var read = new NpgsqlCommand(
            "SELECT slug, id, xmin, pg_postmaster_start_time() FROM posts WHERE edition = 'en' AND slug IN ('en-walnuts', 'en-chestnuts')", conn))
        await using (var reader = await read.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                posts[reader.GetString(0)] = (reader.GetInt64(1), reader.GetFieldValue<uint>(2), reader.GetDateTime(3));
            }
        }

        var walnuts = posts["en-walnuts"];
        SearchRow Walnuts(uint rowVersion, DateTime serverStartedAt) =>
            new() { Id = walnuts.Id, RowVersion = rowVersion, ServerStartedAt = serverStartedAt, Excerpt = "An excerpt since replaced" };
        using var texts = new SearchTexts(Options.Create(new CmsOptions()));
        var made = await texts.OfAsync(conn, [
            Walnuts(walnuts.RowVersion - 1, walnuts.ServerStartedAt),
            new SearchRow { Id = posts["en-chestnuts"].Id, RowVersion = posts["en-chestnuts"].RowVersion, ServerStartedAt = walnuts.ServerStartedAt, Excerpt = "Since unpublished" },
            new SearchRow { Id = -1, RowVersion = 1, ServerStartedAt = walnuts.ServerStartedAt, Excerpt = "Since deleted" },
        ], CancellationToken.None);
        var read1 = texts.BodiesRead;
        var kept = await texts.OfAsync(conn, [Walnuts(walnuts.RowVersion, walnuts.ServerStartedAt)], CancellationToken.None);
        var read2 = texts.BodiesRead;
        var otherServer = await texts.OfAsync(conn, [Walnuts(walnuts.RowVersion, walnuts.ServerStartedAt.AddSeconds(-1))], CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(made, Is.EqualTo(new[] { "Excerpt of en-walnuts  Walnuts fell  early . ", "Since unpublished ", "Since deleted " }));
            Assert.That(read1, Is.EqualTo(1), "one published body is read");
            Assert.That(kept, Is.EqualTo(new[] { made[0] }));
            Assert.That(read2, Is.EqualTo(read1), "the text is kept by the row version read with it");
            Assert.That(otherServer, Is.EqualTo(new[] { made[0] }));
            Assert.That(texts.BodiesRead, Is.EqualTo(read2 + 1), "a row version of another server's life is not the same text");
        });
    }
}
