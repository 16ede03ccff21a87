using Nejat.Cms.Api.Database;
using Npgsql;

[assembly: Parallelizable(ParallelScope.Fixtures)]

namespace Nejat.Cms.Api.Tests;

/// <summary>
/// One throwaway PostgreSQL cluster for the whole run, started the way the service starts its
/// embedded one. A migrated template database is copied for each fixture, so fixtures never share rows.
/// </summary>
[SetUpFixture]
public sealed class TestRun
{
    private const string Template = "cms_template";
    internal static string DataDir { get; private set; } = "";

    /// <summary>The repository's root: the folder with Directory.Build.props above the test binaries.</summary>
    internal static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Directory.Build.props")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("Directory.Build.props not found above the test binaries.");
        }
    }

    internal static LocalPostgres Server { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartPostgres()
    {
        DataSource.UseDapperConventions();
        DataDir = Path.Combine(Path.GetTempPath(), $"nejat-tests-{Guid.NewGuid():N}");
        Server = await LocalPostgres.StartAsync(DataDir, TestContext.Progress.WriteLine);
        await Server.EnsureDatabaseAsync(Template);
        await Migrator.MigrateAsync(Server.ConnectionStringFor(Template), _ => { });
        // CREATE DATABASE … TEMPLATE refuses while any session is connected to the template.
        NpgsqlConnection.ClearAllPools();
    }

    [OneTimeTearDown]
    public async Task StopPostgres()
    {
        if (Server is not null)
        {
            await Server.StopAsync(evenIfInUse: true);
        }

        if (Directory.Exists(DataDir))
        {
            Directory.Delete(DataDir, recursive: true);
        }
    }

    /// <summary>A fresh, migrated, empty database (but for the seeded editions).</summary>
    internal static async Task<string> CreateDatabaseAsync(bool migrated = true)
    {
        var name = $"cms_{Guid.NewGuid():N}";
        await using var conn = new NpgsqlConnection(Server.ServerConnectionString);
        await conn.OpenAsync();
        await using var create = new NpgsqlCommand(
            migrated ? $"CREATE DATABASE {name} TEMPLATE {Template}" : $"CREATE DATABASE {name}", conn);
        await create.ExecuteNonQueryAsync();
        return Server.ConnectionStringFor(name);
    }
}
