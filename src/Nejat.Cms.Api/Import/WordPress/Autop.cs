using System.Text;
using System.Text.RegularExpressions;

namespace Nejat.Cms.Api.Import.WordPress;

/// <summary>
/// Paragraphs as WordPress makes them from classic-editor text (the rules of its wpautop, written
/// here from what they do): a blank line ends a paragraph, and so do two line breaks in a row; a
/// single newline inside a paragraph is a &lt;br /&gt;; block-level elements (div, lists, tables,
/// headings, blockquote, figure …) are never put inside a paragraph, and text directly inside one
/// of them stays unwrapped unless a blank line starts it anew (text in a blockquote is wrapped);
/// newlines inside tags, and everything inside pre, script and style, are left alone. Where
/// WordPress would leave a paragraph unclosed, it is closed here; the result renders the same.
/// </summary>
internal static partial class Autop
{
    private static readonly HashSet<string> BlockElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "table", "thead", "tfoot", "caption", "col", "colgroup", "tbody", "tr", "td", "th", "div", "dl", "dd", "dt",
        "ul", "ol", "li", "pre", "form", "map", "area", "blockquote", "address", "math", "style", "p", "h1", "h2", "h3",
        "h4", "h5", "h6", "hr", "fieldset", "legend", "section", "article", "aside", "hgroup", "header", "footer", "nav",
        "figure", "figcaption", "details", "menu", "summary",
    };

    public static string Paragraphs(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        text = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        // Two line breaks in a row are a paragraph break, like a blank line.
        text = DoubleBreak().Replace(text, "\n\n");
        var writer = new Writer();
        var at = 0;
        foreach (Match token in Token().Matches(text))
        {
            writer.Text(text[at..token.Index]);
            writer.Markup(token);
            at = token.Index + token.Length;
        }

        writer.Text(text[at..]);
        return writer.Finish();
    }

    /// <summary>Builds the output: runs of inline content become paragraphs (or stay bare), block tags go on lines of their own.</summary>
    private sealed class Writer
    {
        private readonly StringBuilder _html = new();
        private readonly List<(string Part, bool Raw)> _run = [];
        private bool _runHasContent;
        private bool _runWrapped;
        // True where a paragraph may start: at the beginning, after a blank line and after a closing block tag.
        private bool _chunkStart = true;

        public void Text(string text)
        {
            var pieces = BlankLine().Split(text);
            for (var i = 0; i < pieces.Length; i++)
            {
                if (i > 0)
                {
                    Flush();
                    _chunkStart = true;
                }

                Add(pieces[i], raw: false);
            }
        }

        public void Markup(Match token)
        {
            var name = token.Groups["name"].Value;
            var raw = token.Groups["raw"];
            if (raw.Success)
            {
                if (BlockElements.Contains(raw.Value))
                {
                    // pre (and style): a block whose content is kept exactly.
                    Flush();
                    NewLine();
                    _html.Append(token.Value);
                    NewLine();
                    _chunkStart = true;
                }
                else
                {
                    Add(token.Value, raw: true);
                }

                return;
            }

            if (name.Length == 0 || !BlockElements.Contains(name))
            {
                Add(token.Value, raw: true); // an inline tag or a comment
                return;
            }

            var closing = token.Value.StartsWith("</", StringComparison.Ordinal);
            Flush();
            if (name.Equals("figcaption", StringComparison.OrdinalIgnoreCase))
            {
                // A caption sits tight against its image, on the same line.
                _html.Append(token.Value);
                _chunkStart = false;
                return;
            }

            if (closing)
            {
                _html.Append(token.Value);
                NewLine();
                _chunkStart = true;
                return;
            }

            NewLine();
            _html.Append(token.Value);
            if (name.Equals("hr", StringComparison.OrdinalIgnoreCase))
            {
                NewLine();
                _chunkStart = true;
                return;
            }

            // Text straight inside a block stays bare, except in a blockquote, whose text is paragraphs.
            _chunkStart = name.Equals("blockquote", StringComparison.OrdinalIgnoreCase);
        }

        public string Finish()
        {
            Flush();
            NewLine();
            return _html.ToString();
        }

        private void Add(string part, bool raw)
        {
            if (part.Length == 0)
            {
                return;
            }

            if (!_runHasContent && (raw || !string.IsNullOrWhiteSpace(part)))
            {
                _runHasContent = true;
                _runWrapped = _chunkStart;
                _chunkStart = false;
            }

            _run.Add((part, raw));
        }

        /// <summary>Writes the pending run: trimmed, its newlines made line breaks, in a paragraph if it began one.</summary>
        private void Flush()
        {
            if (!_runHasContent)
            {
                _run.Clear();
                return;
            }

            var content = new StringBuilder();
            for (var i = 0; i < _run.Count; i++)
            {
                var (part, raw) = _run[i];
                if (!raw)
                {
                    part = i == 0 ? part.TrimStart() : part;
                    part = i == _run.Count - 1 ? part.TrimEnd() : part;
                    part = LineBreak().Replace(part, "<br />\n");
                }

                content.Append(part);
            }

            _run.Clear();
            _runHasContent = false;
            if (_runWrapped)
            {
                NewLine();
                _html.Append("<p>").Append(content).Append("</p>");
                NewLine();
            }
            else
            {
                _html.Append(content);
            }
        }

        private void NewLine()
        {
            if (_html.Length > 0 && _html[^1] != '\n')
            {
                _html.Append('\n');
            }
        }
    }

    // Comments; pre, script, style and textarea with their content; other tags (whose attributes may span lines).
    [GeneratedRegex(@"<!--.*?-->|<(?<raw>pre|script|style|textarea)\b[^>]*>.*?</\k<raw>\s*>|</?(?<name>[a-zA-Z][a-zA-Z0-9]*)\b[^>]*>",
        RegexOptions.Singleline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Token();

    [GeneratedRegex(@"<br\s*/?>\s*<br\s*/?>(\s*<br\s*/?>)*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DoubleBreak();

    [GeneratedRegex(@"\n\s*\n")]
    private static partial Regex BlankLine();

    [GeneratedRegex(@"[ \t]*\n")]
    private static partial Regex LineBreak();
}
