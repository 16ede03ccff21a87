using Npgsql;

namespace Nejat.Cms.Api.Features.Accounts;

/// <summary>
/// <c>accounts create --email E --name N --role R [--editions fa,ar] [--base-url URL]</c> prints the new
/// person's invitation link; <c>accounts list</c> lists the accounts. The first admin needs nothing else.
/// </summary>
internal static class AccountsCommand
{
    public const string Usage = "Usage: dotnet run --project src/Nejat.Cms.Api -- accounts create --email EMAIL --name \"NAME\" "
        + "--role admin|editor|author|previewer [--editions fa,ar] [--base-url URL], or: accounts list";

    /// <summary>Where invitation links point when neither --base-url nor the urls setting says.</summary>
    public const string DefaultBaseUrl = "http://localhost:5000";

    private sealed record CreateOptions(CreateAccountRequest Request, string? BaseUrl);

    public static async Task<int> RunAsync(string[] args, string connectionString, string? configuredUrls, TextWriter output, CancellationToken ct = default)
    {
        var list = args is ["accounts", "list"];
        if (!list && !TryReadCreate(args, out _))
        {
            await output.WriteLineAsync(Usage);
            return 2;
        }

        await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await conn.OpenAsync(ct);
        if (list)
        {
            await ListAsync(conn, output, ct);
            return 0;
        }

        TryReadCreate(args, out var create);
        var errors = await AccountStore.ValidateAsync(conn, create.Request, ct);
        if (errors.Count > 0)
        {
            foreach (var problem in errors.Values.SelectMany(p => p))
            {
                await output.WriteLineAsync(problem);
            }

            return 1;
        }

        await using var tx = await conn.BeginTransactionAsync(ct);
        if (await AccountStore.CreateAsync(conn, tx, create.Request, "command line", ct) is not { } account)
        {
            await output.WriteLineAsync($"An account with the email '{create.Request.Email}' exists already (accounts list shows them).");
            return 1;
        }

        var token = await Invitations.ReplaceAsync(conn, tx, account.Id, ct);
        await tx.CommitAsync(ct);
        await output.WriteLineAsync($"Created account {account.Id} '{account.DisplayName}' <{account.Email}> ({account.Role}, {Editions(account.Editions)}). "
            + $"The person sets a password within {Invitations.Lifetime.TotalDays} days at:");
        await output.WriteLineAsync(Invitations.Url(create.BaseUrl ?? BaseUrlOf(configuredUrls), token));
        return 0;
    }

    /// <summary>Whether the arguments are a complete <c>accounts</c> command (checked before the database starts, too).</summary>
    public static bool IsValid(string[] args) => args is ["accounts", "list"] || TryReadCreate(args, out _);

    /// <summary>The first of the configured listening URLs (the urls setting), as a browser reaches it; else <see cref="DefaultBaseUrl"/>.</summary>
    public static string BaseUrlOf(string? urls) =>
        urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() is { } first
            ? first.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal)
                .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).Replace("://[::]", "://localhost", StringComparison.Ordinal)
            : DefaultBaseUrl;

    private static async Task ListAsync(NpgsqlConnection conn, TextWriter output, CancellationToken ct)
    {
        var all = await AccountStore.ListAllAsync(conn, ct);
        if (all.Length == 0)
        {
            await output.WriteLineAsync("No accounts yet: `accounts create` makes one (see --help).");
        }

        foreach (var a in all)
        {
            await output.WriteLineAsync($"{a.Id}\t{a.Email}\t{a.DisplayName}\t{a.Role}\t{Editions(a.Editions)}\t"
                + (a.Disabled ? "disabled" : a.LastSignInAt is { } at ? $"last signed in {at:yyyy-MM-dd HH:mm}Z" : "never signed in"));
        }
    }

    private static string Editions(string[]? editions) => editions is null ? "all editions" : string.Join(",", editions);

    private static bool TryReadCreate(string[] args, out CreateOptions create)
    {
        create = new CreateOptions(new CreateAccountRequest(null, null, null, null), null);
        if (args is not ["accounts", "create", .. var options] || options.Length % 2 != 0)
        {
            return false;
        }

        string? email = null, name = null, role = null, baseUrl = null;
        string[]? editions = null;
        for (var i = 0; i < options.Length; i += 2)
        {
            switch (options[i])
            {
                case "--email": email = options[i + 1]; break;
                case "--name": name = options[i + 1]; break;
                case "--role": role = options[i + 1]; break;
                case "--editions": editions = options[i + 1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries); break;
                case "--base-url": baseUrl = options[i + 1]; break;
                default: return false;
            }
        }

        create = new CreateOptions(new CreateAccountRequest(email, name, role, editions), baseUrl);
        return email is not null && name is not null && role is not null;
    }
}
