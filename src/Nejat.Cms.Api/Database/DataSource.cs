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

        return builder.ConnectionString;
    }
}
