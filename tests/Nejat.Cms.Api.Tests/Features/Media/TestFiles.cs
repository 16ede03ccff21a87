using System.Buffers.Binary;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Nejat.Cms.Api.Tests.Features.Posts;
using SkiaSharp;

namespace Nejat.Cms.Api.Tests.Features.Media;

/// <summary>Small files made in the tests, and the multipart upload call.</summary>
internal static class TestFiles
{
    /// <summary>A width×height image, its left half red and its right half blue.</summary>
    public static byte[] Image(int width, int height, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Blue);
            using var red = new SKPaint { Color = SKColors.Red };
            canvas.DrawRect(0, 0, width / 2f, height, red);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }

    /// <summary>A JPEG carrying an EXIF block with an orientation (6: turn 90° clockwise to display) and a GPS position.</summary>
    public static byte[] JpegWithExif(int width, int height)
    {
        var jpeg = Image(width, height, SKEncodedImageFormat.Jpeg);
        var tiff = new byte[8 + 30 + 18];
        "MM"u8.CopyTo(tiff);
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(2), 42);
        BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(4), 8);
        // IFD0: Orientation = 6, and a pointer to the GPS IFD.
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(8), 2);
        WriteEntry(tiff.AsSpan(10), 0x0112, 3, 1, 6 << 16);
        WriteEntry(tiff.AsSpan(22), 0x8825, 4, 1, 38);
        // GPS IFD: GPSLatitudeRef = "N".
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(38), 1);
        WriteEntry(tiff.AsSpan(40), 0x0001, 2, 2, 'N' << 24);
        var payload = "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();
        var segment = new byte[4 + payload.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(payload.Length + 2));
        payload.CopyTo(segment, 4);
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    private static void WriteEntry(Span<byte> entry, ushort tag, ushort type, uint count, int value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(entry, tag);
        BinaryPrimitives.WriteUInt16BigEndian(entry[2..], type);
        BinaryPrimitives.WriteUInt32BigEndian(entry[4..], count);
        BinaryPrimitives.WriteInt32BigEndian(entry[8..], value);
    }

    /// <summary>A PDF-headed file of about <paramref name="size"/> bytes, different for each <paramref name="seed"/>.</summary>
    public static byte[] Pdf(int size, int seed = 0)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        "%PDF-1.7\n"u8.CopyTo(bytes);
        return bytes;
    }

    public static async Task<EditorialClient.Reply> UploadAsync(
        this HttpClient client, byte[] file, string fileName = "file.bin", string contentType = "application/octet-stream", Dictionary<string, string>? fields = null)
    {
        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(part, "file", fileName);
        foreach (var (name, value) in fields ?? [])
        {
            form.Add(new StringContent(value, Encoding.UTF8), name);
        }

        using var response = await client.PostAsync("/v1/admin/media", form);
        var text = await response.Content.ReadAsStringAsync();
        return new EditorialClient.Reply(response.StatusCode, response.Headers.ETag?.Tag,
            text.Length == 0 ? default : JsonSerializer.Deserialize<JsonElement>(text), response.Headers.Location?.ToString(),
            response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>Stored files and uploads in progress (renditions, made in the background, left out).</summary>
    public static string[] UploadedFiles(CmsApp app) =>
        [.. FilesUnder(Path.Combine(app.MediaDir, "files")), .. FilesUnder(Path.Combine(app.MediaDir, "tmp")).Where(f => f.EndsWith(".upload", StringComparison.Ordinal))];

    /// <summary>Every file under the app's media directory (stored, renditions, temporary).</summary>
    public static string[] FilesUnder(string directory) =>
        Directory.Exists(directory) ? Directory.GetFiles(directory, "*", SearchOption.AllDirectories) : [];
}
