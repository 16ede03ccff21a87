using System.Text.RegularExpressions;

namespace Nejat.Cms.Api.Tests.Architecture;

/// <summary>
/// The rooms of the code base and what each may use (docs/architecture.md), read from the source:
/// no file reaches into another file's *Endpoints class (only Program.cs, the table of contents, calls
/// their Map methods), and Hosting, Database and Text import no feature.
/// </summary>
public sealed partial class ArchitectureTests
{
    private static readonly string Source = Path.Combine(TestRun.RepositoryRoot, "src", "Nejat.Cms.Api");

    private static IEnumerable<string> Files(string folder = "") =>
        Directory.EnumerateFiles(Path.Combine(Source, folder), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    [Test]
    public void NoFileCallsIntoAnotherFilesEndpointsClass()
    {
        var declaredIn = Files().SelectMany(file => EndpointsClass().Matches(File.ReadAllText(file)).Select(m => (Class: m.Groups["name"].Value, File: file)))
            .ToDictionary(d => d.Class, d => d.File);
        var calls = Files()
            .Where(file => Path.GetFileName(file) != "Program.cs")
            .SelectMany(file => EndpointsCall().Matches(File.ReadAllText(file))
                .Select(m => m.Groups["name"].Value)
                .Where(name => declaredIn.TryGetValue(name, out var home) && home != file)
                .Select(name => $"{Path.GetRelativePath(Source, file)} → {name}"))
            .Distinct()
            .ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(declaredIn, Has.Count.GreaterThan(10), "the *Endpoints classes are found");
            Assert.That(calls, Is.Empty, "shared code belongs in a class named for what it is, in the feature that owns the data");
        });
    }

    [TestCase("Hosting")]
    [TestCase("Database")]
    [TestCase("Text")]
    public void SharedMachineryImportsNoFeature(string folder)
    {
        var imports = Files(folder)
            .Where(file => File.ReadAllText(file).Contains("Nejat.Cms.Api.Features", StringComparison.Ordinal))
            .Select(file => Path.GetRelativePath(Source, file))
            .ToArray();
        Assert.That(imports, Is.Empty, $"{folder} is used by the features; it must not depend on them");
    }

    [GeneratedRegex(@"\bclass\s+(?<name>\w+Endpoints)\b")]
    private static partial Regex EndpointsClass();

    [GeneratedRegex(@"\b(?<name>\w+Endpoints)\.\w+")]
    private static partial Regex EndpointsCall();
}
