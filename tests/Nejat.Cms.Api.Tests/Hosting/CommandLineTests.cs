using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Nejat.Cms.Api.Tests.Hosting;

/// <summary>
/// The built program run as a process, as a user runs it, from a directory that is not its own:
/// help, the version, usage mistakes and bad settings are answered in one line without starting PostgreSQL.
/// </summary>
public sealed class CommandLineTests
{
    private static readonly string Program = Path.Combine(AppContext.BaseDirectory, "Nejat.Cms.Api.dll");
    private string _workDir = "";
    private string _dataDir = "";

    [SetUp]
    public void CreateDirectories()
    {
        // Under /tmp, which the postgres account (the server's, when the tests run as root) can enter.
        _workDir = Directory.CreateTempSubdirectory("nejat-cli-").FullName;
        _dataDir = Path.Combine(Path.GetTempPath(), $"nejat-cli-data-{Guid.NewGuid():N}");
    }

    [TearDown]
    public void RemoveDirectories()
    {
        Directory.Delete(_workDir, recursive: true);
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    [Test]
    public async Task HelpListsTheCommandsAndOptions()
    {
        var run = await RunAsync("--help");
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(0), run.Output);
            foreach (var word in new[] { "serve", "import FILE.jsonl", "import --sample", "keys create", "accounts create --email", "accounts list", "--version", "--urls", "--Cms:KEY=VALUE", "--ConnectionStrings:Cms" })
            {
                Assert.That(run.Output, Does.Contain(word));
            }
        });
    }

    [Test]
    public async Task VersionIsOneLine()
    {
        var run = await RunAsync("--version");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Output);
        Assert.That(run.Output.Trim(), Does.Match(@"^Nejat CMS \d+\.\d+\.\d+\S*$"));
    }

    [TestCase("frobnicate", "Unknown command 'frobnicate'")]
    [TestCase("--frobnicate=1", "Unknown option '--frobnicate'")]
    [TestCase("--Cms:MaxPagSize=5", "Unknown option '--Cms:MaxPagSize'")]
    [TestCase("import", "import needs a FILE.jsonl or --sample")]
    [TestCase("import /no/such/file.jsonl", "No such file: /no/such/file.jsonl")]
    [TestCase("keys create --name x", "Usage:")]
    [TestCase("accounts create --email a@b.org", "Usage:")]
    [TestCase("accounts frobnicate", "Usage:")]
    public async Task UsageMistakesAreOneLineAndExitTwoWithoutStartingPostgres(string arguments, string message)
    {
        var run = await RunAsync(arguments.Split(' '));
        AssertOneLineFailure(run, 2, message);
    }

    [TestCase("Cms__MaxPageSize", "abc", "Setting Cms:MaxPageSize (Cms__MaxPageSize) is 'abc', which is not a whole number")]
    [TestCase("Cms__MaxPageSize", "0", "Cms:MaxPageSize must be between 1 and 1000.")]
    [TestCase("Cms__SchedulerInterval", "soon", "Cms:SchedulerInterval (Cms__SchedulerInterval) is 'soon', which is not a duration")]
    [TestCase("Cms__MaxPagSize", "5", "Unknown setting Cms:MaxPagSize (Cms__MaxPagSize)")]
    [TestCase("ConnectionStrings__Cms", "Host=db;Colour=blue", "ConnectionStrings:Cms (ConnectionStrings__Cms) is not a valid Npgsql connection string")]
    [TestCase("ConnectionStrings__Cms", "nonsense", "ConnectionStrings:Cms (ConnectionStrings__Cms) is not a valid Npgsql connection string")]
    public async Task BadSettingsAreOneLineNamingTheSettingAndExitOne(string name, string value, string message)
    {
        var run = await RunAsync(["serve"], new() { [name] = value });
        AssertOneLineFailure(run, 1, message);
    }

    [Test]
    public async Task AnUnwritableDataDirectoryIsOneLine()
    {
        var file = Path.Combine(_workDir, "a-file");
        await File.WriteAllTextAsync(file, "not a directory");
        var run = await RunAsync(["serve"], new() { ["Cms__DataDir"] = Path.Combine(file, "data") });
        AssertOneLineFailure(run, 1, "Cms:DataDir (Cms__DataDir) is " + Path.Combine(file, "data") + ", which this account");
    }

    [Test]
    public async Task AnAddressInUseIsOneLine()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}";
        var run = await RunAsync(["--urls", url], null);
        AssertOneLineFailure(run, 1, $"Cannot listen on {url}: another program uses the address.");
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task ServingFromAnotherDirectoryReadsTheProgramsSettingsAndStopsItsPostgres(CancellationToken ct)
    {
        var (url, lines) = await ServeAsync([], async (client, url) =>
        {
            using var live = await client.GetAsync($"{url}/health/live", ct);
            Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }, ct);

        var output = string.Join('\n', lines);
        Assert.Multiple(() =>
        {
            Assert.That(output, Does.StartWith($"Nejat CMS ").And.Contain($"settings from {AppContext.BaseDirectory}").And.Contain($"data directory {_dataDir}"));
            Assert.That(output, Does.Contain($"Serving the API at {url}/v1/ — Swagger UI {url}/swagger, OpenAPI document {url}/openapi/v1.json"));
            Assert.That(output, Does.Match($@"No editor accounts yet: open {System.Text.RegularExpressions.Regex.Escape(url)}/admin/#/invitation/[A-Za-z0-9_-]{{43}} within 7 days to create the first admin"));
            // appsettings.json was read: per-command database logging is off.
            Assert.That(output, Does.Not.Contain("Npgsql.Command"));
            Assert.That(output, Does.Contain("Stopped the embedded PostgreSQL.").And.Not.Contain("Left the embedded PostgreSQL running"));
            Assert.That(Directory.EnumerateFileSystemEntries(_workDir), Is.Empty, "nothing is created in the working directory");
        });
    }

    /// <summary>
    /// With the JSON log format every line the service writes, its own start-up and shutdown lines included, is
    /// one JSON object; client errors (401, 404, 400) are not logged at Information or above.
    /// </summary>
    [Test]
    [CancelAfter(180_000)]
    public async Task WithJsonLogsEveryLineIsJsonAndClientErrorsAreNotLogged(CancellationToken ct)
    {
        var (_, lines) = await ServeAsync(["Logging__Console__FormatterName=json"], async (client, url) =>
        {
            using var unauthorised = await client.GetAsync($"{url}/v1/admin/posts", ct);
            using var missing = await client.GetAsync($"{url}/v1/en/posts/no-such-post", ct);
            using var invalid = await client.GetAsync($"{url}/v1/en/posts?pageSize=abc", ct);
            Assert.That((unauthorised.StatusCode, missing.StatusCode, invalid.StatusCode),
                Is.EqualTo((HttpStatusCode.Unauthorized, HttpStatusCode.NotFound, HttpStatusCode.BadRequest)));
        }, ct);

        var entries = new List<JsonElement>();
        Assert.Multiple(() =>
        {
            foreach (var line in lines.Where(l => l.Length > 0))
            {
                Assert.DoesNotThrow(() => entries.Add(JsonSerializer.Deserialize<JsonElement>(line)), line);
            }
        });
        var messages = entries.Select(e => $"{e.GetProperty("LogLevel").GetString()} {e.GetProperty("Category").GetString()}: {e.GetProperty("Message").GetString()}").ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(messages, Has.Some.Contains("Information Nejat.Cms.Startup: Nejat CMS "));
            Assert.That(messages, Has.Some.Contains("Information Nejat.Cms.Startup: Serving the API at "));
            Assert.That(messages, Has.Some.Contains("Information Nejat.Cms.Startup: No editor accounts yet: open "));
            Assert.That(messages, Has.Some.Contains("Stopped the embedded PostgreSQL."));
            // 401 as a number of its own: the data directory's random name (hex) may hold those digits.
            Assert.That(messages, Has.None.Contains("/v1/admin/posts").And.None.Contains("no-such-post").And.None.Contains("pageSize")
                .And.None.Match(@"\b401\b").And.None.Contains("was challenged"), string.Join('\n', messages));
        });
    }

    [Test]
    public async Task AnImportExportsItsMetricsWhenAnOtlpEndpointIsSet()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var run = await RunAsync(["import", "--sample"], new()
        {
            ["ConnectionStrings__Cms"] = await TestRun.CreateDatabaseAsync(),
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Url,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        });
        Assert.That(run.ExitCode, Is.Zero, run.Output);
        Assert.That(receiver.Received("/v1/metrics", "nejat-cms", "nejat.cms.import.items", "jsonl"), Is.True, "sent as the command ends");
    }

    /// <summary>Serves on a free port until <paramref name="whileServing"/> is done, stops it by SIGTERM; returns its URL and every line it wrote.</summary>
    private async Task<(string Url, string[] Lines)> ServeAsync(string[] environment, Func<HttpClient, string, Task> whileServing, CancellationToken ct)
    {
        using var port = new TcpListener(IPAddress.Loopback, 0);
        port.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)port.LocalEndpoint).Port}";
        port.Stop();

        var settings = environment.Select(e => e.Split('=', 2)).ToDictionary(e => e[0], e => e[1]);
        settings["Cms__DataDir"] = _dataDir;
        using var server = Start(["--urls", url], settings);
        var output = new List<string>();
        var serving = new TaskCompletionSource();
        server.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.Add(e.Data ?? "");
            }

            // The last line of a start-up on an empty database: the first admin's link (plain or in a JSON line).
            if (e.Data?.Contains("No editor accounts yet", StringComparison.Ordinal) == true)
            {
                serving.TrySetResult();
            }
        };
        server.ErrorDataReceived += (_, e) => { lock (output) { output.Add(e.Data ?? ""); } };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            await serving.Task.WaitAsync(TimeSpan.FromSeconds(120), ct);
            using var client = new HttpClient();
            await whileServing(client, url);
        }
        finally
        {
            // SIGTERM, as systemd and Docker stop it: the service shuts down and stops its cluster.
            using (var term = Process.Start("kill", ["-TERM", server.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync(ct);
            }

            await server.WaitForExitAsync(ct);
        }

        lock (output)
        {
            return (url, [.. output]);
        }
    }

    private void AssertOneLineFailure((int ExitCode, string Output) run, int exitCode, string message)
    {
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(exitCode), run.Output);
            Assert.That(lines.Last(), Does.Contain(message));
            Assert.That(run.Output, Does.Not.Contain("   at "), "no stack trace");
            Assert.That(run.Output, Does.Not.Contain("Started embedded PostgreSQL").And.Not.Contain("Initialising"), "PostgreSQL was not started");
            Assert.That(Directory.Exists(_dataDir), Is.False, "PostgreSQL was not started");
        });
        // Only the first line (program, settings, data directory) may come before the problem.
        Assert.That(lines, Has.Length.LessThanOrEqualTo(2), run.Output);
    }

    private Process Start(string[] arguments, Dictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Program);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test run's own settings must not leak into the program's.
        foreach (var name in new[] { "ConnectionStrings__Cms", "Cms__DataDir", "ASPNETCORE_URLS", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT" })
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? [])
        {
            start.Environment[name] = value;
        }

        return Process.Start(start)!;
    }

    private async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments) => await RunAsync(arguments, null);

    private async Task<(int ExitCode, string Output)> RunAsync(string[] arguments, Dictionary<string, string>? environment)
    {
        environment = new Dictionary<string, string>(environment ?? []);
        environment.TryAdd("Cms__DataDir", _dataDir);
        using var process = Start(arguments, environment);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
