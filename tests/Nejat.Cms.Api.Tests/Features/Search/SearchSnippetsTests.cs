using System.Text;
using Nejat.Cms.Api.Features.Editorial;
using Nejat.Cms.Api.Features.Search;
using Npgsql;

namespace Nejat.Cms.Api.Tests.Features.Search;

/// <summary>
/// Snippets made by the service from the words' parses it keeps (SearchSnippets): where a snippet is
/// cut, what is marked, and that they are the snippets migration 0010's function made in PostgreSQL.
/// </summary>
public sealed class SearchSnippetsTests
{
    private CmsApp _app = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await CmsApp.StartAsync();
        await _app.SeedAsync([
            Seed.Post("en", "en-far", "2026-01-05T08:00:00Z", title: "A long report",
                bodyHtml: $"<p>{Words("filler", 200)} lighthouse {Words("after", 50)}</p>"),
            Seed.Post("en", "en-title-only", "2026-01-06T08:00:00Z", title: "Zeppelin over the city",
                bodyHtml: $"<p>{Words("plain", 40)}</p>"),
            Seed.Post("en", "en-beyond", "2026-01-07T08:00:00Z", title: "A very long report",
                bodyHtml: $"<p>{Words("filler", 5100)} faraway</p>"),
            Seed.Post("fa", "fa-apart", "2026-01-05T08:00:00Z", title: "بازار",
                bodyHtml: "<p>قیمت خانه ها در شهر بالا رفت.</p>"),
            Seed.Post("ar", "ar-school", "2026-01-05T08:00:00Z", title: "خبر",
                bodyHtml: "<p>زار الوزير المدرسة الجديدة.</p>"),
            Seed.Post("sq", "sq-issue", "2026-01-05T08:00:00Z", title: "Lajm", bodyHtml: "<p>Një çështje e vogël.</p>"),
            Seed.Post("sq", "sq-edited", "2026-01-06T08:00:00Z", title: "Lajm", bodyHtml: "<p>Një skandal i vogël.</p>"),
        ]);
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _app.DisposeAsync();

    private static string Words(string stem, int count) => string.Join(' ', Enumerable.Range(1, count).Select(i => $"{stem}{i}"));

    private async Task<string> SnippetAsync(string edition, string q)
    {
        var page = await _app.GetJsonAsync($"/v1/{edition}/search?q={Uri.EscapeDataString(q)}");
        Assert.That(page.GetProperty("items").GetArrayLength(), Is.EqualTo(1), q);
        return page.GetProperty("items")[0].GetProperty("snippet").GetString()!;
    }

    [Test]
    public async Task SnippetIsCutAroundTheFirstMatch()
    {
        var snippet = await SnippetAsync("en", "lighthouse");
        var words = snippet.Split(' ');
        Assert.Multiple(() =>
        {
            // "…", ten words before the match, the match, nineteen after, "…".
            Assert.That(words, Has.Length.EqualTo(32));
            Assert.That(words[0], Is.EqualTo("…"));
            Assert.That(words[1], Is.EqualTo("filler191"));
            Assert.That(words[11], Is.EqualTo("<mark>lighthouse</mark>"));
            Assert.That(words[^1], Is.EqualTo("…"));
        });
    }

    [Test]
    public async Task TitleOnlyMatchShowsTheTextFromItsStart()
    {
        var snippet = await SnippetAsync("en", "zeppelin");
        Assert.That(snippet, Is.EqualTo($"Excerpt of en-title-only {Words("plain", 27)} …"));
    }

    [Test]
    public async Task MatchPastTheFiveThousandthWordIsNotShown()
    {
        var snippet = await SnippetAsync("en", "faraway");
        Assert.That(snippet, Is.EqualTo($"Excerpt of en-beyond {Words("filler", 27)} …"));
    }

    [Test]
    public async Task SuffixWrittenApartIsMarkedWithItsWord()
    {
        Assert.Multiple(async () =>
        {
            Assert.That(await SnippetAsync("fa", "خانه‌ها"), Does.Contain("قیمت <mark>خانه ها</mark> در"));
            Assert.That(await SnippetAsync("ar", "مدرسة"), Does.Contain("الوزير <mark>المدرسة</mark> الجديدة."));
            Assert.That(await SnippetAsync("sq", "ceshtje"), Does.Contain("<mark>çështje</mark>"));
        });
    }

    [Test]
    public async Task EditedTextIsWhatTheSnippetShows()
    {
        Assert.That(await SnippetAsync("sq", "skandal"), Is.EqualTo("Excerpt of sq-edited Një <mark>skandal</mark> i vogël."));
        await _app.SeedAsync(Seed.Post("sq", "sq-edited", "2026-01-06T08:00:00Z", title: "Lajm", bodyHtml: "<p>Një problem i madh.</p>"));
        Assert.That(await SnippetAsync("sq", "problem"), Is.EqualTo("Excerpt of sq-edited Një <mark>problem</mark> i madh."));
        var gone = await _app.GetJsonAsync("/v1/sq/search?q=skandal");
        Assert.That(gone.GetProperty("items").GetArrayLength(), Is.Zero, "the old text is not searched or shown");
    }

    // Migration 0010's search_snippet (which parsed every word in PostgreSQL on every search), kept here as
    // the reference: on generated texts mixing every case the normaliser knows, with excerpts, the service
    // makes the same words, marks and cuts. Half the texts have Persian suffixes written apart.
    [Test]
    public async Task SameSnippetsAsTheFunctionTheyReplace()
    {
        var migration = typeof(Roles).Assembly.GetManifestResourceStream("Nejat.Cms.Api.Database.Migrations.0010_search.sql")!;
        var sql = await new StreamReader(migration).ReadToEndAsync();
        var start = sql.IndexOf("CREATE FUNCTION search_snippet(", StringComparison.Ordinal);
        var reference = sql[start..(sql.IndexOf("\n$$;", start, StringComparison.Ordinal) + 4)]
            .Replace("CREATE FUNCTION search_snippet(", "CREATE FUNCTION pg_temp.search_snippet_0010(", StringComparison.Ordinal);

        var random = new Random(13);
        string[] vocabulary =
        [
            "refugees", "Refugee", "camp,", "border.", "&amp;", "human", "rights", "e-mail", "2650", "1,000", "—",
            "خانه", "خانه‌ها", "کتاب‌های", "بزرگ", "۱۲۰", "كتابهاي", "Ha", "ها.",
            "المدرسة", "مَدرَسَة", "أحمد", "٢٠٢٦", "çështje", "Shqipëri", "ﻻ", " ", "\u00A0", "\u200C", "x\u2009y", "\u202F", "x\u2007y", "x\u0085y", "\u3000",
        ];
        string[] apart = ["ها", "های", "ترین", "&lt;b&gt;", "a &lt;b c&gt; d"];
        var bodies = Enumerable.Range(0, 120).Select(i =>
        {
            var words = i % 2 == 0 ? [.. vocabulary, .. apart] : vocabulary;
            var body = new StringBuilder("<p>");
            var count = i % 10 == 0 ? 5100 + random.Next(20) : random.Next(1, 400);
            for (var w = 0; w < count; w++)
            {
                body.Append(random.Next(8) == 0 ? words[random.Next(words.Length)] : $"w{random.Next(50)}").Append(' ');
            }

            return body.Append("</p>").ToString();
        })
        // A first match around the 5,000th word (the window crosses the limit), and many distinct words
        // each with a suffix written apart (every pair parsed on its own).
        .Concat(Enumerable.Range(4985, 10).Select(at => $"<p>{Words("w", at)} refugees خانه ها Refugee {Words("v", 40)}</p>"))
        .Concat(Enumerable.Range(0, 10).Select(n => $"<p>{string.Join(' ', Enumerable.Range(0, 400).Select(i => $"خانه{n}{i} {(i % 3 == 0 ? "ها" : "های")}"))} خانه ها</p>"))
        // A pair with a suffix far past the first query's snippet, beyond what reading it looks ahead: a
        // text is learnt whole.
        .Append($"<p>{Words("w", 60)} خانه‌ها {Words("v", 300)} ستاره ترین {Words("u", 10)}</p>")
        .ToArray();
        string[] excerpts = ["", "An excerpt", "Refugees at the border: human rights", "قیمت خانه ها و كتابهاي بزرگ"];
        (string Edition, string Q)[] queries =
        [
            ("en", "refugees"), ("en", "\"human rights\""), ("en", "2650 border"), ("fa", "خانه‌ها"), ("fa", "كتابهاي"),
            ("fa", "بزرگ‌ترین"), ("fa", "ستاره‌ترین"), ("sq", "shqiperi"), ("ar", "مدرسة"), ("ar", "احمد ٢٠٢٦"), ("en", "nothing"),
        ];

        await using var conn = new NpgsqlConnection(_app.ConnectionString);
        await conn.OpenAsync();
        await using (var create = new NpgsqlCommand(reference, conn))
        {
            await create.ExecuteNonQueryAsync();
        }

        var snippets = new SearchSnippets();
        var (compared, marked, known, foundAsTextWhenKnown, different) = (0, 0, 0, 0L, new List<string>());
        foreach (var (edition, q) in queries)
        {
            await using var read = new NpgsqlCommand("""
                SELECT e.search_config::text, l.lexemes, x.source, old.words, old.hits, old.cut_before, old.cut_after
                FROM editions e
                CROSS JOIN LATERAL (SELECT tsvector_to_array(to_tsvector(e.search_config, search_prepare(e.search_config, @Q))) AS lexemes) l
                CROSS JOIN unnest(@Bodies) WITH ORDINALITY AS b(body, n)
                CROSS JOIN LATERAL (SELECT (@Excerpts)[b.n % 4 + 1] || ' ' || search_text(b.body) AS source) x
                CROSS JOIN LATERAL pg_temp.search_snippet_0010(e.search_config, x.source, l.lexemes, 30) old
                WHERE e.code = @Edition
                ORDER BY b.n
                """, conn);
            read.Parameters.AddWithValue("Q", q);
            read.Parameters.AddWithValue("Edition", edition);
            read.Parameters.AddWithValue("Bodies", bodies);
            read.Parameters.AddWithValue("Excerpts", excerpts);
            var rows = new List<(string Config, string[] Lexemes, string Source, string Expected)>();
            await using (var reader = await read.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    var hits = reader.GetFieldValue<bool[]>(4);
                    marked += hits.Contains(true) ? 1 : 0;
                    rows.Add((reader.GetString(0), reader.GetFieldValue<string[]>(1), reader.GetString(2),
                        SearchSnippet.Html(reader.GetFieldValue<string[]>(3), hits, reader.GetBoolean(5), reader.GetBoolean(6))));
                }
            }

            // Read word by word (and learnt), then again as known texts.
            foreach (var pass in new[] { "read", "known" })
            {
                var foundAsText = snippets.FoundAsText;
                var made = await snippets.HtmlAsync(conn, rows[0].Config, rows[0].Lexemes, rows.Select(r => r.Source).ToArray(), CancellationToken.None);
                compared += rows.Count;
                if (pass == "known")
                {
                    known += rows.Count(r => snippets.IsKnown(r.Config, r.Source));
                    foundAsTextWhenKnown += snippets.FoundAsText - foundAsText;
                }

                different.AddRange(rows.Select((r, i) => (r, i)).Where(x => made[x.i] != x.r.Expected)
                    .Select(x => $"{pass}: {edition} {q} #{x.i}:\n  0010: {x.r.Expected}\n  made: {made[x.i]}"));
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(compared, Is.EqualTo(3102));
            // Only the texts of more than 5,000 words (a tenth of the generated ones) are never known.
            Assert.That(known, Is.EqualTo(11 * 119), "all texts of at most 5,000 words are known the second time");
            Assert.That(foundAsTextWhenKnown, Is.EqualTo(known), "every known text's snippet is found as text");
            Assert.That(marked, Is.GreaterThan(400), "most comparisons have marked words");
            Assert.That(different.Take(5), Is.Empty, $"{different.Count} snippets differ from migration 0010's");
        });
    }

    // The service reads bodies for snippets as the index does (search_text in migration 0010).
    [Test]
    public async Task BodiesAreReadAsTheIndexReadsThem()
    {
        var random = new Random(7);
        string[] pieces =
        [
            "<p>", "</p>", "<a href=\"https://example.org/?a=1&amp;b=2\">", "</a>", "<br>", "<img alt=\"x > y\">", "<em\nclass='x'>",
            "&amp;", "&lt;b&gt;", "&quot;", "&#39;", "&nbsp;", "&amp;lt;", "&", "<", ">", "word", "کتاب‌ها", "المدرسة", "çështje",
            " ", "\n", "\u00A0", "&#8220;", "<<", ">>", "<!-- note -->",
        ];
        var bodies = Enumerable.Range(0, 300)
            .Select(_ => string.Concat(Enumerable.Range(0, random.Next(0, 60)).Select(_ => pieces[random.Next(pieces.Length)])))
            .ToArray();

        await using var conn = new NpgsqlConnection(_app.ConnectionString);
        await conn.OpenAsync();
        await using var read = new NpgsqlCommand("SELECT search_text(b) FROM unnest(@Bodies) WITH ORDINALITY AS x(b, n) ORDER BY n", conn);
        read.Parameters.AddWithValue("Bodies", bodies);
        var indexed = new List<string>();
        await using (var reader = await read.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                indexed.Add(reader.GetString(0));
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(bodies.Select(body => SearchText.FromHtml(body)), Is.EqualTo(indexed));
            Assert.That(bodies.Select(body => SearchText.FromHtml(body, before: "An excerpt")), Is.EqualTo(indexed.Select(text => "An excerpt " + text)));
        });
    }

    [Test]
    public void WordsAreWhatLiesBetweenWhiteSpace()
    {
        const string text = "  a\u00A0b\u202Fc\td\n\ne\u2009f \u200Cg h\u2007i\u0085j ";
        var words = new SearchSnippets.WordRanges(text);
        Assert.Multiple(() =>
        {
            Assert.That(Enumerable.Range(0, 20).TakeWhile(words.Has).Select(i => text[words[i]]), Is.EqualTo(new[] { "a", "b", "c", "d", "e", "f", "\u200Cg", "h\u2007i\u0085j" }));
            Assert.That(words.CountUpTo(3), Is.EqualTo(3));
            Assert.That(words.CountUpTo(20), Is.EqualTo(8));
            Assert.That(new SearchSnippets.WordRanges(" \n ").Has(0), Is.False);
        });
    }
}
