using Parley.Core.Models;
using Parley.Formats;
using Parley.Tests.Support;

namespace Parley.Tests.Fuzz;

/// <summary>
/// Every input the fuzz tests found to break a property, kept under TestData/fuzz/&lt;target&gt;/ and
/// checked by the same properties on every run. What each one broke, and the fix, is in
/// ProbeRegressionTests and docs/limits.md.
/// </summary>
public sealed class FuzzRegressionTests
{
    public static TheoryData<string> Cases => new(
        Directory.GetDirectories(TestPaths.TestData("fuzz"))
            .Where(d => Path.GetFileName(d) != "seeds")
            .SelectMany(Directory.GetFiles)
            .Select(f => Path.GetRelativePath(TestPaths.TestData("fuzz"), f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_kept_fuzz_case_keeps_every_property(string file)
    {
        var input = File.ReadAllBytes(TestPaths.TestData("fuzz", file));
        var target = file.Split('/')[0];
        var outcome = target switch
        {
            "yaml" => ReaderFuzzTests.Scenario(input, "fuzz.yaml", ScenarioFormat.Yaml),
            "json" => ReaderFuzzTests.Scenario(input, "fuzz.json", ScenarioFormat.Json),
            "classic-csv" => ReaderFuzzTests.Scenario(input, "fuzz.csv", ScenarioFormat.ClassicCsv),
            "ktab-csv" => Both(ReaderFuzzTests.KtabCsv(input, 0), ReaderFuzzTests.KtabCsv(input, 1)),
            "ktab-xml" => ReaderFuzzTests.Scenario(input, "fuzz.xml", ScenarioFormat.KtabXml),
            "deu-tsv" => Both(ReaderFuzzTests.Deu(input, 0), ReaderFuzzTests.Deu(input, 1)),
            "forecast" => Forecast(input),
            _ => throw new InvalidOperationException($"No check for the folder '{target}' of {file}."),
        };
        Assert.True(Enum.IsDefined(outcome));
    }

    private static FuzzOutcome Both(FuzzOutcome first, FuzzOutcome second) => first == second ? first : throw new FuzzFinding($"the two ways of reading disagree: {first} and {second}");

    /// <summary>A scenario the forecast fuzzer generated: rejected with a location, or forecast by every model to finite numbers inside the scales.</summary>
    private static FuzzOutcome Forecast(byte[] input)
    {
        var read = ScenarioFiles.ParseSource(input, "fuzz.yaml");
        if (!read.Succeeded)
        {
            FuzzChecks.Rejection(read.Diagnostics, "fuzz.yaml", input);
            return FuzzOutcome.Rejected;
        }

        foreach (var model in ModelCatalog.All.Where(m => m.Name is not ("ktab-smp" or "ktab-smp+veto")))
        {
            FuzzChecks.Result(read.Value!.Scenario, model.Run(read.Value.Scenario, ModelOptions.Default));
        }

        return FuzzOutcome.Accepted;
    }
}
