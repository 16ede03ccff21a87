using Microsoft.Extensions.Options;
using Nejat.Cms.Api.Hosting;

namespace Nejat.Cms.Api.Features.Media;

/// <summary>
/// The process-wide limit on image decoding (<c>Cms__ImageWorkers</c>): upload checks and renditions,
/// in the background or on demand, each wait here for a worker, so many large images are decoded one
/// after another, not all at once.
/// </summary>
internal sealed class ImageWorkers(IOptions<CmsOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _workers = new(options.Value.ImageWorkers, options.Value.ImageWorkers);

    /// <summary>Waits for a worker, then runs <paramref name="work"/> on this thread.</summary>
    public async Task RunAsync(Action work, CancellationToken ct)
    {
        await _workers.WaitAsync(ct);
        try
        {
            work();
        }
        finally
        {
            _workers.Release();
        }
    }

    public void Dispose() => _workers.Dispose();
}
