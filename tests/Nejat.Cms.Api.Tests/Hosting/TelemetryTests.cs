using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Nejat.Cms.Api.Features.Editorial;
using Nejat.Cms.Api.Hosting;
using Nejat.Cms.Api.Import;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Nejat.Cms.Api.Tests.Hosting;

/// <summary>
/// OpenTelemetry export (to a small OTLP/HTTP receiver on 127.0.0.1) only when OTEL_EXPORTER_OTLP_ENDPOINT
/// is set, and the service's own counters, read with a MeterListener.
/// </summary>
// Alone: a MeterProvider hears every meter of its names in the process, so beside the suite's other services it
// reaches its limit of metric streams (1,000) with their instruments before this service has created its own.
[NonParallelizable]
public sealed class TelemetryTests
{
    [Test]
    [CancelAfter(120_000)]
    public async Task WithAnOtlpEndpointTracesAndMetricsAreSentNamingTheService(CancellationToken ct)
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var app = await CmsApp.StartAsync(new()
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Url,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        });
        using var client = app.CreateClient();
        string[] traces = ["nejat-cms", "/v1/{edition}/posts", "postgresql"];
        string[] metrics = ["nejat-cms", "nejat.cms.output_cache.lookups", "http.server.request.duration", "db.client.operation.duration"];
        for (var deadline = DateTime.UtcNow.AddSeconds(60); !(receiver.Received("/v1/traces", traces) && receiver.Received("/v1/metrics", metrics)) && DateTime.UtcNow < deadline;)
        {
            using var read = await client.GetAsync("/v1/en/posts", ct);
            Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            await Task.Delay(200, ct);
        }

        Assert.Multiple(() =>
        {
            Assert.That(receiver.Missing("/v1/traces", traces), Is.Empty, "a trace of a public read with its SQL");
            Assert.That(receiver.Missing("/v1/metrics", metrics), Is.Empty, "the service's, ASP.NET Core's and Npgsql's metrics");
        });
    }

    [Test]
    public async Task WithoutAnOtlpEndpointNothingIsCollected()
    {
        await using var app = await CmsApp.StartAsync();
        Assert.Multiple(() =>
        {
            Assert.That(app.Services.GetService<TracerProvider>(), Is.Null);
            Assert.That(app.Services.GetService<MeterProvider>(), Is.Null);
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task TheServiceCountsCacheLookupsRenditionsAndScheduledPublishes(CancellationToken ct)
    {
        await using var app = await CmsApp.StartAsync(new() { ["Cms:SchedulerInterval"] = "00:00:00.100" });
        // The service's meter comes from its own IMeterFactory: other services in this process are not heard.
        using var recorder = new MeterRecorder(meter => meter.Scope == app.Services.GetRequiredService<IMeterFactory>());
        using var reader = app.CreateClient();
        using var author = await app.CreateKeyClientAsync(Roles.Author);

        await app.SeedAsync(Seed.Post("sq", "se-shpejti", publishedAt: DateTimeOffset.UtcNow.AddSeconds(1).ToString("O")));
        (await reader.GetAsync("/v1/en/posts", ct)).Dispose();
        (await reader.GetAsync("/v1/en/posts", ct)).Dispose();
        var uploaded = await author.UploadAsync(TestFiles.Png(400, 300), "small.png", "image/png");
        Assert.That(uploaded.Status, Is.EqualTo(HttpStatusCode.Created), uploaded.Body.ToString());
        var sha256 = uploaded.Body.GetProperty("sha256").GetString();
        (await reader.GetAsync($"/v1/files/{sha256}/320.webp", ct)).Dispose();
        while (!ct.IsCancellationRequested && recorder.Sum("nejat.cms.posts.scheduled_publishes", ("edition", "sq")) == 0)
        {
            await Task.Delay(100, ct);
        }

        Assert.Multiple(() =>
        {
            Assert.That(recorder.Sum("nejat.cms.output_cache.lookups", ("cache.result", "miss")), Is.EqualTo(1));
            Assert.That(recorder.Sum("nejat.cms.output_cache.lookups", ("cache.result", "hit")), Is.EqualTo(1));
            Assert.That(recorder.Sum("nejat.cms.media.renditions", ("image.format", "webp")), Is.GreaterThanOrEqualTo(1));
            Assert.That(recorder.Sum("nejat.cms.posts.scheduled_publishes", ("edition", "sq")), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task AnImportCountsWhatItWrotePerKind()
    {
        await using var app = await CmsApp.StartAsync();
        using var meter = new Meter(CmsMetrics.MeterName);
        using var recorder = new MeterRecorder(m => m == meter);
        var path = Path.Combine(Path.GetTempPath(), $"nejat-telemetry-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllLinesAsync(path, [Seed.Author("counted", "Counted"), Seed.Post("en", "one", author: "counted"), Seed.Post("en", "two")]);
        try
        {
            Assert.That(await ImportCommand.RunAsync(["import", path], app.ConnectionString, TextWriter.Null, new CmsMetrics(meter)), Is.Zero);
            // Unchanged the second time: nothing written, nothing counted.
            Assert.That(await ImportCommand.RunAsync(["import", path], app.ConnectionString, TextWriter.Null, new CmsMetrics(meter)), Is.Zero);
        }
        finally
        {
            File.Delete(path);
        }

        Assert.Multiple(() =>
        {
            Assert.That(recorder.Sum("nejat.cms.import.items", ("import.format", "jsonl"), ("import.kind", "post")), Is.EqualTo(2));
            Assert.That(recorder.Sum("nejat.cms.import.items", ("import.format", "jsonl"), ("import.kind", "author")), Is.EqualTo(1));
            Assert.That(recorder.Sum("nejat.cms.import.items", ("import.kind", "tag")), Is.Zero);
        });
    }

    /// <summary>Keeps every measurement of the long counters of the meters chosen.</summary>
    private sealed class MeterRecorder : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<(string Name, long Value, KeyValuePair<string, object?>[] Tags)> _measurements = new();

        public MeterRecorder(Func<Meter, bool> chosen)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (chosen(instrument.Meter))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => _measurements.Enqueue((instrument.Name, value, tags.ToArray())));
            _listener.Start();
        }

        public long Sum(string name, params (string Key, string Value)[] tags) => _measurements
            .Where(m => m.Name == name && tags.All(t => m.Tags.Any(tag => tag.Key == t.Key && Equals(tag.Value, t.Value))))
            .Sum(m => m.Value);

        public void Dispose() => _listener.Dispose();
    }
}
