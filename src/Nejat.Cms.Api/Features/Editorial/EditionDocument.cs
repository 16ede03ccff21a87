using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Nejat.Cms.Api.Hosting;
using Npgsql;

namespace Nejat.Cms.Api.Features.Editorial;

/// <summary>
/// A JSON document an edition has exactly one of (its site settings, its menu), edited whole:
/// GET with its version as ETag, PUT (and merge PATCH) with If-Match, by editors and admins of the
/// edition, audited, in one transaction. Before its first write it is <see cref="Empty"/> at version 0.
/// </summary>
/// <param name="Name">The row's name and the admin path segment, e.g. "settings".</param>
/// <param name="Title">What the document is in messages, e.g. "Site settings".</param>
/// <param name="Operation">Its part of the operation names, e.g. "Settings" in ReplaceSettings.</param>
/// <param name="Empty">The document before anything is written.</param>
/// <param name="Validate">
/// The document as it is to be stored (links in one spelling, say) and its field errors (by JSON path),
/// given the edition it is for.
/// </param>
internal sealed record EditionDocument<T>(
    string Name, string Title, string Operation, T Empty,
    Func<T, string, NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task<(T Document, Dictionary<string, string[]> Errors)>> Validate)
    where T : class
{
    private const string ReadSql = """
        SELECT EXISTS (SELECT 1 FROM editions WHERE code = @Edition) AS edition_exists, d.body::text AS body, coalesce(d.version, 0) AS version
        FROM (SELECT 1) one LEFT JOIN edition_documents d ON d.edition = @Edition AND d.name = @Name
        """;

    // The first writer inserts the empty row; a concurrent first writer waits on the key, then finds
    // the row at its new version and gets a 412 like any stale write.
    private const string LockSql = """
        INSERT INTO edition_documents (edition, name, body, version)
        SELECT code, @Name, @Empty::jsonb, 0 FROM editions WHERE code = @Edition
        ON CONFLICT (edition, name) DO NOTHING;
        SELECT body::text AS body, version FROM edition_documents WHERE edition = @Edition AND name = @Name FOR UPDATE;
        """;

    private const string UpdateSql = """
        UPDATE edition_documents SET body = @Body::jsonb, version = version + 1, updated_at = now()
        WHERE edition = @Edition AND name = @Name
        RETURNING version
        """;

    /// <summary>
    /// GET and PUT (and, with <paramref name="patch"/>, PATCH) /v1/admin/{Name}/{edition}; the PUT
    /// description says what a valid document is.
    /// </summary>
    public RouteGroupBuilder MapAdmin(RouteGroupBuilder admin, string putDescription, bool patch)
    {
        static RouteHandlerBuilder Write(RouteHandlerBuilder route) => route
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

        var what = Title.ToLowerInvariant();
        var group = admin.MapGroup($"/{Name}/{{edition}}").WithTags($"Admin: {Name}")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/", ([Description("Edition code, e.g. `fa`.")] string edition, HttpContext http, NpgsqlDataSource db, CancellationToken ct) =>
                GetForEditorsAsync(edition, http, db, ct))
            .WithName($"Get{Operation}ForEditors").WithSummary($"Get an edition's {what} to edit")
            .WithDescription("The document PUT takes; the ETag is its version (0 before the first write).");
        Write(group.MapPut("/", ([Description("Edition code, e.g. `fa`.")] string edition, HttpContext http, NpgsqlDataSource db, CancellationToken ct) =>
                ReplaceAsync(edition, http, db, ct))
            .WithName($"Replace{Operation}").WithSummary($"Replace an edition's {what}")
            .WithDescription($"Editors and admins of the edition. Needs If-Match. {putDescription}")
            .Accepts<T>("application/json"));
        if (patch)
        {
            Write(group.MapPatch("/", ([Description("Edition code, e.g. `fa`.")] string edition, HttpContext http, NpgsqlDataSource db, CancellationToken ct) =>
                    PatchAsync(edition, http, db, ct))
                .WithName($"Patch{Operation}").WithSummary($"Change some of an edition's {what} (JSON Merge Patch)")
                .WithDescription("RFC 7396: members present replace (lists whole), null removes. Needs If-Match.")
                .Accepts<JsonObject>("application/merge-patch+json", "application/json"));
        }

        return admin;
    }

    /// <summary>The edition's document and version; null when there is no such edition.</summary>
    public async Task<(T Document, int Version)?> ReadAsync(NpgsqlConnection conn, string edition, JsonSerializerOptions json, CancellationToken ct)
    {
        var row = await conn.QuerySingleAsync<ReadRow>(new CommandDefinition(ReadSql, new { Edition = edition, Name }, cancellationToken: ct));
        return row.EditionExists ? (row.Body is null ? Empty : JsonSerializer.Deserialize<T>(row.Body, json)!, row.Version) : null;
    }

    public async Task<Results<Ok<T>, ProblemHttpResult>> GetForEditorsAsync(string edition, HttpContext http, NpgsqlDataSource db, CancellationToken ct)
    {
        var key = EditorKey.From(http.User);
        if (!key.MayTouch(edition))
        {
            return EditorialProblems.EditionForbidden(key, edition);
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        if (await ReadAsync(conn, edition, JsonBody.Options(http), ct) is not { } read)
        {
            return Problems.EditionNotFound(edition);
        }

        Versions.Set(http.Response, read.Version);
        return TypedResults.Ok(read.Document);
    }

    public async Task<Results<Ok<T>, ProblemHttpResult, ValidationProblem>> ReplaceAsync(string edition, HttpContext http, NpgsqlDataSource db, CancellationToken ct)
    {
        var (document, invalid) = await JsonBody.ReadAsync<T>(http.Request, ct);
        return invalid ?? await ChangeAsync(edition, http, db, _ => (document, null), ct);
    }

    /// <summary>RFC 7396 merge into the current document; arrays (links, menu items) are replaced whole.</summary>
    public async Task<Results<Ok<T>, ProblemHttpResult, ValidationProblem>> PatchAsync(string edition, HttpContext http, NpgsqlDataSource db, CancellationToken ct)
    {
        var (patch, invalid) = await JsonBody.ReadAsync<JsonObject>(http.Request, ct, "application/merge-patch+json");
        return invalid ?? await ChangeAsync(edition, http, db, current => JsonMergePatch.Merge(current, patch!, http), ct);
    }

    private async Task<Results<Ok<T>, ProblemHttpResult, ValidationProblem>> ChangeAsync(
        string edition, HttpContext http, NpgsqlDataSource db, Func<T, (T? Document, ValidationProblem? Problem)> change, CancellationToken ct)
    {
        var key = EditorKey.From(http.User);
        var json = JsonBody.Options(http);
        var (opened, problem) = await VersionedChange<LockedRow>.BeginAsync(http.Request, db,
            async (conn, tx) => await conn.QuerySingleOrDefaultAsync<LockedRow>(new CommandDefinition(LockSql, new
            {
                Edition = edition,
                Name,
                Empty = JsonSerializer.Serialize(Empty, json),
            }, tx, cancellationToken: ct)),
            row => row.Version,
            _ => !key.MayTouch(edition) ? EditorialProblems.EditionForbidden(key, edition)
                : key.Role is Roles.Admin or Roles.Editor ? null
                : EditorialProblems.Forbidden(key, $"change the {Title.ToLowerInvariant()}", "role editor or admin"),
            () => Problems.EditionNotFound(edition), $"The {Title.ToLowerInvariant()} of edition '{edition}'", ct);
        if (opened is null)
        {
            return problem!;
        }

        await using var edit = opened;
        var (document, invalid) = change(JsonSerializer.Deserialize<T>(edit.Current.Body, json)!);
        if (invalid is not null)
        {
            return invalid;
        }

        (document, var errors) = await Validate(document!, edition, edit.Connection, edit.Transaction, ct);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: $"Invalid {Title.ToLowerInvariant()}");
        }

        var version = await edit.Connection.ExecuteScalarAsync<int>(new CommandDefinition(UpdateSql, new
        {
            Edition = edition,
            Name,
            Body = JsonSerializer.Serialize(document, json),
        }, edit.Transaction, cancellationToken: ct));
        await Audit.RecordAsync(edit.Connection, edit.Transaction, key, $"{Name}.update", $"{Name}/{edition}", http, ct);
        await edit.CommitAsync(ct);
        Versions.Set(http.Response, version);
        return TypedResults.Ok(document!);
    }

    private sealed record ReadRow(bool EditionExists, string? Body, int Version);

    private sealed record LockedRow(string Body, int Version);
}
