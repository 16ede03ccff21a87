using Nejat.Cms.Api.Features.Posts;

namespace Nejat.Cms.Api.Tests.Features.Posts;

public sealed class PublishedRangeTests
{
    private static readonly TimeZoneInfo Tehran = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tehran");

    [TestCase("2026-11-01T00:00:00Z", "2026-11-01T00:00:00Z")]
    [TestCase("2026-11-01T00:00Z", "2026-11-01T00:00:00Z")]
    [TestCase("2026-11-01T00:00:00.123456Z", "2026-11-01T00:00:00.123456Z")]
    [TestCase("2026-11-01T03:30:00+03:30", "2026-11-01T00:00:00Z")]
    [TestCase("2026-11-01T03:30:00 03:30", "2026-11-01T00:00:00Z")] // an unencoded + arrives as a space
    [TestCase("2026-10-31T20:00:00-04:00", "2026-11-01T00:00:00Z")]
    [TestCase("2026-11-01", "2026-10-31T20:30:00Z")] // a date begins at midnight in the edition's time zone
    public void InstantsAndDatesAreRead(string given, string utc)
    {
        Assert.That(PublishedRange.Invalid(given, null, out var bounds), Is.Null);
        Assert.That(PublishedRange.Empty(bounds, Tehran, out var range), Is.Null);
        Assert.That(range.From, Is.EqualTo(DateTime.Parse(utc, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AdjustToUniversal)));
    }

    [TestCase("2026-11-01T00:00:00")] // no Z or offset: whose midnight?
    [TestCase("2026-13-01")]
    [TestCase("2026-11-31")]
    [TestCase("yesterday")]
    [TestCase("1730419200")]
    [TestCase("01/11/2026")]
    [TestCase("2026-11-01T25:00:00Z")]
    public void AnythingElseIsA400NamingTheParameter(string given)
    {
        var problem = PublishedRange.Invalid("2026-01-01", given, out _);
        Assert.That(problem?.ProblemDetails.Errors.Keys, Is.EqualTo(new[] { "to" }));
    }

    [TestCase("2026-11-01", "2026-11-01")]
    [TestCase("2026-11-02T00:00:00Z", "2026-11-01T00:00:00Z")]
    [TestCase("2026-11-01T00:00:00Z", "2026-11-01T03:30:00+03:30")] // the same instant
    public void AnEmptyRangeIsA400NamingTo(string from, string to)
    {
        Assert.That(PublishedRange.Invalid(from, to, out var bounds), Is.Null);
        Assert.That(PublishedRange.Empty(bounds, Tehran, out _)?.ProblemDetails.Errors.Keys, Is.EqualTo(new[] { "to" }));
    }

    [Test]
    public void AMissingBoundLeavesThatEndOpen()
    {
        PublishedRange.Invalid(null, "2026-11-01T00:00:00Z", out var bounds);
        PublishedRange.Empty(bounds, Tehran, out var range);
        Assert.Multiple(() =>
        {
            Assert.That(bounds.Any, Is.True);
            Assert.That(range.From, Is.EqualTo(DateTime.MinValue));
            Assert.That(range.From.Kind, Is.EqualTo(DateTimeKind.Utc), "Npgsql sends a UTC DateTime as timestamptz");
        });
    }
}
