using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Nejat.Cms.Api.Features.Editorial;

namespace Nejat.Cms.Api.Tests.Hosting;

/// <summary>Every route with an {edition}, from the endpoint data source, answers an unknown edition with one 404.</summary>
public sealed partial class KnownEditionTests
{
    [Test]
    public async Task EveryEditionRouteAnswersAnUnknownEditionWithA404NamingIt()
    {
        await using var app = await CmsApp.StartAsync();
        using var admin = await app.CreateKeyClientAsync(Roles.Admin);
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.Parameters.Any(p => p.Name == "edition"))
            .SelectMany(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods.Where(m => m != "HEAD")
                .Select(method => (Method: method, Url: RouteParameter().Replace(e.RoutePattern.RawText!, p => p.Groups["name"].Value == "edition" ? "xx" : "1"))))
            .Distinct()
            .ToArray();
        Assert.That(routes, Has.Length.GreaterThan(20));
        foreach (var (method, url) in routes)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            if (method is "PUT" or "PATCH")
            {
                request.Headers.TryAddWithoutValidation("If-Match", "\"0\"");
                request.Content = JsonContent.Create(new { });
            }

            using var response = await admin.SendAsync(request);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Multiple(() =>
            {
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), $"{method} {url}");
                Assert.That(problem.GetProperty("title").GetString(), Is.EqualTo("Edition not found"), $"{method} {url}");
                Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("'xx'"), $"{method} {url}");
            });
        }
    }

    [GeneratedRegex(@"\{(?<name>\w+)(:[^}]*)?\}")]
    private static partial Regex RouteParameter();
}
