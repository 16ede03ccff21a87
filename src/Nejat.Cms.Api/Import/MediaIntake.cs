using Dapper;
using Nejat.Cms.Api.Features.Media;
using Nejat.Cms.Api.Hosting;
using Npgsql;

namespace Nejat.Cms.Api.Import;

/// <summary>A file staged under its hash, its sniffed type and, for an image, its size.</summary>
internal sealed record StagedMedia(StagedUpload File, FileType Type, ImageSize? Size);

/// <summary>Why a file was not taken: a short reason (for counts) and the problem, phrased for the person fixing it.</summary>
internal sealed record MediaRefusal(string Reason, string Problem);

/// <summary>
/// The upload pipeline without HTTP, for the imports: a file is sniffed for its type, staged and hashed on
/// the way (identical bytes are stored once), an image checked within Cms__MaxImagePixels on an image
/// worker, then placed under the stored-file lock in the caller's transaction, as an upload is. Renditions
/// (EXIF and GPS stripped) are made by the service when first asked for.
/// </summary>
internal sealed class MediaIntake(CmsOptions cms) : IDisposable
{
    private const string InsertSql = """
        INSERT INTO media (kind, collection, sha256, content_type, size, width, height, credit, source)
        VALUES (@Kind, @Collection, @Sha256, @ContentType, @Size, @Width, @Height, @Credit, @Source)
        RETURNING id, version
        """;

    private readonly ImageWorkers _workers = new(Microsoft.Extensions.Options.Options.Create(cms));

    public IMediaStorage Storage { get; } = new LocalMediaStorage(cms.DataDir);

    /// <summary>The service's media settings; a relative data directory is the program's, as for the service (Program.cs sets the content root).</summary>
    public static CmsOptions OptionsOf(IConfiguration configuration)
    {
        var cms = configuration.GetSection(CmsOptions.Section).Get<CmsOptions>() ?? new CmsOptions();
        cms.DataDir = Path.GetFullPath(cms.DataDir, configuration[HostDefaults.ContentRootKey] ?? AppContext.BaseDirectory);
        return cms;
    }

    /// <summary>The file staged under its hash, or why it is not accepted (nothing is left behind then).</summary>
    public async Task<(StagedMedia? Staged, MediaRefusal? Refusal)> StageAsync(Stream content, CancellationToken ct)
    {
        var head = await FileSniffing.ReadHeadAsync(content, ct);
        if (FileSniffing.Sniff(head.Span) is not { } type)
        {
            return (null, new("not an accepted type", "its file is not one of the accepted types (JPEG, PNG, WebP, GIF, PDF, MP4, WebM, MP3)"));
        }

        var limit = MediaKinds.LimitOf(type.Kind, cms);
        if (await Storage.StageAsync(head, content, limit, ct) is not { } staged)
        {
            return (null, new("too large", $"its file is larger than {limit:N0} bytes, the most accepted for a {type.Kind}"));
        }

        if (type.Kind != MediaKinds.Image)
        {
            return (new(staged, type, null), null);
        }

        ImageSize? size = null;
        string? problem = null;
        await using (var image = Storage.OpenStaged(staged))
        {
            await _workers.RunAsync(() => (size, problem) = Images.Inspect(image, cms.MaxImagePixels), ct);
        }

        if (problem is not null)
        {
            Storage.Discard(staged);
            return (null, new("not an accepted image", problem));
        }

        return (new(staged, type, size), null);
    }

    /// <summary>
    /// Places the staged file under its hash, holding the stored-file lock until the caller's transaction ends (so the
    /// sweeper leaves it alone), and inserts its media row. A rollback leaves a file no row names: the sweeper's.
    /// </summary>
    public async Task<(long Id, int Version)> InsertAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, StagedMedia staged, string? collection, string? credit, string? source, CancellationToken ct)
    {
        await PlaceAsync(conn, tx, staged, ct);
        return await conn.QuerySingleAsync<(long, int)>(new CommandDefinition(InsertSql, new
        {
            staged.Type.Kind,
            Collection = collection,
            staged.File.Sha256,
            staged.Type.ContentType,
            staged.File.Size,
            staged.Size?.Width,
            staged.Size?.Height,
            Credit = credit,
            Source = source,
        }, tx, cancellationToken: ct));
    }

    /// <summary>Places the staged file under its hash, holding the stored-file lock until the caller's transaction ends.</summary>
    public async Task PlaceAsync(NpgsqlConnection conn, NpgsqlTransaction tx, StagedMedia staged, CancellationToken ct)
    {
        await conn.ExecuteAsync(new CommandDefinition(StoredFileLock.SharedSql, StoredFileLock.Parameters(staged.File.Sha256), tx, cancellationToken: ct));
        Storage.Place(staged.File);
    }

    public void Dispose() => _workers.Dispose();
}
