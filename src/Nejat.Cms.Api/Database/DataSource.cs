using Dapper;
using Npgsql;

namespace Nejat.Cms.Api.Database;

internal static class DataSource
{
    /// <summary>Registers the one <see cref="NpgsqlDataSource"/> the service uses, with Dapper's conventions.</summary>
    public static IServiceCollection AddCmsDataSource(this IServiceCollection services, string connectionString)
    {
        services.AddNpgsqlDataSource(WithAutoPrepare(connectionString));
        return services;
    }

    /// <summary>Dapper's process-wide conventions, set before any query runs (start-up code queries too).</summary>
    public static void UseDapperConventions() =>
        // snake_case columns map onto PascalCase members.
        DefaultTypeMap.MatchNamesWithUnderscores = true;

    /// <summary>
    /// Dapper cannot prepare statements itself, so Npgsql's automatic preparation is on unless the
    /// connection string already chooses (Max Auto Prepare=0 turns it off explicitly).
    /// </summary>
    internal static string WithAutoPrepare(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Max Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 32;
            builder.AutoPrepareMinUsages = 2;
        }

        return builder.ConnectionString;
    }
}
