using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Nejat.Cms.Api.Features.Accounts;
using Npgsql;

namespace Nejat.Cms.Api.Tests.Features.Accounts;

/// <summary>A new installation: while no account exists, start-up offers a one-time link that creates the first admin.</summary>
public sealed class FirstAdminTests
{
    [Test]
    public async Task TheFirstAdminLinkCreatesAnAdminOfEveryEditionOnceAndOnlyWhileNoAccountExists()
    {
        await using var app = await CmsApp.StartAsync();
        var db = app.Services.GetRequiredService<NpgsqlDataSource>();
        var token = await Invitations.NewFirstAdminTokenAsync(db);
        Assert.That(Invitations.FirstAdminLine("http://cms.example.org", token!),
            Does.StartWith($"No editor accounts yet: open http://cms.example.org/admin/#/invitation/{token} ").And.Contain("within 7 days"));

        using var client = app.CreateClient();
        var info = await client.SendAsync(HttpMethod.Get, $"/v1/auth/invitations/{token}");
        var noEmail = await client.PostJsonAsync($"/v1/auth/invitations/{token}", new { password = "the first admin's password" });
        var accepted = await client.PostJsonAsync($"/v1/auth/invitations/{token}",
            new { password = "the first admin's password", email = "chief@example.org", displayName = "Chief Editor" });
        var again = await client.SendAsync(HttpMethod.Get, $"/v1/auth/invitations/{token}");
        Assert.Multiple(async () =>
        {
            Assert.That(info.Status, Is.EqualTo(HttpStatusCode.OK), info.Body.ToString());
            Assert.That(info.Body.GetProperty("email").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
            Assert.That(info.Body.GetProperty("role").GetString(), Is.EqualTo("admin"));
            Assert.That(noEmail.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(noEmail.Body.GetProperty("errors").EnumerateObject().Select(e => e.Name), Is.EquivalentTo(new[] { "email", "displayName" }));
            Assert.That(accepted.Status, Is.EqualTo(HttpStatusCode.OK), accepted.Body.ToString());
            Assert.That(accepted.Body.GetProperty("account").GetProperty("role").GetString(), Is.EqualTo("admin"));
            Assert.That(accepted.Body.GetProperty("account").GetProperty("editions").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
            Assert.That(again.Status, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await Invitations.NewFirstAdminTokenAsync(db), Is.Null, "never once an account exists");
        });
    }

    [Test]
    public async Task AFirstAdminLinkStopsWorkingOnceAnAccountExists()
    {
        await using var app = await CmsApp.StartAsync();
        var db = app.Services.GetRequiredService<NpgsqlDataSource>();
        var token = await Invitations.NewFirstAdminTokenAsync(db);
        using var output = new StringWriter();
        Assert.That(await AccountsCommand.RunAsync(["accounts", "create", "--email", "a@example.org", "--name", "A", "--role", "admin"], app.ConnectionString, null, output), Is.Zero);

        using var client = app.CreateClient();
        var info = await client.SendAsync(HttpMethod.Get, $"/v1/auth/invitations/{token}");
        Assert.That(info.Status, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
