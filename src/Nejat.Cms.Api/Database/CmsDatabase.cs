using Nejat.Cms.Api.Hosting;

namespace Nejat.Cms.Api.Database;

/// <summary>
/// Where the store lives: the server named by <c>ConnectionStrings:Cms</c>, or else the embedded
/// cluster under <c>Cms:DataDir</c>, which this object stops on disposal if it started it.
/// </summary>
internal sealed class CmsDatabase : IAsyncDisposable
{
    private const string EmbeddedDatabase = "cms";
    private readonly LocalPostgres? _embedded;

    private CmsDatabase(string connectionString, LocalPostgres? embedded)
    {
        ConnectionString = connectionString;
        _embedded = embedded;
    }

    public string ConnectionString { get; }

    public static async Task<CmsDatabase> OpenAsync(IConfiguration configuration, CancellationToken ct = default)
    {
        var configured = configuration.GetConnectionString("Cms");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new CmsDatabase(configured, embedded: null);
        }

        var dataDir = configuration[$"{CmsOptions.Section}:{nameof(CmsOptions.DataDir)}"] ?? CmsOptions.DefaultDataDir;
        var embedded = await LocalPostgres.StartAsync(dataDir, Console.WriteLine, ct);
        await embedded.EnsureDatabaseAsync(EmbeddedDatabase, ct);
        return new CmsDatabase(embedded.ConnectionStringFor(EmbeddedDatabase), embedded);
    }

    public ValueTask DisposeAsync() => _embedded?.DisposeAsync() ?? ValueTask.CompletedTask;
}
