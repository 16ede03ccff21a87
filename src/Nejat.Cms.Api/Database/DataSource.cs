using System.Globalization;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.Options;
using Nejat.Cms.Api.Hosting;
using Npgsql;

namespace Nejat.Cms.Api.Database;

internal static class DataSource
{
    /// <summary>
    /// Registers the one <see cref="NpgsqlDataSource"/> the service uses. Every statement it runs has
    /// Cms:StatementTimeout as PostgreSQL's statement_timeout: a statement that runs longer is cancelled
    /// by the server (the request gets a 503), and its connection stays usable.
    /// </summary>
    public static IServiceCollection AddCmsDataSource(this IServiceCollection services, string connectionString)
    {
        services.AddNpgsqlDataSource(WithDefaults(connectionString), (provider, builder) =>
        {
            var timeout = provider.GetRequiredService<IOptions<CmsOptions>>().Value.StatementTimeout;
            builder.ConnectionStringBuilder.Options = WithStatementTimeout(builder.ConnectionStringBuilder.Options, timeout);
        });
        services.AddHostedService<PoisonedConnectionGuard>();
        return DatabaseStatus.AddTo(services, connectionString);
    }

    /// <summary>The connection's startup options with statement_timeout set (any given one is replaced).</summary>
    internal static string WithStatementTimeout(string? options, TimeSpan timeout) =>
        string.Join(' ', Regex.Replace(options ?? "", @"-c\s*statement_timeout=\S+", "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Append(string.Create(CultureInfo.InvariantCulture, $"-c statement_timeout={(long)timeout.TotalMilliseconds}")));

    /// <summary>Dapper's process-wide conventions, set before any query runs (start-up code queries too).</summary>
    public static void UseDapperConventions() =>
        // snake_case columns map onto PascalCase members.
        DefaultTypeMap.MatchNamesWithUnderscores = true;

    /// <summary>
    /// Defaults chosen by measurement (tests/Nejat.Cms.Bench/README.md, "Connection pool and
    /// preparation") unless the connection string already chooses: Npgsql's automatic preparation,
    /// since Dapper cannot prepare statements itself (+6 to +11 % on the list endpoint); a pool of
    /// 20, since more concurrent queries than that only make PostgreSQL on a small machine slower, and
    /// Npgsql's default of 100 meets PostgreSQL's own max_connections of 100 under load; and no reset
    /// of a connection's session when it returns to the pool. With prepared statements that reset is
    /// seven statements sent before the next request's (+9 to +13 % on the cold list without them).
    /// The service leaves nothing in a session to reset: no SET outside a transaction, temporary tables
    /// dropped on commit, advisory locks held by transactions; the one LISTEN ends with UNLISTEN
    /// (ContentVersions), and a connection returned inside a transaction is still rolled back.
    /// The planner prices a page read out of order at <see cref="RandomPageCost"/> sequential ones
    /// unless the connection's Options set random_page_cost.
    /// </summary>
    internal static string WithDefaults(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys
            .Cast<string>().Select(k => k.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant()).ToHashSet();
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.Contains("MAXAUTOPREPARE"))
        {
            builder.MaxAutoPrepare = 32;
            builder.AutoPrepareMinUsages = 2;
        }

        if (!given.Contains("MAXIMUMPOOLSIZE") && !given.Contains("MAXPOOLSIZE"))
        {
            builder.MaxPoolSize = 20;
        }

        if (!given.Contains("NORESETONCLOSE"))
        {
            builder.NoResetOnClose = true;
        }

        if (builder.Options?.Contains("random_page_cost", StringComparison.Ordinal) != true)
        {
            builder.Options = $"{builder.Options} -c random_page_cost={RandomPageCost}".TrimStart();
        }

        return builder.ConnectionString;
    }

    /// <summary>
    /// PostgreSQL's default of 4 prices a page read out of order as four read in sequence, as on a
    /// spinning disk; on solid-state storage, or with the data in memory as here, the manual suggests
    /// values near 1. At 4 the planner read a small table whole for every row it looked up in it: each
    /// tag of each post of a page scanned the 160 tags of the benchmark's data (0.013 ms a tag, against
    /// 0.001 by its key). At 1.1 the list's statements ran 6,867–7,589 times a second instead of
    /// 4,185–4,279 (pgbench, 2 clients, 100,000 posts). tests/Nejat.Cms.Bench/api.sh gives pgbench the same.
    /// </summary>
    public const string RandomPageCost = "1.1";
}
