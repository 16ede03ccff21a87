using System.Security.Claims;

namespace Nejat.Cms.Api.Features.Editorial;

/// <summary>The roles, from most to least powerful.</summary>
internal static class Roles
{
    public const string Admin = "admin";
    public const string Editor = "editor";
    public const string Author = "author";
    public const string Previewer = "previewer";

    public static readonly string[] All = [Admin, Editor, Author, Previewer];
}

/// <summary>The API key behind an admin request: who is asking, in which role, for which editions.</summary>
internal sealed record EditorKey(long Id, string Name, string Role, string[]? Editions)
{
    private const string IdClaim = "nejat:key-id";
    private const string EditionsClaim = "nejat:editions";

    public bool IsAdmin => Role == Roles.Admin;

    /// <summary>Null editions means every edition.</summary>
    public bool MayTouch(string edition) => Editions is null || Editions.Contains(edition, StringComparer.Ordinal);

    public ClaimsPrincipal ToPrincipal(string scheme)
    {
        var claims = new List<Claim>
        {
            new(IdClaim, Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, Name),
            new(ClaimTypes.Role, Role),
        };
        claims.AddRange((Editions ?? []).Select(edition => new Claim(EditionsClaim, edition)));
        if (Editions is null)
        {
            claims.Add(new Claim(EditionsClaim, "*"));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    public static EditorKey From(ClaimsPrincipal user)
    {
        var editions = user.FindAll(EditionsClaim).Select(c => c.Value).ToArray();
        return new EditorKey(
            long.Parse(user.FindFirstValue(IdClaim)!, System.Globalization.CultureInfo.InvariantCulture),
            user.Identity!.Name!,
            user.FindFirstValue(ClaimTypes.Role)!,
            editions is ["*"] ? null : editions);
    }
}
