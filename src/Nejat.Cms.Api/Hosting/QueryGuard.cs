using System.Collections.Frozen;
using System.Reflection;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Nejat.Cms.Api.Text;

namespace Nejat.Cms.Api.Hosting;

/// <summary>
/// Refuses, before the output cache or any handler sees the request, what no route of this API can
/// mean: a path or query value that <see cref="TextRules"/> refuses (a NUL, a control character …),
/// a query parameter given twice (none is multi-valued; the framework would silently join the values
/// with commas), and a query parameter the route does not take. The last one is refused rather than
/// ignored: a misspelt parameter (WordPress's per_page for perPage) would otherwise be silently dropped,
/// and a made-up one (?nocache=123) would make every request a cache miss.
/// </summary>
internal static class QueryGuard
{
    public static IApplicationBuilder UseQueryGuard(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (Problem(context) is not { } bad)
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

    private static (string Field, string Message)? Problem(HttpContext context)
    {
        if (context.Request.Path.Value is { } path && TextRules.Problem(path) is { } pathProblem)
        {
            return ("path", $"The path {pathProblem}.");
        }

        var accepted = AcceptedBy(context);
        foreach (var (name, values) in context.Request.Query)
        {
            if (values.Count > 1)
            {
                return (name, $"'{name}' is given more than once.");
            }

            if (TextRules.Problem(name) is { } nameProblem)
            {
                return ("query", $"A query parameter's name {nameProblem}.");
            }

            if (values.FirstOrDefault() is { } value && TextRules.Problem(value) is { } valueProblem)
            {
                return (name, $"'{name}' {valueProblem}.");
            }

            if (accepted is not null && !accepted.Contains(name))
            {
                return (name, accepted.Count == 0
                    ? $"'{name}' is not a parameter of this route, which takes no query parameters."
                    : $"'{name}' is not a parameter of this route; it takes {string.Join(", ", accepted.Order(StringComparer.Ordinal))}.");
            }
        }

        return null;
    }

    /// <summary>The query parameters the request's route takes, or null for a request no documented route serves.</summary>
    private static FrozenSet<string>? AcceptedBy(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<MethodInfo>() is { } handler
        && Parameters(context.RequestServices).TryGetValue(handler, out var accepted)
            ? accepted
            : null;

    private static FrozenDictionary<MethodInfo, FrozenSet<string>>? s_parameters;

    /// <summary>
    /// Every handler's query parameters, as API Explorer (and so the OpenAPI document) describes them;
    /// the same handler serves posts and pages with the same parameters.
    /// </summary>
    private static FrozenDictionary<MethodInfo, FrozenSet<string>> Parameters(IServiceProvider services) =>
        s_parameters ??= services.GetRequiredService<IApiDescriptionGroupCollectionProvider>().ApiDescriptionGroups.Items
            .SelectMany(group => group.Items)
            .Select(api => (Handler: api.ActionDescriptor.EndpointMetadata.OfType<MethodInfo>().FirstOrDefault(), api))
            .Where(d => d.Handler is not null)
            .GroupBy(d => d.Handler!)
            .ToFrozenDictionary(g => g.Key, g => g.SelectMany(d => d.api.ParameterDescriptions)
                .Where(p => p.Source == BindingSource.Query)
                .Select(p => p.Name)
                .ToFrozenSet(StringComparer.OrdinalIgnoreCase));
}
