using Parley.Formats.Deu;
using Parley.Tests.Support;

namespace Parley.Tests.Deu;

/// <summary>Finds the repository and the DEU data under data/deu3 from the test's output folder.</summary>
internal static class DeuData
{
    private static readonly Lazy<DeuDataset> s_dev = new(() =>
    {
        var result = DeuReader.ReadFile(DevFile);
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Diagnostics));
        return result.Value!;
    });

    /// <summary>The folder that holds Parley.sln.</summary>
    public static string RepositoryRoot => TestPaths.RepoRoot;

    /// <summary>The development split of DEU III.</summary>
    public static string DevFile => TestPaths.Data("deu3", "deu3-dev.tsv");

    /// <summary>The development split, read once.</summary>
    public static DeuDataset Dev => s_dev.Value;

    /// <summary>A hand-made file under TestData/deu.</summary>
    public static string TestFile(string name) => Path.Combine(RepositoryRoot, "tests", "Parley.Tests", "TestData", "deu", name);
}
