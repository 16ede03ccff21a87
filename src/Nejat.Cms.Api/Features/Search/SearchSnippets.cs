using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Hashing;
using System.Runtime.InteropServices;
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
/// <para>
/// A text all of whose words and pairs are kept is known (<see cref="Vocabulary"/>): its first match is
/// then looked for as text, with a vectorised search for the kept words whose parse gives a query lexeme,
/// and only the words around it are read. Reading a result's words one by one to its first match was a
/// third of a common word's search in the service (on the benchmark's data the match is 150-450 words in).
/// A text is learnt, read to its end, the first time it is a result.
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

    /// <summary>Known texts kept per configuration at most; past it, texts are no longer learnt until the vocabulary starts again.</summary>
    private const int MaxKnownTexts = 100_000;

    private readonly ConcurrentDictionary<string, Vocabulary> _vocabularies = new(StringComparer.Ordinal);
    private long _foundAsText;

    /// <summary>The snippets of the sources (each a result's excerpt, a space and its body's text), in order.</summary>
    public async Task<string[]> HtmlAsync(
        NpgsqlConnection conn, string config, IEnumerable<string> queryLexemes, IReadOnlyList<string> sources, CancellationToken ct)
    {
        // A query has a few lexemes: a word's are compared with them in turn, without hashing each.
        var query = queryLexemes.Distinct(StringComparer.Ordinal).ToArray();
        var parses = new Parses(_vocabularies.GetOrAdd(config, _ => new Vocabulary()));
        var html = new string?[sources.Count];
        var hashes = sources.Select(Hash).ToArray();
        // Which texts are known is read before the words giving the lexemes: a text is known only once
        // its words are kept, and a word gives its lexemes before it is kept.
        var known = hashes.Select(parses.Vocabulary.IsKnown).ToArray();
        if (known.Contains(true))
        {
            var firstMatches = FirstMatches.Of(parses.Vocabulary, query);
            for (var i = 0; i < sources.Count; i++)
            {
                html[i] = known[i] ? firstMatches.SnippetOf(sources[i], query, parses) : null;
                if (html[i] is not null)
                {
                    Interlocked.Increment(ref _foundAsText);
                }
            }
        }

        var drafts = Enumerable.Range(0, sources.Count).Where(i => html[i] is null)
            .Select(i => (Index: i, Draft: new Draft(sources[i]))).ToArray();
        for (var batch = FirstBatch; ; batch = Math.Min(2 * batch, MaxWordsRead))
        {
            var unknown = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (_, draft) in drafts)
            {
                draft.Read(query, parses, unknown, batch);
                draft.Learn(parses, unknown);
            }

            if (unknown.Count == 0)
            {
                foreach (var (index, draft) in drafts)
                {
                    draft.LearntIn?.Know(hashes[index]);
                    html[index] = draft.Html();
                }

                return html!;
            }

            var keys = unknown.ToArray();
            var words = keys.Select(key => key.Split('\0')).ToArray();
            var parsed = (await conn.QueryAsync<WordParse>(new CommandDefinition(Parse, new
            {
                Config = config,
                Texts = words.Select(word => word[0]).ToArray(),
                Nexts = words.Select(word => word is [_, var next] ? next : null).ToArray(),
            }, cancellationToken: ct))).ToArray();
            var room = MaxKept - parses.Vocabulary.Parses.Count;
            if (room <= 0)
            {
                var fresh = new Vocabulary();
                _vocabularies[config] = fresh;
                parses.StartAgain(fresh);
                room = MaxKept;
            }

            for (var i = 0; i < keys.Length; i++)
            {
                parses.Add(keys[i], parsed[i], keep: keys[i].Length <= MaxKeptWordLength && room-- > 0);
            }
        }
    }

    /// <summary>How many snippets have been found as text (of known texts) since the service started.</summary>
    internal long FoundAsText => Interlocked.Read(ref _foundAsText);

    /// <summary>Whether the text is known in the configuration: its snippets are found as text.</summary>
    internal bool IsKnown(string config, string text) =>
        _vocabularies.TryGetValue(config, out var vocabulary) && vocabulary.IsKnown(Hash(text));

    private static ulong Hash(string text) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(text.AsSpan()));

    /// <summary>
    /// What a configuration's snippets know: the words' parses kept, keyed by the word as written or a
    /// word and the suffix after it joined by U+0000 (which PostgreSQL text never holds); for each lexeme,
    /// the kept words that give it (alone or with the suffix after them); and the texts, by their hash,
    /// whose every word and pair is kept. It only grows until it starts again (a new one replaces it).
    /// </summary>
    private sealed class Vocabulary
    {
        private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _wordsGiving = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<ulong, byte> _knownTexts = new();
        private int _knownCount;

        public ConcurrentDictionary<string, WordParse> Parses { get; } = new(StringComparer.Ordinal);

        public void Keep(string key, WordParse parse)
        {
            // The lexemes' words first: a known text's words are always found by its lexemes.
            var word = key.Split('\0')[0];
            foreach (var lexeme in parse.Lexemes)
            {
                _wordsGiving.GetOrAdd(lexeme, _ => new ConcurrentDictionary<string, byte>(StringComparer.Ordinal)).TryAdd(word, 0);
            }

            Parses[key] = parse;
        }

        /// <summary>The kept words whose parse, alone or with the suffix after them, gives one of the lexemes.</summary>
        public string[] WordsGiving(string[] lexemes) =>
            lexemes.SelectMany(lexeme => _wordsGiving.TryGetValue(lexeme, out var words) ? words.Keys : [])
                .Distinct(StringComparer.Ordinal).ToArray();

        public bool IsKnown(ulong textHash) => _knownTexts.ContainsKey(textHash);

        public void Know(ulong textHash)
        {
            if (Volatile.Read(ref _knownCount) < MaxKnownTexts && _knownTexts.TryAdd(textHash, 0))
            {
                Interlocked.Increment(ref _knownCount);
            }
        }
    }

    /// <summary>
    /// A known text's first match, found as text: the first place one of the kept words giving a query
    /// lexeme stands as a whole word and matches (a word whose pair with a suffix gives the lexeme matches
    /// only before that suffix). No word before it matches, since every word and pair of the text is kept.
    /// The snippet is then made from the words around it alone, as <see cref="Draft"/> makes it.
    /// </summary>
    private sealed class FirstMatches(SearchValues<string>? words, HashSet<string>.AlternateLookup<ReadOnlySpan<char>> isWord)
    {
        public static FirstMatches Of(Vocabulary vocabulary, string[] query)
        {
            var words = vocabulary.WordsGiving(query);
            return new FirstMatches(
                words.Length == 0 ? null : SearchValues.Create(words, StringComparison.Ordinal),
                new HashSet<string>(words, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>());
        }

        /// <summary>The text's snippet, or null when a parse it needs is not kept (the text is then read word by word).</summary>
        public string? SnippetOf(string text, string[] query, Parses parses)
        {
            for (var from = 0; ;)
            {
                var found = words is null ? -1 : text.AsSpan(from).IndexOfAny(words);
                if (found < 0)
                {
                    // No match: the text's start.
                    return Around(text, 0, Words + 1, query, parses, expectedHit: -1, out _);
                }

                var start = from + found;
                var end = start;
                while (end < text.Length && !IsSpace(text[end]))
                {
                    end++;
                }

                from = start + 1;
                if ((start > 0 && !IsSpace(text[start - 1])) || !isWord.Contains(text.AsSpan(start, end - start)))
                {
                    continue;
                }

                // The words the snippet can show around it, and one more each side for pairs with a suffix.
                var before = WordsBefore(text, start, Words + 1);
                var snippet = Around(text, before.Offset, before.Words + 1 + Words + 1, query, parses, expectedHit: before.Words, out var missing);
                if (snippet is not null || missing)
                {
                    return snippet;
                }
            }
        }

        // The snippet of the maxWords words from text[from] when their first match is word expectedHit
        // (-1: none), else null; missing when a parse it needs is not kept. The words before expectedHit
        // are not read: no word before a known text's first candidate matches.
        private static string? Around(string text, int from, int maxWords, string[] query, Parses parses, int expectedHit, out bool missing)
        {
            var draft = new Draft(text, from, maxWords);
            var unknown = new HashSet<string>(StringComparer.Ordinal);
            draft.Skip(expectedHit);
            draft.Read(query, parses, unknown, batch: 0);
            missing = unknown.Count > 0;
            return !missing && draft.FirstHit == expectedHit ? draft.Html() : null;
        }

        // Where the count words before offset start (fewer at the text's start), and how many there are.
        private static (int Offset, int Words) WordsBefore(string text, int offset, int count)
        {
            var words = 0;
            while (words < count)
            {
                var end = offset;
                while (end > 0 && IsSpace(text[end - 1]))
                {
                    end--;
                }

                if (end == 0)
                {
                    break;
                }

                var start = end;
                while (start > 0 && !IsSpace(text[start - 1]))
                {
                    start--;
                }

                (offset, words) = (start, words + 1);
            }

            return (offset, words);
        }
    }

    /// <summary>
    /// Where a text's words are: what lies between runs of white space, as search_snippet (migration
    /// 0010) cut it: PostgreSQL's white space in the C.UTF-8 locale, and no-break spaces. Found only as
    /// far as they are asked for: a snippet of a word in most posts ends within the first few dozen words,
    /// and finding all of every result's words was a tenth of a search's CPU time in the service.
    /// The words are those from text[from], at most maxWords of them.
    /// </summary>
    internal sealed class WordRanges(string text, int from = 0, int maxWords = int.MaxValue)
    {
        private readonly List<Range> _found = [];
        private int _next = from;

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
            if (end == start || _found.Count == maxWords)
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
    private sealed class Parses(Vocabulary vocabulary)
    {
        private readonly Dictionary<string, WordParse>.AlternateLookup<ReadOnlySpan<char>> _own =
            new Dictionary<string, WordParse>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

        private ConcurrentDictionary<string, WordParse>.AlternateLookup<ReadOnlySpan<char>> _kept =
            vocabulary.Parses.GetAlternateLookup<ReadOnlySpan<char>>();

        public Vocabulary Vocabulary { get; private set; } = vocabulary;

        public WordParse? Find(ReadOnlySpan<char> key) =>
            _own.TryGetValue(key, out var parse) || _kept.TryGetValue(key, out parse) ? parse : null;

        public bool IsKept(ReadOnlySpan<char> key) => _kept.ContainsKey(key);

        public void Add(string key, WordParse parse, bool keep)
        {
            _own.Dictionary[key] = parse;
            if (keep)
            {
                Vocabulary.Keep(key, parse);
            }
        }

        /// <summary>Keeps parses in <paramref name="fresh"/> from now on, the vocabulary having started again.</summary>
        public void StartAgain(Vocabulary fresh)
        {
            Vocabulary = fresh;
            _kept = fresh.Parses.GetAlternateLookup<ReadOnlySpan<char>>();
        }
    }

    /// <summary>One result's words, read up to the end of its snippet as the words' parses become known.</summary>
    private sealed class Draft(string source, int from = 0, int maxWords = int.MaxValue)
    {
        private readonly WordRanges _words = new(source, from, maxWords);
        private readonly List<bool> _hits = [];
        // The last two words' parses: each word is read as the word and then as the next one.
        private (int Position, WordParse? Parse) _last = (-1, null), _beforeLast = (-1, null);
        private int _firstHit = -1;

        // Not to be learnt: it has a word not kept, or more than MaxWordsRead.
        private bool _unlearnable;

        /// <summary>The vocabulary that keeps every word and pair of the text, once <see cref="Learn"/> has found them all.</summary>
        public Vocabulary? LearntIn { get; private set; }

        /// <summary>The first matching word, from 0, or -1.</summary>
        public int FirstHit => _firstHit;

        // Words are read to the end of the snippet after the first match, and a match is looked for in the first MaxWordsRead.
        private int Limit => Math.Min(_firstHit < 0 ? MaxWordsRead : _firstHit + Words, MaxWordsRead);

        private ReadOnlySpan<char> Word(int i) => source.AsSpan(_words[i]);

        /// <summary>Takes the first words as not matching, unread (a known text's words before its first match).</summary>
        public void Skip(int words)
        {
            while (_hits.Count < words && _words.Has(_hits.Count))
            {
                _hits.Add(false);
            }
        }

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

        /// <summary>
        /// Learns whether every word of the text, and every pair of a word and a suffix after it, is kept
        /// (<see cref="LearntIn"/>). Those not found yet are added to unknown. A text with a word not kept,
        /// or more words than MaxWordsRead, is never learnt.
        /// </summary>
        public void Learn(Parses parses, HashSet<string> unknown)
        {
            // Learnt in a vocabulary that has since started again: learnt again in the new one.
            if (_unlearnable || LearntIn == parses.Vocabulary)
            {
                return;
            }

            if (_words.Has(MaxWordsRead))
            {
                _unlearnable = true;
                return;
            }

            var missing = false;
            for (var j = 0; _words.Has(j); j++)
            {
                Find(Word(j));
                if (_words.Has(j + 1) && Find(Word(j + 1)) is { IsSuffix: true })
                {
                    Find(Pair(j));
                }
            }

            LearntIn = missing || _unlearnable ? null : parses.Vocabulary;

            WordParse? Find(ReadOnlySpan<char> key)
            {
                var parse = parses.Find(key);
                if (parse is null)
                {
                    unknown.Add(key.ToString());
                    missing = true;
                }
                else if (!parses.IsKept(key))
                {
                    _unlearnable = true;
                }

                return parse;
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
