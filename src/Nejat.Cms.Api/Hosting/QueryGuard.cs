namespace Nejat.Cms.Api.Hosting;

/// <summary>
/// Refuses, before any handler runs, what no parameter of this API can mean: a NUL character
/// (PostgreSQL text cannot hold one) and a query parameter given twice (none is multi-valued;
/// the framework would silently join the values with commas).
/// </summary>
internal static class QueryGuard
{
    public static IApplicationBuilder UseQueryGuard(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var problem =
            context.Request.Path.Value?.Contains('\0', StringComparison.Ordinal) == true ? ("path", "The path contains a NUL character.")
            : context.Request.Query.FirstOrDefault(q => q.Value.Count > 1).Key is { } repeated ? (repeated, $"'{repeated}' is given more than once.")
            : context.Request.Query.FirstOrDefault(q => q.Value.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true)).Key is { } withNul
                ? (withNul, $"'{withNul}' contains a NUL character.")
            : ((string Field, string Message)?)null;
        if (problem is not { } bad)
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [bad.Field] = [bad.Message] })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "Invalid request",
                Detail = bad.Message,
            },
        });
    });
}
