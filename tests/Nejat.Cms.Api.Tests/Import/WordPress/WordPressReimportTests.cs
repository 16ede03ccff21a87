using System.Net;
using Nejat.Cms.Api.Features.Editorial;

namespace Nejat.Cms.Api.Tests.Import.WordPress;

/// <summary>Running the import again until cut-over day: it updates, never duplicates, and leaves editors' work alone.</summary>
public sealed class WordPressReimportTests
{
    private const string CartoonShow = "نمایشگاه-کاریکاتور";

    [Test]
    public async Task ASecondRunOfTheWholeExportChangesNothing()
    {
        await using var app = await CmsApp.StartAsync();
        await app.ImportSiteAsync();
        var before = await WordPressFixture.SnapshotAsync(app.ConnectionString);
        var output = await app.ImportSiteAsync(WordPressFixture.Export("site.xml"));
        Assert.Multiple(async () =>
        {
            Assert.That(await WordPressFixture.SnapshotAsync(app.ConnectionString), Is.EqualTo(before), "no row, version or timestamp moved");
            Assert.That(output, Does.Contain("posts           10: 0 new, 0 changed, 10 unchanged"));
            Assert.That(output, Does.Contain("tags            15: 0 new, 0 changed, 15 unchanged"));
            Assert.That(output, Does.Contain("galleries        1: 0 new, 0 changed, 1 unchanged"));
            Assert.That(output, Does.Contain("navigation       2: 0 new, 0 changed, 2 unchanged"));
            Assert.That(output, Does.Contain("old URLs        88: 0 new, 0 changed, 88 unchanged"));
            Assert.That(output, Does.Contain("media            7: 7 reused"));
        });
    }

    [Test]
    public async Task AnEditInWordPressUpdatesExactlyThatPost()
    {
        await using var app = await CmsApp.StartAsync();
        await app.ImportSiteAsync(WordPressFixture.Export("site.xml"));
        var before = await VersionsAsync(app);
        var output = await app.ImportSiteAsync(WordPressFixture.Export("site-edited.xml"));
        var after = await VersionsAsync(app);
        var post = await app.GetJsonAsync($"/v1/fa/posts/{Uri.EscapeDataString(CartoonShow)}");
        var gallery = await app.GetJsonAsync($"/v1/fa/galleries/{Uri.EscapeDataString(CartoonShow)}");
        Assert.Multiple(() =>
        {
            Assert.That(output, Does.Contain("posts           10: 0 new, 1 changed, 9 unchanged"));
            Assert.That(output, Does.Contain("galleries        1: 0 new, 1 changed, 0 unchanged"), "the gallery takes its post's title");
            Assert.That(after.Where(v => before[v.Key] != v.Value).Select(v => v.Key), Is.EqualTo(new[] { CartoonShow }));
            Assert.That(post.GetProperty("title").GetString(), Is.EqualTo("نمایشگاه کاریکاتور ۱۴۰۲"));
            Assert.That(post.GetProperty("bodyHtml").GetString(), Does.EndWith("<p>نمایشگاه تا پایان اسفند باز است.</p>\n"));
            Assert.That(gallery.GetProperty("title").GetString(), Is.EqualTo("نمایشگاه کاریکاتور ۱۴۰۲"));
        });
    }

    [Test]
    public async Task AnEditorsChangeIsNeverOverwrittenUnasked()
    {
        await using var app = await CmsApp.StartAsync();
        await app.ImportSiteAsync(WordPressFixture.Export("site.xml"));
        using var admin = await app.CreateKeyClientAsync(Roles.Admin);
        var id = (await VersionsAsync(app, ids: true))[CartoonShow];
        var current = await admin.SendAsync(HttpMethod.Get, $"/v1/admin/posts/{id}");
        var edited = await admin.SendAsync(HttpMethod.Patch, $"/v1/admin/posts/{id}", new { title = "ویرایش سردبیر" }, current.ETag, "application/merge-patch+json");
        var unasked = await app.ImportWordPressAsync(["--edition", "fa", "--uploads", WordPressFixture.Uploads, WordPressFixture.Export("site-edited.xml")]);
        var kept = await app.GetJsonAsync($"/v1/fa/posts/{Uri.EscapeDataString(CartoonShow)}");
        var forced = await app.ImportWordPressAsync(["--edition", "fa", "--uploads", WordPressFixture.Uploads, "--overwrite", WordPressFixture.Export("site-edited.xml")]);
        var replaced = await app.GetJsonAsync($"/v1/fa/posts/{Uri.EscapeDataString(CartoonShow)}");
        Assert.Multiple(() =>
        {
            Assert.That(edited.Status, Is.EqualTo(HttpStatusCode.OK), edited.Body.ToString());
            Assert.That(unasked.ExitCode, Is.EqualTo(1), unasked.Output);
            Assert.That(unasked.Output, Does.Contain("Changed in Nejat CMS since the last import, left as they are (--overwrite replaces them): 1"));
            Assert.That(unasked.Output, Does.Contain("post 12 'نمایشگاه کاریکاتور ۱۴۰۲' (fa): it was edited in Nejat CMS, and in WordPress too"));
            Assert.That(kept.GetProperty("title").GetString(), Is.EqualTo("ویرایش سردبیر"));
            Assert.That(forced.ExitCode, Is.Zero, forced.Output);
            Assert.That(replaced.GetProperty("title").GetString(), Is.EqualTo("نمایشگاه کاریکاتور ۱۴۰۲"));
        });
    }

    [Test]
    public async Task ADryRunWritesNothingAndSaysWhatItWouldDo()
    {
        await using var app = await CmsApp.StartAsync();
        var before = await WordPressFixture.SnapshotAsync(app.ConnectionString);
        var (exitCode, output) = await app.ImportWordPressAsync(["--dry-run", "--edition", "fa", "--uploads", WordPressFixture.Uploads, .. WordPressFixture.Split]);
        Assert.Multiple(async () =>
        {
            Assert.That(exitCode, Is.Zero, output);
            Assert.That(output, Does.Contain("Dry run in").And.Contain("nothing was written"));
            Assert.That(output, Does.Contain("posts           10: 10 new"));
            Assert.That(output, Does.Contain("media            7: 7 to store from --uploads"));
            Assert.That(await WordPressFixture.SnapshotAsync(app.ConnectionString), Is.EqualTo(before));
            Assert.That(Directory.Exists(Path.Combine(app.MediaDir, "files")) ? Directory.GetFiles(Path.Combine(app.MediaDir, "files"), "*", SearchOption.AllDirectories) : [], Is.Empty);
        });
    }

    [Test]
    public async Task AnUnreadableFileImportsNothingAtAll()
    {
        await using var app = await CmsApp.StartAsync();
        var broken = Path.Combine(Path.GetTempPath(), $"nejat-wxr-{Guid.NewGuid():N}.xml");
        var text = await File.ReadAllTextAsync(WordPressFixture.Export("site-part-2.xml"));
        await File.WriteAllTextAsync(broken, text[..(text.Length / 2)]);
        var hostile = Path.Combine(Path.GetTempPath(), $"nejat-wxr-{Guid.NewGuid():N}.xml");
        await File.WriteAllTextAsync(hostile, "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><rss><channel><title>&x;</title></channel></rss>");
        try
        {
            var before = await WordPressFixture.SnapshotAsync(app.ConnectionString);
            var cut = await app.ImportWordPressAsync(["--edition", "fa", "--uploads", WordPressFixture.Uploads, WordPressFixture.Split[0], broken]);
            var entity = await app.ImportWordPressAsync(["--edition", "fa", hostile]);
            Assert.Multiple(async () =>
            {
                Assert.That(cut.ExitCode, Is.EqualTo(1));
                Assert.That(cut.Output, Does.Contain($"{broken}: ").And.Contain("Nothing was imported"));
                Assert.That(entity.ExitCode, Is.EqualTo(1));
                Assert.That(entity.Output, Does.Contain("DTD").And.Contain("Nothing was imported"));
                Assert.That(await WordPressFixture.SnapshotAsync(app.ConnectionString), Is.EqualTo(before));
            });
        }
        finally
        {
            File.Delete(broken);
            File.Delete(hostile);
        }
    }

    [Test]
    public async Task OldUrlsFollowSlugsRenamedAfterTheImport()
    {
        await using var app = await CmsApp.StartAsync();
        await app.ImportSiteAsync(WordPressFixture.Export("site.xml"));
        using var admin = await app.CreateKeyClientAsync(Roles.Admin);
        var id = (await VersionsAsync(app, ids: true))[CartoonShow];
        var current = await admin.SendAsync(HttpMethod.Get, $"/v1/admin/posts/{id}");
        await admin.SendAsync(HttpMethod.Patch, $"/v1/admin/posts/{id}", new { slug = "cartoon-show" }, current.ETag, "application/merge-patch+json");
        using var client = app.NoRedirects();
        var permalink = await client.RedirectAsync("http://www.nejat.example/2024/03/%d9%86%d9%85%d8%a7%db%8c%d8%b4%da%af%d8%a7%d9%87-%da%a9%d8%a7%d8%b1%db%8c%da%a9%d8%a7%d8%aa%d9%88%d8%b1/");
        var query = await client.RedirectAsync("/?p=12");
        Assert.Multiple(() =>
        {
            Assert.That(permalink.Status, Is.EqualTo(HttpStatusCode.MovedPermanently));
            Assert.That(permalink.Location, Is.EqualTo("http://localhost:3000/fa/posts/cartoon-show"));
            Assert.That(query.Body.GetProperty("slug").GetString(), Is.EqualTo("cartoon-show"));
        });
    }

    [TestCase]
    [TestCase("--edition")]
    [TestCase("--bogus", "a.xml")]
    [TestCase("--edition", "fa", "/no/such/export.xml")]
    [TestCase("--edition", "fa", "--uploads", "/no/such/uploads", "{site}")]
    public async Task UsageErrorsSayHowToUseIt(params string[] args)
    {
        await using var app = await CmsApp.StartAsync();
        var (exitCode, output) = await app.ImportWordPressAsync(args.Select(a => a.Replace("{site}", WordPressFixture.Export("site.xml"), StringComparison.Ordinal)).ToArray());
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(output, Does.Contain("Usage:").Or.Contain("No such"));
        });
    }

    [Test]
    public async Task AnUnknownEditionIsRefusedBeforeAnythingIsWritten()
    {
        await using var app = await CmsApp.StartAsync();
        var (exitCode, output) = await app.ImportWordPressAsync(["--edition", "de", WordPressFixture.Export("site.xml")]);
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(1));
            Assert.That(output, Does.Contain("There is no edition 'de'").And.Contain("Nothing was imported"));
        });
    }

    /// <summary>Each fa post's version (or id) by slug.</summary>
    private static async Task<Dictionary<string, long>> VersionsAsync(CmsApp app, bool ids = false)
    {
        await using var conn = new Npgsql.NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand($"SELECT slug, {(ids ? "id" : "version")}::bigint FROM posts WHERE edition = 'fa'", conn);
        await using var reader = await command.ExecuteReaderAsync();
        var versions = new Dictionary<string, long>();
        while (await reader.ReadAsync())
        {
            versions[reader.GetString(0)] = reader.GetInt64(1);
        }

        return versions;
    }
}
