using Nejat.Cms.Api.Database;
using Nejat.Cms.Api.Features.Authors;
using Nejat.Cms.Api.Features.Editions;
using Nejat.Cms.Api.Features.Posts;
using Nejat.Cms.Api.Features.Tags;
using Nejat.Cms.Api.Hosting;
using Nejat.Cms.Api.Import;

// `-- import FILE` loads a JSON Lines file instead of serving.
var import = args is ["import", ..];
var builder = WebApplication.CreateBuilder(import ? args[2..] : args);

CmsDatabase database;
try
{
    database = await CmsDatabase.OpenAsync(builder.Configuration);
    await Migrator.MigrateAsync(database.ConnectionString, Console.WriteLine);
}
catch (Exception ex) when (ex is LocalPostgresException or MigrationException or Npgsql.NpgsqlException)
{
    await Console.Error.WriteLineAsync($"Nejat CMS cannot reach its database: {ex.Message}");
    return 1;
}

await using (database)
{
    if (import)
    {
        return await ImportCommand.RunAsync(args, database.ConnectionString);
    }

    CmsOptions.AddTo(builder.Services);
    builder.Services.AddCmsDataSource(database.ConnectionString);
    builder.Services.AddProblemDetails();
    CmsJsonContext.AddTo(builder.Services);
    builder.Services.AddCmsOpenApi();
    builder.Services.AddCmsHealthChecks();

    var app = builder.Build();
    app.UseExceptionHandler();
    app.UseStatusCodePages();
    app.UseCmsOpenApi();
    app.MapCmsHealthChecks();

    // Anything unexpected is a problem+json 500 without internals (UseExceptionHandler), on every route.
    var v1 = app.MapGroup("/v1").ProducesProblem(StatusCodes.Status500InternalServerError);
    v1.MapEditions();
    v1.MapPosts();
    v1.MapTags();
    v1.MapAuthors();

    await app.RunAsync();
    return 0;
}

/// <summary>The entry point, public for WebApplicationFactory in the tests.</summary>
public partial class Program;
