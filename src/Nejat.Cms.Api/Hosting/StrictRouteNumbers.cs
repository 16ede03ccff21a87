using System.Globalization;

namespace Nejat.Cms.Api.Hosting;

/// <summary>
/// Route ids and numbers have one spelling: decimal digits without a sign, spaces or leading zeros.
/// The framework's own int and long constraints parse leniently (" 1", "+1" and "01" all mean 1), so
/// DELETE /v1/admin/keys/%201 revoked key 1; these take their place, and any other spelling is a 404.
/// </summary>
internal static class StrictRouteNumbers
{
    public static IServiceCollection AddStrictRouteNumbers(this IServiceCollection services) =>
        services.Configure<RouteOptions>(options =>
        {
            options.ConstraintMap["int"] = typeof(StrictInt);
            options.ConstraintMap["long"] = typeof(StrictLong);
        });

    /// <summary>The value as digits alone, the first not a zero unless it is the only one; else null.</summary>
    internal static string? Canonical(RouteValueDictionary values, string key) =>
        values.TryGetValue(key, out var value) && Convert.ToString(value, CultureInfo.InvariantCulture) is { Length: > 0 } text
        && text.All(char.IsAsciiDigit) && (text.Length == 1 || text[0] != '0')
            ? text
            : null;

    private sealed class StrictInt : IRouteConstraint
    {
        public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
            Canonical(values, routeKey) is { } text && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _);
    }

    private sealed class StrictLong : IRouteConstraint
    {
        public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
            Canonical(values, routeKey) is { } text && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _);
    }
}
