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
    private const string EditionDescription = "Edition code, e.g. `fa`.";

    private const string ReadSql = "SELECT body::text AS body, version FROM edition_documents WHERE edition = @Edition AND name = @Name";

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
        group.MapGet("/", GetForEditorsAsync)
            .WithName($"Get{Operation}ForEditors").WithSummary($"Get an edition's {what} to edit")
            .WithDescription("The document PUT takes; the ETag is its version (0 before the first write).");
        Write(group.MapPut("/", ReplaceAsync)
            .WithName($"Replace{Operation}").WithSummary($"Replace an edition's {what}")
            .WithDescription($"Editors and admins of the edition. Needs If-Match. {putDescription}"));
        if (patch)
        {
            Write(group.MapPatch("/", PatchAsync)
                .WithName($"Patch{Operation}").WithSummary($"Change some of an edition's {what} (JSON Merge Patch)")
                .WithDescription("RFC 7396: members present replace (lists whole), null removes. Needs If-Match."));
        }

        return admin;
    }

    /// <summary>The edition's document and version (<see cref="Empty"/> at 0 before the first write); the edition is known.</summary>
    public async Task<(T Document, int Version)> ReadAsync(NpgsqlConnection conn, string edition, JsonSerializerOptions json, CancellationToken ct) =>
        await conn.QuerySingleOrDefaultAsync<StoredRow>(new CommandDefinition(ReadSql, new { Edition = edition, Name }, cancellationToken: ct)) is { } row
            ? (JsonSerializer.Deserialize<T>(row.Body, json)!, row.Version)
            : (Empty, 0);

    // The import's write: the file is the source, so no If-Match; unchanged documents keep their version.
    private const string ImportSql = """
        INSERT INTO edition_documents (edition, name, body, version) VALUES (@Edition, @Name, @Body::jsonb, 1)
        ON CONFLICT (edition, name) DO UPDATE SET body = excluded.body, version = edition_documents.version + 1, updated_at = now()
            WHERE edition_documents.body IS DISTINCT FROM excluded.body
        """;

    /// <summary>
    /// Checks a document as the PUT does and stores it, for the JSON Lines import (no key, no audit: an import
    /// is not an editor's change). Returns whether it changed, or the field errors.
    /// </summary>
    public async Task<(bool Changed, Dictionary<string, string[]> Errors)> ImportAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, string edition, T document, JsonSerializerOptions json, CancellationToken ct)
    {
        (document, var errors) = await Validate(document, edition, conn, tx, ct);
        return errors.Count > 0
            ? (false, errors)
            : (await conn.ExecuteAsync(new CommandDefinition(ImportSql, new { Edition = edition, Name, Body = JsonSerializer.Serialize(document, json) }, tx, cancellationToken: ct)) > 0, errors);
    }

    private async Task<Results<Ok<T>, ProblemHttpResult>> GetForEditorsAsync(
        [Description(EditionDescription)] string edition, EditorKey key, NpgsqlDataSource db, HttpContext http, CancellationToken ct)
    {
        if (!key.MayTouch(edition))
        {
            return EditorialProblems.EditionForbidden(key, edition);
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var (document, version) = await ReadAsync(conn, edition, JsonBody.Options(http), ct);
        Versions.Set(http.Response, version);
        return TypedResults.Ok(document);
    }

    private Task<Results<Ok<T>, ProblemHttpResult, ValidationProblem>> ReplaceAsync(
        [Description(EditionDescription)] string edition, Body<T> body, EditorKey key, NpgsqlDataSource db, HttpContext http, CancellationToken ct) =>
        ChangeAsync(edition, key, db, http, _ => (body.Value, null), ct);

    /// <summary>RFC 7396 merge into the current document; arrays (links, menu items) are replaced whole.</summary>
    private Task<Results<Ok<T>, ProblemHttpResult, ValidationProblem>> PatchAsync(
        [Description(EditionDescription)] string edition, Body<JsonObject> patch, EditorKey key, NpgsqlDataSource db, HttpContext http, CancellationToken ct) =>
        ChangeAsync(edition, key, db, http, current => JsonMergePatch.Merge(current, patch.Value, http), ct);

    private async Task<Results<Ok<T>, ProblemHttpResult, ValidationProblem>> ChangeAsync(
        string edition, EditorKey key, NpgsqlDataSource db, HttpContext http, Func<T, (T? Document, ValidationProblem? Problem)> change, CancellationToken ct)
    {
        var json = JsonBody.Options(http);
        var (opened, problem) = await VersionedChange<StoredRow>.BeginAsync(http.Request, db,
            async (conn, tx) => await conn.QuerySingleOrDefaultAsync<StoredRow>(new CommandDefinition(LockSql, new
            {
                Edition = edition,
                Name,
                Empty = JsonSerializer.Serialize(Empty, json),
            }, tx, cancellationToken: ct)),
            row => row.Version,
            _ => EditorialProblems.UnlessEditorOf(key, edition, $"change the {Title.ToLowerInvariant()}"),
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
            return EditorialProblems.Invalid(Title.ToLowerInvariant(), errors);
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

    private sealed record StoredRow(string Body, int Version);
}
