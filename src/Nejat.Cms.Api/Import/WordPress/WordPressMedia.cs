using System.Net;
using Dapper;
using Nejat.Cms.Api.Features.Media;
using Npgsql;

namespace Nejat.Cms.Api.Import.WordPress;

/// <summary>
/// Attachments become media through the upload pipeline's own parts (<see cref="MediaIntake"/>), each
/// item placed and inserted in a transaction of its own. Each attachment committed is in the ledger, so
/// a run cut short resumes where it stopped: what is stored is reused, never fetched again. Bytes come from the local copy of
/// wp-content/uploads (--uploads) when it has the file, else over HTTP from the attachment URL,
/// a few at a time, with retries.
/// </summary>
internal sealed class WordPressMedia(
    MediaIntake intake, NpgsqlDataSource db, HttpClient http, bool dryRun, bool overwrite,
    WordPressReport report, TextWriter output)
{
    private const int Concurrency = 4;
    private const int Attempts = 4;
    private const int MaxTitle = 500;
    private const int MaxAlt = 1000;
    private const int MaxCaption = 2000;

    private sealed record Attachment(IndexedItem Entry, string Title, string Alt, string Caption, string Hash);

    private sealed record LedgerMedia(string Site, string Ref, long Id, string? Sha256, string? ContentType, int? Width, int? Height, string Alt);

    private const string MediaOfLedgerSql = """
        SELECT w.site, w.ref, m.id, m.sha256, m.content_type, m.width, m.height, coalesce(t.alt, '') AS alt
        FROM wordpress_items w JOIN media m ON m.id = w.media_id
        LEFT JOIN media_translations t ON t.media_id = m.id AND t.edition = w.edition
        WHERE w.site = ANY(@Sites)
        """;

    private const string TextsSql = """
        INSERT INTO media_translations (media_id, edition, title, alt, caption) VALUES (@Id, @Edition, @Title, @Alt, @Caption)
        ON CONFLICT (media_id, edition) DO UPDATE SET title = excluded.title, alt = excluded.alt, caption = excluded.caption
        """;

    private const string TouchSql = "UPDATE media SET version = version + 1, updated_at = now() WHERE id = @Id RETURNING version";

    /// <summary>Stores the attachments that are new, updates the texts of those WordPress changed; returns every attachment's media by site and ref.</summary>
    public async Task<Dictionary<(string Site, string Ref), MediaRow>> ImportAsync(WordPressIndex index, CancellationToken ct)
    {
        var sites = index.Sites.Select(s => s.Key).ToArray();
        Dictionary<(string, string), LedgerRow> ledger;
        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            ledger = (await conn.QueryAsync<LedgerRow>(new CommandDefinition(WordPressSql.Ledger, new { Sites = sites }, cancellationToken: ct)))
                .ToDictionary(r => (r.Site, r.Ref));
        }

        var attachments = new List<Attachment>();
        foreach (var entry in index.Items.Where(e => e.Imported && e.Item.Type == "attachment"))
        {
            if (Describe(entry) is { } attachment)
            {
                attachments.Add(attachment);
            }
        }

        var progress = new Progress(output, "media", attachments.Count);
        await Parallel.ForEachAsync(attachments, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = ct }, async (attachment, token) =>
        {
            var row = ledger.GetValueOrDefault((attachment.Entry.Site.Key, attachment.Entry.Ref));
            await ImportOneAsync(attachment, row, token);
            progress.Step();
        });

        await using var read = await db.OpenConnectionAsync(ct);
        return (await read.QueryAsync<LedgerMedia>(new CommandDefinition(MediaOfLedgerSql, new { Sites = sites }, cancellationToken: ct)))
            .ToDictionary(m => (m.Site, m.Ref), m => new MediaRow { Id = m.Id, Sha256 = m.Sha256, ContentType = m.ContentType, Width = m.Width, Height = m.Height, Alt = m.Alt });
    }

    /// <summary>The attachment's texts in its edition (title, alt text, caption), or null when one of them breaks the text rules.</summary>
    private Attachment? Describe(IndexedItem entry)
    {
        var item = entry.Item;
        string? Text(string value, int max, string field)
        {
            if (WordPressText.Clean(WordPressText.Plain(value), field, out var problem) is not { } clean)
            {
                report.Skip(entry.Describe(), problem!);
                return null;
            }

            return clean.Length <= max ? clean : clean[..max];
        }

        if (Text(item.Title, MaxTitle, "its title") is not { } title
            || Text(item.MetaValue("_wp_attachment_image_alt") ?? "", MaxAlt, "its alt text") is not { } alt
            || Text(item.Excerpt, MaxCaption, "its caption") is not { } caption)
        {
            return null;
        }

        return new Attachment(entry, title, alt, caption, WordPressText.Hash(entry.Edition, title, alt, caption, item.AttachmentUrl));
    }

    private async Task ImportOneAsync(Attachment attachment, LedgerRow? row, CancellationToken ct)
    {
        var entry = attachment.Entry;
        switch (row.Decide(attachment.Hash, overwrite))
        {
            case Change.Unchanged:
                report.Media("reused");
                return;
            case Change.Conflict:
                report.Conflict(entry.Describe(), "its title, alt text or caption was changed in Nejat CMS");
                report.Media("reused");
                return;
            case Change.Deleted:
                report.Skip(entry.Describe(), "its media item was deleted in Nejat CMS since the last import (--overwrite brings it back)");
                return;
            case Change.Update:
                report.Media("reused, texts updated");
                if (!dryRun)
                {
                    await SaveAsync(attachment, row!.MediaId, staged: null, ct);
                }

                return;
        }

        if (Local(entry) is { } local)
        {
            if (dryRun)
            {
                report.Media("to store from --uploads");
                return;
            }

            await using var file = File.OpenRead(local);
            if (await StageAsync(entry, file, ct) is { } staged)
            {
                await SaveAsync(attachment, null, staged, ct);
                report.Media("stored from --uploads");
            }

            return;
        }

        if (!Uri.TryCreate(entry.Item.AttachmentUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            report.Media("missing");
            report.Skip(entry.Describe(), $"its file is not in --uploads and its URL '{entry.Item.AttachmentUrl}' cannot be fetched");
            return;
        }

        if (dryRun)
        {
            report.Media("to fetch over HTTP");
            return;
        }

        await FetchAsync(attachment, url, ct);
    }

    /// <summary>The file in the local copy of the uploads folder, when there is one (a path that would leave the folder is none).</summary>
    private static string? Local(IndexedItem entry)
    {
        if (entry.File.Uploads is not { } uploads)
        {
            return null;
        }

        var root = Path.GetFullPath(uploads).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        // _wp_attached_file is relative to the uploads folder (very old sites stored it absolute: then the URL tells).
        foreach (var relative in new[] { entry.Item.MetaValue("_wp_attached_file"), UploadsPath(entry.Item.AttachmentUrl) })
        {
            if (relative is { Length: > 0 } && Path.GetFullPath(Path.Combine(root, relative)) is var path
                && path.StartsWith(root, StringComparison.Ordinal) && File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }

    /// <summary>The part of an upload's URL after /uploads/, decoded.</summary>
    private static string? UploadsPath(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return null;
        }

        var path = Uri.UnescapeDataString(uri.AbsolutePath);
        var at = path.IndexOf("/uploads/", StringComparison.Ordinal);
        return at < 0 ? null : path[(at + "/uploads/".Length)..];
    }

    private async Task FetchAsync(Attachment attachment, Uri url, CancellationToken ct)
    {
        var entry = attachment.Entry;
        string? problem = null;
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            try
            {
                using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
                if (response.IsSuccessStatusCode)
                {
                    await using var body = await response.Content.ReadAsStreamAsync(ct);
                    if (await StageAsync(entry, body, ct) is { } staged)
                    {
                        await SaveAsync(attachment, null, staged, ct);
                        report.Media("fetched over HTTP");
                    }

                    return;
                }

                problem = $"{url} answered {(int)response.StatusCode} {response.ReasonPhrase}";
                // Only a server's trouble or a rate limit may pass; a 404 stays a 404.
                if (response.StatusCode is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests) && (int)response.StatusCode < 500)
                {
                    break;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException || ex is TaskCanceledException && !ct.IsCancellationRequested)
            {
                problem = $"fetching {url} failed: {ex.Message}";
            }

            if (attempt < Attempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250 * Math.Pow(2, attempt - 1)), ct);
            }
        }

        report.Media("missing");
        report.Skip(entry.Describe(), $"its file is not in --uploads and {problem}");
    }

    /// <summary>The file staged under its hash, or null (reported) when its type, size or image is not accepted.</summary>
    private async Task<StagedMedia?> StageAsync(IndexedItem entry, Stream content, CancellationToken ct)
    {
        var (staged, refusal) = await intake.StageAsync(content, ct);
        if (refusal is not null)
        {
            report.Media(refusal.Reason);
            report.Skip(entry.Describe(), refusal.Problem);
        }

        return staged;
    }

    /// <summary>Inserts a new media item for a staged file (or updates the texts of an existing one) with its ledger row, in one transaction.</summary>
    private async Task SaveAsync(Attachment attachment, long? existing, StagedMedia? staged, CancellationToken ct)
    {
        var entry = attachment.Entry;
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        long id;
        int version;
        if (staged is not null)
        {
            (id, version) = await intake.InsertAsync(conn, tx, staged, new NewMediaFields(null, null, null), ct);
        }
        else
        {
            id = existing!.Value;
            version = await conn.ExecuteScalarAsync<int>(new CommandDefinition(TouchSql, new { Id = id }, tx, cancellationToken: ct));
        }

        await conn.ExecuteAsync(new CommandDefinition(TextsSql, new { Id = id, entry.Edition, attachment.Title, attachment.Alt, attachment.Caption }, tx, cancellationToken: ct));
        await WordPressLedger.SaveAsync(conn, tx,
            [new LedgerRow { Site = entry.Site.Key, Ref = entry.Ref, MediaId = id, Edition = entry.Edition, SourceHash = attachment.Hash, Version = version }], ct);
        await tx.CommitAsync(ct);
    }
}
