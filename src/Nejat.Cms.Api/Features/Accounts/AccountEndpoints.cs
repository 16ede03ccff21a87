using System.ComponentModel;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Nejat.Cms.Api.Features.Editorial;
using Nejat.Cms.Api.Hosting;
using Npgsql;

namespace Nejat.Cms.Api.Features.Accounts;

/// <summary>/v1/admin/accounts: admins manage the people who sign in.</summary>
internal static class AccountEndpoints
{
    public static RouteGroupBuilder MapAccounts(this RouteGroupBuilder admin)
    {
        var accounts = admin.MapGroup("/accounts").WithTags("Admin: accounts").ProducesProblem(StatusCodes.Status403Forbidden);

        accounts.MapGet("/", ListAccounts)
            .WithName(nameof(ListAccounts))
            .WithSummary("List accounts (admin)")
            .WithDescription("People who sign in, oldest first. An admin of some editions sees the accounts of no more than its editions.");

        accounts.MapPost("/", CreateAccount)
            .WithName(nameof(CreateAccount))
            .WithSummary("Create an account and its invitation (admin)")
            .WithDescription("Roles: admin, editor, author, previewer; leave editions out (or null) for all editions. An account never grants more than its "
                + "creator holds. The person has no password yet: send them invitationUrl, where they choose one within 7 days.")
            .WithRequestExample("""{"email": "sara@example.org", "displayName": "Sara Ahmadi", "role": "editor", "editions": ["fa"]}""")
            .ProducesProblem(StatusCodes.Status409Conflict);

        accounts.MapPost("/{id:long}/invitation", InviteAgain)
            .WithName(nameof(InviteAgain))
            .WithSummary("A new invitation link (admin)")
            .WithDescription("For a person who lost the link or forgot the password: a fresh link, valid for 7 days; earlier links stop working.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        accounts.MapPatch("/{id:long}", ChangeAccount)
            .WithName(nameof(ChangeAccount))
            .WithSummary("Change an account (admin)")
            .WithDescription("A JSON merge patch of displayName, role, editions (null: all) and disabled. Disabling ends the person's sessions at once; "
                + "a change of role or editions applies to their next request.")
            .WithMergePatchOf<AccountChange>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        accounts.MapDelete("/{id:long}", DeleteAccount)
            .WithName(nameof(DeleteAccount))
            .WithSummary("Remove an account (admin)")
            .WithDescription("Ends the person's sessions and removes the account; the audit log keeps their name on what they did.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return admin;
    }

    public static Task<Results<Ok<ListEnvelope<Account>>, ProblemHttpResult, ValidationProblem>> ListAccounts(
        [AsParameters] PageQuery paging, EditorKey key, NpgsqlDataSource db, IOptions<CmsOptions> options, HttpRequest request, CancellationToken ct) =>
        AccountAdministration.ListAsync(paging, key, db, options.Value, request, ct);

    public static Task<Results<Created<CreatedAccount>, ProblemHttpResult, ValidationProblem>> CreateAccount(
        Body<CreateAccountRequest> body, EditorKey key, NpgsqlDataSource db, HttpContext http, CancellationToken ct) =>
        AccountAdministration.CreateAsync(body.Value, key, db, http, ct);

    public static Task<Results<Ok<InvitationLink>, ProblemHttpResult>> InviteAgain(
        [Description("The account's id, from the account list.")] long id, EditorKey key, NpgsqlDataSource db, HttpContext http, CancellationToken ct) =>
        AccountAdministration.InviteAsync(id, key, db, http, ct);

    public static Task<Results<Ok<Account>, ProblemHttpResult, ValidationProblem>> ChangeAccount(
        [Description("The account's id, from the account list.")] long id, Body<JsonObject> patch, EditorKey key, NpgsqlDataSource db, HttpContext http, CancellationToken ct) =>
        AccountAdministration.ChangeAsync(id, patch.Value, key, db, http, ct);

    public static Task<Results<NoContent, ProblemHttpResult>> DeleteAccount(
        [Description("The account's id, from the account list.")] long id, EditorKey key, NpgsqlDataSource db, HttpContext http, CancellationToken ct) =>
        AccountAdministration.DeleteAsync(id, key, db, http, ct);
}
