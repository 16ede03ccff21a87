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
}
