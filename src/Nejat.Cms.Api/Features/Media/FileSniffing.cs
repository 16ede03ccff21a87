using System.Text;

namespace Nejat.Cms.Api.Features.Media;

/// <summary>An accepted file type: its kind, its Content-Type and the extension its URL ends in.</summary>
internal sealed record FileType(string Kind, string ContentType, string Extension)
{
    /// <summary>JPEG, PNG and WebP are re-encoded for serving (orientation applied, metadata stripped); GIFs are served as uploaded.</summary>
    public bool HasRenditions => ContentType is "image/jpeg" or "image/png" or "image/webp";
}

/// <summary>
/// The type of an upload from its first bytes, never from its name or declared Content-Type.
/// Anything not recognised (SVG included: a script carrier, not sanitised here) is refused.
/// </summary>
internal static class FileSniffing
{
    /// <summary>How many leading bytes <see cref="Sniff"/> needs.</summary>
    public const int HeadLength = 64;

    public static readonly FileType Jpeg = new(MediaKinds.Image, "image/jpeg", "jpg");
    public static readonly FileType Png = new(MediaKinds.Image, "image/png", "png");
    public static readonly FileType WebP = new(MediaKinds.Image, "image/webp", "webp");
    public static readonly FileType Gif = new(MediaKinds.Image, "image/gif", "gif");
    public static readonly FileType Pdf = new(MediaKinds.Document, "application/pdf", "pdf");
    public static readonly FileType Mp4 = new(MediaKinds.Video, "video/mp4", "mp4");
    public static readonly FileType WebM = new(MediaKinds.Video, "video/webm", "webm");
    public static readonly FileType Mp3 = new(MediaKinds.Audio, "audio/mpeg", "mp3");

    public static readonly FileType[] All = [Jpeg, Png, WebP, Gif, Pdf, Mp4, WebM, Mp3];

    // ISO base media brands of MP4 video; QuickTime, HEIF/AVIF and M4A share the box layout and are refused.
    private static readonly string[] Mp4Brands = ["isom", "iso2", "iso4", "iso5", "iso6", "mp41", "mp42", "avc1", "M4V ", "dash", "mmp4"];

    /// <summary>The first <see cref="HeadLength"/> bytes of a stream (fewer when it is shorter), to sniff and then stage ahead of the rest.</summary>
    public static async Task<ReadOnlyMemory<byte>> ReadHeadAsync(Stream body, CancellationToken ct)
    {
        var head = new byte[HeadLength];
        var filled = 0;
        int read;
        while (filled < head.Length && (read = await body.ReadAsync(head.AsMemory(filled), ct)) > 0)
        {
            filled += read;
        }

        return head.AsMemory(0, filled);
    }

    public static FileType? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((byte[])[0xFF, 0xD8, 0xFF]))
        {
            return Jpeg;
        }

        if (head.StartsWith((byte[])[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return Png;
        }

        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return WebP;
        }

        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
        {
            return Gif;
        }

        if (head.StartsWith("%PDF-"u8))
        {
            return Pdf;
        }

        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8) && Mp4Brands.Contains(Encoding.ASCII.GetString(head[8..12]), StringComparer.Ordinal))
        {
            return Mp4;
        }

        // Matroska's EBML header, whose DocType says webm (plain Matroska is refused).
        if (head.StartsWith((byte[])[0x1A, 0x45, 0xDF, 0xA3]) && head.IndexOf("webm"u8) > 0)
        {
            return WebM;
        }

        // An ID3v2 tag, or an MPEG audio frame sync of layer III.
        if (head.StartsWith("ID3"u8) || (head.Length >= 2 && head[0] == 0xFF && (head[1] & 0xE0) == 0xE0 && (head[1] & 0x06) == 0x02))
        {
            return Mp3;
        }

        return null;
    }

    public static FileType? OfContentType(string contentType) => All.FirstOrDefault(t => t.ContentType == contentType);
}
