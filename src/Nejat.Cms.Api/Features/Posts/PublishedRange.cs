using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Nejat.Cms.Api.Features.Editions;
using Nejat.Cms.Api.Hosting;

namespace Nejat.Cms.Api.Features.Posts;

/// <summary>The publishedAt bounds of a post list, UTC: from inclusive, to exclusive.</summary>
internal readonly record struct PublishedRange(DateTime From, DateTime To)
{
    // Below and above any post: an absent bound leaves that end open.
    private static readonly DateTime Earliest = DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc);
    private static readonly DateTime Latest = DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc);

    private static readonly string[] InstantFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", "yyyy-MM-dd'T'HH:mm'Z'",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mmzzz",
    ];

    /// <summary>
    /// Reads from and to: each an ISO 8601 instant with Z or an offset, or a date (the start of that day
    /// in the edition's time zone, known only later). A 400 naming each bad one, or null.
    /// </summary>
    public static ValidationProblem? Invalid(string? from, string? to, out Bounds bounds)
    {
        var errors = new Dictionary<string, string[]>();
        bounds = new Bounds(Read(nameof(from), from, errors), Read(nameof(to), to, errors));
        return Problems.InvalidQuery(errors);
    }

    /// <summary>The range, or a 400 when it is empty (from not before to).</summary>
    public static ValidationProblem? Empty(Bounds bounds, TimeZoneInfo zone, out PublishedRange range)
    {
        range = new PublishedRange(bounds.From?.Utc(zone) ?? Earliest, bounds.To?.Utc(zone) ?? Latest);
        return Problems.InvalidQuery(range.From < range.To
            ? []
            : new() { ["to"] = [$"to must be later than from; got from={bounds.From} and to={bounds.To}."] });
    }

    private static Bound? Read(string name, string? value, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        // An unencoded + in a query string arrives as a space; ISO 8601 has no spaces, so it was a +.
        var text = value.Replace(' ', '+');
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return new Bound(text, null, day);
        }

        if (DateTimeOffset.TryParseExact(text, InstantFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return new Bound(text, instant.UtcDateTime, null);
        }

        errors[name] = [$"{name} must be an ISO 8601 date (2026-11-01) or instant with Z or an offset (2026-11-01T00:00:00Z); got '{value}'."];
        return null;
    }

    /// <summary>A bound as given: an instant, or a day that begins in the edition's time zone.</summary>
    internal sealed record Bound(string Text, DateTime? Instant, DateOnly? Day)
    {
        public DateTime Utc(TimeZoneInfo zone) => Instant ?? LocalDays.StartUtc(Day!.Value, zone);

        public override string ToString() => Text;
    }

    /// <summary>The bounds given, either or both absent.</summary>
    internal sealed record Bounds(Bound? From, Bound? To)
    {
        public bool Any => From is not null || To is not null;
    }
}
