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
    public async Task AStartOnARunningClusterJoinsItAndLeavesItRunning()
    {
        var joined = await LocalPostgres.StartAsync(TestRun.DataDir, _ => { });
        Assert.Multiple(() =>
        {
            Assert.That(joined.StartedHere, Is.False);
            Assert.That(joined.Port, Is.EqualTo(TestRun.Server.Port));
        });

        await joined.DisposeAsync(); // must not stop the run's server
        await using var conn = new NpgsqlConnection(TestRun.Server.ServerConnectionString);
        Assert.DoesNotThrowAsync(() => conn.OpenAsync());
    }
}
