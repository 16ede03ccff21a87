using System.ComponentModel.DataAnnotations;

namespace Nejat.Cms.Api.Hosting;

/// <summary>The <c>Cms</c> configuration section (environment variables <c>Cms__Name</c>).</summary>
public sealed class CmsOptions
{
    public const string Section = "Cms";
    public const string DefaultDataDir = "./.data";

    /// <summary>Where the embedded PostgreSQL keeps its data when no connection string is set.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Cms:DataDir must name a directory, e.g. Cms__DataDir=./.data.")]
    public string DataDir { get; set; } = DefaultDataDir;

    /// <summary>Page size of lists when the request gives no perPage.</summary>
    [Range(1, 1000, ErrorMessage = "Cms:DefaultPageSize must be between 1 and 1000 (and not above Cms:MaxPageSize).")]
    public int DefaultPageSize { get; set; } = 10;

    /// <summary>The largest perPage a client may ask for.</summary>
    [Range(1, 1000, ErrorMessage = "Cms:MaxPageSize must be between 1 and 1000.")]
    public int MaxPageSize { get; set; } = 100;

    /// <summary>The largest bodyHtml a post may have, in characters.</summary>
    // Kestrel refuses request bodies over 30 MB, so a larger limit could never be reached.
    [Range(1_000, 10_000_000, ErrorMessage = "Cms:MaxBodyHtmlLength must be between 1000 and 10000000 characters.")]
    public int MaxBodyHtmlLength { get; set; } = 1_000_000;

    /// <summary>How often each instance looks for scheduled posts that are due.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00", ErrorMessage = "Cms:SchedulerInterval must be between 00:00:00.1 and 01:00:00.")]
    public TimeSpan SchedulerInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>When set, made an admin API key at start-up if no active admin key exists.</summary>
    [MinLength(24, ErrorMessage = "Cms:BootstrapAdminKey must be at least 24 characters.")]
    public string? BootstrapAdminKey { get; set; }

    /// <summary>Cache-Control max-age of public responses: how long a browser reuses one without asking.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00", ErrorMessage = "Cms:CacheMaxAge must be between 00:00:00 and 365.00:00:00.")]
    public TimeSpan CacheMaxAge { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Cache-Control s-maxage of public responses: how long a CDN keeps one (purge it by Surrogate-Key).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00", ErrorMessage = "Cms:CacheSharedMaxAge must be between 00:00:00 and 365.00:00:00.")]
    public TimeSpan CacheSharedMaxAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Cache-Control stale-while-revalidate of public responses.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00", ErrorMessage = "Cms:CacheStaleWhileRevalidate must be between 00:00:00 and 365.00:00:00.")]
    public TimeSpan CacheStaleWhileRevalidate { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Whether public responses are kept in the in-memory output cache.</summary>
    public bool OutputCache { get; set; } = true;

    /// <summary>The output cache's memory bound, in megabytes.</summary>
    [Range(1, 65_536, ErrorMessage = "Cms:OutputCacheSizeMb must be between 1 and 65536.")]
    public int OutputCacheSizeMb { get; set; } = 256;

    /// <summary>
    /// The memory bound, in megabytes, of the texts search snippets are made from (a result's excerpt and
    /// its body's text, kept per post and row version); 0 keeps none, and every search page reads its
    /// results' bodies.
    /// </summary>
    [Range(0, 65_536, ErrorMessage = "Cms:SearchTextCacheSizeMb must be between 0 and 65536.")]
    public int SearchTextCacheSizeMb { get; set; } = 64;

    /// <summary>Origins whose pages may read the public API from a browser; "*" is any origin.</summary>
    public string[] CorsOrigins { get; set; } = ["*"];

    /// <summary>Origins whose pages may call the admin API from a browser; none unless configured.</summary>
    public string[] AdminCorsOrigins { get; set; } = [];

    /// <summary>How long the change feed keeps tombstones (deleted and unpublished things).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00", ErrorMessage = "Cms:ChangeRetention must be between 00:00:00 and 3650.00:00:00.")]
    public TimeSpan ChangeRetention { get; set; } = TimeSpan.FromDays(30);
    /// <summary>
    /// The public web site's base URL: feeds, sitemaps and menus link readers there, to the paths below.
    /// In the paths, {edition} and {slug} are replaced (percent-encoded).
    /// </summary>
    [Required(AllowEmptyStrings = false)]
    [Url(ErrorMessage = "Cms:PublicSiteUrl must be an absolute http(s) URL, e.g. Cms__PublicSiteUrl=https://www.example.org.")]
    public string PublicSiteUrl { get; set; } = "http://localhost:3000";

    [RegularExpression(PathWithSlug, ErrorMessage = "Cms:PostPath must start with / and contain {{slug}}.")]
    public string PostPath { get; set; } = "/{edition}/posts/{slug}";

    [RegularExpression(PathWithSlug, ErrorMessage = "Cms:PagePath must start with / and contain {{slug}}.")]
    public string PagePath { get; set; } = "/{edition}/pages/{slug}";

    [RegularExpression(PathWithSlug, ErrorMessage = "Cms:TagPath must start with / and contain {{slug}}.")]
    public string TagPath { get; set; } = "/{edition}/tags/{slug}";

    [RegularExpression("^/.*", ErrorMessage = "Cms:HomePath must start with /.")]
    public string HomePath { get; set; } = "/{edition}";

    /// <summary>A media collection (Cartoons, Books …) in the media library.</summary>
    [RegularExpression(PathWithSlug, ErrorMessage = "Cms:CollectionPath must start with / and contain {{slug}}.")]
    public string CollectionPath { get; set; } = "/{edition}/media?collection={slug}";

    [RegularExpression(PathWithSlug, ErrorMessage = "Cms:GalleryPath must start with / and contain {{slug}}.")]
    public string GalleryPath { get; set; } = "/{edition}/media/galleries/{slug}";

    private const string PathWithSlug = "^/.*\\{slug\\}.*";

    /// <summary>The largest image upload (JPEG, PNG, WebP, GIF), in bytes.</summary>
    [Range(1, long.MaxValue, ErrorMessage = "Cms:MaxImageBytes must be a positive number of bytes.")]
    public long MaxImageBytes { get; set; } = 30 * Megabyte;

    /// <summary>The largest video upload (MP4, WebM), in bytes.</summary>
    [Range(1, long.MaxValue, ErrorMessage = "Cms:MaxVideoBytes must be a positive number of bytes.")]
    public long MaxVideoBytes { get; set; } = 1024 * Megabyte;

    /// <summary>The largest audio upload (MP3), in bytes.</summary>
    [Range(1, long.MaxValue, ErrorMessage = "Cms:MaxAudioBytes must be a positive number of bytes.")]
    public long MaxAudioBytes { get; set; } = 200 * Megabyte;

    /// <summary>The largest document upload (PDF), in bytes.</summary>
    [Range(1, long.MaxValue, ErrorMessage = "Cms:MaxDocumentBytes must be a positive number of bytes.")]
    public long MaxDocumentBytes { get; set; } = 200 * Megabyte;

    /// <summary>The most pixels an uploaded image may have: its full-size WebP rendition holds about 10 bytes a pixel at once.</summary>
    [Range(1, 500_000_000, ErrorMessage = "Cms:MaxImagePixels must be between 1 and 500000000.")]
    public long MaxImagePixels { get; set; } = 50_000_000;

    /// <summary>How many images are decoded at once (upload checks and renditions); the others wait their turn.</summary>
    [Range(1, 64, ErrorMessage = "Cms:ImageWorkers must be between 1 and 64.")]
    public int ImageWorkers { get; set; } = 1;

    /// <summary>How long a stored file that no media row names (or an upload's temporary file) is kept before the sweeper removes it.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00", ErrorMessage = "Cms:MediaOrphanGrace must be between 00:00:00 and 30.00:00:00.")]
    public TimeSpan MediaOrphanGrace { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the media sweeper looks for orphaned files.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00", ErrorMessage = "Cms:MediaSweepInterval must be between 00:00:01 and 7.00:00:00.")]
    public TimeSpan MediaSweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Hosts besides YouTube and Vimeo whose video URLs may be added as external videos (embedded as given).</summary>
    public string[] VideoHosts { get; set; } = [];

    /// <summary>The longest a database statement of the service may run; longer ones are cancelled and answered 503.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00", ErrorMessage = "Cms:StatementTimeout must be between 00:00:00.1 and 00:10:00.")]
    public TimeSpan StatementTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Public answers the output cache does not hold, per client address and second (bursts of five seconds' worth pass).</summary>
    [Range(1, 1_000_000, ErrorMessage = "Cms:PublicRequestsPerSecond must be between 1 and 1000000.")]
    public int PublicRequestsPerSecond { get; set; } = 50;

    /// <summary>Searches, suggestions and q= lists the output cache does not hold, per client address and second.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Cms:SearchesPerSecond must be between 1 and 1000000.")]
    public int SearchesPerSecond { get; set; } = 10;

    /// <summary>Admin writes per API key and second (bursts of five seconds' worth pass).</summary>
    [Range(1, 1_000_000, ErrorMessage = "Cms:AdminWritesPerSecond must be between 1 and 1000000.")]
    public int AdminWritesPerSecond { get; set; } = 20;

    /// <summary>Uploads per API key and minute.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Cms:UploadsPerMinute must be between 1 and 1000000.")]
    public int UploadsPerMinute { get; set; } = 60;

    /// <summary>
    /// Client networks that are never rate-limited, comma-separated CIDR (the site's own server-side
    /// renderer, monitoring): this machine unless configured. Empty: every client is limited.
    /// </summary>
    public string RateLimitExemptNetworks { get; set; } = "127.0.0.0/8, ::1/128";

    /// <summary>
    /// Proxies whose X-Forwarded-For and X-Forwarded-Proto are believed, comma-separated CIDR (the CDN's
    /// and load balancer's networks): this machine unless configured. The client address a rate limit
    /// counts is the first one, from the right, that is not such a proxy.
    /// </summary>
    public string TrustedProxies { get; set; } = "127.0.0.0/8, ::1/128";

    /// <summary><see cref="RateLimitExemptNetworks"/>, parsed once.</summary>
    public System.Net.IPNetwork[] ExemptNetworks => field ??= Networks(RateLimitExemptNetworks);

    /// <summary>A comma-separated network list as networks (validated: every entry parses).</summary>
    public static System.Net.IPNetwork[] Networks(string list) =>
        list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(System.Net.IPNetwork.Parse).ToArray();

    private const long Megabyte = 1024 * 1024;

    /// <summary>The largest upload of any kind: the upload route's request body limit.</summary>
    public long MaxUploadBytes => Math.Max(Math.Max(MaxImageBytes, MaxVideoBytes), Math.Max(MaxAudioBytes, MaxDocumentBytes));

    private static bool ParsesAsNetworks(string list) =>
        list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).All(n => System.Net.IPNetwork.TryParse(n, out _));

    public static IServiceCollection AddTo(IServiceCollection services)
    {
        services.AddOptions<CmsOptions>()
            .BindConfiguration(Section)
            .ValidateDataAnnotations()
            .Validate(o => o.DefaultPageSize <= o.MaxPageSize, "Cms:DefaultPageSize must not exceed Cms:MaxPageSize.")
            .Validate(o => ParsesAsNetworks(o.RateLimitExemptNetworks) && ParsesAsNetworks(o.TrustedProxies),
                "Cms:RateLimitExemptNetworks and Cms:TrustedProxies must hold networks such as 10.0.0.0/8 (address/prefix length).")
            .ValidateOnStart();
        return services;
    }
}
