using Nejat.Cms.Api.Database;
using Npgsql;

namespace Nejat.Cms.Api.Tests.Database;

public sealed class DatabaseTests
{
    [Test]
    public async Task ConcurrentStartsMigrateOnceAndBothSucceed()
    {
        var connectionString = await TestRun.CreateDatabaseAsync(migrated: false);
        var applied = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Migrator.MigrateAsync(connectionString, applied.Add))));

        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM schemaversions", conn);
        Assert.Multiple(async () =>
        {
            Assert.That(applied, Has.Count.EqualTo(Migrator.ScriptNames.Length), "each migration applied by exactly one of the starts");
            Assert.That(await count.ExecuteScalarAsync(), Is.EqualTo((long)Migrator.ScriptNames.Length));
        });
    }

    [Test]
    public async Task AStartOnARunningClusterJoinsItAndLeavesItRunningWhileOthersUseIt()
    {
        await using var other = new NpgsqlConnection(
            new NpgsqlConnectionStringBuilder(TestRun.Server.ServerConnectionString) { Pooling = false }.ConnectionString);
        await other.OpenAsync();
        var joined = await LocalPostgres.StartAsync(TestRun.DataDir, _ => { });
        Assert.Multiple(() =>
        {
            Assert.That(joined.StartedHere, Is.False);
            Assert.That(joined.Port, Is.EqualTo(TestRun.Server.Port));
        });

        await joined.DisposeAsync(); // another session is connected: the server stays up
        await using var check = new NpgsqlCommand("SELECT 1", other);
        Assert.That(await check.ExecuteScalarAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task ProcessesStartingTogetherOnANewDataDirectoryShareOneClusterAndTheLastOneStopsIt()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), $"nejat-start-race-{Guid.NewGuid():N}");
        try
        {
            var clusters = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => LocalPostgres.StartAsync(dataDir, _ => { }))));
            Assert.Multiple(() =>
            {
                Assert.That(clusters.Count(c => c.StartedHere), Is.EqualTo(1));
                Assert.That(clusters.Select(c => c.Port).Distinct().Count(), Is.EqualTo(1));
            });

            foreach (var cluster in clusters)
            {
                await cluster.DisposeAsync();
            }

            Assert.That(File.Exists(Path.Combine(dataDir, "postgres", "postmaster.pid")), Is.False, "stopped by the last one out");
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }
}
