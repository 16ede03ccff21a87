namespace Nejat.Cms.Api.Hosting;

/// <summary>
/// HEAD answers wherever GET does, with the same status and headers and no body (Kestrel sends none
/// for HEAD): a client or CDN can check a resource, its ETag and its length without fetching it.
/// The OpenAPI document lists GET operations only and says so.
/// </summary>
internal static class HeadRequests
{
    public static TBuilder AnswerHead<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            if (endpoint.Metadata.OfType<HttpMethodMetadata>().LastOrDefault() is { } methods
                && methods.HttpMethods.Contains(HttpMethods.Get) && !methods.HttpMethods.Contains(HttpMethods.Head))
            {
                endpoint.Metadata.Remove(methods);
                endpoint.Metadata.Add(new HttpMethodMetadata([.. methods.HttpMethods, HttpMethods.Head], methods.AcceptCorsPreflight));
            }
        });
        return builder;
    }
}
