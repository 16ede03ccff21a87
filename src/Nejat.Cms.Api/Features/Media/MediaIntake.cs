using Dapper;
using Nejat.Cms.Api.Hosting;
using Npgsql;

namespace Nejat.Cms.Api.Features.Media;

/// <summary>A file staged under its hash, its sniffed type and, for an image, its size.</summary>
internal sealed record StagedMedia(StagedUpload File, FileType Type, ImageSize? Size);

/// <summary>Why a file was not taken: a short reason (for counts), the problem as a sentence, and whether it was its size (413) rather than its type or content (415).</summary>
internal sealed record MediaRefusal(string Reason, string Problem, bool TooLarge);

/// <summary>The columns of a new media row that do not come from its file.</summary>
internal sealed record NewMediaFields(string? Collection, string? Credit, string? Source, long? CreatedByKey = null, long? CreatedByAccount = null);

/// <summary>
/// The upload pipeline, shared by POST /v1/admin/media and the imports: a file is sniffed for its type
/// (its content decides, not its name), staged and hashed on the way within its kind's size limit
/// (identical bytes are stored once), an image checked within Cms__MaxImagePixels on an image worker,
/// then placed under the stored-file lock in the caller's transaction with its media row. Renditions
/// (EXIF and GPS stripped) are made when first asked for.
/// </summary>
internal sealed class MediaIntake(IMediaStorage storage, ImageWorkers workers, CmsOptions cms)
{
    private const string InsertSql = """
        INSERT INTO media (kind, collection, sha256, content_type, size, width, height, credit, source, created_by_key, created_by_account)
        VALUES (@Kind, @Collection, @Sha256, @ContentType, @Size, @Width, @Height, @Credit, @Source, @CreatedByKey, @CreatedByAccount)
        RETURNING id, version
        """;

    public IMediaStorage Storage => storage;

    /// <summary>The file staged under its hash, or why it is not accepted (nothing is left behind then).</summary>
    public async Task<(StagedMedia? Staged, MediaRefusal? Refusal)> StageAsync(Stream content, CancellationToken ct)
    {
        var head = await FileSniffing.ReadHeadAsync(content, ct);
        if (FileSniffing.Sniff(head.Span) is not { } type)
        {
            return (null, new("not an accepted type",
                "The file is not one of the accepted types (JPEG, PNG, WebP, GIF, PDF, MP4, WebM, MP3); its content decides, not its name. SVG is not accepted.", TooLarge: false));
        }

        var limit = MediaKinds.LimitOf(type.Kind, cms);
        if (await storage.StageAsync(head, content, limit, ct) is not { } staged)
        {
            return (null, new("too large",
                $"The {type.Kind} is larger than {limit} bytes, the most accepted for that kind (Cms__Max{char.ToUpperInvariant(type.Kind[0])}{type.Kind[1..]}Bytes).", TooLarge: true));
        }

        if (type.Kind != MediaKinds.Image)
        {
            return (new(staged, type, null), null);
        }

        ImageSize? size = null;
        string? problem = null;
        await using (var image = storage.OpenStaged(staged))
        {
            await workers.RunAsync(() => (size, problem) = Images.Inspect(image, cms.MaxImagePixels), ct);
        }

        if (problem is not null)
        {
            storage.Discard(staged);
            return (null, new("not an accepted image", problem, TooLarge: false));
        }

        return (new(staged, type, size), null);
    }

    /// <summary>
    /// Places the staged file under its hash, holding the stored-file lock until the caller's transaction ends (so the
    /// sweeper leaves it alone), and inserts its media row. A rollback leaves a file no row names: the sweeper's.
    /// </summary>
    public async Task<(long Id, int Version)> InsertAsync(NpgsqlConnection conn, NpgsqlTransaction tx, StagedMedia staged, NewMediaFields fields, CancellationToken ct)
    {
        await PlaceAsync(conn, tx, staged, ct);
        return await conn.QuerySingleAsync<(long, int)>(new CommandDefinition(InsertSql, new
        {
            staged.Type.Kind,
            fields.Collection,
            staged.File.Sha256,
            staged.Type.ContentType,
            staged.File.Size,
            staged.Size?.Width,
            staged.Size?.Height,
            fields.Credit,
            fields.Source,
            fields.CreatedByKey,
            fields.CreatedByAccount,
        }, tx, cancellationToken: ct));
    }

    /// <summary>Places the staged file under its hash, holding the stored-file lock until the caller's transaction ends.</summary>
    public async Task PlaceAsync(NpgsqlConnection conn, NpgsqlTransaction tx, StagedMedia staged, CancellationToken ct)
    {
        await conn.ExecuteAsync(new CommandDefinition(StoredFileLock.SharedSql, StoredFileLock.Parameters(staged.File.Sha256), tx, cancellationToken: ct));
        storage.Place(staged.File);
    }
}
