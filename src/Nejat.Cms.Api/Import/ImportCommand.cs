using System.Diagnostics;
using Dapper;
using Nejat.Cms.Api.Database;
using Nejat.Cms.Api.Hosting;
using Npgsql;
using NpgsqlTypes;

namespace Nejat.Cms.Api.Import;

/// <summary>
/// <c>import FILE</c>: loads a JSON Lines file in one transaction. A bad line aborts the whole file,
/// so the database is either fully updated or untouched (a media file stored before the bad line was
/// found is named by no row, and the media sweeper removes it).
/// </summary>
internal static partial class ImportCommand
{
    private const int ProgressEvery = 10_000;

    public static async Task<int> RunAsync(
        string[] args, string connectionString, IConfiguration configuration, TextWriter? output = null, CmsMetrics? metrics = null, CancellationToken ct = default)
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
            var counts = await ImportAsync(path, connectionString, CommandMedia.OptionsOf(configuration), output, ct);
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

    private static async Task<ImportCounts> ImportAsync(string path, string connectionString, CmsOptions cms, TextWriter output, CancellationToken ct)
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
        if (file.Media.Count > 0)
        {
            using var media = new CommandMedia(cms);
            counts.Media = await ImportMediaContent.WriteMediaAsync(conn, tx, media.Intake, Path.GetDirectoryName(Path.GetFullPath(path))!, file.Media, ct);
        }

        counts.Galleries = await ImportMediaContent.WriteGalleriesAsync(conn, tx, file.Galleries, ct);
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
                case MediaLine media:
                    file.Add(file.Media, media, media.Line, $"media {media.Key}");
                    break;
                case GalleryLine gallery:
                    file.Add(file.Galleries, gallery, gallery.Line, $"gallery {gallery.Slug}");
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
        await copy.WriteOrNullAsync(post.FeaturedMedia, NpgsqlDbType.Text, ct);
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
}
