using System.Collections.Concurrent;
using Nejat.Cms.Api.Database;
using Nejat.Cms.Api.Features.Posts;
using Nejat.Cms.Api.Hosting;

namespace Nejat.Cms.Api.Features.Search;

/// <summary>
/// The search SQL (migration 0010_search.sql has the normaliser, the stored vectors and the
/// indexes). Queries pass through search_prepare (the normaliser) exactly as stored text did, then
/// the edition's text search configuration; websearch_to_tsquery reads "quoted phrases", several words (all must
/// match), "or" and -exclusions, and never fails on what a reader types.
/// </summary>
internal static class SearchQueries
{
    // The edition's configuration, the query, the query's lexemes (for finding and marking snippet words),
    // whether the query excludes words (-word, "!" in the tsquery): a title match of a query that
    // excludes none is a match of the whole text, whose vector holds the title's lexemes at the same
    // positions (migration 0012), so only such a query checks a title match against the whole text;
    // and whether it has a phrase ("quoted words", or a hyphenated word, whose parts websearch_to_tsquery
    // joins as one: "<->" in the tsquery), whose matches no GIN index can tell (Total). A "!" or "<"
    // inside a lexeme only errs towards the slower, always right, way.
    private const string Search = """
        WITH search AS MATERIALIZED (
            SELECT e.search_config AS config, q.query,
                   tsvector_to_array(to_tsvector(e.search_config, search_prepare(e.search_config, @Q))) AS lexemes,
                   strpos(q.query::text, '!') = 0 AS excludes_nothing,
                   strpos(q.query::text, '<') > 0 AS has_phrase
            FROM editions e
            CROSS JOIN LATERAL (SELECT websearch_to_tsquery(e.search_config, search_prepare(e.search_config, @Q)) AS query) q
            WHERE e.code = @Edition)
        """;

    // That the whole text of a title match (the post with this id) matches too: read only when the query excludes words.
    private static string WholeTextMatches(string id) =>
        $"(s.excludes_nothing OR EXISTS (SELECT 1 FROM post_search v WHERE v.post_id = {id} AND v.search_vector @@ s.query))";

    /// <summary>Totals are exact up to this many matches; beyond it a search says "more than" (counting every match of a common word cost most of its time).</summary>
    public const int ExactTotalBound = 1000;

    /// <summary>
    /// How many of the newest posts <see cref="Page"/> reads for title matches, when the matches are many,
    /// for a page ending at row <paramref name="pageEnd"/>: enough for a word in 2.5 % of titles (a word
    /// in most posts was in 3-8 % of their titles), at most 1,000 (1.5-2 ms of reading when they do not
    /// hold enough).
    /// </summary>
    public static long RecentTitleRows(long pageEnd) => Math.Min(pageEnd * 40, 1000);

    // A search's statements have its filters, its page and its count's bound written into them, as the
    // post lists have (PostQueries.List): with them as parameters, a catch-all "(@TagId IS NULL OR …)" and
    // a LIMIT $n PostgreSQL prices as a tenth of the table made every generic plan dearer than a custom
    // one, so every execution was planned again (pg_stat_statements under load: as many plans as calls,
    // 0.5 ms for the total and 1.3-2.4 ms for the page). Written in, each filter combination and page
    // size has a cached generic plan from the sixth execution on. Only a first page's numbers are
    // written in, and the count's usual bound: a page further on sends them as parameters
    // (SearchParameters), so that page numbers do not each make a statement (WrittenPage).
    // Keyed by the page's matches, or none for the total.
    private static readonly ConcurrentDictionary<(SearchMatches? Page, SearchFilterShape Shape), string> Templates = new();

    /// <summary>
    /// The matches, counted up to <paramref name="countLimit"/>: stops early on a word in most posts. A
    /// bound beyond the usual one (a page ending past it) is sent as @CountLimit.
    /// </summary>
    public static string Total(SearchFilter filter, long countLimit)
    {
        var template = Templates.GetOrAdd((null, filter.Shape), Compose);
        return countLimit == ExactTotalBound + 1
            ? template.Replace("@CountLimit", WrittenPage.Number(countLimit), StringComparison.Ordinal)
            : template;
    }

    /// <summary>
    /// One page of results, title matches first, then newest, with each post row's version (the texts
    /// their snippets are made from are kept by it: SearchTexts), read as the total's
    /// <paramref name="matches"/> say.
    /// </summary>
    public static string Page(SearchFilter filter, PageRequest paging, SearchMatches matches)
    {
        var template = Templates.GetOrAdd((matches, filter.Shape), Compose);
        return paging.Offset > 0
            ? template.WithPageWrittenIn(paging.Size, paging.Offset)
            : template
                .Replace("@PageEnd", WrittenPage.Number(paging.Size), StringComparison.Ordinal)
                .Replace("@RecentTitleRows", WrittenPage.Number(RecentTitleRows(paging.Size)), StringComparison.Ordinal)
                .WithPageWrittenIn(paging.Size, offset: 0);
    }

    private static string Compose((SearchMatches? Page, SearchFilterShape Shape) key)
    {
        var filters = Filters(key.Shape, tagWalked: false);
        var edition = new NewestPosts("post_search d", filters, "d.published_at DESC, d.post_id DESC");
        var newest = NewestOfFilter(key.Shape) ?? edition;
        // The matches up to the count's limit; when they are fewer and the query has a phrase, also their
        // ids. The GIN index cannot see word positions, so each candidate with the phrase's words has its
        // whole vector read to check them: finding a phrase's few matches again for the page cost as much
        // as counting them (18 matches of "human rights" among 15,238 candidates, 120 ms each time on the
        // benchmark's data). Of other queries the index finds the matches exactly, and reading them from it
        // again cost less than reading them by id.
        var countAndIds = $"""
            SELECT count(*) AS count,
                   CASE WHEN count(*) < @CountLimit THEN array_agg(matched.id) FILTER (WHERE (SELECT has_phrase FROM search)) END AS ids
            FROM (
                SELECT d.post_id AS id FROM search s
                JOIN post_search d ON d.search_vector @@ s.query
                WHERE {filters}
                LIMIT @CountLimit) matched
            """;
        return key.Page switch
        {
            // Unfiltered, a query of one lexeme first reads how many posts have it (search_lexemes,
            // migration 0018): a word in as many posts as the count's limit is not counted. Of posts
            // only (posts?q), at least that many less the edition's published pages have it (counting
            // 1,001 matches of a word in most posts from its GIN bitmap took 3 ms).
            null when key.Shape with { PostsOnly = false } == default => $"""
                {Search},
                common AS MATERIALIZED (
                    SELECT (SELECT l.posts FROM search s
                            JOIN search_lexemes l ON l.edition = @Edition AND numnode(s.query) = 1
                             AND l.lexeme = (tsvector_to_array(s.query::text::tsvector))[1]){(key.Shape.PostsOnly ? PublishedPagesLess : "")} >= @CountLimit AS yes),
                counted AS MATERIALIZED ({countAndIds})
                SELECT CASE WHEN c.yes THEN @CountLimit ELSE (SELECT count FROM counted) END AS count,
                       CASE WHEN c.yes THEN NULL ELSE (SELECT ids FROM counted) END AS ids
                FROM common c
                """,
            null => $"""
                {Search}
                {countAndIds}
                """,
            // The matches are few (the bounded total is exact): the title matches and the other matches
            // come from the GIN indexes and are sorted.
            SearchMatches.Few => $"""
                {Search}
                {PageOf($"""
                    {TitleMatchesSorted(filters, only: "")}
                    UNION ALL
                    {OtherMatches(edition, "d.search_vector @@ s.query AND NOT d.search_title @@ s.query", only: "")}
                    """)}
                """,
            // The matches are few and of a phrase, and the total has their ids: only they are read again, by
            // id, to be ranked (the filters again too: a post may have been unpublished in between).
            SearchMatches.FewWithIds => $"""
                {Search}
                {PageOf($"""
                    SELECT d.post_id AS id, d.search_title @@ s.query AS title_hit, d.published_at
                    FROM search s
                    JOIN post_search d ON d.post_id = ANY(@Ids)
                    WHERE {filters}
                    """)}
                """,
            // The matches are many. The other matches: the match is written so that no index can serve
            // it, and the planner walks the recency index with it as a filter, stopping when the page is
            // full, rather than reading and sorting every match of a common word. The title matches: the
            // newest @RecentTitleRows posts are read first; when they hold all the title matches the page
            // reaches, those are the newest ones and the titles' index is not read. A word in most posts
            // is in many titles too: 1,998 title matches of one edition cost 6.8 ms from the index and
            // sorted, and 0.5 ms from the newest 134 posts (the small-vocabulary dataset, 100,000 posts).
            // The newest titles come from the recency index alone (migration 0020), and only the title
            // matches of a query that excludes words have their whole text read. When the newest titles
            // hold the page's title matches, the page is all title matches and the other matches are not
            // read (pgbench, 2 clients, the benchmark's data: 1,760-1,938 pages of a common word a second,
            // 2,053-2,400 without them). With a tag or an author, both walks are of that tag's or author's
            // posts instead of the edition's (NewestOfFilter).
            _ => $"""
                {Search},
                recent_title_hits AS MATERIALIZED (
                    SELECT r.id, r.published_at
                    FROM (SELECT d.post_id AS id, d.published_at, d.search_title
                          FROM {newest.Posts}
                          WHERE {newest.Filters}
                          ORDER BY {newest.NewestFirst}
                          LIMIT @RecentTitleRows) r
                    CROSS JOIN search s
                    WHERE r.search_title @@ s.query AND {WholeTextMatches("r.id")}
                    ORDER BY r.published_at DESC, r.id DESC
                    LIMIT @PageEnd)
                {PageOf($"""
                    (SELECT h.id, true AS title_hit, h.published_at FROM recent_title_hits h
                     WHERE (SELECT count(*) FROM recent_title_hits) = @PageEnd)
                    UNION ALL
                    {TitleMatchesSorted(filters, only: ManyTitlesNotRecent)}
                    UNION ALL
                    {OtherMatches(newest, "(d.search_vector @@ s.query AND NOT d.search_title @@ s.query) IS TRUE", only: ManyTitlesNotRecent)}
                    """)}
                """,
        };
    }

    // Of many matches, the title matches from the index and the other matches are read only when the newest titles do not fill the page.
    private const string ManyTitlesNotRecent = "AND (SELECT count(*) FROM recent_title_hits) < @PageEnd";

    private const string PublishedPagesLess = " - (SELECT count(*) FROM posts p WHERE p.edition = @Edition AND p.status = 'published' AND p.kind = 'page')";

    // The title matches newest first, from the titles' GIN index, limited to the rows the page needs.
    // A title match is checked against the whole text (only a -word can tell them apart: Search) after
    // sorting, behind OFFSET 0, so that only the rows the page reaches have their search_vector read;
    // the sort holds ids and dates only (sorting the rows with their vectors took twice as long).
    private static string TitleMatchesSorted(string filters, string only) => $"""
        (SELECT t.id, true AS title_hit, t.published_at
         FROM (SELECT d.post_id AS id, d.published_at
               FROM search s
               JOIN post_search d ON d.search_title @@ s.query
               WHERE {filters}
               ORDER BY d.published_at DESC, d.post_id DESC
               OFFSET 0) t
         CROSS JOIN search s
         WHERE {WholeTextMatches("t.id")} {only}
         LIMIT @PageEnd)
        """;

    // The matches whose title does not match, newest first, limited to the rows the page needs.
    private static string OtherMatches(NewestPosts posts, string match, string only) => $"""
        (SELECT d.post_id AS id, false AS title_hit, d.published_at
         FROM search s
         JOIN {posts.Posts} ON {match} {only}
         WHERE {posts.Filters}
         ORDER BY {posts.NewestFirst}
         LIMIT @PageEnd)
        """;

    // Posts to read newest first (joined as d), the filters they still need, and their order.
    private readonly record struct NewestPosts(string Posts, string Filters, string NewestFirst);

    // Published posts (and pages unless PostsOnly) of the edition, of the tag, author and dates if given;
    // without the tag when the statement walks the tag's posts themselves (NewestOfFilter).
    private static string Filters(SearchFilterShape shape, bool tagWalked) => string.Concat(
        "d.edition = @Edition AND d.status = 'published'",
        shape.PostsOnly ? " AND d.kind = 'post'" : "",
        shape.Tag && !tagWalked ? " AND EXISTS (SELECT 1 FROM post_tags pt WHERE pt.post_id = d.post_id AND pt.tag_id = @TagId)" : "",
        shape.Author ? " AND d.author_id = @AuthorId" : "",
        shape.From ? " AND d.published_at >= @From" : "",
        shape.To ? " AND d.published_at < @To" : "");

    // The published posts of a tag, or else of an author, newest first from their own recency index, or
    // null. A word in most posts is in most of a tag's too, but the planner cannot know that a match
    // written so that no index serves it is common: walking the edition's recency index with the tag as
    // a filter, it read and sorted every post of the tag instead (posts?q=refugees with the benchmark's
    // largest tag, 7,940 posts: 57-306 ms for the other matches, 15-25 ms for the newest titles). Here
    // the tag's posts keep their own order behind OFFSET 0, and each one's row is looked up laterally, so
    // that the only plan is to walk them in that order and stop when the page has its rows (joined, they
    // were hashed and sorted whole on a small tag). Only the posts list's search has a tag or an author
    // (PostsOnly): the tag's kept published flag is of posts only.
    private static NewestPosts? NewestOfFilter(SearchFilterShape shape)
    {
        string Dated(string at) => string.Concat(shape.From ? $" AND {at} >= @From" : "", shape.To ? $" AND {at} < @To" : "");
        var posts = shape switch
        {
            { PostsOnly: true, Tag: true } => $"""
                SELECT pt.post_id, pt.published_at FROM post_tags pt
                WHERE pt.tag_id = @TagId AND pt.published{Dated("pt.published_at")}
                ORDER BY pt.published_at DESC, pt.post_id DESC
                OFFSET 0
                """,
            { PostsOnly: true, Author: true } => $"""
                SELECT p.id AS post_id, p.published_at FROM posts p
                WHERE p.author_id = @AuthorId AND p.edition = @Edition AND p.status = 'published' AND p.kind = 'post'{Dated("p.published_at")}
                ORDER BY p.published_at DESC, p.id DESC
                OFFSET 0
                """,
            _ => null,
        };
        return posts is null
            ? null
            : new NewestPosts(
                $"(({posts}) f CROSS JOIN LATERAL (SELECT * FROM post_search d WHERE d.post_id = f.post_id LIMIT 1) d)",
                Filters(shape, tagWalked: shape.Tag),
                "f.published_at DESC, f.post_id DESC");
    }

    // Title matches first, then newest, of the matches (id, title_hit, published_at), each source of
    // which is limited to the rows the page needs. The rows read are post_search's narrow ones, never the
    // posts with their bodies: the page has each post row's version (xmin, and when the server started:
    // SearchTexts), and only the bodies of texts the service does not keep are read (Texts).
    private static string PageOf(string matches) => $"""
        {PostQueries.SummaryColumns},
               p.kind, s.config::text AS search_config, s.lexemes AS query_lexemes,
               p.xmin AS row_version, pg_postmaster_start_time() AS server_started_at
        FROM (
            SELECT * FROM (
                {matches}) matched
            ORDER BY title_hit DESC, published_at DESC, id DESC
            LIMIT @Limit OFFSET @Offset) hits
        JOIN posts p ON p.id = hits.id
        CROSS JOIN search s
        {PostQueries.SummaryJoins}
        ORDER BY hits.title_hit DESC, hits.published_at DESC, hits.id DESC
        """;

    /// <summary>
    /// The excerpts and bodies of published posts, by id, with their row versions: the texts of a search
    /// page's results that <see cref="SearchTexts"/> does not keep. A post deleted or unpublished since
    /// the page was read is not among them (this is a later statement: its draft body must not show).
    /// </summary>
    public const string Texts = """
        SELECT p.id, p.xmin AS row_version, pg_postmaster_start_time() AS server_started_at, p.excerpt, p.body_html
        FROM posts p
        WHERE p.id = ANY(@Ids) AND p.status = 'published'
        """;

    /// <summary>
    /// Type-ahead: titles with words starting with every word typed (unstemmed, so a half-typed word
    /// still matches), newest first, at most <paramref name="limit"/>. A query without words builds no
    /// tsquery and matches nothing. The limit is written in, as the search pages' are: with LIMIT as a
    /// parameter every call was planned again (pg_stat_statements on the benchmark's data: as many
    /// plans as calls, 0.44 ms of planning to 0.36 ms of execution).
    /// </summary>
    public static string Suggest(int limit) => SuggestTemplate.WithPageWrittenIn(limit, offset: 0);

    private const string SuggestTemplate = """
        SELECT p.kind, p.slug, p.title
        FROM (SELECT d.post_id, d.published_at FROM post_search d
              WHERE d.edition = @Edition AND d.status = 'published'
                AND d.suggest_title @@ (
                    SELECT to_tsquery('simple', string_agg(quote_literal(t.lexeme) || ':*', ' & '))
                    FROM unnest(to_tsvector('simple', search_normalize(@Q))) t)
              ORDER BY d.published_at DESC, d.post_id DESC
              LIMIT @Limit) found
        JOIN posts p ON p.id = found.post_id
        ORDER BY found.published_at DESC, found.post_id DESC
        """;

    /// <summary>
    /// For a query that found nothing: each of its words as typed, with the closest word of the edition's
    /// vocabulary (search_words: every word of its published posts and pages, as written) or tag names
    /// (cut into words as the vocabulary is),
    /// or null when the word is fine as it is or nothing is close. A word is fine when the vocabulary has
    /// it or it matches posts alone (stemming: refugee matches refugees). Candidates come from the
    /// vocabulary's trigram index (similarity of normalised forms at least 0.4); the fewest edits win
    /// (refugess: refugees, one edit, before refugee, two), then the more frequent word (a tag counts its posts).
    /// The words are an unnested array, not regexp_split_to_table: that function's estimate of 1,000 rows
    /// priced the statement past jit_above_cost, and compiling it took 280 ms of a 1 ms answer.
    /// </summary>
    public const string Corrections = """
        SELECT w.word, best.correction
        FROM editions e
        CROSS JOIN unnest(regexp_split_to_array(btrim(@Q), '[\s"]+')) WITH ORDINALITY AS w(word, n)
        CROSS JOIN LATERAL (SELECT search_normalize(w.word) AS normalized) q
        LEFT JOIN LATERAL (
            SELECT c.word AS correction
            FROM (
                (SELECT v.word, v.normalized, v.occurrences FROM search_words v
                 WHERE v.edition = @Edition AND v.normalized % q.normalized)
                UNION ALL
                (SELECT t.word, search_normalize(t.word), g.post_count
                 FROM (SELECT g.name, g.post_count FROM tags g
                       WHERE g.edition = @Edition AND q.normalized <% search_normalize(g.name)
                       LIMIT 50) g
                 CROSS JOIN LATERAL search_piece_words(g.name) AS t(word))) c
            WHERE similarity(c.normalized, q.normalized) >= 0.4 AND c.normalized <> q.normalized
              AND NOT EXISTS (SELECT 1 FROM search_words f WHERE f.edition = @Edition AND f.normalized = q.normalized)
              AND NOT EXISTS (
                  SELECT 1 FROM post_search f
                  WHERE f.edition = @Edition AND f.status = 'published' AND f.search_vector @@ plainto_tsquery(e.search_config, search_prepare(e.search_config, w.word)))
            ORDER BY levenshtein(c.normalized, q.normalized), c.occurrences DESC, c.word
            LIMIT 1) best ON true
        WHERE e.code = @Edition AND w.word <> ''
        ORDER BY w.n
        """;
}

/// <summary>What a search's total found, which chooses how its page reads the matches.</summary>
internal enum SearchMatches
{
    /// <summary>Fewer than the total's bound: found again from the GIN indexes.</summary>
    Few,

    /// <summary>Fewer than the bound, of a query with a phrase: read by the ids the total gave.</summary>
    FewWithIds,

    /// <summary>More than the bound: the newest are found from the recency index.</summary>
    Many,
}

/// <summary>Which of a search's filters are set: each combination is its own statement.</summary>
internal readonly record struct SearchFilterShape(bool PostsOnly, bool Tag, bool Author, bool From, bool To);
