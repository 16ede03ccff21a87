using Dapper;
using Npgsql;

namespace Nejat.Cms.Api.Features.Editions;

/// <summary>An edition's language (its locale, BCP 47) and script direction, for lang and dir attributes.</summary>
internal sealed record EditionLanguage(string Language, string Direction)
{
    public static Task<EditionLanguage?> ReadAsync(NpgsqlConnection conn, string edition, CancellationToken ct) =>
        conn.QuerySingleOrDefaultAsync<EditionLanguage>(new CommandDefinition(
            "SELECT locale AS language, direction FROM editions WHERE code = @Edition", new { Edition = edition }, cancellationToken: ct));
}
