using System.Net;
using Npgsql;

namespace Nejat.Cms.Api.Tests.Hosting;

public sealed class HealthTests
{
    [Test]
    public async Task LiveAndReadyAnswerWhenMigrated()
    {
        await using var app = await CmsApp.StartAsync();
        using var client = app.CreateClient();
        Assert.Multiple(async () =>
        {
            Assert.That((await client.GetAsync("/health/live")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await client.GetAsync("/health/ready")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task ReadyIsUnavailableWhenAMigrationIsMissing()
    {
        await using var app = await CmsApp.StartAsync();
        await using (var conn = new NpgsqlConnection(app.ConnectionString))
        {
            await conn.OpenAsync();
            await using var forget = new NpgsqlCommand("DELETE FROM schemaversions WHERE scriptname LIKE '%0002_%'", conn);
            await forget.ExecuteNonQueryAsync();
        }

        using var client = app.CreateClient();
        Assert.Multiple(async () =>
        {
            Assert.That((await client.GetAsync("/health/ready")).StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That((await client.GetAsync("/health/live")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }
}
