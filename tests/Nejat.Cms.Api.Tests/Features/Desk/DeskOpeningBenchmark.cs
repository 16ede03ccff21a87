using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;
using Nejat.Cms.Api.Features.Editorial;

namespace Nejat.Cms.Api.Tests.Features.Desk;

/// <summary>
/// A benchmark, not a timed test: how long the post list and the editor take to open in Chromium on the
/// benchmark's data (tests/Nejat.Cms.Bench/generate-dataset.py, 100 000 posts by default). It only prints
/// the figures (recorded in docs/desk.md) and runs only when asked:
/// NEJAT_DESK_BENCH=1 [NEJAT_DESK_BENCH_POSTS=100000] dotnet test --filter FullyQualifiedName~DeskOpeningBenchmark
/// </summary>
[Category("Benchmark")]
public sealed class DeskOpeningBenchmark
{
    private const int Runs = 7;

    [Test]
    public async Task PostListAndEditorOpeningTimes()
    {
        if (Environment.GetEnvironmentVariable("NEJAT_DESK_BENCH") != "1")
        {
            Assert.Ignore("A benchmark: NEJAT_DESK_BENCH=1 runs it (docs/desk.md).");
        }

        var posts = int.Parse(Environment.GetEnvironmentVariable("NEJAT_DESK_BENCH_POSTS") ?? "100000", CultureInfo.InvariantCulture);
        await using var desk = await DeskBrowser.StartAsync();
        var dataset = Path.Combine(Path.GetTempPath(), $"nejat-desk-bench-{posts}.jsonl");
        if (!File.Exists(dataset))
        {
            using var generate = Process.Start("python3", [Path.Combine(TestRun.RepositoryRoot, "tests/Nejat.Cms.Bench/generate-dataset.py"), "--posts", posts.ToString(CultureInfo.InvariantCulture), "--out", dataset])!;
            await generate.WaitForExitAsync();
        }

        var import = Stopwatch.StartNew();
        using var output = new StringWriter();
        Assert.That(await Nejat.Cms.Api.Import.ImportCommand.RunAsync(["import", dataset], desk.App.ConnectionString, desk.App.CommandConfiguration, output), Is.Zero, output.ToString());
        await TestContext.Out.WriteLineAsync($"imported {posts} posts in {import.Elapsed.TotalSeconds:F0} s");

        var page = await desk.SignInAsync(await desk.CreateAccountAsync("Bench Editor", Roles.Editor, "fa"));
        var list = new List<double>();
        var listApi = new List<double>();
        var editor = new List<double>();
        for (var run = 0; run < Runs; run++)
        {
            // A full load each time (no warm JavaScript state): from navigation to the first page of rows shown.
            await page.GotoAsync("about:blank");
            var clock = Stopwatch.StartNew();
            var answer = page.WaitForResponseAsync(r => r.Url.Contains("/v1/admin/posts?", StringComparison.Ordinal));
            await page.GotoAsync("/admin/#/posts/fa");
            await page.Locator("tbody tr").First.WaitForAsync();
            list.Add(clock.Elapsed.TotalMilliseconds);
            var timing = (await answer).Request.Timing;
            listApi.Add(timing.ResponseEnd - timing.RequestStart);

            // From the click on a post to its title in the editor (the editor's code is loaded on first use).
            clock.Restart();
            await page.Locator("tbody tr a").Nth(run).ClickAsync();
            await page.Locator("[contenteditable=true]").WaitForAsync();
            await Assertions.Expect(page.GetByLabel("عنوان", new() { Exact = true })).Not.ToHaveValueAsync("");
            editor.Add(clock.Elapsed.TotalMilliseconds);
        }

        await TestContext.Out.WriteLineAsync($"post list (fa, {posts} posts): median {Median(list):F0} ms, max {list.Max():F0} ms over {Runs} full loads; "
            + $"of which the list's API request: median {Median(listApi):F0} ms");
        await TestContext.Out.WriteLineAsync($"editor: median {Median(editor):F0} ms, max {editor.Max():F0} ms (first open {editor[0]:F0} ms, loading its code)");
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
