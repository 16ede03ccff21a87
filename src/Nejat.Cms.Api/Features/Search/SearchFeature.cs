namespace Nejat.Cms.Api.Features.Search;

internal static class SearchFeature
{
    public static IServiceCollection AddSearch(this IServiceCollection services) => services.AddSingleton<SiteSearch>().AddSingleton<SearchSnippets>().AddSingleton<SearchTexts>();
}
