using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Nejat.Cms.Api.Features.Editorial;

namespace Nejat.Cms.Api.Features.Accounts;

/// <summary>The refusals of sign-in and of account administration, with stable titles.</summary>
internal static class AccountProblems
{
    public const string SignInRequiredTitle = "Sign-in required";

    /// <summary>The same answer for an unknown email as for a wrong password, so it says nothing about who has an account.</summary>
    public static ProblemHttpResult WrongCredentials() =>
        TypedResults.Problem("The email or the password is wrong.", statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed");

    /// <summary>Only told to someone who gave the right password.</summary>
    public static ProblemHttpResult Disabled() =>
        TypedResults.Problem("This account is disabled; an admin can enable it again.", statusCode: StatusCodes.Status403Forbidden, title: "Account disabled");

    public static ProblemHttpResult LockedOut(HttpResponse response, TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            $"Too many failed sign-ins for this email or from this address: try again in {seconds} s (even the right password is refused until then).",
            statusCode: StatusCodes.Status429TooManyRequests, title: "Too many sign-in attempts");
    }

    public static ProblemHttpResult InvitationNotFound() => EditorialProblems.NotFound(
        "Invitation not found", "This invitation link is unknown, already used, replaced by a newer one or older than 7 days: ask an admin for a new one.");

    public static ProblemHttpResult AccountNotFound(long id) => EditorialProblems.NotFound("Account not found", $"There is no account with id {id}.");

    public static ProblemHttpResult EmailTaken(string email) =>
        EditorialProblems.Conflict("Email taken", $"An account with the email '{email}' exists already.");

    public static ProblemHttpResult AccountDisabled(long id) =>
        EditorialProblems.Conflict("Account disabled", $"Account {id} is disabled: enable it (PATCH disabled: false) before inviting the person again.");

    public static ProblemHttpResult NotAdmin(EditorKey key) => EditorialProblems.Forbidden(key, "manage accounts", "role admin");

    public static ProblemHttpResult Exceeds(EditorKey key, string verb, string role, string[]? editions) =>
        EditorialProblems.Forbidden(key, $"{verb} an account of role {role} for {(editions is null ? "all editions" : string.Join(", ", editions))}",
            $"as much itself (role {role} or higher, and those editions): nobody grants more than they hold");
}
