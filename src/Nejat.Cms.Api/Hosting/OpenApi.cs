using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Nejat.Cms.Api.Hosting;

/// <summary>The OpenAPI document at /openapi/v1.json (committed as openapi/v1.json) and Swagger UI at /swagger.</summary>
internal static class OpenApi
{
    public const string DocumentPath = "/openapi/v1.json";

    public static IServiceCollection AddCmsOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "Nejat CMS API",
                Version = "v1",
                Description = "Published posts, tags and authors of the publisher's four editions (en, ar, fa, sq) as JSON. " +
                    "Errors are application/problem+json (RFC 9457); field problems are listed under `errors`. " +
                    "Every public GET also answers HEAD. A query parameter an operation does not list is a 400.",
            });
            // Every public GET also answers HEAD (Hosting/HeadRequests.cs); the document lists the GETs.
            options.DocInclusionPredicate((_, api) => api.HttpMethod != HttpMethods.Head);
            // On the wire a QueryInteger is an integer (the filter adds its bounds and default).
            options.MapType<QueryInteger>(() => new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" });
            options.ParameterFilter<QueryParameterFilter>();
            options.AddSecurityDefinition(OpenApiHttp.BearerScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An API key: `Authorization: Bearer <api key>`. Admin routes (/v1/admin/...) only.",
            });
            options.AddSecurityDefinition(OpenApiHttp.SessionScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Cookie,
                Name = OpenApiHttp.SessionCookie,
                Description = "A signed-in person's session cookie (POST /v1/auth/session), for the admin API as for an API key of the person's role and editions. "
                    + "Every POST, PUT, PATCH and DELETE with it must send the session's csrfToken as `X-CSRF-Token`.",
            });
            options.OperationFilter<OpenApiHttp.OperationFilter>();
            options.DocumentFilter<OpenApiHttp.VersionsFilter>();
            options.SupportNonNullableReferenceTypes();
            // A nullable reference (primaryTag, author, newer, older) is wrapped in allOf, which
            // OpenApiSchemas.ShapesFilter turns into "that object or null".
            options.UseAllOfToExtendReferenceSchemas();
            options.SchemaFilter<OpenApiSchemas.WireTypeFilter>();
            options.DocumentFilter<OpenApiSchemas.ShapesFilter>();
            options.DocumentFilter<GroupsFilter>();
        });
        return services;
    }

    public static WebApplication UseCmsOpenApi(this WebApplication app)
    {
        app.UseSwagger(options =>
        {
            options.RouteTemplate = "openapi/{documentName}.json";
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
        });
        app.UseSwaggerUI(options =>
        {
            options.SwaggerEndpoint(DocumentPath, "Nejat CMS API v1");
            options.RoutePrefix = "swagger";
        });
        return app;
    }

    /// <summary>
    /// A query parameter marked [Required] is required (API Explorer only reads nullability, and the
    /// handler answers a missing one with its own 400, so it is bound as nullable).
    /// <see cref="QueryInteger"/> binds through TryParse, which API Explorer reports as a string; on the
    /// wire it is an integer, so the document says so. Its bounds and default are the paging settings'
    /// for perPage, else a [Range] and [DefaultValue] on the parameter, else from 1 with default 1 (page).
    /// </summary>
    private sealed class QueryParameterFilter(IOptions<CmsOptions> options) : IParameterFilter
    {
        public void Apply(IOpenApiParameter parameter, ParameterFilterContext context)
        {
            // A handler's own parameter, or a property of an [AsParameters] record.
            (Type? Type, ICustomAttributeProvider? Attributes) bound = context.ParameterInfo is { } info ? (info.ParameterType, info)
                : context.PropertyInfo is { } property ? (property.PropertyType, property)
                : (null, null);
            var (type, attributes) = bound;
            if (attributes?.IsDefined(typeof(RequiredAttribute), false) == true && parameter is OpenApiParameter required)
            {
                required.Required = true;
            }

            if ((type == typeof(QueryInteger) || type == typeof(QueryInteger?)) && parameter is OpenApiParameter concrete)
            {
                var isPageSize = concrete.Name == "perPage";
                var range = attributes!.GetCustomAttributes(typeof(RangeAttribute), false).OfType<RangeAttribute>().FirstOrDefault();
                var given = attributes.GetCustomAttributes(typeof(DefaultValueAttribute), false).OfType<DefaultValueAttribute>().FirstOrDefault()?.Value as int?;
                concrete.Description ??= attributes.GetCustomAttributes(typeof(DescriptionAttribute), false).OfType<DescriptionAttribute>().FirstOrDefault()?.Description;
                concrete.Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Integer,
                    Format = "int32",
                    Minimum = Convert.ToString(range?.Minimum ?? 1, CultureInfo.InvariantCulture),
                    Maximum = isPageSize ? options.Value.MaxPageSize.ToString(CultureInfo.InvariantCulture) : Convert.ToString(range?.Maximum, CultureInfo.InvariantCulture),
                    Default = isPageSize ? options.Value.DefaultPageSize : given ?? 1,
                };
            }
        }
    }

    /// <summary>
    /// The groups Swagger UI shows, in reading order: the public API first (as a front end meets it),
    /// the health checks, then the admin API. Every group says what it holds; an operation in a group
    /// not listed here fails the document, so a new group cannot go undescribed.
    /// </summary>
    private sealed class GroupsFilter : IDocumentFilter
    {
        private const string HealthGroup = "Health";

        private static readonly (string Name, string Description)[] Groups =
        [
            ("Editions", "The four editions (en, ar, fa, sq): language, writing direction, calendar and time zone. Start here."),
            ("Posts", "Published posts of an edition, newest first, and one post with its body, neighbours and related posts."),
            ("Search", "Full-text search of an edition's published posts, with snippets and suggestions as you type."),
            ("Archives", "Month-by-month post counts of an edition, in its own calendar."),
            ("Tags", "An edition's tags with their published post counts."),
            ("Authors", "Authors, shared by all editions, with their published post counts."),
            ("Pages", "Static pages of an edition, such as About Us and Contact."),
            ("Navigation", "An edition's menu as a tree of links."),
            ("Settings", "An edition's site title, description, copyright, social links and share targets."),
            ("Media", "Images, videos, audio and documents with their file and rendition URLs, and the stored files themselves."),
            ("Galleries", "Photo galleries: ordered media items with titles per edition."),
            ("Redirects", "Old URLs of the site this one replaced (a WordPress import): where each one lives now, as a 301."),
            ("Feeds and sitemaps", "RSS 2.0 and JSON Feed 1.1 of an edition or a tag, and XML sitemaps."),
            ("Changes", "What changed in an edition, in order, for clients that keep a copy in sync."),
            (HealthGroup, "Liveness and readiness for orchestrators: plain text, never cached."),
            ("Sign-in", "People sign in with email and password (or an invitation link) and get a session cookie; the admin API then takes the cookie "
                + "instead of an API key, with a CSRF token on writes."),
            ("Admin: posts", "Write posts (API key): drafts, updates with If-Match, publishing, scheduling, revisions and translations."),
            ("Admin: pages", "Write static pages (API key), as posts are written."),
            ("Admin: tags", "Create, rename and delete tags (API key)."),
            ("Admin: authors", "Create, rename and delete authors (API key)."),
            ("Admin: media", "Upload files, add external videos, describe media per edition and manage collections (API key)."),
            ("Admin: galleries", "Compose galleries from media items (API key)."),
            ("Admin: navigation", "Replace an edition's menu (API key, If-Match)."),
            ("Admin: settings", "Replace or patch an edition's settings (API key, If-Match)."),
            ("Admin: API keys", "Create, list and revoke API keys; a key never grants more than its creator holds (admin key)."),
            ("Admin: accounts", "Create, invite, change and remove the people who sign in; nobody grants more than they hold (admin)."),
            ("Admin: audit", "Who changed what, newest first (admin key)."),
        ];

        public void Apply(OpenApiDocument document, DocumentFilterContext context)
        {
            document.Info.Contact = new OpenApiContact { Name = "Nejat CMS" };
            document.Info.License = new OpenApiLicense { Name = "Proprietary", Identifier = "LicenseRef-Proprietary" };
            // Relative to the document (/openapi/v1.json): the service that serves it, wherever it runs.
            document.Servers = [new OpenApiServer { Url = "..", Description = "The service that serves this document" }];
            DescribeHealthChecks(document);
            var used = document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []).SelectMany(o => o.Tags?.AsEnumerable() ?? []).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
            if (used.Except(Groups.Select(g => g.Name), StringComparer.Ordinal).FirstOrDefault() is { } undescribed)
            {
                throw new InvalidOperationException($"The OpenAPI group '{undescribed}' has no description in {nameof(OpenApi)}.{nameof(GroupsFilter)}.");
            }

            document.Tags = new HashSet<OpenApiTag>(Groups.Where(g => used.Contains(g.Name)).Select(g => new OpenApiTag { Name = g.Name, Description = g.Description }));
        }

        /// <summary>The health checks (Hosting/Health.cs) are not route handlers, so API Explorer does not see them.</summary>
        private static void DescribeHealthChecks(OpenApiDocument document)
        {
            foreach (var (path, name, summary, description) in new[]
            {
                ("/health/live", "Live", "Liveness: the process answers", "Answers 200 Healthy while the process runs; it asks nothing of the database."),
                ("/health/ready", "Ready", "Readiness: the database answers", "Answers 200 Healthy when the database answers and every migration is applied, else 503 Unhealthy."),
            })
            {
                OpenApiMediaType Plain(string text) => new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create(text)] }, Example = JsonValue.Create(text) };
                document.Paths[path] = new OpenApiPathItem
                {
                    Operations = new Dictionary<HttpMethod, OpenApiOperation>
                    {
                        [HttpMethod.Get] = new()
                        {
                            OperationId = name,
                            Summary = summary,
                            Description = description,
                            Tags = new HashSet<OpenApiTagReference> { new(HealthGroup, document) },
                            Security = [],
                            Responses = new OpenApiResponses
                            {
                                ["200"] = new OpenApiResponse { Description = "Healthy", Content = new Dictionary<string, OpenApiMediaType> { ["text/plain"] = Plain("Healthy") } },
                                // Like every route, a query parameter it does not take is refused (QueryGuard).
                                ["400"] = new OpenApiResponse
                                {
                                    Description = "Bad Request",
                                    Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference("ProblemDetails", document) } },
                                },
                            },
                        },
                    },
                };
                if (name == "Ready")
                {
                    document.Paths[path].Operations![HttpMethod.Get].Responses!["503"] =
                        new OpenApiResponse { Description = "Unhealthy", Content = new Dictionary<string, OpenApiMediaType> { ["text/plain"] = Plain("Unhealthy") } };
                }
            }
        }
    }
}
