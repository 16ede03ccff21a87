using System.Security.Cryptography;
using System.Text;

namespace Nejat.Cms.Api.Features.Editorial;

/// <summary>
/// Keys are 256 random bits behind a recognisable prefix. Only their SHA-256 is stored: a fast hash
/// is enough because the keys are random, not chosen by people, so there is nothing to guess.
/// </summary>
internal static class ApiKeySecrets
{
    private const string Prefix = "nejat_";
    public const int MinimumLength = 24;

    public static string NewKey() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>What lists show of a key: enough to recognise it, far too little to use it.</summary>
    public static string Display(string key) => key.StartsWith(Prefix, StringComparison.Ordinal) ? key[..12] + "…" : key[..4] + "…";

    /// <summary>Constant-time comparison, so response times say nothing about how much of a hash matched.</summary>
    public static bool Matches(string key, byte[] storedHash) => CryptographicOperations.FixedTimeEquals(Hash(key), storedHash);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
