using System.Globalization;

namespace Nejat.Cms.Api.Features.Media;

/// <summary>
/// Content-addressed URLs: <c>/v1/files/{sha256}.{ext}</c> for a stored file as uploaded, and
/// <c>/v1/files/{sha256}/{width}.{ext}</c> for an image's renditions. Images that are re-encoded
/// (JPEG, PNG, WebP) are served only as renditions, the widest at their own width: their uploaded
/// bytes may carry GPS positions.
/// </summary>
internal static class MediaUrls
{
    public static readonly int[] RenditionWidths = [320, 768, 1280, 1920];

    public static string? File(MediaRow row)
    {
        if (row.Sha256 is null)
        {
            return null;
        }

        var type = TypeOf(row)!;
        return type.HasRenditions ? RenditionUrl(row.Sha256, row.Width!.Value, type.Extension) : $"/v1/files/{row.Sha256}.{type.Extension}";
    }

    /// <summary>Each width below the image's own (never upscaled) and its own, in its format and (where it fits) in WebP.</summary>
    public static IReadOnlyList<Rendition> Renditions(MediaRow row)
    {
        if (row.Sha256 is null || TypeOf(row) is not { HasRenditions: true } type)
        {
            return [];
        }

        var (fullWidth, fullHeight) = (row.Width!.Value, row.Height!.Value);
        return WidthsFor(fullWidth)
            .SelectMany(width => FormatsAt(type, fullWidth, fullHeight, width).Select(format => new Rendition(
                width, HeightAt(fullWidth, fullHeight, width), format.ContentType, RenditionUrl(row.Sha256, width, format.Extension))))
            .ToArray();
    }

    public static IEnumerable<int> WidthsFor(int width) => RenditionWidths.Where(w => w < width).Append(width);

    /// <summary>The formats of the rendition <paramref name="renditionWidth"/> wide: the image's own, and WebP where both sides fit WebP's 16383 pixels.</summary>
    public static FileType[] FormatsAt(FileType type, int width, int height, int renditionWidth) =>
        type == FileSniffing.WebP ? [type]
        : renditionWidth <= Images.MaxWebPDimension && HeightAt(width, height, renditionWidth) <= Images.MaxWebPDimension ? [type, FileSniffing.WebP]
        : [type];

    public static int HeightAt(int width, int height, int renditionWidth) => Math.Max(1, (int)Math.Round((double)height * renditionWidth / width));

    private static string RenditionUrl(string sha256, int width, string extension) =>
        $"/v1/files/{sha256}/{width.ToString(CultureInfo.InvariantCulture)}.{extension}";

    private static FileType? TypeOf(MediaRow row) => row.ContentType is null ? null : FileSniffing.OfContentType(row.ContentType);
}
