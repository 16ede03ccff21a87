namespace Nejat.Cms.Api.Hosting;

/// <summary>
/// Routes with an {edition} answer 404 for an unknown one before their handler runs, from the
/// editions <see cref="ContentVersions"/> already holds: no handler asks the database whether an
/// edition exists.
/// </summary>
internal static class KnownEditions
{
    public static RouteGroupBuilder RequireKnownEdition(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (context, next) =>
            context.HttpContext.GetRouteValue("edition") is string edition
            && (edition == ContentVersions.GlobalScope || context.HttpContext.RequestServices.GetRequiredService<ContentVersions>().Of(edition) is null)
                ? Problems.EditionNotFound(edition)
                : await next(context));
        return group;
    }
}
