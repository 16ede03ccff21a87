using System.ComponentModel.DataAnnotations;
using System.ComponentModel;
using System.Globalization;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Nejat.Cms.Api.Features.Editions;
using Nejat.Cms.Api.Hosting;
using Npgsql;

namespace Nejat.Cms.Api.Features.Archives;

/// <summary>
/// A month of an edition's archive: its calendar, year and month (as a post's displayDate has them),
/// its title in the edition's language and digits, how many posts it has, and the instants that bound
/// it, from inclusive and to exclusive, with the posts list link that selects exactly its posts.
/// </summary>
public sealed record ArchiveMonth(
    [property: AllowedValues("gregorian", "persian")] string Calendar, int Year, int Month, string MonthName, string Label, long Count, DateTime From, DateTime To, string Posts);

/// <summary>An edition's months with published posts, newest first.</summary>
public sealed record Archive(
    string Edition, string Language, [property: AllowedValues("ltr", "rtl")] string Direction, [property: AllowedValues("gregorian", "persian")] string Calendar, string TimeZone, IReadOnlyList<ArchiveMonth> Months);

internal static class ArchiveEndpoints
{
    public static RouteGroupBuilder MapArchives(this RouteGroupBuilder v1)
    {
        v1.MapGet("/{edition}/archives", GetArchive)
            .WithName(nameof(GetArchive))
            .WithTags("Archives")
            .WithSummary("List an edition's months with their post counts, newest first")
            .WithDescription("Months in the edition's calendar (Solar Hijri for fa, Gregorian for the others) and time zone, each with "
                + "its label in the edition's language and digits, its count of published posts (never pages, drafts or scheduled "
                + "posts), and the UTC instants from (inclusive) and to (exclusive) that bound it; posts is the posts list of exactly "
                + "that month. calendar=gregorian gives Gregorian months in any edition.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return v1;
    }

    // The edition, then its published posts counted per local day: one pass over the edition's
    // list index (index-only), a few thousand rows for years of posts. Days fold into months in C#,
    // which knows the Solar Hijri calendar.
    internal const string Sql = """
        SELECT locale AS language, direction, time_zone FROM editions WHERE code = @Edition;
        SELECT (p.published_at AT TIME ZONE e.time_zone)::date AS day, count(*) AS posts
        FROM editions e
        JOIN posts p ON p.edition = e.code AND p.status = 'published' AND p.kind = 'post'
        WHERE e.code = @Edition
        GROUP BY 1;
        """;

    public static async Task<Results<Ok<Archive>, ProblemHttpResult, ValidationProblem>> GetArchive(
        [Description("Edition code, e.g. `fa`.")] string edition,
        [Description("`gregorian`, or the edition's own calendar (`persian` in fa, its default). Default: the edition's calendar.")] string? calendar,
        HttpRequest request,
        NpgsqlDataSource db,
        CancellationToken ct)
    {
        var asked = string.IsNullOrEmpty(calendar) ? null : CalendarSystem.Named(calendar);
        if (!string.IsNullOrEmpty(calendar) && asked is null)
        {
            return CalendarProblem($"calendar must be gregorian or persian; got '{calendar}'.");
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var results = await conn.QueryMultipleAsync(new CommandDefinition(Sql, new { Edition = edition }, cancellationToken: ct));
        var row = await results.ReadSingleAsync<EditionRow>();
        var dates = EditionCalendar.For(row.Language, row.TimeZone);
        var months = asked ?? dates.Calendar;
        if (!dates.HasMonthNames(months))
        {
            return CalendarProblem($"calendar must be gregorian or {dates.Calendar.Name} in edition '{edition}'; got '{calendar}'.");
        }

        var days = await results.ReadAsync<DayCount>();
        var items = days
            .GroupBy(d => MonthOf(d.Day, months), d => d.Posts)
            .Select(month => Item(request, edition, dates, month.Key, month.Sum()))
            .OrderByDescending(m => m.From)
            .ToArray();
        return TypedResults.Ok(new Archive(edition, row.Language, row.Direction, months.Name, row.TimeZone, items));
    }

    private static ArchiveMonth Item(
        HttpRequest request, string edition, EditionCalendar dates, (CalendarSystem Calendar, int Year, int Month) month, long count)
    {
        var (calendar, year, number) = month;
        var from = LocalDays.StartUtc(calendar.FirstDay(year, number), dates.TimeZone);
        var to = LocalDays.StartUtc(calendar.FirstDayOfNextMonth(year, number), dates.TimeZone);
        var posts = $"{request.PathBase}/v1/{Uri.EscapeDataString(edition)}/posts?from={Iso(from)}&to={Iso(to)}";
        return new ArchiveMonth(calendar.Name, year, number, dates.MonthName(calendar, number), dates.MonthLabel(calendar, year, number), count, from, to, posts);
    }

    private static (CalendarSystem Calendar, int Year, int Month) MonthOf(DateOnly day, CalendarSystem calendar)
    {
        calendar = calendar.For(day);
        var (year, month, _) = calendar.Of(day);
        return (calendar, year, month);
    }

    private static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static ValidationProblem CalendarProblem(string message) => Problems.InvalidQuery(new() { ["calendar"] = [message] })!;

    private sealed record EditionRow(string Language, string Direction, string TimeZone);

    private sealed record DayCount
    {
        public DateOnly Day { get; init; }
        public long Posts { get; init; }
    }
}
