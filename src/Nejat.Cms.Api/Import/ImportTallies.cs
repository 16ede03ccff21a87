using Nejat.Cms.Api.Hosting;

namespace Nejat.Cms.Api.Import;

/// <summary>What an import read from its file and what it wrote, kind by kind.</summary>
internal static partial class ImportCommand
{
    /// <summary>What was read: the small kinds in full, posts only as counts (they went to COPY).</summary>
    internal sealed class StagedFile
    {
        private readonly Dictionary<string, int> _keys = new(StringComparer.Ordinal);

        public List<EditionLine> Editions { get; } = [];
        public List<AuthorLine> Authors { get; } = [];
        public List<TagLine> Tags { get; } = [];
        public List<PageLine> Pages { get; } = [];
        public List<SettingsLine> Settings { get; } = [];
        public List<NavigationLine> Menus { get; } = [];
        public List<MediaLine> Media { get; } = [];
        public List<GalleryLine> Galleries { get; } = [];
        public int PostLines { get; set; }
        public int FutureMadeScheduled { get; set; }

        // what: the kind and natural key, e.g. "tag fa/حقوق-بشر", which must be unique within the file.
        public void Add<T>(List<T> list, T line, int lineNumber, string what)
        {
            Unique(_keys, what, lineNumber, what);
            list.Add(line);
        }

        public object SmallKindsParameters() => new
        {
            EditionLines = Editions.Select(e => e.Line).ToArray(),
            EditionCodes = Editions.Select(e => e.Code).ToArray(),
            EditionNames = Editions.Select(e => e.Name).ToArray(),
            EditionDirections = Editions.Select(e => e.Direction).ToArray(),
            EditionLocales = Editions.Select(e => e.Locale).ToArray(),
            EditionTimeZones = Editions.Select(e => e.TimeZone).ToArray(),
            AuthorLines = Authors.Select(a => a.Line).ToArray(),
            AuthorSlugs = Authors.Select(a => a.Slug).ToArray(),
            AuthorNames = Authors.Select(a => a.Name).ToArray(),
            TagLines = Tags.Select(t => t.Line).ToArray(),
            TagEditions = Tags.Select(t => t.Edition).ToArray(),
            TagSlugs = Tags.Select(t => t.Slug).ToArray(),
            TagNames = Tags.Select(t => t.Name).ToArray(),
        };
    }

    internal sealed class ImportCounts(StagedFile file)
    {
        public (long Inserted, long Updated) Editions { get; set; }
        public (long Inserted, long Updated) Authors { get; set; }
        public (long Inserted, long Updated) Tags { get; set; }
        public (long Inserted, long Updated) Posts { get; set; }
        public (long Inserted, long Updated) Pages { get; set; }
        public (long Inserted, long Updated) Media { get; set; }
        public (long Inserted, long Updated) Galleries { get; set; }
        /// <summary>Settings and menus changed (each replaces the edition's whole document).</summary>
        public int Documents { get; set; }

        public IEnumerable<string> Describe()
        {
            yield return Line("editions", file.Editions.Count, Editions);
            yield return Line("authors", file.Authors.Count, Authors);
            yield return Line("tags", file.Tags.Count, Tags);
            yield return Line("posts", file.PostLines, Posts);
            yield return Line("pages", file.Pages.Count, Pages);
            yield return Line("media", file.Media.Count, Media);
            yield return Line("galleries", file.Galleries.Count, Galleries);
            yield return $"settings and menus: {file.Settings.Count + file.Menus.Count:N0} lines, {Documents:N0} changed";
            if (file.FutureMadeScheduled > 0)
            {
                yield return $"{file.FutureMadeScheduled:N0} post(s) marked published but dated in the future were stored as scheduled.";
            }
        }

        public void Record(CmsMetrics metrics)
        {
            foreach (var (kind, result) in new[] { ("edition", Editions), ("author", Authors), ("tag", Tags), ("post", Posts), ("page", Pages), ("media", Media), ("gallery", Galleries) })
            {
                metrics.Imported("jsonl", kind, result.Inserted + result.Updated);
            }

            metrics.Imported("jsonl", "document", Documents);
        }

        private static string Line(string kind, int lines, (long Inserted, long Updated) result) =>
            $"{kind,-9} {lines,8:N0} lines: {result.Inserted:N0} new, {result.Updated:N0} changed, {lines - result.Inserted - result.Updated:N0} unchanged";
    }
}
