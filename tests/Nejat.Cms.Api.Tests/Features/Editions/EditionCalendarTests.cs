using Nejat.Cms.Api.Features.Editions;

namespace Nejat.Cms.Api.Tests.Features.Editions;

public sealed class EditionCalendarTests
{
    private static readonly EditionCalendar Farsi = EditionCalendar.For("fa-IR", "Asia/Tehran");
    private static readonly EditionCalendar Arabic = EditionCalendar.For("ar", "Asia/Riyadh");
    private static readonly EditionCalendar English = EditionCalendar.For("en", "UTC");
    private static readonly EditionCalendar Albanian = EditionCalendar.For("sq-AL", "Europe/Tirane");

    private static DateTime Utc(string instant) => DateTime.Parse(instant, System.Globalization.CultureInfo.InvariantCulture,
        System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);

    [TestCase("2026-11-28T12:00:00Z", "۷ آذر ۱۴۰۵", 1405, 9, 7, "آذر")]
    // Nowruz 1405 (the equinox on 20 March 2026, 18:16 in Tehran, after noon): 1 Farvardin is 21 March.
    [TestCase("2026-03-20T20:29:59Z", "۲۹ اسفند ۱۴۰۴", 1404, 12, 29, "اسفند")] // 23:59:59 in Tehran
    [TestCase("2026-03-20T20:30:00Z", "۱ فروردین ۱۴۰۵", 1405, 1, 1, "فروردین")] // midnight in Tehran
    [TestCase("2026-03-20T21:00:00Z", "۱ فروردین ۱۴۰۵", 1405, 1, 1, "فروردین")]
    // 1403 was a leap year: Esfand had 30 days; Nowruz 1403 fell on 20 March 2024.
    [TestCase("2025-03-20T12:00:00Z", "۳۰ اسفند ۱۴۰۳", 1403, 12, 30, "اسفند")]
    [TestCase("2024-03-20T12:00:00Z", "۱ فروردین ۱۴۰۳", 1403, 1, 1, "فروردین")]
    // The last day of the first half (31-day months) and the first of Mehr.
    [TestCase("2026-09-22T12:00:00Z", "۳۱ شهریور ۱۴۰۵", 1405, 6, 31, "شهریور")]
    [TestCase("2026-09-23T12:00:00Z", "۱ مهر ۱۴۰۵", 1405, 7, 1, "مهر")]
    public void FarsiDatesAreSolarHijriInTehranWithPersianDigits(string instant, string text, int year, int month, int day, string monthName) =>
        Assert.That(Farsi.Display(Utc(instant)), Is.EqualTo(new DisplayDate(text, "persian", year, month, day, monthName)));

    [TestCase("2026-11-28T12:00:00Z", "٢٨ نوفمبر ٢٠٢٦", 2026, 11, 28, "نوفمبر")]
    [TestCase("2026-11-27T20:59:59Z", "٢٧ نوفمبر ٢٠٢٦", 2026, 11, 27, "نوفمبر")] // 23:59:59 in Riyadh
    [TestCase("2026-11-27T21:00:00Z", "٢٨ نوفمبر ٢٠٢٦", 2026, 11, 28, "نوفمبر")] // midnight in Riyadh
    [TestCase("2026-01-05T12:00:00Z", "٥ يناير ٢٠٢٦", 2026, 1, 5, "يناير")]
    [TestCase("2025-12-31T21:30:00Z", "١ يناير ٢٠٢٦", 2026, 1, 1, "يناير")] // a new year in Riyadh, not yet in UTC
    public void ArabicDatesAreGregorianInRiyadhWithArabicIndicDigits(string instant, string text, int year, int month, int day, string monthName) =>
        Assert.That(Arabic.Display(Utc(instant)), Is.EqualTo(new DisplayDate(text, "gregorian", year, month, day, monthName)));

    [TestCase("2026-11-28T00:00:00Z", "28 November 2026")]
    [TestCase("2026-11-28T23:59:59Z", "28 November 2026")]
    [TestCase("2026-05-01T00:00:00Z", "1 May 2026")]
    public void EnglishDatesAreUtc(string instant, string text) =>
        Assert.That(English.Display(Utc(instant)).Text, Is.EqualTo(text));

    [TestCase("2026-11-28T12:00:00Z", "28 nëntor 2026")]
    [TestCase("2026-11-27T23:00:00Z", "28 nëntor 2026")] // midnight in Tirana (UTC+1 in winter)
    [TestCase("2026-07-31T22:00:00Z", "1 gusht 2026")] // midnight in Tirana (UTC+2 in summer)
    [TestCase("2026-07-31T21:59:59Z", "31 korrik 2026")]
    [TestCase("2026-12-31T12:00:00Z", "31 dhjetor 2026")]
    public void AlbanianDatesAreInTirana(string instant, string text) =>
        Assert.That(Albanian.Display(Utc(instant)).Text, Is.EqualTo(text));

    [Test]
    public void EveryDigitIsMapped()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Farsi.Digits(1234567890), Is.EqualTo("۱۲۳۴۵۶۷۸۹۰"));
            Assert.That(Arabic.Digits(1234567890), Is.EqualTo("١٢٣٤٥٦٧٨٩٠"));
            Assert.That(English.Digits(1234567890), Is.EqualTo("1234567890"));
        });
    }

    [Test]
    public void MonthLabelsAreInTheEditionsLanguageForEachCalendarItNames()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Farsi.MonthLabel(CalendarSystem.Persian, 1405, 9), Is.EqualTo("آذر ۱۴۰۵"));
            Assert.That(Farsi.MonthLabel(CalendarSystem.Gregorian, 2026, 11), Is.EqualTo("نوامبر ۲۰۲۶"));
            Assert.That(Arabic.MonthLabel(CalendarSystem.Gregorian, 2026, 12), Is.EqualTo("ديسمبر ٢٠٢٦"));
            Assert.That(Albanian.MonthLabel(CalendarSystem.Gregorian, 2026, 11), Is.EqualTo("nëntor 2026"));
            Assert.That(Farsi.HasMonthNames(CalendarSystem.Persian) && Farsi.HasMonthNames(CalendarSystem.Gregorian), Is.True);
            Assert.That(Arabic.HasMonthNames(CalendarSystem.Persian), Is.False);
            Assert.That(English.HasMonthNames(CalendarSystem.Persian), Is.False);
        });
    }

    [Test]
    public void AnotherLanguageReadsAsEnglishAndBeforeTheHijriEpochDatesAreGregorian()
    {
        Assert.Multiple(() =>
        {
            Assert.That(EditionCalendar.For("ku", "UTC").Display(Utc("2026-11-28T00:00:00Z")).Text, Is.EqualTo("28 November 2026"));
            var ancient = Farsi.Display(new DateTime(500, 6, 1, 12, 0, 0, DateTimeKind.Utc));
            Assert.That((ancient.Calendar, ancient.Text), Is.EqualTo(("gregorian", "۱ ژوئن ۵۰۰")));
        });
    }

    [TestCase("Asia/Tehran", "2026-03-21", "2026-03-20T20:30:00Z")] // 1 Farvardin 1405
    [TestCase("Asia/Tehran", "2022-03-22", "2022-03-21T20:30:00Z")] // Tehran's last DST began at midnight: the day begins at the jump
    [TestCase("Asia/Tehran", "2022-09-22", "2022-09-21T20:30:00Z")] // and ended at midnight: 21 September had 25 hours
    [TestCase("America/Havana", "2024-03-10", "2024-03-10T05:00:00Z")] // clocks skip midnight
    [TestCase("America/Havana", "2024-11-03", "2024-11-03T04:00:00Z")] // midnight comes twice: the first
    [TestCase("Pacific/Apia", "2011-12-30", "2011-12-30T10:00:00Z")] // Samoa skipped the whole day
    [TestCase("Pacific/Apia", "2011-12-31", "2011-12-30T10:00:00Z")]
    [TestCase("UTC", "2026-11-28", "2026-11-28T00:00:00Z")]
    public void ADayBeginsAtItsFirstLocalInstant(string zone, string day, string start)
    {
        var started = LocalDays.StartUtc(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), TimeZoneInfo.FindSystemTimeZoneById(zone));
        Assert.Multiple(() =>
        {
            Assert.That(started, Is.EqualTo(Utc(start)));
            Assert.That(started.Kind, Is.EqualTo(DateTimeKind.Utc));
        });
    }

    [Test]
    public void PersianMonthsBeginAndEndWhereTheCalendarSaysAndHaveTwelveMonths()
    {
        Assert.Multiple(() =>
        {
            Assert.That(CalendarSystem.Persian.FirstDay(1405, 1), Is.EqualTo(new DateOnly(2026, 3, 21)));
            Assert.That(CalendarSystem.Persian.FirstDayOfNextMonth(1405, 9), Is.EqualTo(new DateOnly(2026, 12, 22)));
            Assert.That(CalendarSystem.Persian.FirstDayOfNextMonth(1404, 12), Is.EqualTo(new DateOnly(2026, 3, 21)));
            Assert.That(CalendarSystem.Gregorian.FirstDayOfNextMonth(2026, 12), Is.EqualTo(new DateOnly(2027, 1, 1)));
            Assert.That(CalendarSystem.Named("persian"), Is.SameAs(CalendarSystem.Persian));
            Assert.That(CalendarSystem.Named("julian"), Is.Null);
        });
    }

    /// <summary>Days are kept once converted (CalendarSystem.Of): read twice, every day answers as .NET's calendars do.</summary>
    [Test]
    public void KeptDaysAnswerAsTheCalendarDoes()
    {
        var (persian, gregorian) = (new System.Globalization.PersianCalendar(), new System.Globalization.GregorianCalendar());
        var days = Enumerable.Range(0, 366 * 40).Select(n => new DateOnly(1995, 3, 1).AddDays(n)).ToArray();
        var expected = days.Select(d => d.ToDateTime(TimeOnly.MinValue))
            .Select(t => ((persian.GetYear(t), persian.GetMonth(t), persian.GetDayOfMonth(t)), (gregorian.GetYear(t), gregorian.GetMonth(t), gregorian.GetDayOfMonth(t))))
            .ToArray();
        for (var round = 0; round < 2; round++)
        {
            Assert.That(days.Select(d => (CalendarSystem.Persian.Of(d), CalendarSystem.Gregorian.Of(d))), Is.EqualTo(expected), $"round {round}");
        }
    }
}
