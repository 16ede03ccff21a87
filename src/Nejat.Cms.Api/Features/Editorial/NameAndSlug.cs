using Nejat.Cms.Api.Text;

namespace Nejat.Cms.Api.Features.Editorial;

/// <summary>The name and optional slug that tags and authors are written with.</summary>
internal static class NameAndSlug
{
    public static Dictionary<string, string[]> Errors(string? name, string? slug)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
        {
            errors["name"] = ["name is required, at most 200 characters."];
        }

        if (slug is not null && Slug.Problem(Slug.Canonical(slug)) is { } problem)
        {
            errors["slug"] = [$"slug {problem}."];
        }

        return errors;
    }

    /// <summary>The slug chosen, else one made from the name.</summary>
    public static string SlugOf(string? slug, string name) => slug is null ? Slug.FromTitle(name) : Slug.Canonical(slug);
}
