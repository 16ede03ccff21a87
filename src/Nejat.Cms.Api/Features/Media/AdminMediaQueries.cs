using Dapper;
using Npgsql;

namespace Nejat.Cms.Api.Features.Media;

/// <summary>Media as editors see it: rows with every edition's texts.</summary>
internal static class AdminMediaQueries
{
    private const string ByIdSql = $"SELECT {MediaRow.Columns} FROM media m WHERE m.id = @Id";

    private const string TextsSql = "SELECT media_id, edition, title, alt, caption FROM media_translations WHERE media_id = ANY(@Ids) ORDER BY media_id, edition";

    public static async Task<AdminMedia?> GetAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, long id, CancellationToken ct, bool forUpdate = false)
    {
        var row = await conn.QuerySingleOrDefaultAsync<MediaRow>(new CommandDefinition(
            forUpdate ? ByIdSql + " FOR UPDATE" : ByIdSql, new { Id = id }, tx, cancellationToken: ct));
        return row is null ? null : (await WithTextsAsync(conn, tx, [row], ct))[0];
    }

    /// <summary>The rows as editors see them, every edition's texts read in one query.</summary>
    public static async Task<AdminMedia[]> WithTextsAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, IReadOnlyList<MediaRow> rows, CancellationToken ct)
    {
        var texts = (await conn.QueryAsync<MediaTextRow>(new CommandDefinition(
                TextsSql, new { Ids = rows.Select(r => r.Id).ToArray() }, tx, cancellationToken: ct)))
            .ToLookup(t => t.MediaId);
        return rows.Select(row => row.ToAdmin(texts[row.Id].ToDictionary(t => t.Edition, t => t.ToText(), StringComparer.Ordinal))).ToArray();
    }
}
