namespace Parley.Web.Tests.Support;

/// <summary>Where the repository and its files are, seen from the test's output folder.</summary>
internal static class TestPaths
{
    private static readonly Lazy<string> s_root = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !System.IO.File.Exists(Path.Combine(dir.FullName, "Parley.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Parley.sln not found above " + AppContext.BaseDirectory);
    });

    public static string RepoRoot => s_root.Value;

    public static string File(params string[] parts) => Path.Combine([RepoRoot, .. parts]);

    public static string Korea => File("scenarios", "korea-2018.yaml");
}
