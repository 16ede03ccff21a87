using System.Text.Encodings.Web;
using System.Text.Json;

namespace Nejat.Cms.Api.Startup;

/// <summary>
/// The lines the program prints itself around the host (settings, database, migrations, URLs, start-up
/// errors): plain text, or with Logging:Console:FormatterName=json one JSON object per line shaped like
/// the console logger's JSON lines, so that every line the service writes parses as JSON.
/// </summary>
internal sealed class StartupOutput(bool json)
{
    public const string Category = "Nejat.Cms.Startup";

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static StartupOutput For(IConfiguration configuration) =>
        new(string.Equals(configuration["Logging:Console:FormatterName"], "json", StringComparison.OrdinalIgnoreCase));

    public void Info(string message) => Console.Out.WriteLine(Line(message, "Information"));

    public Task ErrorAsync(string message) => Console.Error.WriteLineAsync(Line(message, "Error"));

    private string Line(string message, string level)
    {
        if (!json)
        {
            return message;
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            writer.WriteString("Timestamp", DateTimeOffset.UtcNow);
            writer.WriteNumber("EventId", 0);
            writer.WriteString("LogLevel", level);
            writer.WriteString("Category", Category);
            writer.WriteString("Message", message);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
