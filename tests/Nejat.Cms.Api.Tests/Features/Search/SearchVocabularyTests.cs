using Dapper;
using Npgsql;

namespace Nejat.Cms.Api.Tests.Features.Search;

/// <summary>
/// didYouMean's vocabulary, search_words (migration 0012): kept by statement-level triggers on posts,
/// it must always equal a count made afresh from the published posts, whatever the writes were.
/// </summary>
public sealed class SearchVocabularyTests
{
    private const string Recount = """
        SELECT p.edition, w.word, count(*)::integer AS occurrences
        FROM posts p
        CROSS JOIN unnest(search_pieces_of(p.title, p.excerpt, p.body_html)) AS t(piece)
        CROSS JOIN LATERAL search_piece_words(t.piece) AS w(word)
        WHERE p.status = 'published'
        GROUP BY 1, 2
        ORDER BY 1, 2
        """;

    private NpgsqlConnection _conn = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _conn = new NpgsqlConnection(await TestRun.CreateDatabaseAsync());
        await _conn.OpenAsync();
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _conn.DisposeAsync();

    private sealed record WordCount(string Edition, string Word, int Occurrences);

    private async Task<WordCount[]> VocabularyAsync() =>
        (await _conn.QueryAsync<WordCount>("SELECT edition, word, occurrences FROM search_words ORDER BY 1, 2")).ToArray();

    private async Task AssertVocabularyIsARecountAsync(string step)
    {
        var recount = (await _conn.QueryAsync<WordCount>(Recount)).ToArray();
        Assert.That(await VocabularyAsync(), Is.EqualTo(recount), step);
        Assert.That(await _conn.QuerySingleAsync<long>("SELECT count(*) FROM search_words WHERE normalized <> search_normalize(word)"), Is.Zero, step);
    }

    private Task<long> InsertAsync(string edition, string slug, string status, string title, string body, string kind = "post") =>
        _conn.QuerySingleAsync<long>("""
            INSERT INTO posts (edition, slug, kind, status, published_at, title, body_html)
            VALUES (@Edition, @Slug, @Kind, @Status, CASE WHEN @Status = 'draft' THEN NULL ELSE now() END, @Title, @Body)
            RETURNING id
            """, new { Edition = edition, Slug = slug, Kind = kind, Status = status, Title = title, Body = body });

    [Test]
    public async Task EveryKindOfWriteKeepsTheCountsOfPublishedWords()
    {
        var farsi = await InsertAsync("fa", "books", "published", "کتاب‌های تازه", "<p>کتاب‌های قدیمی در کتابخانـه، ۱۲۰ جلد</p>");
        var english = await InsertAsync("en", "camp", "published", "A camp", "<p>The camp (“Camp-7”) holds 2,000 people; see https://example.org/camp.</p>");
        var draft = await InsertAsync("en", "draft", "draft", "Draft words", "<p>unseen camp</p>");
        await InsertAsync("ar", "school", "published", "المـدرسـة", "<p>مدرسة</p>");
        await InsertAsync("en", "about", "published", "About the camp", "<p>Who we are</p>", kind: "page");
        await AssertVocabularyIsARecountAsync("inserted");

        var words = await VocabularyAsync();
        Assert.Multiple(() =>
        {
            Assert.That(words, Does.Contain(new WordCount("fa", "کتاب‌های", 2)), "ZWNJ kept inside the word; title and body");
            Assert.That(words, Does.Contain(new WordCount("fa", "کتابخانه", 1)), "tatweel dropped, punctuation cut off");
            Assert.That(words, Does.Contain(new WordCount("ar", "المدرسة", 1)), "tatweel dropped, no ZWNJ put in its place");
            Assert.That(words, Does.Contain(new WordCount("en", "camp", 4)), "the post's title and body, the page's title; not the draft's");
            Assert.That(words.Select(w => w.Word), Has.None.Match("[0-9۰-۹./]|^(https|example|org)$"), "no numbers or URLs");
            Assert.That(words.Select(w => w.Word), Has.None.EqualTo("unseen"));
        });

        await _conn.ExecuteAsync("UPDATE posts SET body_html = '<p>The camp closed.</p>' WHERE id = @Id", new { Id = english });
        await AssertVocabularyIsARecountAsync("a body edited");
        await _conn.ExecuteAsync("UPDATE posts SET status = 'published', published_at = now() WHERE id = @Id", new { Id = draft });
        await AssertVocabularyIsARecountAsync("a draft published");
        await _conn.ExecuteAsync("UPDATE posts SET version = version + 1, updated_at = now() WHERE edition = 'en'");
        await AssertVocabularyIsARecountAsync("versions bumped, texts unchanged");
        await _conn.ExecuteAsync("UPDATE posts SET edition = 'sq' WHERE id = @Id", new { Id = english });
        await AssertVocabularyIsARecountAsync("a post moved to another edition");
        await _conn.ExecuteAsync("UPDATE posts SET status = 'trashed' WHERE id = @Id", new { Id = farsi });
        await AssertVocabularyIsARecountAsync("a post trashed");
        await _conn.ExecuteAsync("DELETE FROM posts WHERE id = @Id", new { Id = draft });
        await AssertVocabularyIsARecountAsync("a post deleted");
        Assert.That((await VocabularyAsync()).Select(w => w.Edition), Has.None.EqualTo("fa"), "words no published post uses are gone");
    }
}
