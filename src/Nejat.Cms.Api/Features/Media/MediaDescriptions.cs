using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Nejat.Cms.Api.Features.Editorial;
using Npgsql;

namespace Nejat.Cms.Api.Features.Media;

/// <summary>
/// A media item's description — collection, credit, source and each edition's texts — as uploads,
/// added videos and edits share it: normalised, checked and stored the same way.
/// </summary>
internal static class MediaDescriptions
{
    private const int MaxCreditLength = 300;
    private const int MaxTitleLength = 500;
    private const int MaxAltLength = 1000;
    private const int MaxCaptionLength = 2000;

    /// <summary>The value trimmed; null when it is missing or blank.</summary>
    public static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Texts trimmed, missing ones empty, editions with no text at all left out.</summary>
    public static SortedDictionary<string, MediaText> Normalised(IReadOnlyDictionary<string, MediaText>? translations)
    {
        var texts = new SortedDictionary<string, MediaText>(StringComparer.Ordinal);
        foreach (var (edition, text) in translations ?? new Dictionary<string, MediaText>())
        {
            var normal = new MediaText(text?.Title?.Trim() ?? "", text?.Alt?.Trim() ?? "", text?.Caption?.Trim() ?? "");
            if (normal is not { Title: "", Alt: "", Caption: "" })
            {
                texts[edition] = normal;
            }
        }

        return texts;
    }

    /// <summary>The description of a stored item, as a PUT would send it: what a merge patch applies to.</summary>
    public static MediaWrite Of(AdminMedia media) => new()
    {
        Collection = media.Collection,
        Credit = media.Credit,
        Source = media.Source,
        Translations = media.Translations.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal),
    };

    /// <summary>Field checks; collection and editions must exist.</summary>
    public static async Task<Dictionary<string, string[]>> CheckAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, MediaWrite write, IReadOnlyDictionary<string, MediaText> texts, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (Blank(write.Collection) is { } collection && !await MediaQueries.CollectionExistsAsync(conn, tx, collection, ct))
        {
            errors["collection"] = [$"There is no collection '{collection}'."];
        }

        if (write.Credit is { Length: > MaxCreditLength })
        {
            errors["credit"] = [$"credit is at most {MaxCreditLength} characters."];
        }

        if (write.Source is { Length: > MaxCreditLength })
        {
            errors["source"] = [$"source is at most {MaxCreditLength} characters."];
        }

        // Uploads carry no texts: no need to read the editions for them.
        var known = texts.Count == 0 ? []
            : (await conn.QueryAsync<string>(new CommandDefinition("SELECT code FROM editions", transaction: tx, cancellationToken: ct))).ToHashSet(StringComparer.Ordinal);
        foreach (var (edition, text) in texts)
        {
            var problem = !known.Contains(edition) ? $"There is no edition '{edition}'."
                : text.Title!.Length > MaxTitleLength ? $"title is at most {MaxTitleLength} characters."
                : text.Alt!.Length > MaxAltLength ? $"alt is at most {MaxAltLength} characters."
                : text.Caption!.Length > MaxCaptionLength ? $"caption is at most {MaxCaptionLength} characters."
                : null;
            if (problem is not null)
            {
                errors[$"translations.{edition}"] = [problem];
            }
        }

        return errors;
    }

    public static ValidationProblem Invalid(Dictionary<string, string[]> errors) => EditorialProblems.Invalid("media description", errors);

    /// <summary>Sets an item's collection, credit and source (already <see cref="Blank"/>-trimmed) as a new version.</summary>
    public static Task<int> DescribeAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, long id, string? collection, string? credit, string? source, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition(
            "UPDATE media SET collection = @Collection, credit = @Credit, source = @Source, version = version + 1, updated_at = now() WHERE id = @Id",
            new { Id = id, Collection = collection, Credit = credit, Source = source }, tx, cancellationToken: ct));

    public static Task<int> ReplaceTextsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long id, SortedDictionary<string, MediaText> texts, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition("""
            DELETE FROM media_translations WHERE media_id = @Id;
            INSERT INTO media_translations (media_id, edition, title, alt, caption)
            SELECT @Id, * FROM unnest(@Editions::text[], @Titles::text[], @Alts::text[], @Captions::text[]);
            """, new
        {
            Id = id,
            Editions = texts.Keys.ToArray(),
            Titles = texts.Values.Select(t => t.Title).ToArray(),
            Alts = texts.Values.Select(t => t.Alt).ToArray(),
            Captions = texts.Values.Select(t => t.Caption).ToArray(),
        }, tx, cancellationToken: ct));
}
