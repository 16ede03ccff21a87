using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Nejat.Cms.Api.Features.Editorial;
using Nejat.Cms.Api.Text;

namespace Nejat.Cms.Api.Features.Posts;

/// <summary>
/// The body of POST, PUT and (after merging) PATCH on /v1/admin/posts: the import format's fields,
/// plus <see cref="TranslationOf"/> on create. Tags are slugs or names; an unknown one is created.
/// </summary>
public sealed record PostWrite
{
    public string? Edition { get; init; }
    /// <summary>Left out: made from the title, unique in the edition (-2, -3 …).</summary>
    public string? Slug { get; init; }
    public string? Title { get; init; }
    public string? Excerpt { get; init; }
    public string? BodyHtml { get; init; }
    /// <summary>On create only: draft (default), scheduled or published. Later, use the workflow routes.</summary>
    public string? Status { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }
    public string? Author { get; init; }
    public string? Byline { get; init; }
    public string[]? Tags { get; init; }
    public string? TranslationKey { get; init; }
    /// <summary>The id of the media item shown with the post (GET /v1/admin/media), or null.</summary>
    public long? FeaturedMediaId { get; init; }
    /// <summary>On create: the id of a post in another edition that this one translates.</summary>
    public long? TranslationOf { get; init; }

    [JsonIgnore]
    public bool HasSlug => !string.IsNullOrWhiteSpace(Slug);
}

/// <summary>The editable state of a post: what every revision keeps and a restore brings back.</summary>
public sealed record PostState(
    string Edition, string Slug, [property: AllowedValues("draft", "scheduled", "published", "trashed")] string Status, DateTime? PublishedAt, string Title, string Excerpt,
    string BodyHtml, string? Byline, string? Author, string[] Tags, string? TranslationKey, [property: AllowedValues("post", "page")] string Kind = "post", long? FeaturedMediaId = null)
{
    internal static PostState Of(AdminPostRow post) => new(
        post.Edition, post.Slug, post.Status, post.PublishedAt, post.Title, post.Excerpt, post.BodyHtml,
        post.Byline, post.Author, post.Tags, post.TranslationKey, post.Kind, post.FeaturedMediaId);

    /// <summary>The body that PUT would need to leave the post as it is (the base PATCH merges into).</summary>
    public PostWrite ToWrite() => new()
    {
        Edition = Edition, Slug = Slug, Title = Title, Excerpt = Excerpt, BodyHtml = BodyHtml, Status = Status,
        PublishedAt = PublishedAt, Author = Author, Byline = Byline, Tags = Tags, TranslationKey = TranslationKey,
        FeaturedMediaId = FeaturedMediaId,
    };
}

/// <summary>Field checks of a post write, by field name; the body is sanitised on the way in.</summary>
internal static class PostValidation
{
    public const int MaxExcerptLength = 2_000;
    private static readonly string[] CreateStatuses = ["draft", "scheduled", "published"];

    public static Dictionary<string, string[]> Check(PostWrite write, PostState? current, PostKind kind, int maxBodyLength, DateTime nowUtc)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string problem) => errors[field] = [problem];

        if (string.IsNullOrWhiteSpace(write.Edition))
        {
            Add("edition", "edition is required.");
        }
        else if (current is not null && write.Edition != current.Edition)
        {
            Add("edition", $"A post cannot move to another edition (it is in '{current.Edition}'); create a translation instead.");
        }

        if (string.IsNullOrWhiteSpace(write.Title) || write.Title.Length > 500)
        {
            Add("title", "title is required, at most 500 characters.");
        }

        if (write.HasSlug && Text.Slug.Problem(Text.Slug.Canonical(write.Slug!)) is { } slugProblem)
        {
            Add("slug", $"slug {slugProblem}.");
        }

        if (write.Excerpt is { Length: > MaxExcerptLength })
        {
            Add("excerpt", $"excerpt is {write.Excerpt.Length} characters; at most {MaxExcerptLength} are allowed.");
        }

        if (write.BodyHtml is { } body && body.Length > maxBodyLength)
        {
            Add("bodyHtml", $"bodyHtml is {body.Length} characters; at most {maxBodyLength} are allowed (Cms__MaxBodyHtmlLength).");
        }

        if (write.Byline is { Length: > 200 })
        {
            Add("byline", "byline is at most 200 characters.");
        }

        // Joining a story changes who lists whom as a translation; that goes through translationOf or
        // POST …/translations, which check the rights on the other posts. Leaving (null) is always allowed.
        if (write.TranslationKey is not null && write.TranslationKey != current?.TranslationKey)
        {
            Add("translationKey", "Join a story with translationOf (on create) or POST …/translations, not by setting translationKey.");
        }

        if (kind == PostKind.Page && write.Tags is { Length: > 0 })
        {
            Add("tags", "Pages carry no tags: they stay out of tag lists and counts.");
        }
        else if (write.Tags is { } tags && (tags.Length > 50 || tags.Any(string.IsNullOrWhiteSpace) || tags.Any(t => t.Length > 200)))
        {
            Add("tags", "tags is at most 50 non-empty slugs or names of at most 200 characters.");
        }

        if (current is null)
        {
            var status = write.Status ?? "draft";
            if (!CreateStatuses.Contains(status, StringComparer.Ordinal))
            {
                Add("status", $"status must be draft, scheduled or published; got '{status}'.");
            }
            else if (status == "scheduled" && (write.PublishedAt is null || write.PublishedAt.Value.UtcDateTime <= nowUtc))
            {
                Add("publishedAt", "A scheduled post needs a publishedAt in the future.");
            }
            else if (status == "published" && write.PublishedAt?.UtcDateTime > nowUtc)
            {
                Add("publishedAt", "A published post cannot be dated in the future; create it as scheduled.");
            }
        }
        else if (write.Status is not null && write.Status != current.Status)
        {
            Add("status", $"Change status with POST …/publish, …/unpublish or …/schedule (it is '{current.Status}').");
        }
        else if (current.Status == "published" && write.PublishedAt?.UtcDateTime > nowUtc)
        {
            Add("publishedAt", "A published post cannot be dated in the future; unpublish and schedule it.");
        }

        return errors;
    }

    /// <summary>The state a valid write asks for (slug and tags still to be resolved against the edition); a new one is a post until told otherwise.</summary>
    public static PostState Apply(PostWrite write, PostState? current, DateTime nowUtc)
    {
        var status = current?.Status ?? write.Status ?? "draft";
        var publishedAt = write.PublishedAt?.UtcDateTime
            ?? (status is "published" or "scheduled" ? current?.PublishedAt ?? nowUtc : null);
        return new PostState(
            write.Edition!,
            write.HasSlug ? Text.Slug.Canonical(write.Slug!) : current?.Slug ?? "",
            status,
            publishedAt,
            write.Title!.Trim(),
            write.Excerpt ?? "",
            HtmlSanitizing.Sanitize(write.BodyHtml ?? ""),
            string.IsNullOrWhiteSpace(write.Byline) ? null : write.Byline.Trim(),
            string.IsNullOrWhiteSpace(write.Author) ? null : Text.Slug.Canonical(write.Author),
            write.Tags?.Select(t => t.Trim()).ToArray() ?? [],
            write.TranslationKey,
            current?.Kind ?? PostKind.Post.Name,
            write.FeaturedMediaId);
    }
}

/// <summary>Who may do what to a post, with a 403 that names the missing right.</summary>
internal static class PostRights
{
    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult? ToEdit(EditorKey key, string edition, string status, long? createdByKey, long? createdByAccount)
    {
        if (!key.MayTouch(edition))
        {
            return EditorialProblems.EditionForbidden(key, edition);
        }

        return key.Role switch
        {
            Roles.Admin or Roles.Editor => null,
            Roles.Author when key.Made(createdByKey, createdByAccount) && status == "draft" => null,
            Roles.Author => EditorialProblems.Forbidden(key, "change this post", "role editor or admin (authors change only their own drafts)"),
            _ => EditorialProblems.Forbidden(key, "change posts", "role author, editor or admin"),
        };
    }

    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult? ToPublish(EditorKey key, string edition) =>
        !key.MayTouch(edition) ? EditorialProblems.EditionForbidden(key, edition)
        : key.Role is Roles.Admin or Roles.Editor ? null
        : EditorialProblems.Forbidden(key, "publish, schedule, unpublish, restore or purge posts", "role editor or admin");
}
