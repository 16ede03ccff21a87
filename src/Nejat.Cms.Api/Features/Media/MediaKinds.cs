using Nejat.Cms.Api.Hosting;

namespace Nejat.Cms.Api.Features.Media;

/// <summary>What a media item is: its kind decides its size limit and how it is served.</summary>
internal static class MediaKinds
{
    public const string Image = "image";
    public const string Video = "video";
    public const string Audio = "audio";
    public const string Document = "document";

    public static readonly string[] All = [Image, Video, Audio, Document];

    /// <summary>The most bytes accepted for a file of the kind (Cms__MaxImageBytes and friends).</summary>
    public static long LimitOf(string kind, CmsOptions limits) => kind switch
    {
        Image => limits.MaxImageBytes,
        Video => limits.MaxVideoBytes,
        Audio => limits.MaxAudioBytes,
        _ => limits.MaxDocumentBytes,
    };
}
