using System.Collections.Concurrent;
using Dapper;
using Npgsql;

namespace Nejat.Cms.Api.Features.Search;

/// <summary>
/// Makes results' snippets: up to <see cref="Words"/> words of a result's excerpt and body around its first
/// word that matches one of the query's lexemes, the matching words marked (<see cref="SearchSnippet"/>).
/// A word matches when the edition's text search configuration parses it (folded by
/// search_config_letters, then to_tsvector) to one of the query's lexemes: alone, joined to a Persian
/// suffix written apart after it (خانه ها), or, being such a suffix, joined to the word before.
/// <para>
/// PostgreSQL parses the words, and what it answers is kept: a word's lexemes depend only on the
/// configuration and the word, and a publisher's text reuses a small vocabulary, so most search pages ask
/// PostgreSQL nothing for their snippets. Parsing the words of every result on every search cost 1–2 ms of
/// PostgreSQL's time per result, most of a search's cost. What is kept is bounded (<see cref="MaxKept"/>
/// words and pairs, then it starts again), and holds only words of published text.
/// </para>
/// </summary>
internal sealed class SearchSnippets
{
    /// <summary>Words a snippet shows at most.</summary>
    public const int Words = 30;

    /// <summary>Words read for a first match; a match further on is not shown, and the snippet is the text's start.</summary>
    public const int MaxWordsRead = 5000;

    private const int MaxKept = 200_000;

    // Words parsed per result in the first round trip; each further round trip parses twice as many.
    private const int FirstBatch = 100;

    private const string Parse = """
        SELECT search_is_suffix(f.word) AS is_suffix,
               tsvector_to_array(to_tsvector(@Config::regconfig, f.word || coalesce(f.next, ''))) AS lexemes
        FROM unnest(@Texts::text[], @Nexts::text[]) WITH ORDINALITY AS w(word, next, n)
        CROSS JOIN LATERAL (SELECT search_config_letters(@Config::regconfig, w.word) AS word,
                                   search_config_letters(@Config::regconfig, w.next) AS next) f
        ORDER BY w.n
        """;

    private readonly ConcurrentDictionary<WordKey, WordParse> _parses = new();

    /// <summary>The snippets of the sources (each a result's excerpt, a space and its body's text), in order.</summary>
    public async Task<string[]> HtmlAsync(
        NpgsqlConnection conn, string config, IEnumerable<string> queryLexemes, IReadOnlyList<string> sources, CancellationToken ct)
    {
        var query = queryLexemes.ToHashSet(StringComparer.Ordinal);
        var drafts = sources.Select(source => new Draft(config, SplitWords(source))).ToArray();
        // This request's own parses too, so that it always progresses however often the kept ones start again.
        var parsedHere = new Dictionary<WordKey, WordParse>();
        for (var batch = FirstBatch; ; batch *= 2)
        {
            var unknown = new HashSet<WordKey>();
            foreach (var draft in drafts)
            {
                draft.Read(query, Known, unknown, batch);
            }

            if (unknown.Count == 0)
            {
                return drafts.Select(d => d.Html()).ToArray();
            }

            foreach (var (key, parse) in await ParseAsync(conn, config, unknown, ct))
            {
                parsedHere[key] = parse;
            }
        }

        WordParse? Known(WordKey key) => parsedHere.TryGetValue(key, out var parse) || _parses.TryGetValue(key, out parse) ? parse : null;
    }

    /// <summary>The text's words: what lies between runs of white space.</summary>
    public static string[] SplitWords(string text)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || char.IsWhiteSpace(text[i]))
            {
                if (start >= 0)
                {
                    words.Add(text[start..i]);
                    start = -1;
                }
            }
            else if (start < 0)
            {
                start = i;
            }
        }

        return [.. words];
    }

    private async Task<IEnumerable<KeyValuePair<WordKey, WordParse>>> ParseAsync(
        NpgsqlConnection conn, string config, HashSet<WordKey> unknown, CancellationToken ct)
    {
        var keys = unknown.ToArray();
        var parses = (await conn.QueryAsync<WordParse>(new CommandDefinition(Parse, new
        {
            Config = config,
            Texts = keys.Select(k => k.Word).ToArray(),
            Nexts = keys.Select(k => k.Next).ToArray(),
        }, cancellationToken: ct))).ToArray();
        if (_parses.Count + keys.Length > MaxKept)
        {
            _parses.Clear();
        }

        var parsed = keys.Zip(parses, KeyValuePair.Create).ToArray();
        foreach (var (key, parse) in parsed)
        {
            _parses[key] = parse;
        }

        return parsed;
    }

    /// <summary>A word (or a word and the suffix written after it) in a configuration.</summary>
    private readonly record struct WordKey(string Config, string Word, string? Next);

    /// <summary>What the configuration makes of a word: whether it is a Persian suffix, and its lexemes.</summary>
    private sealed record WordParse
    {
        public bool IsSuffix { get; init; }
        public string[] Lexemes { get; init; } = [];
    }

    /// <summary>One result's words, read up to the end of its snippet as the words' parses become known.</summary>
    private sealed class Draft(string config, string[] words)
    {
        private readonly List<bool> _hits = [];
        private int _firstHit = -1;

        private int End => Math.Min(_firstHit < 0 ? words.Length : _firstHit + Words, Math.Min(words.Length, MaxWordsRead));

        /// <summary>Reads words while their parses are known; at the first that is not, asks for the next batch's.</summary>
        public void Read(HashSet<string> query, Func<WordKey, WordParse?> known, HashSet<WordKey> unknown, int batch)
        {
            while (_hits.Count < End)
            {
                var i = _hits.Count;
                if (Matches(i, query, known, unknown) is not { } hit)
                {
                    for (var j = i; j <= Math.Min(words.Length - 1, i + batch); j++)
                    {
                        var key = new WordKey(config, words[j], null);
                        if (known(key) is null)
                        {
                            unknown.Add(key);
                        }
                    }

                    return;
                }

                _hits.Add(hit);
                if (hit && _firstHit < 0)
                {
                    _firstHit = i;
                }
            }
        }

        // Null when a parse it needs is not known yet (and then added to unknown).
        private bool? Matches(int i, HashSet<string> query, Func<WordKey, WordParse?> known, HashSet<WordKey> unknown)
        {
            if (Known(new WordKey(config, words[i], null)) is not { } word)
            {
                return null;
            }

            if (word.Lexemes.Any(query.Contains))
            {
                return true;
            }

            if (i + 1 < words.Length)
            {
                if (Known(new WordKey(config, words[i + 1], null)) is not { } next)
                {
                    return null;
                }

                if (next.IsSuffix)
                {
                    if (Known(new WordKey(config, words[i], words[i + 1])) is not { } joined)
                    {
                        return null;
                    }

                    if (joined.Lexemes.Any(query.Contains))
                    {
                        return true;
                    }
                }
            }

            if (word.IsSuffix && i > 0)
            {
                if (Known(new WordKey(config, words[i - 1], words[i])) is not { } joined)
                {
                    return null;
                }

                return joined.Lexemes.Any(query.Contains);
            }

            return false;

            WordParse? Known(WordKey key)
            {
                var parse = known(key);
                if (parse is null)
                {
                    unknown.Add(key);
                }

                return parse;
            }
        }

        /// <summary>The snippet: a third of its words before the first match, or the text's start when none matched.</summary>
        public string Html()
        {
            var count = words.Length;
            var start = Math.Max(0, _firstHit - (Words / 3));
            var stop = Math.Min(count, start + Words);
            start = Math.Max(0, Math.Min(start, stop - Words));
            var hits = Enumerable.Range(start, stop - start).Select(i => i < _hits.Count && _hits[i]).ToArray();
            return SearchSnippet.Html(words[start..stop], hits, cutBefore: start > 0, cutAfter: stop < count);
        }
    }
}
