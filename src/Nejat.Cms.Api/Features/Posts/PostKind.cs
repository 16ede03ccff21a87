namespace Nejat.Cms.Api.Features.Posts;

/// <summary>
/// What a row of posts is: a post (in lists, neighbours, counts and feeds) or a page (About Us,
/// Contact …, outside all of them). Both are written by the same admin handlers, mapped once per
/// kind; the kind travels as endpoint metadata of its route group.
/// </summary>
public sealed record PostKind(string Name, string Plural, string Title)
{
    public static readonly PostKind Post = new("post", "posts", "Post");
    public static readonly PostKind Page = new("page", "pages", "Page");

    public static PostKind Of(string name) => name == Page.Name ? Page : Post;

    /// <summary>The kind the admin route group of this request is for.</summary>
    public static PostKind Of(HttpContext http) => http.GetEndpoint()?.Metadata.GetMetadata<PostKind>() ?? Post;

    /// <summary>An operation name for this kind: CreatePost becomes CreatePage, ListRevisions ListRevisionsOfPage.</summary>
    public string Operation(string postOperation) =>
        this == Post ? postOperation
        : postOperation.Contains(Post.Title, StringComparison.Ordinal) ? postOperation.Replace(Post.Title, Title, StringComparison.Ordinal)
        : postOperation + "Of" + Title;
}
