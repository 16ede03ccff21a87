// How much memory the kept search texts take (Features/Search/SearchTexts.cs): fills a MemoryCache as
// SearchTexts does, sized in characters, with texts of one length, and prints how far the heap grew,
// counting each entry's overhead (116 characters, as SearchTexts does) and not counting it.
// Run once per length, each in its own process:
//   dotnet run tests/Nejat.Cms.Bench/search-text-memory.cs -- 3400 116
//   dotnet run tests/Nejat.Cms.Bench/search-text-memory.cs -- 40 0
#:sdk Microsoft.NET.Sdk.Web
using System.Globalization;
using Microsoft.Extensions.Caching.Memory;

var length = int.Parse(args[0], CultureInfo.InvariantCulture);
var overhead = int.Parse(args[1], CultureInfo.InvariantCulture);
const long SizeLimit = 64L * 1024 * 1024 / sizeof(char); // Cms:SearchTextCacheSizeMb=64, in characters
using var cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = SizeLimit });
var before = GC.GetTotalMemory(forceFullCollection: true);
var (entries, counted) = (0, 0L);
while (counted + length + overhead <= SizeLimit)
{
    var text = new string((char)('a' + entries % 26), length);
    cache.Set(new Key(DateTime.UnixEpoch, entries, (uint)entries), text, new MemoryCacheEntryOptions { Size = text.Length + overhead });
    counted += length + overhead;
    entries++;
}

var grown = GC.GetTotalMemory(forceFullCollection: true) - before;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{length}-character texts, {overhead} counted per entry: {cache.Count:N0} entries, heap grew {grown / 1048576.0:F1} MiB for a 64 MB bound ({(grown - 2.0 * entries * length) / entries:F0} bytes per entry besides the characters)"));

internal readonly record struct Key(DateTime ServerStartedAt, long PostId, uint RowVersion);
