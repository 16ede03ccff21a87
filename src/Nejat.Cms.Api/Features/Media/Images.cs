using SkiaSharp;

namespace Nejat.Cms.Api.Features.Media;

/// <summary>An image's size as displayed (EXIF orientation applied).</summary>
internal readonly record struct ImageSize(int Width, int Height);

/// <summary>
/// Image decoding and re-encoding with SkiaSharp. Re-encoding writes pixels only, so EXIF (GPS
/// included), XMP and other metadata never reach what is served.
/// </summary>
internal static class Images
{
    /// <summary>The image's displayed size, or a reason it is refused: unreadable, incomplete or too large to decode.</summary>
    public static (ImageSize? Size, string? Problem) Inspect(Stream content, long maxPixels)
    {
        using var codec = SKCodec.Create(new SKManagedStream(content, disposeManagedStream: false), out var result);
        if (codec is null)
        {
            return (null, $"The file is not a readable image ({result}).");
        }

        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if ((long)width * height > maxPixels)
        {
            return (null, $"The image is {width}×{height} pixels; at most {maxPixels} pixels are accepted (Cms__MaxImagePixels).");
        }

        // Decoding it all (scaled down where the format allows) proves the file is complete.
        var scaled = codec.GetScaledDimensions(Math.Min(1f, 256f / Math.Max(width, height)));
        var info = new SKImageInfo(scaled.Width, scaled.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var bitmap = new SKBitmap(info);
        var decoded = codec.GetPixels(info, bitmap.GetPixels());
        if (decoded != SKCodecResult.Success)
        {
            return (null, decoded == SKCodecResult.IncompleteInput ? "The image is truncated." : $"The image cannot be decoded ({decoded}).");
        }

        return (Swaps(codec.EncodedOrigin) ? new ImageSize(height, width) : new ImageSize(width, height), null);
    }

    /// <summary>The image upright, <paramref name="width"/> pixels wide, in <paramref name="format"/>, without metadata.</summary>
    public static byte[] Render(Stream original, int width, SKEncodedImageFormat format)
    {
        using var codec = SKCodec.Create(new SKManagedStream(original, disposeManagedStream: false))
            ?? throw new InvalidDataException("The stored image cannot be decoded.");
        using var decoded = SKBitmap.Decode(codec, codec.Info.WithColorType(SKColorType.Rgba8888).WithAlphaType(SKAlphaType.Premul))
            ?? throw new InvalidDataException("The stored image cannot be decoded.");
        using var upright = Upright(decoded, codec.EncodedOrigin);
        var height = Math.Max(1, (int)Math.Round((double)upright.Height * width / upright.Width));
        using var resized = width == upright.Width ? upright.Copy() : upright.Resize(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul), new SKSamplingOptions(SKCubicResampler.Mitchell));
        using var image = SKImage.FromBitmap(resized);
        using var data = image.Encode(format, 82);
        return data.ToArray();
    }

    private static bool Swaps(SKEncodedOrigin origin) =>
        origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;

    /// <summary>Applies the EXIF orientation: draws the stored pixels so that they stand as the camera meant.</summary>
    private static SKBitmap Upright(SKBitmap source, SKEncodedOrigin origin)
    {
        var (w, h) = Swaps(origin) ? (source.Height, source.Width) : (source.Width, source.Height);
        var upright = new SKBitmap(new SKImageInfo(w, h, source.ColorType, source.AlphaType));
        using var canvas = new SKCanvas(upright);
        switch (origin)
        {
            case SKEncodedOrigin.TopRight: canvas.Translate(w, 0); canvas.Scale(-1, 1); break;
            case SKEncodedOrigin.BottomRight: canvas.Translate(w, h); canvas.RotateDegrees(180); break;
            case SKEncodedOrigin.BottomLeft: canvas.Translate(0, h); canvas.Scale(1, -1); break;
            case SKEncodedOrigin.LeftTop: canvas.RotateDegrees(90); canvas.Scale(1, -1); break;
            case SKEncodedOrigin.RightTop: canvas.Translate(w, 0); canvas.RotateDegrees(90); break;
            case SKEncodedOrigin.RightBottom: canvas.Translate(w, h); canvas.RotateDegrees(90); canvas.Scale(-1, 1); break;
            case SKEncodedOrigin.LeftBottom: canvas.Translate(0, h); canvas.RotateDegrees(270); break;
        }

        canvas.DrawBitmap(source, 0, 0);
        return upright;
    }
}
