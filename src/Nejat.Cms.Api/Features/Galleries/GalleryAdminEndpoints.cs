using System.ComponentModel;
using Mapster;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Nejat.Cms.Api.Features.Editorial;
using Nejat.Cms.Api.Hosting;
using Npgsql;

namespace Nejat.Cms.Api.Features.Galleries;

/// <summary>/v1/admin/galleries: editors and admins arrange media into galleries (<see cref="GalleryEditor"/> writes them).</summary>
internal static class GalleryAdminEndpoints
{
    public static RouteGroupBuilder MapGalleryAdmin(this RouteGroupBuilder admin)
    {
        var galleries = admin.MapGroup("/galleries").WithTags("Admin: galleries").ProducesProblem(StatusCodes.Status403Forbidden);
        galleries.MapGet("/", ListGalleriesForEditors).WithName(nameof(ListGalleriesForEditors)).WithSummary("List galleries, newest first")
            .WithDescription("Every gallery, paged, with its titles in every edition, its media ids in order and its version.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        galleries.MapGet("/{id:long}", GetGalleryForEditors).WithName(nameof(GetGalleryForEditors)).WithSummary("Get a gallery")
            .WithDescription("With its titles, its media ids in order and its version, also sent as the ETag, for If-Match.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        galleries.MapPost("/", CreateGallery).WithName(nameof(CreateGallery)).WithSummary("Create a gallery")
            .WithDescription("{\"slug\"?, \"titles\": {\"fa\": \"…\"}, \"mediaIds\": [3, 1, 2]}. Titles only in the key's editions.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        galleries.MapPut("/{id:long}", ReplaceGallery).WithName(nameof(ReplaceGallery)).WithSummary("Replace a gallery's slug, titles and items")
            .WithDescription("Each edition whose title changes must be one of the key's; a new slug or other items need the rights on every edition the gallery has a title in (every edition shows them). "
                + "A slug left out stays as it is. Needs If-Match.")
            .ProducesWriteProblems();
        galleries.MapDelete("/{id:long}", DeleteGallery).WithName(nameof(DeleteGallery)).WithSummary("Delete a gallery (its media stay)")
            .WithDescription("Needs the rights on every edition it has a title in. Needs If-Match.").ProducesWriteProblems();
        return admin;
    }

    public static Task<Results<Ok<ListEnvelope<AdminGallery>>, ValidationProblem>> ListGalleriesForEditors(
        [AsParameters] PageQuery paging, NpgsqlDataSource db, IOptions<CmsOptions> options, HttpRequest request, CancellationToken ct) =>
        ListEnvelope.AnswerAsync<GalleryAdminRow, AdminGallery>(db, GalleryQueries.ListForEditors, null, paging, options.Value, request, ct);

    public static async Task<Results<Ok<AdminGallery>, ProblemHttpResult>> GetGalleryForEditors(
        [Description("The gallery's id.")] long id, HttpResponse response, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        if (await GalleryQueries.GetAsync(conn, null, id, ct) is not { } gallery)
        {
            return EditorialProblems.GalleryNotFound(id);
        }

        Versions.Set(response, gallery.Version);
        return TypedResults.Ok(gallery.Adapt<AdminGallery>(Mappings.Config));
    }

    public static Task<Results<Created<AdminGallery>, ProblemHttpResult, ValidationProblem>> CreateGallery(
        Body<GalleryWrite> body, GalleryEditor galleries, CancellationToken ct) => galleries.CreateAsync(body.Value, ct);

    public static Task<Results<Ok<AdminGallery>, ProblemHttpResult, ValidationProblem>> ReplaceGallery(
        [Description("The gallery's id.")] long id, Body<GalleryWrite> body, GalleryEditor galleries, CancellationToken ct) => galleries.ReplaceAsync(id, body.Value, ct);

    public static Task<Results<NoContent, ProblemHttpResult>> DeleteGallery(
        [Description("The gallery's id.")] long id, GalleryEditor galleries, CancellationToken ct) => galleries.DeleteAsync(id, ct);
}
