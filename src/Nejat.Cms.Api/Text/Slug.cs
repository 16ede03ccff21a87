using System.Globalization;
using System.Text;

namespace Nejat.Cms.Api.Text;

/// <summary>
/// Slugs are Unicode, never transliterated: NFC letters, combining marks and digits of any script,
/// hyphens between words, and the zero-width non-joiner (U+200C) that Persian words need.
/// </summary>
internal static class Slug
{
    public const int MaxLength = 200;
    private const char ZeroWidthNonJoiner = '\u200C';

    /// <summary>The form slugs are stored and looked up in: NFC, so that composed and decomposed input match.</summary>
    public static string Canonical(string slug) => slug.Normalize(NormalizationForm.FormC);

    /// <summary>Why <paramref name="slug"/> (already canonical) is not a valid slug, or null when it is.</summary>
    public static string? Problem(string slug)
    {
        if (slug.Length == 0)
        {
            return "must not be empty";
        }

        if (slug.Length > MaxLength)
        {
            return $"must be at most {MaxLength} characters";
        }

        if (slug[0] is '-' or ZeroWidthNonJoiner || slug[^1] is '-' or ZeroWidthNonJoiner || slug.Contains("--", StringComparison.Ordinal))
        {
            return "must not start or end with '-' or U+200C, or contain '--'";
        }

        foreach (var rune in slug.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.UppercaseLetter or UnicodeCategory.TitlecaseLetter)
            {
                return $"must be lower case ('{rune}' is not)";
            }

            var allowed = rune.Value is '-' or ZeroWidthNonJoiner
                || Rune.IsLetter(rune)
                || Rune.IsDigit(rune)
                || category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
            if (!allowed)
            {
                return $"may hold only letters, marks, digits, '-' and U+200C (found U+{rune.Value:X4})";
            }
        }

        return null;
    }

    /// <summary>
    /// A readable slug from a title in any script: NFC, lower case, words joined by '-', punctuation
    /// dropped, ZWNJ kept inside a word but not at its edges. Never transliterated; "post" when
    /// nothing is left.
    /// </summary>
    public static string FromTitle(string title)
    {
        var slug = new StringBuilder(title.Length);
        foreach (var rune in LowerCase(title).EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (Rune.IsLetter(rune) || Rune.IsDigit(rune) || category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
            {
                slug.Append(rune.ToString());
            }
            else if (rune.Value == ZeroWidthNonJoiner)
            {
                if (slug.Length > 0 && slug[^1] is not ('-' or ZeroWidthNonJoiner))
                {
                    slug.Append(ZeroWidthNonJoiner);
                }
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                // Spaces, hyphens and punctuation all separate words. A ZWNJ left before the break goes.
                if (slug[^1] == ZeroWidthNonJoiner)
                {
                    slug.Length--;
                }

                slug.Append('-');
            }
        }

        var text = slug.ToString().Trim('-', ZeroWidthNonJoiner);
        if (text.Length > MaxLength)
        {
            var cut = text.LastIndexOf('-', MaxLength);
            text = (cut > 0 ? text[..cut] : text[..MaxLength]).Trim('-', ZeroWidthNonJoiner);
        }

        return text.Length == 0 ? "post" : text;
    }

    // Invariant lower-casing leaves a few letters upper case (Turkish İ); lowering their decomposed form fixes them.
    private static string LowerCase(string text)
    {
        var lower = Canonical(text).ToLowerInvariant();
        return lower.EnumerateRunes().Any(r => Rune.IsUpper(r))
            ? lower.Normalize(NormalizationForm.FormD).ToLowerInvariant().Normalize(NormalizationForm.FormC)
            : lower;
    }

    /// <summary>The n-th alternative of a taken slug: "slug-2", "slug-3" … within the length limit.</summary>
    public static string Numbered(string slug, int n)
    {
        var suffix = $"-{n}";
        return (slug.Length + suffix.Length > MaxLength ? slug[..(MaxLength - suffix.Length)].TrimEnd('-') : slug) + suffix;
    }
}
