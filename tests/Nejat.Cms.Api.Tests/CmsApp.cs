using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nejat.Cms.Api.Database;
using Nejat.Cms.Api.Hosting;
using Nejat.Cms.Api.Features.Accounts;
using Nejat.Cms.Api.Features.Editorial;
using Nejat.Cms.Api.Import;

namespace Nejat.Cms.Api.Tests;

/// <summary>The service on a real Kestrel at 127.0.0.1, over its own fresh database.</summary>
internal sealed class CmsApp : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private bool _ownDataDir;
    private ILoggerProvider? _logs;
    // The embedded cluster the service started itself (StartWithEmbeddedClusterAsync), joined for its connection string and its removal.
    private LocalPostgres? _embedded;

    private CmsApp(string connectionString, Dictionary<string, string?> settings)
    {
        ConnectionString = connectionString;
        _settings = settings;
    }

    public string ConnectionString { get; private set; }

    /// <summary>Where this app keeps its files (and its embedded cluster, if it runs one).</summary>
    public string DataDir => _settings["Cms:DataDir"]!;

    /// <summary>Where this app keeps its media files.</summary>
    public string MediaDir => Path.Combine(DataDir, "media");

    // connectionString: another instance's database, to run two instances on one store.
    public static async Task<CmsApp> StartAsync(Dictionary<string, string?>? settings = null, string? connectionString = null, ILoggerProvider? logs = null)
    {
        // Each app keeps its media in its own temporary data directory, removed on dispose.
        settings = new Dictionary<string, string?>(settings ?? []);
        var ownDataDir = settings.TryAdd("Cms:DataDir", Path.Combine(Path.GetTempPath(), $"nejat-data-{Guid.NewGuid():N}"));
        var app = new CmsApp(connectionString ?? await TestRun.CreateDatabaseAsync(), settings) { _ownDataDir = ownDataDir, _logs = logs };
        app.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        return app;
    }

    /// <summary>
    /// The service as `dotnet run` starts it, with no ConnectionStrings:Cms: it starts (and supervises)
    /// its own embedded cluster under the app's temporary data directory, stopped and removed on
    /// dispose. Never the test run's shared cluster, so a test may kill this one.
    /// </summary>
    public static async Task<CmsApp> StartWithEmbeddedClusterAsync(Dictionary<string, string?>? settings = null, ILoggerProvider? logs = null)
    {
        // Under /tmp, which the postgres account (the server's, when the tests run as root) can enter.
        var dataDir = Path.Combine(Path.GetTempPath(), $"nejat-embedded-{Guid.NewGuid():N}");
        settings = new Dictionary<string, string?>(settings ?? []) { ["Cms:DataDir"] = dataDir };
        var app = new CmsApp("", settings) { _ownDataDir = true, _logs = logs };
        app.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        app._embedded = await LocalPostgres.StartAsync(dataDir, _ => { });
        app.ConnectionString = app._embedded.ConnectionStringFor(CmsDatabase.EmbeddedDatabase);
        return app;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        // Empty: the service starts its embedded cluster.
        builder.UseSetting("ConnectionStrings:Cms", ConnectionString);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_logs is not null)
        {
            builder.ConfigureLogging(logging => logging.AddProvider(_logs));
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

    /// <summary>
    /// A browser-like client signed in as a new person of that role (and editions; null for all): it keeps
    /// the session cookie and sends the session's CSRF token on every request.
    /// </summary>
    public async Task<HttpClient> CreateSessionClientAsync(string role, params string[] editions)
    {
        var email = $"{role}.{Guid.NewGuid():N}@example.org";
        const string password = "a long enough password";
        await using (var conn = new Npgsql.NpgsqlConnection(ConnectionString))
        {
            await conn.OpenAsync();
            var account = await AccountStore.CreateAsync(conn, null,
                new CreateAccountRequest(email, $"{role} person {string.Join(",", editions)}", role, editions.Length == 0 ? null : editions), "tests", CancellationToken.None);
            await AccountStore.SetPasswordAsync(conn, null, account!.Id, Passwords.Hash(password), CancellationToken.None);
        }

        var client = CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, BaseAddress = ClientOptions.BaseAddress });
        _keyClients.Add(client);
        using var signIn = await client.PostAsJsonAsync("/v1/auth/session", new { email, password });
        var signedIn = await signIn.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(signIn.StatusCode, Is.EqualTo(HttpStatusCode.OK), signedIn.ToString());
        client.DefaultRequestHeaders.Add("X-CSRF-Token", signedIn.GetProperty("csrfToken").GetString());
        return client;
    }

    /// <summary>A client carrying the key; the app disposes it with itself, so fixtures need not.</summary>
    public HttpClient CreateClient(string apiKey)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
        _keyClients.Add(client);
        return client;
    }

    private readonly System.Collections.Concurrent.ConcurrentBag<HttpClient> _keyClients = [];

    /// <summary>Also empties the pool of this database's connections, so a long run does not exhaust max_connections.</summary>
    public override async ValueTask DisposeAsync()
    {
        foreach (var client in _keyClients)
        {
            client.Dispose();
        }

        await using (var pooled = new Npgsql.NpgsqlConnection(ConnectionString))
        {
            Npgsql.NpgsqlConnection.ClearPool(pooled);
        }

        await base.DisposeAsync();
        if (_embedded is not null)
        {
            // The service stops its own cluster once its host has stopped (Program.cs): give it the
            // chance, then make sure.
            for (var waited = 0; _embedded.IsRunning() && waited < 100; waited++)
            {
                await Task.Delay(100);
            }

            await _embedded.StopAsync(evenIfInUse: true);
            // The service's pg_ctl looks for the pid file every 100 ms and complains if the directory is gone first.
            await Task.Delay(300);
        }

        if (_ownDataDir && Directory.Exists(DataDir))
        {
            Directory.Delete(DataDir, recursive: true);
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
