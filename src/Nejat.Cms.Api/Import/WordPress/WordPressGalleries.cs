using System.Globalization;
using System.Net;
using Dapper;
using Nejat.Cms.Api.Features.Media;
using Nejat.Cms.Api.Hosting;
using Npgsql;

namespace Nejat.Cms.Api.Import.WordPress;

/// <summary>The galleries of an import, made from the posts' [gallery] shortcodes.</summary>
internal sealed partial class WordPressContent
{
    /// <summary>
    /// The n-th [gallery] of a post becomes a Nejat gallery of its imported images, titled as the post in
    /// its edition; the body shows its images, each linking to the gallery's page on the site.
    /// </summary>
    private string? Gallery(PostPlan plan, int number, IReadOnlyList<long> attachmentIds)
    {
        var (site, describe) = (plan.Entry.Site, plan.Entry.Describe());
        var items = attachmentIds.Select(id => media.GetValueOrDefault((site.Key, $"post:{id.ToString(CultureInfo.InvariantCulture)}"))).OfType<MediaRow>().ToArray();
        var reference = $"gallery:{plan.Entry.Item.Id.ToString(CultureInfo.InvariantCulture)}:{number.ToString(CultureInfo.InvariantCulture)}";
        var ledger = _ledger.GetValueOrDefault((site.Key, reference));
        if (items.Length == 0 || ledger is { TargetGone: true } && !options.Overwrite)
        {
            report.Note($"{describe}: a [gallery] {(items.Length == 0 ? "none of whose images was imported" : "deleted in Nejat CMS")} is left out");
            return null;
        }

        var slug = ledger is { TargetGone: false, GallerySlug: { } kept } ? kept : AllocateGallery(plan.Slug);
        var title = plan.Title.Length <= 500 ? plan.Title : plan.Title[..500];
        _galleries.Add(new GalleryPlan(site, reference, plan.Entry.Edition!, slug, title, items.Select(m => m.Id).Distinct().ToArray(), ledger));
        var path = WebUtility.HtmlEncode(cms.Path(SiteTarget.Gallery, plan.Entry.Edition!, slug));
        var images = string.Concat(items.Select(m =>
            $"<a href=\"{path}\"><img src=\"{WebUtility.HtmlEncode(MediaUrls.Renditions(m).FirstOrDefault(r => r.Type == m.ContentType)?.Url ?? MediaUrls.File(m))}\" alt=\"{WebUtility.HtmlEncode(m.Alt)}\"></a>"));
        return $"<figure>{images}<figcaption><a href=\"{path}\">{WebUtility.HtmlEncode(title)}</a></figcaption></figure>";
    }

    private string AllocateGallery(string postSlug)
    {
        var slug = Allocate(_gallerySlugs, postSlug, null);
        _gallerySlugs.Add(slug);
        return slug;
    }

    private async Task WriteGalleriesAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        var ledgerRows = new List<LedgerRow>();
        foreach (var gallery in _galleries)
        {
            var hash = WordPressText.Hash(gallery.Edition, gallery.Slug, gallery.Title, gallery.MediaIds);
            var change = gallery.Ledger.Decide(hash, options.Overwrite);
            report.Of("galleries").Count(change);
            if (change == Change.Conflict)
            {
                report.Conflict($"gallery '{gallery.Slug}'", "its title, slug or images were changed in Nejat CMS");
            }

            if (change is not (Change.New or Change.Update))
            {
                continue;
            }

            var (id, version) = await conn.QuerySingleAsync<(long, int)>(new CommandDefinition(change == Change.New
                ? "INSERT INTO galleries (slug) VALUES (@Slug) RETURNING id, version"
                : "UPDATE galleries SET slug = @Slug, version = version + 1, updated_at = now() WHERE id = @Id RETURNING id, version",
                new { gallery.Slug, Id = gallery.Ledger?.GalleryId }, tx, cancellationToken: ct));
            await conn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO gallery_titles (gallery_id, edition, title) VALUES (@Id, @Edition, @Title)
                ON CONFLICT (gallery_id, edition) DO UPDATE SET title = excluded.title;
                DELETE FROM gallery_items WHERE gallery_id = @Id;
                INSERT INTO gallery_items (gallery_id, position, media_id)
                SELECT @Id, (w.ord - 1)::smallint, w.media_id FROM unnest(@MediaIds::bigint[]) WITH ORDINALITY AS w(media_id, ord);
                """, new { Id = id, gallery.Edition, gallery.Title, gallery.MediaIds }, tx, cancellationToken: ct));
            ledgerRows.Add(new LedgerRow { Site = gallery.Site.Key, Ref = gallery.Ref, GalleryId = id, Edition = gallery.Edition, SourceHash = hash, Version = version });
        }

        await WordPressLedger.SaveAsync(conn, tx, ledgerRows, ct);
    }
}
