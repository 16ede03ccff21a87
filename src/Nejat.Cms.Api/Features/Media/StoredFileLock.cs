using System.Globalization;

namespace Nejat.Cms.Api.Features.Media;

/// <summary>
/// The lock that keeps a stored file and the rows naming it consistent. An upload holds it shared
/// from placing its file until its row commits; the sweeper takes it exclusively before deleting a
/// file, so it never deletes a file whose row is about to appear.
/// </summary>
internal static class StoredFileLock
{
    // The advisory-lock key space of stored files (the ASCII of "medi"); the second key is the hash's first 32 bits.
    private const int Space = 1835361385;

    public const string SharedSql = "SELECT pg_advisory_xact_lock_shared(@Space, @Key)";
    public const string TryExclusiveSql = "SELECT pg_try_advisory_xact_lock(@Space, @Key)";

    public static object Parameters(string sha256) =>
        new { Space, Key = unchecked((int)uint.Parse(sha256.AsSpan(0, 8), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture)) };
}
