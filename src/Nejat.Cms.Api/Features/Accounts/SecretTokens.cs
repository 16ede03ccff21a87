using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Nejat.Cms.Api.Features.Accounts;

/// <summary>
/// Session cookies and invitation links carry 256 random bits. Only their SHA-256 is stored: a fast
/// hash is enough because the tokens are random, so there is nothing to guess, and a copy of the
/// database signs nobody in.
/// </summary>
internal static class SecretTokens
{
    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>
    /// The CSRF token of a session: derived from its cookie, so it needs no storage, and unknown to a
    /// page of another site, which can make the browser send the cookie but cannot read it or this.
    /// </summary>
    public static string CsrfToken(string sessionToken) =>
        Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes("nejat-csrf:" + sessionToken)));

    /// <summary>Constant-time comparison, so response times say nothing about how much of a token matched.</summary>
    public static bool CsrfMatches(string sessionToken, string? sent) =>
        sent is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(CsrfToken(sessionToken)), Encoding.UTF8.GetBytes(sent));
}
