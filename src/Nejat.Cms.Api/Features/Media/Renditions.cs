using System.Globalization;
using System.Threading.Channels;
using Nejat.Cms.Api.Hosting;
using SkiaSharp;

namespace Nejat.Cms.Api.Features.Media;

/// <summary>
/// Makes image renditions: in the background after an upload, so the upload answers at once, and
/// on demand when one is asked for before the background got to it. A lock per file (striped over
/// 64 semaphores) makes each rendition once, and each waits for one of the <see cref="ImageWorkers"/>,
/// so images are decoded a few at a time however many are asked for. The formats of one width come
/// from one decode; the full-size one in the image's own format is its bytes without metadata when it
/// needs no turning. A rendition is written straight to a temporary file and moved into place, so it
/// is never served half-written.
/// </summary>
internal sealed partial class Renditions(IMediaStorage storage, ImageWorkers workers, CmsMetrics metrics, ILogger<Renditions> logger) : BackgroundService
{
    private readonly Channel<StoredImage> _work = Channel.CreateUnbounded<StoredImage>(new UnboundedChannelOptions { SingleReader = true });

    private readonly SemaphoreSlim[] _locks = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public void Enqueue(AdminMedia media)
    {
        if (media is { Sha256: { } sha256, ContentType: { } contentType, Width: { } width, Height: { } height })
        {
            _work.Writer.TryWrite(new StoredImage(sha256, FileSniffing.OfContentType(contentType)!, width, height));
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var image in _work.Reader.ReadAllAsync(stoppingToken))
        {
            foreach (var width in MediaUrls.WidthsFor(image.Width))
            {
                await MakeAsync(image, width, stoppingToken);
            }
        }
    }

    /// <summary>
    /// The rendition, made now if it does not exist yet (with its other formats at that width: one decode for
    /// both); null when the stored file is gone or cannot be rendered (logged).
    /// </summary>
    public async Task<Stream?> OpenAsync(StoredImage image, int width, FileType format, CancellationToken ct)
    {
        if (storage.OpenRendition(image.Sha256, NameOf(width, format)) is { } ready)
        {
            return ready;
        }

        await MakeAsync(image, width, ct);
        return storage.OpenRendition(image.Sha256, NameOf(width, format));
    }

    /// <summary>Makes the renditions of this width, in each of its formats, that do not exist yet.</summary>
    private async Task MakeAsync(StoredImage image, int width, CancellationToken ct)
    {
        var gate = _locks[int.Parse(image.Sha256.AsSpan(0, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture) % _locks.Length];
        await gate.WaitAsync(ct);
        try
        {
            var missing = MediaUrls.FormatsAt(image.Type, image.Width, image.Height, width)
                .Where(format => !storage.RenditionExists(image.Sha256, NameOf(width, format))).ToArray();
            if (missing.Length > 0)
            {
                await workers.RunAsync(() => Make(image, width, missing), ct);
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            LogFailed(ex, image.Sha256, width);
        }
        finally
        {
            gate.Release();
        }
    }

    private void Make(StoredImage image, int width, FileType[] formats)
    {
        using var original = storage.OpenRead(image.Sha256);
        if (original is null)
        {
            return;
        }

        SKBitmap? rendered = null;
        try
        {
            foreach (var format in formats)
            {
                var saved = storage.SaveRendition(image.Sha256, NameOf(width, format), output =>
                    (format == image.Type && width == image.Width && Images.TryCopyWithoutMetadata(original, format, output))
                    || Images.Encode(rendered ??= Images.Render(original, width), EncodedFormat(format), output));
                if (!saved)
                {
                    throw new InvalidDataException($"The {format.Extension} encoder failed.");
                }

                metrics.RenditionMade(format.Extension);
            }
        }
        finally
        {
            rendered?.Dispose();
        }
    }

    private static string NameOf(int width, FileType format) => $"{width.ToString(CultureInfo.InvariantCulture)}.{format.Extension}";

    private static SKEncodedImageFormat EncodedFormat(FileType format) => format.Extension switch
    {
        "jpg" => SKEncodedImageFormat.Jpeg,
        "png" => SKEncodedImageFormat.Png,
        _ => SKEncodedImageFormat.Webp,
    };

    public override void Dispose()
    {
        foreach (var gate in _locks)
        {
            gate.Dispose();
        }

        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not make the renditions {Width} pixels wide of {Sha256}.")]
    private partial void LogFailed(Exception exception, string sha256, int width);
}

/// <summary>A stored image: its hash, type and displayed size.</summary>
internal sealed record StoredImage(string Sha256, FileType Type, int Width, int Height);
