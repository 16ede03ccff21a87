using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;

namespace Nejat.Cms.Api.Features.Desk;

/// <summary>One built file of the desk: its type, bytes, a strong ETag and the Brotli copy the build made, if any.</summary>
internal sealed record DeskFile(string ContentType, byte[] Bytes, byte[]? Brotli)
{
    public string ETag { get; } = $"\"{Convert.ToHexStringLower(SHA256.HashData(Bytes))[..32]}\"";
}

/// <summary>
/// The desk's built front end (desk/ → Features/Desk/wwwroot, committed), embedded in the assembly as
/// resources named "desk/…" so a published service carries it with no extra files to copy. The build
/// writes a Brotli copy (name.br) of each script and style sheet, so nothing is compressed at run time.
/// </summary>
internal static class DeskFiles
{
    private const string Prefix = "desk/";
    private const string BrotliSuffix = ".br";

    private static readonly FrozenDictionary<string, string> Types = new Dictionary<string, string>
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Files by their path under /admin/ ("index.html", "assets/index-abc123.js").</summary>
    public static FrozenDictionary<string, DeskFile> Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var resources = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(Prefix, StringComparison.Ordinal))
            .ToDictionary(name => name[Prefix.Length..].Replace('\\', '/'), name => Read(assembly, name), StringComparer.Ordinal);
        return resources.Where(r => !r.Key.EndsWith(BrotliSuffix, StringComparison.Ordinal))
            .ToFrozenDictionary(r => r.Key, r => new DeskFile(
                Types.GetValueOrDefault(Path.GetExtension(r.Key), "application/octet-stream"), r.Value, resources.GetValueOrDefault(r.Key + BrotliSuffix)),
                StringComparer.Ordinal);
    }

    private static byte[] Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }
}
