using Microsoft.Extensions.Caching.Memory;
using Nejat.Cms.Api.Hosting;

namespace Nejat.Cms.Api.Features.Posts;

/// <summary>
/// Deep numbered pages without deep OFFSETs. A numbered page deep in a list remembers where it
/// starts and where the next one starts (the key of the post just before each), per filter,
/// publishedAt range and content version; the same page, or the next one ("Older Posts"), is then
/// one keyset range like a cursor. The first visit after a change pays the OFFSET once. Entries of
/// an old content version are never looked up again and expire.
/// </summary>
internal sealed class PostPageAnchors(ContentVersions versions) : IDisposable
{
    /// <summary>Offsets below this are cheap enough to skip (a few hundred index entries).</summary>
    public const int DeepOffset = 500;

    private readonly MemoryCache anchors = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    /// <summary>The cache key of a page's start, or null when the page is not deep or the edition unknown.</summary>
    public string? KeyFor(string edition, string? tag, string? author, PublishedRange? range, int offset) =>
        offset >= DeepOffset && versions.Of(edition) is { } version
            ? $"{edition}|{tag}|{author}|{range?.From.Ticks}|{range?.To.Ticks}|{version.Number}|{offset}"
            : null;

    /// <summary>The key (publishedAt, id) of the post just before the page at that key, if known.</summary>
    public bool TryGet(string key, out (DateTime At, long Id) anchor) => anchors.TryGetValue(key, out anchor);

    public void Remember(string? key, PostSummaryRow postBefore)
    {
        if (key is not null)
        {
            anchors.Set(key, (postBefore.PublishedAt, postBefore.Id),
                new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) });
        }
    }

    public void Dispose() => anchors.Dispose();
}
