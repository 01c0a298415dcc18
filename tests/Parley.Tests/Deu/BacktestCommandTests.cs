using System.Globalization;
using Parley.Cli;

namespace Parley.Tests.Deu;

public sealed class BacktestCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = ParleyApp.Run(["backtest", .. args], stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void A_malformed_file_exits_with_3_and_lists_every_error_with_its_location()
    {
        var (code, output, errors) = Run(DeuData.TestFile("malformed.tsv"));
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Equal(string.Empty, output);
        Assert.Contains("malformed.tsv:3:16: error: Column 'pat'", errors, StringComparison.Ordinal);
        Assert.Contains("malformed.tsv:7:75: error: Column 'out'", errors, StringComparison.Ordinal);
        Assert.Contains("6 error(s)", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Skip_invalid_runs_on_the_valid_rows_and_warns_about_the_others()
    {
        var (code, output, errors) = Run(DeuData.TestFile("malformed.tsv"), "--model", "compromise", "--format", "csv", "--skip-invalid", "--replicates", "100");
        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("malformed.tsv:3:16: warning:", errors, StringComparison.Ordinal);
        // One issue (line 4): one actor at 20, outcome 30: error 10.
        var row = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1].Split(',');
        Assert.Equal("compromise", row[0]);
        Assert.Equal(10, double.Parse(row[1], CultureInfo.InvariantCulture), 9);
    }

    [Fact]
    public void An_unknown_model_exits_with_2_and_suggests_the_nearest_name()
    {
        var (code, _, errors) = Run(DeuData.TestFile("small.tsv"), "--model", "compromize");
        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains("Did you mean 'compromise'?", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_option_value_exits_with_2()
    {
        Assert.Equal(ExitCodes.UsageError, Run(DeuData.TestFile("small.tsv"), "--format", "xml").Code);
        Assert.Equal(ExitCodes.UsageError, Run(DeuData.TestFile("small.tsv"), "--replicates", "5").Code);
    }

    [Fact]
    public void A_missing_file_exits_with_3()
    {
        var (code, _, errors) = Run(DeuData.TestFile("no-such-file.tsv"));
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("no-such-file.tsv", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void The_table_has_one_row_per_model_name_first_then_the_mae_and_prints_the_seed()
    {
        var (code, output, _) = Run(DeuData.DevFile, "-m", "compromise,median", "--seed", "5", "--replicates", "200");
        Assert.Equal(ExitCodes.Success, code);
        var rows = output.Split('\n').Where(l => l.StartsWith("| compromise ", StringComparison.Ordinal) || l.StartsWith("| median ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, rows.Count);
        var cells = rows[1].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("median", cells[0]);
        Assert.Equal("27.44", cells[1]);
        Assert.Contains("Seed: 5", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Per_issue_csv_has_one_line_per_issue_with_each_models_forecast()
    {
        var path = Path.Combine(Path.GetTempPath(), $"parley-per-issue-{Environment.ProcessId}.csv");
        try
        {
            var (code, _, _) = Run(DeuData.TestFile("small.tsv"), "-m", "compromise", "mean", "--format", "json", "--per-issue", path, "--replicates", "100");
            Assert.Equal(ExitCodes.Success, code);
            var lines = File.ReadAllLines(path);
            Assert.Equal("proposal,issue,outcome,compromise,mean", lines[0]);
            Assert.Equal(3, lines.Length);
            var first = lines[1].Split(',');
            Assert.Equal(["1", "1", "40"], first[..3]);
            Assert.Equal(340 / 3.52, double.Parse(first[3], CultureInfo.InvariantCulture), 9);
            Assert.Equal(50, double.Parse(first[4], CultureInfo.InvariantCulture), 9);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
