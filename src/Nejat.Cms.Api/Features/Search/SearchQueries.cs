using Nejat.Cms.Api.Features.Posts;

namespace Nejat.Cms.Api.Features.Search;

/// <summary>
/// The search SQL (migration 0010_search.sql has the normaliser, the stored vectors and the
/// indexes). Queries pass through search_prepare (the normaliser) exactly as stored text did, then
/// the edition's text search configuration; websearch_to_tsquery reads "quoted phrases", several words (all must
/// match), "or" and -exclusions, and never fails on what a reader types.
/// </summary>
internal static class SearchQueries
{
    // The edition's configuration, the query, and the query's lexemes (for finding and marking snippet words).
    private const string Search = """
        WITH search AS MATERIALIZED (
            SELECT e.search_config AS config,
                   websearch_to_tsquery(e.search_config, search_prepare(e.search_config, @Q)) AS query,
                   tsvector_to_array(to_tsvector(e.search_config, search_prepare(e.search_config, @Q))) AS lexemes
            FROM editions e WHERE e.code = @Edition)
        """;

    // Published posts (and pages unless PostsOnly) of the edition, of the tag, author and dates if given.
    // A catch-all is right here: the GIN match drives every plan.
    private const string Filters = """
        d.edition = @Edition AND d.status = 'published'
          AND (NOT @PostsOnly OR d.kind = 'post')
          AND (@TagId::bigint IS NULL OR EXISTS (SELECT 1 FROM post_tags pt WHERE pt.post_id = d.post_id AND pt.tag_id = @TagId))
          AND (@AuthorId::bigint IS NULL OR d.author_id = @AuthorId)
          AND (@From::timestamptz IS NULL OR d.published_at >= @From)
          AND (@To::timestamptz IS NULL OR d.published_at < @To)
        """;

    /// <summary>Totals are exact up to this many matches; beyond it a search says "more than" (counting every match of a common word cost most of its time).</summary>
    public const int ExactTotalBound = 1000;

    /// <summary>The matches, counted up to @CountLimit: stops early on a word in most posts.</summary>
    public const string Total = $"""
        {Search}
        SELECT count(*) FROM (
            SELECT 1 FROM search s
            JOIN post_search d ON d.search_vector @@ s.query
            WHERE {Filters}
            LIMIT @CountLimit) matched
        """;

    /// <summary>
    /// One page of results, with the bodies their snippets are made from when @Snippets (SearchSnippets),
    /// when the matches are few (the bounded total is exact): the other matches come from the GIN index
    /// and are sorted.
    /// </summary>
    public static readonly string Page = $"""
        {Search}
        {PageOf(otherMatches: "d.search_vector @@ s.query AND NOT d.search_title @@ s.query")}
        """;

    /// <summary>
    /// <see cref="Page"/> when the matches are many (more than the bound): the match is written so that
    /// no index can serve it, and the planner walks the recency index with it as a filter, stopping
    /// when the page is full, rather than reading and sorting every match of a common word.
    /// </summary>
    public static readonly string PageOfMany = $"""
        {Search}
        {PageOf(otherMatches: "(d.search_vector @@ s.query AND NOT d.search_title @@ s.query) IS TRUE")}
        """;

    // Title matches first, then newest: the title matches newest first (from the titles' GIN index:
    // few titles have any one word, so sorting them is cheap), then the other matches newest first, each
    // limited to the rows the page needs, so neither reads every match whole. A title match is checked
    // against the whole text (only a -word can tell them apart) after sorting, behind OFFSET 0, so that
    // only the rows the page reaches have their out-of-line search_vector read (a common word's 723 title
    // matches cost 10-15 ms read whole). The rows read are post_search's narrow ones, never the posts
    // with their bodies.
    private static string PageOf(string otherMatches) => $"""
        {PostQueries.SummaryColumns},
               p.kind, s.config::text AS search_config, s.lexemes AS query_lexemes,
               CASE WHEN @Snippets THEN p.body_html END AS snippet_body
        FROM (
            SELECT * FROM (
                (SELECT t.id, true AS title_hit, t.published_at
                 FROM (SELECT d.post_id AS id, d.published_at, d.search_vector, s.query
                       FROM search s
                       JOIN post_search d ON d.search_title @@ s.query
                       WHERE {Filters}
                       ORDER BY d.published_at DESC, d.post_id DESC
                       OFFSET 0) t
                 WHERE t.search_vector @@ t.query
                 LIMIT @Offset::int + @Limit)
                UNION ALL
                (SELECT d.post_id AS id, false AS title_hit, d.published_at
                 FROM search s
                 JOIN post_search d ON {otherMatches}
                 WHERE {Filters}
                 ORDER BY d.published_at DESC, d.post_id DESC
                 LIMIT @Offset::int + @Limit)) matched
            ORDER BY title_hit DESC, published_at DESC, id DESC
            LIMIT @Limit OFFSET @Offset) hits
        JOIN posts p ON p.id = hits.id
        CROSS JOIN search s
        {PostQueries.SummaryJoins}
        ORDER BY hits.title_hit DESC, hits.published_at DESC, hits.id DESC
        """;

    /// <summary>
    /// Type-ahead: titles with words starting with every word typed (unstemmed, so a half-typed word
    /// still matches), newest first. A query without words builds no tsquery and matches nothing.
    /// </summary>
    public const string Suggest = """
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
