using System.Globalization;
using System.Threading.Channels;
using SkiaSharp;

namespace Nejat.Cms.Api.Features.Media;

/// <summary>
/// Makes image renditions: in the background after an upload, so the upload answers at once, and
/// on demand when one is asked for before the background got to it. A lock per file (striped over
/// 64 semaphores) makes each rendition once; a rendition is saved atomically, so it is never served half-written.
/// </summary>
internal sealed partial class Renditions(IMediaStorage storage, ILogger<Renditions> logger) : BackgroundService
{
    private readonly Channel<(string Sha256, string ContentType, int Width)> _work =
        Channel.CreateUnbounded<(string, string, int)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly SemaphoreSlim[] _locks = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public void Enqueue(AdminMedia media)
    {
        if (media is { Sha256: { } sha256, ContentType: { } contentType, Width: { } width })
        {
            _work.Writer.TryWrite((sha256, contentType, width));
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (sha256, contentType, width) in _work.Reader.ReadAllAsync(stoppingToken))
        {
            var type = FileSniffing.OfContentType(contentType)!;
            foreach (var format in FormatsOf(type))
            {
                foreach (var renditionWidth in MediaUrls.WidthsFor(width))
                {
                    try
                    {
                        await using var made = await OpenAsync(sha256, renditionWidth, format, stoppingToken);
                    }
                    catch (Exception ex) when (ex is IOException or InvalidDataException)
                    {
                        LogFailed(ex, sha256, renditionWidth, format.Extension);
                    }
                }
            }
        }
    }

    /// <summary>The formats an image is served in: its own and WebP.</summary>
    public static FileType[] FormatsOf(FileType type) => type == FileSniffing.WebP ? [type] : [type, FileSniffing.WebP];

    /// <summary>The rendition, made now if it does not exist yet; null when the stored file is gone.</summary>
    public async Task<Stream?> OpenAsync(string sha256, int width, FileType format, CancellationToken ct)
    {
        var name = $"{width.ToString(CultureInfo.InvariantCulture)}.{format.Extension}";
        if (storage.OpenRendition(sha256, name) is { } ready)
        {
            return ready;
        }

        var gate = _locks[int.Parse(sha256.AsSpan(0, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture) % _locks.Length];
        await gate.WaitAsync(ct);
        try
        {
            if (storage.OpenRendition(sha256, name) is { } madeMeanwhile)
            {
                return madeMeanwhile;
            }

            await using (var original = storage.OpenRead(sha256))
            {
                if (original is null)
                {
                    return null;
                }

                var encoded = Images.Render(original, width, format.Extension switch
                {
                    "jpg" => SKEncodedImageFormat.Jpeg,
                    "png" => SKEncodedImageFormat.Png,
                    _ => SKEncodedImageFormat.Webp,
                });
                await storage.SaveRenditionAsync(sha256, name, encoded, ct);
            }

            return storage.OpenRendition(sha256, name);
        }
        finally
        {
            gate.Release();
        }
    }

    public override void Dispose()
    {
        foreach (var gate in _locks)
        {
            gate.Dispose();
        }

        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not make rendition {Width}.{Extension} of {Sha256}; it is made when first asked for.")]
    private partial void LogFailed(Exception exception, string sha256, int width, string extension);
}
