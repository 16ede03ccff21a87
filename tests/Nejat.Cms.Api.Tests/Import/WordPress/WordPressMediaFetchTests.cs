using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Nejat.Cms.Api.Tests.Import.WordPress;

/// <summary>
/// Attachments without a local copy are fetched from their URLs over real HTTP: the old site is played
/// by a Kestrel on 127.0.0.1 serving the fixture's uploads (every host the export names is routed
/// there), which fails each file's first request with a 503 and has lost the newsletter PDF.
/// </summary>
public sealed class WordPressMediaFetchTests
{
    [Test]
    public async Task AttachmentsAreFetchedWithRetriesAndAMissingOneIsReportedAndSkipped()
    {
        var requests = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        await using var oldSite = await StartOldSiteAsync(requests);
        var port = new Uri(oldSite.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        await using var app = await CmsApp.StartAsync();

        using var first = ToOldSite(port);
        var fetched = await app.ImportWordPressAsync(["--edition", "fa", .. WordPressFixture.Split], first);
        var afterFirst = new Dictionary<string, int>(requests);
        using var second = ToOldSite(port);
        var resumed = await app.ImportWordPressAsync(["--edition", "fa", "--allow-skips", .. WordPressFixture.Split], second);
        var post = await app.GetJsonAsync($"/v1/fa/posts/{Uri.EscapeDataString("خانهها-در-هرات")}");

        Assert.Multiple(() =>
        {
            Assert.That(fetched.ExitCode, Is.EqualTo(1), fetched.Output);
            Assert.That(fetched.Output, Does.Contain("media            7: 6 fetched over HTTP, 1 missing"));
            Assert.That(fetched.Output, Does.Contain("attachment 10 'خبرنامهٔ اسفند' (fa): its file is not in --uploads and http://www.nejat.example/wp-content/uploads/2024/03/newsletter-2024-03.pdf answered 404 Not Found"));
            Assert.That(fetched.Output, Does.Contain("/wp-content/uploads/2024/03/newsletter-2024-03.pdf (in post 16"), "the link to it leads nowhere now");
            Assert.That(afterFirst.Where(r => r.Key.EndsWith(".jpg", StringComparison.Ordinal) || r.Key.EndsWith(".png", StringComparison.Ordinal)).Select(r => r.Value),
                Is.All.EqualTo(2), "each image: a 503, then the file");
            Assert.That(afterFirst, Has.Count.EqualTo(7));
            Assert.That(afterFirst["/wp-content/uploads/2024/03/newsletter-2024-03.pdf"], Is.EqualTo(1), "a 404 is not retried");
            Assert.That(post.GetProperty("featuredMedia").GetProperty("width").GetInt32(), Is.EqualTo(640));
            Assert.That(resumed.ExitCode, Is.Zero, resumed.Output);
            Assert.That(resumed.Output, Does.Contain("media            7: 1 missing, 6 reused"));
            Assert.That(requests.Where(r => afterFirst[r.Key] != r.Value).Select(r => r.Key), Is.EqualTo(new[] { "/wp-content/uploads/2024/03/newsletter-2024-03.pdf" }),
                "what is stored is never fetched again");
        });
    }

    /// <summary>An HTTP client whose every connection goes to the old site's stand-in.</summary>
    private static SocketsHttpHandler ToOldSite(int port) => new SocketsHttpHandler
    {
        ConnectCallback = async (_, ct) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(IPAddress.Loopback, port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        },
    };

    private static async Task<WebApplication> StartOldSiteAsync(ConcurrentDictionary<string, int> requests)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var site = builder.Build();
        site.Run(async context =>
        {
            var path = context.Request.Path.Value ?? "";
            var count = requests.AddOrUpdate(path, 1, (_, n) => n + 1);
            var file = Path.Combine(WordPressFixture.Uploads, path.Replace("/wp-content/uploads/", "", StringComparison.Ordinal));
            if (!path.StartsWith("/wp-content/uploads/", StringComparison.Ordinal) || path.EndsWith(".pdf", StringComparison.Ordinal) || !File.Exists(file))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            if (count == 1)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }

            await context.Response.SendFileAsync(file);
        });
        await site.StartAsync();
        return site;
    }
}
