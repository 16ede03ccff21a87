using System.Globalization;
using System.Text.Json;
using Dapper;
using Nejat.Cms.Api.Features.Search;
using Npgsql;

namespace Nejat.Cms.Api.Tests.Features.Search;

/// <summary>
/// search_lexemes (migration 0018) counts the published posts of each lexeme, and a one-word search
/// that many posts have is not counted: the counts must equal the vectors after every kind of write,
/// and the totals a search shows must stay exact across the bound.
/// </summary>
public sealed class SearchLexemeCountTests
{
    private static readonly DateTime First = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private CmsApp _app = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _app = await CmsApp.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _app.DisposeAsync();

    // The counts recomputed from the stored vectors, against the kept ones: rows that differ.
    private const string Differences = """
        WITH kept AS (SELECT edition, lexeme, posts FROM search_lexemes),
             actual AS (SELECT d.edition, x.lexeme, count(*)::integer AS posts
                        FROM post_search d CROSS JOIN unnest(tsvector_to_array(d.search_vector)) AS x(lexeme)
                        WHERE d.status = 'published' GROUP BY 1, 2)
        SELECT coalesce(k.edition, a.edition) || ' ' || coalesce(k.lexeme, a.lexeme) || ': kept ' || coalesce(k.posts::text, '-') || ', actual ' || coalesce(a.posts::text, '-')
        FROM kept k FULL JOIN actual a ON a.edition = k.edition AND a.lexeme = k.lexeme
        WHERE k.posts IS DISTINCT FROM a.posts
        ORDER BY 1 LIMIT 5
        """;

    // Random statements of every kind a writer sends, several rows at a time, in three editions with
    // their own configurations; after each, the kept counts equal the vectors.
    [Test]
    public async Task CountsEqualTheVectorsAfterEveryKindOfWrite()
    {
        var random = new Random(18);
        string[] english = ["refugee", "refugees", "camp", "border", "family", "families", "court", "human", "rights", "winter"];
        string[] farsi = ["خانه", "خانه‌ها", "کمپ", "مرز", "خانواده", "دادگاه", "زمستان"];
        string[] albanian = ["kampi", "kufiri", "familja", "gjykata", "dimri", "Shqipëri"];
        string[] Vocabulary(string edition) => edition switch { "en" => english, "fa" => farsi, _ => albanian };
        string Text(string edition, int words) =>
            string.Join(' ', Enumerable.Range(0, words).Select(_ => Vocabulary(edition)[random.Next(Vocabulary(edition).Length)]));
        string Status() => random.Next(3) switch { 0 => "draft", 1 => "scheduled", _ => "published" };
        string[] editions = ["en", "fa", "sq"];

        await using var conn = new NpgsqlConnection(_app.ConnectionString);
        await conn.OpenAsync();
        var made = 0;
        for (var step = 0; step < 120; step++)
        {
            var ids = (await conn.QueryAsync<long>("SELECT id FROM posts ORDER BY random() LIMIT @Count", new { Count = random.Next(1, 5) })).ToArray();
            var (name, sql, parameters) = (ids.Length == 0 ? 0 : random.Next(10)) switch
            {
                0 or 1 or 2 => ("insert", """
                    INSERT INTO posts (edition, slug, status, published_at, title, excerpt, body_html)
                    SELECT e, 'lexeme-' || n, s, @At, t, x, '<p>' || b || '</p>'
                    FROM unnest(@Editions, @Numbers, @Statuses, @Titles, @Excerpts, @Bodies) AS u(e, n, s, t, x, b)
                    """, (object)MakePosts()),
                3 => ("edit the text", """
                    UPDATE posts p SET title = u.t, body_html = '<p>' || u.b || '</p>'
                    FROM unnest(@Ids, @Titles, @Bodies) AS u(id, t, b) WHERE p.id = u.id
                    """, new { Ids = ids, Titles = ids.Select(_ => Text("en", 2)).ToArray(), Bodies = ids.Select(_ => Text("en", 8)).ToArray() }),
                4 => ("publish or unpublish", "UPDATE posts p SET status = u.s FROM unnest(@Ids, @Statuses) AS u(id, s) WHERE p.id = u.id",
                    new { Ids = ids, Statuses = ids.Select(_ => Status()).ToArray() }),
                5 => ("edit text and status", """
                    UPDATE posts p SET excerpt = u.x, status = u.s
                    FROM unnest(@Ids, @Excerpts, @Statuses) AS u(id, x, s) WHERE p.id = u.id
                    """, new { Ids = ids, Excerpts = ids.Select(_ => Text("fa", 3)).ToArray(), Statuses = ids.Select(_ => Status()).ToArray() }),
                6 => ("change only the date", "UPDATE posts SET published_at = published_at + interval '1 hour', version = version + 1 WHERE id = ANY(@Ids)", new { Ids = ids }),
                7 => ("move to another edition", "UPDATE posts SET edition = @Edition, slug = slug || '-moved-' || id WHERE id = ANY(@Ids)",
                    new { Ids = ids, Edition = editions[random.Next(editions.Length)] }),
                _ => ("delete", "DELETE FROM posts WHERE id = ANY(@Ids)", new { Ids = ids.Take(2).ToArray() }),
            };
            await conn.ExecuteAsync(sql, parameters);
            Assert.That(await conn.QueryAsync<string>(Differences), Is.Empty, $"step {step}: {name}");
        }

        Assert.That(await conn.ExecuteScalarAsync<long>("SELECT count(*) FROM search_lexemes WHERE posts > 1"), Is.GreaterThan(10), "the writes left lexemes in several posts");

        object MakePosts()
        {
            var count = random.Next(1, 9);
            var postEditions = Enumerable.Range(0, count).Select(_ => editions[random.Next(editions.Length)]).ToArray();
            return new
            {
                Editions = postEditions,
                Numbers = Enumerable.Range(0, count).Select(_ => made++).ToArray(),
                Statuses = postEditions.Select(_ => Status()).ToArray(),
                Titles = postEditions.Select(e => Text(e, 2)).ToArray(),
                Excerpts = postEditions.Select(e => Text(e, 3)).ToArray(),
                Bodies = postEditions.Select(e => Text(e, 10)).ToArray(),
                At = First,
            };
        }
    }

    // A word in as many posts as the count's limit reads "more than" from the counts; one post fewer
    // and the search counts them again, exactly. Another form of the word (gazelles) is the same lexeme.
    [Test]
    public async Task TotalsStayExactAcrossTheBound()
    {
        var posts = SearchQueries.ExactTotalBound + 1;
        await _app.SeedAsync([
            .. Enumerable.Range(0, posts).Select(i => Seed.Post("en", $"gazelle-{i}",
                First.AddMinutes(i).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                title: $"Sighting {i}", bodyHtml: "<p>A gazelle crossed the road.</p>")),
        ]);
        var many = await _app.GetJsonAsync("/v1/en/search?q=gazelles");

        await using (var conn = new NpgsqlConnection(_app.ConnectionString))
        {
            await conn.ExecuteAsync("UPDATE posts SET status = 'draft' WHERE slug = 'gazelle-0'");
        }

        var exact = await _app.GetJsonAsync("/v1/en/search?q=gazelle&perPage=9");
        Assert.Multiple(() =>
        {
            Assert.That(many.GetProperty("totalMoreThan").GetInt64(), Is.EqualTo(SearchQueries.ExactTotalBound));
            Assert.That(many.GetProperty("page").GetProperty("totalItems").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(exact.GetProperty("totalMoreThan").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(exact.GetProperty("page").GetProperty("totalItems").GetInt64(), Is.EqualTo(SearchQueries.ExactTotalBound));
        });
    }
}
