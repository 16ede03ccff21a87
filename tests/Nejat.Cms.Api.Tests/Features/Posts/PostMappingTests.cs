using Nejat.Cms.Api.Features.Posts;

namespace Nejat.Cms.Api.Tests.Features.Posts;

public sealed class PostMappingTests
{
    [Test]
    public void ParallelArraysBecomePairsInOrder()
    {
        var post = new PostRow
        {
            Slug = "s",
            Language = "en",
            TimeZone = "UTC",
            TagSlugs = ["b", "a"],
            TagNames = ["B", "A"],
            TranslationEditions = ["en"],
            TranslationSlugs = ["en-s"],
            OlderSlug = "o",
            OlderTitle = "Older",
        }.ToPost();
        Assert.Multiple(() =>
        {
            Assert.That(post.Tags, Is.EqualTo(new[] { new TagRef("b", "B"), new TagRef("a", "A") }));
            Assert.That(post.PrimaryTag, Is.EqualTo(new TagRef("b", "B")));
            Assert.That(post.Translations, Is.EqualTo(new[] { new TranslationRef("en", "en-s") }));
            Assert.That(post.Older, Is.EqualTo(new PostLink("o", "Older")));
            Assert.That(post.Newer, Is.Null);
            Assert.That(post.Author, Is.Null);
        });
    }

    [Test]
    public void NoTagsMeansNoPrimaryTag()
    {
        var summary = new PostSummaryRow { Slug = "s", Language = "en", TimeZone = "UTC" }.ToSummary();
        Assert.Multiple(() =>
        {
            Assert.That(summary.PrimaryTag, Is.Null);
            Assert.That(summary.Tags, Is.Empty);
            Assert.That(summary.Translations, Is.Empty);
        });
    }

    [Test]
    public void TheDisplayDateIsInTheEditionsCalendarDigitsAndTimeZone()
    {
        var summary = new PostSummaryRow
        {
            Slug = "s",
            Language = "fa-IR",
            Direction = "rtl",
            TimeZone = "Asia/Tehran",
            PublishedAt = new DateTime(2026, 11, 27, 21, 0, 0, DateTimeKind.Utc),
        }.ToSummary();
        Assert.Multiple(() =>
        {
            Assert.That(summary.DisplayDate.Text, Is.EqualTo("۷ آذر ۱۴۰۵"), "00:30 on 28 November in Tehran");
            Assert.That(summary.Language, Is.EqualTo("fa-IR"));
            Assert.That(summary.Direction, Is.EqualTo("rtl"));
        });
    }
}
