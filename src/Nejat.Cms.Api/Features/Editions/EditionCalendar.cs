using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Nejat.Cms.Api.Features.Editions;

/// <summary>
/// A date as the edition's readers write it: <c>text</c> to print, and the calendar's year, month
/// and day to link with (an archive month has the same calendar, year and month).
/// </summary>
public sealed record DisplayDate(string Text, [property: AllowedValues("gregorian", "persian")] string Calendar, int Year, int Month, int Day, string MonthName);

/// <summary>Local days of a time zone: the day an instant falls on, and the instant a day begins.</summary>
internal static class LocalDays
{
    public static DateOnly Of(DateTime utc, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(utc, zone));

    /// <summary>
    /// The first instant (UTC) of a local day in a time zone: local midnight, or, when the
    /// clocks jumped over midnight, the jump; when midnight came twice, the first.
    /// </summary>
    public static DateTime StartUtc(DateOnly day, TimeZoneInfo zone)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue);
        if (!zone.IsInvalidTime(midnight) && !zone.IsAmbiguousTime(midnight))
        {
            return TimeZoneInfo.ConvertTimeToUtc(midnight, zone);
        }

        // The local date only moves forward with time, and clocks change on a whole second: search for
        // the first second that reads this day, between one that surely reads the day before and one
        // that surely reads it (offsets lie between -12 and +14 hours).
        var (before, from) = (SecondsOf(midnight.AddHours(-15)), SecondsOf(midnight.AddHours(15)));
        while (from - before > 1)
        {
            var middle = before + ((from - before) / 2);
            (before, from) = Of(Instant(middle), zone) >= day ? (before, middle) : (middle, from);
        }

        return Instant(from);

        static long SecondsOf(DateTime time) => time.Ticks / TimeSpan.TicksPerSecond;
        static DateTime Instant(long seconds) => new(seconds * TimeSpan.TicksPerSecond, DateTimeKind.Utc);
    }
}

/// <summary>A calendar system: how a day is counted in years and months. Both have twelve months.</summary>
internal sealed class CalendarSystem
{
    public static readonly CalendarSystem Gregorian = new("gregorian", new GregorianCalendar());

    /// <summary>The Solar Hijri calendar of Iran (.NET's PersianCalendar: the astronomical one, Nowruz at the equinox).</summary>
    public static readonly CalendarSystem Persian = new("persian", new PersianCalendar());

    // Days already converted, at most MaxDaysKept (then it starts again). .NET's PersianCalendar finds a
    // date's year by computing equinoxes, once for each of year, month and day: 0.025 ms a date, almost
    // half of the service's CPU time for a cold page of ten fa posts. A site's dates span a few thousand days.
    private const int MaxDaysKept = 100_000;
    private readonly ConcurrentDictionary<DateOnly, (int Year, int Month, int Day)> _days = new();
    private readonly Calendar _calendar;

    private CalendarSystem(string name, Calendar calendar) => (Name, _calendar) = (name, calendar);

    /// <summary>As the API spells it in <c>calendar</c> fields and parameters.</summary>
    public string Name { get; }

    public static CalendarSystem? Named(string name) =>
        name == Gregorian.Name ? Gregorian : name == Persian.Name ? Persian : null;

    /// <summary>This calendar, or the Gregorian one before this one's epoch (the Solar Hijri one starts in 622).</summary>
    public CalendarSystem For(DateOnly day) => day.ToDateTime(TimeOnly.MinValue) >= _calendar.MinSupportedDateTime ? this : Gregorian;

    public (int Year, int Month, int Day) Of(DateOnly day)
    {
        if (_days.TryGetValue(day, out var known))
        {
            return known;
        }

        var date = day.ToDateTime(TimeOnly.MinValue);
        var parts = (_calendar.GetYear(date), _calendar.GetMonth(date), _calendar.GetDayOfMonth(date));
        if (_days.Count >= MaxDaysKept)
        {
            _days.Clear();
        }

        _days[day] = parts;
        return parts;
    }

    public DateOnly FirstDay(int year, int month) => DateOnly.FromDateTime(_calendar.ToDateTime(year, month, 1, 0, 0, 0, 0));

    public DateOnly FirstDayOfNextMonth(int year, int month) => month == 12 ? FirstDay(year + 1, 1) : FirstDay(year, month + 1);
}

/// <summary>
/// An edition's calendar, month names and digits, and the time zone its dates are shown in. The
/// language comes from the edition's locale: fa is Solar Hijri with Persian digits; ar, en and sq
/// are Gregorian, ar with Arabic-Indic digits; any other language reads as English. Deterministic by
/// design: the names are tables here and digits are mapped by hand, never culture formatting, whose
/// output depends on the machine's ICU version (or on invariant mode, where it is English).
/// </summary>
internal sealed class EditionCalendar
{
    // Arabic: the month names of Egypt, Saudi Arabia and the Gulf (يناير … ديسمبر), CLDR's default for
    // "ar": the set pan-Arab news sites use and readers everywhere know. The Levant and Iraq's set
    // (كانون الثاني، شباط …) is regional.
    private static readonly FrozenDictionary<string, DateLanguage> Languages = new Dictionary<string, DateLanguage>
    {
        ["fa"] = new('۰', CalendarSystem.Persian,
            ["ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن", "ژوئیه", "اوت", "سپتامبر", "اکتبر", "نوامبر", "دسامبر"],
            ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"]),
        ["ar"] = new('٠', CalendarSystem.Gregorian,
            ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"], null),
        ["en"] = new('0', CalendarSystem.Gregorian,
            ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"], null),
        ["sq"] = new('0', CalendarSystem.Gregorian,
            ["janar", "shkurt", "mars", "prill", "maj", "qershor", "korrik", "gusht", "shtator", "tetor", "nëntor", "dhjetor"], null),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // Every list row asks for its edition's calendar: one instance per locale and time zone.
    private static readonly ConcurrentDictionary<(string Locale, string TimeZone), EditionCalendar> Known = new();

    private readonly DateLanguage _language;

    private EditionCalendar(DateLanguage language, TimeZoneInfo timeZone) => (_language, TimeZone) = (language, timeZone);

    /// <summary>The calendar of the edition's display dates and, by default, of its archives.</summary>
    public CalendarSystem Calendar => _language.Calendar;

    public TimeZoneInfo TimeZone { get; }

    /// <param name="locale">The edition's locale (BCP 47), e.g. fa-IR.</param>
    /// <param name="timeZone">An IANA time zone name, e.g. Asia/Tehran (editions.time_zone).</param>
    public static EditionCalendar For(string locale, string timeZone) =>
        Known.GetOrAdd((locale, timeZone), static key => new EditionCalendar(
            Languages.GetValueOrDefault(key.Locale.Split('-', '_')[0].ToLowerInvariant(), Languages["en"]),
            TimeZoneInfo.FindSystemTimeZoneById(key.TimeZone)));

    /// <summary>The edition's own calendar and the Gregorian one have month names in its language.</summary>
    public bool HasMonthNames(CalendarSystem calendar) => calendar == CalendarSystem.Gregorian || calendar == _language.Calendar;

    /// <summary>An instant as the edition's readers date it, e.g. "۷ آذر ۱۴۰۵" or "28 November 2026".</summary>
    public DisplayDate Display(DateTime utc)
    {
        var day = LocalDays.Of(utc, TimeZone);
        var calendar = Calendar.For(day);
        var (year, month, dayOfMonth) = calendar.Of(day);
        var monthName = MonthName(calendar, month);
        return new DisplayDate($"{Digits(dayOfMonth)} {monthName} {Digits(year)}", calendar.Name, year, month, dayOfMonth, monthName);
    }

    /// <summary>A month's name in the edition's language.</summary>
    public string MonthName(CalendarSystem calendar, int month) =>
        (calendar == CalendarSystem.Persian ? _language.PersianMonths : _language.GregorianMonths)![month - 1];

    /// <summary>A month as the edition's readers title it, e.g. "آذر ۱۴۰۵".</summary>
    public string MonthLabel(CalendarSystem calendar, int year, int month) => $"{MonthName(calendar, month)} {Digits(year)}";

    /// <summary>A whole number in the edition's digits.</summary>
    public string Digits(int number)
    {
        var digits = number.ToString(CultureInfo.InvariantCulture).ToCharArray();
        for (var i = 0; i < digits.Length; i++)
        {
            digits[i] = (char)(_language.Zero + (digits[i] - '0'));
        }

        return new string(digits);
    }

    /// <summary>A language's zero digit (the others follow it in Unicode) and month names.</summary>
    private sealed record DateLanguage(char Zero, CalendarSystem Calendar, string[] GregorianMonths, string[]? PersianMonths);
}
