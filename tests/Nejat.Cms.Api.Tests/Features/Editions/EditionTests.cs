namespace Nejat.Cms.Api.Tests.Features.Editions;

public sealed class EditionTests
{
    [Test]
    public async Task TheFourEditionsAreSeededInOrderWithDirectionAndLocale()
    {
        await using var app = await CmsApp.StartAsync();
        var editions = await app.GetJsonAsync("/v1/editions");
        var rows = editions.EnumerateArray().Select(e => string.Join('|',
            e.GetProperty("code").GetString(), e.GetProperty("name").GetString(), e.GetProperty("direction").GetString(),
            e.GetProperty("locale").GetString(), e.GetProperty("isDefault").GetBoolean()));
        Assert.That(rows, Is.EqualTo(new[]
        {
            "en|English|ltr|en|True", "ar|عربي|rtl|ar|False", "fa|فارسی|rtl|fa-IR|False", "sq|Shqip|ltr|sq-AL|False",
        }));
    }

    [Test]
    public async Task ImportedEditionIsServedAfterTheSeededOnes()
    {
        await using var app = await CmsApp.StartAsync();
        await app.SeedAsync("""{"type":"edition","code":"ku","name":"کوردی","direction":"rtl","locale":"ckb"}""");
        var editions = await app.GetJsonAsync("/v1/editions");
        Assert.That(editions[4].GetProperty("code").GetString(), Is.EqualTo("ku"));
    }

    [Test]
    public async Task AnImportedEditionSetsItsTimeZoneOrKeepsTheOneItHas()
    {
        await using var app = await CmsApp.StartAsync();
        await app.SeedAsync(
            """{"type":"edition","code":"ku","name":"کوردی","direction":"rtl","locale":"ckb"}""",
            """{"type":"edition","code":"ps","name":"پښتو","direction":"rtl","locale":"ps-AF","timeZone":"Asia/Kabul"}""");
        await app.SeedAsync("""{"type":"edition","code":"fa","name":"فارسی","direction":"rtl","locale":"fa-IR"}""");
        var zones = (await app.GetJsonAsync("/v1/editions")).EnumerateArray()
            .ToDictionary(e => e.GetProperty("code").GetString()!, e => e.GetProperty("timeZone").GetString());
        Assert.Multiple(() =>
        {
            Assert.That(zones["ku"], Is.EqualTo("UTC"), "a new edition without one");
            Assert.That(zones["ps"], Is.EqualTo("Asia/Kabul"));
            Assert.That(zones["fa"], Is.EqualTo("Asia/Tehran"), "a line without one keeps the edition's");
        });
    }
}
