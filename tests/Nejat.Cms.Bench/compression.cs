// How big and how costly each Brotli and gzip level is on real answers, to choose the levels of
// Hosting/Compression.cs. Answers are compressed once per cached entry, so ratio matters more than
// speed, within reason.
//   dotnet run tests/Nejat.Cms.Bench/compression.cs -- BODY_FILE [BODY_FILE …]
using System.Diagnostics;
using System.IO.Compression;

foreach (var path in args)
{
    var body = await File.ReadAllBytesAsync(path);
    Console.WriteLine($"{Path.GetFileName(path)}: {body.Length:N0} bytes");
    Console.WriteLine("| codec | level | bytes | ratio | µs per answer |");
    Console.WriteLine("| --- | --- | ---: | ---: | ---: |");
    foreach (var level in new[] { CompressionLevel.Fastest, CompressionLevel.Optimal, CompressionLevel.SmallestSize })
    {
        Measure("brotli", level, body, output => new BrotliStream(output, level, leaveOpen: true));
        Measure("gzip", level, body, output => new GZipStream(output, level, leaveOpen: true));
    }

    Console.WriteLine();
}

static void Measure(string codec, CompressionLevel level, byte[] body, Func<Stream, Stream> compressor)
{
    var output = new MemoryStream();
    void Once()
    {
        output.SetLength(0);
        using var stream = compressor(output);
        stream.Write(body);
    }

    Once();
    var iterations = 0;
    var clock = Stopwatch.StartNew();
    while (clock.ElapsedMilliseconds < 1000)
    {
        Once();
        iterations++;
    }

    var micros = clock.Elapsed.TotalMicroseconds / iterations;
    Console.WriteLine($"| {codec} | {level} | {output.Length:N0} | {(double)body.Length / output.Length:F1} | {micros:F0} |");
}
