using DbUp;
using DbUp.Engine;
using Npgsql;

namespace Nejat.Cms.Api.Database;

/// <summary>Applies the embedded SQL migrations (Database/Migrations/NNNN_name.sql) in name order.</summary>
internal static class Migrator
{
    // DbUp takes no lock of its own, so concurrent starts serialise on this session-level advisory lock.
    // It is released when the session ends, so a crashed instance cannot leave it held.
    private const long MigrationLockKey = 0x4E656A6174_01; // "Nejat" + 1

    internal static readonly string[] ScriptNames = typeof(Migrator).Assembly.GetManifestResourceNames()
        .Where(IsMigration)
        .Order(StringComparer.Ordinal)
        .ToArray();

    public static async Task MigrateAsync(string connectionString, Action<string> report, CancellationToken ct = default)
    {
        // Migrating happens once per start, on connections of its own (the lock's and DbUp's): none idles on
        // afterwards, and however small the configured pool, it is not the pool's to share.
        connectionString = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
        await using var lockConnection = new NpgsqlConnection(connectionString);
        await lockConnection.OpenAsync(ct);
        await using (var acquire = new NpgsqlCommand("SELECT pg_advisory_lock($1)", lockConnection))
        {
            acquire.Parameters.Add(new NpgsqlParameter<long> { TypedValue = MigrationLockKey });
            await acquire.ExecuteNonQueryAsync(ct);
        }

        var upgrader = DeployChanges.To
            .PostgresqlDatabase(connectionString)
            .WithScriptsEmbeddedInAssembly(typeof(Migrator).Assembly, IsMigration)
            .WithTransactionPerScript()
            // No time limit (0 for Npgsql): a script filling a column of 100,000 posts runs for
            // minutes, and one cut short by a timeout only rolls back and fails the start.
            .WithExecutionTimeout(TimeSpan.Zero)
            .LogToNowhere()
            .Build();
        var result = upgrader.PerformUpgrade();
        if (!result.Successful)
        {
            throw new MigrationException(result.ErrorScript, result.Error);
        }

        foreach (var script in result.Scripts)
        {
            report($"Applied migration {ShortName(script)}.");
        }

        await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", lockConnection);
        release.Parameters.Add(new NpgsqlParameter<long> { TypedValue = MigrationLockKey });
        await release.ExecuteNonQueryAsync(ct);
    }

    /// <summary>True when every embedded migration is recorded as applied (one round trip).</summary>
    public static async Task<bool> IsUpToDateAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var command = db.CreateCommand(
            "SELECT count(*) FROM schemaversions WHERE scriptname = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = ScriptNames });
        return (long)(await command.ExecuteScalarAsync(ct) ?? 0L) == ScriptNames.Length;
    }

    private static bool IsMigration(string resourceName) => resourceName.Contains(".Database.Migrations.", StringComparison.Ordinal);

    private static string ShortName(SqlScript script) => script.Name[(script.Name.IndexOf(".Migrations.", StringComparison.Ordinal) + 12)..];
}

internal sealed class MigrationException(SqlScript? script, Exception? inner)
    : Exception($"Migration {script?.Name ?? "(unknown)"} failed: {inner?.Message}", inner);
