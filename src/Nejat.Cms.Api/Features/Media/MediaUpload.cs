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

        var intake = new MediaIntake(storage, imageWorkers, options);
        StagedMedia? staged = null;
        try
        {
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            var reader = new MultipartReader(boundary, http.Request.Body);
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                var name = ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    ? HeaderUtilities.RemoveQuotes(disposition.Name).Value : null;
                if (name == "file" && staged is null)
                {
                    (staged, var refusal) = await intake.StageAsync(section.Body, ct);
                    if (refusal is not null)
                    {
                        return refusal.TooLarge ? EditorialProblems.UploadTooLarge(refusal.Problem) : EditorialProblems.UnsupportedFileType(refusal.Problem);
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

            if (staged is null)
            {
                return JsonBody.Invalid("file", "The part named 'file' is missing.");
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

            var (id, _) = await intake.InsertAsync(conn, tx, staged, new NewMediaFields(MediaDescriptions.Blank(write.Collection),
                MediaDescriptions.Blank(write.Credit), MediaDescriptions.Blank(write.Source), key.KeyId, key.AccountId), ct);
            var placed = staged;
            staged = null; // placed under its hash: from here a failure leaves the file to the sweeper
            var media = await CommitNewAsync(conn, tx, id, "media.upload", ct);
            if (placed.Type.HasRenditions)
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
                storage.Discard(staged.File);
            }
        }
    }
}
