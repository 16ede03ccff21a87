using System.Security.Claims;

namespace Nejat.Cms.Api.Features.Editorial;

/// <summary>The API key behind an admin request: who is asking, in which role, for which editions.</summary>
internal sealed record EditorKey(long Id, string Name, string Role, string[]? Editions)
{
    private const string IdClaim = "nejat:key-id";
    private const string EditionsClaim = "nejat:editions";

    public bool IsAdmin => Role == Roles.Admin;

    /// <summary>Null editions means every edition.</summary>
    public bool MayTouch(string edition) => Editions is null || Editions.Contains(edition, StringComparer.Ordinal);

    /// <summary>The first of <paramref name="editions"/> the key may not touch, or null when it may touch them all.</summary>
    public string? FirstForeign(IEnumerable<string> editions) => Editions is null ? null : editions.FirstOrDefault(e => !MayTouch(e));

    /// <summary>
    /// Whether a key of <paramref name="role"/> for <paramref name="editions"/> (null: all) grants nothing
    /// this key lacks: a role of at most its own rank, and only editions it may touch itself.
    /// </summary>
    public bool Covers(string role, string[]? editions) =>
        Roles.Rank(role) <= Roles.Rank(Role) && (Editions is null || editions is not null && FirstForeign(editions) is null);

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

    /// <summary>The caller of an admin route, bound as a handler parameter (every admin route needs a key).</summary>
    public static ValueTask<EditorKey?> BindAsync(HttpContext context) =>
        ValueTask.FromResult<EditorKey?>(context.User.Identity?.IsAuthenticated == true ? From(context.User) : null);

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
