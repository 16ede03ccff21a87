using System.Buffers.Binary;
using System.Buffers.Text;

namespace Nejat.Cms.Api.Hosting;

/// <summary>
/// Paging cursors and change tokens: a kind letter and fixed-width integers, base64url-encoded.
/// Opaque to clients (they only hand it back); the kind letter stops a token of one kind being used
/// as another.
/// </summary>
internal static class OpaqueToken
{
    public static string Encode(char kind, params ReadOnlySpan<long> values)
    {
        Span<byte> bytes = stackalloc byte[1 + (values.Length * sizeof(long))];
        bytes[0] = (byte)kind;
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt64BigEndian(bytes[(1 + (i * sizeof(long)))..], values[i]);
        }

        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>The token's values, or null when it is not a token of this kind with this many values.</summary>
    public static long[]? Decode(char kind, int count, string token)
    {
        var length = 1 + (count * sizeof(long));
        // TryDecodeFromChars throws on characters outside the alphabet: check them first.
        if (token.Length > 64 || !Base64Url.IsValid(token, out var decodedLength) || decodedLength != length)
        {
            return null;
        }

        Span<byte> bytes = stackalloc byte[48];
        if (!Base64Url.TryDecodeFromChars(token, bytes, out _) || bytes[0] != (byte)kind)
        {
            return null;
        }

        var values = new long[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = BinaryPrimitives.ReadInt64BigEndian(bytes[(1 + (i * sizeof(long)))..]);
        }

        return values;
    }
}
