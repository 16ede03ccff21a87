using System.ComponentModel;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Nejat.Cms.Api.Hosting;

namespace Nejat.Cms.Api.Features.Media;

/// <summary>/v1/admin/media: upload, read, describe (per edition) and delete media; <see cref="MediaEditor"/> does the work.</summary>
internal static class MediaAdminEndpoints
{
    private const string SharedRule = "Collection, credit and source are seen by every edition that uses the item (its texts, the posts that feature it, "
        + "the galleries that show it): changing them needs the rights on all of those editions.";

    public static RouteGroupBuilder MapMediaAdmin(this RouteGroupBuilder admin)
    {
        var media = admin.MapGroup("/media").WithTags("Admin: media").ProducesProblem(StatusCodes.Status403Forbidden);
        media.MapPost("/", UploadMedia).WithName(nameof(UploadMedia)).WithSummary("Upload a file")
            .WithDescription("multipart/form-data with the file in the part named `file`, and optionally `collection`, `credit` and `source` parts. "
                + "The type comes from the file's first bytes: JPEG, PNG, WebP, GIF, PDF, MP4, WebM or MP3 (SVG is refused). Identical bytes are stored once; each upload is its own media item.")
            .Accepts<IFormFile>("multipart/form-data")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        media.MapPost("/videos", AddExternalVideo).WithName(nameof(AddExternalVideo)).WithSummary("Add a video hosted elsewhere")
            .WithDescription("{\"url\", \"collection\"?, \"credit\"?, \"source\"?, \"translations\"?}: a YouTube or Vimeo URL, or one of a host in Cms__VideoHosts. "
                + "Stored as media of kind video with its provider, id, embed URL and poster (no network call).")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        media.MapGet("/", ListMediaForEditors).WithName(nameof(ListMediaForEditors)).WithSummary("List media, newest first")
            .WithDescription("Every media item, paged, with its file and each edition's texts; the query parameters narrow the list.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        media.MapGet("/{id:long}", GetMediaForEditors).WithName(nameof(GetMediaForEditors)).WithSummary("Get a media item with every edition's texts")
            .WithDescription("With its version, also sent as the ETag, for If-Match.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        media.MapPut("/{id:long}", ReplaceMedia).WithName(nameof(ReplaceMedia)).WithSummary("Replace a media item's description")
            .WithDescription("Collection, credit, source and the per-edition texts; each edition whose texts change must be one of the key's. "
                + SharedRule + " Authors change only media they uploaded. Needs If-Match.")
            .ProducesWriteProblems();
        media.MapPatch("/{id:long}", PatchMedia).WithName(nameof(PatchMedia)).WithSummary("Change part of a media item's description (JSON Merge Patch)")
            .WithDescription("e.g. {\"translations\":{\"fa\":{\"alt\":\"…\"}}}. Each edition whose texts change must be one of the key's. "
                + SharedRule + " Authors change only media they uploaded. Needs If-Match.")
            .ProducesWriteProblems();
        media.MapDelete("/{id:long}", DeleteMedia).WithName(nameof(DeleteMedia)).WithSummary("Delete a media item")
            .WithDescription("Media that a post features or a gallery shows needs ?force=true (they lose it, and their versions move). Its file goes when no other item shares it. "
                + "Needs the rights on every edition that uses it (its texts, the posts that feature it, the galleries that show it). Needs If-Match.")
            .ProducesWriteProblems();
        return admin;
    }

    public static Task<Results<Created<AdminMedia>, ProblemHttpResult, ValidationProblem>> UploadMedia(MediaEditor media, CancellationToken ct) =>
        media.UploadAsync(ct);

    public static Task<Results<Created<AdminMedia>, ProblemHttpResult, ValidationProblem>> AddExternalVideo(
        Body<ExternalVideoWrite> body, MediaEditor media, CancellationToken ct) => media.AddExternalVideoAsync(body.Value, ct);

    public static Task<Results<Ok<ListEnvelope<AdminMedia>>, ProblemHttpResult, ValidationProblem>> ListMediaForEditors(
        [AsParameters] MediaFilter filter, [AsParameters] PageQuery paging, MediaEditor media, CancellationToken ct) => media.ListAsync(filter, paging, ct);

    public static Task<Results<Ok<AdminMedia>, ProblemHttpResult>> GetMediaForEditors(
        [Description("The media item's id.")] long id, MediaEditor media, CancellationToken ct) => media.GetAsync(id, ct);

    public static Task<Results<Ok<AdminMedia>, ProblemHttpResult, ValidationProblem>> ReplaceMedia(
        [Description("The media item's id.")] long id, Body<MediaWrite> body, MediaEditor media, CancellationToken ct) => media.ReplaceAsync(id, body.Value, ct);

    public static Task<Results<Ok<AdminMedia>, ProblemHttpResult, ValidationProblem>> PatchMedia(
        [Description("The media item's id.")] long id, Body<JsonObject> patch, MediaEditor media, CancellationToken ct) => media.PatchAsync(id, patch.Value, ct);

    public static Task<Results<NoContent, ProblemHttpResult>> DeleteMedia(
        [Description("The media item's id.")] long id,
        [Description("true: delete it even though posts feature it (they lose it).")] bool? force,
        MediaEditor media, CancellationToken ct) => media.DeleteAsync(id, force is true, ct);
}
