namespace Nejat.Cms.Api.Features.Posts;

/// <summary>
/// Examples of the main post operations for the OpenAPI document and Swagger UI. They are JSON as the
/// service writes it; Redocly and Spectral check each against its schema (.ci/contract).
/// </summary>
internal static class PostExamples
{
    private const string Summary = """
        {
          "id": 1042, "edition": "fa", "slug": "خانه‌های-پناهندگان", "title": "خانه‌های پناهندگان",
          "excerpt": "گزارشی از زندگی پناهندگان در هرات.",
          "publishedAt": "2026-02-01T08:00:00Z",
          "displayDate": { "text": "۱۲ بهمن ۱۴۰۴", "calendar": "persian", "year": 1404, "month": 11, "day": 12, "monthName": "بهمن" },
          "updatedAt": "2026-02-01T09:30:00Z", "language": "fa", "direction": "rtl",
          "primaryTag": { "slug": "حقوق-بشر", "name": "حقوق بشر" },
          "tags": [{ "slug": "حقوق-بشر", "name": "حقوق بشر" }],
          "author": { "slug": "نسرین-ستوده", "name": "نسرین ستوده" },
          "byline": "گزارش از هرات",
          "translations": [{ "edition": "en", "slug": "refugees-homes" }],
          "featuredMedia": null
        """;

    public const string List = "{ \"items\": [" + Summary + """
        }],
          "page": { "number": 1, "size": 10, "totalItems": 1, "totalPages": 1 },
          "links": { "next": null, "prev": null }
        }
        """;

    public const string Post = Summary + """
        ,
          "bodyHtml": "<p>حقوق بشر و <b>پناهندگان</b> در هرات.</p>",
          "newer": null,
          "older": { "slug": "گزارش-پیشین", "title": "گزارش پیشین" }
        }
        """;

    public const string SearchPage = "{ \"items\": [" + Summary + """
        ,
          "kind": "post", "snippet": "<mark>حقوق</mark> بشر و پناهندگان در هرات."
        }],
          "page": { "number": 1, "size": 10, "totalItems": 1, "totalPages": 1 },
          "links": { "next": null, "prev": null },
          "totalMoreThan": null,
          "didYouMean": null
        }
        """;

    public const string Write = """
        {
          "edition": "fa", "title": "خانه‌های پناهندگان", "status": "draft",
          "bodyHtml": "<p>حقوق بشر و <b>پناهندگان</b> در هرات.</p>",
          "author": "نسرین-ستوده", "byline": "گزارش از هرات", "tags": ["حقوق بشر"]
        }
        """;

    public const string Saved = """
        {
          "id": 1042, "kind": "post", "edition": "fa", "slug": "خانه‌های-پناهندگان", "status": "draft", "publishedAt": null,
          "title": "خانه‌های پناهندگان", "author": "نسرین-ستوده", "tags": ["حقوق-بشر"], "translationKey": null, "version": 1,
          "createdAt": "2026-02-01T07:55:00Z", "updatedAt": "2026-02-01T07:55:00Z", "excerpt": "حقوق بشر و پناهندگان در هرات.",
          "bodyHtml": "<p>حقوق بشر و <b>پناهندگان</b> در هرات.</p>", "byline": "گزارش از هرات", "featuredMediaId": null
        }
        """;
}
