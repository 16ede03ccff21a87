using System.Globalization;
using Dapper;
using Nejat.Cms.Api.Text;
using Nejat.Cms.Api.Database;
using Npgsql;
using NpgsqlTypes;

namespace Nejat.Cms.Api.Import.WordPress;

/// <summary>The posts and pages of an import: their slugs and translations planned, then their bodies converted and staged.</summary>
internal sealed partial class WordPressContent
{
    /// <summary>
    /// Every post's and page's slug, before any body is converted: one already imported keeps its slug
    /// unless WordPress's changed (and not when an editor changed the post); a new one gets WordPress's,
    /// or -2, -3 … when the edition has it already (posts and pages share an edition's slugs).
    /// </summary>
    private async Task PlanPostsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string[] editions, CancellationToken ct)
    {
        var entries = index.Items.Where(e => e.Imported && e.Item.Type is "post" or "page").ToArray();
        var own = entries.Select(e => _ledger.GetValueOrDefault((e.Site.Key, e.Ref))?.PostId).OfType<long>().ToHashSet();
        var taken = editions.ToDictionary(e => e, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var (id, edition, slug) in await conn.QueryAsync<(long, string, string)>(new CommandDefinition(
                     "SELECT id, edition, slug FROM posts WHERE edition = ANY(@Editions)", new { Editions = editions }, tx, cancellationToken: ct)))
        {
            if (!own.Contains(id))
            {
                taken[edition].Add(slug);
            }
        }

        // Posts imported before first, so a new post never takes a slug one of them keeps.
        foreach (var entry in entries.OrderBy(e => _ledger.GetValueOrDefault((e.Site.Key, e.Ref)) is not { PostId: not null }))
        {
            var ledger = _ledger.GetValueOrDefault((entry.Site.Key, entry.Ref));
            if (ledger is { TargetGone: true } && !options.Overwrite)
            {
                report.Skip(entry.Describe(), "it was deleted in Nejat CMS since the last import (--overwrite brings it back)");
                continue;
            }

            var wanted = WordPressText.Slug(entry.Item.PostName, WordPressText.Plain(entry.Item.Title));
            var slug = ledger is { PostSlug: { } current } && ledger.EditedSince && !options.Overwrite
                ? current
                : Allocate(taken[entry.Edition!], wanted, ledger?.PostSlug);
            taken[entry.Edition!].Add(slug);
            _posts[(entry.Site.Key, entry.Item.Id)] = new PostPlan(entry, ledger?.PostId is null ? null : ledger, slug);
        }

        LinkTranslations();
    }

    /// <summary>The slug to use: the current one while it is WordPress's (or a numbered form of it), else WordPress's, else the first free numbered form.</summary>
    private static string Allocate(HashSet<string> taken, string wanted, string? current)
    {
        static bool Numbered(string slug, string of) =>
            slug.StartsWith(of + "-", StringComparison.Ordinal) && slug[(of.Length + 1)..] is { Length: > 0 } n && n.All(char.IsAsciiDigit);

        return current is not null && (current == wanted || Numbered(current, wanted)) && !taken.Contains(current) ? current
            : !taken.Contains(wanted) ? wanted
            : Enumerable.Range(2, int.MaxValue - 2).Select(n => Slug.Numbered(wanted, n)).First(s => !taken.Contains(s));
    }

    /// <summary>Polylang's translation groups become stories (translation keys); a post or page in none, or alone in its group, is listed in the report.</summary>
    private void LinkTranslations()
    {
        var groups = _posts.Values.Where(p => p.Entry.Item.TermSlug("post_translations") is not null)
            .GroupBy(p => (p.Entry.Site, Group: p.Entry.Item.TermSlug("post_translations")!));
        foreach (var group in groups)
        {
            var members = group.GroupBy(p => p.Entry.Edition).Select(g => g.First()).ToArray();
            foreach (var extra in group.Except(members))
            {
                report.Note($"{extra.Entry.Describe()} shares its translation group with another {extra.Kind} of its edition: left unlinked");
            }

            if (members.Length > 1)
            {
                foreach (var member in members)
                {
                    member.TranslationKey = $"wordpress:{group.Key.Site.Host}:{group.Key.Group}";
                }
            }
        }

        foreach (var plan in _posts.Values.Where(p => p.TranslationKey is null))
        {
            report.Untranslated(plan.Entry.Describe());
        }
    }

    /// <summary>
    /// The second reading, with content: each post's and page's body converted, and what is new or changed
    /// streamed into the staging table by binary COPY (WritePosts then writes it in a few statements).
    /// </summary>
    private async Task StagePostsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        await conn.ExecuteAsync(new CommandDefinition(WordPressSql.CreatePostStage, transaction: tx, cancellationToken: ct));
        var progress = new Progress(output, "posts and pages", _posts.Count);
        var staged = new List<(string Site, string Ref, string Describe)>();
        await using (var copy = await conn.BeginBinaryImportAsync(WordPressSql.CopyPosts, ct))
        {
            var done = new HashSet<(string, long)>();
            foreach (var file in options.Files)
            {
                SiteData? site = null;
                foreach (var node in WxrReader.Read(file.Path, withContent: true))
                {
                    if (node is WxrSite header)
                    {
                        site = index.Sites.First(s => s.Key == header.BaseBlogUrl.TrimEnd('/'));
                    }
                    else if (node is WxrItem item && _posts.TryGetValue((site!.Key, item.Id), out var plan) && done.Add((site.Key, item.Id)))
                    {
                        if (Prepare(plan, item) is { } row)
                        {
                            await WriteRowAsync(copy, row, ct);
                            staged.Add((row.Site, row.Ref, plan.Entry.Describe()));
                        }

                        progress.Step();
                    }
                }
            }

            await copy.CompleteAsync(ct);
        }

        // A story key another post of the edition holds (made in Nejat CMS) stays with that post.
        var refused = (await conn.QueryAsync<(string Site, string Ref)>(new CommandDefinition(WordPressSql.TakenTranslationKeys, transaction: tx, cancellationToken: ct))).ToArray();
        if (refused.Length > 0)
        {
            await conn.ExecuteAsync(new CommandDefinition(WordPressSql.DropTranslationKeys,
                new { Sites = refused.Select(r => r.Site).ToArray(), Refs = refused.Select(r => r.Ref).ToArray() }, tx, cancellationToken: ct));
            foreach (var (site, reference) in refused)
            {
                report.Note($"{staged.First(s => s.Site == site && s.Ref == reference).Describe}: its translation is linked to another post in Nejat CMS; left unlinked");
            }
        }
    }

    private sealed record PostRow(
        string Site, string Ref, long? PostId, string Kind, string Edition, string Slug, string Status, DateTime? PublishedAt,
        string Title, string Excerpt, string BodyHtml, string? Author, long[] TagIds, long? FeaturedMediaId, string? TranslationKey,
        string SourceHash, string? OldSlug, string? OldStatus);

    /// <summary>The post as Nejat CMS stores it, when it is new or to be updated; null when it is unchanged, an editor's change stands, or it cannot be imported (reported).</summary>
    private PostRow? Prepare(PostPlan plan, WxrItem item)
    {
        var entry = plan.Entry;
        var describe = entry.Describe();
        if (WordPressText.Clean(WordPressText.Plain(item.Title), "its title", out var problem) is not { } title
            || WordPressText.Clean(item.Content ?? "", "its content", out problem) is not { } content
            || WordPressText.Clean(WordPressText.Plain(item.Excerpt), "its excerpt", out problem) is not { } excerpt)
        {
            report.Skip(describe, problem!);
            return null;
        }

        if (title.Length is 0 or > 500)
        {
            report.Skip(describe, title.Length == 0 ? "it has no title (Nejat CMS needs one)" : "its title is longer than 500 characters");
            return null;
        }

        plan.Title = title;
        var body = WordPressBody.Convert(content, new ItemContext(this, plan));
        foreach (var name in body.UnknownShortcodes)
        {
            report.UnknownShortcode(name, describe);
        }

        foreach (var url in body.UnresolvedLinks)
        {
            report.UnresolvedLink(url, describe);
        }

        if (body.Html.Length > cms.MaxBodyHtmlLength)
        {
            report.Skip(describe, $"its body is {body.Html.Length:N0} characters; Cms__MaxBodyHtmlLength allows {cms.MaxBodyHtmlLength:N0}");
            return null;
        }

        var (status, publishedAt) = StatusOf(item, describe);
        if (status != "draft" && publishedAt is null)
        {
            report.Skip(describe, $"it is {item.Status} but has no date");
            return null;
        }

        var tagIds = item.Terms.Where(t => t.Taxonomy == "category").Concat(item.Terms.Where(t => t.Taxonomy == "post_tag"))
            .Select(t => entry.Site.Terms.GetValueOrDefault((t.Taxonomy, t.Slug)))
            .Select(term => term is null ? null : _tags.GetValueOrDefault((entry.Site.Key, term.RefIn(entry.Edition!)))?.Id)
            .OfType<long>().Distinct().ToArray();
        if (tagIds.Length > MaxTagsPerPost)
        {
            report.Note($"{describe} has {tagIds.Length} categories and tags; the first {MaxTagsPerPost} are kept");
            tagIds = tagIds[..MaxTagsPerPost];
        }

        long? featured = null;
        if (item.MetaId("_thumbnail_id") is { } thumbnail)
        {
            featured = media.GetValueOrDefault((entry.Site.Key, $"post:{thumbnail.ToString(CultureInfo.InvariantCulture)}"))?.Id;
            if (featured is null && !options.DryRun)
            {
                report.Note($"{describe}: its featured image (attachment {thumbnail}) was not imported");
            }
        }

        if (item.Sticky)
        {
            report.Note("sticky posts imported as ordinary posts (Nejat CMS has no sticky flag)");
        }

        if (item.Comments > 0)
        {
            report.Note("comments are not imported (Nejat CMS has none)");
        }

        excerpt = excerpt.Length <= MaxExcerptLength ? excerpt : excerpt[..MaxExcerptLength];
        var author = _authors.GetValueOrDefault((entry.Site.Key, item.Creator));
        var hash = WordPressText.Hash(plan.Kind, entry.Edition, plan.Slug, status, publishedAt, title, excerpt, body.Html, author, tagIds, featured, plan.TranslationKey);
        var ledger = plan.Ledger;
        var change = ledger.Decide(hash, options.Overwrite);
        report.Status(plan.Kind, status);
        report.Of(plan.Kind + "s").Count(change);
        if (change == Change.Conflict)
        {
            report.Conflict(describe, "it was edited in Nejat CMS, and in WordPress too");
        }

        return change is Change.New or Change.Update
            ? new PostRow(entry.Site.Key, entry.Ref, ledger?.PostId, plan.Kind, entry.Edition!, plan.Slug, status, publishedAt, title, excerpt,
                body.Html, author, tagIds, featured, plan.TranslationKey, hash, ledger?.PostSlug, ledger?.PostStatus)
            : null;
    }

    /// <summary>
    /// WordPress's status in Nejat CMS: publish is published (scheduled while its date is ahead), future
    /// scheduled, trash trashed, the rest (draft, pending, private) draft; a password-protected post is a
    /// draft, since Nejat CMS would show it to everyone. Dates come from the GMT fields.
    /// </summary>
    private (string Status, DateTime? PublishedAt) StatusOf(WxrItem item, string describe)
    {
        var date = WordPressText.GmtDate(item.DateGmt) is { Year: > 1 } gmt ? gmt : (DateTime?)null;
        if (item.Password.Length > 0)
        {
            report.Note($"{describe}: password-protected in WordPress, imported as a draft");
            return ("draft", date);
        }

        // A post WordPress has not dated in GMT yet (its schedule was never saved) takes its local date.
        date ??= item.Status is "publish" or "future" ? WordPressText.GmtDate(item.Date) : null;
        return item.Status switch
        {
            "publish" => (date > DateTime.UtcNow ? "scheduled" : "published", date),
            "future" => ("scheduled", date),
            "trash" => ("trashed", date),
            _ => ("draft", date),
        };
    }

    private static async Task WriteRowAsync(NpgsqlBinaryImporter copy, PostRow row, CancellationToken ct)
    {
        await copy.StartRowAsync(ct);
        await copy.WriteAsync(row.Site, NpgsqlDbType.Text, ct);
        await copy.WriteAsync(row.Ref, NpgsqlDbType.Text, ct);
        await copy.WriteOrNullAsync(row.PostId, NpgsqlDbType.Bigint, ct);
        await copy.WriteAsync(row.Kind, NpgsqlDbType.Text, ct);
        await copy.WriteAsync(row.Edition, NpgsqlDbType.Text, ct);
        await copy.WriteAsync(row.Slug, NpgsqlDbType.Text, ct);
        await copy.WriteAsync(row.Status, NpgsqlDbType.Text, ct);
        await copy.WriteOrNullAsync(row.PublishedAt, NpgsqlDbType.TimestampTz, ct);
        await copy.WriteAsync(row.Title, NpgsqlDbType.Text, ct);
        await copy.WriteAsync(row.Excerpt, NpgsqlDbType.Text, ct);
        await copy.WriteAsync(row.BodyHtml, NpgsqlDbType.Text, ct);
        await copy.WriteOrNullAsync(row.Author, NpgsqlDbType.Text, ct);
        await copy.WriteAsync(row.TagIds, NpgsqlDbType.Array | NpgsqlDbType.Bigint, ct);
        await copy.WriteOrNullAsync(row.FeaturedMediaId, NpgsqlDbType.Bigint, ct);
        await copy.WriteOrNullAsync(row.TranslationKey, NpgsqlDbType.Text, ct);
        await copy.WriteAsync(row.SourceHash, NpgsqlDbType.Text, ct);
        await copy.WriteOrNullAsync(row.OldSlug, NpgsqlDbType.Text, ct);
        await copy.WriteOrNullAsync(row.OldStatus, NpgsqlDbType.Text, ct);
    }

    /// <summary>What a body needs from the import: where links lead, the post's attachments, its galleries.</summary>
    private sealed class ItemContext(WordPressContent run, PostPlan plan) : IBodyContext
    {
        private int _galleries;

        public (LinkOutcome Outcome, string Url) Link(string url)
        {
            var (outcome, _, rewritten) = run._links.Find(url, plan.Entry.Site);
            return (outcome, rewritten);
        }

        public IReadOnlyList<long> ChildAttachments() => plan.Entry.Site.Items.Values
            .Where(e => e.Imported && e.Item.Type == "attachment" && e.Item.Parent == plan.Entry.Item.Id)
            .OrderBy(e => e.Item.MenuOrder).ThenBy(e => e.Item.Id).Select(e => e.Item.Id).ToArray();

        public string? Gallery(IReadOnlyList<long> attachmentIds) => run.Gallery(plan, ++_galleries, attachmentIds);
    }
}
