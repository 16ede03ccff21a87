using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Nejat.Cms.Api.Hosting;

/// <summary>
/// What a client must know beyond bodies, declared where it applies: who may call an operation, the
/// cache and version headers (ETag, If-None-Match, If-Match, Cache-Control …), Retry-After on 429
/// and 503, and an example of the main operations' answers.
/// </summary>
internal static class OpenApiHttp
{
    public const string BearerScheme = "apiKey";

    /// <summary>The session cookie's scheme, in the document and as the authentication scheme of routes that take only a session.</summary>
    public const string SessionScheme = "session";

    /// <summary>An example of an operation's JSON answer (200 or 201), shown in Swagger UI; the linters check it against the schema.</summary>
    internal sealed record ResponseExample(string Json);

    /// <summary>An example of an operation's JSON request body.</summary>
    internal sealed record RequestExample(string Json);

    /// <summary>What a merge patch with no PUT beside it changes: the patch is described from this type's members.</summary>
    internal sealed record MergePatchOf(Type Type);

    public static RouteHandlerBuilder WithMergePatchOf<T>(this RouteHandlerBuilder route) => route.WithMetadata(new MergePatchOf(typeof(T)));

    public static RouteHandlerBuilder WithResponseExample(this RouteHandlerBuilder route, string json) => route.WithMetadata(new ResponseExample(json));

    public static RouteHandlerBuilder WithRequestExample(this RouteHandlerBuilder route, string json) => route.WithMetadata(new RequestExample(json));

    /// <summary>The header that carries a session's CSRF token on writes (checked by the session's authentication).</summary>
    public const string CsrfHeader = "X-CSRF-Token";

    /// <summary>The name of the session cookie.</summary>
    public const string SessionCookie = "nejat_session";

    private static OpenApiSecurityRequirement Requirement(string scheme, OpenApiDocument? document) => new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };

    private static OpenApiSchema Text() => new() { Type = JsonSchemaType.String };

    private static OpenApiHeader Header(string description, OpenApiSchema? schema = null) => new() { Description = description, Schema = schema ?? Text() };

    private static OpenApiParameter HeaderParameter(string name, string description, bool required = false) =>
        new() { Name = name, In = ParameterLocation.Header, Description = description, Required = required, Schema = Text() };

    internal sealed class OperationFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
            // Public operations say that they need nothing; admin ones take a key or a session, the session's own ones a session.
            var authorization = metadata.OfType<IAuthorizeData>().ToArray();
            operation.Security = authorization.Length == 0 ? []
                : authorization.Any(a => a.AuthenticationSchemes == SessionScheme) ? [Requirement(SessionScheme, context.Document)]
                : [Requirement(BearerScheme, context.Document), Requirement(SessionScheme, context.Document)];
            if (authorization.Length > 0 && context.ApiDescription.HttpMethod is not ("GET" or "HEAD"))
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(HeaderParameter(CsrfHeader, "With the session cookie: the session's csrfToken (GET /v1/auth/session), else a 403. Not needed with an API key."));
            }

            var responses = operation.Responses ??= [];
            if (metadata.OfType<PublicCaching.CachedPublicly>().Any())
            {
                responses.TryAdd("304", new OpenApiResponse { Description = "Not modified: the If-None-Match or If-Modified-Since sent is still current." });
            }

            if (responses.ContainsKey("304"))
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(HeaderParameter("If-None-Match", "The ETag of the copy you hold: a 304 without a body while it is current."));
                if (metadata.OfType<PublicCaching.CachedPublicly>().Any())
                {
                    operation.Parameters.Add(HeaderParameter("If-Modified-Since", "The Last-Modified of the copy you hold: a 304 while nothing changed since."));
                }

                foreach (var ok in responses.Where(r => r.Key is "200").Select(r => r.Value).OfType<OpenApiResponse>())
                {
                    ok.Headers ??= new Dictionary<string, IOpenApiHeader>();
                    ok.Headers["ETag"] = Header("The version of this answer; send it back in If-None-Match.");
                    ok.Headers["Cache-Control"] = Header("How long browsers and shared caches may keep this answer.");
                    if (metadata.OfType<PublicCaching.CachedPublicly>().Any())
                    {
                        ok.Headers["Last-Modified"] = Header("When the edition's content last changed (an HTTP date).");
                        ok.Headers["Vary"] = Header("Accept-Encoding: caches keep one copy per encoding.");
                        ok.Headers["Surrogate-Key"] = Header("Space-separated content keys (edition:fa, post:…) a CDN can purge by.");
                    }
                }
            }

            if (metadata.OfType<IAuthorizeData>().Any())
            {
                foreach (var success in responses.Where(r => r.Key[0] == '2').Select(r => r.Value).OfType<OpenApiResponse>())
                {
                    success.Headers ??= new Dictionary<string, IOpenApiHeader>();
                    success.Headers["Cache-Control"] = Header("private, no-store: admin answers carry drafts and secrets.");
                }
            }

            foreach (var (status, response) in responses.Where(r => r.Key is "429" or "503"))
            {
                if (response is OpenApiResponse concrete)
                {
                    concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
                    concrete.Headers["Retry-After"] = Header(status == "429" ? "Seconds until the rate limit lets this client in again." : "Seconds until the database is tried again.",
                        new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "0" });
                }
            }

            if (metadata.OfType<MergePatchOf>().FirstOrDefault() is { } patched && operation.RequestBody?.Content is { } patches)
            {
                var changed = context.SchemaGenerator.GenerateSchema(patched.Type, context.SchemaRepository);
                foreach (var media in patches.Values)
                {
                    media.Schema = changed;
                }
            }

            AddExamples(operation, metadata);
        }

        private static void AddExamples(OpenApiOperation operation, IList<object> metadata)
        {
            if (metadata.OfType<ResponseExample>().FirstOrDefault() is { } answer
                && operation.Responses!.FirstOrDefault(r => r.Key is "200" or "201").Value?.Content is { } answers && answers.TryGetValue("application/json", out var media))
            {
                media.Example = JsonNode.Parse(answer.Json);
            }

            if (metadata.OfType<RequestExample>().FirstOrDefault() is { } body
                && operation.RequestBody?.Content is { } bodies && bodies.TryGetValue("application/json", out var requestMedia))
            {
                requestMedia.Example = JsonNode.Parse(body.Json);
            }
        }
    }

    /// <summary>
    /// Versioned admin resources: where a path answers 412, its writes take If-Match (required where
    /// leaving it out is a 428) and its reads and writes send the ETag to put there.
    /// </summary>
    internal sealed class VersionsFilter : IDocumentFilter
    {
        public void Apply(OpenApiDocument document, DocumentFilterContext context)
        {
            foreach (var item in document.Paths.Values)
            {
                var operations = item.Operations ?? [];
                if (!IsVersioned(item))
                {
                    continue;
                }

                foreach (var (method, operation) in operations)
                {
                    if (operation.Responses!.ContainsKey("412"))
                    {
                        operation.Parameters ??= [];
                        operation.Parameters.Add(HeaderParameter("If-Match", "The ETag of the version you edited, e.g. \"3\": a 412 if the resource has changed since.",
                            required: operation.Responses.ContainsKey("428")));
                    }

                    if (method == HttpMethod.Get || operation.Responses.ContainsKey("412"))
                    {
                        foreach (var success in operation.Responses.Where(r => r.Key is "200" or "201").Select(r => r.Value).OfType<OpenApiResponse>())
                        {
                            success.Headers ??= new Dictionary<string, IOpenApiHeader>();
                            success.Headers["ETag"] = VersionHeader();
                        }
                    }
                }
            }

            // A create answers with the new resource's version, which its own path then takes in If-Match.
            foreach (var (path, item) in document.Paths)
            {
                if (item.Operations?.GetValueOrDefault(HttpMethod.Post)?.Responses?.GetValueOrDefault("201") is OpenApiResponse created
                    && document.Paths.GetValueOrDefault(path + "/{id}") is { } resource && IsVersioned(resource))
                {
                    created.Headers ??= new Dictionary<string, IOpenApiHeader>();
                    created.Headers["ETag"] = VersionHeader();
                }
            }
        }

        private static bool IsVersioned(IOpenApiPathItem item) => item.Operations?.Values.Any(o => o.Responses?.ContainsKey("412") == true) == true;

        private static OpenApiHeader VersionHeader() => Header("The resource's version as a strong ETag, e.g. \"3\": send it in If-Match to change it.");
    }
}
