using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace Nejat.Cms.Api.Hosting;

/// <summary>
/// Brotli (preferred) and gzip for JSON, XML and feeds. Answers are compressed inside the output
/// cache, so a cached answer is compressed once, not per request; levels were chosen by measurement
/// (tests/Nejat.Cms.Bench/README.md, "Compression").
/// </summary>
internal static class Compression
{
    public static IServiceCollection AddCmsCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes =
            [
                "application/json", "application/problem+json", "application/feed+json",
                "application/xml", "text/xml", "application/rss+xml", "application/atom+xml", "text/plain",
            ];
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        return services;
    }
}
