using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Nejat.Cms.Api.Features.Changes;
using Nejat.Cms.Api.Features.Editorial;
using Nejat.Cms.Api.Import;

namespace Nejat.Cms.Api.Tests;

/// <summary>The service on a real Kestrel at 127.0.0.1, over its own fresh database.</summary>
internal sealed class CmsApp : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private bool _ownDataDir;

    private CmsApp(string connectionString, Dictionary<string, string?> settings)
    {
        ConnectionString = connectionString;
        _settings = settings;
    }

    public string ConnectionString { get; }

    /// <summary>Where this app keeps its media files.</summary>
    public string MediaDir => Path.Combine(_settings["Cms:DataDir"]!, "media");

    // connectionString: another instance's database, to run two instances on one store.
    public static async Task<CmsApp> StartAsync(Dictionary<string, string?>? settings = null, string? connectionString = null)
    {
        // Each app keeps its media in its own temporary data directory, removed on dispose.
        settings = new Dictionary<string, string?>(settings ?? []);
        var ownDataDir = settings.TryAdd("Cms:DataDir", Path.Combine(Path.GetTempPath(), $"nejat-data-{Guid.NewGuid():N}"));
        var app = new CmsApp(connectionString ?? await TestRun.CreateDatabaseAsync(), settings) { _ownDataDir = ownDataDir };
        app.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        return app;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:Cms", ConnectionString);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>A client carrying a new API key of that role (and editions; null for all).</summary>
    public async Task<HttpClient> CreateKeyClientAsync(string role, params string[] editions)
    {
        await using var conn = new Npgsql.NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        var created = await ApiKeyStore.CreateAsync(conn, null,
            new CreateApiKeyRequest($"{role} {string.Join(",", editions)} {Guid.NewGuid():N}", role, editions.Length == 0 ? null : editions),
            "tests", CancellationToken.None);
        return CreateClient(created.Key);
    }

    public HttpClient CreateClient(string apiKey)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    /// <summary>Also empties the pool of this database's connections, so a long run does not exhaust max_connections.</summary>
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await using var pooled = new Npgsql.NpgsqlConnection(ConnectionString);
        Npgsql.NpgsqlConnection.ClearPool(pooled);
        if (_ownDataDir && Directory.Exists(_settings["Cms:DataDir"]))
        {
            Directory.Delete(_settings["Cms:DataDir"]!, recursive: true);
        }
        GC.SuppressFinalize(this);
    }

    /// <summary>Runs the import command on these lines; returns its exit code and what it printed.</summary>
    public async Task<(int ExitCode, string Output)> ImportAsync(params string[] lines)
    {
        var path = Path.Combine(Path.GetTempPath(), $"nejat-import-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllLinesAsync(path, lines);
        try
        {
            using var output = new StringWriter();
            var exitCode = await ImportCommand.RunAsync(["import", path], ConnectionString, output);
            return (exitCode, output.ToString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Imports lines that must succeed.</summary>
    public async Task SeedAsync(params string[] lines)
    {
        var (exitCode, output) = await ImportAsync(lines);
        Assert.That(exitCode, Is.Zero, output);
        // The running service hears of the import by NOTIFY a moment later; tests should not wait for it.
        await Services.GetRequiredService<ContentVersions>().RefreshAsync(CancellationToken.None);
    }

    public async Task<JsonElement> GetJsonAsync(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var client = CreateClient();
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(expected), $"GET {url}: {body}");
        return JsonSerializer.Deserialize<JsonElement>(body);
    }

    /// <summary>GETs a URL that must answer with a problem+json of the given status; returns the problem.</summary>
    public async Task<JsonElement> GetProblemAsync(string url, HttpStatusCode expected)
    {
        using var client = CreateClient();
        using var response = await client.GetAsync(url);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(expected), url);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), url);
        });
        var problem = (await response.Content.ReadFromJsonAsync<JsonElement>())!;
        Assert.That(problem.GetProperty("status").GetInt32(), Is.EqualTo((int)expected));
        return problem;
    }
}
