using Nejat.Cms.Api.Features.Accounts;

namespace Nejat.Cms.Api.Tests.Features.Accounts;

/// <summary>The pure parts of sign-in: tokens and their hashes, the CSRF token, passwords, the lockout window.</summary>
public sealed class AccountRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);

    [Test]
    public void TokensAreRandomAndOnlyTheirHashIsKept()
    {
        var (a, b) = (SecretTokens.New(), SecretTokens.New());
        Assert.Multiple(() =>
        {
            Assert.That(a, Is.Not.EqualTo(b));
            Assert.That(a, Has.Length.EqualTo(43).And.Match("^[A-Za-z0-9_-]+$"), "256 bits, base64url");
            Assert.That(SecretTokens.Hash(a), Is.EqualTo(SecretTokens.Hash(string.Concat(a))).And.Length.EqualTo(32), "the same token, the same hash");
            Assert.That(SecretTokens.Hash(a), Is.Not.EqualTo(SecretTokens.Hash(b)));
        });
    }

    [Test]
    public void TheCsrfTokenIsTheSessionsOwnAndNotItsStoredHash()
    {
        var session = SecretTokens.New();
        var csrf = SecretTokens.CsrfToken(session);
        Assert.Multiple(() =>
        {
            Assert.That(SecretTokens.CsrfMatches(session, csrf), Is.True);
            Assert.That(SecretTokens.CsrfMatches(SecretTokens.New(), csrf), Is.False);
            Assert.That(SecretTokens.CsrfMatches(session, null), Is.False);
            Assert.That(SecretTokens.CsrfMatches(session, csrf[..^1]), Is.False);
            Assert.That(csrf, Is.Not.EqualTo(System.Buffers.Text.Base64Url.EncodeToString(SecretTokens.Hash(session))));
        });
    }

    [Test]
    public void PasswordsNeedTwelveCharactersAndVerifyOnlyAgainstTheirHash()
    {
        var hash = Passwords.Hash("correct horse battery");
        Assert.Multiple(() =>
        {
            Assert.That(Passwords.Problem("elevenchars"), Does.Contain("at least 12 characters"));
            Assert.That(Passwords.Problem("            "), Is.Not.Null);
            Assert.That(Passwords.Problem("twelve chars"), Is.Null);
            Assert.That(hash, Does.Not.Contain("correct"));
            Assert.That(Passwords.Verify(hash, "correct horse battery"), Is.EqualTo((true, false)));
            Assert.That(Passwords.Verify(hash, "correct horse batterY").Matches, Is.False);
            Assert.That(Passwords.Verify(null, "anything at all").Matches, Is.False, "no account: never, though it takes as long");
        });
    }

    [Test]
    public void TheLockLiftsWhenTheOldestOfTheLastFailuresLeavesTheWindow()
    {
        DateTime Ago(int minutes) => Now.AddMinutes(-minutes);
        Assert.Multiple(() =>
        {
            Assert.That(SignInLockout.RetryAfter([], 5, Now), Is.Null);
            Assert.That(SignInLockout.RetryAfter([Ago(1), Ago(2), Ago(3), Ago(4)], 5, Now), Is.Null, "four failures");
            Assert.That(SignInLockout.RetryAfter([Ago(1), Ago(2), Ago(3), Ago(4), Ago(10)], 5, Now), Is.EqualTo(TimeSpan.FromMinutes(5)));
            Assert.That(SignInLockout.RetryAfter([Ago(1), Ago(2), Ago(3), Ago(4), Ago(16)], 5, Now), Is.Null, "the fifth is out of the window");
            Assert.That(SignInLockout.RetryAfter([Ago(0), Ago(0), Ago(0), Ago(0), Ago(0)], 5, Now), Is.EqualTo(SignInLockout.Window));
        });
    }
}
