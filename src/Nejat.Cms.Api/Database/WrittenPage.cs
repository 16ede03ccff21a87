using System.Globalization;

namespace Nejat.Cms.Api.Database;

/// <summary>
/// A page's size written into a statement instead of sent as a parameter. PostgreSQL prices a generic
/// plan's <c>LIMIT $n</c> as a tenth of the rows, so a statement with its limit as a parameter is
/// planned again on every execution (the posts list: 1.4 ms of planning for 1.4 ms of execution on
/// 100,000 posts); with the number written in, its cached generic plan costs what a custom one does and
/// is used from the sixth execution on.
/// </summary>
/// <remarks>
/// Only numbers from a small set are written in: the size (at most the largest page, or the change
/// feed's 1,001) and, for a first page, the absence of an offset. A deeper page sends its offset as
/// @Offset and is planned as before. Each text is a statement of its own, which Dapper builds its
/// readers for and Npgsql and PostgreSQL parse and plan: with every offset written in, a client walking
/// page numbers was answered two to three times as slowly (tests/Nejat.Cms.Bench/README.md).
/// </remarks>
internal static class WrittenPage
{
    /// <summary>
    /// The statement with "@Limit" replaced by <paramref name="limit"/>, and " OFFSET @Offset" removed
    /// when <paramref name="offset"/> is 0 (else the caller sends Offset as a parameter).
    /// </summary>
    public static string WithPageWrittenIn(this string statement, int limit, int offset) =>
        (offset > 0 ? statement : statement.Replace(" OFFSET @Offset", "", StringComparison.Ordinal))
            .Replace("@Limit", Number(limit), StringComparison.Ordinal);

    /// <summary>An integer as SQL text.</summary>
    public static string Number(long n) => n.ToString(CultureInfo.InvariantCulture);
}
