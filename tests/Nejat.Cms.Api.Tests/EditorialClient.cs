using System.Net;
using System.Text;
using System.Text.Json;

namespace Nejat.Cms.Api.Tests;

/// <summary>JSON calls to the admin API with an optional If-Match, returning status, ETag and body.</summary>
internal static class EditorialClient
{
    public sealed record Reply(HttpStatusCode Status, string? ETag, JsonElement Body, string? Location, string? ContentType);

    public static async Task<Reply> SendAsync(
        this HttpClient client, HttpMethod method, string url, object? body = null, string? ifMatch = null,
        string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            var json = body as string ?? JsonSerializer.Serialize(body, Web);
            request.Content = new StringContent(json, Encoding.UTF8, contentType);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new Reply(
            response.StatusCode,
            response.Headers.ETag?.Tag,
            text.Length == 0 ? default : JsonSerializer.Deserialize<JsonElement>(text),
            response.Headers.Location?.ToString(),
            response.Content.Headers.ContentType?.MediaType);
    }

    public static async Task<JsonElement> GetFromJsonAsync(this HttpClient client, string url)
    {
        var reply = await client.SendAsync(HttpMethod.Get, url);
        Assert.That(reply.Status, Is.EqualTo(HttpStatusCode.OK), $"GET {url}: {reply.Body}");
        return reply.Body;
    }

    public static Task<Reply> PostJsonAsync(this HttpClient client, string url, object body, string? ifMatch = null) =>
        client.SendAsync(HttpMethod.Post, url, body, ifMatch);

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
