using System.Diagnostics.Metrics;
using Nejat.Cms.Api.Startup;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Nejat.Cms.Api.Hosting;

/// <summary>
/// OpenTelemetry: traces and metrics of ASP.NET Core, HttpClient and Npgsql plus the service's own
/// <see cref="CmsMetrics"/>, exported by OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set. Without it
/// nothing is registered, so nothing listens and the instruments cost nothing. The exporter takes the
/// standard OTEL_* settings (protocol, headers, intervals, OTEL_SERVICE_NAME) from the configuration.
/// </summary>
internal static class Telemetry
{
    public const string DefaultServiceName = "nejat-cms";

    public static bool IsEnabled(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

    public static IServiceCollection AddCmsTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(sp => new CmsMetrics(sp.GetRequiredService<IMeterFactory>().Create(CmsMetrics.MeterName, Commands.Version)));
        if (!IsEnabled(configuration))
        {
            return services;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(resource => Describe(resource, configuration))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddOtlpExporter())
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter(CmsMetrics.MeterName)
                .AddOtlpExporter());
        return services;
    }

    /// <summary>
    /// For a command (import …), which runs without the host: its traces (the WordPress import's fetches, the
    /// SQL) and metrics, exported when the endpoint is set (disposing the providers sends what is left before
    /// the process ends); otherwise the counters are recorded to no one.
    /// </summary>
    public static (CmsMetrics Metrics, IDisposable? Exporter) ForCommand(IConfiguration configuration)
    {
        var metrics = new CmsMetrics(new Meter(CmsMetrics.MeterName, Commands.Version));
        if (!IsEnabled(configuration))
        {
            return (metrics, null);
        }

        // The exporter reads the OTEL_* settings from this configuration, as within the host.
        var tracing = Sdk.CreateTracerProviderBuilder()
            .ConfigureServices(services => services.AddSingleton(configuration))
            .ConfigureResource(resource => Describe(resource, configuration))
            .AddHttpClientInstrumentation()
            .AddNpgsql()
            .AddOtlpExporter()
            .Build();
        var metering = Sdk.CreateMeterProviderBuilder()
            .ConfigureServices(services => services.AddSingleton(configuration))
            .ConfigureResource(resource => Describe(resource, configuration))
            .AddMeter(CmsMetrics.MeterName)
            .AddHttpClientInstrumentation()
            .AddNpgsqlInstrumentation()
            .AddOtlpExporter()
            .Build();
        return (metrics, new CommandProviders(tracing, metering));
    }

    private sealed class CommandProviders(TracerProvider tracing, MeterProvider metering) : IDisposable
    {
        public void Dispose()
        {
            tracing.Dispose();
            metering.Dispose();
        }
    }

    // OTEL_SERVICE_NAME wins over the default name, as the specification has it.
    private static void Describe(ResourceBuilder resource, IConfiguration configuration) =>
        resource.AddService(configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : DefaultServiceName, serviceVersion: Commands.Version);
}

/// <summary>
/// The service's own counters, on the meter "Nejat.Cms". Within the service the meter comes from its
/// IMeterFactory (one per host, so tests can tell two services in one process apart).
/// </summary>
internal sealed class CmsMetrics
{
    public const string MeterName = "Nejat.Cms";

    private readonly Counter<long> _outputCache;
    private readonly Counter<long> _importedItems;
    private readonly Counter<long> _renditions;
    private readonly Counter<long> _scheduledPublishes;

    public CmsMetrics(Meter meter)
    {
        _outputCache = meter.CreateCounter<long>("nejat.cms.output_cache.lookups", "{lookup}",
            "Public reads looked up in the output cache, by cache.result (hit or miss).");
        _importedItems = meter.CreateCounter<long>("nejat.cms.import.items", "{item}",
            "Items written by an import, by import.format (jsonl or wordpress) and import.kind.");
        _renditions = meter.CreateCounter<long>("nejat.cms.media.renditions", "{rendition}",
            "Image renditions made, by image.format.");
        _scheduledPublishes = meter.CreateCounter<long>("nejat.cms.posts.scheduled_publishes", "{post}",
            "Scheduled posts published when their time came, by edition.");
    }

    public void OutputCacheLookup(bool hit) => _outputCache.Add(1, new KeyValuePair<string, object?>("cache.result", hit ? "hit" : "miss"));

    /// <summary>format: jsonl or wordpress; kind: what was imported (post, page, tag …).</summary>
    public void Imported(string format, string kind, long count)
    {
        if (count > 0)
        {
            _importedItems.Add(count, new KeyValuePair<string, object?>("import.format", format), new KeyValuePair<string, object?>("import.kind", kind));
        }
    }

    public void RenditionMade(string format) => _renditions.Add(1, new KeyValuePair<string, object?>("image.format", format));

    public void ScheduledPublished(string edition) => _scheduledPublishes.Add(1, new KeyValuePair<string, object?>("edition", edition));
}
