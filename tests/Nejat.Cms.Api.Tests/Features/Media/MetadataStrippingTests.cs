using System.Buffers.Binary;
using System.Text;
using Nejat.Cms.Api.Features.Media;
using SkiaSharp;

namespace Nejat.Cms.Api.Tests.Features.Media;

public sealed class MetadataStrippingTests
{
    [Test]
    public void AJpegLosesItsExifCommentsOtherAppSegmentsAndWhatFollowsItsEnd()
    {
        var clean = TestFiles.Image(40, 20, SKEncodedImageFormat.Jpeg);
        byte[] tagged =
        [
            .. clean[..2],
            .. TestFiles.JpegSegment(0xE1, [.. "Exif\0\0"u8, .. TestFiles.Exif(1)]),
            .. TestFiles.JpegSegment(0xE1, "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>"u8.ToArray()),
            .. TestFiles.JpegSegment(0xFE, "taken at home"u8.ToArray()),
            .. TestFiles.JpegSegment(0xED, "Photoshop 3.0\0IPTC city"u8.ToArray()),
            .. TestFiles.JpegSegment(0xE2, "MPF\0second picture"u8.ToArray()),
            .. clean[2..],
            .. clean, // a second picture after the end, as phones append one
        ];

        var (stripped, copied) = Strip(MetadataStripping.Jpeg, tagged);

        Assert.Multiple(() =>
        {
            Assert.That(copied, Is.True);
            Assert.That(stripped, Is.EqualTo(clean), "Skia's own JPEG has no such segments: exactly it is left");
        });
    }

    [Test]
    public void AJpegKeepsItsTablesScansAndColourSegmentsAcrossProgressiveScans()
    {
        byte[] Segment(byte marker, string payload) => TestFiles.JpegSegment(marker, Encoding.ASCII.GetBytes(payload));
        byte[] jfif = Segment(0xE0, "JFIF\0\x01\x02"), icc = Segment(0xE2, "ICC_PROFILE\0\x01\x01"), adobe = Segment(0xEE, "Adobe\0\x64");
        byte[] tables = [.. Segment(0xDB, "quantisation"), .. Segment(0xC2, "frame"), .. Segment(0xC4, "huffman")];
        // Coded data: a stuffed 0xFF00, a restart marker, and fill bytes before the next marker.
        byte[] firstScan = [.. Segment(0xDA, "scan 1"), 0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD3, 0x56];
        byte[] secondScan = [.. Segment(0xDA, "scan 2"), 0x78, 0xFF, 0x00];
        byte[] jpeg =
        [
            0xFF, 0xD8, .. jfif, .. Segment(0xE0, "JFXXthumbnail"), .. icc, .. adobe, .. tables, .. firstScan, 0xFF, 0xFF,
            .. Segment(0xFE, "between scans"), .. Segment(0xE1, "Exif\0\0between scans"), .. Segment(0xC4, "more huffman"), .. secondScan,
            0xFF, 0xD9, .. "trailing"u8,
        ];

        var (stripped, copied) = Strip(MetadataStripping.Jpeg, jpeg);

        Assert.Multiple(() =>
        {
            Assert.That(copied, Is.True);
            Assert.That(stripped, Is.EqualTo((byte[])
                [0xFF, 0xD8, .. jfif, .. icc, .. adobe, .. tables, .. firstScan, .. Segment(0xC4, "more huffman"), .. secondScan, 0xFF, 0xD9]));
        });
    }

    [Test]
    public void APngLosesItsTextExifTimeAndUnknownChunksAndWhatFollowsItsEnd()
    {
        var clean = TestFiles.Image(40, 20, SKEncodedImageFormat.Png);
        var afterHeader = 8 + 25; // the signature and IHDR
        byte[] tagged =
        [
            .. clean[..afterHeader],
            .. TestFiles.PngChunk("tEXt", "Author\0Someone"u8.ToArray()),
            .. TestFiles.PngChunk("iTXt", "XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta>"u8.ToArray()),
            .. TestFiles.PngChunk("eXIf", TestFiles.Exif(1)),
            .. TestFiles.PngChunk("tIME", [0x07, 0xE9, 1, 2, 3, 4, 5]),
            .. TestFiles.PngChunk("prVt", "a private chunk"u8.ToArray()),
            .. clean[afterHeader..],
            .. "trailing"u8,
        ];

        var (stripped, copied) = Strip(MetadataStripping.Png, tagged);
        var (_, unknownCritical) = Strip(MetadataStripping.Png, [.. clean[..afterHeader], .. TestFiles.PngChunk("CRIT", [1]), .. clean[afterHeader..]]);
        var (_, truncated) = Strip(MetadataStripping.Png, clean[..^6]);

        Assert.Multiple(() =>
        {
            Assert.That(copied, Is.True);
            Assert.That(stripped, Is.EqualTo(clean), "Skia's own PNG has no such chunks: exactly it is left");
            Assert.That(unknownCritical, Is.False, "a critical chunk this does not know cannot be dropped");
            Assert.That(truncated, Is.False);
        });
    }

    [Test]
    public void AWebPLosesItsExifAndXmpChunksAndTheirFlags()
    {
        var simple = TestFiles.Image(40, 20, SKEncodedImageFormat.Webp);
        var bitstream = simple[12..]; // the VP8 chunk after the RIFF header
        var canvas = new byte[10];
        canvas[0] = 0x08 | 0x04; // EXIF and XMP
        canvas[4] = 40 - 1;
        canvas[7] = 20 - 1;
        var extended = Riff([.. WebPChunk("VP8X", canvas), .. bitstream, .. WebPChunk("EXIF", TestFiles.Exif(1)), .. WebPChunk("XMP ", "<x:xmpmeta>"u8.ToArray())]);
        canvas[0] = 0x02; // an animation
        var animated = Riff([.. WebPChunk("VP8X", canvas), .. WebPChunk("ANIM", new byte[6])]);

        var (stripped, copied) = Strip(MetadataStripping.WebP, extended);
        var (_, animationCopied) = Strip(MetadataStripping.WebP, animated);
        using var decoded = SKBitmap.Decode(stripped);

        Assert.Multiple(() =>
        {
            Assert.That(copied, Is.True);
            canvas[0] = 0;
            Assert.That(stripped, Is.EqualTo(Riff([.. WebPChunk("VP8X", canvas), .. bitstream])));
            Assert.That((decoded.Width, decoded.Height), Is.EqualTo((40, 20)));
            Assert.That(animationCopied, Is.False, "renditions show an animation's first frame; so must this one");
        });
    }

    private static (byte[] Output, bool Copied) Strip(Func<Stream, Stream, bool> strip, byte[] input)
    {
        using var output = new MemoryStream();
        var copied = strip(new MemoryStream(input), output);
        return (output.ToArray(), copied);
    }

    private static byte[] Riff(byte[] chunks)
    {
        var riff = new byte[12 + chunks.Length];
        "RIFF"u8.CopyTo(riff);
        BinaryPrimitives.WriteUInt32LittleEndian(riff.AsSpan(4), (uint)(4 + chunks.Length));
        "WEBP"u8.CopyTo(riff.AsSpan(8));
        chunks.CopyTo(riff, 12);
        return riff;
    }

    private static byte[] WebPChunk(string type, byte[] data)
    {
        var chunk = new byte[8 + data.Length + (data.Length & 1)];
        Encoding.ASCII.GetBytes(type).CopyTo(chunk, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(4), (uint)data.Length);
        data.CopyTo(chunk, 8);
        return chunk;
    }
}
