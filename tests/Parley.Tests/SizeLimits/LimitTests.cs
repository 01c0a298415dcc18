using System.Globalization;
using System.Text;
using Parley.Cli;
using Parley.Core;
using Parley.Core.Diagnostics;
using Parley.Core.Models;
using Parley.Core.Scenarios;
using Parley.Formats;
using Parley.Formats.Deu;
using Parley.Formats.Ktab;
using Parley.Tests.Deu;
using Parley.Tests.Formats;
using Parley.Tests.Support;

namespace Parley.Tests.SizeLimits;

/// <summary>
/// Every limit of <see cref="Limits"/> (docs/limits.md): past it, a located error — and it arrives
/// before the allocation it guards against. Allocation is measured with
/// <see cref="GC.GetAllocatedBytesForCurrentThread"/>, never time: the expected-utility tables alone
/// would take 3.2 GB at 10,000 actors.
/// </summary>
public sealed class LimitTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("parley-limits-");

    public void Dispose() => _dir.Delete(true);

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>Runs <paramref name="action"/> and returns what it returned and the bytes it allocated on this thread.</summary>
    private static (T Value, long Bytes) Measured<T>(Func<T> action)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var value = action();
        return (value, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static Diagnostic OnlyError<T>(ReadResult<T> result) where T : class => Assert.Single(result.Errors);

    // --- File size ---------------------------------------------------------------------------------

    /// <summary>A 100 MB file that takes no disk space (sparse): its length is what the readers look at first.</summary>
    private string Sparse(string name)
    {
        var path = Path.Combine(_dir.FullName, name);
        using var stream = File.Create(path);
        stream.SetLength(100L * 1024 * 1024);
        return path;
    }

    [Theory]
    [InlineData("huge.yaml")]
    [InlineData("huge.json")]
    [InlineData("huge.csv")]
    [InlineData("huge.xml")]
    public void A_100_MB_scenario_file_is_refused_from_its_length_without_being_read(string name)
    {
        var path = Sparse(name);
        var (result, bytes) = Measured(() => ScenarioFiles.Read(path));
        var error = OnlyError(result);
        Assert.Equal("The file is 100 MiB (104,857,600 bytes); Parley reads files of at most 16 MiB.", error.Message);
        Assert.Equal(new SourceLocation(path), error.Location);
        Assert.True(bytes < 1_000_000, $"{bytes:N0} bytes allocated");
    }

    [Fact]
    public void The_deu_and_ktab_readers_refuse_a_100_MB_file_from_its_length_too()
    {
        var path = Sparse("huge.tsv");
        foreach (var read in new Func<IReadOnlyList<Diagnostic>>[] { () => DeuReader.ReadFile(path).Diagnostics, () => KtabCsvReader.ReadFile(path).Diagnostics, () => KtabXmlReader.ReadFile(path).Diagnostics })
        {
            var (diagnostics, bytes) = Measured(read);
            Assert.Contains("Parley reads files of at most 16 MiB", Assert.Single(diagnostics).Message, StringComparison.Ordinal);
            Assert.True(bytes < 1_000_000, $"{bytes:N0} bytes allocated");
        }
    }

    [Fact]
    public void A_100_MB_yaml_file_of_real_text_gives_the_size_error_and_exit_3_for_forecast_validate_import_and_backtest()
    {
        var path = Path.Combine(_dir.FullName, "text.yaml");
        var line = Encoding.UTF8.GetBytes("# a comment line that fills the file up to one hundred megabytes .........\n");
        using (var stream = File.Create(path))
        {
            for (long written = 0; written < 100L * 1024 * 1024; written += line.Length)
            {
                stream.Write(line);
            }
        }

        foreach (var command in new[] { "forecast", "validate", "import", "backtest" })
        {
            var run = CliRunner.Run(command, path);
            Assert.True(run.ExitCode == ExitCodes.InvalidInput, command + ": " + run.Error);
            Assert.Contains("Parley reads files of at most 16 MiB", run.Error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("a\0b.yaml")]
    [InlineData(".")]
    public void An_empty_name_a_NUL_in_the_name_or_a_folder_is_an_error_located_at_the_name(string path)
    {
        var error = OnlyError(ScenarioFiles.Read(path));
        Assert.Equal(path, error.Location!.File);
        Assert.True(error.Message is "The file name is empty or holds a NUL character." or "This is a folder, not a file.", error.Message);
    }

    [Fact]
    public void Content_one_byte_past_the_limit_is_refused_before_it_is_decoded()
    {
        var content = new byte[Limits.MaxFileBytes + 1];
        var (result, bytes) = Measured(() => ScenarioFiles.Parse(content, "big.yaml"));
        Assert.Contains("16,777,217 bytes", OnlyError(result).Message, StringComparison.Ordinal);
        Assert.True(bytes < 100_000, $"{bytes:N0} bytes allocated");
    }

    // --- Actors, issues, stances ------------------------------------------------------------------------

    private static string YamlActors(int actors, int issues)
    {
        var sb = new StringBuilder("title: many\nissues:\n");
        for (var k = 0; k < issues; k++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  - {{ id: i{k}, name: I{k} }}\n");
        }

        sb.Append("actors:\n");
        for (var a = 0; a < actors; a++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  - id: a{a}\n    name: A{a}\n    capability: {1 + (a % 7)}\n    stances: {{ ");
            sb.AppendJoin(", ", Enumerable.Range(0, issues).Select(k => F($"i{k}: {{ position: {(a * 37) % 101}, salience: 0.5 }}")));
            sb.Append(" }\n");
        }

        return sb.ToString();
    }

    [Fact]
    public void A_yaml_scenario_of_10000_actors_is_refused_at_actor_2001_before_the_scenario_is_built()
    {
        var text = YamlActors(10_000, 1);
        var (result, bytes) = Measured(() => FormatTestHelpers.Parse(text, "many.yaml"));
        var error = OnlyError(result);
        Assert.Equal("The scenario has 10,000 actors; Parley reads at most 2,000. This is number 2,001.", error.Message);
        Assert.Equal(3 + 1 + (2000 * 4) + 1, error.Location!.Line);
        Assert.True(bytes < 200_000_000, $"{bytes:N0} bytes allocated (the n × n tables alone: 3.2 GB)");
    }

    [Fact]
    public void A_json_scenario_of_10000_actors_is_refused_in_the_same_way()
    {
        var actors = string.Join(",\n", Enumerable.Range(0, 10_000).Select(a => F($"{{\"id\":\"a{a}\",\"name\":\"A{a}\",\"capability\":1,\"stances\":{{\"i\":{{\"position\":{a % 100},\"salience\":1}}}}}}")));
        var text = "{\"title\":\"many\",\"issues\":[{\"id\":\"i\",\"name\":\"I\"}],\"actors\":[\n" + actors + "]}";
        var (result, bytes) = Measured(() => FormatTestHelpers.Parse(text, "many.json"));
        var error = OnlyError(result);
        Assert.StartsWith("The scenario has 10,000 actors; Parley reads at most 2,000.", error.Message, StringComparison.Ordinal);
        Assert.Equal(2002, error.Location!.Line);
        Assert.True(bytes < 100_000_000, $"{bytes:N0} bytes allocated");
    }

    [Fact]
    public void A_classic_csv_of_10000_actors_stops_at_row_2001_and_forecast_exits_3_without_running_a_model()
    {
        var path = Path.Combine(_dir.FullName, "many.csv");
        File.WriteAllText(path, "Actor,Capability,Position,Salience\n" + string.Concat(Enumerable.Range(0, 10_000).Select(a => F($"A{a},{1 + (a % 5)},{a % 100},0.5\n"))));
        var (result, bytes) = Measured(() => ScenarioFiles.Read(path));
        var error = OnlyError(result);
        Assert.Equal("The table has more than 2,000 rows below its header; Parley reads at most 2,000 (one per actor).", error.Message);
        Assert.Equal(2002, error.Location!.Line);
        Assert.True(bytes < 20_000_000, $"{bytes:N0} bytes allocated");

        var (run, cliBytes) = Measured(() => CliRunner.Run("forecast", path, "-m", "scholz2011"));
        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains($"{path}:2002:1: error: The table has more than 2,000 rows", run.Error, StringComparison.Ordinal);
        Assert.True(cliBytes < 50_000_000, $"{cliBytes:N0} bytes allocated");
    }

    [Fact]
    public void A_classic_csv_of_exactly_2000_actors_is_read()
    {
        var text = "Actor,Capability,Position,Salience\n" + string.Concat(Enumerable.Range(0, Limits.MaxActors).Select(a => F($"A{a},1,{a % 100},0.5\n")));
        Assert.Equal(Limits.MaxActors, FormatTestHelpers.Valid(FormatTestHelpers.Parse(text, "max.csv")).Actors.Count);
    }

    [Fact]
    public void A_ktab_xml_file_of_2001_actors_is_refused_at_actor_2001()
    {
        var actor = "<Actor><name>N</name><description>d</description><capability>1</capability><Position><dCoord>50</dCoord></Position><Salience><dSal>50</dSal></Salience></Actor>\n";
        var xml = "<Scenario><name>x</name><prngSeed>1</prngSeed><Dimensions><dName>D</dName></Dimensions><Actors>\n"
            + string.Concat(Enumerable.Range(0, 2001).Select(a => actor.Replace("<name>N</name>", $"<name>N{a}</name>", StringComparison.Ordinal))) + "</Actors></Scenario>";
        var error = OnlyError(KtabXmlReader.Parse(xml, "many.xml"));
        Assert.StartsWith("<Actors> has 2001 <Actor> on 1 dimension(s)", error.Message, StringComparison.Ordinal);
        Assert.Equal(2002, error.Location!.Line);
    }

    [Fact]
    public void Issue_201_of_a_yaml_file_is_refused_at_its_line()
    {
        var error = OnlyError(FormatTestHelpers.Parse(YamlActors(2, 201), "issues.yaml"));
        Assert.StartsWith("The scenario has 201 issues; Parley reads at most 200.", error.Message, StringComparison.Ordinal);
        Assert.Equal(2 + 201, error.Location!.Line);
    }

    [Fact]
    public void A_ktab_csv_announcing_201_dimensions_or_more_than_20000_stances_is_refused_at_its_header()
    {
        var dims = OnlyError(KtabCsvReader.Parse("S,d,3,201,\nActor,Description,Power\n", "d.csv"));
        Assert.Equal("The number of dimensions is 201; Parley reads at most 200 issues.", dims.Message);
        Assert.Equal((1, 7), (dims.Location!.Line!.Value, dims.Location.Column!.Value));
        var stances = OnlyError(KtabCsvReader.Parse("S,d,250,81,\nActor,Description,Power\n", "s.csv"));
        Assert.Equal("250 actors × 81 dimensions make 20250 stances; Parley reads at most 20000.", stances.Message);
    }

    [Fact]
    public void Stance_20001_of_a_yaml_file_is_refused_at_its_key()
    {
        var error = OnlyError(FormatTestHelpers.Parse(YamlActors(1001, 20), "stances.yaml"));
        Assert.Equal("The scenario has more than 20,000 stances (actor × issue positions); this is stance number 20,001.", error.Message);
        Assert.Equal(2 + 20 + 1 + (1000 * 4) + 4, error.Location!.Line);
    }

    // --- The model precondition: RunLimits.Check ------------------------------------------------------

    private static Scenario Built(int actors, int issues = 1)
    {
        var issueList = Enumerable.Range(0, issues).Select(k => new Issue($"i{k}", $"I{k}", Scale.Percent)).ToList();
        var actorList = Enumerable.Range(0, actors).Select(a => new Actor($"a{a}", $"A{a}", 1 + (a % 3))).ToList();
        var stances = (from a in Enumerable.Range(0, actors) from k in Enumerable.Range(0, issues) select new Stance($"a{a}", $"i{k}", (a * 7) % 101, 0.5)).ToList();
        return new Scenario("built", issueList, actorList, stances);
    }

    [Fact]
    public void A_10000_actor_scenario_built_in_code_is_refused_by_the_check_before_the_expected_utility_tables_exist()
    {
        var scenario = Built(10_000);
        var model = ModelCatalog.Find("scholz2011")!;
        var (errors, bytes) = Measured(() => RunLimits.Check(model, scenario, ModelOptions.Default, "built.yaml"));
        var error = Assert.Single(errors);
        Assert.Equal("The scenario has 10,000 actors; Parley reads at most 2,000.", error.Message);
        Assert.Equal(new SourceLocation("built.yaml"), error.Location);
        Assert.True(bytes < 100_000, $"{bytes:N0} bytes allocated");
    }

    [Fact]
    public void Ktab_smp_is_refused_past_250_actors_while_the_other_models_run()
    {
        var scenario = Built(Limits.MaxKtabSmpActors + 1);
        var error = Assert.Single(RunLimits.Check(ModelCatalog.Find("ktab-smp")!, scenario, ModelOptions.Default));
        Assert.Equal("The scenario has 251 actors; 'ktab-smp' runs at most 250 (KTAB's own limit).", error.Message);
        Assert.Empty(RunLimits.Check(ModelCatalog.Find("bdm")!, scenario, ModelOptions.Default));
        Assert.Empty(RunLimits.Check(ModelCatalog.Find("ktab-smp")!, Built(Limits.MaxKtabSmpActors), ModelOptions.Default));
    }

    [Fact]
    public void Forecast_names_the_ktab_limit_and_still_prints_the_other_models()
    {
        var path = Path.Combine(_dir.FullName, "251.csv");
        File.WriteAllText(path, "Actor,Capability,Position,Salience\n" + string.Concat(Enumerable.Range(0, 251).Select(a => F($"A{a},1,{a % 100},0.5\n"))));
        var run = CliRunner.Run("forecast", path, "-m", "compromise,ktab-smp");
        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("error: model 'ktab-smp' cannot run this scenario:", run.Error, StringComparison.Ordinal);
        Assert.Contains("error: The scenario has 251 actors; 'ktab-smp' runs at most 250", run.Error, StringComparison.Ordinal);
        Assert.Contains("compromise", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Rounds_past_10000_and_paths_past_five_million_positions_are_refused_with_the_most_that_would_run()
    {
        var model = ModelCatalog.Find("bdm")!;
        var small = Built(3);
        Assert.Contains(model.Check(small, new ModelOptions { Rounds = Limits.MaxRounds + 1 }), d => d.Severity == DiagnosticSeverity.Error);
        Assert.Empty(RunLimits.Check(model, small, new ModelOptions { Rounds = Limits.MaxRounds }));
        Assert.Empty(model.Check(small, new ModelOptions { Rounds = Limits.MaxRounds }));

        var large = Built(2000, 10); // 20,000 stances: (rounds + 1) × 20,000 ≤ 5,000,000 for rounds ≤ 249
        var error = Assert.Single(RunLimits.Check(model, large, new ModelOptions { Rounds = 250 }));
        Assert.Equal("at most 249 rounds for this scenario", error.Expected);
        Assert.Empty(RunLimits.Check(model, large, new ModelOptions { Rounds = 249 }));
        Assert.Empty(RunLimits.Check(model, large, ModelOptions.Default));
    }

    // --- Magnitudes ---------------------------------------------------------------------------------------

    [Theory]
    [InlineData("1e15", true)]
    [InlineData("-1e15", true)]
    [InlineData("1.0000000000000002e15", false)]
    [InlineData("1e-100", true)]
    [InlineData("9.99e-101", false)]
    [InlineData("0", true)]
    public void A_capability_is_read_exactly_when_its_magnitude_lies_in_the_documented_range(string capability, bool read)
    {
        var csv = FormatTestHelpers.Parse($"Actor,Capability,Position,Salience\nA,{capability.TrimStart('-')},1,1\nB,1,2,1\n", "m.csv");
        var yaml = FormatTestHelpers.Parse(File.ReadAllText(TestPaths.TestData("small.yaml")).Replace("capability: 30", $"capability: {capability.TrimStart('-')}", StringComparison.Ordinal), "m.yaml");
        var position = FormatTestHelpers.Parse(File.ReadAllText(TestPaths.TestData("small.yaml")).Replace("      min: 0\n", $"      min: {(capability.StartsWith('-') ? capability : "-" + capability)}\n", StringComparison.Ordinal), "p.yaml");
        Assert.Equal(read, csv.Succeeded);
        Assert.Equal(read, yaml.Succeeded);
        Assert.Equal(read || capability == "0", position.Succeeded);
        var value = double.Parse(capability, CultureInfo.InvariantCulture);
        Assert.Equal(read, Limits.WithinMagnitude(value));
        if (!read)
        {
            Assert.Contains(csv.Errors, e => e.Message.Contains(RunLimits.MagnitudeProblem(value), StringComparison.Ordinal));
        }
    }

    // --- Nesting, document size, error counts ----------------------------------------------------------

    [Theory]
    [InlineData(64, false)]
    [InlineData(65, true)]
    public void Nesting_past_64_levels_is_refused_in_yaml_json_and_xml(int depth, bool refused)
    {
        // The root mapping is level 1; depth − 1 lists inside it.
        var yaml = FormatTestHelpers.Parse("a: " + new string('[', depth - 1) + new string(']', depth - 1) + "\n", "d.yaml");
        var json = FormatTestHelpers.Parse("{\"a\":" + new string('[', depth - 1) + new string(']', depth - 1) + "}", "d.json");
        var xml = KtabXmlReader.Parse("<Scenario>" + string.Concat(Enumerable.Repeat("<a>", depth - 1)) + string.Concat(Enumerable.Repeat("</a>", depth - 1)) + "</Scenario>", "d.xml");
        foreach (var diagnostics in new[] { yaml.Diagnostics, json.Diagnostics, xml.Diagnostics })
        {
            Assert.Equal(refused, diagnostics.Any(d => d.Message.Contains("more than 64 levels deep", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public void A_json_document_of_more_than_300000_values_is_refused_at_the_value_past_the_limit()
    {
        var text = "{\"title\":[" + string.Join(",\n", Enumerable.Repeat("0", 300_001)) + "]}";
        var error = OnlyError(FormatTestHelpers.Parse(text, "n.json"));
        Assert.Equal("The document holds more than 300,000 values.", error.Message);
        Assert.Equal(300_000 - 1, error.Location!.Line); // the root and the list count too: number 299,999 is value 300,001
    }

    [Fact]
    public void Past_100_errors_the_rest_are_counted_in_one_line()
    {
        var text = "Actor,Capability,Position,Salience\n" + string.Concat(Enumerable.Range(0, 300).Select(a => F($"A{a},x,1,1\n")));
        var result = FormatTestHelpers.Parse(text, "bad.csv");
        Assert.Equal(101, result.Errors.Count());
        Assert.Equal("200 more errors are not shown (Parley lists the first 100).", result.Errors.Last().Message);
    }

    [Fact]
    public void A_deu_file_stops_being_read_after_100_errors()
    {
        var lines = File.ReadAllLines(DeuData.TestFile("small.tsv"));
        var text = string.Join('\n', lines.Take(2).Concat(Enumerable.Repeat("bad\trow", 500)));
        using var reader = new StringReader(text);
        var result = DeuReader.Read(reader, "bad.tsv");
        Assert.Equal(101, result.Errors.Count());
        Assert.Equal("Reading stopped after 100 errors; the rows from line 103 on were not read.", result.Errors.Last().Message);
    }
}
