using System.Text;
using Parley.Core;
using Parley.Core.Models;
using Parley.Core.Models.Ktab;
using Parley.Core.Run;
using Parley.Formats;
using Parley.Formats.Deu;
using Parley.Formats.Ktab;
using Parley.Tests.Support;
using Xunit.Abstractions;

namespace Parley.Tests.Fuzz;

/// <summary>
/// 10,000 mutated inputs to each reader (fixed seeds, so every run feeds the same inputs):
/// no exception escapes, every rejection is located, every accepted scenario is within the limits,
/// reads back after being written, and forecasts to finite numbers inside its scales.
/// Counts go to the test output and TestResults/fuzz/&lt;reader&gt;.txt.
/// </summary>
public sealed class ReaderFuzzTests(ITestOutputHelper output)
{
    /// <summary>Inputs per reader.</summary>
    public const int Inputs = 10_000;

    private const ulong Seed = 20261201;

    private static readonly IssueModel[] s_cheapModels = [.. new[] { "compromise", "median-voter", "best" }.Select(n => (IssueModel)ModelCatalog.Find(n)!)];

    private static readonly string[] s_readers = ["yaml", "json", "classic-csv", "ktab-csv", "ktab-xml", "deu-tsv", "exchange-csv"];

    public static TheoryData<string> Readers => new(s_readers);

    [Theory]
    [MemberData(nameof(Readers))]
    public void Ten_thousand_mutated_inputs_are_each_rejected_with_a_location_or_read_into_a_sound_scenario(string reader)
    {
        var (syntax, seeds, check) = Target(reader);
        var stream = (uint)Array.IndexOf(s_readers, reader) + 1;
        var tally = FuzzDriver.Run(reader, stream, Seed, Inputs, Mutations.Of(seeds, syntax), check, b => b, output);
        Assert.True(tally.Crashes == 0 && tally.Findings == 0, $"{tally}\nSee the test output and {FuzzDriver.ResultsFolder}.");
        Assert.Equal(Inputs, tally.Rejected + tally.Accepted);
    }

    /// <summary>
    /// The big inputs, a handful per reader rather than ten thousand: a 100 MB file (sparse, so that
    /// it costs no disk) read from disk, and 10,000 actors (10,000 issue rows for DEU) in the reader's
    /// format, through the same checks as the mutated inputs.
    /// </summary>
    [Theory]
    [MemberData(nameof(Readers))]
    public void A_100_MB_file_and_10000_actors_are_rejected_with_a_location_or_read_into_a_sound_scenario(string reader)
    {
        var (_, _, check) = Target(reader);
        var folder = Directory.CreateTempSubdirectory("parley-huge-");
        try
        {
            var path = Path.Combine(folder.FullName, "huge" + Extension(reader));
            using (var stream = File.Create(path))
            {
                stream.SetLength(100L * 1024 * 1024);
            }

            var fromDisk = reader == "deu-tsv" ? DeuReader.ReadFile(path).Diagnostics : ScenarioFiles.Load(path, Format(reader)).Diagnostics;
            FuzzChecks.Rejection(fromDisk, path, []);
            var many = Encoding.UTF8.GetBytes(TenThousandActors(reader));
            var outcome = check(many, 0);
            var line = $"{reader,-12} 100 MB file: rejected ({fromDisk[0].Message}); {many.Length:N0} bytes of 10,000 actors: {outcome}";
            output.WriteLine(line);
            Directory.CreateDirectory(FuzzDriver.ResultsFolder);
            File.WriteAllText(Path.Combine(FuzzDriver.ResultsFolder, $"{reader}-huge.txt"), line + Environment.NewLine);
            Assert.Equal(reader == "deu-tsv" ? FuzzOutcome.Accepted : FuzzOutcome.Rejected, outcome);
        }
        finally
        {
            folder.Delete(true);
        }
    }

    private static string Extension(string reader) => reader switch
    {
        "yaml" => ".yaml",
        "json" => ".json",
        "ktab-xml" => ".xml",
        "deu-tsv" => ".tsv",
        "exchange-csv" => ".csv",
        _ => ".csv",
    };

    private static ScenarioFormat Format(string reader) => reader switch
    {
        "yaml" => ScenarioFormat.Yaml,
        "json" => ScenarioFormat.Json,
        "classic-csv" => ScenarioFormat.ClassicCsv,
        "ktab-csv" => ScenarioFormat.KtabCsv,
        "exchange-csv" => ScenarioFormat.ExchangeCsv,
        _ => ScenarioFormat.KtabXml,
    };

    private static string TenThousandActors(string reader)
    {
        var ids = Enumerable.Range(0, 10_000);
        string Lines(Func<int, string> line) => string.Concat(ids.Select(a => line(a) + "\n"));
        return reader switch
        {
            "yaml" => "title: many\nissues:\n  - { id: i, name: I }\nactors:\n" + Lines(a => $"  - {{ id: a{a}, name: A{a}, capability: 1, stances: {{ i: {{ position: {a % 100}, salience: 0.5 }} }} }}"),
            "json" => "{\"title\":\"many\",\"issues\":[{\"id\":\"i\",\"name\":\"I\"}],\"actors\":[" + string.Join(",", ids.Select(a => $"{{\"id\":\"a{a}\",\"name\":\"A{a}\",\"capability\":1,\"stances\":{{\"i\":{{\"position\":{a % 100},\"salience\":0.5}}}}}}")) + "]}",
            "classic-csv" => "Actor,Capability,Position,Salience\n" + Lines(a => $"A{a},1,{a % 100},0.5"),
            "ktab-csv" => "many,d,10000,1,\nActor,Description,Power,D Position,D Salience\n" + Lines(a => $"A{a},d,1,{a % 100},50"),
            "exchange-csv" => "'#P'\t'P'\t'P'\t'Issue P'\n" + Lines(a => $"'#A'\t'A{a}'\t'Actor {a}'\t''") + Lines(a => $"'#D'\t'A{a}'\t'P'\t{a % 100}\t0.5\t1.0"),
            "ktab-xml" => "<Scenario><name>x</name><prngSeed>1</prngSeed><Dimensions><dName>D</dName></Dimensions><Actors>" + Lines(a => $"<Actor><name>A{a}</name><description>d</description><capability>1</capability><Position><dCoord>{a % 100}</dCoord></Position><Salience><dSal>50</dSal></Salience></Actor>") + "</Actors><IdealAdjustment><iaPair><adjustingIdeal>A0</adjustingIdeal><referencePos>A0</referencePos><adjust>1</adjust></iaPair></IdealAdjustment></Scenario>",
            _ => DeuRows(),
        };
    }

    /// <summary>The header and capability row of the DEU seed, then its first issue row 10,000 times with distinct issue numbers.</summary>
    private static string DeuRows()
    {
        var lines = File.ReadAllLines(TestPaths.TestData("fuzz", "seeds", "deu-head.tsv"));
        var fields = lines[2].Split('\t');
        return lines[0] + "\n" + lines[1] + "\n" + string.Concat(Enumerable.Range(1, 10_000).Select(k =>
        {
            fields[1] = k.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return string.Join('\t', fields) + "\n";
        }));
    }

    private static (Syntax, byte[][], Func<byte[], int, FuzzOutcome>) Target(string reader) => reader switch
    {
        "yaml" => (Syntax.Yaml, Seeds(TestPaths.TestData("small.yaml"), TestPaths.TestData("fuzz", "seeds", "features.yaml"), TestPaths.TestData("full.yaml")), (b, _) => Scenario(b, "fuzz.yaml", ScenarioFormat.Yaml)),
        "json" => (Syntax.Json, Seeds(TestPaths.TestData("small.json")), (b, _) => Scenario(b, "fuzz.json", ScenarioFormat.Json)),
        "classic-csv" => (Syntax.Csv, Seeds([.. Directory.GetFiles(TestPaths.Data("bdm"), "*.csv").Order()]), (b, i) => Scenario(b, "fuzz.csv", i % 2 == 0 ? ScenarioFormat.ClassicCsv : ScenarioFormat.Auto)),
        "ktab-csv" => (Syntax.Csv, Seeds(TestPaths.Data("ktab", "ref", "rand01.csv"), TestPaths.Data("ktab", "ref", "dummyData_3Dim.csv"), TestPaths.Data("ktab", "ref", "SOE-Policy.csv")), KtabCsv),
        "ktab-xml" => (Syntax.Xml, Seeds(TestPaths.TestData("fuzz", "seeds", "sample.xml"), TestPaths.TestData("fuzz", "seeds", "stochastic.xml")), (b, _) => Scenario(b, "fuzz.xml", ScenarioFormat.KtabXml)),
        "deu-tsv" => (Syntax.Tsv, Seeds(TestPaths.TestData("fuzz", "seeds", "deu-head.tsv"), TestPaths.TestData("deu", "small.tsv")), Deu),
        "exchange-csv" => (Syntax.Tsv, Seeds(TestPaths.Data("exchange", "example", "example.csv"), TestPaths.Data("exchange", "ref", "case00.csv")), (b, _) => Scenario(b, "fuzz.csv", ScenarioFormat.ExchangeCsv)),
        _ => throw new ArgumentOutOfRangeException(nameof(reader)),
    };

    private static byte[][] Seeds(params string[] paths) => [.. paths.Select(File.ReadAllBytes)];

    /// <summary>Reads through the scenario reader the CLI uses; an accepted scenario is checked and forecast by the cheap models (and ktab-smp for a KTAB file).</summary>
    internal static FuzzOutcome Scenario(byte[] input, string file, ScenarioFormat format)
    {
        var result = ScenarioFiles.ParseSource(input, file, format);
        if (!result.Succeeded)
        {
            FuzzChecks.Rejection(result.Diagnostics, file, input);
            return FuzzOutcome.Rejected;
        }

        var source = result.Value!;
        FuzzChecks.AcceptedScenario(source.Scenario, json: input.Length % 4 == 0);
        var (options, parameterProblems) = ModelParameters.Apply(ModelOptions.Default with { Seed = source.Seed ?? 1 }, source.ModelParameters.Select(p => new NamedParameter(p.Key, p.Value)));
        FuzzChecks.That(parameterProblems.Count == 0, "the reader accepted model parameters that the models refuse: " + string.Join("; ", parameterProblems));
        var results = s_cheapModels.Select(m => Run(m, source.Scenario, options)).ToList();
        var outcome = FuzzOutcome.Accepted;

        // ktab-smp costs more than the reader (26 actors of SOE-Policy: ~10 ms optimised, far more in a
        // Debug build): one accepted KTAB file in four; the forecast fuzz test runs it on every case.
        if (source.Format is ScenarioFormat.KtabCsv or ScenarioFormat.KtabXml && (input.Length % 4) == 0)
        {
            var ktab = KtabSmp(source.Scenario, options);
            if (ktab is null)
            {
                outcome = FuzzOutcome.AcceptedModelRefused;
            }
            else
            {
                results.Add(ktab);
            }
        }

        if (source.Format == ScenarioFormat.ExchangeCsv)
        {
            var exchange = RunOrRefuse(ModelCatalog.Find("exchange")!, source.Scenario, options);
            if (exchange is null)
            {
                outcome = FuzzOutcome.AcceptedModelRefused;
            }
            else
            {
                results.Add(exchange);
            }
        }

        foreach (var r in results)
        {
            FuzzChecks.Result(source.Scenario, r);
        }

        // One accepted file in eight through the run layer: its input draws use the file's spreads.
        if (input.Length % 8 == 3)
        {
            var request = new ForecastRequest(source.Scenario) { Models = s_cheapModels, Options = options, Draws = 8, Drivers = false, Seed = 1, MaxDegreeOfParallelism = 1 };
            FuzzChecks.Outcome(source.Scenario, ForecastRunner.Run(request));
        }

        return outcome;
    }

    /// <summary>KTAB CSV both ways: through the scenario reader (strict UTF-8) and through KTAB's own decoding (its BOM quirk, lenient UTF-8).</summary>
    internal static FuzzOutcome KtabCsv(byte[] input, int index)
    {
        if (index % 2 == 0)
        {
            return Scenario(input, "fuzz.csv", ScenarioFormat.KtabCsv);
        }

        var result = KtabCsvReader.Parse(KtabCsvReader.Decode(input), "fuzz.csv");
        if (!result.Succeeded)
        {
            FuzzChecks.Rejection(result.Diagnostics, "fuzz.csv", input);
            return FuzzOutcome.Rejected;
        }

        FuzzChecks.AcceptedScenario(result.Value!.Scenario, json: input.Length % 4 == 0);
        return FuzzOutcome.Accepted;
    }

    internal static FuzzOutcome Deu(byte[] input, int index)
    {
        using var reader = new StreamReader(new MemoryStream(input), Encoding.UTF8);
        var result = DeuReader.Read(reader, "fuzz.tsv", new DeuReadOptions { SkipInvalid = index % 3 == 0 });
        if (!result.Succeeded)
        {
            FuzzChecks.Rejection(result.Diagnostics, "fuzz.tsv", input);
            return FuzzOutcome.Rejected;
        }

        var issues = result.Value!.Issues;
        FuzzChecks.That(issues.All(i => i.Outcome is >= 0 and <= 100), "an outcome outside 0–100");
        FuzzChecks.That(issues.All(i => RunLimits.CheckScenario(i.Scenario).Count == 0), "an issue past a limit");

        // Written back, read again and forecast: the first 5 issues of a mutated seed (it has 10), 50 of the big input.
        foreach (var issue in issues.Take(issues.Count > 20 ? 50 : 5))
        {
            FuzzChecks.AcceptedScenario(issue.Scenario, json: input.Length % 4 == 0);
            foreach (var model in s_cheapModels)
            {
                FuzzChecks.Result(issue.Scenario, Run(model, issue.Scenario, ModelOptions.Default));
            }
        }

        return FuzzOutcome.Accepted;
    }

    /// <summary>A model whose documented needs the scenario meets: its limits and its check pass and its run finishes.</summary>
    internal static ModelResult Run(IForecastModel model, Core.Scenarios.Scenario scenario, ModelOptions options)
    {
        FuzzChecks.That(RunLimits.Check(model, scenario, options).Count == 0, $"{model.Name}: the scenario is past a limit: {string.Join("; ", RunLimits.Check(model, scenario, options))}");
        return RunOrRefuse(model, scenario, options) ?? throw new FuzzFinding($"{model.Name} refused or failed on a scenario that has what it needs");
    }

    /// <summary>
    /// Runs <paramref name="model"/>; null when it refuses. Its check must refuse exactly the scenarios
    /// that lack what the model documents it needs (<see cref="MeetsNeeds"/>); a run it lets through
    /// must finish, except that ktab-smp (and its breakdown step) may stop on one of KTAB's own abort
    /// conditions (a failed result, as KTAB aborts).
    /// </summary>
    internal static ModelResult? RunOrRefuse(IForecastModel model, Core.Scenarios.Scenario scenario, ModelOptions options)
    {
        var needs = MeetsNeeds(model, scenario, options);
        var problems = model.Check(scenario, options).Where(p => p.Severity == Core.Diagnostics.DiagnosticSeverity.Error).ToList();
        if (problems.Count > 0)
        {
            FuzzChecks.That(!needs, $"{model.Name} refused a scenario that has what it needs: " + string.Join("; ", problems));
            return null;
        }

        FuzzChecks.That(needs, $"{model.Name}'s check let through a scenario that lacks what it needs");
        var result = model.Run(scenario, options);
        FuzzChecks.That(result.Succeeded || model is KtabSmpModel or Core.Models.Breakdown.JointVetoModel { Inner: KtabSmpModel }, $"{model.Name} failed after its check passed: {result.Failure}");
        return result.Succeeded ? result : null;
    }

    /// <summary>ktab-smp on a scenario (null when it refuses or aborts).</summary>
    internal static ModelResult? KtabSmp(Core.Scenarios.Scenario scenario, ModelOptions options) => RunOrRefuse(new KtabSmpModel(), scenario, options);

    /// <summary>What each model documents it needs (docs/models): ktab-smp <see cref="KtabSmpRuns"/>; exchange an actor with salience and capability above 0 on every issue; a breakdown step what its model needs; the others nothing beyond a stance per issue.</summary>
    internal static bool MeetsNeeds(IForecastModel model, Core.Scenarios.Scenario scenario, ModelOptions options) => model switch
    {
        // A breakdown step needs what its model needs (docs/models/breakdown.md).
        Core.Models.Breakdown.IssueVetoModel v => MeetsNeeds(v.Inner, scenario, options),
        Core.Models.Breakdown.JointVetoModel v => MeetsNeeds(v.Inner, scenario, options),
        KtabSmpModel => KtabSmpRuns(scenario, (options.Ktab ?? KtabSmpParameters.Default).NormaliseSaliences),
        Core.Models.Exchange.ExchangeModel => Enumerable.Range(0, scenario.Issues.Count).All(k =>
            Enumerable.Range(0, scenario.Actors.Count).Any(a => scenario.StanceOf(a, k) is { Salience: > 0 } && scenario.Actors[a].CapabilityOn(scenario.Issues[k].Id) > 0)),
        _ => true,
    };

    /// <summary>
    /// What KTAB's model needs (docs/models/ktab-smp.md): at least two actors, a stance on every issue,
    /// capabilities above 0, and per actor saliences summing to more than 0 (and to at most 1 unless
    /// they are normalised, the default).
    /// </summary>
    internal static bool KtabSmpRuns(Core.Scenarios.Scenario scenario, bool normalise) =>
        scenario.Actors.Count >= 2 && Enumerable.Range(0, scenario.Actors.Count).All(a =>
            scenario.Actors[a].Capability > 0
            && Enumerable.Range(0, scenario.Issues.Count).All(k => scenario.StanceOf(a, k) is not null)
            && Enumerable.Range(0, scenario.Issues.Count).Sum(k => scenario.StanceOf(a, k)!.Salience) is var total
            && total > 0 && (normalise || total <= 1 + 1e-12));
}
