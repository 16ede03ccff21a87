using System.Globalization;
using Nejat.Cms.Api.Hosting;

namespace Nejat.Cms.Api.Import.WordPress;

/// <summary>How many of one kind were new, changed, unchanged, or found already there (an author, a tag of the same slug).</summary>
internal sealed class Tally
{
    public int New { get; set; }
    public int Changed { get; set; }
    public int Unchanged { get; set; }
    public int Existing { get; set; }

    public int Total => New + Changed + Unchanged + Existing;
}

/// <summary>
/// What an import did and what it could not do, printed at the end: counts per kind and status,
/// media stored, fetched, reused and missing, unknown shortcodes, links that lead nowhere known,
/// untranslated items, items an editor changed since the last import, and everything skipped with why.
/// </summary>
internal sealed class WordPressReport
{
    private const int Listed = 20;

    // Media are imported a few at a time, and each reports as it finishes.
    private readonly Lock _lock = new();

    private readonly Dictionary<string, Tally> _tallies = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, int> _statuses = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, int> _media = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, (int Count, string First)> _unknownShortcodes = new(StringComparer.Ordinal);
    private readonly List<string> _unresolvedLinks = [];
    private readonly HashSet<string> _unresolvedSeen = new(StringComparer.Ordinal);
    private readonly List<string> _untranslated = [];
    private readonly List<string> _conflicts = [];
    private readonly List<string> _skipped = [];
    private readonly SortedDictionary<string, int> _notes = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, int> _ignored = new(StringComparer.Ordinal);

    /// <summary>Anything skipped or left unchanged because an editor changed it: the exit code is then 1 unless --allow-skips.</summary>
    public bool HasSkips => _skipped.Count + _conflicts.Count > 0;

    /// <summary>Counts what was written, per kind, in the service's import metric.</summary>
    public void Record(CmsMetrics metrics)
    {
        foreach (var (kind, tally) in _tallies)
        {
            metrics.Imported("wordpress", kind, tally.New + tally.Changed);
        }
    }

    public Tally Of(string kind) => _tallies.TryGetValue(kind, out var tally) ? tally : _tallies[kind] = new Tally();

    public void Status(string kind, string status) => Count(_statuses, $"{kind} {status}");

    public void Media(string outcome) => Count(_media, outcome);

    public void UnknownShortcode(string name, string item) =>
        _unknownShortcodes[name] = _unknownShortcodes.TryGetValue(name, out var seen) ? (seen.Count + 1, seen.First) : (1, item);

    public void UnresolvedLink(string url, string item)
    {
        if (_unresolvedSeen.Add(url))
        {
            _unresolvedLinks.Add($"{url} (in {item})");
        }
    }

    public void Untranslated(string item) => _untranslated.Add(item);

    public void Conflict(string item, string why)
    {
        lock (_lock)
        {
            _conflicts.Add($"{item}: {why}");
        }
    }

    public void Skip(string item, string why)
    {
        lock (_lock)
        {
            _skipped.Add($"{item}: {why}");
        }
    }

    public void Note(string note) => Count(_notes, note);

    public void Ignore(string what) => Count(_ignored, what);

    public int UnresolvedLinks => _unresolvedSeen.Count;

    public int UnknownShortcodes => _unknownShortcodes.Values.Sum(s => s.Count);

    public IEnumerable<string> Lines(TimeSpan elapsed, bool dryRun)
    {
        yield return dryRun
            ? $"Dry run in {Seconds(elapsed)}: nothing was written. An import would do this:"
            : $"Imported in {Seconds(elapsed)}:";
        foreach (var kind in new[] { "posts", "pages", "tags", "authors", "galleries", "navigation", "old URLs" })
        {
            if (_tallies.TryGetValue(kind, out var tally) && tally.Total > 0)
            {
                var prefix = kind[..^1] + " ";
                var statuses = string.Join(", ", _statuses.Where(s => s.Key.StartsWith(prefix, StringComparison.Ordinal))
                    .Select(s => $"{s.Key[prefix.Length..]} {s.Value:N0}"));
                yield return $"  {kind,-11}{tally.Total,7:N0}: {tally.New:N0} new, {tally.Changed:N0} changed, {tally.Unchanged:N0} unchanged"
                    + (tally.Existing > 0 ? $", {tally.Existing:N0} already there" : "")
                    + (statuses.Length > 0 ? $" ({statuses})" : "");
            }
        }

        if (_media.Count > 0)
        {
            yield return $"  {"media",-11}{_media.Values.Sum(),7:N0}: {string.Join(", ", _media.Select(m => $"{m.Value:N0} {m.Key}"))}";
        }

        foreach (var line in Section("Unknown shortcodes, kept as text:",
                     _unknownShortcodes.Select(s => $"[{s.Key}] {s.Value.Count:N0}× (first in {s.Value.First})").ToList()))
        {
            yield return line;
        }

        foreach (var line in Section("Links to the old site that lead nowhere known, kept as written:", _unresolvedLinks))
        {
            yield return line;
        }

        foreach (var line in Section("Posts and pages with no translation group, left unlinked:", _untranslated))
        {
            yield return line;
        }

        foreach (var line in Section("Changed in Nejat CMS since the last import, left as they are (--overwrite replaces them):", _conflicts))
        {
            yield return line;
        }

        foreach (var line in Section("Skipped:", _skipped))
        {
            yield return line;
        }

        foreach (var line in Section("Notes:", _notes.Select(n => n.Value > 1 ? $"{n.Key} ({n.Value:N0}×)" : n.Key).ToList()))
        {
            yield return line;
        }

        foreach (var line in Section("Left out:", _ignored.Select(n => $"{n.Value:N0} {n.Key}").ToList()))
        {
            yield return line;
        }
    }

    private static IEnumerable<string> Section(string title, List<string> lines)
    {
        if (lines.Count == 0)
        {
            yield break;
        }

        yield return $"{title} {lines.Count:N0}";
        foreach (var line in lines.Take(Listed))
        {
            yield return "  " + line;
        }

        if (lines.Count > Listed)
        {
            yield return $"  … and {lines.Count - Listed:N0} more";
        }
    }

    private void Count(SortedDictionary<string, int> counts, string key)
    {
        lock (_lock)
        {
            counts[key] = counts.TryGetValue(key, out var n) ? n + 1 : 1;
        }
    }

    private static string Seconds(TimeSpan elapsed) => $"{elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s";
}
