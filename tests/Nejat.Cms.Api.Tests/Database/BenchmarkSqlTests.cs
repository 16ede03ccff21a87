using Nejat.Cms.Api.Features.Posts;
using Nejat.Cms.Api.Features.Search;
using Nejat.Cms.Api.Hosting;

namespace Nejat.Cms.Api.Tests.Database;

/// <summary>
/// The benchmark's database ceilings run pgbench on the endpoints' own SQL: this keeps the scripts
/// it runs equal to the statements the service sends (UPDATE_BENCH_SQL=1 rewrites them). Statements
/// the service sends in one round trip are one pipeline. pgbench has no NULL variable, so parameters
/// the endpoint leaves unset are written as typed NULLs.
/// </summary>
public sealed class BenchmarkSqlTests
{
    // A first page of ten, and the one row more that says whether another page follows.
    private const int FirstPage = 11;

    // A first page of search results (cold.sh's).
    private static readonly PageRequest FirstSearchPage = new(1, 10);

    private static IEnumerable<TestCaseData> Scripts()
    {
        yield return Script("list-in-edition", "GET /v1/{edition}/posts?page=N",
            Pipeline(PostQueries.List(withTag: false, byAuthor: false, inRange: false, PostListMode.Numbered, withTotal: true, FirstPage, offset: 0)));
        yield return Script("list-with-tag", "GET /v1/{edition}/posts?tag={tag}",
            Pipeline(PostQueries.List(withTag: true, byAuthor: false, inRange: false, PostListMode.Numbered, withTotal: true, FirstPage, offset: 0)
                .Replace("@Author", "NULL::text", StringComparison.Ordinal)));
        yield return Script("list-by-author", "GET /v1/{edition}/posts?author={author}",
            Pipeline(PostQueries.List(withTag: false, byAuthor: true, inRange: false, PostListMode.Numbered, withTotal: true, FirstPage, offset: 0)
                .Replace("@Tag", "NULL::text", StringComparison.Ordinal)));
        yield return Script("post-by-slug", "GET /v1/{edition}/posts/{slug}", PostQueries.BySlug + ";");
        // The bounded total, then the page it chooses (SiteSearch.FindAsync), or didYouMean when nothing matched.
        // pgbench's \if cannot test a NULL variable: the total is wrapped to say whether it gave ids.
        yield return Script("search", "GET /v1/{edition}/search?q={q}",
            $"SELECT t.count, t.ids, t.ids IS NOT NULL AS with_ids FROM (\n{SearchQueries.Total(SearchFilter.Everything, SearchQueries.ExactTotalBound + 1)}) t \\gset",
            $"\\if :count > {SearchQueries.ExactTotalBound}",
            SearchQueries.Page(SearchFilter.Everything, FirstSearchPage, SearchMatches.Many) + ";",
            "\\elif :with_ids",
            SearchQueries.Page(SearchFilter.Everything, FirstSearchPage, SearchMatches.FewWithIds) + ";",
            "\\elif :count > 0",
            SearchQueries.Page(SearchFilter.Everything, FirstSearchPage, SearchMatches.Few) + ";",
            "\\else",
            SearchQueries.Corrections.TrimEnd() + ";",
            "\\endif");
    }

    [TestCaseSource(nameof(Scripts))]
    public async Task PgbenchRunsTheEndpointsSql(string name, string expected)
    {
        var path = Path.Combine(TestRun.RepositoryRoot, "tests", "Nejat.Cms.Bench", $"{name}.pgbench.sql");
        if (Environment.GetEnvironmentVariable("UPDATE_BENCH_SQL") == "1")
        {
            await File.WriteAllTextAsync(path, expected);
        }

        Assert.That(await File.ReadAllTextAsync(path), Is.EqualTo(expected), "run UPDATE_BENCH_SQL=1 dotnet test --filter BenchmarkSqlTests");
    }

    private static TestCaseData Script(string name, string route, params string[] parts) =>
        new TestCaseData(name,
            $"-- {route}: generated from the service's SQL by BenchmarkSqlTests (UPDATE_BENCH_SQL=1 rewrites it).\n"
            + string.Join("\n", parts.Select(Variables)) + "\n") { TestName = $"PgbenchRunsTheEndpointsSql({name})" };

    private static string Pipeline(string sql) => $"\\startpipeline\n{sql.TrimEnd()}\n\\endpipeline";

    private static string Variables(string sql) => sql.TrimEnd()
        .Replace("@Edition", ":edition", StringComparison.Ordinal)
        .Replace("@Tag", ":tag", StringComparison.Ordinal)
        .Replace("@Author", ":author", StringComparison.Ordinal)
        .Replace("@Slug", ":slug", StringComparison.Ordinal)
        .Replace("@Q", ":q", StringComparison.Ordinal)
        .Replace("@Ids", ":ids", StringComparison.Ordinal);
}
