using System.Text;

namespace Nejat.Cms.Api.Text;

/// <summary>
/// What text the service accepts, on every way in (JSON bodies, query strings, paths, multipart
/// fields, imports): nothing PostgreSQL cannot store (U+0000), nothing XML 1.0 cannot carry, and
/// nothing that is not a character at all. A vertical tab or form feed is what a word processor
/// leaves for a line or page break, so those become a line feed instead of a refusal.
/// </summary>
internal static class TextRules
{
    /// <summary>
    /// <paramref name="text"/> as it is to be stored: unchanged, or with vertical tabs and form feeds
    /// made line feeds. Null, with <paramref name="problem"/> saying why, when it holds a character the
    /// service refuses.
    /// </summary>
    public static string? Clean(string text, out string? problem)
    {
        problem = null;
        var firstIssue = FirstIssue(text);
        if (firstIssue < 0)
        {
            return text;
        }

        var cleaned = new StringBuilder(text.Length);
        cleaned.Append(text, 0, firstIssue);
        for (var i = firstIssue; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\v' or '\f')
            {
                cleaned.Append('\n');
                continue;
            }

            if (Refusal(text, i) is { } refused)
            {
                problem = refused;
                return null;
            }

            cleaned.Append(c);
            if (char.IsHighSurrogate(c))
            {
                cleaned.Append(text[++i]);
            }
        }

        return cleaned.ToString();
    }

    /// <summary>Why <paramref name="text"/> is refused as it is (vertical tabs count too), or null when it is fine.</summary>
    public static string? Problem(string text)
    {
        var first = FirstIssue(text);
        return first < 0 ? null : Refusal(text, first) ?? $"contains a control character (U+{(int)text[first]:X4})";
    }

    /// <summary>The index of the first character that is refused or cleaned, or -1.</summary>
    private static int FirstIssue(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            // The common case in every script: ordinary characters, tested in one comparison each.
            if (c is >= ' ' and < '\u007F' or >= '\u00A0' and < '\uD800' or '\t' or '\n' or '\r')
            {
                continue;
            }

            if (c is '\v' or '\f' || Refusal(text, i) is not null)
            {
                return i;
            }

            if (char.IsHighSurrogate(c))
            {
                i++;
            }
        }

        return -1;
    }

    /// <summary>Why the character at <paramref name="i"/> is refused, or null (a valid pair is one character).</summary>
    private static string? Refusal(string text, int i)
    {
        var c = text[i];
        if (c == '\0')
        {
            return "contains a NUL character (U+0000)";
        }

        if (c < ' ' && c is not ('\t' or '\n' or '\r') || c is >= '\u007F' and <= '\u009F')
        {
            return $"contains a control character (U+{(int)c:X4})";
        }

        if (char.IsHighSurrogate(c))
        {
            if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
            {
                return $"contains a lone surrogate (U+{(int)c:X4})";
            }

            var scalar = char.ConvertToUtf32(c, text[i + 1]);
            return (scalar & 0xFFFE) == 0xFFFE ? $"contains a noncharacter (U+{scalar:X})" : null;
        }

        if (char.IsLowSurrogate(c))
        {
            return $"contains a lone surrogate (U+{(int)c:X4})";
        }

        return c is >= '\uFDD0' and <= '\uFDEF' or '\uFFFE' or '\uFFFF' ? $"contains a noncharacter (U+{(int)c:X4})" : null;
    }
}
