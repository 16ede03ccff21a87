using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;

namespace Nejat.Cms.Api.Hosting;

/// <summary>What a request body bound as <see cref="Body{T}"/> knows: the problem that refuses it, if any.</summary>
internal interface IBody
{
    ValidationProblem? Problem { get; }
}

/// <summary>
/// A JSON request body as a handler parameter: read and checked while the request is bound (the
/// strict rules of <see cref="JsonBody"/>: types, unknown and repeated properties, refused text, cut-off
/// bodies), so a handler only ever sees a valid one — an invalid one is answered 400 naming the field
/// before the handler runs (<see cref="Bodies.RefuseInvalidBodies"/>). It describes itself to OpenAPI.
/// A <c>Body&lt;JsonObject&gt;</c> is a JSON Merge Patch (RFC 7396). A nullable one may be left out.
/// </summary>
internal sealed class Body<T> : IBody, IEndpointParameterMetadataProvider where T : class
{
    private readonly T? _value;

    private Body(T? value, ValidationProblem? problem)
    {
        _value = value;
        Problem = problem;
    }

    /// <summary>The body; only read by handlers, which run when it is valid.</summary>
    public T Value => _value ?? throw new InvalidOperationException("An invalid body reached a handler.");

    public ValidationProblem? Problem { get; }

    private static bool IsMergePatch => typeof(T) == typeof(JsonObject);

    public static async ValueTask<Body<T>?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        var request = context.Request;
        if (IsOptional(parameter) && request.ContentLength is null or 0 && request.Headers.TransferEncoding.Count == 0)
        {
            return null;
        }

        var (value, problem) = await JsonBody.ReadAsync<T>(request, context.RequestAborted, IsMergePatch ? "application/merge-patch+json" : null);
        return new Body<T>(value, problem);
    }

    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder) =>
        builder.Metadata.Add(new AcceptsMetadata(
            IsMergePatch ? ["application/merge-patch+json", "application/json"] : ["application/json"], typeof(T), IsOptional(parameter)));

    private static bool IsOptional(ParameterInfo parameter) =>
        new NullabilityInfoContext().Create(parameter).ReadState == NullabilityState.Nullable;
}

internal static class Bodies
{
    /// <summary>Answers a request whose <see cref="Body{T}"/> is invalid with its 400, before the handler.</summary>
    public static RouteGroupBuilder RefuseInvalidBodies(this RouteGroupBuilder group)
    {
        group.AddEndpointFilterFactory((context, next) =>
        {
            var bodies = context.MethodInfo.GetParameters()
                .Select((parameter, index) => (parameter, index))
                .Where(p => p.parameter.ParameterType.IsAssignableTo(typeof(IBody)))
                .Select(p => p.index)
                .ToArray();
            return bodies.Length == 0
                ? next
                : invocation => bodies.Select(i => invocation.Arguments[i]).OfType<IBody>().FirstOrDefault(b => b.Problem is not null) is { Problem: { } problem }
                    ? ValueTask.FromResult<object?>(problem)
                    : next(invocation);
        });
        return group;
    }
}
