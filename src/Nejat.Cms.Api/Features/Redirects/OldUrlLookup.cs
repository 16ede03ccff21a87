using System.ComponentModel;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Nejat.Cms.Api.Hosting;
using Npgsql;

namespace Nejat.Cms.Api.Features.Redirects;

/// <summary>The query parameter of an old-URL lookup, bound with [AsParameters].</summary>
public sealed record OldUrlQuery(
    [property: FromQuery(Name = "url"), Description("The old URL: absolute (http://www.example.org/2024/03/slug/) or a path with its query (/?p=12). Percent-encoded or not.")] string? Url)
{
    /// <summary>The URL as old_urls keys it, or the 400 naming what is wrong with it.</summary>
    internal ValidationProblem? Invalid(out OldUrl old)
    {
        old = default;
        if (string.IsNullOrWhiteSpace(Url))
        {
            return OldUrlLookup.Invalid("url is required: the old site's URL or path, e.g. /2024/03/houses-in-herat/.");
        }

        if (OldUrls.Parse(Url.Trim()) is not { } parsed)
        {
            return OldUrlLookup.Invalid($"url must be an absolute http(s) URL or a path starting with a single /, at most {OldUrls.MaxLength} characters.");
        }

        old = parsed;
        return null;
    }
}

/// <summary>Where an old URL of an imported WordPress site leads now, from old_urls (written by import-wordpress).</summary>
internal sealed class OldUrlLookup(NpgsqlDataSource db, IOptions<CmsOptions> options)
{
    public async Task<Results<MovedTo, ProblemHttpResult, ValidationProblem>> FindAsync(OldUrl old, string asked, CancellationToken ct)
    {
        var candidates = OldUrls.Candidates(old.Path);
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = (await conn.QueryAsync<OldUrlRow>(new CommandDefinition(OldUrlQueries.LookupSql, new { Paths = candidates, old.Host }, cancellationToken: ct)))
            .Where(r => r.IsPublic)
            .ToArray();
        // The best spelling found; without a host, the same path of two old sites must lead to one place.
        var best = candidates.Select(path => rows.Where(r => r.Path == path).ToArray()).FirstOrDefault(found => found.Length > 0);
        if (best is null)
        {
            return TypedResults.Problem($"No imported page, post, archive or file had the URL '{Echo(asked)}', or it is not published.",
                statusCode: StatusCodes.Status404NotFound, title: "Old URL not found");
        }

        var targets = best.Select(row => row.ToTarget(options.Value)).Distinct().ToArray();
        if (targets.Length > 1)
        {
            return Invalid($"The path was on several old sites ({string.Join(", ", best.Select(r => r.Host).Order(StringComparer.Ordinal))}), which lead to different places; give the whole URL with its host.");
        }

        return new MovedTo(targets[0]);
    }

    public static ValidationProblem Invalid(string problem) => Problems.InvalidQuery(new() { ["url"] = [problem] })!;

    private static string Echo(string value) => value.Length <= 200 ? value : value[..200] + "…";
}

internal static class RedirectsFeature
{
    public static IServiceCollection AddRedirects(this IServiceCollection services) => services.AddSingleton<OldUrlLookup>();
}
