#:sdk Microsoft.NET.Sdk.Web

// The HTTP ceiling of run.sh: Kestrel on this machine answering every request with the same bytes
// from memory, with nothing else in the pipeline. No API answer can be faster.
//   dotnet run tests/Nejat.Cms.Bench/http-ceiling.cs -- BODY_FILE http://127.0.0.1:5090
var body = await File.ReadAllBytesAsync(args[0]);
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
await using var app = builder.Build();
app.Run(async context =>
{
    context.Response.ContentType = "application/json; charset=utf-8";
    context.Response.ContentLength = body.Length;
    await context.Response.Body.WriteAsync(body);
});
await app.RunAsync(args[1]);
