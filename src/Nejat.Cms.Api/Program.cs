using Nejat.Cms.Api;
using Nejat.Cms.Api.Database;
using Nejat.Cms.Api.Features.Accounts;
using Nejat.Cms.Api.Features.Archives;
using Nejat.Cms.Api.Features.Authors;
using Nejat.Cms.Api.Features.Changes;
using Nejat.Cms.Api.Features.Desk;
using Nejat.Cms.Api.Features.Editions;
using Nejat.Cms.Api.Features.Editorial;
using Nejat.Cms.Api.Features.Feeds;
using Nejat.Cms.Api.Features.Navigation;
using Nejat.Cms.Api.Features.Pages;
using Nejat.Cms.Api.Features.Galleries;
using Nejat.Cms.Api.Features.Media;
using Nejat.Cms.Api.Features.Posts;
using Nejat.Cms.Api.Features.Redirects;
using Nejat.Cms.Api.Features.Search;
using Nejat.Cms.Api.Features.Settings;
using Nejat.Cms.Api.Features.Tags;
using Nejat.Cms.Api.Hosting;
using Nejat.Cms.Api.Import;
using Nejat.Cms.Api.Import.WordPress;
using Nejat.Cms.Api.Startup;

// Help, the version and usage mistakes are answered before anything starts (Startup/Commands.cs).
if (Commands.Parse(args, out var exitCode, out var answer) is not { } invocation)
{
    await (exitCode == 0 ? Console.Out : Console.Error).WriteLineAsync(answer);
    return exitCode;
}

// Settings are read beside the program, wherever it is started from (unless --contentRoot says otherwise).
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = invocation.Settings,
    ContentRootPath = invocation.Settings.Any(s => s.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase)) ? null : AppContext.BaseDirectory,
});
// Kestrel's only critical message is that it could not start, which is reported below in one line.
builder.Logging.AddFilter("Microsoft.AspNetCore.Server.Kestrel", level => level is >= LogLevel.Warning and < LogLevel.Critical);

// With Logging__Console__FormatterName=json, the lines printed here are JSON like the log's.
var output = StartupOutput.For(builder.Configuration);
if (StartupChecks.Problem(builder.Configuration) is { } problem)
{
    await output.ErrorAsync(problem);
    return 1;
}

var contentRoot = builder.Environment.ContentRootPath;
var dataDir = CmsDatabase.DataDirectory(builder.Configuration, contentRoot);
output.Info($"Nejat CMS {Commands.Version}: settings from {contentRoot}; data directory {dataDir} (Cms__DataDir); database: "
    + (CmsDatabase.IsExternal(builder.Configuration) ? "the server named by ConnectionStrings__Cms." : "embedded PostgreSQL in the data directory."));

DataSource.UseDapperConventions();
CmsDatabase? database = null;
try
{
    StartupChecks.CheckWritable(dataDir);
    database = await CmsDatabase.OpenAsync(builder.Configuration, contentRoot, output.Info);
    await Migrator.MigrateAsync(database.ConnectionString, output.Info);
    if (builder.Configuration[$"{CmsOptions.Section}:{nameof(CmsOptions.BootstrapAdminKey)}"] is { Length: > 0 } bootstrapKey
        && await ApiKeyStore.BootstrapAsync(database.ConnectionString, bootstrapKey))
    {
        output.Info("Created the admin API key given in Cms__BootstrapAdminKey.");
    }
}
catch (Exception ex) when (ex is LocalPostgresException or MigrationException or Npgsql.NpgsqlException or InvalidOperationException
    or IOException or UnauthorizedAccessException)
{
    await output.ErrorAsync(ex switch
    {
        InvalidOperationException => ex.Message,
        IOException or UnauthorizedAccessException => StartupChecks.DataDirectoryProblem(dataDir, ex),
        _ => $"Nejat CMS cannot reach its database: {ex.Message}",
    });
    if (database is not null)
    {
        await database.DisposeAsync(); // an embedded cluster started for nothing is stopped again
    }

    return 1;
}

await using (database)
{
    switch (invocation.Kind)
    {
        case CommandKind.Import or CommandKind.ImportWordPress:
            var (metrics, exporter) = Telemetry.ForCommand(builder.Configuration);
            using (exporter)
            {
                return invocation.Kind == CommandKind.Import
                    ? await ImportCommand.RunAsync(invocation.Arguments, database.ConnectionString, builder.Configuration, metrics: metrics)
                    : await WordPressImportCommand.RunAsync(invocation.Arguments, database.ConnectionString, builder.Configuration, metrics: metrics);
            }

        case CommandKind.Keys:
            return await KeysCommand.RunAsync(invocation.Arguments, database.ConnectionString, Console.Out);
        case CommandKind.Accounts:
            return await AccountsCommand.RunAsync(invocation.Arguments, database.ConnectionString, builder.Configuration["urls"], Console.Out);
    }

    CmsOptions.AddTo(builder.Services);
    builder.Services.AddCmsTelemetry(builder.Configuration);
    builder.Services.AddCmsDataSource(database.ConnectionString);
    database.AddSupervisor(builder.Services);
    ProblemJsonWriter.AddTo(builder.Services);
    ExceptionProblems.AddTo(builder.Services);
    CmsJsonContext.AddTo(builder.Services);
    Mappings.Validate();
    builder.Services.AddCmsOpenApi();
    builder.Services.AddStrictRouteNumbers();
    builder.Services.AddCmsHealthChecks();
    builder.Services.AddEditorial();
    builder.Services.AddAccounts();
    builder.Services.AddSingleton(TimeProvider.System);
    builder.Services.AddPosts();
    builder.Services.AddSearch();
    builder.Services.AddFeeds();
    builder.Services.AddPublicCaching();
    builder.Services.AddChangeFeed();
    builder.Services.AddCmsCompression();
    builder.Services.AddRateLimits();
    builder.Services.AddCrossOrigin();
    builder.Services.AddMediaLibrary();
    builder.Services.AddRedirects();

    // Disposed before the database: its data source closes its connections, so the embedded
    // cluster sees no other sessions and stops.
    await using var app = builder.Build();
    app.UseClientAddresses();
    app.UseExceptionHandler();
    app.UseStatusCodePages();
    app.UseQueryGuard();
    app.UseCors();
    app.UseStaleAnswerHeader();
    // Outside compression, so cached answers are stored compressed and compressed once.
    app.UseOutputCache();
    app.UseResponseCompression();
    app.UseCmsOpenApi();
    app.UseAuthentication();
    // After the output cache (cached answers are never refused) and authentication (admin limits are per key).
    app.UseRateLimiter();
    app.UseAuthorization();
    app.MapCmsHealthChecks();

    // On every route: a query parameter it does not take is a 400 (QueryGuard), too many requests a 429
    // (RateLimits), a database down, full or slow a 503, anything unexpected a 500 without internals
    // (ExceptionProblems and UseExceptionHandler).
    // Public reads are versioned, conditional and cached (Hosting/PublicCaching.cs).
    var v1 = app.MapGroup("/v1")
        .RequireKnownEdition()
        .AnswerHead()
        .RequireRateLimiting(RateLimits.PublicPolicy)
        .WithPublicCaching()
        .RequireCors(CrossOrigin.PublicPolicy)
        .ProducesServiceProblems();
    v1.MapEditions();
    v1.MapPosts();
    v1.MapSearch();
    v1.MapArchives();
    v1.MapTags();
    v1.MapAuthors();
    v1.MapChanges();
    v1.MapPages();
    v1.MapSettings();
    v1.MapNavigation();
    v1.MapFeeds();
    v1.MapMedia();
    v1.MapMediaCollections();
    v1.MapGalleries();
    v1.MapRedirects();

    // Stored files are immutable and name their own cache headers: outside the versioned public cache.
    app.MapGroup("/v1").AnswerHead().RequireRateLimiting(RateLimits.PublicPolicy).ProducesServiceProblems().MapMediaFiles();

    // Sign-in: people get a session cookie (Features/Accounts); programs use API keys.
    app.MapGroup("/v1/auth")
        .AnswerHead()
        .RequireRateLimiting(RateLimits.PublicPolicy)
        .RefuseInvalidBodies()
        .WithAdminCaching()
        .ProducesServiceProblems()
        .MapSignIn();

    // The admin API: every route needs an API key or a session; what each caller may do is checked per handler.
    var admin = app.MapGroup("/v1/admin")
        .RequireAuthorization()
        .RequireRateLimiting(RateLimits.AdminPolicy)
        .RefuseInvalidBodies()
        .RequireKnownEdition()
        .WithAdminCaching()
        .RequireCors(CrossOrigin.AdminPolicy)
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesServiceProblems();
    admin.MapPostAdmin(PostKind.Post).MapPostEditing(PostKind.Post);
    admin.MapPageAdmin();
    admin.MapSettingsAdmin();
    admin.MapNavigationAdmin();
    admin.MapTagAdmin();
    admin.MapAuthorAdmin();
    admin.MapMediaAdmin();
    admin.MapMediaCollectionAdmin();
    admin.MapGalleryAdmin();
    admin.MapKeys();
    admin.MapAccounts();
    admin.MapAudit();

    // The editors' desk, a web interface built only on the routes above (docs/desk.md).
    app.MapDesk();

    var firstAdminToken = await Invitations.NewFirstAdminTokenAsync(app.Services.GetRequiredService<Npgsql.NpgsqlDataSource>());
    try
    {
        await app.StartAsync();
    }
    catch (IOException ex) when (ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
    {
        await output.ErrorAsync(StartupChecks.ListenProblem(ex));
        return 1;
    }

    foreach (var address in app.Urls)
    {
        output.Info($"Serving the API at {address}/v1/ — Swagger UI {address}/swagger, OpenAPI document {address}{OpenApi.DocumentPath}");
    }

    if (firstAdminToken is not null)
    {
        output.Info(Invitations.FirstAdminLine(AccountsCommand.BaseUrlOf(string.Join(';', app.Urls)), firstAdminToken));
    }

    await app.WaitForShutdownAsync();
    return 0;
}

/// <summary>The entry point, public for WebApplicationFactory in the tests.</summary>
public partial class Program;
