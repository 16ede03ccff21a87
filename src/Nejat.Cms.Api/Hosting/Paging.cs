using System.ComponentModel;
using System.Globalization;
using Dapper;
using Mapster;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Nejat.Cms.Api.Database;
using Npgsql;

namespace Nejat.Cms.Api.Hosting;

/// <summary>
/// A query-string integer kept as its raw text, so that a malformed value reaches the handler and
/// gets a 400 naming the parameter instead of the framework's bare 400 (aspnetcore #48355).
/// </summary>
public readonly record struct QueryInteger(string Raw)
{
    public static bool TryParse(string? value, IFormatProvider? provider, out QueryInteger result)
    {
        result = new QueryInteger(value ?? "");
        return true;
    }

    /// <summary>An empty value (<c>?page=</c>, as HTML forms send) counts as not given.</summary>
    public bool IsEmpty => Raw.Length == 0;

    /// <summary>
    /// The value, or null when it is not a whole number. Persian (۰–۹) and Arabic-Indic (٠–٩) digits
    /// count as digits: that is what a Farsi or Arabic keyboard types.
    /// </summary>
    public int? Value => int.TryParse(LatinDigits(Raw), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>
    /// A count parameter from 1 to <paramref name="max"/>: its value, or <paramref name="fallback"/> when
    /// not given; a bad value adds a 400 error naming <paramref name="name"/> to <paramref name="errors"/>.
    /// </summary>
    public static int Bounded(QueryInteger? given, string name, int max, int fallback, Dictionary<string, string[]> errors)
    {
        if (given is not { IsEmpty: false } value)
        {
            return fallback;
        }

        if (value.Value is >= 1 and var n && n <= max)
        {
            return n;
        }

        errors[name] = [$"{name} must be a whole number from 1 to {max}; got '{value.Raw}'."];
        return fallback;
    }

    private static string LatinDigits(string text) => string.Create(text.Length, text, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            span[i] = source[i] switch
            {
                >= '\u06F0' and <= '\u06F9' and var persian => (char)('0' + (persian - '\u06F0')),
                >= '\u0660' and <= '\u0669' and var arabic => (char)('0' + (arabic - '\u0660')),
                var other => other,
            };
        }
    });
}

/// <summary>The page and perPage query parameters of a numbered list, bound with [AsParameters].</summary>
public sealed record PageQuery(
    [property: FromQuery(Name = "page"), Description("Page number, from 1. Default 1.")] QueryInteger? Page,
    [property: FromQuery(Name = "perPage"), Description("Items per page, from 1 to the configured maximum (100 unless Cms__MaxPageSize says otherwise). Default 10.")] QueryInteger? PerPage)
{
    /// <summary>The page asked for, or the 400 naming each bad parameter.</summary>
    internal ValidationProblem? Invalid(CmsOptions options, out PageRequest request) => PageRequest.Invalid(Page, PerPage, options, out request);
}

/// <summary>A validated page request: 1-based number and size.</summary>
internal readonly record struct PageRequest(int Number, int Size)
{
    public int Offset => (int)Math.Min(int.MaxValue, ((long)Number - 1) * Size);

    /// <summary>Reads page and perPage; returns a 400 naming each bad one, or null when both are good.</summary>
    public static ValidationProblem? Invalid(QueryInteger? page, QueryInteger? perPage, CmsOptions options, out PageRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        request = Read(page, perPage, options, errors);
        return Problems.InvalidQuery(errors);
    }

    /// <summary>Reads page and perPage, adding an error for each bad one to the endpoint's own.</summary>
    public static PageRequest Read(QueryInteger? page, QueryInteger? perPage, CmsOptions options, Dictionary<string, string[]> errors)
    {
        var number = 1;
        if (page is { IsEmpty: false } p)
        {
            if (p.Value is >= 1 and var n)
            {
                number = n;
            }
            else
            {
                errors["page"] = [$"page must be a whole number of 1 or more; got '{p.Raw}'."];
            }
        }

        return new PageRequest(number, QueryInteger.Bounded(perPage, "perPage", options.MaxPageSize, options.DefaultPageSize, errors));
    }
}

/// <summary>The list envelope of every public list.</summary>
public sealed record ListEnvelope<T>(IReadOnlyList<T> Items, PageInfo Page, PageLinks Links);

/// <summary>Where a page stands. Number is null for a page reached by cursor; the totals are null when count=false.</summary>
public sealed record PageInfo(int? Number, int Size, long? TotalItems, int? TotalPages);

/// <summary>Root-relative links to the neighbouring pages with the same filters, or null at either end.</summary>
public sealed record PageLinks(string? Next, string? Prev);

internal static class ListEnvelope
{
    /// <summary>
    /// A numbered list endpoint whole: page and perPage checked (a 400 naming each bad one), the page
    /// read by <paramref name="sql"/> as in <see cref="ReadAsync"/>, its rows mapped to what the API
    /// sends, and each item's surrogate key added when the list is public.
    /// </summary>
    public static async Task<Results<Ok<ListEnvelope<T>>, ValidationProblem>> AnswerAsync<TRow, T>(
        NpgsqlDataSource db, string sql, object? parameters, PageQuery paging, CmsOptions options, HttpRequest request,
        CancellationToken ct, Func<T, string>? surrogateKey = null)
    {
        if (paging.Invalid(options, out var page) is { } invalid)
        {
            return invalid;
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var list = (await ReadAsync<TRow>(conn, sql, parameters, page, request, ct)).Adapt<ListEnvelope<T>>(Mappings.Config);
        if (surrogateKey is not null)
        {
            request.HttpContext.AddSurrogateKeys(list.Items.Select(surrogateKey));
        }

        return TypedResults.Ok(list);
    }

    /// <summary>
    /// One page of a numbered list whose <paramref name="sql"/> returns the total, then the page's rows
    /// ("LIMIT @Limit OFFSET @Offset": the size written in, the offset a parameter unless 0: WrittenPage).
    /// </summary>
    public static async Task<ListEnvelope<TRow>> ReadAsync<TRow>(
        NpgsqlConnection conn, string sql, object? parameters, PageRequest page, HttpRequest request, CancellationToken ct)
    {
        var arguments = new DynamicParameters(parameters);
        arguments.Add("Offset", page.Offset);
        await using var results = await conn.QueryMultipleAsync(new CommandDefinition(
            sql.WithPageWrittenIn(page.Size, page.Offset), arguments, cancellationToken: ct));
        var total = await results.ReadSingleAsync<long>();
        var items = (await results.ReadAsync<TRow>()).ToArray();
        return Create(items, page, total, request);
    }

    public static ListEnvelope<T> Create<T>(IReadOnlyList<T> items, PageRequest page, long totalItems, HttpRequest request)
    {
        var totalPages = (int)Math.Min(int.MaxValue, (totalItems + page.Size - 1) / page.Size);
        return new ListEnvelope<T>(
            items,
            new PageInfo(page.Number, page.Size, totalItems, totalPages),
            new PageLinks(
                Next: page.Number < totalPages ? PageLink(request, page.Number + 1, page.Size) : null,
                Prev: page.Number > 1 && totalPages > 0 ? PageLink(request, Math.Min(page.Number - 1, totalPages), page.Size) : null));
    }

    /// <summary>The request's own path and query with page and perPage replaced.</summary>
    public static string PageLink(HttpRequest request, int number, int size) =>
        Link(request, "page", number.ToString(CultureInfo.InvariantCulture), size);

    /// <summary>The request's own path and query with cursor and perPage replaced (and no page).</summary>
    public static string CursorLink(HttpRequest request, string cursor, int size) => Link(request, "cursor", cursor, size);

    private static string Link(HttpRequest request, string positionKey, string position, int size)
    {
        var query = request.Query
            .Where(q => q.Key is not ("page" or "cursor" or "perPage"))
            .SelectMany(q => q.Value.Select(v => (q.Key, Value: v ?? "")))
            .Append((positionKey, position))
            .Append(("perPage", size.ToString(CultureInfo.InvariantCulture)))
            .Select(q => $"{Uri.EscapeDataString(q.Item1)}={Uri.EscapeDataString(q.Item2)}");
        return $"{request.PathBase}{request.Path.ToUriComponent()}?{string.Join('&', query)}";
    }
}
