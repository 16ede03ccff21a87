using Nejat.Cms.Api.Text;

namespace Nejat.Cms.Api.Tests.Text;

public sealed class TextRulesTests
{
    [TestCase("")]
    [TestCase("Hello, world")]
    [TestCase("خانه‌ها در هرات")]
    [TestCase("Shqipëria çështje")]
    [TestCase("tab\tline\nreturn\r")]
    [TestCase("😀 emoji and \u202e RLO and \u00a0 no-break space")]
    [TestCase("\uE000 private use and \uFEFF")]
    public void OrdinaryTextPassesUnchanged(string text)
    {
        Assert.Multiple(() =>
        {
            Assert.That(TextRules.Clean(text, out var problem), Is.SameAs(text));
            Assert.That(problem, Is.Null);
            Assert.That(TextRules.Problem(text), Is.Null);
        });
    }

    [TestCase("line\vbreak", "line\nbreak")]
    [TestCase("page\fbreak\v", "page\nbreak\n")]
    [TestCase("\v😀\f", "\n😀\n")]
    public void VerticalTabsAndFormFeedsBecomeLineFeeds(string text, string cleaned)
    {
        Assert.Multiple(() =>
        {
            Assert.That(TextRules.Clean(text, out var problem), Is.EqualTo(cleaned));
            Assert.That(problem, Is.Null);
            // Where nothing may be changed (a path, a query value), they are refused.
            Assert.That(TextRules.Problem(text), Does.Contain("control character"));
        });
    }

    [TestCase("a\0b", "contains a NUL character (U+0000)")]
    [TestCase("a\u0001b", "contains a control character (U+0001)")]
    [TestCase("\u001f", "contains a control character (U+001F)")]
    [TestCase("del\u007f", "contains a control character (U+007F)")]
    [TestCase("c1\u0085", "contains a control character (U+0085)")]
    [TestCase("x\ufffe", "contains a noncharacter (U+FFFE)")]
    [TestCase("\uffff", "contains a noncharacter (U+FFFF)")]
    [TestCase("\ufdd0", "contains a noncharacter (U+FDD0)")]
    [TestCase("\U0001FFFE", "contains a noncharacter (U+1FFFE)")]
    [TestCase("ok\vthen\0", "contains a NUL character (U+0000)")]
    public void RefusedCharactersAreNamed(string text, string problem)
    {
        Assert.Multiple(() =>
        {
            Assert.That(TextRules.Clean(text, out var found), Is.Null);
            Assert.That(found, Is.EqualTo(problem));
            Assert.That(TextRules.Problem(text), Is.Not.Null);
        });
    }

    // Built in code: a lone surrogate in an attribute argument would be stored as U+FFFD.
    private static readonly object[] LoneSurrogates =
    [
        new object[] { "lone" + (char)0xD800, "contains a lone surrogate (U+D800)" },
        new object[] { (char)0xDFFF + "x", "contains a lone surrogate (U+DFFF)" },
        new object[] { new string([(char)0xD800, (char)0xD800, (char)0xDC00]), "contains a lone surrogate (U+D800)" },
    ];

    [TestCaseSource(nameof(LoneSurrogates))]
    public void LoneSurrogatesAreRefused(string text, string problem) => RefusedCharactersAreNamed(text, problem);
}
