using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Nejat.Cms.Api.Features.Accounts;
using Nejat.Cms.Api.Features.Editorial;
using Npgsql;

namespace Nejat.Cms.Api.Tests.Features.Accounts;

/// <summary>People sign in, keep a session cookie, send the CSRF token, sign out, are invited, locked out and disabled — over HTTP.</summary>
public sealed class AccountTests
{
    private const string Password = "a good long password";

    private CmsApp _app = null!;
    private HttpClient _admin = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await CmsApp.StartAsync();
        _admin = await _app.CreateKeyClientAsync(Roles.Admin);
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _app.DisposeAsync();

    private sealed record Person(long Id, string Email, string InvitationUrl);

    /// <summary>An account made by the admin key, not yet with a password.</summary>
    private async Task<Person> InviteAsync(string role = Roles.Editor, string[]? editions = null, HttpClient? by = null)
    {
        var email = $"Person.{Guid.NewGuid():N}@Example.org";
        var created = await (by ?? _admin).PostJsonAsync("/v1/admin/accounts", new { email, displayName = "سارا Ahmadi", role, editions });
        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created), created.Body.ToString());
        return new Person(created.Body.GetProperty("account").GetProperty("id").GetInt64(), email, created.Body.GetProperty("invitationUrl").GetString()!);
    }

    private static string TokenOf(string invitationUrl) => invitationUrl[(invitationUrl.LastIndexOf('/') + 1)..];

    /// <summary>An account with <see cref="Password"/> set through its invitation.</summary>
    private async Task<Person> PersonAsync(string role = Roles.Editor, string[]? editions = null)
    {
        var person = await InviteAsync(role, editions);
        using var client = _app.CreateClient();
        using var accepted = await client.PostAsJsonAsync($"/v1/auth/invitations/{TokenOf(person.InvitationUrl)}", new { password = Password });
        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.OK), await accepted.Content.ReadAsStringAsync());
        return person;
    }

    /// <summary>POST /v1/auth/session from a client address of the test's choosing (the tests' proxy, 127.0.0.1, is trusted).</summary>
    private async Task<HttpResponseMessage> SignInAsync(string email, string password, string address = "203.0.113.1", string? proto = null)
    {
        using var client = _app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/auth/session") { Content = JsonContent.Create(new { email, password }) };
        request.Headers.Add("X-Forwarded-For", address);
        if (proto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", proto);
        }

        return await client.SendAsync(request);
    }

    /// <summary>A client that sends the session cookie of a sign-in (and no CSRF token unless given).</summary>
    private HttpClient SessionClient(HttpResponseMessage signIn, string? csrf = null)
    {
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Add("Cookie", CookieOf(signIn).Split(';')[0]);
        if (csrf is not null)
        {
            client.DefaultRequestHeaders.Add("X-CSRF-Token", csrf);
        }

        return client;
    }

    private static string CookieOf(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("nejat_session=", StringComparison.Ordinal));

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    [Test]
    public async Task SignInAnswersTheAccountAndSetsAnHttpOnlyStrictCookieSecureOverHttps()
    {
        var person = await PersonAsync(Roles.Author, ["fa"]);
        using var plain = await SignInAsync(person.Email.ToUpperInvariant(), Password);
        using var secure = await SignInAsync(person.Email, Password, proto: "https");
        var body = await JsonOf(plain);
        Assert.Multiple(() =>
        {
            Assert.That(plain.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
            Assert.That(body.GetProperty("account").GetProperty("id").GetInt64(), Is.EqualTo(person.Id));
            Assert.That(body.GetProperty("account").GetProperty("role").GetString(), Is.EqualTo(Roles.Author));
            Assert.That(body.GetProperty("account").GetProperty("editions")[0].GetString(), Is.EqualTo("fa"));
            Assert.That(body.GetProperty("account").GetProperty("lastSignInAt").ValueKind, Is.EqualTo(JsonValueKind.String));
            Assert.That(body.GetProperty("csrfToken").GetString(), Has.Length.GreaterThan(20));
            var cookie = CookieOf(plain).ToLowerInvariant();
            Assert.That(cookie, Does.Contain("httponly").And.Contain("samesite=strict").And.Contain("path=/").And.Contain("max-age=1209600"));
            Assert.That(cookie, Does.Not.Contain("secure"), "over plain HTTP the cookie cannot be Secure");
            Assert.That(CookieOf(secure).ToLowerInvariant(), Does.Contain("secure").And.Contain("httponly").And.Contain("samesite=strict"));
        });

        using var session = SessionClient(plain);
        var current = await session.SendAsync(HttpMethod.Get, "/v1/auth/session");
        Assert.That(current.Status, Is.EqualTo(HttpStatusCode.OK), current.Body.ToString());
        Assert.That(current.Body.GetProperty("csrfToken").GetString(), Is.EqualTo(body.GetProperty("csrfToken").GetString()));
    }

    [Test]
    public async Task AWrongPasswordAndAnUnknownEmailGetTheSameAnswer()
    {
        var person = await PersonAsync();
        using var wrong = await SignInAsync(person.Email, "not the password at all", "203.0.113.2");
        using var unknown = await SignInAsync($"nobody.{Guid.NewGuid():N}@example.org", Password, "203.0.113.2");
        var (wrongBody, unknownBody) = (await JsonOf(wrong), await JsonOf(unknown));
        Assert.Multiple(() =>
        {
            Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(wrong.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(unknownBody.GetProperty("title").GetString(), Is.EqualTo(wrongBody.GetProperty("title").GetString()));
            Assert.That(unknownBody.GetProperty("detail").GetString(), Is.EqualTo(wrongBody.GetProperty("detail").GetString()));
            Assert.That(wrong.Headers.Contains("Set-Cookie"), Is.False);
        });
    }

    [Test]
    public async Task FiveFailuresLockTheEmailOutEvenForTheRightPasswordWithRetryAfter()
    {
        var person = await PersonAsync();
        for (var i = 0; i < SignInLockout.PerEmail; i++)
        {
            // From several addresses: the lock is the email's.
            using var failed = await SignInAsync(person.Email, $"wrong password {i}", $"198.51.100.{i + 1}");
            Assert.That(failed.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }

        using var locked = await SignInAsync(person.Email, Password, "198.51.100.99");
        var problem = await JsonOf(locked);
        Assert.Multiple(() =>
        {
            Assert.That(locked.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests), problem.ToString());
            Assert.That(locked.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(locked.Headers.RetryAfter?.Delta?.TotalSeconds, Is.InRange(60, SignInLockout.Window.TotalSeconds));
            Assert.That(locked.Headers.Contains("Set-Cookie"), Is.False);
        });
    }

    [Test]
    public async Task TwentyFailuresLockTheClientAddressOutForEveryEmail()
    {
        var person = await PersonAsync();
        for (var i = 0; i < SignInLockout.PerAddress; i++)
        {
            using var failed = await SignInAsync($"guess{i}.{Guid.NewGuid():N}@example.org", Password, "192.0.2.77");
            Assert.That(failed.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }

        using var locked = await SignInAsync(person.Email, Password, "192.0.2.77");
        using var elsewhere = await SignInAsync(person.Email, Password, "192.0.2.78");
        Assert.Multiple(() =>
        {
            Assert.That(locked.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(locked.Headers.RetryAfter?.Delta, Is.Not.Null);
            Assert.That(elsewhere.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the person signs in from another address");
        });
    }

    [Test]
    public async Task WritesWithTheCookieNeedTheCsrfTokenAndReadsDoNot()
    {
        var person = await PersonAsync(Roles.Editor, ["fa"]);
        using var signIn = await SignInAsync(person.Email, Password);
        var csrf = (await JsonOf(signIn)).GetProperty("csrfToken").GetString()!;
        using var without = SessionClient(signIn);
        using var wrong = SessionClient(signIn, csrf[..^2] + "xx");
        using var with = SessionClient(signIn, csrf);
        var tag = new { edition = "fa", name = $"برچسب {Guid.NewGuid():N}" };

        var missing = await without.PostJsonAsync("/v1/admin/tags", tag);
        var mismatched = await wrong.PostJsonAsync("/v1/admin/tags", tag);
        var read = await without.SendAsync(HttpMethod.Get, "/v1/admin/tags?edition=fa");
        var created = await with.PostJsonAsync("/v1/admin/tags", tag);
        var signOutWithout = await without.SendAsync(HttpMethod.Delete, "/v1/auth/session");
        Assert.Multiple(() =>
        {
            Assert.That(missing.Status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(missing.ContentType, Is.EqualTo("application/problem+json"));
            Assert.That(missing.Body.GetProperty("title").GetString(), Is.EqualTo("CSRF token required"));
            Assert.That(missing.Body.GetProperty("detail").GetString(), Does.Contain("X-CSRF-Token"));
            Assert.That(mismatched.Status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(read.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created), created.Body.ToString());
            Assert.That(signOutWithout.Status, Is.EqualTo(HttpStatusCode.Forbidden), "signing out needs the token too");
        });
    }

    [Test]
    public async Task AdminRoutesWithoutAKeyOrASessionStay401ProblemsWithoutARedirect()
    {
        using var anonymous = _app.CreateClient();
        using var stale = _app.CreateClient();
        stale.DefaultRequestHeaders.Add("Cookie", "nejat_session=not-a-session");
        var none = await anonymous.SendAsync(HttpMethod.Get, "/v1/admin/posts?edition=fa");
        var ended = await stale.SendAsync(HttpMethod.Get, "/v1/admin/posts?edition=fa");
        var session = await anonymous.SendAsync(HttpMethod.Get, "/v1/auth/session");
        Assert.Multiple(() =>
        {
            Assert.That(none.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(none.ContentType, Is.EqualTo("application/problem+json"));
            Assert.That(ended.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(ended.Body.GetProperty("title").GetString(), Is.EqualTo(AccountProblems.SignInRequiredTitle));
            Assert.That(session.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
        });
    }

    [Test]
    public async Task SignOutEndsThisSessionAndSignOutEverywhereEndsTheOthers()
    {
        var person = await PersonAsync();
        using var first = await SignInAsync(person.Email, Password);
        using var second = await SignInAsync(person.Email, Password);
        using var third = await SignInAsync(person.Email, Password);
        using var one = SessionClient(first, (await JsonOf(first)).GetProperty("csrfToken").GetString());
        using var two = SessionClient(second, (await JsonOf(second)).GetProperty("csrfToken").GetString());
        using var three = SessionClient(third);

        using var signOut = await one.DeleteAsync("/v1/auth/session");
        Assert.That(signOut.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(CookieOf(signOut), Does.Contain("expires=Thu, 01 Jan 1970"), "the cookie is cleared");
        Assert.That((await one.SendAsync(HttpMethod.Get, "/v1/auth/session")).Status, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await two.SendAsync(HttpMethod.Get, "/v1/auth/session")).Status, Is.EqualTo(HttpStatusCode.OK));

        Assert.That((await two.SendAsync(HttpMethod.Delete, "/v1/auth/sessions")).Status, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await two.SendAsync(HttpMethod.Get, "/v1/auth/session")).Status, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await three.SendAsync(HttpMethod.Get, "/v1/admin/tags?edition=fa")).Status, Is.EqualTo(HttpStatusCode.Unauthorized), "every session ended");
    }

    [Test]
    public async Task AnInvitationShowsWhoItIsForRefusesAWeakPasswordAndWorksOnce()
    {
        var person = await InviteAsync(Roles.Author, ["fa", "ar"]);
        var token = TokenOf(person.InvitationUrl);
        Assert.That(person.InvitationUrl, Does.StartWith(_app.ClientOptions.BaseAddress.ToString().TrimEnd('/') + "/admin/#/invitation/"));
        using var client = _app.CreateClient();

        var info = await client.SendAsync(HttpMethod.Get, $"/v1/auth/invitations/{token}");
        var weak = await client.PostJsonAsync($"/v1/auth/invitations/{token}", new { password = "short" });
        using var accepted = await client.PostAsJsonAsync($"/v1/auth/invitations/{token}", new { password = Password, displayName = "Sara A." });
        var again = await client.PostJsonAsync($"/v1/auth/invitations/{token}", new { password = Password });
        var infoAgain = await client.SendAsync(HttpMethod.Get, $"/v1/auth/invitations/{token}");
        var signedIn = await JsonOf(accepted);
        Assert.Multiple(() =>
        {
            Assert.That(info.Status, Is.EqualTo(HttpStatusCode.OK), info.Body.ToString());
            Assert.That(info.Body.GetProperty("email").GetString(), Is.EqualTo(person.Email));
            Assert.That(info.Body.GetProperty("role").GetString(), Is.EqualTo(Roles.Author));
            Assert.That(info.Body.GetProperty("editions").GetArrayLength(), Is.EqualTo(2));
            Assert.That(weak.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(weak.Body.GetProperty("errors").GetProperty("password")[0].GetString(), Does.Contain("at least 12 characters"));
            Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.OK), signedIn.ToString());
            Assert.That(signedIn.GetProperty("account").GetProperty("displayName").GetString(), Is.EqualTo("Sara A."));
            Assert.That(CookieOf(accepted), Does.StartWith("nejat_session="));
            Assert.That(again.Status, Is.EqualTo(HttpStatusCode.NotFound), "an invitation works once");
            Assert.That(infoAgain.Status, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task AnExpiredOrReplacedInvitationIsNotFound()
    {
        var expiring = await InviteAsync();
        await using (var conn = new NpgsqlConnection(_app.ConnectionString))
        {
            await conn.OpenAsync();
            await using var age = new NpgsqlCommand("UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE account_id = @id", conn);
            age.Parameters.AddWithValue("id", expiring.Id);
            Assert.That(await age.ExecuteNonQueryAsync(), Is.EqualTo(1));
        }

        var replaced = await InviteAsync();
        var fresh = await _admin.PostJsonAsync($"/v1/admin/accounts/{replaced.Id}/invitation", new { });
        using var client = _app.CreateClient();
        var expired = await client.PostJsonAsync($"/v1/auth/invitations/{TokenOf(expiring.InvitationUrl)}", new { password = Password });
        var old = await client.SendAsync(HttpMethod.Get, $"/v1/auth/invitations/{TokenOf(replaced.InvitationUrl)}");
        var current = await client.SendAsync(HttpMethod.Get, $"/v1/auth/invitations/{TokenOf(fresh.Body.GetProperty("invitationUrl").GetString()!)}");
        var unknown = await client.SendAsync(HttpMethod.Get, "/v1/auth/invitations/no-such-token");
        Assert.Multiple(() =>
        {
            Assert.That(expired.Status, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(expired.Body.GetProperty("title").GetString(), Is.EqualTo("Invitation not found"));
            Assert.That(fresh.Status, Is.EqualTo(HttpStatusCode.OK), fresh.Body.ToString());
            Assert.That(old.Status, Is.EqualTo(HttpStatusCode.NotFound), "a new link replaces the old");
            Assert.That(current.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(unknown.Status, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task DisablingAnAccountEndsItsSessionsAndRefusesItsSignIn()
    {
        var person = await PersonAsync();
        using var signIn = await SignInAsync(person.Email, Password);
        using var session = SessionClient(signIn);
        Assert.That((await session.SendAsync(HttpMethod.Get, "/v1/admin/tags?edition=fa")).Status, Is.EqualTo(HttpStatusCode.OK));

        var disabled = await _admin.SendAsync(HttpMethod.Patch, $"/v1/admin/accounts/{person.Id}", new { disabled = true }, contentType: "application/merge-patch+json");
        Assert.That(disabled.Status, Is.EqualTo(HttpStatusCode.OK), disabled.Body.ToString());
        Assert.That(disabled.Body.GetProperty("disabled").GetBoolean(), Is.True);
        Assert.That((await session.SendAsync(HttpMethod.Get, "/v1/admin/tags?edition=fa")).Status, Is.EqualTo(HttpStatusCode.Unauthorized));
        using var refused = await SignInAsync(person.Email, Password);
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await JsonOf(refused)).GetProperty("title").GetString(), Is.EqualTo("Account disabled"));

        await _admin.SendAsync(HttpMethod.Patch, $"/v1/admin/accounts/{person.Id}", new { disabled = false }, contentType: "application/merge-patch+json");
        using var back = await SignInAsync(person.Email, Password);
        Assert.That(back.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task AnAdminOfSomeEditionsManagesOnlyAccountsOfThoseEditions()
    {
        var farsiAdmin = await _app.CreateKeyClientAsync(Roles.Admin, "fa");
        var farsiSession = await _app.CreateSessionClientAsync(Roles.Admin, "fa");
        var everyEdition = await InviteAsync(Roles.Editor);
        foreach (var client in new[] { farsiAdmin, farsiSession })
        {
            var allAdmin = await client.PostJsonAsync("/v1/admin/accounts", new { email = $"{Guid.NewGuid():N}@example.org", displayName = "Root", role = Roles.Admin });
            var english = await client.PostJsonAsync("/v1/admin/accounts", new { email = $"{Guid.NewGuid():N}@example.org", displayName = "En", role = Roles.Editor, editions = new[] { "en" } });
            var farsi = await client.PostJsonAsync("/v1/admin/accounts", new { email = $"{Guid.NewGuid():N}@example.org", displayName = "Fa", role = Roles.Editor, editions = new[] { "fa" } });
            var widen = await client.SendAsync(HttpMethod.Patch, $"/v1/admin/accounts/{farsi.Body.GetProperty("account").GetProperty("id").GetInt64()}",
                new { editions = (string[]?)null }, contentType: "application/merge-patch+json");
            var disableOther = await client.SendAsync(HttpMethod.Patch, $"/v1/admin/accounts/{everyEdition.Id}", new { disabled = true }, contentType: "application/merge-patch+json");
            var list = await client.SendAsync(HttpMethod.Get, "/v1/admin/accounts?perPage=100");
            Assert.Multiple(() =>
            {
                Assert.That(allAdmin.Status, Is.EqualTo(HttpStatusCode.Forbidden), allAdmin.Body.ToString());
                Assert.That(allAdmin.Body.GetProperty("detail").GetString(), Does.Contain("all editions"));
                Assert.That(english.Status, Is.EqualTo(HttpStatusCode.Forbidden));
                Assert.That(farsi.Status, Is.EqualTo(HttpStatusCode.Created), farsi.Body.ToString());
                Assert.That(widen.Status, Is.EqualTo(HttpStatusCode.Forbidden), "editions: null is every edition, which it does not hold");
                Assert.That(disableOther.Status, Is.EqualTo(HttpStatusCode.Forbidden));
                Assert.That(list.Body.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("editions").ValueKind), Has.None.EqualTo(JsonValueKind.Null));
                Assert.That(list.Body.GetProperty("items").EnumerateArray().SelectMany(a => a.GetProperty("editions").EnumerateArray()).Select(e => e.GetString()),
                    Is.All.EqualTo("fa"));
            });
        }
    }

    [Test]
    public async Task ANewAccountsEmailMustBeFreeAndWellFormed()
    {
        var person = await InviteAsync();
        var taken = await _admin.PostJsonAsync("/v1/admin/accounts", new { email = person.Email.ToLowerInvariant(), displayName = "Twin", role = Roles.Editor });
        var bad = await _admin.PostJsonAsync("/v1/admin/accounts", new { email = "not an email", displayName = "", role = "chief" });
        Assert.Multiple(() =>
        {
            Assert.That(taken.Status, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(bad.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(bad.Body.GetProperty("errors").EnumerateObject().Select(e => e.Name), Is.EquivalentTo(new[] { "email", "displayName", "role" }));
        });
    }

    [Test]
    public async Task TheAuditNamesThePersonWhoMadeAChange()
    {
        var person = await PersonAsync(Roles.Editor, ["fa"]);
        using var signIn = await SignInAsync(person.Email, Password);
        using var session = SessionClient(signIn, (await JsonOf(signIn)).GetProperty("csrfToken").GetString());
        var tag = await session.PostJsonAsync("/v1/admin/tags", new { edition = "fa", name = $"سیاست {Guid.NewGuid():N}" });
        Assert.That(tag.Status, Is.EqualTo(HttpStatusCode.Created), tag.Body.ToString());

        var audit = await _admin.GetFromJsonAsync("/v1/admin/audit?action=tags.create&perPage=100");
        var entry = audit.GetProperty("items").EnumerateArray().First(e => e.GetProperty("resource").GetString() == $"tags/{tag.Body.GetProperty("id").GetInt64()}");
        var keyEntry = (await _admin.GetFromJsonAsync("/v1/admin/audit?action=accounts.create&perPage=1")).GetProperty("items")[0];
        Assert.Multiple(() =>
        {
            Assert.That(entry.GetProperty("actor").GetProperty("kind").GetString(), Is.EqualTo("account"));
            Assert.That(entry.GetProperty("actor").GetProperty("id").GetInt64(), Is.EqualTo(person.Id));
            Assert.That(entry.GetProperty("actor").GetProperty("name").GetString(), Is.EqualTo("سارا Ahmadi"));
            Assert.That(keyEntry.GetProperty("actor").GetProperty("kind").GetString(), Is.EqualTo("key"));
        });
    }

    [Test]
    public async Task TheAccountsCommandCreatesAnAccountWhoseLinkWorksAndListsIt()
    {
        var email = $"cli.{Guid.NewGuid():N}@example.org";
        using var output = new StringWriter();
        var exitCode = await AccountsCommand.RunAsync(
            ["accounts", "create", "--email", email, "--name", "نسرین", "--role", "editor", "--editions", "fa,ar", "--base-url", "https://cms.example.org/"],
            _app.ConnectionString, null, output);
        var url = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last();
        using var again = new StringWriter();
        var twice = await AccountsCommand.RunAsync(["accounts", "create", "--email", email, "--name", "x", "--role", "editor"], _app.ConnectionString, null, again);
        using var list = new StringWriter();
        await AccountsCommand.RunAsync(["accounts", "list"], _app.ConnectionString, null, list);
        var info = await _app.CreateClient().SendAsync(HttpMethod.Get, $"/v1/auth/invitations/{TokenOf(url)}");
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, output.ToString());
            Assert.That(url, Does.StartWith("https://cms.example.org/admin/#/invitation/"));
            Assert.That(info.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(info.Body.GetProperty("displayName").GetString(), Is.EqualTo("نسرین"));
            Assert.That(twice, Is.EqualTo(1));
            Assert.That(again.ToString(), Does.Contain("exists already"));
            Assert.That(list.ToString(), Does.Contain(email).And.Contain("fa,ar").And.Contain("never signed in"));
            Assert.That(AccountsCommand.BaseUrlOf("http://+:8080;https://+:8443"), Is.EqualTo("http://localhost:8080"));
            Assert.That(AccountsCommand.BaseUrlOf(null), Is.EqualTo(AccountsCommand.DefaultBaseUrl));
        });
    }
}
