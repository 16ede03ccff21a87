using System.Reflection;
using Nejat.Cms.Api.Features.Accounts;
using Nejat.Cms.Api.Features.Editorial;
using Nejat.Cms.Api.Hosting;
using Nejat.Cms.Api.Import.WordPress;

namespace Nejat.Cms.Api.Startup;

internal enum CommandKind { Serve, Import, ImportWordPress, Keys, Accounts }

/// <summary>A command the program runs: its own arguments and the configuration settings given with it.</summary>
internal sealed record Invocation(CommandKind Kind, string[] Arguments, string[] Settings);

/// <summary>
/// Reads the command line before anything starts: help, the version and usage mistakes are answered
/// here (exit 0 or 2), so none of them starts PostgreSQL.
/// </summary>
internal static class Commands
{
    public const int UsageError = 2;

    /// <summary>The sample content of the four editions, shipped beside the program.</summary>
    public static string SampleFile => Path.Combine(AppContext.BaseDirectory, "Samples", "sample-content.jsonl");

    public static string Version =>
        typeof(Commands).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    // Host settings besides Section:Key paths. WebApplicationFactory passes contentRoot and applicationName too.
    private static readonly string[] HostSettings = ["urls", "environment", "contentRoot", "applicationName"];

    public static string Help => $$"""
        Nejat CMS {{Version}}: a headless CMS REST API over PostgreSQL.

        Usage: Nejat.Cms.Api [COMMAND] [--Section:Key=VALUE ...]
               (from a clone: dotnet run --project src/Nejat.Cms.Api -- [COMMAND] ...)

        Commands:
          serve                  Serve the API (the default when no command is given).
          import FILE.jsonl      Load a JSON Lines file (editions, authors, tags, posts, pages, settings,
                                 menus) in one transaction.
          import --sample        Load the sample content of the four editions (repeatable: nothing changes twice).
          import-wordpress [--edition E] [--uploads DIR] [--dry-run] [--overwrite] [--allow-skips] FILE.xml ...
                                 Import WordPress exports (WXR): posts, pages, media, galleries, menus, old URLs
                                 (docs/wordpress-import.md).
          keys create --name NAME --role admin|editor|author|previewer [--editions fa,ar]
                                 Create an API key and print it (shown only this once).
          accounts create --email EMAIL --name "NAME" --role admin|editor|author|previewer [--editions fa,ar] [--base-url URL]
                                 Create a person's account and print the invitation link where they set a
                                 password (valid 7 days; links point at --base-url, else the first --urls
                                 address, else {{AccountsCommand.DefaultBaseUrl}}). docs/accounts.md.
          accounts list          List the accounts.

        Options:
          -h, --help             Show this text.
          --version              Show the version.
          --urls URL             Where the API listens (default http://localhost:5000).
          --contentRoot DIR      Where appsettings.json is read (default: the program's directory, {{AppContext.BaseDirectory}}).
          --Cms:KEY=VALUE        Any setting, e.g. --Cms:DataDir=/srv/cms; environment variables work too
                                 (Cms__DataDir=/srv/cms). All settings: docs/configuration.md.
          --ConnectionStrings:Cms=CONNECTION-STRING
                                 Use this PostgreSQL instead of the embedded one.
          --OTEL_EXPORTER_OTLP_ENDPOINT=URL
                                 Export traces and metrics by OpenTelemetry (OTLP); docs/telemetry.md.
        `keys` and `accounts` read settings from appsettings.json and the environment only.
        While no account exists, `serve` prints a one-time link that creates the first admin.
        """;

    /// <summary>The command to run, or null with the answer to print and the exit code.</summary>
    public static Invocation? Parse(string[] args, out int exitCode, out string answer)
    {
        (exitCode, answer) = (0, "");
        if (args.Any(a => a is "-h" or "--help" or "-?" or "help"))
        {
            answer = Help;
            return null;
        }

        if (args is ["--version", ..])
        {
            answer = $"Nejat CMS {Version}";
            return null;
        }

        var (invocation, problem) = args switch
        {
            [] => (new Invocation(CommandKind.Serve, [], []), null),
            ["serve", .. var settings] => (new Invocation(CommandKind.Serve, [], settings), SettingsProblem(settings)),
            ["import", "--sample", .. var settings] => (new Invocation(CommandKind.Import, ["import", SampleFile], settings), SettingsProblem(settings)),
            ["import", var file, .. var settings] when !file.StartsWith('-') =>
                (new Invocation(CommandKind.Import, ["import", file], settings), File.Exists(file) ? SettingsProblem(settings) : $"No such file: {file}"),
            ["import", ..] => (null, "import needs a FILE.jsonl or --sample, e.g. `import --sample`."),
            [WordPressImportCommand.Name, ..] => (new Invocation(CommandKind.ImportWordPress, args, WordPressImportCommand.Settings(args)), null),
            ["keys", ..] => (new Invocation(CommandKind.Keys, args, []), KeysCommand.TryReadArguments(args, out _) ? null : KeysCommand.Usage),
            ["accounts", ..] => (new Invocation(CommandKind.Accounts, args, []), AccountsCommand.IsValid(args) ? null : AccountsCommand.Usage),
            [var first, ..] when first.StartsWith('-') => (new Invocation(CommandKind.Serve, [], args), SettingsProblem(args)),
            [var first, ..] => (null, $"Unknown command '{first}': the commands are serve, import, import-wordpress, keys and accounts (see --help)."),
        };

        if (problem is not null)
        {
            (exitCode, answer) = (UsageError, problem);
            return null;
        }

        return invocation;
    }

    /// <summary>Settings are --Key=VALUE or --Key VALUE, where Key is a host setting or a Section:Key path.</summary>
    private static string? SettingsProblem(string[] settings)
    {
        for (var i = 0; i < settings.Length; i++)
        {
            var argument = settings[i];
            if (!argument.StartsWith("--", StringComparison.Ordinal) || argument.Length == 2)
            {
                return $"Unexpected argument '{argument}': settings are given as --Section:Key=VALUE (see --help).";
            }

            var key = argument[2..];
            if (key.IndexOf('=', StringComparison.Ordinal) is >= 0 and var equals)
            {
                // WebApplicationFactory passes configuration sections this way ("--Cms="): they set nothing.
                if (equals == key.Length - 1 && !key.Contains(':', StringComparison.Ordinal))
                {
                    continue;
                }

                key = key[..equals];
            }
            else if (++i == settings.Length)
            {
                return $"Option '{argument}' needs a value, e.g. {argument}=VALUE.";
            }

            if (!IsKnownSetting(key.Replace("__", ":", StringComparison.Ordinal)))
            {
                return $"Unknown option '--{key}' (see --help for the options; settings are --Section:Key=VALUE).";
            }
        }

        return null;
    }

    private static bool IsKnownSetting(string key) =>
        HostSettings.Contains(key, StringComparer.OrdinalIgnoreCase)
        // OpenTelemetry's standard settings (OTEL_EXPORTER_OTLP_ENDPOINT …), read from the configuration (Hosting/Telemetry.cs).
        || key.StartsWith("OTEL_", StringComparison.OrdinalIgnoreCase)
        || key.Split(':') switch
        {
            [var section, var name, ..] when section.Equals(CmsOptions.Section, StringComparison.OrdinalIgnoreCase) => StartupChecks.IsCmsSetting(name),
            [_, _, ..] => true, // ASP.NET's own sections (Logging, Kestrel, ConnectionStrings …)
            _ => false,
        };
}
