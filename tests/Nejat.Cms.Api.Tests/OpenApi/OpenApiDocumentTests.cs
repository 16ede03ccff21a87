using System.Text.Json;
using System.Text.Json.Nodes;

namespace Nejat.Cms.Api.Tests.OpenApi;

/// <summary>
/// openapi/v1.json in the repository is the document the service serves. After an intended API
/// change, run the tests once with UPDATE_OPENAPI=1 to rewrite it, and review the diff.
/// </summary>
public sealed class OpenApiDocumentTests
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private CmsApp _app = null!;
    private JsonNode _served = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await CmsApp.StartAsync();
        using var client = _app.CreateClient();
        _served = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _app.DisposeAsync();

    [Test]
    public async Task ServedDocumentMatchesCommittedFile()
    {
        var served = _served.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";
        var committedPath = Path.Combine(TestRun.RepositoryRoot, "openapi", "v1.json");
        if (Environment.GetEnvironmentVariable("UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(committedPath, served);
        }

        var committed = File.Exists(committedPath) ? (await File.ReadAllTextAsync(committedPath)).ReplaceLineEndings("\n") : "";
        Assert.That(served, Is.EqualTo(committed),
            "openapi/v1.json differs from what the service serves; run `UPDATE_OPENAPI=1 dotnet test` and review the diff.");
    }

    [Test]
    public void SwaggerUiIsServed()
    {
        using var client = _app.CreateClient();
        Assert.That(async () => await client.GetStringAsync("/swagger/index.html"), Does.Contain("swagger-ui"));
    }

    [Test]
    public void EveryOperationHasASummaryASuccessAndItsProblems()
    {
        var operations = Operations().ToArray();
        Assert.That(operations, Is.Not.Empty);
        Assert.Multiple(() =>
        {
            foreach (var (name, operation) in operations)
            {
                Assert.That(operation["summary"]?.GetValue<string>(), Is.Not.Null.And.Not.Empty, $"{name}: summary");
                var responses = operation["responses"]!.AsObject();
                // A success: a 2xx, or the 301 that is the answer of a redirect lookup.
                Assert.That(responses.Select(r => r.Key), Has.Some.StartsWith("2").Or.Some.EqualTo("301"), $"{name}: a 2xx or 301 response");
                var problems = responses.Where(r => r.Key[0] is '4' or '5').ToArray();
                Assert.That(problems, Is.Not.Empty, $"{name}: problem responses");
                foreach (var (status, response) in problems)
                {
                    // Readiness answers 503 "Unhealthy" in plain text, as orchestrators expect.
                    var media = name == "Ready" && status == "503" ? "text/plain" : "application/problem+json";
                    Assert.That(response!["content"]?[media], Is.Not.Null, $"{name} {status}: {media}");
                }

                var parameters = operation["parameters"]?.AsArray() ?? [];
                foreach (var parameter in parameters)
                {
                    Assert.That(parameter!["description"]?.GetValue<string>(), Is.Not.Null.And.Not.Empty,
                        $"{name}: parameter {parameter["name"]} has a description");
                }

                if (parameters.Any(p => p!["name"]!.GetValue<string>() is "page"))
                {
                    Assert.That(responses.Select(r => r.Key), Does.Contain("400"), $"{name}: paged lists document their 400");
                }

                if (parameters.Any(p => p!["in"]!.GetValue<string>() is "path"))
                {
                    Assert.That(responses.Select(r => r.Key), Does.Contain("404"), $"{name}: lookups document their 404");
                }
            }
        });
    }

    [Test]
    public void PagingParametersAreDocumentedAsIntegers()
    {
        var listPosts = Operations().Single(o => o.Name == "ListPosts").Operation;
        var page = listPosts["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "page")!;
        Assert.That(page["schema"]!["type"]!.GetValue<string>(), Is.EqualTo("integer"));
    }

    private IEnumerable<(string Name, JsonNode Operation)> Operations() =>
        _served["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Select(op => (op.Value!["operationId"]?.GetValue<string>() ?? $"{op.Key} {path.Key}", op.Value!)));
}
