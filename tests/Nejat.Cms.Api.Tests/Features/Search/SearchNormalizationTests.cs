using Dapper;
using Npgsql;

namespace Nejat.Cms.Api.Tests.Features.Search;

/// <summary>
/// The search normaliser, search_normalize in migration 0010: the one place where stored text and
/// queries are brought to a canonical form. Each case runs the SQL function itself.
/// </summary>
public sealed class SearchNormalizationTests
{
    private CmsApp _app = null!;
    private NpgsqlConnection _conn = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await CmsApp.StartAsync();
        _conn = new NpgsqlConnection(_app.ConnectionString);
        await _conn.OpenAsync();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _conn.DisposeAsync();
        await _app.DisposeAsync();
    }

    private Task<string> NormalizeAsync(string text) => _conn.QuerySingleAsync<string>("SELECT search_normalize(@Text)", new { Text = text });

    // Two spellings a reader may type for the same word, which must meet.
    [TestCase("علي", "علی", TestName = "Arabic yeh ي = Persian yeh ی")]
    [TestCase("على", "علی", TestName = "alef maksura ى = Persian yeh ی")]
    [TestCase("مسئله", "مسیله", TestName = "yeh with hamza ئ = yeh")]
    [TestCase("كتاب", "کتاب", TestName = "Arabic kaf ك = Persian keheh ک")]
    [TestCase("أحمد", "احمد", TestName = "alef with hamza above أ = alef")]
    [TestCase("إيران", "ایران", TestName = "alef with hamza below إ = alef")]
    [TestCase("آب", "اب", TestName = "alef with madda آ = alef")]
    [TestCase("ٱلله", "الله", TestName = "alef wasla ٱ = alef")]
    [TestCase("مؤمن", "مومن", TestName = "waw with hamza ؤ = waw")]
    [TestCase("مدرسة", "مدرسه", TestName = "teh marbuta ة = heh")]
    [TestCase("خانۀ", "خانه", TestName = "heh with yeh above ۀ = heh")]
    [TestCase("ھفته", "هفته", TestName = "heh doachashmee ھ = heh")]
    [TestCase("كَتَبَ", "کتب", TestName = "fatha removed")]
    [TestCase("كُتُب", "کتب", TestName = "damma removed")]
    [TestCase("بِسم", "بسم", TestName = "kasra removed")]
    [TestCase("شكراً", "شکرا", TestName = "tanwin fath removed")]
    [TestCase("كتابٌ", "کتاب", TestName = "tanwin damm removed")]
    [TestCase("محمّد", "محمد", TestName = "shadda removed")]
    [TestCase("قُلْ", "قل", TestName = "sukun removed")]
    [TestCase("هٰذا", "هذا", TestName = "superscript alef removed")]
    [TestCase("كـــتاب", "کتاب", TestName = "tatweel removed")]
    [TestCase("خانه\u200cها", "خانهها", TestName = "ZWNJ before ها = joined")]
    [TestCase("خانه ها", "خانهها", TestName = "space before ها = joined")]
    [TestCase("کتاب\u200cهای", "کتاب های", TestName = "ZWNJ = space before های")]
    [TestCase("درخت\u200cهایی", "درخت هایی", TestName = "ZWNJ = space before هایی")]
    [TestCase("بزرگ\u200cتر", "بزرگ تر", TestName = "ZWNJ = space before تر")]
    [TestCase("بزرگ ترین", "بزرگترین", TestName = "space before ترین = joined")]
    [TestCase("می\u200cروم", "میروم", TestName = "ZWNJ inside a word removed")]
    [TestCase("سلام\u200f", "سلام", TestName = "right-to-left mark removed")]
    [TestCase("سل\u200dام", "سلام", TestName = "zero-width joiner removed")]
    [TestCase("ﻻ", "لا", TestName = "presentation form lam-alef ﻻ = لا")]
    [TestCase("ا\u0654", "ا", TestName = "decomposed hamza composes, then alef")]
    [TestCase("Shqipëri", "shqiperi", TestName = "Albanian ë = e")]
    [TestCase("çështje", "ceshtje", TestName = "Albanian ç = c")]
    [TestCase("ÇËSHTJE", "ceshtje", TestName = "Albanian capitals")]
    [TestCase("Zürich café", "zurich cafe", TestName = "Latin accents")]
    [TestCase("ＲＥＦＵＧＥＥ", "refugee", TestName = "full-width Latin")]
    [TestCase("ﬁle", "file", TestName = "ligature ﬁ")]
    [TestCase("a\u00a0b", "a b", TestName = "no-break space = space")]
    public async Task SpellingsMeet(string typed, string stored) =>
        Assert.That(await NormalizeAsync(typed), Is.EqualTo(await NormalizeAsync(stored)));

    // Digits of every system become Latin digits.
    [TestCase("۱۴۰۵", "1405", TestName = "Persian digits")]
    [TestCase("٢٠٢٦", "2026", TestName = "Arabic-Indic digits")]
    [TestCase("۱٤0۵", "1405", TestName = "mixed digit systems")]
    // The canonical letters are the Arabic ones (which PostgreSQL's arabic stemmer knows).
    [TestCase("ی", "\u064a", TestName = "canonical yeh is U+064A")]
    [TestCase("ک", "\u0643", TestName = "canonical kaf is U+0643")]
    // What must not change or join.
    [TestCase("تر و خشک", "تر و خشك", TestName = "تر at the start stays a word")]
    [TestCase("آقای هاشمی", "اقاي هاشمي", TestName = "a word starting with ها is not a suffix")]
    [TestCase("سفر ترکیه", "سفر تركيه", TestName = "a word starting with تر is not a suffix")]
    [TestCase("new york", "new york", TestName = "Latin words keep their spaces")]
    public async Task NormalizesTo(string text, string expected) =>
        Assert.That(await NormalizeAsync(text), Is.EqualTo(expected));

    // What an edition's configuration parses: the arabic stemmer is given ة as written, the others ه.
    [TestCase("arabic", "المدرسة خانه ها", "المدرسة خانهها")]
    [TestCase("simple", "المدرسة خانه ها", "المدرسه خانهها")]
    [TestCase("english", "Refugees' Camp", "refugees' camp")]
    public async Task PreparesForTheConfiguration(string config, string text, string expected) =>
        Assert.That(await _conn.QuerySingleAsync<string>("SELECT search_prepare(@Config::regconfig, @Text)", new { Config = config, Text = text }),
            Is.EqualTo(expected));

    // Statements that prepare a query have the normaliser written into them (migration 0019): a SQL
    // function PostgreSQL cannot inline is parsed, planned and started again on every execution.
    [Test]
    public async Task StatementsHaveTheNormaliserInlined()
    {
        var plan = string.Join('\n', await _conn.QueryAsync<string>(
            "EXPLAIN (VERBOSE, COSTS OFF) SELECT search_prepare(e.search_config, @Text), search_normalize(@Text) FROM editions e",
            new { Text = "خانه ها" }));
        Assert.That(plan, Does.Not.Match("search_(prepare|config_letters|join_suffixes|normalize)"), plan);
    }

    [TestCase("خانه", "خانم", TestName = "different words stay different")]
    [TestCase("shqipëri", "shqipëria", TestName = "accents go, letters stay")]
    public async Task DifferentWordsStayApart(string one, string other) =>
        Assert.That(await NormalizeAsync(one), Is.Not.EqualTo(await NormalizeAsync(other)));
}
