using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Nejat.Cms.Api.Hosting;
using Npgsql;

namespace Nejat.Cms.Api.Startup;

/// <summary>
/// The configuration checked before anything starts. Each problem is one line naming the setting
/// (as configuration path and as environment variable) and how to fix it: no stack trace.
/// </summary>
internal static partial class StartupChecks
{
    private const string SettingsList = "the settings are listed in docs/configuration.md";

    public static bool IsCmsSetting(string name) =>
        typeof(CmsOptions).GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase) is { CanWrite: true };

    /// <summary>The first problem of the configuration, or null.</summary>
    public static string? Problem(IConfiguration configuration)
    {
        if (configuration.GetSection(CmsOptions.Section).GetChildren().FirstOrDefault(s => !IsCmsSetting(s.Key)) is { } unknown)
        {
            return $"Unknown setting {unknown.Path} ({EnvironmentName(unknown.Path)}): check its spelling; {SettingsList}.";
        }

        try
        {
            var services = new ServiceCollection().AddSingleton(configuration);
            CmsOptions.AddTo(services);
            using var provider = services.BuildServiceProvider();
            _ = provider.GetRequiredService<IOptions<CmsOptions>>().Value;
        }
        catch (InvalidOperationException ex) when (FailedConversion().Match(ex.Message) is { Success: true } failed)
        {
            var path = failed.Groups["path"].Value;
            return $"Setting {path} ({EnvironmentName(path)}) is '{configuration[path]}', which is not {Expected(failed.Groups["type"].Value)}: " +
                $"correct it or remove it to use the default; {SettingsList}.";
        }
        catch (OptionsValidationException ex)
        {
            return $"Invalid configuration: {string.Join(" ", ex.Failures.Select(f => DataAnnotationFailure().Match(f) is { Success: true } m ? m.Groups["message"].Value : f))} Correct the setting (environment variables: Cms__Name) or remove it to use the default.";
        }

        return ConnectionStringProblem(configuration.GetConnectionString("Cms")) ?? AddressInUse(configuration);
    }

    /// <summary>
    /// An address given by --urls or ASPNETCORE_URLS that another program already listens on, found before
    /// PostgreSQL starts. (Kestrel's default, http://localhost:5000, is met when Kestrel binds: see ListenProblem.)
    /// </summary>
    private static string? AddressInUse(IConfiguration configuration)
    {
        foreach (var url in (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!BindingAddress.TryParse(url, out var address) || address.Port == 0)
            {
                continue;
            }

            try
            {
                var listener = new System.Net.Sockets.TcpListener(address.Address, address.Port);
                listener.Server.SetSocketOption(System.Net.Sockets.SocketOptionLevel.Socket, System.Net.Sockets.SocketOptionName.ReuseAddress, true);
                listener.Start();
                listener.Stop();
            }
            catch (System.Net.Sockets.SocketException ex) when (ex.SocketErrorCode == System.Net.Sockets.SocketError.AddressAlreadyInUse)
            {
                return $"Cannot listen on {url}: another program uses the address. Choose another with --urls or ASPNETCORE_URLS (e.g. http://127.0.0.1:5080), or stop the program using it.";
            }
        }

        return null;
    }

    /// <summary>An address of --urls as Kestrel reads it: localhost is the loopback, *, + and 0.0.0.0 are every address.</summary>
    private readonly record struct BindingAddress(System.Net.IPAddress Address, int Port)
    {
        public static bool TryParse(string url, out BindingAddress address)
        {
            address = default;
            var hostStart = url.IndexOf("://", StringComparison.Ordinal) is >= 0 and var scheme ? scheme + 3 : 0;
            var portStart = url.LastIndexOf(':');
            if (portStart < hostStart || !int.TryParse(url[(portStart + 1)..].TrimEnd('/'), out var port))
            {
                return false;
            }

            var host = url[hostStart..portStart].Trim('[', ']');
            System.Net.IPAddress? ip = host switch
            {
                "localhost" => System.Net.IPAddress.Loopback,
                "*" or "+" or "" => System.Net.IPAddress.Any,
                _ => System.Net.IPAddress.TryParse(host, out var parsed) ? parsed : null,
            };
            address = ip is null ? default : new BindingAddress(ip, port);
            return ip is not null;
        }
    }

    private static string? ConnectionStringProblem(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return null;
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString).Host;
            return null;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            return $"ConnectionStrings:Cms (ConnectionStrings__Cms) is not a valid Npgsql connection string ({ex.Message.TrimEnd('.')}): " +
                "write it as Host=HOST;Port=5432;Username=USER;Password=PASSWORD;Database=cms, or remove it to use the embedded PostgreSQL.";
        }
    }

    /// <summary>
    /// Creates the data directory and writes a file in it, so an unusable one is an <see cref="IOException"/>
    /// or <see cref="UnauthorizedAccessException"/> before anything starts.
    /// </summary>
    public static void CheckWritable(string dataDir)
    {
        Directory.CreateDirectory(dataDir);
        using var probe = new FileStream(Path.Combine(dataDir, $".write-check-{Environment.ProcessId}"),
            FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
    }

    /// <summary>The one line for a data directory the service cannot use.</summary>
    public static string DataDirectoryProblem(string dataDir, Exception ex) =>
        $"Cms:DataDir (Cms__DataDir) is {dataDir}, which this account ({Environment.UserName}) cannot use: {ex.Message.TrimEnd('.')}. " +
        "Set Cms__DataDir to a directory it may read and write (e.g. /var/lib/nejat-cms), or fix the directory's owner and permissions.";

    /// <summary>The one line for an address Kestrel cannot bind.</summary>
    public static string ListenProblem(IOException ex) =>
        $"Cannot listen: {ex.Message.TrimEnd('.')}. Choose another address with --urls or ASPNETCORE_URLS (e.g. http://127.0.0.1:5080), or stop the program using it.";

    private static string EnvironmentName(string path) => path.Replace(":", "__", StringComparison.Ordinal);

    private static string Expected(string type) => type switch
    {
        "System.Int32" or "System.Int64" => "a whole number",
        "System.Boolean" => "true or false",
        "System.TimeSpan" => "a duration such as 00:00:10 (hh:mm:ss) or 1.00:00:00 (one day)",
        _ => $"a valid {type}",
    };

    // "DataAnnotation validation failed for 'CmsOptions' members: 'X' with the error: 'MESSAGE'."
    [GeneratedRegex("with the error: '(?<message>.*)'\\.?$")]
    private static partial Regex DataAnnotationFailure();

    [GeneratedRegex("at '(?<path>[^']+)' to type '(?<type>[^']+)'")]
    private static partial Regex FailedConversion();
}
