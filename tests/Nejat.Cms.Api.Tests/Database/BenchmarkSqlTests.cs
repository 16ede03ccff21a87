using Nejat.Cms.Api.Features.Posts;

namespace Nejat.Cms.Api.Tests.Database;

/// <summary>
/// The benchmark's database ceiling runs pgbench on the list endpoint's own SQL: this keeps the
/// script it runs equal to the statements the service sends (UPDATE_BENCH_SQL=1 rewrites it).
/// </summary>
public sealed class BenchmarkSqlTests
{
    [Test]
    public async Task PgbenchRunsTheListEndpointsSql()
    {
        var path = Path.Combine(TestRun.RepositoryRoot, "tests", "Nejat.Cms.Bench", "list-in-edition.pgbench.sql");
        var sql = PostQueries.List(new PostFilterRow(null, null), inRange: false, PostListMode.Numbered, withTotal: true)
            .Replace("@Edition", ":edition", StringComparison.Ordinal)
            .Replace("@Limit", ":limit", StringComparison.Ordinal)
            .Replace("@Offset", ":offset", StringComparison.Ordinal);
        // Both statements in one round trip, as the service sends them.
        var expected = $"""
            -- GET /v1/{"{edition}"}/posts?page=N: generated from PostQueries by BenchmarkSqlTests (UPDATE_BENCH_SQL=1 rewrites it).
            \startpipeline
            {sql.TrimEnd()}
            \endpipeline

            """;
        if (Environment.GetEnvironmentVariable("UPDATE_BENCH_SQL") == "1")
        {
            await File.WriteAllTextAsync(path, expected);
        }

        Assert.That(await File.ReadAllTextAsync(path), Is.EqualTo(expected), "run UPDATE_BENCH_SQL=1 dotnet test --filter BenchmarkSqlTests");
    }
}
