using Dapper;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Nejat.Cms.Api.Hosting;
using Npgsql;

namespace Nejat.Cms.Api.Features.Search;

/// <summary>
/// The texts results' snippets are made from (a post's excerpt, a space and its body's text:
/// <see cref="SearchText.FromHtml"/>), kept per post and row version up to Cms:SearchTextCacheSizeMb. A
/// search page reads its results' row versions, and the bodies of only the texts not kept. Reading ten
/// results' bodies with every page (detoasting, decompressing and sending about 34 KB, then reading it
/// as text) was about a third of PostgreSQL's CPU time per common-word search on the benchmark's data,
/// and a sixth of the service's (the benchmark README has the figures).
/// <para>
/// A row version is the row's xmin, the transaction that wrote it: any write to a post, whichever
/// statement makes it, gives the post a new one. Transaction ids are used once in a server's life, but
/// a server restored to an earlier point, a promoted standby or a new cluster hands out used ones
/// again, after a start: texts are kept by post, row version and the server's start time. A post whose
/// row version comes round again after 2^32 transactions in one server's life could show an old text.
/// Texts of versions no longer current are not looked up again, and make way for others when the cache
/// is full.
/// </para>
/// </summary>
internal sealed class SearchTexts : IDisposable
{
    // An entry's memory besides its text's characters (the cache's entry, the boxed key, the string's
    // header): 228-230 bytes measured (tests/Nejat.Cms.Bench/search-text-memory.cs). Counted, 64 MB of
    // kept texts grew the heap by 63.2-64.0 MiB whether the texts had 40 or 3,400 characters; uncounted,
    // 40-character texts grew it by 247.5 MiB.
    private const int EntryOverhead = 116;

    // Sizes are in characters.
    private readonly MemoryCache? _texts;

    // A text of more than a 64th of the bound is not kept: adding it could push out many others, and a
    // body that long is rare.
    private readonly long _maxKeptLength;
    private long _bodiesRead;

    public SearchTexts(IOptions<CmsOptions> options)
    {
        var sizeLimit = options.Value.SearchTextCacheSizeMb * 1024L * 1024L / sizeof(char);
        _texts = sizeLimit == 0 ? null : new MemoryCache(new MemoryCacheOptions { SizeLimit = sizeLimit });
        _maxKeptLength = sizeLimit / 64;
    }

    /// <summary>The bodies read from the database so far (for tests).</summary>
    internal long BodiesRead => Interlocked.Read(ref _bodiesRead);

    /// <summary>The texts of the rows, in order: kept ones, then the others read in one statement.</summary>
    public async Task<string[]> OfAsync(NpgsqlConnection conn, IReadOnlyList<SearchRow> rows, CancellationToken ct)
    {
        var texts = new string?[rows.Count];
        var missing = new List<int>();
        for (var i = 0; i < rows.Count; i++)
        {
            if (_texts is null || !_texts.TryGetValue(new Key(rows[i].ServerStartedAt, rows[i].Id, rows[i].RowVersion), out texts[i]))
            {
                missing.Add(i);
            }
        }

        if (missing.Count == 0)
        {
            return texts!;
        }

        var read = (await conn.QueryAsync<SearchTextRow>(new CommandDefinition(
            SearchQueries.Texts, new { Ids = missing.Select(i => rows[i].Id).ToArray() }, cancellationToken: ct))).ToDictionary(post => post.Id);
        Interlocked.Add(ref _bodiesRead, read.Count);
        foreach (var i in missing)
        {
            // A post written since the page was read shows its new text; one deleted or unpublished since, its excerpt.
            if (!read.TryGetValue(rows[i].Id, out var post))
            {
                texts[i] = SearchText.FromHtml("", before: rows[i].Excerpt);
                continue;
            }

            var text = SearchText.FromHtml(post.BodyHtml, before: post.Excerpt);
            if (text.Length <= _maxKeptLength)
            {
                _texts?.Set(new Key(post.ServerStartedAt, post.Id, post.RowVersion), text, new MemoryCacheEntryOptions { Size = text.Length + EntryOverhead });
            }

            texts[i] = text;
        }

        return texts!;
    }

    public void Dispose() => _texts?.Dispose();

    private readonly record struct Key(DateTime ServerStartedAt, long PostId, uint RowVersion);
}
