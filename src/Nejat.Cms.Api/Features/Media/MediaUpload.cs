using Dapper;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Nejat.Cms.Api.Features.Editorial;
using Nejat.Cms.Api.Hosting;
using Nejat.Cms.Api.Text;

namespace Nejat.Cms.Api.Features.Media;

/// <summary>
/// POST /v1/admin/media, the upload part of the media editor. The body is read section by section and the file streamed to a temporary
/// file while it is hashed, so memory stays flat whatever its size. The type comes from the first
/// bytes; the kind's size limit is applied while streaming. Then, in one transaction holding the
/// stored-file lock, the file is moved under its hash and its row inserted: a failure before the
/// commit leaves at most a file that no row names, which the <see cref="MediaSweeper"/> removes.
/// </summary>
internal sealed partial class MediaEditor
{
    // Room for the multipart boundaries and the small text parts around the file.
    private const long MultipartOverhead = 64 * 1024;
    private const int MaxFieldLength = 1000;
    private static readonly string[] Fields = ["collection", "credit", "source"];

    public async Task<Results<Created<AdminMedia>, ProblemHttpResult, ValidationProblem>> UploadAsync(CancellationToken ct)
    {
        if (RefuseDescribing() is { } refused)
        {
            return refused;
        }

        // This route alone accepts bodies as large as the largest upload; everything else keeps Kestrel's default.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = options.MaxUploadBytes + MultipartOverhead;
        }

        if (http.Request.ContentLength > options.MaxUploadBytes + MultipartOverhead)
        {
            return EditorialProblems.UploadTooLarge($"The upload is {http.Request.ContentLength} bytes; the largest accepted is {options.MaxUploadBytes} bytes.");
        }

        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 } boundary)
        {
            return JsonBody.Invalid("body", "Send the file as multipart/form-data, in a part named 'file'.");
        }

        StagedUpload? staged = null;
        try
        {
            FileType? type = null;
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            var reader = new MultipartReader(boundary, http.Request.Body);
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                var name = ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    ? HeaderUtilities.RemoveQuotes(disposition.Name).Value : null;
                if (name == "file" && staged is null)
                {
                    var head = await FileSniffing.ReadHeadAsync(section.Body, ct);
                    type = FileSniffing.Sniff(head.Span);
                    if (type is null)
                    {
                        return EditorialProblems.UnsupportedFileType("The file is not one of the accepted types (JPEG, PNG, WebP, GIF, PDF, MP4, WebM, MP3); its content decides, not its name. SVG is not accepted.");
                    }

                    var limit = MediaKinds.LimitOf(type.Kind, options);
                    staged = await storage.StageAsync(head, section.Body, limit, ct);
                    if (staged is null)
                    {
                        return EditorialProblems.UploadTooLarge($"The {type.Kind} is larger than {limit} bytes, the most accepted for that kind (Cms__Max{char.ToUpperInvariant(type.Kind[0])}{type.Kind[1..]}Bytes).");
                    }
                }
                else if (name is not null && Fields.Contains(name) && !fields.ContainsKey(name))
                {
                    using var text = new StreamReader(section.Body);
                    var buffer = new char[MaxFieldLength + 1];
                    var length = await text.ReadBlockAsync(buffer, ct);
                    if (length > MaxFieldLength)
                    {
                        return JsonBody.Invalid(name, $"{name} is at most {MaxFieldLength} characters.");
                    }

                    // Invalid UTF-8 is read as U+FFFD; what the text rules refuse is a 400 like in a JSON body.
                    if (TextRules.Clean(new string(buffer, 0, length), out var textProblem) is not { } value)
                    {
                        return JsonBody.Invalid(name, $"The text {textProblem}; remove it.");
                    }

                    fields[name] = value;
                }
                else
                {
                    return JsonBody.Invalid(name ?? "body", $"Unexpected part '{name}': send one 'file' part and optionally 'collection', 'credit' and 'source', once each.");
                }
            }

            if (staged is null || type is null)
            {
                return JsonBody.Invalid("file", "The part named 'file' is missing.");
            }

            ImageSize? size = null;
            string? problem = null;
            if (type.Kind == MediaKinds.Image)
            {
                await using var content = storage.OpenStaged(staged);
                await imageWorkers.RunAsync(() => (size, problem) = Images.Inspect(content, options.MaxImagePixels), ct);
                if (problem is not null)
                {
                    return EditorialProblems.UnsupportedFileType(problem);
                }
            }

            var write = new MediaWrite
            {
                Collection = fields.GetValueOrDefault("collection"),
                Credit = fields.GetValueOrDefault("credit"),
                Source = fields.GetValueOrDefault("source"),
            };
            await using var conn = await db.OpenConnectionAsync(ct);
            await using var tx = await conn.BeginTransactionAsync(ct);
            if (await MediaDescriptions.CheckAsync(conn, tx, write, new Dictionary<string, MediaText>(), ct) is { Count: > 0 } errors)
            {
                return MediaDescriptions.Invalid(errors);
            }

            await conn.ExecuteAsync(new CommandDefinition(StoredFileLock.SharedSql, StoredFileLock.Parameters(staged.Sha256), tx, cancellationToken: ct));
            storage.Place(staged);
            var placed = staged;
            staged = null;
            var id = await conn.ExecuteScalarAsync<long>(new CommandDefinition("""
                INSERT INTO media (kind, collection, sha256, content_type, size, width, height, credit, source, created_by_key, created_by_account)
                VALUES (@Kind, @Collection, @Sha256, @ContentType, @Size, @Width, @Height, @Credit, @Source, @KeyId, @AccountId)
                RETURNING id
                """, new
            {
                type.Kind,
                Collection = MediaDescriptions.Blank(write.Collection),
                placed.Sha256,
                type.ContentType,
                placed.Size,
                size?.Width,
                size?.Height,
                Credit = MediaDescriptions.Blank(write.Credit),
                Source = MediaDescriptions.Blank(write.Source),
                key.KeyId,
                key.AccountId,
            }, tx, cancellationToken: ct));
            var media = await CommitNewAsync(conn, tx, id, "media.upload", ct);
            if (type.HasRenditions)
            {
                renditions.Enqueue(media);
            }

            return TypedResults.Created($"/v1/admin/media/{id}", media);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return EditorialProblems.UploadTooLarge($"The upload is larger than the largest accepted, {options.MaxUploadBytes} bytes.");
        }
        catch (InvalidDataException ex)
        {
            return JsonBody.Invalid("body", $"The multipart body is malformed: {ex.Message}");
        }
        catch (IOException) when (!http.RequestAborted.IsCancellationRequested)
        {
            return JsonBody.Invalid("body", "The multipart body ended before its closing boundary.");
        }
        finally
        {
            if (staged is not null)
            {
                storage.Discard(staged);
            }
        }
    }
}
