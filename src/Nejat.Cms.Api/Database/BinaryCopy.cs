using Npgsql;
using NpgsqlTypes;

namespace Nejat.Cms.Api.Database;

/// <summary>Writing rows of a binary COPY (the imports stream their posts so).</summary>
internal static class BinaryCopy
{
    /// <summary>Writes the value, or NULL when there is none.</summary>
    public static Task WriteOrNullAsync<T>(this NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken ct) =>
        value is null ? copy.WriteNullAsync(ct) : copy.WriteAsync(value, type, ct);
}
