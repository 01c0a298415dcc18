using Parley.Cli;
using Parley.Core.Models;
using Parley.Core.Models.Ktab;
using Parley.Formats;
using Parley.Tests.Support;

namespace Parley.Tests.Ktab;

public sealed class KtabImportCommandTests
{
    [Fact]
    public void Import_converts_a_KTAB_csv_to_yaml_that_runs_to_the_same_positions()
    {
        var dir = Directory.CreateTempSubdirectory("parley-ktab-");
        try
        {
            var yaml = Path.Combine(dir.FullName, "rand02.yaml");
            var run = CliRunner.Run("import", KtabData.Ref("rand02.csv"), "--out", yaml);
            Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
            var read = ScenarioFiles.Read(yaml);
            Assert.True(read.Succeeded, string.Join("\n", read.Diagnostics));
            var original = KtabData.ReadScenario("rand02").Scenario;
            Assert.Equal(original.Actors.Select(a => a.Id), read.Value!.Actors.Select(a => a.Id));
            Assert.Equal(original.Issues.Select(i => i.Id), read.Value.Issues.Select(i => i.Id));

            var result = new KtabSmpModel().Run(read.Value, new ModelOptions());
            var reference = KtabData.ReadNumbers(KtabData.Ref("rand02.positions.csv"));
            Assert.Equal((int)reference.Max(r => r[0]) + 1, result.Issues[0].Rounds.Count);
            Assert.All(reference, r => Assert.Equal(r[3], result.Issues[(int)r[2]].Rounds[(int)r[0]].Positions[(int)r[1]]));
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public void Import_of_a_malformed_KTAB_csv_reports_the_location_and_exits_3()
    {
        var dir = Directory.CreateTempSubdirectory("parley-ktab-");
        try
        {
            var bad = Path.Combine(dir.FullName, "bad.csv");
            File.WriteAllText(bad, File.ReadAllText(KtabData.Ref("rand02.csv")).Replace("49.64", "x49.64", StringComparison.Ordinal));
            var run = CliRunner.Run("import", bad);
            Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
            Assert.Contains("bad.csv:6:", run.Error, StringComparison.Ordinal);
            Assert.Empty(run.Out);
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public void Import_writes_yaml_to_standard_output_without_out()
    {
        var run = CliRunner.Run("import", KtabData.Ref("dummyData_3Dim.csv"));
        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        Assert.Contains("salience_scale: percent", run.Out, StringComparison.Ordinal);
        var back = ScenarioFiles.Parse(System.Text.Encoding.UTF8.GetBytes(run.Out), "stdout.yaml");
        Assert.True(back.Succeeded, string.Join("\n", back.Diagnostics));
        Assert.Equal(3, back.Value!.Issues.Count);
    }
}
