using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Nejat.Cms.Api.Hosting;

/// <summary>The OpenAPI document at /openapi/v1.json (committed as openapi/v1.json) and Swagger UI at /swagger.</summary>
internal static class OpenApi
{
    public const string DocumentPath = "/openapi/v1.json";
    private const string BearerScheme = "apiKey";

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
            options.ParameterFilter<QueryIntegerParameterFilter>();
            options.AddSecurityDefinition(BearerScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An API key: `Authorization: Bearer <api key>`. Admin routes (/v1/admin/...) only.",
            });
            options.OperationFilter<AdminSecurityOperationFilter>();
            options.SupportNonNullableReferenceTypes();
            // A nullable reference (primaryTag, author, newer, older) can only say "nullable" inside allOf in OpenAPI 3.0.
            options.UseAllOfToExtendReferenceSchemas();
        });
        return services;
    }

    public static WebApplication UseCmsOpenApi(this WebApplication app)
    {
        app.UseSwagger(options => options.RouteTemplate = "openapi/{documentName}.json");
        app.UseSwaggerUI(options =>
        {
            options.SwaggerEndpoint(DocumentPath, "Nejat CMS API v1");
            options.RoutePrefix = "swagger";
        });
        return app;
    }

    /// <summary>
    /// <see cref="QueryInteger"/> binds through TryParse, which API Explorer reports as a string; on the
    /// wire it is an integer, so the document says so. Its bounds and default are the paging settings'
    /// for perPage, else a [Range] and [DefaultValue] on the parameter, else from 1 with default 1 (page).
    /// </summary>
    private sealed class QueryIntegerParameterFilter(IOptions<CmsOptions> options) : IParameterFilter
    {
        public void Apply(IOpenApiParameter parameter, ParameterFilterContext context)
        {
            // A handler's own parameter, or a property of an [AsParameters] record.
            (Type? Type, ICustomAttributeProvider? Attributes) bound = context.ParameterInfo is { } info ? (info.ParameterType, info)
                : context.PropertyInfo is { } property ? (property.PropertyType, property)
                : (null, null);
            var (type, attributes) = bound;
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

    /// <summary>Operations that need an API key say so, with the bearer scheme.</summary>
    private sealed class AdminSecurityOperationFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            if (context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<Microsoft.AspNetCore.Authorization.IAuthorizeData>().Any())
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] });
            }
        }
    }
}
