using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Nejat.Cms.Api.Text;

namespace Nejat.Cms.Api.Import;

/// <summary>An edition; TimeZone null keeps an existing edition's (a new one starts in UTC).</summary>
internal sealed record EditionLine(int Line, string Code, string Name, string Direction, string Locale, string? TimeZone);

internal sealed record AuthorLine(int Line, string Slug, string Name);

internal sealed record TagLine(int Line, string Edition, string Slug, string Name);

internal sealed record PostLine(
    int Line, string Edition, string Slug, string Status, DateTime? PublishedAt, string Title, string Excerpt,
    string BodyHtml, string? Byline, string? Author, string[] Tags, string? TranslationKey, bool FutureMadeScheduled);

/// <summary>A line of the import file that cannot be imported, with its 1-based number.</summary>
internal sealed class ImportLineException(int line, string problem) : Exception($"line {line}: {problem}");

/// <summary>
/// Parses and checks one JSON Lines record at a time. Everything that can be judged from the line
/// alone is judged here; references to editions, authors and tags are checked against the database
/// once the whole file is read.
/// </summary>
internal static partial class ImportLines
{
    public const int MaxTitleLength = 500;
    public const int MaxNameLength = 200;
    private const int MaxTagsPerPost = 50;

    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["edition"] = ["type", "code", "name", "direction", "locale", "timeZone"],
        ["author"] = ["type", "slug", "name"],
        ["tag"] = ["type", "edition", "slug", "name"],
        ["post"] = ["type", "edition", "slug", "title", "excerpt", "bodyHtml", "status", "publishedAt", "author", "byline", "tags", "translationKey"],
        ["page"] = ["type", "edition", "slug", "title", "excerpt", "bodyHtml", "status", "publishedAt", "translationKey"],
        ["settings"] = ["type", "edition", "title", "description", "copyright", "socialLinks", "shareTargets"],
        ["navigation"] = ["type", "edition", "items"],
    };

    /// <summary>Parses one non-blank line into one of the *Line records.</summary>
    public static object Parse(int line, string text, DateTime nowUtc)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            throw new ImportLineException(line, $"not valid JSON ({ex.Message})");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ImportLineException(line, "expected a JSON object");
            }

            var fields = new Fields(line, root);
            var type = fields.Required("type");
            if (!Allowed.TryGetValue(type, out var allowed))
            {
                throw new ImportLineException(line, $"unknown type '{type}' (expected edition, author, tag, post, page, settings or navigation)");
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                if (!allowed.Contains(property.Name, StringComparer.Ordinal))
                {
                    throw new ImportLineException(line, $"unknown property '{property.Name}' for a {type} (allowed: {string.Join(", ", allowed)})");
                }

                // JSON parsers disagree on which of two equal keys wins; the file must not leave that open.
                if (!seen.Add(property.Name))
                {
                    throw new ImportLineException(line, $"property '{property.Name}' is given twice");
                }
            }

            return type switch
            {
                "edition" => ParseEdition(fields),
                "author" => new AuthorLine(line, fields.Slug("slug"), fields.Required("name", MaxNameLength)),
                "tag" => new TagLine(line, fields.EditionCode("edition"), fields.Slug("slug"), fields.Required("name", MaxNameLength)),
                "page" => ParsePage(fields),
                "settings" => new SettingsLine(line, fields.EditionCode("edition"), Document<Features.Settings.SiteSettingsWrite>(fields, root)),
                "navigation" => new NavigationLine(line, fields.EditionCode("edition"), Document<Features.Navigation.NavigationMenuWrite>(fields, root)),
                _ => ParsePost(fields, nowUtc),
            };
        }
    }

    private static EditionLine ParseEdition(Fields fields)
    {
        var direction = fields.Required("direction");
        if (direction is not ("ltr" or "rtl"))
        {
            throw fields.Problem($"direction must be 'ltr' or 'rtl'; got '{direction}'");
        }

        var locale = fields.Required("locale", 35);
        if (locale.Length < 2)
        {
            throw fields.Problem($"locale '{locale}' is not a language tag such as fa-IR");
        }

        // An IANA name both .NET and PostgreSQL know (not a Windows name, not a POSIX rule).
        var timeZone = fields.Optional("timeZone", 64);
        if (timeZone is not null && !(TimeZoneNamePattern().IsMatch(timeZone) && TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _)))
        {
            throw fields.Problem($"timeZone '{timeZone}' is not an IANA time zone such as Asia/Tehran or UTC");
        }

        return new EditionLine(fields.LineNumber, fields.EditionCode("code"), fields.Required("name", 100), direction, locale, timeZone);
    }

    private static PostLine ParsePost(Fields fields, DateTime nowUtc)
    {
        var status = fields.Optional("status") ?? "draft";
        if (status is not ("draft" or "scheduled" or "published"))
        {
            throw fields.Problem($"status must be draft, scheduled or published; got '{status}'");
        }

        var publishedAt = fields.Time("publishedAt");
        if (status != "draft" && publishedAt is null)
        {
            throw fields.Problem($"a {status} post needs publishedAt");
        }

        // As WordPress does: a post marked published but dated in the future waits as scheduled.
        var futureMadeScheduled = status == "published" && publishedAt > nowUtc;
        var tags = fields.SlugArray("tags", MaxTagsPerPost);
        return new PostLine(
            fields.LineNumber,
            fields.EditionCode("edition"),
            fields.Slug("slug"),
            futureMadeScheduled ? "scheduled" : status,
            publishedAt,
            fields.Required("title", MaxTitleLength),
            fields.Optional("excerpt") ?? "",
            // Imported bodies are served like edited ones, so they pass the same sanitiser.
            Text.HtmlSanitizing.Sanitize(fields.Optional("bodyHtml") ?? ""),
            fields.Optional("byline", MaxNameLength),
            fields.Optional("author") is { } author ? fields.CheckSlug("author", author) : null,
            tags,
            fields.Optional("translationKey", MaxNameLength) is { } story
                ? string.IsNullOrWhiteSpace(story) ? throw fields.Problem("translationKey must not be empty (leave it out or null)") : story
                : null,
            futureMadeScheduled);
    }

    [GeneratedRegex("^[a-z]{2,3}(-[a-z0-9]{2,8})*$")]
    private static partial Regex EditionCodePattern();

    // As the editions_time_zone_name CHECK has it.
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$")]
    private static partial Regex TimeZoneNamePattern();

    // ISO 8601 with an explicit offset: a time without one would silently take the importing machine's zone.
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex TimeWithOffsetPattern();

    /// <summary>Typed access to a line's properties, with problems phrased for the person fixing the file.</summary>
    private readonly struct Fields(int line, JsonElement root)
    {
        public int LineNumber => line;

        public ImportLineException Problem(string message) => new(line, message);

        public string? Optional(string name, int maxLength = int.MaxValue)
        {
            if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                throw Problem($"{name} must be a string");
            }

            string text;
            try
            {
                text = value.GetString()!;
            }
            catch (InvalidOperationException)
            {
                throw Problem($"{name} is not valid Unicode (a lone surrogate escape)");
            }

            // The same rule as the API's: nothing stored may break an output format.
            text = TextRules.Clean(text, out var refused) ?? throw Problem($"{name} {refused}");

            if (text.Length > maxLength)
            {
                throw Problem($"{name} is {text.Length} characters; at most {maxLength} are allowed");
            }

            return text;
        }

        public string Required(string name, int maxLength = int.MaxValue) =>
            Optional(name, maxLength) is { Length: > 0 } text && !string.IsNullOrWhiteSpace(text)
                ? text
                : throw Problem($"{name} is required");

        public string EditionCode(string name)
        {
            var code = Required(name);
            return EditionCodePattern().IsMatch(code)
                ? code
                : throw Problem($"{name} '{code}' is not an edition code (lower-case language code such as en, fa or sq)");
        }

        public string Slug(string name) => CheckSlug(name, Required(name));

        /// <summary>Canonical (NFC) form; a percent-encoded slug, as WordPress stores them, is decoded first.</summary>
        public string CheckSlug(string name, string raw)
        {
            var slug = Text.Slug.Canonical(raw.Contains('%', StringComparison.Ordinal) ? Uri.UnescapeDataString(raw) : raw);
            return Text.Slug.Problem(slug) is { } problem ? throw Problem($"{name} '{raw}' {problem}") : slug;
        }

        public string[] SlugArray(string name, int maxCount)
        {
            if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return [];
            }

            if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
            {
                throw Problem($"{name} must be an array of slugs");
            }

            var self = this;
            var slugs = value.EnumerateArray().Select(e => self.CheckSlug(name, e.GetString()!)).ToArray();
            if (slugs.Length > maxCount)
            {
                throw Problem($"{name} has {slugs.Length} entries; at most {maxCount} are allowed");
            }

            return slugs.Distinct(StringComparer.Ordinal).Count() == slugs.Length
                ? slugs
                : throw Problem($"{name} lists the same slug twice");
        }

        public DateTime? Time(string name)
        {
            var text = Optional(name);
            if (text is null)
            {
                return null;
            }

            return TimeWithOffsetPattern().IsMatch(text)
                && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
                ? time.UtcDateTime
                : throw Problem($"{name} '{text}' is not an ISO 8601 time with an offset, e.g. 2024-03-01T08:15:00Z");
        }
    }
}
