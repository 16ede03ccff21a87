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
/// words and pairs per configuration, then it starts again), and holds only words of published text.
/// </para>
/// </summary>
internal sealed class SearchSnippets
{
    /// <summary>Words a snippet shows at most.</summary>
    public const int Words = 30;

    /// <summary>Words read for a first match; a match further on is not shown, and the snippet is the text's start.</summary>
    public const int MaxWordsRead = 5000;

    private const int MaxKept = 50_000;

    // Longer words (a URL, a run of characters without spaces) are parsed for the request alone.
    private const int MaxKeptWordLength = 64;

    // Words read ahead per result when a parse is missing: 100 in the first round trip, then twice as
    // many each round, never past the words a snippet can read.
    private const int FirstBatch = 100;

    private const string Parse = """
        SELECT search_is_suffix(f.word) AS is_suffix,
               tsvector_to_array(to_tsvector(@Config::regconfig, f.word || coalesce(f.next, ''))) AS lexemes
        FROM unnest(@Texts::text[], @Nexts::text[]) WITH ORDINALITY AS w(word, next, n)
        CROSS JOIN LATERAL (SELECT search_config_letters(@Config::regconfig, w.word) AS word,
                                   search_config_letters(@Config::regconfig, w.next) AS next) f
        ORDER BY w.n
        """;

    // Per configuration, keyed by the word as written, or a word and the suffix after it joined by U+0000
    // (which PostgreSQL text never holds).
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, WordParse>> _kept = new(StringComparer.Ordinal);

    /// <summary>The snippets of the sources (each a result's excerpt, a space and its body's text), in order.</summary>
    public async Task<string[]> HtmlAsync(
        NpgsqlConnection conn, string config, IEnumerable<string> queryLexemes, IReadOnlyList<string> sources, CancellationToken ct)
    {
        // A query has a few lexemes: a word's are compared with them in turn, without hashing each.
        var query = queryLexemes.Distinct(StringComparer.Ordinal).ToArray();
        var drafts = sources.Select(source => new Draft(source)).ToArray();
        var kept = _kept.GetOrAdd(config, _ => new ConcurrentDictionary<string, WordParse>(StringComparer.Ordinal));
        var parses = new Parses(kept);
        for (var batch = FirstBatch; ; batch = Math.Min(2 * batch, MaxWordsRead))
        {
            var unknown = new HashSet<string>(StringComparer.Ordinal);
            foreach (var draft in drafts)
            {
                draft.Read(query, parses, unknown, batch);
            }

            if (unknown.Count == 0)
            {
                return drafts.Select(d => d.Html()).ToArray();
            }

            var keys = unknown.ToArray();
            var words = keys.Select(key => key.Split('\0')).ToArray();
            var parsed = (await conn.QueryAsync<WordParse>(new CommandDefinition(Parse, new
            {
                Config = config,
                Texts = words.Select(word => word[0]).ToArray(),
                Nexts = words.Select(word => word is [_, var next] ? next : null).ToArray(),
            }, cancellationToken: ct))).ToArray();
            var room = MaxKept - kept.Count;
            if (room <= 0)
            {
                kept.Clear();
                room = MaxKept;
            }

            for (var i = 0; i < keys.Length; i++)
            {
                parses.Add(keys[i], parsed[i], keep: keys[i].Length <= MaxKeptWordLength && room-- > 0);
            }
        }
    }

    /// <summary>
    /// Where a text's words are: what lies between runs of white space, as search_snippet (migration
    /// 0010) cut it: PostgreSQL's white space in the C.UTF-8 locale, and no-break spaces. Found only as
    /// far as they are asked for: a snippet of a word in most posts ends within the first few dozen words,
    /// and finding all of every result's words was a tenth of a search's CPU time in the service.
    /// </summary>
    internal sealed class WordRanges(string text)
    {
        private readonly List<Range> _found = [];
        private int _next;

        public Range this[int i] => _found[i];

        /// <summary>Whether the text has a word i (from 0); reads no further than that word.</summary>
        public bool Has(int i)
        {
            while (_found.Count <= i && FindNext())
            {
            }

            return i < _found.Count;
        }

        /// <summary>How many of the first n words the text has.</summary>
        public int CountUpTo(int n) => Has(n - 1) ? n : _found.Count;

        private bool FindNext()
        {
            var start = _next;
            while (start < text.Length && IsSpace(text[start]))
            {
                start++;
            }

            var end = start;
            while (end < text.Length && !IsSpace(text[end]))
            {
                end++;
            }

            _next = end;
            if (end == start)
            {
                return false;
            }

            _found.Add(start..end);
            return true;
        }
    }

    // .NET's white space but the next line control (U+0085) and the figure space (U+2007), which
    // PostgreSQL's [[:space:]] in the C.UTF-8 locale leaves in words.
    private static bool IsSpace(char c) => char.IsWhiteSpace(c) && c is not ('\u0085' or '\u2007');

    /// <summary>What the configuration makes of a word: whether it is a Persian suffix, and its lexemes.</summary>
    private sealed record WordParse
    {
        public bool IsSuffix { get; init; }
        public string[] Lexemes { get; init; } = [];

        public bool Matches(string[] query)
        {
            foreach (var lexeme in Lexemes)
            {
                if (Array.IndexOf(query, lexeme) >= 0)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>
    /// The parses a request can use: those kept, and its own (so that it always progresses, however often
    /// the kept ones start again, and has the long words it does not keep). Looked up by the words' spans:
    /// no string is made for a known word.
    /// </summary>
    private sealed class Parses(ConcurrentDictionary<string, WordParse> kept)
    {
        private readonly Dictionary<string, WordParse>.AlternateLookup<ReadOnlySpan<char>> _own =
            new Dictionary<string, WordParse>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

        private readonly ConcurrentDictionary<string, WordParse>.AlternateLookup<ReadOnlySpan<char>> _kept =
            kept.GetAlternateLookup<ReadOnlySpan<char>>();

        public WordParse? Find(ReadOnlySpan<char> key) =>
            _own.TryGetValue(key, out var parse) || _kept.TryGetValue(key, out parse) ? parse : null;

        public void Add(string key, WordParse parse, bool keep)
        {
            _own.Dictionary[key] = parse;
            if (keep)
            {
                kept[key] = parse;
            }
        }
    }

    /// <summary>One result's words, read up to the end of its snippet as the words' parses become known.</summary>
    private sealed class Draft(string source)
    {
        private readonly WordRanges _words = new(source);
        private readonly List<bool> _hits = [];
        // The last two words' parses: each word is read as the word and then as the next one.
        private (int Position, WordParse? Parse) _last = (-1, null), _beforeLast = (-1, null);
        private int _firstHit = -1;

        // Words are read to the end of the snippet after the first match, and a match is looked for in the first MaxWordsRead.
        private int Limit => Math.Min(_firstHit < 0 ? MaxWordsRead : _firstHit + Words, MaxWordsRead);

        private ReadOnlySpan<char> Word(int i) => source.AsSpan(_words[i]);

        /// <summary>Reads words while their parses are known; at the first that is not, asks for the next batch's.</summary>
        public void Read(string[] query, Parses parses, HashSet<string> unknown, int batch)
        {
            while (_hits.Count < Limit && _words.Has(_hits.Count))
            {
                var i = _hits.Count;
                if (Matches(i, query, parses, unknown) is not { } hit)
                {
                    AskAhead(i, Math.Min(i + batch, MaxWordsRead), parses, unknown);
                    return;
                }

                _hits.Add(hit);
                if (hit && _firstHit < 0)
                {
                    _firstHit = i;
                }
            }
        }

        // The unknown words from..to, and the pairs of a word and a suffix after it whose words are known.
        private void AskAhead(int from, int to, Parses parses, HashSet<string> unknown)
        {
            for (var j = from; j <= to && _words.Has(j); j++)
            {
                if (parses.Find(Word(j)) is null)
                {
                    unknown.Add(Word(j).ToString());
                }
                else if (_words.Has(j + 1) && parses.Find(Word(j + 1)) is { IsSuffix: true } && parses.Find(Pair(j)) is null)
                {
                    unknown.Add(Pair(j));
                }
            }
        }

        // A word and the word after it, as the kept parses name the pair.
        private string Pair(int i) => string.Concat(Word(i), "\0", Word(i + 1));

        // Null when a parse it needs is not known yet (and then added to unknown).
        private bool? Matches(int i, string[] query, Parses parses, HashSet<string> unknown)
        {
            if (At(i) is not { } word)
            {
                return null;
            }

            if (word.Matches(query))
            {
                return true;
            }

            if (_words.Has(i + 1))
            {
                if (At(i + 1) is not { } next)
                {
                    return null;
                }

                if (next.IsSuffix)
                {
                    if (Known(Pair(i)) is not { } joined)
                    {
                        return null;
                    }

                    if (joined.Matches(query))
                    {
                        return true;
                    }
                }
            }

            if (word.IsSuffix && i > 0)
            {
                return Known(Pair(i - 1)) is { } joined ? joined.Matches(query) : null;
            }

            return false;

            // A word's parse, looked up once per position.
            WordParse? At(int position)
            {
                if (_last.Position == position)
                {
                    return _last.Parse;
                }

                if (_beforeLast.Position == position)
                {
                    return _beforeLast.Parse;
                }

                var parse = Known(Word(position));
                if (parse is not null)
                {
                    (_beforeLast, _last) = (_last, (position, parse));
                }

                return parse;
            }

            WordParse? Known(ReadOnlySpan<char> key)
            {
                var parse = parses.Find(key);
                if (parse is null)
                {
                    unknown.Add(key.ToString());
                }

                return parse;
            }
        }

        /// <summary>The snippet: a third of its words before the first match, or the text's start when none matched.</summary>
        public string Html()
        {
            var start = Math.Max(0, _firstHit - (Words / 3));
            var stop = _words.CountUpTo(start + Words);
            start = Math.Max(0, Math.Min(start, stop - Words));
            var words = Enumerable.Range(start, stop - start).Select(i => Word(i).ToString()).ToArray();
            var hits = Enumerable.Range(start, stop - start).Select(i => i < _hits.Count && _hits[i]).ToArray();
            return SearchSnippet.Html(words, hits, cutBefore: start > 0, cutAfter: _words.Has(stop));
        }
    }
}
