using System.Globalization;
using Parley.Cli.Commands;

namespace Parley.Tests.Deu;

public sealed class BacktestCommandTests
{
    private static (int Code, string Out, string Err) Run(BacktestSettings settings)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = BacktestCommand.Execute(settings, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void A_malformed_file_exits_with_3_and_lists_every_error_with_its_location()
    {
        var (code, output, errors) = Run(new BacktestSettings(DeuData.TestFile("malformed.tsv"), []));
        Assert.Equal(BacktestCommand.InvalidInput, code);
        Assert.Equal(string.Empty, output);
        Assert.Contains("malformed.tsv:3:16: error: Column 'pat'", errors, StringComparison.Ordinal);
        Assert.Contains("malformed.tsv:7:75: error: Column 'out'", errors, StringComparison.Ordinal);
        Assert.Contains("6 error(s)", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Skip_invalid_runs_on_the_valid_rows_and_warns_about_the_others()
    {
        var (code, output, errors) = Run(new BacktestSettings(DeuData.TestFile("malformed.tsv"), ["compromise"], "csv", SkipInvalid: true, Replicates: 100));
        Assert.Equal(BacktestCommand.Ok, code);
        Assert.Contains("malformed.tsv:3:16: warning:", errors, StringComparison.Ordinal);
        // One issue (line 4): one actor at 20, outcome 30: error 10.
        var row = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1].Split(',');
        Assert.Equal("compromise", row[0]);
        Assert.Equal(10, double.Parse(row[1], CultureInfo.InvariantCulture), 9);
    }

    [Fact]
    public void An_unknown_model_exits_with_2_and_suggests_the_nearest_name()
    {
        var (code, _, errors) = Run(new BacktestSettings(DeuData.TestFile("small.tsv"), ["compromize"]));
        Assert.Equal(BacktestCommand.UsageError, code);
        Assert.Contains("Did you mean 'compromise'?", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void The_table_has_one_row_per_model_name_first_then_the_mae_and_prints_the_seed()
    {
        var (code, output, _) = Run(new BacktestSettings(DeuData.DevFile, ["compromise", "median"], Seed: 5, Replicates: 200));
        Assert.Equal(BacktestCommand.Ok, code);
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
            var (code, _, _) = Run(new BacktestSettings(DeuData.TestFile("small.tsv"), ["compromise", "mean"], "json", PerIssue: path, Replicates: 100));
            Assert.Equal(BacktestCommand.Ok, code);
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
