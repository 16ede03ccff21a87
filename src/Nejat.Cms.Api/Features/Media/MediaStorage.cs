using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Nejat.Cms.Api.Hosting;

namespace Nejat.Cms.Api.Features.Media;

/// <summary>An upload written to a temporary place and hashed on the way; then placed under its hash or discarded.</summary>
internal sealed record StagedUpload(string TempName, string Sha256, long Size);

/// <summary>A stored file and when it was last written or re-uploaded (the sweeper's grace period runs from then).</summary>
internal sealed record StoredFile(string Sha256, DateTime WrittenAtUtc);

/// <summary>
/// Where media bytes live. Files are named only by their SHA-256 (and renditions by a width and a
/// format), never by anything a client sends, so no request can reach outside the store.
/// </summary>
internal interface IMediaStorage
{
    /// <summary>Writes <paramref name="head"/> then the rest of <paramref name="rest"/> to a temporary file, hashing as it goes; null, with nothing left behind, when more than <paramref name="limit"/> bytes come.</summary>
    Task<StagedUpload?> StageAsync(ReadOnlyMemory<byte> head, Stream rest, long limit, CancellationToken ct);

    Stream OpenStaged(StagedUpload file);

    /// <summary>Moves a staged file under its hash; when those bytes are stored already the copy is dropped and the stored file's time refreshed.</summary>
    void Place(StagedUpload file);

    void Discard(StagedUpload file);

    /// <summary>The stored file, or null.</summary>
    Stream? OpenRead(string sha256);

    Stream? OpenRendition(string sha256, string name);

    bool RenditionExists(string sha256, string name);

    /// <summary>
    /// Saves a rendition atomically, so readers see all of it or none: <paramref name="write"/> writes it to a
    /// temporary file, which is moved into place when it returns true and deleted when it returns false or throws.
    /// </summary>
    bool SaveRendition(string sha256, string name, Func<Stream, bool> write);

    IEnumerable<StoredFile> ListStored();

    /// <summary>The stored file's current time, or null when it is gone.</summary>
    DateTime? WrittenAt(string sha256);

    /// <summary>Deletes a stored file and its renditions.</summary>
    void Delete(string sha256);

    /// <summary>Deletes temporary files (of uploads that crashed or renditions cut short) older than the cutoff; returns how many.</summary>
    int DeleteTempsOlderThan(DateTime cutoffUtc);
}

/// <summary>
/// The store on the local file system, under <c>Cms__DataDir</c>/media: <c>files/ab/&lt;sha256&gt;</c>,
/// <c>renditions/ab/&lt;sha256&gt;/&lt;name&gt;</c> and <c>tmp/</c> for writes in progress. Every write goes to
/// tmp first, is flushed to disk, then renamed into place, so a file under its hash is always whole.
/// </summary>
internal sealed partial class LocalMediaStorage : IMediaStorage
{
    private readonly string _files;
    private readonly string _renditions;
    private readonly string _tmp;

    // A relative data directory is the application's, as the embedded cluster's is (CmsDatabase.DataDirectory).
    public LocalMediaStorage(IOptions<CmsOptions> options, IHostEnvironment environment)
        : this(Path.GetFullPath(options.Value.DataDir, environment.ContentRootPath))
    {
    }

    /// <summary>The store under an absolute data directory (an import, which has no host environment).</summary>
    internal LocalMediaStorage(string dataDir)
    {
        var root = Path.Combine(dataDir, "media");
        _files = Path.Combine(root, "files");
        _renditions = Path.Combine(root, "renditions");
        _tmp = Path.Combine(root, "tmp");
        Directory.CreateDirectory(_files);
        Directory.CreateDirectory(_renditions);
        Directory.CreateDirectory(_tmp);
    }

    public async Task<StagedUpload?> StageAsync(ReadOnlyMemory<byte> head, Stream rest, long limit, CancellationToken ct)
    {
        var name = $"{Guid.NewGuid():N}.upload";
        var path = Path.Combine(_tmp, name);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long size = head.Length;
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 0, FileOptions.Asynchronous))
            {
                hash.AppendData(head.Span);
                await file.WriteAsync(head, ct);
                var buffer = new byte[81920];
                int read;
                while (size <= limit && (read = await rest.ReadAsync(buffer, ct)) > 0)
                {
                    size += read;
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                }

                if (size <= limit)
                {
                    file.Flush(flushToDisk: true);
                }
            }

            if (size > limit)
            {
                File.Delete(path);
                return null;
            }

            return new StagedUpload(name, Convert.ToHexStringLower(hash.GetHashAndReset()), size);
        }
        catch
        {
            File.Delete(path); // a broken or aborted upload leaves nothing
            throw;
        }
    }

    public Stream OpenStaged(StagedUpload file) => File.OpenRead(Path.Combine(_tmp, Checked(file.TempName)));

    public void Place(StagedUpload file)
    {
        var staged = Path.Combine(_tmp, Checked(file.TempName));
        var target = FilePath(file.Sha256);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (File.Exists(target))
        {
            File.Delete(staged);
            File.SetLastWriteTimeUtc(target, DateTime.UtcNow);
            return;
        }

        File.Move(staged, target);
    }

    public void Discard(StagedUpload file) => File.Delete(Path.Combine(_tmp, Checked(file.TempName)));

    public Stream? OpenRead(string sha256) => OpenIfExists(FilePath(sha256));

    public Stream? OpenRendition(string sha256, string name) => OpenIfExists(RenditionPath(sha256, name));

    public bool RenditionExists(string sha256, string name) => File.Exists(RenditionPath(sha256, name));

    public bool SaveRendition(string sha256, string name, Func<Stream, bool> write)
    {
        var target = RenditionPath(sha256, name);
        var temp = Path.Combine(_tmp, $"{Guid.NewGuid():N}.rendition");
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920))
            {
                if (!write(file))
                {
                    return false;
                }

                file.Flush(flushToDisk: true);
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(temp, target, overwrite: true);
            return true;
        }
        finally
        {
            File.Delete(temp); // nothing there once moved
        }
    }

    public IEnumerable<StoredFile> ListStored() =>
        Directory.EnumerateFiles(_files, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetFileName(path))
            .Where(name => Sha256Pattern().IsMatch(name))
            .Select(name => new StoredFile(name, File.GetLastWriteTimeUtc(FilePath(name))));

    public DateTime? WrittenAt(string sha256) => File.Exists(FilePath(sha256)) ? File.GetLastWriteTimeUtc(FilePath(sha256)) : null;

    public void Delete(string sha256)
    {
        var renditions = RenditionDirectory(sha256);
        if (Directory.Exists(renditions))
        {
            Directory.Delete(renditions, recursive: true);
        }

        File.Delete(FilePath(sha256));
    }

    public int DeleteTempsOlderThan(DateTime cutoffUtc)
    {
        var deleted = 0;
        foreach (var path in Directory.EnumerateFiles(_tmp))
        {
            if (File.GetLastWriteTimeUtc(path) < cutoffUtc)
            {
                File.Delete(path);
                deleted++;
            }
        }

        return deleted;
    }

    private string FilePath(string sha256) => Path.Combine(_files, Checked(sha256)[..2], sha256);

    private string RenditionDirectory(string sha256) => Path.Combine(_renditions, Checked(sha256)[..2], sha256);

    private string RenditionPath(string sha256, string name) =>
        Path.Combine(RenditionDirectory(sha256), RenditionNamePattern().IsMatch(name) ? name : throw new ArgumentException($"Not a rendition name: {name}", nameof(name)));

    private static FileStream? OpenIfExists(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 4096, FileOptions.Asynchronous);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    // Names come from this class and hashes from this service, but the check makes any slip a failure, not a path.
    private static string Checked(string name) =>
        Sha256Pattern().IsMatch(name) || TempNamePattern().IsMatch(name) ? name : throw new ArgumentException($"Not a stored file name: {name}", nameof(name));

    [GeneratedRegex("^[0-9a-f]{64}$")]
    internal static partial Regex Sha256Pattern();

    [GeneratedRegex("^[0-9a-f]{32}\\.upload$")]
    private static partial Regex TempNamePattern();

    [GeneratedRegex("^[1-9][0-9]{0,8}\\.(jpg|png|webp)$")]
    private static partial Regex RenditionNamePattern();
}
