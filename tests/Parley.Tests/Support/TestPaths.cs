namespace Parley.Tests.Support;

/// <summary>Where the repository, its test data and its data/ folder are, seen from the test's output folder.</summary>
internal static class TestPaths
{
    private static readonly Lazy<string> s_root = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Parley.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Parley.sln not found above " + AppContext.BaseDirectory);
    });

    /// <summary>The folder that holds Parley.sln.</summary>
    public static string RepoRoot => s_root.Value;

    /// <summary>A file under tests/Parley.Tests/TestData.</summary>
    public static string TestData(params string[] parts) => Path.Combine([RepoRoot, "tests", "Parley.Tests", "TestData", .. parts]);

    /// <summary>A file under data/ in the repository (copied from the shared data set with its READMEs).</summary>
    public static string Data(params string[] parts) => Path.GetFullPath(Path.Combine([RepoRoot, "data", .. parts]));
}
