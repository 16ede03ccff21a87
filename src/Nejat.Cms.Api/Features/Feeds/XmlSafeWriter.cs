using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Nejat.Cms.Api.Features.Feeds;

/// <summary>
/// An XmlWriter that drops the characters XML 1.0 cannot carry — C0 controls other than tab, LF and
/// CR, lone surrogates, U+FFFE and U+FFFF — from every text, attribute value, CDATA section and
/// comment before the inner writer sees them (which would throw, and take the whole answer down).
/// Stored content may hold them: imports and old data predate the checks on input. Every XML answer
/// of the service is written through it.
/// </summary>
internal sealed class XmlSafeWriter(XmlWriter inner) : XmlWriter
{
    /// <summary>The text without the characters XML 1.0 forbids; the same instance when it has none.</summary>
    public static string Clean(string text)
    {
        var first = FirstForbidden(text);
        if (first < 0)
        {
            return text;
        }

        var clean = new StringBuilder(text.Length);
        clean.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i]))
            {
                clean.Append(text[i]);
            }
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                clean.Append(text, i, 2);
                i++;
            }
        }

        return clean.ToString();
    }

    private static int FirstForbidden(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i]))
            {
                continue;
            }

            if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                i++;
                continue;
            }

            return i;
        }

        return -1;
    }

    private static string? CleanOrNull(string? text) => text is null ? null : Clean(text);

    public override WriteState WriteState => inner.WriteState;

    public override void WriteString(string? text) => inner.WriteString(CleanOrNull(text));

    public override void WriteCData(string? text) => inner.WriteCData(CleanOrNull(text));

    public override void WriteComment(string? text) => inner.WriteComment(CleanOrNull(text));

    public override void WriteChars(char[] buffer, int index, int count) => WriteString(new string(buffer, index, count));

    public override void WriteRaw(string data) => inner.WriteRaw(Clean(data));

    public override void WriteRaw(char[] buffer, int index, int count) => WriteRaw(new string(buffer, index, count));

    public override void WriteWhitespace(string? ws) => inner.WriteWhitespace(ws);

    public override void WriteProcessingInstruction(string name, string? text) => inner.WriteProcessingInstruction(name, CleanOrNull(text));

    public override void WriteCharEntity(char ch)
    {
        if (XmlConvert.IsXmlChar(ch))
        {
            inner.WriteCharEntity(ch);
        }
    }

    public override void WriteSurrogateCharEntity(char lowChar, char highChar)
    {
        if (XmlConvert.IsXmlSurrogatePair(lowChar, highChar))
        {
            inner.WriteSurrogateCharEntity(lowChar, highChar);
        }
    }

    public override void WriteStartDocument() => inner.WriteStartDocument();

    public override void WriteStartDocument(bool standalone) => inner.WriteStartDocument(standalone);

    public override void WriteEndDocument() => inner.WriteEndDocument();

    public override void WriteDocType(string name, string? pubid, string? sysid, string? subset) => inner.WriteDocType(name, pubid, sysid, subset);

    public override void WriteStartElement(string? prefix, string localName, string? ns) => inner.WriteStartElement(prefix, localName, ns);

    public override void WriteEndElement() => inner.WriteEndElement();

    public override void WriteFullEndElement() => inner.WriteFullEndElement();

    public override void WriteStartAttribute(string? prefix, string localName, string? ns) => inner.WriteStartAttribute(prefix, localName, ns);

    public override void WriteEndAttribute() => inner.WriteEndAttribute();

    public override void WriteEntityRef(string name) => inner.WriteEntityRef(name);

    public override void WriteBase64(byte[] buffer, int index, int count) => inner.WriteBase64(buffer, index, count);

    public override string? LookupPrefix(string ns) => inner.LookupPrefix(ns);

    public override void Flush() => inner.Flush();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>An XML answer written safely. (To memory first: XmlWriter writes synchronously, which Kestrel's response stream refuses.)</summary>
    // Written to memory first: XmlWriter writes synchronously, which Kestrel's response stream refuses.
    public static FileContentHttpResult Document(Action<XmlWriter> write, string contentType)
    {
        using var buffer = new MemoryStream();
        using (var xml = new XmlSafeWriter(XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true })))
        {
            xml.WriteStartDocument();
            write(xml);
            xml.WriteEndDocument();
        }

        return TypedResults.Bytes(buffer.ToArray(), contentType);
    }

}
