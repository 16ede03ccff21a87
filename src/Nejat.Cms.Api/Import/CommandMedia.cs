using Nejat.Cms.Api.Features.Media;
using Nejat.Cms.Api.Hosting;

namespace Nejat.Cms.Api.Import;

/// <summary>
/// The media pipeline for an import run as a command, outside the service: its own image workers and the
/// configured data directory's store, behind the same <see cref="MediaIntake"/> an upload goes through.
/// </summary>
internal sealed class CommandMedia : IDisposable
{
    private readonly ImageWorkers _workers;

    public CommandMedia(CmsOptions cms)
    {
        _workers = new(Microsoft.Extensions.Options.Options.Create(cms));
        Intake = new(new LocalMediaStorage(cms.DataDir), _workers, cms);
    }

    public MediaIntake Intake { get; }

    /// <summary>The service's media settings; a relative data directory is the program's, as for the service (Program.cs sets the content root).</summary>
    public static CmsOptions OptionsOf(IConfiguration configuration)
    {
        var cms = configuration.GetSection(CmsOptions.Section).Get<CmsOptions>() ?? new CmsOptions();
        cms.DataDir = Path.GetFullPath(cms.DataDir, configuration[HostDefaults.ContentRootKey] ?? AppContext.BaseDirectory);
        return cms;
    }

    public void Dispose() => _workers.Dispose();
}
