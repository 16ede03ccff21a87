using Mapster;

namespace Nejat.Cms.Api.Hosting;

/// <summary>
/// Every mapping of a database row to what the API sends, from each feature's <see cref="IRegister"/>
/// configuration (e.g. Features/Posts/PostMapping.cs). A destination member with no source is an error:
/// <see cref="Validate"/> compiles them all at start-up, and a test does too, so a field added to a
/// response without a source fails the build's tests, not a reader's review.
/// </summary>
internal static class Mappings
{
    public static TypeAdapterConfig Config { get; } = Create();

    /// <summary>Compiles every registered mapping; throws on the first that does not map every member.</summary>
    public static void Validate() => Config.Compile();

    private static TypeAdapterConfig Create()
    {
        var config = new TypeAdapterConfig { RequireDestinationMemberSource = true };
        config.Scan(typeof(Mappings).Assembly);
        return config;
    }
}
