using System.Collections.Frozen;
using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;

namespace Nejat.Cms.Api.Features.Desk;

/// <summary>One built file of the desk, with its type, a strong ETag and (made on first use) its Brotli form.</summary>
internal sealed class DeskFile(string contentType, byte[] bytes)
{
    private readonly Lazy<byte[]?> _brotli = new(() => Compress(contentType, bytes));

    public string ContentType { get; } = contentType;

    public byte[] Bytes { get; } = bytes;

    public string ETag { get; } = $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..32]}\"";

    /// <summary>Brotli bytes for text files, compressed once per process rather than per request; null when not worth it.</summary>
    public byte[]? Brotli => _brotli.Value;

    private static byte[]? Compress(string contentType, byte[] bytes)
    {
        if (!contentType.StartsWith("text/", StringComparison.Ordinal) || bytes.Length < 1024)
        {
            return null;
        }

        using var output = new MemoryStream();
        using (var brotli = new BrotliStream(output, CompressionLevel.SmallestSize))
        {
            brotli.Write(bytes);
        }

        return output.ToArray();
    }
}

/// <summary>
/// The desk's built front end (desk/ → Features/Desk/wwwroot, committed), embedded in the assembly as
/// resources named "desk/…" so a published service carries it with no extra files to copy.
/// </summary>
internal static class DeskFiles
{
    private const string Prefix = "desk/";

    private static readonly FrozenDictionary<string, string> Types = new Dictionary<string, string>
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".woff2"] = "font/woff2",
        [".png"] = "image/png",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Files by their path under /admin/ ("index.html", "assets/index-abc123.js").</summary>
    public static FrozenDictionary<string, DeskFile> Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(Prefix, StringComparison.Ordinal))
            .ToFrozenDictionary(name => name[Prefix.Length..].Replace('\\', '/'), name =>
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                using var bytes = new MemoryStream();
                stream.CopyTo(bytes);
                return new DeskFile(Types.GetValueOrDefault(Path.GetExtension(name), "application/octet-stream"), bytes.ToArray());
            }, StringComparer.Ordinal);
    }
}
