using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Nejat.Cms.Api.Hosting;

/// <summary>
/// Writes every problem as application/problem+json, whatever the request's Accept header says: the
/// framework's own writer stays silent for a client that accepts only text/html or XML, which left a
/// 404, 405 or 401 with an empty body. A client that cannot read JSON still gets the status.
/// </summary>
internal sealed class ProblemJsonWriter(IOptions<ProblemDetailsOptions> options, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    : IProblemDetailsWriter
{
    public static IServiceCollection AddTo(IServiceCollection services)
    {
        // Registered before AddProblemDetails adds the default writer, so this one is asked first.
        services.AddSingleton<IProblemDetailsWriter, ProblemJsonWriter>();
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            // Status-code pages (no route, no such method) carry no detail of their own.
            var response = context.HttpContext.Response;
            context.ProblemDetails.Detail ??= response.StatusCode switch
            {
                StatusCodes.Status404NotFound => "Nothing is served at this path. GET /openapi/v1.json describes every route.",
                StatusCodes.Status405MethodNotAllowed => $"This path does not answer {context.HttpContext.Request.Method}; it answers {response.Headers.Allow}.",
                _ => null,
            };
        });
        return services;
    }

    /// <summary>A problem answered outside a handler (by an authentication scheme, say): its status, title and detail.</summary>
    public static Task WriteProblemAsync(HttpContext http, int status, string title, string detail)
    {
        http.Response.StatusCode = status;
        return http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }

    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var problem = context.ProblemDetails;
        problem.Status ??= http.Response.StatusCode;
        var defaults = TypedResults.Problem(statusCode: problem.Status).ProblemDetails;
        problem.Type ??= defaults.Type;
        problem.Title ??= defaults.Title;
        problem.Extensions.TryAdd("traceId", Activity.Current?.Id ?? http.TraceIdentifier);
        options.Value.CustomizeProblemDetails?.Invoke(context);
        return new ValueTask(http.Response.WriteAsJsonAsync(
            problem, problem.GetType(), json.Value.SerializerOptions, "application/problem+json", http.RequestAborted));
    }
}
