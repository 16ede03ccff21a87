using System.Security.Claims;

namespace Nejat.Cms.Api.Features.Editorial;

/// <summary>What stands behind an admin request: an API key (a program) or an account (a person signed in).</summary>
internal enum CallerKind
{
    Key,
    Account,
}

/// <summary>
/// The caller of an admin request: who is asking, in which role, for which editions. A person signed in
/// has the same rights as a key of their role and editions, so handlers check only this, never how the
/// caller signed in; <see cref="Kind"/> says whose <see cref="Id"/> it is (for the audit).
/// </summary>
internal sealed record EditorKey(long Id, string Name, string Role, string[]? Editions, CallerKind Kind = CallerKind.Key)
{
    private const string IdClaim = "nejat:key-id";
    private const string KindClaim = "nejat:caller";
    private const string EditionsClaim = "nejat:editions";

    public bool IsAdmin => Role == Roles.Admin;

    /// <summary>The key's id when the caller is a key (posts, media and the audit record who made what).</summary>
    public long? KeyId => Kind == CallerKind.Key ? Id : null;

    /// <summary>The account's id when the caller is a person.</summary>
    public long? AccountId => Kind == CallerKind.Account ? Id : null;

    /// <summary>Whether the caller made what the key <paramref name="byKey"/> or account <paramref name="byAccount"/> made.</summary>
    public bool Made(long? byKey, long? byAccount) => (Kind == CallerKind.Key ? byKey : byAccount) == Id;

    /// <summary>How refusals name the caller: "The key 'x'" or "The account 'Sara'".</summary>
    public string Who => $"The {(Kind == CallerKind.Account ? "account" : "key")} '{Name}'";

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
            new(KindClaim, Kind.ToString()),
            // Who the caller is, whatever its kind: what the admin rate limits count by (Hosting/RateLimits.cs).
            new(ClaimTypes.NameIdentifier, $"{Kind}:{Id}"),
        };
        claims.AddRange((Editions ?? []).Select(edition => new Claim(EditionsClaim, edition)));
        if (Editions is null)
        {
            claims.Add(new Claim(EditionsClaim, "*"));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    /// <summary>The caller of an admin route, bound as a handler parameter (every admin route needs a key or a session).</summary>
    public static ValueTask<EditorKey?> BindAsync(HttpContext context) =>
        ValueTask.FromResult<EditorKey?>(context.User.Identity?.IsAuthenticated == true ? From(context.User) : null);

    public static EditorKey From(ClaimsPrincipal user)
    {
        var editions = user.FindAll(EditionsClaim).Select(c => c.Value).ToArray();
        return new EditorKey(
            long.Parse(user.FindFirstValue(IdClaim)!, System.Globalization.CultureInfo.InvariantCulture),
            user.Identity!.Name!,
            user.FindFirstValue(ClaimTypes.Role)!,
            editions is ["*"] ? null : editions,
            Enum.Parse<CallerKind>(user.FindFirstValue(KindClaim)!));
    }
}
