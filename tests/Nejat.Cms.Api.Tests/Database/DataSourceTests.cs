using Dapper;
using Nejat.Cms.Api.Database;
using Nejat.Cms.Api.Hosting;
using Npgsql;

namespace Nejat.Cms.Api.Tests.Database;

/// <summary>
/// The service's connection defaults (DataSource.WithDefaults): connections return to the pool without a
/// reset of their session, so whatever a session holds reaches the next request that uses its connection;
/// and the planner's random_page_cost, which the benchmark's pgbench is given too.
/// </summary>
public sealed class DataSourceTests
{
    [Test]
    public void ConnectionsAreNotResetUnlessTheConnectionStringSaysSo()
    {
        Assert.Multiple(() =>
        {
            Assert.That(new NpgsqlConnectionStringBuilder(DataSource.WithDefaults("Host=db")).NoResetOnClose, Is.True);
            Assert.That(new NpgsqlConnectionStringBuilder(DataSource.WithDefaults("Host=db;No Reset On Close=false")).NoResetOnClose, Is.False);
        });
    }

    [Test]
    public void ThePlannerPricesReadsOutOfOrderAsStorageWithoutSeeksUnlessTheConnectionStringSaysOtherwise()
    {
        Assert.Multiple(() =>
        {
            Assert.That(new NpgsqlConnectionStringBuilder(DataSource.WithDefaults("Host=db")).Options,
                Is.EqualTo($"-c random_page_cost={DataSource.RandomPageCost}"));
            Assert.That(new NpgsqlConnectionStringBuilder(DataSource.WithDefaults("Host=db;Options=-c search_path=cms")).Options,
                Is.EqualTo($"-c search_path=cms -c random_page_cost={DataSource.RandomPageCost}"));
            Assert.That(new NpgsqlConnectionStringBuilder(DataSource.WithDefaults("Host=db;Options=-c random_page_cost=4")).Options,
                Is.EqualTo("-c random_page_cost=4"));
        });
    }

    /// <summary>The benchmark's pgbench runs the service's statements planned as the service's connections plan them.</summary>
    [Test]
    public void TheBenchmarkPlansAsTheServiceDoes() =>
        Assert.That(File.ReadAllText(Path.Combine(TestRun.RepositoryRoot, "tests", "Nejat.Cms.Bench", "api.sh")),
            Does.Contain($"PGOPTIONS=\"-c random_page_cost={DataSource.RandomPageCost}\""));

    /// <summary>
    /// The content listener's connection goes back to the pool when the listener starts again (after a
    /// failure): it must not be listening then. Without StopListeningAsync it still is.
    /// </summary>
    [TestCase(true)]
    [TestCase(false)]
    public async Task TheContentListenerStopsListeningBeforeItsConnectionIsPooled(bool stopListening)
    {
        await using var db = NpgsqlDataSource.Create(DataSource.WithDefaults(await TestRun.CreateDatabaseAsync() + ";Maximum Pool Size=1"));
        int listenerPid;
        await using (var listener = await db.OpenConnectionAsync())
        {
            listenerPid = await listener.ExecuteScalarAsync<int>("SELECT pg_backend_pid()");
            await listener.ExecuteAsync($"LISTEN {ContentVersions.Channel}");
            if (stopListening)
            {
                await ContentVersions.StopListeningAsync(listener);
            }
        }

        await using var next = await db.OpenConnectionAsync();
        var (pid, channels) = await next.QuerySingleAsync<(int, long)>("SELECT pg_backend_pid(), (SELECT count(*) FROM pg_listening_channels())");
        Assert.Multiple(() =>
        {
            Assert.That(pid, Is.EqualTo(listenerPid), "the pool of one gives the same connection again");
            Assert.That(channels, Is.EqualTo(stopListening ? 0 : 1));
        });
    }
}
