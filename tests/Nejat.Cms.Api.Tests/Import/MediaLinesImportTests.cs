using Microsoft.Extensions.DependencyInjection;
using Nejat.Cms.Api.Import;
using Nejat.Cms.Api.Startup;

namespace Nejat.Cms.Api.Tests.Import;

/// <summary>
/// The import's media and gallery lines: files beside the import file go through the upload pipeline, keys find
/// the items again, and a line naming a file outside the import file's folder is refused with nothing written.
/// </summary>
public sealed class MediaLinesImportTests
{
    private static readonly string SampleImages = Path.Combine(Path.GetDirectoryName(Commands.SampleFile)!, "media");

    private const string Herat = """{"type":"media","key":"herat","file":"images/herat.jpg","collection":"news-pics","translations":{"fa":{"alt":"خانه‌ها در هرات"},"en":{"alt":"Houses in Herat"}}}""";

    [Test]
    public async Task AFileIsStoredOnceFoundAgainByItsKeyAndReplacedWhenItChanges()
    {
        await using var app = await CmsApp.StartAsync();
        using var folder = new ImportFolder();
        folder.Image("images/herat.jpg", "herat-houses.jpg");
        string[] lines = [Herat, Seed.Post("fa", "هرات", featuredMedia: "herat")];

        var first = await folder.ImportAsync(app, lines);
        var second = await folder.ImportAsync(app, lines);
        var before = await app.GetJsonAsync($"/v1/fa/posts/{Uri.EscapeDataString("هرات")}");
        folder.Image("images/herat.jpg", "border-winter.jpg");
        var changed = await folder.ImportAsync(app, lines);
        var after = await app.GetJsonAsync($"/v1/fa/posts/{Uri.EscapeDataString("هرات")}");
        var listed = await app.GetJsonAsync("/v1/media?edition=en");

        Assert.Multiple(() =>
        {
            Assert.That(first, Does.Match(@"media\s+1 lines: 1 new"));
            Assert.That(second, Does.Match(@"media\s+1 lines: 0 new, 0 changed, 1 unchanged").And.Match(@"posts\s+1 lines: 0 new, 0 changed, 1 unchanged"));
            Assert.That(changed, Does.Match(@"media\s+1 lines: 0 new, 1 changed"));
            Assert.That(before.GetProperty("featuredMedia").GetProperty("alt").GetString(), Is.EqualTo("خانه‌ها در هرات"));
            Assert.That(after.GetProperty("featuredMedia").GetProperty("id").GetInt64(), Is.EqualTo(before.GetProperty("featuredMedia").GetProperty("id").GetInt64()));
            Assert.That(after.GetProperty("featuredMedia").GetProperty("url").GetString(), Is.Not.EqualTo(before.GetProperty("featuredMedia").GetProperty("url").GetString()));
            Assert.That(listed.GetProperty("items").GetArrayLength(), Is.EqualTo(1));
            Assert.That(listed.GetProperty("items")[0].GetProperty("alt").GetString(), Is.EqualTo("Houses in Herat"));
        });
    }

    [TestCase("../outside.jpg", "line 1: file '../outside.jpg' leaves the import file's folder ('..' is not allowed)")]
    [TestCase("images/../../outside.jpg", "line 1: file 'images/../../outside.jpg' leaves the import file's folder")]
    [TestCase("/etc/passwd", "line 1: file '/etc/passwd' must be a path relative to the import file's folder")]
    [TestCase("images/link.jpg", "line 1: file 'images/link.jpg' leaves the import file's folder")]
    [TestCase("linked/outside.jpg", "line 1: file 'linked/outside.jpg' leaves the import file's folder")]
    [TestCase("images/missing.jpg", "line 1: file 'images/missing.jpg' does not exist (paths are relative to the import file's folder)")]
    [TestCase("images/notes.txt", "line 1: file 'images/notes.txt': The file is not one of the accepted types")]
    public async Task AFileOutsideTheFolderOrNotAMediaFileIsRefusedWithNothingWritten(string file, string problem)
    {
        await using var app = await CmsApp.StartAsync();
        using var folder = new ImportFolder();
        var outsideFolder = Directory.CreateTempSubdirectory("nejat-outside-").FullName;
        var outside = Path.Combine(outsideFolder, "outside.jpg");
        File.Copy(Path.Combine(SampleImages, "herat-houses.jpg"), outside);
        try
        {
            folder.Image("images/inside.jpg", "herat-houses.jpg");
            File.CreateSymbolicLink(Path.Combine(folder.Path, "images", "link.jpg"), outside);
            Directory.CreateSymbolicLink(Path.Combine(folder.Path, "linked"), outsideFolder);
            File.WriteAllText(Path.Combine(folder.Path, "images", "notes.txt"), "not an image");
            var line = Herat.Replace("images/herat.jpg", file, StringComparison.Ordinal);
            var (exitCode, output) = await folder.RunAsync(app, [line, Seed.Post("fa", "هرات", featuredMedia: "herat")]);
            var media = await app.GetJsonAsync("/v1/media");
            Assert.Multiple(() =>
            {
                Assert.That(exitCode, Is.EqualTo(1));
                Assert.That(output, Does.Contain(problem).And.Contain("Nothing was imported"));
                Assert.That(media.GetProperty("items").GetArrayLength(), Is.Zero);
            });
        }
        finally
        {
            Directory.Delete(outsideFolder, recursive: true);
        }
    }

    [TestCase("""{"type":"post","edition":"fa","slug":"x","title":"x","featuredMedia":"nowhere"}""", "line 1: featuredMedia: unknown media 'nowhere'")]
    [TestCase("""{"type":"page","edition":"fa","slug":"x","title":"x","featuredMedia":"nowhere"}""", "line 1: featuredMedia: unknown media 'nowhere'")]
    [TestCase("""{"type":"gallery","slug":"g","titles":{"fa":"گالری"},"media":["nowhere"]}""", "line 1: media: unknown media 'nowhere'")]
    [TestCase("""{"type":"gallery","slug":"g","titles":{"xx":"x"},"media":["herat"]}""", "line 1: titles.xx: there is no edition 'xx'")]
    [TestCase("""{"type":"gallery","slug":"g","titles":{},"media":["herat"]}""", "line 1: titles needs a title in at least one edition")]
    [TestCase("""{"type":"media","key":"k","file":"images/herat.jpg","collection":"nowhere"}""", "line 1: collection: There is no collection 'nowhere'.")]
    [TestCase("""{"type":"media","key":"k","file":"images/herat.jpg","translations":{"xx":{"alt":"x"}}}""", "line 1: translations.xx: There is no edition 'xx'.")]
    [TestCase("""{"type":"media","key":"k","file":"images/herat.jpg","width":3}""", "line 1: unknown property 'width' for a media")]
    public async Task ABadReferenceOrDescriptionIsRefusedByLine(string line, string problem)
    {
        await using var app = await CmsApp.StartAsync();
        using var folder = new ImportFolder();
        folder.Image("images/herat.jpg", "herat-houses.jpg");
        var (exitCode, output) = await folder.RunAsync(app, [line, Herat]);
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(1));
            Assert.That(output, Does.Contain(problem));
        });
    }

    /// <summary>A folder holding an import file and the files its media lines name.</summary>
    private sealed class ImportFolder : IDisposable
    {
        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"nejat-import-{Guid.NewGuid():N}");

        /// <summary>Copies a sample image to <paramref name="relative"/> in the folder.</summary>
        public void Image(string relative, string sample)
        {
            var target = System.IO.Path.Combine(Path, relative);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(System.IO.Path.Combine(SampleImages, sample), target, overwrite: true);
        }

        public async Task<(int ExitCode, string Output)> RunAsync(CmsApp app, string[] lines)
        {
            var file = System.IO.Path.Combine(Path, "content.jsonl");
            await File.WriteAllLinesAsync(file, lines);
            using var output = new StringWriter();
            var exitCode = await ImportCommand.RunAsync(["import", file], app.ConnectionString, app.CommandConfiguration, output);
            return (exitCode, output.ToString());
        }

        public async Task<string> ImportAsync(CmsApp app, string[] lines)
        {
            var (exitCode, output) = await RunAsync(app, lines);
            Assert.That(exitCode, Is.Zero, output);
            await app.Services.GetRequiredService<Api.Hosting.ContentVersions>().RefreshAsync(CancellationToken.None);
            return output;
        }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
