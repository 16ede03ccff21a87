using System.Diagnostics;
using Dapper;
using Nejat.Cms.Api.Database;
using Nejat.Cms.Api.Hosting;
using Npgsql;
using NpgsqlTypes;

namespace Nejat.Cms.Api.Import;

/// <summary>
/// <c>import FILE</c>: loads a JSON Lines file in one transaction. A bad line aborts the whole file,
/// so the database is either fully updated or untouched.
/// </summary>
internal static class ImportCommand
{
    private const int ProgressEvery = 10_000;

    public static async Task<int> RunAsync(string[] args, string connectionString, TextWriter? output = null, CmsMetrics? metrics = null, CancellationToken ct = default)
    {
        output ??= Console.Out;
        if (args is not [_, var path, ..])
        {
            await output.WriteLineAsync("Usage: dotnet run --project src/Nejat.Cms.Api -- import FILE.jsonl");
            return 2;
        }

        if (!File.Exists(path))
        {
            // Directories and missing files alike.
            await output.WriteLineAsync($"No such file: {path}");
            return 2;
        }

        var clock = Stopwatch.StartNew();
        try
        {
            var counts = await ImportAsync(path, connectionString, output, ct);
            if (metrics is not null)
            {
                counts.Record(metrics);
            }

            await output.WriteLineAsync($"Imported {path} in {clock.Elapsed.TotalSeconds:0.0} s:");
            foreach (var line in counts.Describe())
            {
                await output.WriteLineAsync("  " + line);
            }

            return 0;
        }
        catch (ImportLineException ex)
        {
            await output.WriteLineAsync($"{path}: {ex.Message}");
            await output.WriteLineAsync("Nothing was imported: the database is unchanged.");
            return 1;
        }
        catch (PostgresException ex)
        {
            // A rule only the database could check (e.g. two stories swapping translation keys).
            await output.WriteLineAsync($"{path}: the database refused the import: {ex.MessageText}{(ex.Detail is { } detail ? $" ({detail})" : "")}");
            await output.WriteLineAsync("Nothing was imported: the database is unchanged.");
            return 1;
        }
    }

    internal static async Task<ImportCounts> ImportAsync(string path, string connectionString, TextWriter output, CancellationToken ct)
    {
        // One connection for one run: not pooled, so nothing idles on the server afterwards. No time limit on
        // its statements: upserting 100,000 posts on a busy machine outlives Npgsql's default 30 s, and a
        // statement cut short only rolls the whole import back.
        await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, CommandTimeout = 0 }.ConnectionString);
        await conn.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(ImportSql.CreateStaging, transaction: tx, cancellationToken: ct));

        var file = await ReadFileAsync(path, conn, output, ct);
        await conn.ExecuteAsync(new CommandDefinition(ImportSql.StageSmallKinds, file.SmallKindsParameters(), tx, cancellationToken: ct));

        var counts = new ImportCounts(file);
        counts.Editions = await UpsertAsync(conn, tx, ImportSql.UpsertEditions, ct);
        await CheckReferenceAsync(conn, tx, ImportSql.ReferenceChecks[0], ct);
        counts.Authors = await UpsertAsync(conn, tx, ImportSql.UpsertAuthors, ct);
        counts.Tags = await UpsertAsync(conn, tx, ImportSql.UpsertTags, ct);
        foreach (var check in ImportSql.ReferenceChecks.Skip(1))
        {
            await CheckReferenceAsync(conn, tx, check, ct);
        }

        await conn.ExecuteAsync(new CommandDefinition(ImportSql.UpsertPosts, transaction: tx, cancellationToken: ct));
        counts.Posts = await UpsertAsync(conn, tx, ImportSql.SyncPostTags, ct);
        counts.Pages = await ImportSiteContent.UpsertPagesAsync(conn, tx, file.Pages, ct);
        counts.Documents = await ImportSiteContent.WriteDocumentsAsync(conn, tx, file.Settings, file.Menus, ct);
        await tx.CommitAsync(ct);

        await conn.ExecuteAsync(new CommandDefinition(ImportSql.Analyse, cancellationToken: ct));
        return counts;
    }

    /// <summary>
    /// Streams posts into the staging table by binary COPY as the file is read; the few editions,
    /// authors and tags are kept for one array insert each. Duplicate natural keys are refused here.
    /// </summary>
    private static async Task<StagedFile> ReadFileAsync(string path, NpgsqlConnection conn, TextWriter output, CancellationToken ct)
    {
        var file = new StagedFile();
        var now = DateTime.UtcNow;
        var postKeys = new Dictionary<(string, string), int>();
        var storyKeys = new Dictionary<(string, string), int>();

        await using var copy = await conn.BeginBinaryImportAsync(ImportSql.CopyPosts, ct);
        // Invalid UTF-8 is an error, not silently replaced text.
        using var reader = new StreamReader(path, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true));
        var lineNumber = 0;
        while (await ReadLineAsync(reader, lineNumber + 1, ct) is { } text)
        {
            lineNumber++;
            if (lineNumber % ProgressEvery == 0)
            {
                await output.WriteLineAsync($"  … {lineNumber:N0} lines read");
            }

            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            switch (ImportLines.Parse(lineNumber, text, now))
            {
                case EditionLine edition:
                    file.Add(file.Editions, edition, edition.Line, $"edition {edition.Code}");
                    break;
                case AuthorLine author:
                    file.Add(file.Authors, author, author.Line, $"author {author.Slug}");
                    break;
                case TagLine tag:
                    file.Add(file.Tags, tag, tag.Line, $"tag {tag.Edition}/{tag.Slug}");
                    break;
                case PageLine page:
                    // Pages and posts share their slugs' namespace.
                    Unique(postKeys, (page.Edition, page.Slug), lineNumber, $"page {page.Edition}/{page.Slug}");
                    file.Pages.Add(page);
                    break;
                case SettingsLine settings:
                    file.Add(file.Settings, settings, settings.Line, $"settings of {settings.Edition}");
                    break;
                case NavigationLine menu:
                    file.Add(file.Menus, menu, menu.Line, $"navigation of {menu.Edition}");
                    break;
                case PostLine post:
                    Unique(postKeys, (post.Edition, post.Slug), lineNumber, $"post {post.Edition}/{post.Slug}");
                    if (post.TranslationKey is { } story)
                    {
                        Unique(storyKeys, (story, post.Edition), lineNumber, $"translationKey '{story}' in edition {post.Edition}");
                    }

                    await WritePostAsync(copy, post, ct);
                    file.PostLines++;
                    file.FutureMadeScheduled += post.FutureMadeScheduled ? 1 : 0;
                    break;
            }
        }

        await copy.CompleteAsync(ct);
        return file;
    }

    private static async Task<string?> ReadLineAsync(StreamReader reader, int lineNumber, CancellationToken ct)
    {
        try
        {
            return await reader.ReadLineAsync(ct);
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw new ImportLineException(lineNumber, "not valid UTF-8 (here or in the next few lines)");
        }
    }

    private static void Unique<TKey>(Dictionary<TKey, int> seen, TKey key, int line, string what) where TKey : notnull
    {
        if (!seen.TryAdd(key, line))
        {
            throw new ImportLineException(line, $"{what} is already defined on line {seen[key]}");
        }
    }

    private static async Task WritePostAsync(NpgsqlBinaryImporter copy, PostLine post, CancellationToken ct)
    {
        await copy.StartRowAsync(ct);
        await copy.WriteAsync(post.Line, NpgsqlDbType.Integer, ct);
        await copy.WriteAsync(post.Edition, NpgsqlDbType.Text, ct);
        await copy.WriteAsync(post.Slug, NpgsqlDbType.Text, ct);
        await copy.WriteAsync(post.Status, NpgsqlDbType.Text, ct);
        await copy.WriteOrNullAsync(post.PublishedAt, NpgsqlDbType.TimestampTz, ct);
        await copy.WriteAsync(post.Title, NpgsqlDbType.Text, ct);
        await copy.WriteAsync(post.Excerpt, NpgsqlDbType.Text, ct);
        await copy.WriteAsync(post.BodyHtml, NpgsqlDbType.Text, ct);
        await copy.WriteOrNullAsync(post.Byline, NpgsqlDbType.Text, ct);
        await copy.WriteOrNullAsync(post.Author, NpgsqlDbType.Text, ct);
        await copy.WriteAsync(post.Tags, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
        await copy.WriteOrNullAsync(post.TranslationKey, NpgsqlDbType.Text, ct);
    }


    private static async Task<(long Inserted, long Updated)> UpsertAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, CancellationToken ct) =>
        await conn.QuerySingleAsync<(long, long)>(new CommandDefinition(sql, transaction: tx, cancellationToken: ct));

    private static async Task CheckReferenceAsync(NpgsqlConnection conn, NpgsqlTransaction tx, (string Sql, string Problem) check, CancellationToken ct)
    {
        var bad = await conn.QuerySingleOrDefaultAsync<(int Line, string Value)?>(
            new CommandDefinition(check.Sql, transaction: tx, cancellationToken: ct));
        if (bad is { } found)
        {
            throw new ImportLineException(found.Line, string.Format(System.Globalization.CultureInfo.InvariantCulture, check.Problem, found.Value));
        }
    }

    /// <summary>What was read: the small kinds in full, posts only as counts (they went to COPY).</summary>
    internal sealed class StagedFile
    {
        private readonly Dictionary<string, int> _keys = new(StringComparer.Ordinal);

        public List<EditionLine> Editions { get; } = [];
        public List<AuthorLine> Authors { get; } = [];
        public List<TagLine> Tags { get; } = [];
        public List<PageLine> Pages { get; } = [];
        public List<SettingsLine> Settings { get; } = [];
        public List<NavigationLine> Menus { get; } = [];
        public int PostLines { get; set; }
        public int FutureMadeScheduled { get; set; }

        // what: the kind and natural key, e.g. "tag fa/حقوق-بشر", which must be unique within the file.
        public void Add<T>(List<T> list, T line, int lineNumber, string what)
        {
            Unique(_keys, what, lineNumber, what);
            list.Add(line);
        }

        public object SmallKindsParameters() => new
        {
            EditionLines = Editions.Select(e => e.Line).ToArray(),
            EditionCodes = Editions.Select(e => e.Code).ToArray(),
            EditionNames = Editions.Select(e => e.Name).ToArray(),
            EditionDirections = Editions.Select(e => e.Direction).ToArray(),
            EditionLocales = Editions.Select(e => e.Locale).ToArray(),
            EditionTimeZones = Editions.Select(e => e.TimeZone).ToArray(),
            AuthorLines = Authors.Select(a => a.Line).ToArray(),
            AuthorSlugs = Authors.Select(a => a.Slug).ToArray(),
            AuthorNames = Authors.Select(a => a.Name).ToArray(),
            TagLines = Tags.Select(t => t.Line).ToArray(),
            TagEditions = Tags.Select(t => t.Edition).ToArray(),
            TagSlugs = Tags.Select(t => t.Slug).ToArray(),
            TagNames = Tags.Select(t => t.Name).ToArray(),
        };
    }

    internal sealed class ImportCounts(StagedFile file)
    {
        public (long Inserted, long Updated) Editions { get; set; }
        public (long Inserted, long Updated) Authors { get; set; }
        public (long Inserted, long Updated) Tags { get; set; }
        public (long Inserted, long Updated) Posts { get; set; }
        public (long Inserted, long Updated) Pages { get; set; }
        /// <summary>Settings and menus changed (each replaces the edition's whole document).</summary>
        public int Documents { get; set; }

        public IEnumerable<string> Describe()
        {
            yield return Line("editions", file.Editions.Count, Editions);
            yield return Line("authors", file.Authors.Count, Authors);
            yield return Line("tags", file.Tags.Count, Tags);
            yield return Line("posts", file.PostLines, Posts);
            yield return Line("pages", file.Pages.Count, Pages);
            yield return $"settings and menus: {file.Settings.Count + file.Menus.Count:N0} lines, {Documents:N0} changed";
            if (file.FutureMadeScheduled > 0)
            {
                yield return $"{file.FutureMadeScheduled:N0} post(s) marked published but dated in the future were stored as scheduled.";
            }
        }

        public void Record(CmsMetrics metrics)
        {
            foreach (var (kind, result) in new[] { ("edition", Editions), ("author", Authors), ("tag", Tags), ("post", Posts), ("page", Pages) })
            {
                metrics.Imported("jsonl", kind, result.Inserted + result.Updated);
            }

            metrics.Imported("jsonl", "document", Documents);
        }

        private static string Line(string kind, int lines, (long Inserted, long Updated) result) =>
            $"{kind,-9} {lines,8:N0} lines: {result.Inserted:N0} new, {result.Updated:N0} changed, {lines - result.Inserted - result.Updated:N0} unchanged";
    }
}
