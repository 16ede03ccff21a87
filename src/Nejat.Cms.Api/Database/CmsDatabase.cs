using Nejat.Cms.Api.Hosting;

namespace Nejat.Cms.Api.Database;

/// <summary>
/// Where the store lives: the server named by <c>ConnectionStrings:Cms</c>, or else the embedded
/// cluster under <c>Cms:DataDir</c>, which this object stops on disposal if it started it.
/// </summary>
internal sealed class CmsDatabase : IAsyncDisposable
{
    internal const string EmbeddedDatabase = "cms";
    private readonly LocalPostgres? _embedded;

    private CmsDatabase(string connectionString, LocalPostgres? embedded)
    {
        ConnectionString = connectionString;
        _embedded = embedded;
    }

    public string ConnectionString { get; }

    /// <summary>The embedded cluster's data directory: Cms:DataDir, a relative one taken from the content root.</summary>
    public static string DataDirectory(IConfiguration configuration, string contentRoot) =>
        Path.GetFullPath(configuration[$"{CmsOptions.Section}:{nameof(CmsOptions.DataDir)}"] ?? CmsOptions.DefaultDataDir, contentRoot);

    /// <summary>Whether ConnectionStrings:Cms names a server (else the embedded cluster is used).</summary>
    public static bool IsExternal(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration.GetConnectionString("Cms"));

    /// <summary>The database the settings name, or the embedded cluster, started (its start-up told to report).</summary>
    public static async Task<CmsDatabase> OpenAsync(IConfiguration configuration, string contentRoot, Action<string> report, CancellationToken ct = default)
    {
        if (IsExternal(configuration))
        {
            return new CmsDatabase(configuration.GetConnectionString("Cms")!, embedded: null);
        }

        var embedded = await LocalPostgres.StartAsync(DataDirectory(configuration, contentRoot), report, ct);
        await embedded.EnsureDatabaseAsync(EmbeddedDatabase, ct);
        return new CmsDatabase(embedded.ConnectionStringFor(EmbeddedDatabase), embedded);
    }

    /// <summary>
    /// Has the service restart the embedded cluster if it dies while the service runs. A server named
    /// by the connection string is run by someone else (systemd, Docker, a managed service).
    /// </summary>
    public void AddSupervisor(IServiceCollection services)
    {
        if (_embedded is { } cluster)
        {
            services.AddHostedService(sp => new LocalPostgresSupervisor(
                cluster, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<LocalPostgresSupervisor>>()));
        }
    }

    public ValueTask DisposeAsync() => _embedded?.DisposeAsync() ?? ValueTask.CompletedTask;
}
