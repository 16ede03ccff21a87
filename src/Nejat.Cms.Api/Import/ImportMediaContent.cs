using System.Security.Cryptography;
using Dapper;
using Nejat.Cms.Api.Features.Galleries;
using Nejat.Cms.Api.Features.Media;
using Npgsql;

namespace Nejat.Cms.Api.Import;

/// <summary>
/// Writes the import's media and galleries, before its posts and pages (which feature media by key). A media
/// line's file goes through the upload pipeline (<see cref="MediaIntake"/>) and its description through the
/// admin API's checks; its key finds the item again, so a second run stores nothing twice and writes only what
/// changed. They are few, so each is a few statements.
/// </summary>
internal static class ImportMediaContent
{
    private const string ReplaceFileSql = """
        UPDATE media SET kind = @Kind, sha256 = @Sha256, content_type = @ContentType, size = @Size, width = @Width, height = @Height
        WHERE id = @Id
        """;

    /// <summary>The media item a key names (imported by this file or an earlier one), or null.</summary>
    public static Task<long?> MediaOfKeyAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string key, CancellationToken ct) =>
        conn.QuerySingleOrDefaultAsync<long?>(new CommandDefinition("SELECT media_id FROM imported_media WHERE key = @Key", new { Key = key }, tx, cancellationToken: ct));

    public static async Task<(long Inserted, long Updated)> WriteMediaAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, MediaIntake intake, string folder, IEnumerable<MediaLine> lines, CancellationToken ct)
    {
        var (inserted, updated) = (0L, 0L);
        foreach (var line in lines)
        {
            var path = FileOf(line, folder);
            var texts = MediaDescriptions.Normalised(line.Description.Translations);
            if ((await MediaDescriptions.CheckAsync(conn, tx, line.Description, texts, ct)).FirstOrDefault() is { Key: { } field, Value: [var problem, ..] })
            {
                throw new ImportLineException(line.Line, $"{field}: {problem}");
            }

            var (collection, credit, source) = (MediaDescriptions.Blank(line.Description.Collection), MediaDescriptions.Blank(line.Description.Credit), MediaDescriptions.Blank(line.Description.Source));
            var existing = await MediaOfKeyAsync(conn, tx, line.Key, ct) is { } keyed ? await AdminMediaQueries.GetAsync(conn, tx, keyed, ct, forUpdate: true) : null;
            if (existing is null)
            {
                var staged = await StageAsync(intake, line, path, ct);
                var (id, _) = await intake.InsertAsync(conn, tx, staged, new NewMediaFields(collection, credit, source), ct);
                await conn.ExecuteAsync(new CommandDefinition("INSERT INTO imported_media (key, media_id) VALUES (@Key, @Id)", new { line.Key, Id = id }, tx, cancellationToken: ct));
                await MediaDescriptions.ReplaceTextsAsync(conn, tx, id, texts, ct);
                inserted++;
                continue;
            }

            var changed = false;
            if (existing.Sha256 != await HashAsync(path, ct))
            {
                var staged = await StageAsync(intake, line, path, ct);
                await intake.PlaceAsync(conn, tx, staged, ct);
                await conn.ExecuteAsync(new CommandDefinition(ReplaceFileSql, new
                {
                    existing.Id,
                    staged.Type.Kind,
                    staged.File.Sha256,
                    staged.Type.ContentType,
                    staged.File.Size,
                    staged.Size?.Width,
                    staged.Size?.Height,
                }, tx, cancellationToken: ct));
                changed = true;
            }

            var stored = existing.Translations;
            var textsChanged = stored.Count != texts.Count || texts.Any(t => !stored.TryGetValue(t.Key, out var had) || had != t.Value);
            if (textsChanged)
            {
                await MediaDescriptions.ReplaceTextsAsync(conn, tx, existing.Id, texts, ct);
            }

            if (changed || textsChanged || (existing.Collection, existing.Credit, existing.Source) != (collection, credit, source))
            {
                await MediaDescriptions.DescribeAsync(conn, tx, existing.Id, collection, credit, source, ct);
                updated++;
            }
        }

        return (inserted, updated);
    }

    public static async Task<(long Inserted, long Updated)> WriteGalleriesAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IEnumerable<GalleryLine> lines, CancellationToken ct)
    {
        var (inserted, updated) = (0L, 0L);
        var editions = (await conn.QueryAsync<string>(new CommandDefinition("SELECT code FROM editions", transaction: tx, cancellationToken: ct))).ToHashSet(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            if (line.Titles.Keys.FirstOrDefault(e => !editions.Contains(e)) is { } unknown)
            {
                throw new ImportLineException(line.Line, $"titles.{unknown}: there is no edition '{unknown}'");
            }

            var mediaIds = new long[line.Media.Length];
            for (var i = 0; i < mediaIds.Length; i++)
            {
                mediaIds[i] = await MediaOfKeyAsync(conn, tx, line.Media[i], ct)
                    ?? throw new ImportLineException(line.Line, $"media: unknown media '{line.Media[i]}' (add a media line with that key, in this file or before)");
            }

            var existing = await GalleryQueries.GetBySlugAsync(conn, tx, line.Slug, ct, forUpdate: true);
            if (existing is not null && existing.MediaIds.SequenceEqual(mediaIds) && existing.TitleEditions.Length == line.Titles.Count
                && existing.TitleEditions.Zip(existing.TitleTexts).All(t => line.Titles.GetValueOrDefault(t.First) == t.Second))
            {
                continue;
            }

            await GalleryQueries.SaveAsync(conn, tx, existing?.Id, line.Slug, line.Titles, mediaIds, ct);
            (inserted, updated) = existing is null ? (inserted + 1, updated) : (inserted, updated + 1);
        }

        return (inserted, updated);
    }

    /// <summary>The line's file within the import file's folder; a link anywhere below the folder (file or folder) is refused, as it could lead out.</summary>
    private static string FileOf(MediaLine line, string folder)
    {
        var root = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var path = Path.GetFullPath(Path.Combine(root, line.File));
        if (!path.StartsWith(root, StringComparison.Ordinal) || LinksBelow(root, path))
        {
            throw new ImportLineException(line.Line, $"file '{line.File}' leaves the import file's folder");
        }

        return File.Exists(path) ? path
            : throw new ImportLineException(line.Line, $"file '{line.File}' does not exist (paths are relative to the import file's folder)");
    }

    /// <summary>Whether the file or a folder between it and <paramref name="root"/> is a symbolic link.</summary>
    private static bool LinksBelow(string root, string path)
    {
        for (var step = path; step.Length > root.Length; step = Path.GetDirectoryName(step)!)
        {
            if (new FileInfo(step).LinkTarget is not null)
            {
                return true;
            }
        }

        return false;
    }

    private static async Task<StagedMedia> StageAsync(MediaIntake intake, MediaLine line, string path, CancellationToken ct)
    {
        await using var content = File.OpenRead(path);
        var (staged, refusal) = await intake.StageAsync(content, ct);
        return staged ?? throw new ImportLineException(line.Line, $"file '{line.File}': {refusal!.Problem}");
    }

    private static async Task<string> HashAsync(string path, CancellationToken ct)
    {
        await using var content = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(content, ct));
    }
}
