using System.Diagnostics;
using System.Net;
using System.Xml;
using Dapper;
using Nejat.Cms.Api.Features.Media;
using Nejat.Cms.Api.Hosting;
using Npgsql;

namespace Nejat.Cms.Api.Import.WordPress;

/// <summary>What the command line asked for.</summary>
internal sealed record WordPressImportOptions(IReadOnlyList<ImportFile> Files, bool DryRun, bool Overwrite, bool AllowSkips);

/// <summary>
/// <c>import-wordpress [--edition E] [--uploads DIR] [--dry-run] [--overwrite] [--allow-skips] FILE...</c>:
/// moves WordPress exports in. Media first, each attachment committed on its own (what is stored stays
/// and is reused by the next run); then all other content in one transaction, so a failure leaves none
/// of it half-written. A dry run does all the reading and checking, rolls the content back and stores
/// no media. The exit code is 1 when anything was skipped (or left alone because an editor changed it)
/// unless --allow-skips, 1 when the files cannot be read (nothing written), 2 for a usage error.
/// </summary>
internal static class WordPressImportCommand
{
    public const string Name = "import-wordpress";

    private const string Usage = """
        Usage: dotnet run --project src/Nejat.Cms.Api -- import-wordpress [--edition E] [--uploads DIR] [--dry-run] [--overwrite] [--allow-skips] FILE...
          --edition E    the edition of items without a Polylang language (for the files after it; given once, for all files)
          --uploads DIR  a copy of the site's wp-content/uploads, read before fetching attachment URLs (likewise)
          --dry-run      read, convert and check everything, write nothing, print the report
          --overwrite    replace what editors changed in Nejat CMS since the last import (and bring back what they deleted)
          --allow-skips  exit 0 even when something was skipped
        """;

    /// <summary>The arguments of the command line that are settings (--Cms:DataDir=… and the like), for the host's configuration.</summary>
    public static string[] Settings(string[] args) =>
        args.Where(a => a.StartsWith("--Cms:", StringComparison.Ordinal) || a.StartsWith("--ConnectionStrings:", StringComparison.Ordinal)).ToArray();

    public static async Task<int> RunAsync(string[] args, string connectionString, IConfiguration configuration, TextWriter? output = null,
        HttpMessageHandler? fetcher = null, CmsMetrics? metrics = null, CancellationToken ct = default)
    {
        output ??= Console.Out;
        if (Parse(args.Skip(1).Except(Settings(args)).ToArray()) is not { } options)
        {
            await output.WriteLineAsync(Usage);
            return 2;
        }

        if (options.Files.FirstOrDefault(f => !File.Exists(f.Path)) is { } missing)
        {
            await output.WriteLineAsync($"No such file: {missing.Path}");
            return 2;
        }

        if (options.Files.FirstOrDefault(f => f.Uploads is not null && !Directory.Exists(f.Uploads)) is { } noUploads)
        {
            await output.WriteLineAsync($"No such directory: {noUploads.Uploads}");
            return 2;
        }

        var cms = configuration.GetSection(CmsOptions.Section).Get<CmsOptions>() ?? new CmsOptions();
        // A relative data directory is the program's, as for the service (Program.cs sets the content root).
        cms.DataDir = Path.GetFullPath(cms.DataDir, configuration[HostDefaults.ContentRootKey] ?? AppContext.BaseDirectory);
        var clock = Stopwatch.StartNew();
        try
        {
            var report = await ImportAsync(options, connectionString, cms, output, fetcher, ct);
            if (metrics is not null && !options.DryRun)
            {
                report.Record(metrics);
            }

            foreach (var line in report.Lines(clock.Elapsed, options.DryRun))
            {
                await output.WriteLineAsync(line);
            }

            if (report.HasSkips && !options.AllowSkips)
            {
                await output.WriteLineAsync("Something was skipped (see above): exit code 1. --allow-skips accepts that.");
                return 1;
            }

            return 0;
        }
        catch (Exception ex) when (ex is XmlException or WxrFormatException or UnknownEditionException)
        {
            await output.WriteLineAsync(ex.Message);
            await output.WriteLineAsync("Nothing was imported: the database is unchanged.");
            return 1;
        }
        catch (PostgresException ex)
        {
            await output.WriteLineAsync($"The database refused the import: {ex.MessageText}{(ex.Detail is { } detail ? $" ({detail})" : "")}");
            await output.WriteLineAsync("None of the content was imported; media stored before the failure are kept and reused next time.");
            return 1;
        }
    }

    private static async Task<WordPressReport> ImportAsync(
        WordPressImportOptions options, string connectionString, CmsOptions cms, TextWriter output, HttpMessageHandler? fetcher, CancellationToken ct)
    {
        var report = new WordPressReport();
        var steps = new Steps(output);
        var index = new WordPressIndex();
        foreach (var file in options.Files)
        {
            await output.WriteLineAsync($"Reading {file.Path} …");
            try
            {
                index.Read(file, report);
            }
            catch (Exception ex) when (ex is XmlException or WxrFormatException)
            {
                throw new WxrFormatException($"{file.Path}: {ex.Message}");
            }
        }

        // One connection for the content, unpooled and with no statement time limit (as the JSON Lines import);
        // a small pool for the media, which are stored a few at a time.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 };
        await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(builder.ConnectionString) { Pooling = false }.ConnectionString);
        await conn.OpenAsync(ct);
        var editions = (await conn.QueryAsync<string>(new CommandDefinition("SELECT code FROM editions", cancellationToken: ct))).ToHashSet(StringComparer.Ordinal);
        if (options.Files.Select(f => f.Edition).OfType<string>().FirstOrDefault(e => !editions.Contains(e)) is { } unknown)
        {
            throw new UnknownEditionException($"There is no edition '{unknown}' (there are {string.Join(", ", editions.Order(StringComparer.Ordinal))}).");
        }

        index.AssignEditions(editions, report);
        steps.Done("read");
        foreach (var entry in index.Items.Where(e => e.Skip is not null))
        {
            report.Skip(entry.Describe(), entry.Skip!);
        }

        await using var mediaDb = new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(builder.ConnectionString) { MaxPoolSize = 4 }.ConnectionString).Build();
        using var http = new HttpClient(fetcher ?? new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.All,
            ConnectTimeout = TimeSpan.FromSeconds(15),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        }, disposeHandler: fetcher is null) { Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("NejatCms-WordPressImport/1.0");
        var settings = Microsoft.Extensions.Options.Options.Create(cms);
        using var workers = new ImageWorkers(settings);
        var media = await new WordPressMedia(cms, new LocalMediaStorage(cms.DataDir), workers, mediaDb, http, options.DryRun, options.Overwrite, report, output)
            .ImportAsync(index, ct);
        steps.Done("media");

        await using (var tx = await conn.BeginTransactionAsync(ct))
        {
            await new WordPressContent(options, cms, index, media, report, output, steps).WriteAsync(conn, tx, ct);
            if (options.DryRun)
            {
                await tx.RollbackAsync(ct);
                return report;
            }

            await tx.CommitAsync(ct);
            steps.Done("committed");
        }

        await conn.ExecuteAsync(new CommandDefinition(WordPressSql.Analyse, cancellationToken: ct));
        steps.Done("statistics refreshed");
        return report;
    }

    /// <summary>
    /// The options, or null for a usage error. --edition and --uploads apply to the files after them;
    /// files before the first of them take that first one (so one given once is for all files).
    /// </summary>
    internal static WordPressImportOptions? Parse(string[] args)
    {
        string? edition = null, uploads = null;
        bool dryRun = false, overwrite = false, allowSkips = false;
        var files = new List<ImportFile>();
        var editions = new List<string>();
        var uploadDirectories = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--edition" when i + 1 < args.Length:
                    edition = args[++i];
                    editions.Add(edition);
                    break;
                case "--uploads" when i + 1 < args.Length:
                    uploads = args[++i];
                    uploadDirectories.Add(uploads);
                    break;
                case "--dry-run": dryRun = true; break;
                case "--overwrite": overwrite = true; break;
                case "--allow-skips": allowSkips = true; break;
                case var file when !file.StartsWith("--", StringComparison.Ordinal):
                    files.Add(new ImportFile(file, edition, uploads));
                    break;
                default:
                    return null;
            }
        }

        if (files.Count == 0)
        {
            return null;
        }

        // Files before the first --edition (or --uploads) take the first one.
        return new WordPressImportOptions(
            files.Select(f => f with { Edition = f.Edition ?? editions.FirstOrDefault(), Uploads = f.Uploads ?? uploadDirectories.FirstOrDefault() }).ToArray(),
            dryRun, overwrite, allowSkips);
    }
}

/// <summary>--edition names no edition.</summary>
internal sealed class UnknownEditionException(string message) : Exception(message);
