using System.Globalization;
using System.Text;

namespace Nejat.Cms.Api.Tests.Fuzzing;

/// <summary>
/// The hostile values the fuzzer sends, and JSON written by hand so that it can say what no serializer
/// writes: lone surrogates, raw control characters, repeated keys, numbers no .NET type holds.
/// </summary>
internal static class FuzzValues
{
    /// <summary>Strings as JSON string literals (escapes included), from the ordinary to the hostile.</summary>
    public static readonly string[] JsonStrings =
    [
        "\"\"", "\" \"", "\"a\"", "\"سلام‌دنیا\"", "\"مرحبا بالعالم\"", "\"Shqipëria çështje\"", "\"😀 emoji\"",
        "\"\\u0000\"", "\"a\\u0000b\"", "\"\\u0001\"", "\"\\u000b tab\"", "\"\\u001f\"", "\"\\u007f\"", "\"\\u0085\"",
        "\"\\ud800\"", "\"\\udfff lone\"", "\"\\ud83d\\ude00\"", "\"\\ufffe\"", "\"\\uffff\"", "\"\\ufdd0\"", "\"\\u202e RLO\"", "\"\\u200c\"",
        "\"<script>alert(1)</script>\"", "\"<img src=x onerror=alert(1)>\"", "\"' OR 1=1 --\"", "\"%00\"", "\"../../etc/passwd\"",
        "\"javascript:alert(1)\"", "\"https://example.org/path?q=1#f\"", "\"http://[::1]:99999/\"", "\"https://user:pw@example.org/\"",
        "\"//evil.example\"", "\"/fa/about\"", "\"/\\\\evil\"", "\"2026-01-01T00:00:00Z\"", "\"0001-01-01T00:00:00Z\"", "\"9999-12-31T23:59:59Z\"",
        "\"2026-13-45\"", "\"1\"", "\"-1\"", "\"99999999999999999999\"", "\"NaN\"", "\"null\"", "\"en\"", "\"fa\"", "\"admin\"", "\"published\"",
        "\"scheduled\"", "\"trashed\"", "\"draft\"", Repeat('a', 201), Repeat('ب', 501), Repeat('x', 2_001), Repeat('y', 100_000),
    ];

    /// <summary>Numbers as JSON literals, including ones no 32- or 64-bit integer holds.</summary>
    public static readonly string[] JsonNumbers =
    [
        "0", "1", "-1", "2", "2147483647", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
        "-9223372036854775809", "1.5", "1e3", "1e309", "-0", "100000000000000000000000000000",
    ];

    /// <summary>Values of other JSON kinds, for a field of any type.</summary>
    public static readonly string[] JsonOthers =
    [
        "null", "true", "false", "[]", "{}", "[null]", "[1,\"a\",{}]", "{\"a\":{\"b\":{\"c\":[]}}}", Nested(64), Nested(2_000),
    ];

    /// <summary>Whole request bodies that are not what any operation takes.</summary>
    public static readonly string[] RawBodies =
    [
        "", " ", "null", "[]", "\"text\"", "1", "{", "{\"a\":", "{\"a\":1,}", "{'a':1}", "{\"a\":1}{\"b\":2}", "\u00ef\u00bb\u00bf{}",
        "{\"a\":1,\"a\":2}", "<xml/>", "a=1&b=2", Nested(5_000),
    ];

    /// <summary>Values for query parameters and path segments, unescaped (they are percent-encoded when sent, unless raw).</summary>
    public static readonly string[] Texts =
    [
        "", " ", "0", "1", "-1", "+1", " 1", "01", "1.0", "1e3", "2147483648", "9223372036854775808", "١٢", "۱۲", "abc", "true", "null",
        "سلام", "خانه‌ها", "Shqipëria", "😀", "\u0001", "\u000b", "\u007f", "\u0085", "\ufffe", "\u202e", "'", "\"", "<script>", "%", "%00",
        "../..", "a/b", "a\\b", "*", "?", "#", "&", "=", "2026-11-01", "2026-11-01T00:00:00Z", "2026-11-01T00:00:00+03:30", "0001-01-01",
        "9999-12-31T23:59:59Z", "2026-02-30", "en", "fa", "ar", "sq", "xx", "draft", "published", "scheduled", "trashed", "image", "video",
        "gregorian", "persian", "hijri", "\"human rights\"", "-word", "a or b", new string('q', 201), new string('z', 5_000),
    ];

    /// <summary>Raw (already escaped, or deliberately badly escaped) pieces of a URL.</summary>
    public static readonly string[] RawUrlPieces = ["%00", "%ZZ", "%", "%ED%A0%80", "%EF%BF%BE", "%C0%AF", "%2F", "%2e%2e", "a%20b", "%FF%FE"];

    public static readonly string[] IfMatchValues =
        ["", "*", "\"1\"", "\"2\"", "W/\"1\"", "\"abc\"", "1", "\"99999999999\"", "\"-1\"", ", ,", "\"1\", \"2\""];

    public static readonly string[] AcceptValues =
        ["text/html", "application/xml", "*/*", "application/json;q=0", "image/*", "application/problem+json", "garbage"];

    public static readonly string[] RangeValues =
        ["bytes=0-1", "bytes=-5", "bytes=10-5", "items=0-1", "bytes=0-1,2-3", "bytes=999999999999-", "bytes=abc", "bytes="];

    public static readonly string[] ContentTypes =
    [
        "application/json", "application/merge-patch+json", "text/plain", "application/json; charset=latin1", "application/x-www-form-urlencoded",
        "multipart/form-data", "multipart/form-data; boundary=", "application/xml", "",
    ];

    public static readonly string[] Authorizations = ["Bearer", "Bearer ", "Bearer nejat_nope", "Basic YTpi", "bearer x y z"];

    public static T Pick<T>(this Random random, IReadOnlyList<T> values) => values[random.Next(values.Count)];

    /// <summary>A JSON string literal of <paramref name="text"/>, escaping only what JSON requires.</summary>
    public static string Literal(string text)
    {
        var json = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            json.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                < ' ' => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => c.ToString(),
            });
        }

        return json.Append('"').ToString();
    }

    private static string Repeat(char c, int count) => $"\"{new string(c, count)}\"";

    private static string Nested(int depth) => new string('[', depth) + new string(']', depth);
}
