using System.ComponentModel;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Nejat.Cms.Api.Features.Editions;
using Nejat.Cms.Api.Features.Editorial;
using Nejat.Cms.Api.Hosting;
using Nejat.Cms.Api.Text;
using Npgsql;

namespace Nejat.Cms.Api.Features.Settings;

/// <summary>A link to one of the publisher's social profiles, e.g. {"network": "telegram", "url": "https://t.me/…"}.</summary>
public sealed record SocialLink(string? Network, string? Url);

/// <summary>An edition's site settings as editors write them (PUT) and read them back (GET).</summary>
public sealed record SiteSettingsWrite
{
    public string? Title { get; init; }
    public string? Description { get; init; }
    /// <summary>The footer's copyright line, e.g. "© ۱۴۰۳ نجات".</summary>
    public string? Copyright { get; init; }
    /// <summary>In display order.</summary>
    public SocialLink[]? SocialLinks { get; init; }
    /// <summary>The share buttons a post shows by default, in order: <see cref="SiteSettingsRules.ShareTargets"/>.</summary>
    public string[]? ShareTargets { get; init; }
}

/// <summary>An edition's public site settings with its language and script direction.</summary>
public sealed record SiteSettings(
    string Edition, string Language, string Direction, string Title, string Description, string Copyright,
    IReadOnlyList<SocialLink> SocialLinks, IReadOnlyList<string> ShareTargets);

/// <summary>What valid settings are.</summary>
internal static partial class SiteSettingsRules
{
    public static readonly string[] ShareTargets = ["facebook", "x", "telegram", "whatsapp", "linkedin", "reddit", "email", "copy-link"];

    public static readonly EditionDocument<SiteSettingsWrite> Document = new("settings", "Site settings", "Settings", new SiteSettingsWrite
    {
        Title = "", Description = "", Copyright = "", SocialLinks = [], ShareTargets = [],
    }, (settings, _, _, _, _) => Task.FromResult(Validate(settings)));

    public static (SiteSettingsWrite Settings, Dictionary<string, string[]> Errors) Validate(SiteSettingsWrite settings)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string problem) => errors[field] = [problem];

        if (settings.Title is not { Length: <= 200 } || string.IsNullOrWhiteSpace(settings.Title))
        {
            Add("title", "title is required, at most 200 characters.");
        }

        if (settings.Description is { Length: > 1000 })
        {
            Add("description", "description is at most 1000 characters.");
        }

        if (settings.Copyright is { Length: > 300 })
        {
            Add("copyright", "copyright is at most 300 characters.");
        }

        var links = settings.SocialLinks ?? [];
        if (links.Length > 30)
        {
            Add("socialLinks", "socialLinks has at most 30 links.");
        }

        var stored = new SocialLink[links.Length];
        for (var i = 0; i < links.Length; i++)
        {
            if (links[i] is not { Network: { } network } || !NetworkName().IsMatch(network))
            {
                Add($"socialLinks[{i}].network", "network is a lowercase name such as facebook, x, instagram, youtube or telegram (a-z, 0-9, -).");
            }
            else if (links.Take(i).Any(l => l?.Network == network))
            {
                Add($"socialLinks[{i}].network", $"'{network}' is listed twice.");
            }

            if (WebLinks.Absolute(links[i]?.Url, httpsOnly: true, out var problem) is { } url)
            {
                stored[i] = links[i]! with { Url = url };
            }
            else
            {
                Add($"socialLinks[{i}].url", problem!);
            }
        }

        var targets = settings.ShareTargets ?? [];
        for (var i = 0; i < targets.Length; i++)
        {
            if (!ShareTargets.Contains(targets[i], StringComparer.Ordinal) || targets.Take(i).Contains(targets[i], StringComparer.Ordinal))
            {
                Add($"shareTargets[{i}]", $"shareTargets are distinct values of {string.Join(", ", ShareTargets)}.");
            }
        }

        return (settings with { SocialLinks = stored }, errors);
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,39}$")]
    private static partial Regex NetworkName();
}

/// <summary>Site settings per edition: public GET /v1/{edition}/settings; editors' GET/PUT/PATCH /v1/admin/settings/{edition}.</summary>
internal static class SettingsEndpoints
{
    public static RouteGroupBuilder MapSettings(this RouteGroupBuilder v1)
    {
        v1.MapGet("/{edition}/settings", GetSettings)
            .WithName(nameof(GetSettings)).WithTags("Settings")
            .WithSummary("Get an edition's site settings")
            .WithDescription("Site title, description, copyright line, social profile links and default share targets, with the edition's language and direction. Empty strings and lists until editors set them.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return v1;
    }

    public static RouteGroupBuilder MapSettingsAdmin(this RouteGroupBuilder admin) =>
        SiteSettingsRules.Document.MapAdmin(admin,
            $"title is required; social link URLs are absolute https URLs; share targets: {string.Join(", ", SiteSettingsRules.ShareTargets)}.", patch: true);

    public static async Task<Results<Ok<SiteSettings>, ProblemHttpResult>> GetSettings(
        [Description("Edition code, e.g. `fa`.")] string edition, HttpContext http, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        if (await SiteSettingsRules.Document.ReadAsync(conn, edition, JsonBody.Options(http), ct) is not { Document: var settings }
            || await EditionLanguage.ReadAsync(conn, edition, ct) is not { } language)
        {
            return Problems.EditionNotFound(edition);
        }

        return TypedResults.Ok(new SiteSettings(
            edition, language.Language, language.Direction, settings.Title ?? "", settings.Description ?? "", settings.Copyright ?? "",
            settings.SocialLinks ?? [], settings.ShareTargets ?? []));
    }
}
