using Dapper;
using Npgsql;

namespace Nejat.Cms.Api.Import.WordPress;

/// <summary>A ledger row (wordpress_items) with the current state of what it names.</summary>
internal sealed record LedgerRow
{
    public string Site { get; init; } = "";
    public string Ref { get; init; } = "";
    public long? PostId { get; init; }
    public long? TagId { get; init; }
    public long? MediaId { get; init; }
    public long? GalleryId { get; init; }
    public string? Edition { get; init; }
    public string SourceHash { get; init; } = "";
    public string? Fingerprint { get; init; }
    public int? Version { get; init; }
    public string? PostSlug { get; init; }
    public string? PostStatus { get; init; }
    public string? CurrentFingerprint { get; init; }
    public int? CurrentVersion { get; init; }
    public string? TagSlug { get; init; }
    public string? GallerySlug { get; init; }

    /// <summary>What the row named was deleted in Nejat CMS (menus name an edition's document, which is never deleted).</summary>
    public bool TargetGone => !Ref.StartsWith("menu:", StringComparison.Ordinal) && PostId is null && TagId is null && MediaId is null && GalleryId is null;

    /// <summary>Someone changed it in Nejat CMS since the import wrote it: the content (posts) or the version (the rest) moved.</summary>
    public bool EditedSince => PostId is not null ? CurrentFingerprint != Fingerprint : CurrentVersion != Version;
}

/// <summary>What an import does with something it wrote before (or not).</summary>
internal enum Change
{
    /// <summary>Not in the ledger (or deleted in Nejat CMS, and --overwrite brings it back): written anew.</summary>
    New,

    /// <summary>WordPress changed it and Nejat CMS did not (or --overwrite): written over.</summary>
    Update,

    /// <summary>WordPress did not change it: left as it is, an editor's changes included.</summary>
    Unchanged,

    /// <summary>Both changed it: left as it is and reported.</summary>
    Conflict,

    /// <summary>Deleted in Nejat CMS since: left deleted and reported.</summary>
    Deleted,
}

/// <summary>Reading and keeping the ledger: what an import does with each thing, and what it wrote.</summary>
internal static class WordPressLedger
{
    /// <summary>The change for something WordPress now describes with <paramref name="sourceHash"/>, given its ledger row.</summary>
    public static Change Decide(this LedgerRow? row, string sourceHash, bool overwrite) =>
        row is null ? Change.New
        : row.TargetGone ? (overwrite ? Change.New : Change.Deleted)
        : row.EditedSince ? (overwrite ? Change.Update : row.SourceHash == sourceHash ? Change.Unchanged : Change.Conflict)
        : row.SourceHash == sourceHash ? Change.Unchanged : Change.Update;

    public static Task SaveAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IEnumerable<LedgerRow> rows, CancellationToken ct)
    {
        var list = rows.ToArray();
        return list.Length == 0 ? Task.CompletedTask : conn.ExecuteAsync(new CommandDefinition(WordPressSql.SaveLedger, new
        {
            Sites = list.Select(r => r.Site).ToArray(),
            Refs = list.Select(r => r.Ref).ToArray(),
            PostIds = list.Select(r => r.PostId).ToArray(),
            TagIds = list.Select(r => r.TagId).ToArray(),
            MediaIds = list.Select(r => r.MediaId).ToArray(),
            GalleryIds = list.Select(r => r.GalleryId).ToArray(),
            Editions = list.Select(r => r.Edition).ToArray(),
            Hashes = list.Select(r => r.SourceHash).ToArray(),
            Fingerprints = list.Select(r => r.Fingerprint).ToArray(),
            Versions = list.Select(r => r.Version).ToArray(),
        }, tx, cancellationToken: ct));
    }

    /// <summary>Counts a change in the report's tally (an existing tag adopted counts there separately).</summary>
    public static void Count(this Tally tally, Change change)
    {
        switch (change)
        {
            case Change.New: tally.New++; break;
            case Change.Update: tally.Changed++; break;
            case Change.Unchanged or Change.Conflict: tally.Unchanged++; break;
        }
    }
}
