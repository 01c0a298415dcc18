using System.Text;
using Parley.Core.Models;
using Parley.Core.Models.Ktab;
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

    private static readonly string[] s_readers = ["yaml", "json", "classic-csv", "ktab-csv", "ktab-xml", "deu-tsv"];

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

    private static (Syntax, byte[][], Func<byte[], int, FuzzOutcome>) Target(string reader) => reader switch
    {
        "yaml" => (Syntax.Yaml, Seeds(TestPaths.TestData("small.yaml"), TestPaths.TestData("fuzz", "seeds", "features.yaml")), (b, _) => Scenario(b, "fuzz.yaml", ScenarioFormat.Yaml)),
        "json" => (Syntax.Json, Seeds(TestPaths.TestData("small.json")), (b, _) => Scenario(b, "fuzz.json", ScenarioFormat.Json)),
        "classic-csv" => (Syntax.Csv, Seeds([.. Directory.GetFiles(TestPaths.SharedData("bdm"), "*.csv").Order()]), (b, i) => Scenario(b, "fuzz.csv", i % 2 == 0 ? ScenarioFormat.ClassicCsv : ScenarioFormat.Auto)),
        "ktab-csv" => (Syntax.Csv, Seeds(TestPaths.SharedData("ktab", "ref", "rand01.csv"), TestPaths.SharedData("ktab", "ref", "dummyData_3Dim.csv"), TestPaths.SharedData("ktab", "ref", "SOE-Policy.csv")), KtabCsv),
        "ktab-xml" => (Syntax.Xml, Seeds(TestPaths.TestData("fuzz", "seeds", "sample.xml"), TestPaths.TestData("fuzz", "seeds", "stochastic.xml")), (b, _) => Scenario(b, "fuzz.xml", ScenarioFormat.KtabXml)),
        "deu-tsv" => (Syntax.Tsv, Seeds(TestPaths.TestData("fuzz", "seeds", "deu-head.tsv"), TestPaths.TestData("deu", "small.tsv")), Deu),
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
        FuzzChecks.AcceptedScenario(source.Scenario);
        var options = new ModelOptions { Parameters = source.ModelParameters, Seed = source.Seed ?? 1 };
        var results = s_cheapModels.Select(m => m.Run(source.Scenario, options)).ToList();
        var outcome = FuzzOutcome.Accepted;
        if (source.Format is ScenarioFormat.KtabCsv or ScenarioFormat.KtabXml)
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

        foreach (var r in results)
        {
            FuzzChecks.Result(source.Scenario, r);
        }

        FuzzChecks.Writes(source.Scenario, results);
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

        FuzzChecks.AcceptedScenario(result.Value!.Scenario);
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

        foreach (var issue in result.Value!.Issues)
        {
            FuzzChecks.That(issue.Outcome is >= 0 and <= 100, $"outcome {issue.Outcome} outside 0–100");
            FuzzChecks.AcceptedScenario(issue.Scenario);
            foreach (var model in s_cheapModels)
            {
                FuzzChecks.Result(issue.Scenario, model.Run(issue.Scenario, ModelOptions.Default));
            }
        }

        return FuzzOutcome.Accepted;
    }

    /// <summary>
    /// Runs ktab-smp; null when it refuses. It must refuse exactly the scenarios that lack what it
    /// documents it needs (<see cref="KtabSmpRuns"/>), and may otherwise stop only on one of KTAB's
    /// own abort conditions (a <see cref="KtabSmpException"/>, e.g. saliences so small that their
    /// squares underflow to 0).
    /// </summary>
    internal static ModelResult? KtabSmp(Core.Scenarios.Scenario scenario, ModelOptions options)
    {
        var runs = KtabSmpRuns(scenario, KtabSmpParameters.Parse(options.Parameters).NormaliseSaliences);
        try
        {
            var result = new KtabSmpModel().Run(scenario, options);
            FuzzChecks.That(runs, "ktab-smp ran a scenario that lacks what it needs");
            return result;
        }
        catch (KtabSmpException)
        {
            return null;
        }
        catch (ArgumentException e) when (!runs)
        {
            FuzzChecks.That(e.Message.Length > 0, "ktab-smp refused without a reason");
            return null;
        }
    }

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
