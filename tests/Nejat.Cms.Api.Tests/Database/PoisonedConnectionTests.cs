using System.Net;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Nejat.Cms.Api.Features.Editorial;
using Npgsql;

namespace Nejat.Cms.Api.Tests.Database;

/// <summary>
/// A NUL in a body once gave a 500 and left the pooled connection unusable: the next requests on it
/// failed with "Received unexpected backend message DataRow" (Npgsql marks an automatically prepared
/// statement as prepared before its parameters are bound; npgsql/npgsql#6391). The pool here holds two
/// connections, one of them listening for content changes, so every request reuses the one the failure
/// happened on.
/// </summary>
public sealed class PoisonedConnectionTests
{
    [Test]
    public async Task AfterRefusedInputEveryRequestOnTheSameConnectionIsAnsweredCorrectly()
    {
        await using var app = await CmsApp.StartAsync(connectionString: await TestRun.CreateDatabaseAsync() + ";Maximum Pool Size=2");
        using var admin = await app.CreateKeyClientAsync(Roles.Admin);
        var first = await admin.PostJsonAsync("/v1/admin/posts", new { edition = "en", title = "First" });
        // The second insert is the one Npgsql prepares: before the fix, its failure poisoned the connection.
        var refused = await admin.SendAsync(HttpMethod.Post, "/v1/admin/posts", """{"edition":"en","title":"a\u0000b"}""");
        var answers = new List<(HttpStatusCode Status, string Title)>();
        for (var i = 0; i < 30; i++)
        {
            var created = await admin.PostJsonAsync("/v1/admin/posts", new { edition = "en", title = $"Post {i}" });
            var read = await admin.SendAsync(HttpMethod.Get, $"/v1/admin/posts/{created.Body.GetProperty("id")}");
            answers.Add((created.Status, created.Body.GetProperty("title").GetString()!));
            answers.Add((read.Status, read.Body.GetProperty("title").GetString()!));
        }

        Assert.Multiple(() =>
        {
            Assert.That(first.Status, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(answers.Select(a => a.Status), Is.EqualTo(Enumerable.Range(0, 30).SelectMany(_ => new[] { HttpStatusCode.Created, HttpStatusCode.OK })));
            Assert.That(answers.Select(a => a.Title), Is.EqualTo(Enumerable.Range(0, 30).SelectMany(i => new[] { $"Post {i}", $"Post {i}" })));
        });
    }

    /// <summary>
    /// Should a value PostgreSQL refuses while binding ever reach it again, the connection it failed on is
    /// dropped instead of pooled (Database/PoisonedConnectionGuard.cs): the statement that failed, run
    /// again on the service's own data source, answers with its rows.
    /// </summary>
    [Test]
    public async Task AConnectionABindingFailureLeftOutOfStepIsNeverUsedAgain()
    {
        await using var app = await CmsApp.StartAsync(connectionString: await TestRun.CreateDatabaseAsync() + ";Maximum Pool Size=2");
        var db = app.Services.GetRequiredService<NpgsqlDataSource>();
        const string sql = "SELECT @Text::text || '!'";
        await using (var conn = await db.OpenConnectionAsync())
        {
            await conn.QuerySingleAsync<string>(sql, new { Text = "first use" });
        }

        await using (var conn = await db.OpenConnectionAsync())
        {
            // The second use is the one Npgsql prepares; binding the NUL fails.
            Assert.ThrowsAsync<PostgresException>(() => conn.QuerySingleAsync<string>(sql, new { Text = "a\0b" }));
        }

        var answers = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            await using var conn = await db.OpenConnectionAsync();
            answers.Add(await conn.QuerySingleAsync<string>(sql, new { Text = $"use {i}" }));
        }

        Assert.That(answers, Is.EqualTo(Enumerable.Range(0, 10).Select(i => $"use {i}!")));
    }
}
