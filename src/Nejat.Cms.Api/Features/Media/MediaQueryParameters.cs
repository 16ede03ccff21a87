using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Nejat.Cms.Api.Hosting;

namespace Nejat.Cms.Api.Features.Media;

/// <summary>The collection and kind filters of the media lists (public and admin), bound with [AsParameters].</summary>
internal sealed record MediaFilter(
    [property: FromQuery(Name = "collection"), Description("Only media of this collection, e.g. `photo-gallery`.")] string? Collection,
    [property: FromQuery(Name = "kind"), Description("Only media of this kind: image, video, audio or document.")] string? Kind)
{
    /// <summary>The collection's slug, trimmed; null when blank.</summary>
    public string? CollectionSlug => MediaDescriptions.Blank(Collection);

    public string? KindName => MediaDescriptions.Blank(Kind);

    /// <summary>The page asked for, or the 400 naming each bad parameter: page, perPage and kind.</summary>
    public ValidationProblem? Invalid(PageQuery paging, CmsOptions options, out PageRequest page)
    {
        var errors = new Dictionary<string, string[]>();
        page = PageRequest.Read(paging.Page, paging.PerPage, options, errors);
        if (Kind is { Length: > 0 } && !MediaKinds.All.Contains(Kind, StringComparer.Ordinal))
        {
            errors["kind"] = [$"kind must be one of {string.Join(", ", MediaKinds.All)}; got '{Kind}'."];
        }

        return Problems.InvalidQuery(errors);
    }
}

/// <summary>The edition whose texts the public media routes give, bound with [AsParameters].</summary>
internal sealed record MediaTextEdition(
    [property: FromQuery(Name = "edition"), Description("Edition code whose texts to give, e.g. `fa`. Default: the default edition.")] string? Edition)
{
    /// <summary>The edition's code, trimmed; null (the default edition's texts) when blank.</summary>
    public string? Code => MediaDescriptions.Blank(Edition);

    /// <summary>The 404 of an edition that does not exist, from the editions <see cref="ContentVersions"/> holds (no query).</summary>
    public ProblemHttpResult? Unknown(ContentVersions editions) =>
        Code is { } code && (code == ContentVersions.GlobalScope || editions.Of(code) is null) ? Problems.EditionNotFound(code) : null;
}
