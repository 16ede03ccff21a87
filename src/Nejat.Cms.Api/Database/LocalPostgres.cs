using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace Nejat.Cms.Api.Database;

/// <summary>
/// A private PostgreSQL cluster run from the machine's own server binaries: initialised on first use
/// under a data directory, joined when already running (by the service or an import), and stopped
/// by the last process using it.
/// Over 300 lines and kept whole: starting, joining and stopping share the data directory's lock, one account
/// rule (root runs the server as postgres) and one count of the sessions still using the cluster;
/// split apart, each half would need the other's private state.
/// </summary>
internal sealed class LocalPostgres : IAsyncDisposable
{
    private const string SuperUser = "cms";
    // PostgreSQL refuses to run as root, so a root process runs the server as this account.
    private const string ServerAccount = "postgres";

    private readonly string _clusterDir;
    private readonly string _binDir;
    private readonly Action<string> _report;

    private LocalPostgres(string clusterDir, string binDir, int port, string password, bool startedHere, Action<string> report)
    {
        _clusterDir = clusterDir;
        _binDir = binDir;
        _report = report;
        StartedHere = startedHere;
        Port = port;
        ServerConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = SuperUser,
            Password = password,
            Database = "postgres",
            ApplicationName = _applicationName,
        }.ConnectionString;
    }

    public int Port { get; }

    /// <summary>True when this process started the server (rather than joining a running one).</summary>
    public bool StartedHere { get; }

    /// <summary>Connects to the maintenance database; use <see cref="ConnectionStringFor"/> for others.</summary>
    public string ServerConnectionString { get; }

    public string ConnectionStringFor(string database)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database }.ConnectionString;
        _issued.Add(connectionString);
        return connectionString;
    }

    // Every connection handed out by this object names it: sessions of its own pools, closing as it stops,
    // are not "other sessions" (pg_stat_activity lists a closed connection until its backend has exited).
    // Per object, not per process: another LocalPostgres joined to the same cluster in this process still counts.
    private readonly string _applicationName = $"nejat-cms/{Environment.ProcessId}/{Guid.NewGuid():N}";

    // The connection strings handed out, whose pools this process empties before counting other sessions.
    // Only these: clearing every pool in the process would disturb unrelated data sources.
    private readonly System.Collections.Concurrent.ConcurrentBag<string> _issued = [];

    /// <summary>Starts (or joins) the cluster under <paramref name="dataDir"/>.</summary>
    public static async Task<LocalPostgres> StartAsync(string dataDir, Action<string> report, CancellationToken ct = default)
    {
        dataDir = Path.GetFullPath(dataDir);
        var clusterDir = Path.Combine(dataDir, "postgres");
        var passwordFile = Path.Combine(dataDir, "postgres.password");
        var binDir = FindServerBinaries();
        Directory.CreateDirectory(dataDir);
        if (Environment.IsPrivilegedProcess)
        {
            await CheckServerAccountCanEnterAsync(dataDir, ct);
        }

        // Processes starting on one data directory at the same moment take turns here, so only
        // one initialises the cluster and one starts it; the others find it running and join.
        await using var startLock = await LockDataDirAsync(dataDir, ct);
        if (!File.Exists(Path.Combine(clusterDir, "PG_VERSION")))
        {
            await InitialiseAsync(binDir, clusterDir, passwordFile, report, ct);
        }

        var password = (await File.ReadAllTextAsync(passwordFile, ct)).Trim();
        for (var attempt = 1; ; attempt++)
        {
            if (await RunningPortAsync(binDir, clusterDir, ct) is { } runningPort)
            {
                report($"Using the embedded PostgreSQL already running on 127.0.0.1:{runningPort} ({clusterDir}).");
                return new LocalPostgres(clusterDir, binDir, runningPort, password, startedHere: false, report);
            }

            // A port just found free can be taken before the server binds it: then try another.
            var port = FreeLoopbackPort();
            var start = await StartServerAsync(binDir, clusterDir, port, ct);
            if (start.ExitCode == 0)
            {
                report($"Started embedded PostgreSQL on 127.0.0.1:{port} (data in {clusterDir}).");
                return new LocalPostgres(clusterDir, binDir, port, password, startedHere: true, report);
            }

            if (attempt == 3)
            {
                throw new LocalPostgresException(
                    $"The embedded PostgreSQL in {clusterDir} did not start: {start.Output.Trim()} " +
                    $"See {Path.Combine(clusterDir, "server.log")} for the server's own account.");
            }
        }
    }

    private static Task<(int ExitCode, string Output)> StartServerAsync(string binDir, string clusterDir, int port, CancellationToken ct) =>
        RunServerToolAsync(binDir, "pg_ctl", ["start", "-D", clusterDir, "-w", "-t", "60", "-l", Path.Combine(clusterDir, "server.log"),
            "-o", $"-c port={port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''"], ct);

    /// <summary>
    /// Whether the server's postmaster is alive: the process named in postmaster.pid. Cheap enough to
    /// ask every second (two small file reads).
    /// </summary>
    public bool IsRunning()
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(Path.Combine(_clusterDir, "postmaster.pid"));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return false; // stopped cleanly: the postmaster removes its pid file
        }

        return lines.Length > 0 && int.TryParse(lines[0], out var pid) && IsAlive(pid);
    }

    private static bool IsAlive(int pid)
    {
        if (!OperatingSystem.IsLinux())
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                return !process.HasExited;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }

        // A killed postmaster whose parent (pg_ctl) has gone stays a zombie until PID 1 reaps it,
        // which may be never in a container; kill(pid, 0) would call it alive. /proc says Z.
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..] is not ['Z' or 'X', ..];
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
    }

    /// <summary>
    /// Starts the server again on its port (connection strings already name it) unless it is
    /// running. Returns null when it runs, or why it did not start. Right after a crash this can
    /// fail for a moment: the dead postmaster's children still hold its shared memory until they
    /// notice and exit, and PostgreSQL refuses to start beside them.
    /// </summary>
    public async Task<string?> RestartAsync(CancellationToken ct)
    {
        await using var startLock = await LockDataDirAsync(Path.GetDirectoryName(_clusterDir)!, ct);
        if (IsRunning())
        {
            return null; // another process on this data directory started it first
        }

        var log = Path.Combine(_clusterDir, "server.log");
        var logLength = File.Exists(log) ? new FileInfo(log).Length : 0;
        var start = await StartServerAsync(_binDir, _clusterDir, Port, ct);
        if (start.ExitCode == 0)
        {
            return null;
        }

        // pg_ctl only says that the start failed; the server's own reason is its FATAL line in the log.
        return LastFatalLine(log, logLength)
            ?? string.Join(' ', start.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    private static string? LastFatalLine(string log, long from)
    {
        try
        {
            using var file = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            file.Seek(Math.Max(from, file.Length - 16384), SeekOrigin.Begin);
            using var reader = new StreamReader(file);
            return reader.ReadToEnd().Split('\n').LastOrDefault(line => line.Contains("FATAL:", StringComparison.Ordinal))?.Trim();
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>An exclusive lock on &lt;dataDir&gt;/.lock (flock on Unix), waited for up to a minute.</summary>
    internal static async Task<FileStream> LockDataDirAsync(string dataDir, CancellationToken ct)
    {
        var path = Path.Combine(dataDir, ".lock");
        for (var waited = TimeSpan.Zero; ; waited += TimeSpan.FromMilliseconds(100))
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited < TimeSpan.FromMinutes(1))
            {
                await Task.Delay(100, ct);
            }
        }
    }

    /// <summary>Root runs the server as the postgres account, which must be able to reach the data directory.</summary>
    private static async Task CheckServerAccountCanEnterAsync(string dataDir, CancellationToken ct)
    {
        var probe = await RunAsync("runuser", ["-u", ServerAccount, "--", "test", "-x", dataDir], ct);
        if (probe.ExitCode != 0)
        {
            throw new LocalPostgresException(
                $"The '{ServerAccount}' account, which runs PostgreSQL for root, cannot enter {dataDir}: a parent directory is private. " +
                "Set Cms__DataDir to a directory it can reach (e.g. /var/lib/nejat-cms or /tmp/nejat-cms), or make the parents traversable (chmod o+x).");
        }
    }

    /// <summary>Creates a database if it does not exist yet.</summary>
    public async Task EnsureDatabaseAsync(string database, CancellationToken ct = default)
    {
        await using var conn = new NpgsqlConnection(ServerConnectionString);
        await conn.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", conn);
        exists.Parameters.Add(new NpgsqlParameter { Value = database });
        if (await exists.ExecuteScalarAsync(ct) is null)
        {
            // CREATE DATABASE takes no parameters; the name is quoted as an identifier.
            await using var create = new NpgsqlCommand($"CREATE DATABASE {QuoteIdentifier(database)}", conn);
            try
            {
                await create.ExecuteNonQueryAsync(ct);
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
            {
                // Another process created it between our check and our CREATE.
            }
        }
    }

    /// <summary>
    /// Stops the server when nobody else is connected, whoever started it: the last process to
    /// leave turns it off, so a service that started it and an import that joined it can end in
    /// either order without leaving it running or cutting the other off.
    /// </summary>
    public async ValueTask DisposeAsync() => await StopAsync(evenIfInUse: false);

    public async Task StopAsync(bool evenIfInUse)
    {
        foreach (var connectionString in _issued.Append(ServerConnectionString))
        {
            await using var pooled = new NpgsqlConnection(connectionString);
            NpgsqlConnection.ClearPool(pooled);
        }

        if (!evenIfInUse && await OtherSessionsAsync() is > 0 and var others)
        {
            _report($"Left the embedded PostgreSQL running: {others} other session(s) still use it.");
            return;
        }

        var stop = await RunServerToolAsync(_binDir, "pg_ctl", ["stop", "-D", _clusterDir, "-m", "fast", "-w", "-t", "60"], CancellationToken.None);
        _report(stop.ExitCode == 0
            ? "Stopped the embedded PostgreSQL."
            : $"Could not stop the embedded PostgreSQL: {stop.Output.Trim()}");
    }

    private async Task<long> OtherSessionsAsync()
    {
        try
        {
            await using var conn = new NpgsqlConnection(
                new NpgsqlConnectionStringBuilder(ServerConnectionString) { Pooling = false }.ConnectionString);
            await conn.OpenAsync();
            await using var count = new NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' AND application_name <> $1", conn);
            count.Parameters.Add(new NpgsqlParameter { Value = _applicationName });
            return (long)(await count.ExecuteScalarAsync() ?? 0L);
        }
        catch (NpgsqlException)
        {
            return 0; // the server is not answering: stopping it is still right
        }
    }

    private static async Task InitialiseAsync(string binDir, string clusterDir, string passwordFile, Action<string> report, CancellationToken ct)
    {
        report($"Initialising an embedded PostgreSQL cluster in {clusterDir} …");
        Directory.CreateDirectory(clusterDir);
        if (Environment.IsPrivilegedProcess)
        {
            await RunCheckedAsync("chown", [ServerAccount, clusterDir], ct);
        }

        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        await WritePrivateFileAsync(passwordFile, password, ct);
        // initdb reads the password from a file only it and this process can read, removed right after.
        var initdbPasswordFile = Path.Combine(Path.GetDirectoryName(passwordFile)!, $".initdb-{Guid.NewGuid():N}");
        await WritePrivateFileAsync(initdbPasswordFile, password, ct);
        (int ExitCode, string Output) init;
        try
        {
            if (Environment.IsPrivilegedProcess)
            {
                await RunCheckedAsync("chown", [ServerAccount, initdbPasswordFile], ct);
            }

            init = await RunServerToolAsync(binDir, "initdb", ["-D", clusterDir, "-U", SuperUser, $"--pwfile={initdbPasswordFile}",
                "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C.UTF-8", "--no-instructions"], ct);
        }
        finally
        {
            File.Delete(initdbPasswordFile);
        }

        if (init.ExitCode != 0)
        {
            // A half-made cluster directory would block every later start.
            Directory.Delete(clusterDir, recursive: true);
            throw new LocalPostgresException($"initdb failed for {clusterDir}: {init.Output.Trim()}");
        }
    }

    private static async Task WritePrivateFileAsync(string path, string content, CancellationToken ct)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var file = new FileStream(path, options);
        await using var writer = new StreamWriter(file);
        await writer.WriteAsync(content.AsMemory(), ct);
    }

    /// <summary>The port of a server already running on the cluster, read from postmaster.pid.</summary>
    private static async Task<int?> RunningPortAsync(string binDir, string clusterDir, CancellationToken ct)
    {
        var pidFile = Path.Combine(clusterDir, "postmaster.pid");
        if (!File.Exists(pidFile))
        {
            return null;
        }

        var status = await RunServerToolAsync(binDir, "pg_ctl", ["status", "-D", clusterDir], ct);
        if (status.ExitCode != 0)
        {
            return null; // a stale pid file from a crash: pg_ctl start handles it
        }

        // postmaster.pid: line 4 is the port (PostgreSQL's documented pid-file layout).
        var lines = await File.ReadAllLinesAsync(pidFile, ct);
        return lines.Length > 3 && int.TryParse(lines[3], out var port) ? port : null;
    }

    internal static string FindServerBinaries()
    {
        static bool HasServer(string dir) =>
            File.Exists(Path.Combine(dir, "pg_ctl")) && File.Exists(Path.Combine(dir, "initdb"));

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(HasServer);
        if (onPath is not null)
        {
            return onPath;
        }

        const string debianRoot = "/usr/lib/postgresql";
        var versioned = Directory.Exists(debianRoot)
            ? Directory.GetDirectories(debianRoot)
                .Select(dir => (dir, version: int.TryParse(Path.GetFileName(dir), out var v) ? v : 0))
                .OrderByDescending(x => x.version)
                .Select(x => Path.Combine(x.dir, "bin"))
                .FirstOrDefault(HasServer)
            : null;

        return versioned ?? throw new LocalPostgresException(
            "No PostgreSQL server found: pg_ctl and initdb are neither on PATH nor under /usr/lib/postgresql/*/bin. " +
            "Install PostgreSQL (Debian/Ubuntu: sudo apt-get install postgresql), " +
            "or set ConnectionStrings__Cms to an existing server, or run `docker compose up`.");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static Task<(int ExitCode, string Output)> RunServerToolAsync(
        string binDir, string tool, string[] args, CancellationToken ct)
    {
        var exe = Path.Combine(binDir, tool);
        return Environment.IsPrivilegedProcess
            ? RunAsync("runuser", ["-u", ServerAccount, "--", exe, .. args], ct)
            : RunAsync(exe, args, ct);
    }

    private static async Task RunCheckedAsync(string exe, string[] args, CancellationToken ct)
    {
        var result = await RunAsync(exe, args, ct);
        if (result.ExitCode != 0)
        {
            throw new LocalPostgresException($"{exe} {string.Join(' ', args)} failed: {result.Output.Trim()}");
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string exe, IEnumerable<string> args, CancellationToken ct)
    {
        var info = new ProcessStartInfo(exe)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The server account may not be able to enter the caller's working directory.
            WorkingDirectory = "/",
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new LocalPostgresException($"Could not run {exe}.");
        // pg_ctl start sends the server's own output to its -l log file, so these pipes close when pg_ctl exits.
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return (process.ExitCode, await stdout + await stderr);
    }
}

internal sealed class LocalPostgresException(string message) : Exception(message);
