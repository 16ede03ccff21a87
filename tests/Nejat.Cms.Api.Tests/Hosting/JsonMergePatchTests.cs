using System.Text.Json.Nodes;
using Nejat.Cms.Api.Hosting;

namespace Nejat.Cms.Api.Tests.Hosting;

public sealed class JsonMergePatchTests
{
    // The examples of RFC 7396, appendix A.
    [TestCase("""{"a":"b"}""", """{"a":"c"}""", """{"a":"c"}""")]
    [TestCase("""{"a":"b"}""", """{"b":"c"}""", """{"a":"b","b":"c"}""")]
    [TestCase("""{"a":"b"}""", """{"a":null}""", """{}""")]
    [TestCase("""{"a":"b","b":"c"}""", """{"a":null}""", """{"b":"c"}""")]
    [TestCase("""{"a":["b"]}""", """{"a":"c"}""", """{"a":"c"}""")]
    [TestCase("""{"a":"c"}""", """{"a":["b"]}""", """{"a":["b"]}""")]
    [TestCase("""{"a":{"b":"c"}}""", """{"a":{"b":"d","c":null}}""", """{"a":{"b":"d"}}""")]
    [TestCase("""{"a":[{"b":"c"}]}""", """{"a":[1]}""", """{"a":[1]}""")]
    [TestCase("""["a","b"]""", """["c","d"]""", """["c","d"]""")]
    [TestCase("""{"a":"b"}""", """["c"]""", """["c"]""")]
    [TestCase("""{"e":null}""", """{"a":1}""", """{"e":null,"a":1}""")]
    [TestCase("""[1,2]""", """{"a":"b","c":null}""", """{"a":"b"}""")]
    [TestCase("""{}""", """{"a":{"bb":{"ccc":null}}}""", """{"a":{"bb":{}}}""")]
    public void FollowsRfc7396(string target, string patch, string result) =>
        Assert.That(JsonMergePatch.Apply(JsonNode.Parse(target), JsonNode.Parse(patch))!.ToJsonString(), Is.EqualTo(result));
}
