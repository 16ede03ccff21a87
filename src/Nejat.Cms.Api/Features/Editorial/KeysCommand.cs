using Npgsql;

namespace Nejat.Cms.Api.Features.Editorial;

/// <summary><c>keys create --name N --role R [--editions fa,ar]</c>: prints a new API key.</summary>
internal static class KeysCommand
{
    public const string Usage = "Usage: dotnet run --project src/Nejat.Cms.Api -- keys create --name NAME --role admin|editor|author|previewer [--editions fa,ar]";

    public static async Task<int> RunAsync(string[] args, string connectionString, TextWriter output, CancellationToken ct = default)
    {
        if (!TryReadArguments(args, out var request))
        {
            await output.WriteLineAsync(Usage);
            return 2;
        }

        await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await conn.OpenAsync(ct);
        var errors = await ApiKeyStore.ValidateAsync(conn, request, ct);
        if (errors.Count > 0)
        {
            foreach (var problem in errors.Values.SelectMany(p => p))
            {
                await output.WriteLineAsync(problem);
            }

            return 1;
        }

        var created = await ApiKeyStore.CreateAsync(conn, null, request, "command line", ct);
        var editions = created.Info.Editions is { } list ? string.Join(",", list) : "all editions";
        await output.WriteLineAsync($"Created API key {created.Info.Id} '{created.Info.Name}' ({created.Info.Role}, {editions}). It is shown only now:");
        await output.WriteLineAsync(created.Key);
        return 0;
    }

    /// <summary>Whether the arguments are a complete <c>keys create</c> command (checked before the database starts, too).</summary>
    public static bool TryReadArguments(string[] args, out CreateApiKeyRequest request)
    {
        request = new CreateApiKeyRequest(null, null, null);
        return args is ["keys", "create", .. var options] && TryReadOptions(options, out request);
    }

    private static bool TryReadOptions(string[] options, out CreateApiKeyRequest request)
    {
        string? name = null, role = null;
        string[]? editions = null;
        for (var i = 0; i + 1 < options.Length; i += 2)
        {
            switch (options[i])
            {
                case "--name": name = options[i + 1]; break;
                case "--role": role = options[i + 1]; break;
                case "--editions": editions = options[i + 1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries); break;
                default:
                    request = new CreateApiKeyRequest(null, null, null);
                    return false;
            }
        }

        request = new CreateApiKeyRequest(name, role, editions);
        return options.Length % 2 == 0 && name is not null && role is not null;
    }
}
