using System.Buffers;

namespace Nejat.Cms.Api.Features.Search;

/// <summary>
/// The words of a post's HTML body as search_text (Database/Migrations/0010_search.sql) reads them when
/// it indexes the post: each tag a space, the entities the sanitiser writes decoded. Snippets read bodies
/// this way in the service: PostgreSQL's regular expressions took 0.1–0.3 ms a body, on every search.
/// SearchSnippetsTests checks that both give the same text.
/// </summary>
internal static class SearchText
{
    // search_text removes the tags first, then replaces each entity in turn, &amp; last. Entities never
    // overlap, and what one becomes never starts another, so one pass from the start reads the same.
    private static readonly (string Entity, char Character)[] Entities =
        [("&nbsp;", ' '), ("&lt;", '<'), ("&gt;", '>'), ("&quot;", '"'), ("&#39;", '\''), ("&amp;", '&')];

    /// <summary>
    /// The text of <paramref name="html"/>, after <paramref name="before"/> and a space when it is given:
    /// read in one pass into one string (a regular expression and a replacement per entity made up to
    /// eight copies of each body, most of a search's allocations).
    /// </summary>
    public static string FromHtml(string html, string? before = null)
    {
        var buffer = ArrayPool<char>.Shared.Rent((before?.Length + 1 ?? 0) + html.Length);
        try
        {
            var text = buffer.AsSpan();
            var length = 0;
            if (before is not null)
            {
                before.CopyTo(text);
                length = before.Length;
                text[length++] = ' ';
            }

            var rest = html.AsSpan();
            // A tag is a < and everything up to the next >; once no > follows, every < is a character.
            var closed = true;
            while (true)
            {
                var special = closed ? rest.IndexOfAny('<', '&') : rest.IndexOf('&');
                if (special < 0)
                {
                    rest.CopyTo(text[length..]);
                    length += rest.Length;
                    return new string(text[..length]);
                }

                rest[..special].CopyTo(text[length..]);
                length += special;
                rest = rest[special..];
                var (character, read) = rest[0] == '<' ? Tag(rest, ref closed) : Entity(rest);
                text[length++] = character;
                rest = rest[read..];
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private static (char Character, int Read) Tag(ReadOnlySpan<char> text, ref bool closed)
    {
        var end = text.IndexOf('>');
        closed = end >= 0;
        return closed ? (' ', end + 1) : ('<', 1);
    }

    private static (char Character, int Read) Entity(ReadOnlySpan<char> text)
    {
        foreach (var (entity, character) in Entities)
        {
            if (text.StartsWith(entity, StringComparison.Ordinal))
            {
                return (character, entity.Length);
            }
        }

        return ('&', 1);
    }
}
