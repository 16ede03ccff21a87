using System.Text;

namespace Nejat.Cms.Api.Import.WordPress;

/// <summary>A shortcode as written: [name attributes], [name attributes /] or [name attributes]content[/name].</summary>
internal sealed record Shortcode(string Name, IReadOnlyDictionary<string, string> Attributes, string? Content, string Text);

/// <summary>
/// WordPress's shortcode syntax: a name (a letter, then letters, digits, '-' and '_') right after '[', followed by
/// a space, ']' or '/'; attributes as name="value", name='value', name=value or bare values; an
/// enclosing shortcode ends at the first [/name] after it; [[name]] is the escaped, literal [name].
/// </summary>
internal static class Shortcodes
{
    /// <summary>
    /// The text with each shortcode replaced by what <paramref name="render"/> makes of it; a null
    /// answer keeps the shortcode as written. Escaped shortcodes lose their extra brackets.
    /// </summary>
    public static string Replace(string text, Func<Shortcode, string?> render)
    {
        if (!text.Contains('[', StringComparison.Ordinal))
        {
            return text;
        }

        var output = new StringBuilder(text.Length);
        var at = 0;
        while (at < text.Length)
        {
            var open = text.IndexOf('[', at);
            if (open < 0)
            {
                break;
            }

            var escaped = open + 1 < text.Length && text[open + 1] == '[';
            var start = escaped ? open + 1 : open;
            if (Parse(text, start) is not { } found)
            {
                output.Append(text, at, open + 1 - at);
                at = open + 1;
                continue;
            }

            var (shortcode, end) = found;
            if (escaped && end < text.Length && text[end] == ']')
            {
                output.Append(text, at, open - at).Append(shortcode.Text);
                at = end + 1;
                continue;
            }

            output.Append(text, at, start - at);
            output.Append(render(shortcode) ?? shortcode.Text);
            at = end;
        }

        output.Append(text, at, text.Length - at);
        return output.ToString();
    }

    /// <summary>The shortcode starting at the '[' at <paramref name="start"/> and the index just after it, or null.</summary>
    private static (Shortcode Shortcode, int End)? Parse(string text, int start)
    {
        var nameEnd = start + 1;
        if (nameEnd >= text.Length || !char.IsAsciiLetter(text[nameEnd]))
        {
            return null;
        }

        while (nameEnd < text.Length && (char.IsAsciiLetterOrDigit(text[nameEnd]) || text[nameEnd] is '-' or '_'))
        {
            nameEnd++;
        }

        if (nameEnd == start + 1 || nameEnd >= text.Length || !(char.IsWhiteSpace(text[nameEnd]) || text[nameEnd] is ']' or '/'))
        {
            return null;
        }

        // The opening tag ends at the first ']' outside quotes; another '[' first means it is not one.
        var close = nameEnd;
        char? quote = null;
        for (; close < text.Length; close++)
        {
            var c = text[close];
            if (quote is not null)
            {
                quote = c == quote ? null : quote;
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == ']')
            {
                break;
            }
            else if (c == '[')
            {
                return null;
            }
        }

        if (close >= text.Length)
        {
            return null;
        }

        var name = text[(start + 1)..nameEnd];
        var selfClosing = text[close - 1] == '/' && close - 1 >= nameEnd;
        var attributes = Attributes(text[nameEnd..(selfClosing ? close - 1 : close)]);
        var end = close + 1;
        string? content = null;
        if (!selfClosing)
        {
            var closingTag = $"[/{name}]";
            var closing = text.IndexOf(closingTag, end, StringComparison.Ordinal);
            if (closing >= 0)
            {
                content = text[end..closing];
                end = closing + closingTag.Length;
            }
        }

        return (new Shortcode(name, attributes, content, text[start..end]), end);
    }

    /// <summary>Named attributes by lower-case name; bare values as "0", "1" …</summary>
    private static Dictionary<string, string> Attributes(string text)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        var positional = 0;
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i >= text.Length)
            {
                break;
            }

            var nameStart = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('=' or '"' or '\''))
            {
                i++;
            }

            var name = text[nameStart..i];
            if (i < text.Length && text[i] == '=' && name.Length > 0)
            {
                i++;
                attributes[name.ToLowerInvariant()] = Value(text, ref i);
            }
            else if (name.Length > 0)
            {
                attributes[(positional++).ToString(System.Globalization.CultureInfo.InvariantCulture)] = name;
            }
            else
            {
                attributes[(positional++).ToString(System.Globalization.CultureInfo.InvariantCulture)] = Value(text, ref i);
            }
        }

        return attributes;
    }

    private static string Value(string text, ref int i)
    {
        if (i < text.Length && text[i] is '"' or '\'')
        {
            var quote = text[i];
            var end = text.IndexOf(quote, i + 1);
            end = end < 0 ? text.Length : end;
            var value = text[(i + 1)..end];
            i = Math.Min(text.Length, end + 1);
            return value;
        }

        var start = i;
        while (i < text.Length && !char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return text[start..i];
    }
}
