using System.Text;
using System.Xml;
using System.Xml.Linq;
using Nejat.Cms.Api.Features.Feeds;

namespace Nejat.Cms.Api.Tests.Features.Feeds;

public sealed class XmlSafeWriterTests
{
    // U+0001, U+000B, U+001F, U+FFFE, U+FFFF, a lone high and a lone low surrogate.
    private const string Forbidden = "\u0001\u000B\u001F\uFFFE\uFFFF\uD800x\uDC00";

    private static string Write(Action<XmlWriter> write)
    {
        var text = new StringBuilder();
        using (var xml = new XmlSafeWriter(XmlWriter.Create(text)))
        {
            xml.WriteStartElement("doc");
            write(xml);
            xml.WriteEndElement();
        }

        return text.ToString();
    }

    [Test]
    public void TextAttributesAndCDataLoseWhatXmlForbidsAndKeepTheRest()
    {
        var kept = "tab\t, LF\n, CR\r, 😀, \uFFFD, خانه‌ها";
        var xml = Write(writer =>
        {
            writer.WriteAttributeString("title", $"a{Forbidden}b");
            writer.WriteElementString("text", $"{kept}{Forbidden}");
            writer.WriteStartElement("body");
            writer.WriteCData($"<p>{Forbidden}</p>");
            writer.WriteEndElement();
            writer.WriteStartElement("chars");
            var chars = $"c{Forbidden}d".ToCharArray();
            writer.WriteChars(chars, 0, chars.Length);
            writer.WriteEndElement();
        });

        // XDocument parses strictly: any forbidden character left would throw here.
        var root = XDocument.Parse(xml, LoadOptions.PreserveWhitespace).Root!;
        Assert.Multiple(() =>
        {
            Assert.That(root.Attribute("title")!.Value, Is.EqualTo("axb"));
            Assert.That(root.Element("text")!.Value, Is.EqualTo(kept.Replace("\r", "\n", StringComparison.Ordinal) + "x"), "XML reads CR as LF");
            Assert.That(root.Element("body")!.Value, Is.EqualTo("<p>x</p>"));
            Assert.That(root.Element("chars")!.Value, Is.EqualTo("cxd"));
        });
    }

    [Test]
    public void CleanTextIsReturnedAsItIs()
    {
        const string text = "Shqipëria, 😀, كتاب";
        Assert.That(XmlSafeWriter.Clean(text), Is.SameAs(text));
    }
}
