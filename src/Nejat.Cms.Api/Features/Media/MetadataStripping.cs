using System.Buffers.Binary;
using System.Text;

namespace Nejat.Cms.Api.Features.Media;

/// <summary>
/// Copies an image byte for byte without its metadata, so a full-size rendition needs no decoding:
/// the pixels' coded data and what decoding or colour needs stay, EXIF (GPS included), XMP, comments,
/// text and anything after the image's end go. Each returns false, having written part of the output
/// maybe, when the file is not laid out as expected; the caller then decodes and re-encodes instead.
/// </summary>
internal static class MetadataStripping
{
    // JPEG APPn segments kept: APP0 JFIF (pixel density), APP2 ICC profile, APP14 Adobe (colour transform).
    private static readonly (byte Marker, byte[] Prefix)[] JpegKeptApps =
        [(0xE0, "JFIF\0"u8.ToArray()), (0xE2, "ICC_PROFILE\0"u8.ToArray()), (0xEE, "Adobe"u8.ToArray())];

    // PNG chunks kept besides the critical ones: transparency, colour and pixel density.
    private static readonly string[] PngKeptChunks = ["tRNS", "cHRM", "gAMA", "iCCP", "sBIT", "sRGB", "cICP", "mDCv", "cLLi", "bKGD", "pHYs"];
    private static readonly string[] PngCriticalChunks = ["IHDR", "PLTE", "IDAT", "IEND"];

    // WebP chunks of a still image; EXIF, XMP and unknown chunks are left out.
    private static readonly string[] WebPKeptChunks = ["VP8X", "ICCP", "ALPH", "VP8 ", "VP8L"];
    private const byte WebPAnimationFlag = 0x02;
    private const byte WebPXmpFlag = 0x04;
    private const byte WebPExifFlag = 0x08;

    /// <summary>JPEG: every segment but APPn (except JFIF, ICC and Adobe) and comments, up to the end-of-image marker.</summary>
    public static bool Jpeg(Stream input, Stream output)
    {
        var source = new BufferedStream(input, 65536);
        var target = new BufferedStream(output, 65536);
        if (source.ReadByte() != 0xFF || source.ReadByte() != 0xD8)
        {
            return false;
        }

        target.Write([0xFF, 0xD8]);
        Span<byte> lengthBytes = stackalloc byte[2];
        var marker = NextMarker(source);
        while (marker >= 0)
        {
            if (marker == 0xD9)
            {
                target.Write([0xFF, 0xD9]);
                target.Flush();
                return true; // what follows the image (a phone's second picture, appended data) is dropped
            }

            if (marker is >= 0xD0 and <= 0xD7 or 0x01)
            {
                target.Write([0xFF, (byte)marker]); // markers without a length
                marker = NextMarker(source);
                continue;
            }

            if (source.ReadAtLeast(lengthBytes, 2, throwOnEndOfStream: false) < 2 || BinaryPrimitives.ReadUInt16BigEndian(lengthBytes) < 2)
            {
                return false;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(lengthBytes) - 2;
            var payload = new byte[length];
            if (source.ReadAtLeast(payload, length, throwOnEndOfStream: false) < length)
            {
                return false;
            }

            if (KeepsJpegSegment((byte)marker, payload))
            {
                target.Write([0xFF, (byte)marker]);
                target.Write(lengthBytes);
                target.Write(payload);
            }

            marker = marker == 0xDA ? CopyEntropyCodedData(source, target) : NextMarker(source);
        }

        return false;
    }

    /// <summary>PNG: the critical chunks and those of transparency and colour, up to IEND; text, EXIF, time and unknown chunks go.</summary>
    public static bool Png(Stream input, Stream output)
    {
        Span<byte> signature = stackalloc byte[8];
        if (input.ReadAtLeast(signature, 8, throwOnEndOfStream: false) < 8 || !signature.SequenceEqual((byte[])[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return false;
        }

        output.Write(signature);
        Span<byte> header = stackalloc byte[8];
        while (input.ReadAtLeast(header, 8, throwOnEndOfStream: false) == 8)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(header);
            var type = Encoding.ASCII.GetString(header[4..]);
            var critical = (header[4] & 0x20) == 0;
            if (length > int.MaxValue || (critical && !PngCriticalChunks.Contains(type)))
            {
                return false;
            }

            if (PngCriticalChunks.Contains(type) || PngKeptChunks.Contains(type))
            {
                output.Write(header);
                if (!Copy(input, output, length + 4L)) // the data and its CRC
                {
                    return false;
                }
            }
            else if (!Skip(input, length + 4L))
            {
                return false;
            }

            if (type == "IEND")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// WebP: the chunks of a still image without EXIF, XMP or unknown chunks, their flags cleared in the VP8X
    /// header. An animation is refused (false): renditions show its first frame, so this one must too.
    /// </summary>
    public static bool WebP(Stream input, Stream output)
    {
        Span<byte> header = stackalloc byte[12];
        if (input.ReadAtLeast(header, 12, throwOnEndOfStream: false) < 12 || !header[..4].SequenceEqual("RIFF"u8) || !header[8..].SequenceEqual("WEBP"u8))
        {
            return false;
        }

        var end = Math.Min(input.Length, 8L + BinaryPrimitives.ReadUInt32LittleEndian(header[4..]));
        var kept = new List<(string Type, long Offset, uint Size)>();
        Span<byte> chunk = stackalloc byte[8];
        while (input.Position + 8 <= end)
        {
            input.ReadExactly(chunk);
            var type = Encoding.ASCII.GetString(chunk[..4]);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..]);
            var padded = size + (size & 1L);
            if (input.Position + size > end)
            {
                return false;
            }

            if (WebPKeptChunks.Contains(type))
            {
                kept.Add((type, input.Position, size));
            }

            input.Position = Math.Min(end, input.Position + padded);
        }

        if (kept.Count == 0 || !kept.Any(c => c.Type is "VP8 " or "VP8L"))
        {
            return false;
        }

        var riffSize = 4 + kept.Sum(c => 8L + c.Size + (c.Size & 1));
        if (riffSize > uint.MaxValue)
        {
            return false;
        }

        output.Write("RIFF"u8);
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(number, (uint)riffSize);
        output.Write(number);
        output.Write("WEBP"u8);
        foreach (var (type, offset, size) in kept)
        {
            output.Write(Encoding.ASCII.GetBytes(type));
            BinaryPrimitives.WriteUInt32LittleEndian(number, size);
            output.Write(number);
            input.Position = offset;
            if (type == "VP8X")
            {
                var flags = input.ReadByte();
                if (size != 10 || flags < 0 || (flags & WebPAnimationFlag) != 0)
                {
                    return false;
                }

                output.WriteByte((byte)(flags & ~(WebPExifFlag | WebPXmpFlag)));
                if (!Copy(input, output, size - 1L))
                {
                    return false;
                }
            }
            else if (!Copy(input, output, size))
            {
                return false;
            }

            if ((size & 1) == 1)
            {
                output.WriteByte(0);
            }
        }

        return true;
    }

    private static bool KeepsJpegSegment(byte marker, byte[] payload) =>
        marker switch
        {
            0xFE => false, // COM
            >= 0xE0 and <= 0xEF => JpegKeptApps.Any(app => app.Marker == marker && payload.AsSpan().StartsWith(app.Prefix)),
            _ => true,
        };

    /// <summary>The next marker's code (fill bytes 0xFF before it skipped), or -1 at the end of the file or on anything else.</summary>
    private static int NextMarker(Stream source)
    {
        if (source.ReadByte() != 0xFF)
        {
            return -1;
        }

        int code;
        while ((code = source.ReadByte()) == 0xFF)
        {
        }

        return code is < 0 or 0x00 ? -1 : code;
    }

    /// <summary>Copies a scan's coded data (with its stuffed zeros and restart markers) and returns the marker that ends it, or -1.</summary>
    private static int CopyEntropyCodedData(Stream source, Stream target)
    {
        int value;
        while ((value = source.ReadByte()) >= 0)
        {
            if (value != 0xFF)
            {
                target.WriteByte((byte)value);
                continue;
            }

            int next;
            while ((next = source.ReadByte()) == 0xFF)
            {
            }

            if (next < 0)
            {
                return -1;
            }

            if (next is 0x00 or >= 0xD0 and <= 0xD7)
            {
                target.WriteByte(0xFF);
                target.WriteByte((byte)next);
                continue;
            }

            return next;
        }

        return -1;
    }

    private static bool Copy(Stream input, Stream output, long count)
    {
        var buffer = new byte[(int)Math.Min(count, 81920)];
        while (count > 0)
        {
            var read = input.Read(buffer, 0, (int)Math.Min(count, buffer.Length));
            if (read == 0)
            {
                return false;
            }

            output.Write(buffer, 0, read);
            count -= read;
        }

        return true;
    }

    private static bool Skip(Stream input, long count)
    {
        if (input.Position + count > input.Length)
        {
            return false;
        }

        input.Position += count;
        return true;
    }
}
