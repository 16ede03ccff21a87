using Dapper;
using Npgsql;

namespace Nejat.Cms.Api.Database;

internal static class DataSource
{
    /// <summary>Registers the one <see cref="NpgsqlDataSource"/> the service uses, with Dapper's conventions.</summary>
    public static IServiceCollection AddCmsDataSource(this IServiceCollection services, string connectionString)
    {
        services.AddNpgsqlDataSource(WithDefaults(connectionString));
        return DatabaseStatus.AddTo(services, connectionString);
    }

    /// <summary>Dapper's process-wide conventions, set before any query runs (start-up code queries too).</summary>
    public static void UseDapperConventions() =>
        // snake_case columns map onto PascalCase members.
        DefaultTypeMap.MatchNamesWithUnderscores = true;

    /// <summary>
    /// Defaults chosen by measurement (tests/Nejat.Cms.Bench/README.md, "Connection pool and
    /// preparation") unless the connection string already chooses: Npgsql's automatic preparation,
    /// since Dapper cannot prepare statements itself (+6 to +11 % on the list endpoint); and a pool of
    /// 20, since more concurrent queries than that only make PostgreSQL on a small machine slower, and
    /// Npgsql's default of 100 meets PostgreSQL's own max_connections of 100 under load.
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

        return builder.ConnectionString;
    }
}
