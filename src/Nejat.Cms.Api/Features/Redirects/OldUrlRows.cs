using Nejat.Cms.Api.Features.Media;

namespace Nejat.Cms.Api.Features.Redirects;

/// <summary>An old URL with what it names now (read by the public lookup, and by the import to rewrite links between sites).</summary>
internal sealed record OldUrlRow(
    string Host, string Path, string Kind, string? Edition, string? PostKind, string? Slug, string? Status,
    long? MediaId, string? Sha256, string? ContentType, int? Width, int? Height)
{
    /// <summary>Whether the public may be sent there: a post or page only while published.</summary>
    public bool IsPublic => Kind != "post" || Status == "published";

    public MediaRow? Media => MediaId is null ? null : new MediaRow { Id = MediaId.Value, Sha256 = Sha256, ContentType = ContentType, Width = Width, Height = Height };

    /// <summary>The target's kind as the public sees it: post, page, tag, home or media.</summary>
    public string TargetKind => Kind == "post" ? PostKind ?? "post" : Kind;
}

/// <summary>The statements reading old_urls.</summary>
internal static class OldUrlQueries
{
    // Old URLs point at things by id, so a target renamed since is read with its current slug.
    public const string AllSql = """
        SELECT o.host, o.path, o.kind, coalesce(p.edition, t.edition, o.edition) AS edition, p.kind AS post_kind,
               coalesce(p.slug, t.slug) AS slug, p.status, m.id AS media_id, m.sha256, m.content_type, m.width, m.height
        FROM old_urls o
        LEFT JOIN posts p ON p.id = o.post_id
        LEFT JOIN tags t ON t.id = o.tag_id
        LEFT JOIN media m ON m.id = o.media_id
        """;

    public const string LookupSql = AllSql + "\nWHERE o.path = ANY(@Paths) AND (@Host::text IS NULL OR o.host = @Host)";
}
