using Parley.Core.Diagnostics;
using Parley.Formats;
using Parley.Formats.Bundled;
using Parley.Tests.Support;

namespace Parley.Tests.Bundled;

/// <summary>The scenarios of the repository's scenarios/ folder ship inside Parley.Formats, byte for byte.</summary>
public sealed class BundledScenariosTests
{
    private static string ScenariosFolder => Path.Combine(TestPaths.RepoRoot, "scenarios");

    [Fact]
    public void Every_file_of_the_scenarios_folder_is_bundled_byte_for_byte()
    {
        var files = Directory.GetFiles(ScenariosFolder).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(files);
        Assert.Equal(files, BundledScenarios.FileNames);
        foreach (var file in files)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(ScenariosFolder, file)), BundledScenarios.ReadFile(file));
        }
    }

    [Fact]
    public void The_catalog_lists_each_scenario_file_with_its_title_and_size_and_leaves_companions_out()
    {
        var scenarioFiles = Directory.GetFiles(ScenariosFolder)
            .Select(Path.GetFileName).OfType<string>()
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) && !Path.GetFileNameWithoutExtension(f).Contains('.', StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(scenarioFiles, BundledScenarios.All.Select(s => s.FileName));
        foreach (var bundled in BundledScenarios.All)
        {
            var scenario = ScenarioFiles.Read(Path.Combine(ScenariosFolder, bundled.FileName)).Value!;
            Assert.Equal(Path.GetFileNameWithoutExtension(bundled.FileName), bundled.Name);
            Assert.Equal(scenario.Title, bundled.Title);
            Assert.Equal(scenario.Actors.Count, bundled.ActorCount);
            Assert.Equal(scenario.Issues.Count, bundled.IssueCount);
        }

        var korea = BundledScenarios.Find("korea-2018")!;
        Assert.Equal((9, 5), (korea.ActorCount, korea.IssueCount)); // docs/cases/korea-2018.md: nine actors, five issues
    }

    [Theory]
    [InlineData("korea-2018")]
    [InlineData("KOREA-2018")]
    [InlineData("korea-2018.yaml")]
    public void Find_takes_the_name_in_any_case_with_or_without_its_extension(string name) =>
        Assert.Equal("korea-2018.yaml", BundledScenarios.Find(name)?.FileName);

    [Theory]
    [InlineData("scenarios/korea-2018.yaml")]
    [InlineData("./korea-2018")]
    [InlineData("..\\korea-2018")]
    [InlineData("korea")]
    [InlineData("")]
    public void A_path_or_another_name_is_not_a_bundled_scenario(string name) => Assert.Null(BundledScenarios.Find(name));

    [Fact]
    public void Load_reads_the_same_scenario_as_the_file_and_locates_its_diagnostics_in_scenarios()
    {
        var bundled = BundledScenarios.Load("korea-2018");
        var file = ScenarioFiles.Load(Path.Combine(ScenariosFolder, "korea-2018.yaml"));
        Assert.True(bundled.Succeeded);
        Assert.Equal(ScenarioWriter.ToYaml(file.Value!.Scenario), ScenarioWriter.ToYaml(bundled.Value!.Scenario));
        Assert.All(bundled.Diagnostics, d => Assert.Equal("scenarios/korea-2018.yaml", d.Location?.File));
    }

    [Fact]
    public void Load_of_an_unknown_name_is_an_error_with_the_nearest_name_and_the_list()
    {
        var result = BundledScenarios.Load("korea-2019");
        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.Contains("Did you mean 'korea-2018'?", error.Message, StringComparison.Ordinal);
        Assert.Contains("korea-2018", error.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_exists_is_read_rather_than_the_bundled_scenario_of_that_name()
    {
        using var folder = new TempFolder();
        File.Copy(TestPaths.TestData("small.yaml"), folder.File("korea-2018"));
        var run = ParleyProcess.Run(folder.Path, "validate", "korea-2018");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("'A small test negotiation'", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("bundled", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void With_no_such_file_the_bundled_scenario_is_read_from_any_folder_with_a_note_saying_so()
    {
        using var folder = new TempFolder();
        var run = ParleyProcess.Run(folder.Path, "forecast", "korea-2018", "--model", "compromise", "--format", "json");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("\"scenario\": \"US\\u2013North Korea summit diplomacy, late 2018\"", run.Out, StringComparison.Ordinal);
        Assert.Contains("note: No file 'korea-2018' here: read the bundled scenario 'korea-2018'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void On_a_terminal_the_bundled_note_is_shown_once_in_the_output_and_on_stderr_when_the_output_goes_to_a_file()
    {
        const string Note = "No file 'korea-2018' here: read the bundled scenario 'korea-2018'";
        (int Code, string Out, string Error) Run(params string[] args)
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            var code = Parley.Cli.ParleyApp.Run(args, output, error, interactive: false, outputIsTerminal: true);
            return (code, output.ToString(), error.ToString());
        }

        var shown = Run("forecast", "korea-2018", "--model", "compromise", "--draws", "0");
        Assert.Equal(0, shown.Code);
        Assert.Contains(Note, shown.Out.ReplaceLineEndings(" ").Replace("  ", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain(Note, shown.Error, StringComparison.Ordinal);

        using var folder = new TempFolder();
        var toFile = Run("forecast", "korea-2018", "--model", "compromise", "--draws", "0", "--out", folder.File("out.txt"));
        Assert.Equal(0, toFile.Code);
        Assert.Contains(Note, toFile.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFileOrBundled_reads_a_file_by_its_path_and_says_nothing_about_bundles()
    {
        var result = ScenarioFiles.LoadFileOrBundled(TestPaths.TestData("small.yaml"));
        Assert.True(result.Succeeded);
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Info && d.Message.Contains("bundled", StringComparison.Ordinal));
    }
}
