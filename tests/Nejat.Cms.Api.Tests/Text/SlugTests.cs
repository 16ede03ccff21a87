using System.Text;
using Nejat.Cms.Api.Text;

namespace Nejat.Cms.Api.Tests.Text;

public sealed class SlugTests
{
    [TestCase("refugees-in-europe")]
    [TestCase("خانه‌ها-در-هرات")] // Persian with ZWNJ
    [TestCase("اللاجئون-في-أوروبا")]
    [TestCase("مُحَمَّد")] // Arabic with harakat (combining marks) kept
    [TestCase("të-drejtat-e-njeriut")]
    [TestCase("۱۴۰۳-گزارش")] // Persian digits
    [TestCase("2024")]
    public void ValidSlugsPass(string slug) => Assert.That(Slug.Problem(Slug.Canonical(slug)), Is.Null);

    [TestCase("", "must not be empty")]
    [TestCase("-leading", "must not start or end")]
    [TestCase("trailing-", "must not start or end")]
    [TestCase("double--hyphen", "contain '--'")]
    [TestCase("Capital", "must be lower case")]
    [TestCase("with space", "U+0020")]
    [TestCase("a/b", "U+002F")]
    [TestCase("question?", "U+003F")]
    [TestCase("فارسی،", "U+060C")] // Arabic comma is punctuation
    public void InvalidSlugsSayWhy(string slug, string problem) =>
        Assert.That(Slug.Problem(slug), Does.Contain(problem));

    [Test]
    public void TooLongIsRefused() => Assert.That(Slug.Problem(new string('a', Slug.MaxLength + 1)), Does.Contain("at most"));

    [Test]
    public void CanonicalFormIsNfc()
    {
        var decomposed = "shqipëri".Normalize(NormalizationForm.FormD);
        Assert.Multiple(() =>
        {
            Assert.That(decomposed, Is.Not.EqualTo("shqipëri"));
            Assert.That(Slug.Canonical(decomposed), Is.EqualTo("shqipëri"));
        });
    }

    [TestCase("Refugees in Europe: what next?", "refugees-in-europe-what-next")] // en
    [TestCase("  Houses -- in   Herat  ", "houses-in-herat")]
    [TestCase("اللاجئون في أوروبا؟", "اللاجئون-في-أوروبا")] // ar, Arabic question mark dropped
    [TestCase("مُحَمَّد والحرية", "مُحَمَّد-والحرية")] // ar, harakat kept, not transliterated
    [TestCase("خانه‌ها در هرات!", "خانه‌ها-در-هرات")] // fa, ZWNJ inside a word kept
    [TestCase("می‌ ‌خواهم", "می-خواهم")] // fa, ZWNJ at a word's edge dropped
    [TestCase("گزارش ۱۴۰۳، «تهران»", "گزارش-۱۴۰۳-تهران")] // fa, Persian digits kept, guillemets dropped
    [TestCase("Refugjatët në Shqipëri", "refugjatët-në-shqipëri")] // sq
    [TestCase("Çështje sociale", "çështje-sociale")] // sq
    [TestCase("?!…", "post")]
    public void TitlesBecomeReadableUnicodeSlugs(string title, string slug)
    {
        var made = Slug.FromTitle(title);
        Assert.Multiple(() =>
        {
            Assert.That(made, Is.EqualTo(slug));
            Assert.That(Slug.Problem(made), Is.Null, "a made slug is always valid");
        });
    }

    [Test]
    public void LongTitlesAreCutAtAWordAndNumberedWithinTheLimit()
    {
        var made = Slug.FromTitle(string.Join(' ', Enumerable.Repeat("کلمه", 80)));
        Assert.Multiple(() =>
        {
            Assert.That(made.Length, Is.LessThanOrEqualTo(Slug.MaxLength));
            Assert.That(made, Does.EndWith("کلمه"));
            Assert.That(Slug.Numbered(made, 12).Length, Is.LessThanOrEqualTo(Slug.MaxLength));
            Assert.That(Slug.Numbered(made, 12), Does.EndWith("-12"));
        });
    }
}
