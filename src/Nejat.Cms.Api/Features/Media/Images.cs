using SkiaSharp;

namespace Nejat.Cms.Api.Features.Media;

/// <summary>An image's size as displayed (EXIF orientation applied).</summary>
internal readonly record struct ImageSize(int Width, int Height);

/// <summary>
/// Image checking, decoding and encoding with SkiaSharp, decoding no more than a rendition needs: JPEG
/// and WebP are decoded scaled down by their codecs; PNG, which Skia cannot scale, is decoded a band of
/// rows at a time, each band averaged down as it comes. So the full-size pixels exist only for a
/// full-size rendition. Encoding writes pixels only, so EXIF (GPS included), XMP and other metadata
/// never reach what is served.
/// Over 300 lines and kept whole: it is pure code that reads and writes only the streams it is given,
/// and inspecting, scaled decoding and banded PNG decoding share one set of rules (orientation, scale,
/// pixel limits) that reads best in one place.
/// </summary>
internal static class Images
{
    /// <summary>WebP's largest width and height.</summary>
    public const int MaxWebPDimension = 16383;

    private const int Quality = 82;

    // A PNG is decoded this many bytes of rows at a time. Skia's PNG decoder cannot resume, so each band
    // is a pass over the file from its start: smaller bands save memory and cost time.
    private const long PngBandBytes = 64L * 1024 * 1024;

    /// <summary>
    /// The image's displayed size, or a reason it is refused: unreadable, too large, incomplete. Proving it
    /// complete decodes it through without keeping it: PNG to its last row (every row before it is inflated
    /// and unfiltered on the way), JPEG and WebP scaled down to a thumbnail, GIF (never decoded here, served
    /// as uploaded) by walking its blocks to the trailer.
    /// </summary>
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

        var decoded = codec.EncodedFormat switch
        {
            SKEncodedImageFormat.Png => DecodeLastRow(codec),
            SKEncodedImageFormat.Gif => GifBlocksEndInTrailer(content) ? SKCodecResult.Success : SKCodecResult.IncompleteInput,
            _ => DecodeThumbnail(codec),
        };
        if (decoded != SKCodecResult.Success)
        {
            return (null, decoded == SKCodecResult.IncompleteInput ? "The image is truncated." : $"The image cannot be decoded ({decoded}).");
        }

        return (Swaps(codec.EncodedOrigin) ? new ImageSize(height, width) : new ImageSize(width, height), null);
    }

    /// <summary>
    /// Copies the image without its metadata and otherwise byte for byte, when it needs no turning (its EXIF
    /// orientation, if any, is the normal one); false, with nothing written, when it cannot.
    /// </summary>
    public static bool TryCopyWithoutMetadata(Stream original, FileType type, Stream output)
    {
        original.Position = 0;
        using (var codec = Open(original))
        {
            if (codec.EncodedOrigin != SKEncodedOrigin.TopLeft)
            {
                return false;
            }
        }

        original.Position = 0;
        var start = output.Position;
        var copied = type.Extension switch
        {
            "jpg" => MetadataStripping.Jpeg(original, output),
            "png" => MetadataStripping.Png(original, output),
            "webp" => MetadataStripping.WebP(original, output),
            _ => false,
        };
        if (!copied)
        {
            output.SetLength(start);
        }

        return copied;
    }

    /// <summary>The image upright, <paramref name="width"/> pixels wide and its height in proportion.</summary>
    public static SKBitmap Render(Stream original, int width)
    {
        original.Position = 0;
        SKBitmap decoded;
        SKEncodedOrigin origin;
        SKSizeI target;
        // The codec goes before the pixels are resized and turned: a JPEG decoder may hold much memory.
        using (var codec = Open(original))
        {
            origin = codec.EncodedOrigin;
            var (storedWidth, storedHeight) = (codec.Info.Width, codec.Info.Height);
            var height = Swaps(origin) ? MediaUrls.HeightAt(storedHeight, storedWidth, width) : MediaUrls.HeightAt(storedWidth, storedHeight, width);
            target = Swaps(origin) ? new SKSizeI(height, width) : new SKSizeI(width, height);
            decoded = codec.EncodedFormat == SKEncodedImageFormat.Png ? DecodeInBands(codec, target) : DecodeScaled(codec, target);
        }

        var sized = decoded.Width == target.Width && decoded.Height == target.Height ? decoded : Replace(decoded, d => Resized(d, target));
        return origin == SKEncodedOrigin.TopLeft ? sized : Replace(sized, s => Upright(s, origin));
    }

    /// <summary>Encodes the pixels (nothing else) to <paramref name="output"/>; false when the encoder fails.</summary>
    public static bool Encode(SKBitmap bitmap, SKEncodedImageFormat format, Stream output)
    {
        using var pixmap = bitmap.PeekPixels();
        return format switch
        {
            SKEncodedImageFormat.Jpeg => pixmap.Encode(output, new SKJpegEncoderOptions(Quality)),
            SKEncodedImageFormat.Png => pixmap.Encode(output, SKPngEncoderOptions.Default),
            _ => pixmap.Encode(output, new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossy, Quality)),
        };
    }

    private static SKCodec Open(Stream original) =>
        SKCodec.Create(new SKManagedStream(original, disposeManagedStream: false)) ?? throw new InvalidDataException("The stored image cannot be decoded.");

    /// <summary>8-bit RGBA at the image's size; opaque when the image is, which spares the WebP encoder a channel.</summary>
    private static SKImageInfo DecodeInfo(SKCodec codec) =>
        codec.Info.WithColorType(SKColorType.Rgba8888).WithAlphaType(codec.Info.AlphaType == SKAlphaType.Opaque ? SKAlphaType.Opaque : SKAlphaType.Premul);

    private static SKCodecResult DecodeLastRow(SKCodec codec)
    {
        var info = DecodeInfo(codec);
        using var row = new SKBitmap(info.WithSize(info.Width, 1));
        var started = codec.StartIncrementalDecode(info, row.GetPixels(), info.RowBytes, new SKCodecOptions(new SKRectI(0, info.Height - 1, info.Width, info.Height)));
        return started == SKCodecResult.Success ? codec.IncrementalDecode() : started;
    }

    private static SKCodecResult DecodeThumbnail(SKCodec codec)
    {
        var size = codec.GetScaledDimensions(Math.Min(1f, 256f / Math.Max(codec.Info.Width, codec.Info.Height)));
        var info = DecodeInfo(codec).WithSize(size);
        using var bitmap = new SKBitmap(info);
        return codec.GetPixels(info, bitmap.GetPixels());
    }

    /// <summary>JPEG and WebP: decoded by the codec at the smallest size it offers that is at least the target.</summary>
    private static SKBitmap DecodeScaled(SKCodec codec, SKSizeI target)
    {
        var scale = Math.Min(1f, Math.Max((float)target.Width / codec.Info.Width, (float)target.Height / codec.Info.Height));
        var info = DecodeInfo(codec).WithSize(codec.GetScaledDimensions(scale));
        var bitmap = new SKBitmap(info);
        var decoded = codec.GetPixels(info, bitmap.GetPixels());
        if (decoded != SKCodecResult.Success)
        {
            bitmap.Dispose();
            throw new InvalidDataException($"The stored image cannot be decoded ({decoded}).");
        }

        return bitmap;
    }

    /// <summary>
    /// PNG: decoded a band of rows at a time. For a target under half the image's width, each band is
    /// averaged down by an integer factor as it comes (a box filter) into an image at most twice the
    /// target, which the final resize brings to size; otherwise the bands fill the image at full size.
    /// </summary>
    private static SKBitmap DecodeInBands(SKCodec codec, SKSizeI target)
    {
        var info = DecodeInfo(codec);
        var factor = Math.Max(1, (int)Math.Ceiling(info.Width / (2.0 * target.Width)));
        var rows = Math.Max(factor, (int)(PngBandBytes / info.RowBytes) / factor * factor);
        var reduced = new SKBitmap(info.WithSize((info.Width + factor - 1) / factor, (info.Height + factor - 1) / factor));
        var band = factor == 1 ? null : new SKBitmap(info.WithSize(info.Width, Math.Min(rows, info.Height)));
        try
        {
            for (var top = 0; top < info.Height; top += rows)
            {
                var bottom = Math.Min(info.Height, top + rows);
                var pixels = band?.GetPixels() ?? reduced.GetPixels() + (nint)top * info.RowBytes;
                var started = codec.StartIncrementalDecode(info, pixels, info.RowBytes, new SKCodecOptions(new SKRectI(0, top, info.Width, bottom)));
                var decoded = started == SKCodecResult.Success ? codec.IncrementalDecode() : started;
                if (decoded != SKCodecResult.Success)
                {
                    throw new InvalidDataException($"The stored image cannot be decoded ({decoded}).");
                }

                if (band is not null)
                {
                    Average(band.GetPixelSpan()[..((bottom - top) * info.RowBytes)], info.Width, factor, reduced.GetPixelSpan()[(top / factor * reduced.RowBytes)..]);
                }
            }

            return reduced;
        }
        catch
        {
            reduced.Dispose();
            throw;
        }
        finally
        {
            band?.Dispose();
        }
    }

    /// <summary>Averages each <paramref name="factor"/>×<paramref name="factor"/> box of RGBA pixels (the last boxes of a row or band maybe smaller) into one pixel.</summary>
    private static void Average(ReadOnlySpan<byte> band, int width, int factor, Span<byte> reduced)
    {
        var rowBytes = width * 4;
        var reducedWidth = (width + factor - 1) / factor;
        var rows = band.Length / rowBytes;
        var sums = new uint[reducedWidth * 4];
        for (var top = 0; top < rows; top += factor)
        {
            var boxRows = Math.Min(factor, rows - top);
            Array.Clear(sums);
            for (var y = top; y < top + boxRows; y++)
            {
                var row = band.Slice(y * rowBytes, rowBytes);
                for (var box = 0; box < reducedWidth; box++)
                {
                    uint r = 0, g = 0, b = 0, a = 0;
                    var end = Math.Min(width, (box + 1) * factor) * 4;
                    for (var i = box * factor * 4; i < end; i += 4)
                    {
                        r += row[i];
                        g += row[i + 1];
                        b += row[i + 2];
                        a += row[i + 3];
                    }

                    sums[box * 4] += r;
                    sums[box * 4 + 1] += g;
                    sums[box * 4 + 2] += b;
                    sums[box * 4 + 3] += a;
                }
            }

            var output = reduced.Slice(top / factor * reducedWidth * 4, reducedWidth * 4);
            for (var box = 0; box < reducedWidth; box++)
            {
                var count = (uint)(boxRows * Math.Min(factor, width - box * factor));
                for (var channel = 0; channel < 4; channel++)
                {
                    output[box * 4 + channel] = (byte)((sums[box * 4 + channel] + count / 2) / count);
                }
            }
        }
    }

    private static SKBitmap Resized(SKBitmap source, SKSizeI target) =>
        source.Resize(source.Info.WithSize(target), new SKSamplingOptions(SKCubicResampler.Mitchell))
        ?? throw new InvalidDataException($"The image could not be resized to {target.Width}×{target.Height}.");

    /// <summary>The result of <paramref name="make"/>, the source disposed either way (only one of the two large bitmaps is kept).</summary>
    private static SKBitmap Replace(SKBitmap source, Func<SKBitmap, SKBitmap> make)
    {
        try
        {
            return make(source);
        }
        finally
        {
            source.Dispose();
        }
    }

    private static bool Swaps(SKEncodedOrigin origin) =>
        origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;

    /// <summary>Applies the EXIF orientation: draws the stored pixels so that they stand as the camera meant.</summary>
    private static SKBitmap Upright(SKBitmap source, SKEncodedOrigin origin)
    {
        var (w, h) = Swaps(origin) ? (source.Height, source.Width) : (source.Width, source.Height);
        var upright = new SKBitmap(source.Info.WithSize(w, h));
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

    /// <summary>Whether a GIF's blocks (colour tables, extensions, images and their data sub-blocks) run whole up to its trailer.</summary>
    private static bool GifBlocksEndInTrailer(Stream gif)
    {
        gif.Position = 10; // after the signature and the screen's width and height
        var flags = gif.ReadByte();
        gif.Position = 13 + ColourTableLength(flags);
        var images = 0;
        while (gif.Position <= gif.Length)
        {
            switch (gif.ReadByte())
            {
                case 0x3B:
                    return images > 0;
                case 0x21:
                    if (gif.ReadByte() < 0 || !SkipSubBlocks(gif))
                    {
                        return false;
                    }

                    break;
                case 0x2C:
                    gif.Position += 8; // position and size
                    var imageFlags = gif.ReadByte();
                    gif.Position += ColourTableLength(imageFlags) + 1; // and the LZW code size
                    if (imageFlags < 0 || !SkipSubBlocks(gif))
                    {
                        return false;
                    }

                    images++;
                    break;
                default:
                    return false;
            }
        }

        return false;

        static int ColourTableLength(int flags) => (flags & 0x80) == 0 ? 0 : 3 << ((flags & 7) + 1);
    }

    private static bool SkipSubBlocks(Stream gif)
    {
        int length;
        while ((length = gif.ReadByte()) > 0)
        {
            gif.Position += length;
        }

        return length == 0 && gif.Position <= gif.Length;
    }
}
