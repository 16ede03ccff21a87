using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Nejat.Cms.Api.Features.Editorial;
using Npgsql;

namespace Nejat.Cms.Api.Tests.Features.Editorial;

public sealed class ApiKeyTests
{
    private const string BootstrapKey = "bootstrap-key-for-the-tests-0123456789";
    private CmsApp _app = null!;
    private HttpClient _admin = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await CmsApp.StartAsync(new() { ["Cms:BootstrapAdminKey"] = BootstrapKey });
        _admin = _app.CreateClient(BootstrapKey);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _admin.Dispose();
        await _app.DisposeAsync();
    }

    private static async Task<JsonElement> ProblemOf(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(status));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        });
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Test]
    public async Task NoKeyIsA401ThatSaysHowToAuthenticate()
    {
        using var client = _app.CreateClient();
        using var response = await client.GetAsync("/v1/admin/keys");
        var problem = await ProblemOf(response, HttpStatusCode.Unauthorized);
        Assert.Multiple(() =>
        {
            Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.StartWith("Bearer"));
            Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("Authorization: Bearer"));
        });
    }

    [TestCase("nejat_not-a-real-key-0000000000000000")]
    [TestCase("")]
    public async Task AnUnknownKeyIsA401(string key)
    {
        using var client = _app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/admin/keys");
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {key}");
        using var response = await client.SendAsync(request);
        var problem = await ProblemOf(response, HttpStatusCode.Unauthorized);
        Assert.That(problem.GetProperty("title").GetString(), Is.EqualTo("API key required"));
    }

    [Test]
    public async Task TheBootstrapKeyIsAnAdminKey()
    {
        var keys = await _admin.GetFromJsonAsync<JsonElement>("/v1/admin/keys");
        Assert.That(keys.EnumerateArray().Select(k => k.GetProperty("role").GetString()), Does.Contain("admin"));
    }

    [Test]
    public async Task ACreatedKeyIsShownOnceStoredOnlyAsAHashAndWorks()
    {
        using var response = await _admin.PostAsJsonAsync("/v1/admin/keys", new { name = "Farsi desk", role = "editor", editions = new[] { "fa" } });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var key = created.GetProperty("key").GetString()!;
        var list = await _admin.GetStringAsync("/v1/admin/keys");

        using var editor = _app.CreateClient(key);
        using var editorOnKeys = await editor.GetAsync("/v1/admin/keys");
        var problem = await ProblemOf(editorOnKeys, HttpStatusCode.Forbidden);
        await using var conn = new NpgsqlConnection(_app.ConnectionString);
        await conn.OpenAsync();
        await using var stored = new NpgsqlCommand("SELECT count(*) FROM api_keys WHERE name = 'Farsi desk' AND last_used_at IS NOT NULL AND secret_hash = $1", conn);
        stored.Parameters.Add(new NpgsqlParameter { Value = ApiKeySecrets.Hash(key) });

        Assert.Multiple(async () =>
        {
            Assert.That(key, Does.StartWith("nejat_").And.Length.GreaterThanOrEqualTo(40), "256 random bits, base64url");
            Assert.That(response.Headers.Location?.ToString(), Is.EqualTo($"/v1/admin/keys/{created.GetProperty("info").GetProperty("id")}"));
            Assert.That(list, Does.Not.Contain(key), "lists never show a key");
            Assert.That(list, Does.Contain(key[..12]), "only its first characters");
            Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("role editor").And.Contain("needs role admin"));
            Assert.That(await stored.ExecuteScalarAsync(), Is.EqualTo(1L), "hash stored, last use recorded");
        });
    }

    [Test]
    public async Task ARevokedKeyStopsWorkingAtOnce()
    {
        using var response = await _admin.PostAsJsonAsync("/v1/admin/keys", new { name = "temporary", role = "admin" });
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        using var temporary = _app.CreateClient(created.GetProperty("key").GetString()!);
        Assert.That((await temporary.GetAsync("/v1/admin/keys")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        using var revoke = await _admin.DeleteAsync($"/v1/admin/keys/{created.GetProperty("info").GetProperty("id")}");
        Assert.Multiple(async () =>
        {
            Assert.That(revoke.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await temporary.GetAsync("/v1/admin/keys")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        });
    }

    [Test]
    public async Task TheLastAdminKeyCannotBeRevoked()
    {
        await using var app = await CmsApp.StartAsync(new() { ["Cms:BootstrapAdminKey"] = BootstrapKey });
        using var admin = app.CreateClient(BootstrapKey);
        var keys = await admin.GetFromJsonAsync<JsonElement>("/v1/admin/keys");
        using var response = await admin.DeleteAsync($"/v1/admin/keys/{keys[0].GetProperty("id")}");
        var problem = await ProblemOf(response, HttpStatusCode.Conflict);
        Assert.That(problem.GetProperty("title").GetString(), Is.EqualTo("Last admin key"));
    }

    [Test]
    public async Task RevokingAnUnknownKeyIsA404()
    {
        using var response = await _admin.DeleteAsync("/v1/admin/keys/999999");
        await ProblemOf(response, HttpStatusCode.NotFound);
    }

    [TestCase("""{"name":"x","role":"boss"}""", "role")]
    [TestCase("""{"role":"editor"}""", "name")]
    [TestCase("""{"name":"x","role":"editor","editions":["de"]}""", "editions")]
    [TestCase("""{"name":"x","role":"editor","editions":[]}""", "editions")]
    [TestCase("""{"name":"x","role":"editor","colour":"red"}""", "colour")]
    [TestCase("""{"name":"x","role":5}""", "role")]
    [TestCase("""{"name":"x",""", "body")]
    public async Task ABadKeyRequestIsA400NamingTheField(string body, string field)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await _admin.PostAsync("/v1/admin/keys", content);
        var problem = await ProblemOf(response, HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").EnumerateObject().Select(e => e.Name), Does.Contain(field));
    }

    [Test]
    public async Task KeyWritesAreAuditedAndOnlyAdminsReadTheLog()
    {
        using var response = await _admin.PostAsJsonAsync("/v1/admin/keys", new { name = "audited", role = "previewer" });
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("info").GetProperty("id").GetInt64();
        var log = await _admin.GetFromJsonAsync<JsonElement>("/v1/admin/audit?action=keys.create&perPage=100");
        using var previewer = await _app.CreateKeyClientAsync(Roles.Previewer);
        using var refused = await previewer.GetAsync("/v1/admin/audit");
        Assert.Multiple(async () =>
        {
            var entry = log.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("resource").GetString() == $"keys/{id}");
            Assert.That(entry.GetProperty("keyName").GetString(), Is.EqualTo("bootstrap admin"));
            Assert.That(entry.GetProperty("requestId").GetString(), Is.Not.Empty);
            await ProblemOf(refused, HttpStatusCode.Forbidden);
        });
    }

    [Test]
    public async Task TheKeysCommandPrintsANewKey()
    {
        using var output = new StringWriter();
        var exitCode = await KeysCommand.RunAsync(["keys", "create", "--name", "Arabic desk", "--role", "editor", "--editions", "ar,fa"], _app.ConnectionString, output);
        var key = output.ToString().Trim().Split('\n')[^1];
        using var client = _app.CreateClient(key);
        using var response = await client.GetAsync("/v1/admin/keys");
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, output.ToString());
            Assert.That(output.ToString(), Does.Contain("(editor, ar,fa)"));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "authenticated, but not an admin");
        });
    }

    [TestCase(new[] { "keys", "create", "--name", "x" }, 2)]
    [TestCase(new[] { "keys", "delete" }, 2)]
    [TestCase(new[] { "keys", "create", "--name", "x", "--role", "king" }, 1)]
    public async Task TheKeysCommandRefusesBadArguments(string[] args, int exitCode)
    {
        using var output = new StringWriter();
        Assert.That(await KeysCommand.RunAsync(args, _app.ConnectionString, output), Is.EqualTo(exitCode), output.ToString());
    }

    [Test]
    public async Task PublicRoutesNeedNoKey()
    {
        using var client = _app.CreateClient();
        Assert.That((await client.GetAsync("/v1/editions")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task AnAdminOfSomeEditionsGrantsListsAndRevokesOnlyWithinThem()
    {
        using var farsiAdmin = await _app.CreateKeyClientAsync(Roles.Admin, "fa");
        var farsiEditor = await farsiAdmin.PostAsJsonAsync("/v1/admin/keys", new { name = "fa editor", role = Roles.Editor, editions = new[] { "fa" } });
        var farsiKeyId = (await farsiEditor.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("info").GetProperty("id").GetInt64();
        var allEditions = await farsiAdmin.PostAsJsonAsync("/v1/admin/keys", new { name = "everything", role = Roles.Editor });
        var english = await farsiAdmin.PostAsJsonAsync("/v1/admin/keys", new { name = "en editor", role = Roles.Editor, editions = new[] { "en", "fa" } });
        var englishKey = await (await _admin.PostAsJsonAsync("/v1/admin/keys", new { name = "en only", role = Roles.Previewer, editions = new[] { "en" } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var revokeBootstrap = await farsiAdmin.DeleteAsync($"/v1/admin/keys/{await BootstrapKeyIdAsync()}");
        var revokeEnglish = await farsiAdmin.DeleteAsync($"/v1/admin/keys/{englishKey.GetProperty("info").GetProperty("id")}");
        var listed = await farsiAdmin.GetFromJsonAsync<JsonElement>("/v1/admin/keys");
        var revokeFarsi = await farsiAdmin.DeleteAsync($"/v1/admin/keys/{farsiKeyId}");
        var audit = await farsiAdmin.GetAsync("/v1/admin/audit");
        Assert.Multiple(async () =>
        {
            Assert.That(farsiEditor.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That((await ProblemOf(allEditions, HttpStatusCode.Forbidden)).GetProperty("detail").GetString(), Does.Contain("all editions").And.Contain("never grants more"));
            Assert.That((await ProblemOf(english, HttpStatusCode.Forbidden)).GetProperty("detail").GetString(), Does.Contain("en, fa"));
            Assert.That(revokeBootstrap.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "an admin of one edition cannot revoke the key of every edition");
            Assert.That(revokeEnglish.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(listed.EnumerateArray().Select(k => k.GetProperty("editions")[0].GetString()), Is.All.EqualTo("fa"), "it lists only keys it could revoke");
            Assert.That(revokeFarsi.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(audit.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "the audit log covers every edition");
        });
    }

    private async Task<long> BootstrapKeyIdAsync() =>
        (await _admin.GetFromJsonAsync<JsonElement>("/v1/admin/keys")).EnumerateArray()
            .First(k => k.GetProperty("name").GetString() == "bootstrap admin").GetProperty("id").GetInt64();
}
