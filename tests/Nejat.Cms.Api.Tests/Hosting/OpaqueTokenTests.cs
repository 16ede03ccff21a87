using Nejat.Cms.Api.Hosting;

namespace Nejat.Cms.Api.Tests.Hosting;

public sealed class OpaqueTokenTests
{
    [TestCase('o', new long[] { 638_000_000_000_000_000, 42 })]
    [TestCase('n', new long[] { 0, long.MaxValue })]
    [TestCase('c', new long[] { 1 })]
    public void ATokenDecodesToWhatWasEncoded(char kind, long[] values)
    {
        var token = OpaqueToken.Encode(kind, values);
        Assert.Multiple(() =>
        {
            Assert.That(OpaqueToken.Decode(kind, values.Length, token), Is.EqualTo(values));
            Assert.That(token, Does.Match("^[A-Za-z0-9_-]+$"), "URL-safe without escaping");
        });
    }

    [TestCase("")]
    [TestCase("not base64!")]
    [TestCase("bw")]                                   // too short
    [TestCase("bwAAAAAAAAAAAAAAAAAAAAEA")]             // one byte too many
    [TestCase("YwAAAAAAAAAF")]                         // a change token ('c', one value) is not a cursor
    [TestCase("bwAAAAAAAAAAAAAAAAAAAAEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")] // longer than any token
    public void AnythingElseIsRefused(string token) =>
        Assert.That(OpaqueToken.Decode('o', 2, token), Is.Null);

    [Test]
    public void AKindLetterKeepsTokensApart()
    {
        var older = OpaqueToken.Encode('o', 5, 6);
        Assert.That(OpaqueToken.Decode('n', 2, older), Is.Null);
    }
}
