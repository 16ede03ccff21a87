using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Nejat.Cms.Api.Tests.Hosting;

/// <summary>An OTLP/HTTP endpoint that keeps what it is sent (protobuf: the strings are there as UTF-8).</summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Path, string Body)> _requests = new();

    private OtlpReceiver(WebApplication app) => _app = app;

    public string Url => _app.Urls.Single();

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/v1/{signal}", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            receiver._requests.Enqueue((request.Path, Encoding.UTF8.GetString(body.ToArray())));
            return Results.Ok();
        });
        await app.StartAsync();
        return receiver;
    }

    /// <summary>The words no request to the path has carried yet.</summary>
    public string[] Missing(string path, params string[] words) =>
        words.Where(w => !_requests.Any(r => r.Path == path && r.Body.Contains(w, StringComparison.Ordinal))).ToArray();

    public bool Received(string path, params string[] words) => Missing(path, words).Length == 0;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
