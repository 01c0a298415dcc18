using Parley.Cli;
using Parley.Tests.Deu;
using Parley.Tests.Support;

namespace Parley.Tests.Cli;

/// <summary>
/// <c>--out</c> and <c>--per-issue</c>: nothing is written until every output is ready and every
/// target checked, and a refused target is left exactly as it was (each case is one the probe of issue 8 found).
/// </summary>
public sealed class OutputFileTests : IDisposable
{
    private const string Old = "the file that was there before\n";
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("parley-out-");

    public void Dispose()
    {
        foreach (var file in _dir.GetFiles())
        {
            file.Attributes = FileAttributes.Normal;
        }

        _dir.Delete(true);
    }

    private string InDir(string name) => Path.Combine(_dir.FullName, name);

    private string Scenario()
    {
        var path = InDir("ec.csv");
        File.Copy(TestPaths.Data("bdm", "ec-emissions.csv"), path, overwrite: true);
        return path;
    }

    private string Existing(string name)
    {
        var path = InDir(name);
        File.WriteAllText(path, Old);
        return path;
    }

    private static void SetReadOnly(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            File.SetAttributes(path, FileAttributes.ReadOnly);
        }
        else
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.GroupRead);
        }
    }

    private static bool IsReadOnly(string path) => OperatingSystem.IsWindows()
        ? File.GetAttributes(path).HasFlag(FileAttributes.ReadOnly)
        : File.GetUnixFileMode(path) == (UnixFileMode.UserRead | UnixFileMode.GroupRead);

    private string[] Entries() => [.. _dir.GetFileSystemInfos("*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(_dir.FullName, f.FullName)).Order()];

    [Fact]
    public void Out_pointing_at_the_input_file_is_a_usage_error_and_the_scenario_is_kept()
    {
        var input = Scenario();
        var before = File.ReadAllText(input);
        var run = CliRunner.Run("forecast", input, "--out", input);
        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains("is the input file", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(input));
    }

    [Fact]
    public void Out_pointing_at_the_input_through_a_symbolic_link_or_another_spelling_is_refused_too()
    {
        var input = Scenario();
        var link = InDir("link.csv");
        File.CreateSymbolicLink(link, input);
        Assert.Equal(ExitCodes.UsageError, CliRunner.Run("forecast", link, "--out", input).ExitCode);
        Assert.Equal(ExitCodes.UsageError, CliRunner.Run("forecast", input, "--out", link).ExitCode);
        Assert.Equal(ExitCodes.UsageError, CliRunner.Run("forecast", input, "--out", Path.Combine(_dir.FullName, ".", "sub", "..", "ec.csv")).ExitCode);
    }

    [Fact]
    public void Import_onto_its_own_input_is_refused_and_the_input_kept()
    {
        var input = InDir("small.yaml");
        File.Copy(TestPaths.TestData("small.yaml"), input);
        var before = File.ReadAllText(input);
        var run = CliRunner.Run("import", input, "--out", input);
        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Equal(before, File.ReadAllText(input));
    }

    [Fact]
    public void Out_a_folder_is_a_usage_error_and_leaves_no_stray_temporary_file()
    {
        var input = Scenario();
        var folder = Directory.CreateDirectory(InDir("results")).FullName;
        var before = Entries();
        var run = CliRunner.Run("forecast", input, "--out", folder);
        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains("is a folder", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, Entries());
    }

    [Fact]
    public void A_model_that_cannot_run_leaves_the_out_file_as_it_was()
    {
        var input = InDir("small.yaml");
        File.Copy(TestPaths.TestData("small.yaml"), input);
        var output = Existing("forecast.json");
        var run = CliRunner.Run("forecast", input, "-m", "compromise,ktab-smp", "--format", "json", "--out", output);
        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("Nothing was written to", run.Error, StringComparison.Ordinal);
        Assert.Equal(Old, File.ReadAllText(output));
    }

    [Fact]
    public void A_read_only_target_is_refused_and_stays_read_only_with_its_content()
    {
        var input = Scenario();
        var output = Existing("locked.json");
        SetReadOnly(output);
        var run = CliRunner.Run("forecast", input, "--format", "json", "--out", output);
        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains("is read-only", run.Error, StringComparison.Ordinal);
        Assert.Equal(Old, File.ReadAllText(output));
        Assert.True(IsReadOnly(output));
    }

    [Fact]
    public void A_replaced_file_keeps_its_permissions()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Windows files have no mode bits; the read-only attribute is tested above.
        }

        var input = Scenario();
        var output = Existing("shared.json");
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
        File.SetUnixFileMode(output, mode);
        var run = CliRunner.Run("forecast", input, "--format", "json", "--out", output);
        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        Assert.StartsWith("{", File.ReadAllText(output), StringComparison.Ordinal);
        Assert.Equal(mode, File.GetUnixFileMode(output));
    }

    [Fact]
    public void A_file_name_of_255_characters_is_written_and_no_temporary_file_is_left()
    {
        var input = Scenario();
        var name = new string('x', 250) + ".json";
        var run = CliRunner.Run("forecast", input, "--format", "json", "--out", InDir(name));
        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        Assert.Equal(["ec.csv", name], Entries());
    }

    [Fact]
    public void Backtest_per_issue_into_a_missing_folder_is_refused_before_out_is_touched()
    {
        var output = Existing("scores.csv");
        var run = CliRunner.Run("backtest", DeuData.TestFile("small.tsv"), "-m", "compromise", "--replicates", "100",
            "--out", output, "--per-issue", Path.Combine(_dir.FullName, "missing", "per-issue.csv"));
        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains("does not exist", run.Error, StringComparison.Ordinal);
        Assert.Equal(Old, File.ReadAllText(output));
    }

    [Fact]
    public void Backtest_writes_both_outputs_and_refuses_them_being_one_file()
    {
        var scores = InDir("scores.csv");
        var perIssue = InDir("per-issue.csv");
        var same = CliRunner.Run("backtest", DeuData.TestFile("small.tsv"), "-m", "compromise", "--replicates", "100", "--out", scores, "--per-issue", scores);
        Assert.Equal(ExitCodes.UsageError, same.ExitCode);
        Assert.Contains("is the same file as --out", same.Error, StringComparison.Ordinal);
        var both = CliRunner.Run("backtest", DeuData.TestFile("small.tsv"), "-m", "compromise", "--replicates", "100", "--format", "csv", "--out", scores, "--per-issue", perIssue);
        Assert.True(both.ExitCode == ExitCodes.Success, both.Error);
        Assert.StartsWith("model,mae", File.ReadAllText(scores), StringComparison.Ordinal);
        Assert.StartsWith("proposal,issue,outcome,compromise", File.ReadAllText(perIssue), StringComparison.Ordinal);
        Assert.Equal(["per-issue.csv", "scores.csv"], Entries());
    }
}
