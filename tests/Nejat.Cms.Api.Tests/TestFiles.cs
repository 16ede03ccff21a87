using System.Buffers.Binary;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SkiaSharp;

namespace Nejat.Cms.Api.Tests;

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

    /// <summary>
    /// A JPEG carrying an EXIF block with an orientation (by default 6: turn 90° clockwise to display) and a
    /// GPS position, right after its start-of-image marker.
    /// </summary>
    public static byte[] JpegWithExif(int width, int height, int orientation = 6)
    {
        var jpeg = Image(width, height, SKEncodedImageFormat.Jpeg);
        return [.. jpeg[..2], .. JpegSegment(0xE1, [.. "Exif\0\0"u8, .. Exif(orientation)]), .. jpeg[2..]];
    }

    /// <summary>A TIFF block as EXIF carries it: an orientation and a GPS position (latitude reference "N").</summary>
    public static byte[] Exif(int orientation)
    {
        var tiff = new byte[8 + 30 + 18];
        "MM"u8.CopyTo(tiff);
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(2), 42);
        BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(4), 8);
        // IFD0: Orientation, and a pointer to the GPS IFD.
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(8), 2);
        WriteEntry(tiff.AsSpan(10), 0x0112, 3, 1, orientation << 16);
        WriteEntry(tiff.AsSpan(22), 0x8825, 4, 1, 38);
        // GPS IFD: GPSLatitudeRef = "N".
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(38), 1);
        WriteEntry(tiff.AsSpan(40), 0x0001, 2, 2, 'N' << 24);
        return tiff;
    }

    /// <summary>A JPEG marker segment: 0xFF, the marker, the length and the payload.</summary>
    public static byte[] JpegSegment(byte marker, byte[] payload)
    {
        var segment = new byte[4 + payload.Length];
        segment[0] = 0xFF;
        segment[1] = marker;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(payload.Length + 2));
        payload.CopyTo(segment, 4);
        return segment;
    }

    /// <summary>A PNG chunk: length, type, data and CRC.</summary>
    public static byte[] PngChunk(string type, byte[] data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }

    /// <summary>
    /// A width×height 8-bit RGB PNG written row by row, left half red and right half blue; every row alike, so
    /// a large one is small on disk. Interlaced (Adam7) when asked; <paramref name="green"/> makes other bytes.
    /// </summary>
    public static byte[] Png(int width, int height, bool interlaced = false, byte green = 0)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bits per sample
        ihdr[9] = 2; // RGB
        ihdr[12] = interlaced ? (byte)1 : (byte)0;
        using var idat = new MemoryStream();
        using (var zlib = new System.IO.Compression.ZLibStream(idat, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
        {
            // Adam7's seven passes (first column, first row, column step, row step), or one pass of every pixel.
            (int X, int Y, int Dx, int Dy)[] passes = interlaced
                ? [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
                : [(0, 0, 1, 1)];
            foreach (var (x0, y0, dx, dy) in passes)
            {
                var columns = Enumerable.Range(0, width).Where(x => x >= x0 && (x - x0) % dx == 0).ToArray();
                if (columns.Length == 0)
                {
                    continue;
                }

                var row = new byte[1 + columns.Length * 3]; // filter type 0, then the pixels
                for (var i = 0; i < columns.Length; i++)
                {
                    var red = columns[i] < width / 2;
                    (row[1 + i * 3], row[2 + i * 3], row[3 + i * 3]) = (red ? (byte)255 : (byte)0, green, red ? (byte)0 : (byte)255);
                }

                for (var y = y0; y < height; y += dy)
                {
                    zlib.Write(row);
                }
            }
        }

        return [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, .. PngChunk("IHDR", ihdr), .. PngChunk("IDAT", idat.ToArray()), .. PngChunk("IEND", [])];
    }

    /// <summary>A width×height GIF of one colour, its LZW data kept trivial (a clear code before every two pixels).</summary>
    public static byte[] Gif(int width, int height)
    {
        var data = new List<byte>();
        var (bits, count) = (0, 0);
        void Emit(int code)
        {
            bits |= code << count;
            for (count += 3; count >= 8; count -= 8, bits >>= 8)
            {
                data.Add((byte)bits);
            }
        }

        for (var pixel = 0; pixel < width * height; pixel += 2)
        {
            Emit(4); // clear
            Emit(1);
            if (pixel + 1 < width * height)
            {
                Emit(1);
            }
        }

        Emit(5); // end of information
        if (count > 0)
        {
            data.Add((byte)bits);
        }

        var gif = new List<byte>("GIF89a"u8.ToArray());
        gif.AddRange([(byte)width, (byte)(width >> 8), (byte)height, (byte)(height >> 8), 0x80, 0, 0, 0, 0, 0, 255, 0, 0]);
        gif.AddRange([0x2C, 0, 0, 0, 0, (byte)width, (byte)(width >> 8), (byte)height, (byte)(height >> 8), 0, 2]);
        foreach (var block in data.Chunk(255))
        {
            gif.Add((byte)block.Length);
            gif.AddRange(block);
        }

        gif.AddRange([0, 0x3B]);
        return [.. gif];
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
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
