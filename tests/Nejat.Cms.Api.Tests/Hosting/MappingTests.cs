using Mapster;
using Nejat.Cms.Api.Hosting;

namespace Nejat.Cms.Api.Tests.Hosting;

public sealed class MappingTests
{
    [Test]
    public void EveryMappingOfTheServiceGivesEveryMemberASource()
    {
        // Mapster compiles each registered mapping and throws on a destination member without a source.
        Assert.Multiple(() =>
        {
            Assert.DoesNotThrow(Mappings.Validate);
            Assert.That(Mappings.Config.RuleMap, Has.Count.GreaterThanOrEqualTo(2), "each feature's IRegister is found");
        });
    }

    [Test]
    public void AMemberWithoutASourceFails()
    {
        var config = new TypeAdapterConfig { RequireDestinationMemberSource = true };
        config.NewConfig<Source, Destination>();
        Assert.Throws<CompileException>(() => config.Compile());
    }

    private sealed record Source(string Name);

    private sealed record Destination(string Name, string Missing);
}
