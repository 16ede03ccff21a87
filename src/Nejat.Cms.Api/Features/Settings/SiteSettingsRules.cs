using System.Text.RegularExpressions;
using Nejat.Cms.Api.Features.Editorial;
using Nejat.Cms.Api.Text;

namespace Nejat.Cms.Api.Features.Settings;

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
