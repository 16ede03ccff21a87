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

        if (slug[0] == '-' || slug[^1] == '-' || slug.Contains("--", StringComparison.Ordinal))
        {
            return "must not start or end with '-' or contain '--'";
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
}
