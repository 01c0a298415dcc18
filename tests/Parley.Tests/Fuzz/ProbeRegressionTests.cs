using System.Text;
using System.Text.Json;
using Parley.Cli;
using Parley.Core;
using Parley.Core.Diagnostics;
using Parley.Core.Models;
using Parley.Core.Run;
using Parley.Core.Scenarios;
using Parley.Formats;
using Parley.Formats.Deu;
using Parley.Formats.Ktab;
using Parley.Formats.Results;
using Parley.Tests.Deu;
using Parley.Tests.Formats;
using Parley.Tests.Support;

namespace Parley.Tests.Fuzz;

/// <summary>
/// One test per bug that the probe of issue 8 (2,683 runs of the CLI) and the fuzz tests found: each
/// input that crashed, hung, overflowed or silently corrupted now gets a located error, or a sound result.
/// </summary>
public sealed class ProbeRegressionTests
{
    private static readonly string Small = File.ReadAllText(TestPaths.TestData("small.yaml"));

    private static ReadResult<Scenario> Yaml(string text) => FormatTestHelpers.Parse(text, "p.yaml", ScenarioFormat.Yaml);

    private static string Classic(params string[] rows) => "Actor,Capability,Position,Salience\n" + string.Join("\n", rows) + "\n";

    // --- Numbers beyond what decimals and doubles hold -------------------------------------------

    [Theory]
    [InlineData("capability: 30", "capability: 8e28", 22, 17)]
    [InlineData("sanctions: 20", "sanctions: 1e29", 24, 18)]
    [InlineData("salience: 0.9", "salience: 7.9e28", 28, 19)]
    public void A_number_past_the_decimal_range_in_YAML_is_a_located_error_not_an_internal_error(string from, string to, int line, int column)
    {
        var result = Yaml(Small.Replace(from, to, StringComparison.Ordinal));
        var error = FormatTestHelpers.ErrorContaining(result, "beyond the largest magnitude Parley reads (1e15)");
        FormatTestHelpers.AssertAt(error, "p.yaml", line, column);
    }

    [Fact]
    public void A_number_past_the_decimal_range_in_JSON_is_a_located_error_not_an_internal_error()
    {
        var json = File.ReadAllText(TestPaths.TestData("small.json")).Replace("\"capability\": 30", "\"capability\": 8e28", StringComparison.Ordinal);
        var result = FormatTestHelpers.Parse(json, "p.json", ScenarioFormat.Json);
        var error = FormatTestHelpers.ErrorContaining(result, "'capability' is 8e28, beyond the largest magnitude");
        FormatTestHelpers.AssertAt(error, "p.json", 25, 21);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("csv")]
    public void Three_classic_rows_with_capability_1e308_exit_3_with_located_errors_and_print_no_infinity(string format)
    {
        using var file = new TempFile(".csv", Classic("A,1e308,10,1", "B,1e308,50,1", "C,1e308,90,1"));
        var run = CliRunner.Run("forecast", file.Path, "--format", format);
        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Empty(run.Out);
        Assert.Contains($"{file.Path}:2:3: error: Capability 1e308 is beyond the largest magnitude", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("scholz2011")]
    [InlineData("bdm")]
    public void Positions_of_plus_and_minus_1e308_are_refused_before_any_model_runs(string model)
    {
        using var file = new TempFile(".csv", Classic("A,1,-1e308,1", "B,1,1e308,1", "C,2,0,0.5"));
        var run = CliRunner.Run("forecast", file.Path, "-m", model, "--format", "csv");
        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Empty(run.Out);
        Assert.Contains(":2:5: error: Position -1e308 is beyond", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scale_of_plus_and_minus_1e308_is_a_located_error()
    {
        var result = Yaml(Small.Replace("      min: 0\n      max: 100", "      min: -1e308\n      max: 1e308", StringComparison.Ordinal));
        FormatTestHelpers.AssertAt(FormatTestHelpers.ErrorContaining(result, "'min' is -1e308, beyond"), "p.yaml", 11, 12);
        FormatTestHelpers.AssertAt(FormatTestHelpers.ErrorContaining(result, "'max' is 1e308, beyond"), "p.yaml", 12, 12);
    }

    [Fact]
    public void A_classic_csv_whose_actors_all_sit_at_1e17_is_refused_rather_than_widened_to_an_empty_scale()
    {
        var result = FormatTestHelpers.Parse(Classic("A,1,1e17,1", "B,1,1e17,1"), "same.csv");
        Assert.Equal(2, result.Errors.Count(e => e.Message.Contains("Position 1e17 is beyond", StringComparison.Ordinal)));
    }

    [Fact]
    public void At_the_largest_magnitude_the_widened_scale_is_exact_and_every_model_forecasts_the_common_position()
    {
        // 1e15 − 2 is exact in a double, which 1e17 ± 1 is not: the reason for the limit. At the limit
        // the scale is widened on the side that stays within it (found by the reader's limit check).
        var result = FormatTestHelpers.Parse(Classic("A,1,1e15,1", "B,2,1e15,0.5"), "same.csv");
        var scenario = FormatTestHelpers.Valid(result);
        Assert.Equal((1e15 - 2, 1e15), (scenario.Issues[0].Scale.Minimum, scenario.Issues[0].Scale.Maximum));
        var negative = FormatTestHelpers.Valid(FormatTestHelpers.Parse(Classic("A,1,-1e15,1", "B,2,-1e15,0.5"), "same.csv"));
        Assert.Equal((-1e15, -1e15 + 2), (negative.Issues[0].Scale.Minimum, negative.Issues[0].Scale.Maximum));
        var middle = FormatTestHelpers.Valid(FormatTestHelpers.Parse(Classic("A,1,5,1", "B,2,5,0.5"), "same.csv"));
        Assert.Equal((4, 6), (middle.Issues[0].Scale.Minimum, middle.Issues[0].Scale.Maximum));
        foreach (var model in ModelCatalog.All.Where(m => m.Name is not ("ktab-smp" or "ktab-smp+veto")))
        {
            Assert.Equal(1e15, model.Run(scenario, ModelOptions.Default).Issues[0].Forecast);
        }
    }

    [Fact]
    public void A_backtest_with_a_capability_of_1e308_in_row_2_is_a_located_error_and_exit_3()
    {
        var lines = File.ReadAllLines(DeuData.TestFile("small.tsv"));
        var capabilities = lines[1].Split('\t');
        capabilities[13] = "1e308";
        lines[1] = string.Join('\t', capabilities);
        using var file = new TempFile(".tsv");
        File.WriteAllLines(file.Path, lines);
        var run = CliRunner.Run("backtest", file.Path, "-m", "compromise", "--replicates", "100");
        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains($"{file.Path}:2:14: error: Column 'pcom': capability 1e308 is beyond the largest magnitude", run.Error, StringComparison.Ordinal);
    }

    // --- Nesting and expansion -------------------------------------------------------------------

    [Fact]
    public void Yaml_nested_50000_levels_deep_is_a_located_error_not_a_stack_overflow()
    {
        var result = Yaml("a: " + new string('[', 50_000) + new string(']', 50_000) + "\n");
        var error = FormatTestHelpers.ErrorContaining(result, "more than 64 levels deep");
        FormatTestHelpers.AssertAt(error, "p.yaml", 1, 67);
    }

    [Fact]
    public void The_561_byte_yaml_alias_bomb_is_refused_at_the_alias_that_passes_the_limit_with_little_memory()
    {
        var bomb = Mutations.Bomb(9) + "title: x\n";
        Assert.InRange(Encoding.UTF8.GetByteCount(bomb), 400, 700);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = Yaml(bomb);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var error = FormatTestHelpers.ErrorContaining(result, "more than 300,000 values, aliases counted at their full size");
        Assert.Equal(6, error.Location!.Line); // a5 holds 9 × 66,430 + 1 values: the first anchor past 300,000
        Assert.True(allocated < 50_000_000, $"{allocated:N0} bytes allocated");
    }

    [Fact]
    public void Xml_nested_100000_deep_is_refused_at_the_65th_level_in_one_streaming_pass()
    {
        var xml = "<Scenario>" + string.Concat(Enumerable.Repeat("<a>", 100_000)) + string.Concat(Enumerable.Repeat("</a>", 100_000)) + "</Scenario>";
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = KtabXmlReader.Parse(xml, "deep.xml");
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var error = Assert.Single(result.Errors);
        Assert.Contains("more than 64 levels deep", error.Message, StringComparison.Ordinal);
        // At the name of the 64th <a>, the 65th level counting <Scenario>.
        Assert.Equal((1, 12 + (63 * 3)), (error.Location!.Line!.Value, error.Location.Column!.Value));
        Assert.True(allocated < 20_000_000, $"{allocated:N0} bytes allocated: the tree was built");
    }

    [Fact]
    public void Xml_with_a_document_type_is_refused_so_that_no_entity_is_expanded()
    {
        var lol = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]><Scenario>&lol2;</Scenario>";
        var error = Assert.Single(KtabXmlReader.Parse(lol, "lol.xml").Errors);
        Assert.StartsWith("Not well-formed XML", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, error.Location!.Line);
    }

    // --- KTAB files --------------------------------------------------------------------------------

    [Theory]
    [InlineData("150")]
    [InlineData("-0.5")]
    public void A_ktab_xml_position_outside_0_to_100_is_a_located_error(string position)
    {
        var xml = File.ReadAllText(TestPaths.TestData("fuzz", "seeds", "sample.xml")).Replace("<dCoord>60</dCoord>", $"<dCoord>{position}</dCoord>", StringComparison.Ordinal);
        var result = KtabXmlReader.Parse(xml, "k.xml");
        var error = Assert.Single(result.Errors);
        Assert.Equal($"The position {position} is out of range.", error.Message);
        Assert.Equal(("B", "One", 11), (error.ActorId, error.IssueId, error.Location!.Line));
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("xml")]
    public void Import_of_a_ktab_file_with_a_space_an_accent_and_a_repeat_in_names_writes_a_file_that_validate_accepts(string kind)
    {
        var dir = Directory.CreateTempSubdirectory("parley-import-");
        try
        {
            var input = Path.Combine(dir.FullName, "names." + kind);
            File.WriteAllText(input, kind == "csv"
                ? "Names,with odd names,3,2,\nActor,Description,Power,Policy Area Position,Policy Area Salience,Café Position,Café Salience\nXi Jinping,a,10,20,30,40,50\nCafé,b,20,60,20,10,30\nCafé,c,30,90,10,50,40\n"
                : File.ReadAllText(TestPaths.TestData("fuzz", "seeds", "sample.xml")).Replace("<name>A</name>", "<name>Xi Jinping</name>", StringComparison.Ordinal)
                    .Replace("<adjustingIdeal>A</adjustingIdeal>", "<adjustingIdeal>Xi Jinping</adjustingIdeal>", StringComparison.Ordinal)
                    .Replace("<referencePos>A</referencePos>", "<referencePos>Xi Jinping</referencePos>", StringComparison.Ordinal)
                    .Replace("<name>B</name>", "<name>Café</name>", StringComparison.Ordinal).Replace("<referencePos>B</referencePos>", "<referencePos>Café</referencePos>", StringComparison.Ordinal).Replace("<dName>Two</dName>", "<dName>Policy Area</dName>", StringComparison.Ordinal));
            var output = Path.Combine(dir.FullName, "names.yaml");
            var import = CliRunner.Run("import", input, "--out", output);
            Assert.True(import.ExitCode == ExitCodes.Success, import.Error);
            var validate = CliRunner.Run("validate", output);
            Assert.True(validate.ExitCode == ExitCodes.Success, validate.Error + validate.Out);
            var scenario = ScenarioFiles.Read(output).Value!;
            Assert.Contains(scenario.Actors, a => a.Id == "Xi-Jinping" && a.Name == "Xi Jinping");
            Assert.Contains(scenario.Actors, a => a.Id == "Cafe" && a.Name == "Café");
            Assert.Contains(scenario.Issues, i => i.Id == "Policy-Area");
            if (kind == "csv")
            {
                Assert.Contains(scenario.Actors, a => a.Id == "Cafe-2" && a.Name == "Café");
                Assert.Contains("Actor name 'Café' is used twice; this actor gets the id 'Cafe-2'", import.Error, StringComparison.Ordinal);
            }
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public void A_ktab_csv_dimension_named_like_a_fallback_id_does_not_collide_with_it()
    {
        // Dimension 2 repeats dimension 1's name and falls back to 'dim1'; dimension 3 is called 'dim1' itself.
        var csv = "S,d,3,3,\nActor,Description,Power,A Position,A Salience,A Position,A Salience,dim1 Position,dim1 Salience\n"
            + "X,x,10,20,30,40,10,1,1\nY,y,20,60,20,10,30,2,2\nZ,z,30,90,10,50,40,3,3\n";
        var result = KtabCsvReader.Parse(csv, "d.csv");
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(["A", "dim1", "dim1-2"], result.Value!.Scenario.Issues.Select(i => i.Id));
    }

    // --- Rounds and writers ------------------------------------------------------------------------

    [Theory]
    [InlineData("100000")]
    [InlineData("10001")]
    public void Forecast_with_more_rounds_than_the_limit_is_a_usage_error_before_the_file_is_read(string rounds)
    {
        var run = CliRunner.Run("forecast", "no-such-file.yaml", "--rounds", rounds, "-m", "scholz2011");
        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains($"--rounds must be between 1 and {Limits.MaxRounds}, not {rounds}", run.Error, StringComparison.Ordinal);
        Assert.Equal(Limits.MaxRounds, ModelOptions.MaxRounds);
    }

    [Fact]
    public void The_csv_writer_refuses_a_non_finite_number_as_a_bug_as_the_json_writer_does()
    {
        var scenario = FormatTestHelpers.Valid(FormatTestHelpers.Parse(Classic("A,1,10,1", "B,1,20,1"), "w.csv"));
        var result = new ModelResult("broken", [new IssueResult("issue", double.PositiveInfinity, ["a", "b"], [new RoundState(0, [10, 20], double.NaN, 10)])]);
        var forecast = new IssueForecast("issue", double.PositiveInfinity, null, null, [], [], null, "", []);
        var outcome = new ForecastOutcome(scenario, 1, 0, [new ModelForecast("broken", result, [], [forecast])], [], null);
        var report = ForecastReport.Create(outcome);
        Assert.Throws<InvalidOperationException>(() => ForecastReportWriter.ToSummaryCsv(report));
        Assert.Throws<InvalidOperationException>(() => ForecastReportWriter.ToPathsCsv(report));
        Assert.ThrowsAny<Exception>(() => ForecastReportWriter.ToJson(report));
    }

    // --- Found by the fuzz tests -----------------------------------------------------------------

    [Fact]
    public void Schema_validation_reports_the_same_errors_when_files_are_read_in_parallel()
    {
        // JsonSchema.Net 7.4 missed errors at random when each evaluation had its own options (json-everything#929).
        var bad = Encoding.UTF8.GetBytes(Small.Replace("salience: 0.9", "salience: -0.9", StringComparison.Ordinal));
        var missed = 0;
        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var result = ScenarioFiles.Parse(i % 2 == 0 ? bad : Encoding.UTF8.GetBytes(Small), "p.yaml");
            if (i % 2 == 0 && !result.Errors.Any(e => e.Message.Contains("below the minimum 0", StringComparison.Ordinal)))
            {
                Interlocked.Increment(ref missed);
            }
        });
        Assert.Equal(0, missed);
    }

    [Theory]
    [InlineData("-9.67e-34")]
    [InlineData("-1e-29")]
    public void A_tiny_negative_salience_is_below_the_minimum_although_decimals_round_it_to_0(string salience)
    {
        var result = Yaml(Small.Replace("salience: 0.9", $"salience: {salience}", StringComparison.Ordinal));
        FormatTestHelpers.AssertAt(FormatTestHelpers.ErrorContaining(result, $"'salience' is {salience}, below the minimum 0"), "p.yaml", 28, 19);
    }

    [Theory]
    [InlineData("\\ud800", 3, 18)]
    [InlineData("\\uDFFF", 3, 18)]
    public void A_json_escape_of_half_a_surrogate_pair_is_a_located_error_not_an_internal_error(string escape, int line, int column)
    {
        var json = File.ReadAllText(TestPaths.TestData("small.json")).Replace("\"Two issues", $"\"{escape}Two issues", StringComparison.Ordinal);
        var result = FormatTestHelpers.Parse(json, "p.json", ScenarioFormat.Json);
        FormatTestHelpers.AssertAt(FormatTestHelpers.ErrorContaining(result, "an escape that is not a character"), "p.json", line, column);
    }

    [Fact]
    public void Columns_on_one_long_minified_json_line_are_counted_in_characters_from_where_the_last_token_was()
    {
        // Counting every column from the start of the line made one-line files quadratic (10,000 actors: 90 s).
        var actors = Enumerable.Range(0, 1500).Select(a => $"{{\"id\":\"a{a}\",\"name\":\"Ä{a}\",\"capability\":1,\"stances\":{{\"i\":{{\"position\":{a % 100},\"salience\":0.5}}}}}}").ToList();
        actors[^1] = actors[^1].Replace("\"capability\":1", "\"capability\":-1", StringComparison.Ordinal);
        var json = "{\"title\":\"many\",\"issues\":[{\"id\":\"i\",\"name\":\"I\"}],\"actors\":[" + string.Join(",", actors) + "]}";
        var result = FormatTestHelpers.Parse(json, "min.json", ScenarioFormat.Json);
        var error = FormatTestHelpers.ErrorContaining(result, "is -1, below the minimum 0");
        FormatTestHelpers.AssertAt(error, "min.json", 1, json.IndexOf("-1,", StringComparison.Ordinal) + 1);
    }

    [Fact]
    public void A_deu_issue_id_that_is_not_a_valid_id_becomes_one_in_the_scenario_and_stays_as_written_in_the_output()
    {
        var text = File.ReadAllText(DeuData.TestFile("small.tsv"));
        Assert.Contains("\td00001i1\t", text, StringComparison.Ordinal);
        using var reader = new StringReader(text.Replace("\td00001i1\t", "\td00  001i1\t", StringComparison.Ordinal));
        var issue = DeuReader.Read(reader, "d.tsv").Value!.Issues[0];
        Assert.Equal("d00  001i1", issue.IssueId);
        Assert.Equal("d00-001i1", issue.Scenario.Issues[0].Id);
        Assert.True(ScenarioFiles.Parse(Encoding.UTF8.GetBytes(ScenarioWriter.ToYaml(issue.Scenario)), "back.yaml").Succeeded);
    }

    [Theory]
    [InlineData("1e-320")]
    [InlineData("1e-101")]
    public void A_salience_so_small_that_ktab_smp_would_abort_is_refused_by_the_ktab_csv_reader(string salience)
    {
        var csv = File.ReadAllText(TestPaths.Data("ktab", "ref", "rand01.csv"));
        var first = csv.Split('\n')[2];
        var fields = first.Split(',');
        fields[4] = salience;
        var result = KtabCsvReader.Parse(csv.Replace(first, string.Join(',', fields), StringComparison.Ordinal), "k.csv");
        var error = Assert.Single(result.Errors);
        Assert.Contains("closer to 0 than the smallest magnitude Parley reads (1e-100; write 0 for none)", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, error.Location!.Line);
    }

    [Fact]
    public void A_scale_near_1e_300_is_refused_because_the_weighted_mean_of_its_positions_leaves_it()
    {
        var text = File.ReadAllText(TestPaths.TestData("fuzz", "forecast", "tiny-scale-mean-outside.yaml"));
        var result = Yaml(text);
        Assert.Contains(result.Errors, e => e.Message.StartsWith("'min' is -1E-300, closer to 0 than the smallest magnitude", StringComparison.Ordinal));

        // The same numbers built in code: the limit check refuses them before a model runs.
        var scale = new Scale(-1e-300, 1e-300);
        var scenario = new Scenario("tiny", [new Issue("i", "I", scale)], [new Actor("a", "A", 1e-300), new Actor("b", "B", 3)],
            [new Stance("a", "i", -1e-300, 0.7), new Stance("b", "i", 1e-300, 1e-300)]);
        Assert.NotEmpty(RunLimits.Check(ModelCatalog.Find("compromise")!, scenario, ModelOptions.Default));
    }

    [Fact]
    public void The_largest_scenario_within_every_limit_reads_and_forecasts_to_finite_numbers_with_the_static_models()
    {
        // 2,000 actors × 10 issues = 20,000 stances, numbers at both ends of the magnitude range.
        var issues = Enumerable.Range(0, 10).Select(k => new Issue($"i{k}", $"Issue {k}", new Scale(-1e15, 1e15))).ToList();
        var actors = Enumerable.Range(0, Limits.MaxActors).Select(a => new Actor($"a{a}", $"A{a}", a % 2 == 0 ? 1e15 : 1e-100)).ToList();
        var stances = (from a in Enumerable.Range(0, Limits.MaxActors)
                       from k in Enumerable.Range(0, 10)
                       select new Stance($"a{a}", $"i{k}", a % 3 == 0 ? 1e15 : -1e-100 * a, a % 5 == 0 ? 1e-100 : 1)).ToList();
        var scenario = new Scenario("largest", issues, actors, stances);
        var text = ScenarioWriter.ToJson(scenario);
        Assert.True(Encoding.UTF8.GetByteCount(text) < Limits.MaxFileBytes);
        var read = ScenarioFiles.Parse(Encoding.UTF8.GetBytes(text), "largest.json");
        Assert.True(read.Succeeded, string.Join("\n", read.Errors.Take(5)));
        foreach (var model in new[] { "compromise", "median-voter", "best", "mean" })
        {
            var result = ModelCatalog.Find(model)!.Run(read.Value!, new ModelOptions { Offers = OfferRecording.None });
            Assert.Empty(RunLimits.Check(ModelCatalog.Find(model)!, read.Value!, ModelOptions.Default));
            Assert.All(result.Issues, r => Assert.InRange(r.Forecast, -1e15, 1e15));
        }

        using var json = JsonDocument.Parse(text);
        Assert.Equal(Limits.MaxActors, json.RootElement.GetProperty("actors").GetArrayLength());
    }
}
