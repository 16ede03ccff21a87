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

    /// <summary>The most pixels an uploaded image may have: decoding one takes 4 bytes a pixel.</summary>
    [Range(1, 500_000_000, ErrorMessage = "Cms:MaxImagePixels must be between 1 and 500000000.")]
    public long MaxImagePixels { get; set; } = 50_000_000;

    /// <summary>How long a stored file that no media row names (or an upload's temporary file) is kept before the sweeper removes it.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00", ErrorMessage = "Cms:MediaOrphanGrace must be between 00:00:00 and 30.00:00:00.")]
    public TimeSpan MediaOrphanGrace { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the media sweeper looks for orphaned files.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00", ErrorMessage = "Cms:MediaSweepInterval must be between 00:00:01 and 7.00:00:00.")]
    public TimeSpan MediaSweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Hosts besides YouTube and Vimeo whose video URLs may be added as external videos (embedded as given).</summary>
    public string[] VideoHosts { get; set; } = [];

    private const long Megabyte = 1024 * 1024;

    /// <summary>The largest upload of any kind: the upload route's request body limit.</summary>
    public long MaxUploadBytes => Math.Max(Math.Max(MaxImageBytes, MaxVideoBytes), Math.Max(MaxAudioBytes, MaxDocumentBytes));

    public static IServiceCollection AddTo(IServiceCollection services)
    {
        services.AddOptions<CmsOptions>()
            .BindConfiguration(Section)
            .ValidateDataAnnotations()
            .Validate(o => o.DefaultPageSize <= o.MaxPageSize, "Cms:DefaultPageSize must not exceed Cms:MaxPageSize.")
            .ValidateOnStart();
        return services;
    }
}
