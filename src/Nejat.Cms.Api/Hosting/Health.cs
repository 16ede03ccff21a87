using Microsoft.Extensions.Diagnostics.HealthChecks;
using Nejat.Cms.Api.Database;
using Npgsql;

namespace Nejat.Cms.Api.Hosting;

/// <summary>/health/live: the process answers. /health/ready: the database answers and every migration is applied.</summary>
internal static class Health
{
    private const string ReadyTag = "ready";

    public static IServiceCollection AddCmsHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: [ReadyTag]);
        return services;
    }

    public static WebApplication MapCmsHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains(ReadyTag) });
        return app;
    }

    private sealed class DatabaseReadyCheck(NpgsqlDataSource db, DatabaseStatus database) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                return await Migrator.IsUpToDateAsync(db, cancellationToken)
                    ? HealthCheckResult.Healthy()
                    : HealthCheckResult.Unhealthy("Migrations are not all applied yet.");
            }
            catch (NpgsqlException ex)
            {
                // The endpoint only says "Unhealthy". An outage is logged once, by DatabaseStatus, not
                // with a stack per poll; any other failure keeps its exception for the log.
                return database.ReportIfUnreachable(ex)
                    ? HealthCheckResult.Unhealthy("The database does not answer.")
                    : HealthCheckResult.Unhealthy("The database failed the readiness check.", ex);
            }
        }
    }
}
