using System.Text.Json.Serialization;

namespace Nejat.Cms.Api.Features.Feeds;

// JSON Feed's member names are snake_case; they are spelt out so the OpenAPI document shows them too.
// Members JSON Feed leaves out when empty are ignored when null on the member, so the document says so.

/// <summary>A JSON Feed 1.1 document (https://jsonfeed.org/version/1.1).</summary>
public sealed record JsonFeed(
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("home_page_url")] string HomePageUrl,
    [property: JsonPropertyName("feed_url")] string FeedUrl,
    [property: JsonPropertyName("description"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Description,
    [property: JsonPropertyName("language")] string Language,
    [property: JsonPropertyName("items")] IReadOnlyList<JsonFeedItem> Items)
{
    [JsonPropertyName("version")]
    [JsonPropertyOrder(-1)]
    public string Version => "https://jsonfeed.org/version/1.1";
}

public sealed record JsonFeedItem(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("content_html")] string ContentHtml,
    [property: JsonPropertyName("summary"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Summary,
    [property: JsonPropertyName("date_published")] DateTime DatePublished,
    [property: JsonPropertyName("date_modified")] DateTime DateModified,
    [property: JsonPropertyName("tags"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Tags,
    [property: JsonPropertyName("authors"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<JsonFeedAuthor>? Authors,
    [property: JsonPropertyName("language")] string Language);

public sealed record JsonFeedAuthor([property: JsonPropertyName("name")] string Name);

/// <summary>Source-generated.</summary>
[JsonSerializable(typeof(JsonFeed))]
internal sealed partial class JsonFeedContext : JsonSerializerContext;
