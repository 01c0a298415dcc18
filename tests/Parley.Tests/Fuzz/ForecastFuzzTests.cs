using System.Globalization;
using System.Text.Json;
using CsCheck;
using Parley.Cli;
using Parley.Core;
using Parley.Core.Models;
using Parley.Core.Run;
using Parley.Core.Scenarios;
using Parley.Formats;
using Parley.Formats.Calibration;
using Parley.Tests.Support;
using Xunit.Abstractions;

namespace Parley.Tests.Fuzz;

/// <summary>
/// 10,000 generated scenarios run by every model: CsCheck draws actors, issues, scales and numbers
/// from the extremes (0, ±1e15, 1e-100, equal positions, empty weights) and now and then past the
/// limits. A scenario past a limit must be refused by <see cref="RunLimits.Check"/>; any other must
/// pass every model's check (ktab-smp's exactly when it has what KTAB needs) and give finite
/// forecasts, positions and model details inside every scale. Every 20th scenario also goes through
/// the run layer (input draws, drivers every 40th up to 6 actors, calibrated intervals) and the JSON
/// and CSV writers; every 100th of up to 8 actors through the command line (<see cref="ParleyApp.Run"/>):
/// exit 0 or 3, never 1.
/// </summary>
public sealed class ForecastFuzzTests(ITestOutputHelper output)
{
    private const int Inputs = 10_000;
    private const ulong Seed = 20261202;
    private const int CliEvery = 100;
    private const int WriteEvery = 20;

    /// <summary>A generated scenario and whether the generator put a number past <see cref="Limits.MaxMagnitude"/>.</summary>
    internal sealed record Case(Scenario Scenario, bool PastLimits, int? Rounds)
    {
        public override string ToString() => ScenarioWriter.ToYaml(Scenario);
    }

    [Fact]
    public void Ten_thousand_generated_scenarios_give_finite_forecasts_inside_the_scale_with_every_model_or_a_limit_error()
    {
        var folder = Directory.CreateTempSubdirectory("parley-fuzz-");
        try
        {
            var tally = FuzzDriver.Run("forecast", 7, Seed, Inputs, Cases, (c, i) => Check(c, i, folder.FullName), c => System.Text.Encoding.UTF8.GetBytes(c.ToString()), output);
            Assert.True(tally.Crashes == 0 && tally.Findings == 0, $"{tally}\nSee the test output and {FuzzDriver.ResultsFolder}.");
            Assert.InRange(tally.Accepted, Inputs / 2, Inputs);
        }
        finally
        {
            folder.Delete(true);
        }
    }

    private static FuzzOutcome Check(Case c, int index, string folder)
    {
        var scenario = c.Scenario;
        var options = ModelOptions.Default with { Rounds = c.Rounds, Seed = (ulong)index, Offers = index % 10 == 0 ? OfferRecording.All : OfferRecording.Accepted };
        var outcome = FuzzOutcome.Accepted;
        foreach (var model in ModelCatalog.All)
        {
            var limits = RunLimits.Check(model, scenario, options);
            FuzzChecks.That(limits.Count > 0 == c.PastLimits, $"{model.Name}: the limit check says {limits.Count} problem(s) for a scenario {(c.PastLimits ? "past" : "within")} the limits: {string.Join("; ", limits)}");
            if (limits.Count > 0)
            {
                outcome = FuzzOutcome.Rejected;
                continue;
            }

            var result = ReaderFuzzTests.RunOrRefuse(model, scenario, options);
            if (result is null)
            {
                outcome = FuzzOutcome.AcceptedModelRefused;
                continue;
            }

            FuzzChecks.Result(scenario, result);
        }

        // The run layer (input draws, drivers, calibrated intervals) and the report: every 20th case,
        // as they cost more than the models.
        if (!c.PastLimits && index % WriteEvery == 5)
        {
            var request = new ForecastRequest(scenario) { Models = ModelCatalog.All, Options = options, Draws = 8, Seed = (ulong)index, Drivers = index % 40 == 5 && scenario.Actors.Count <= 6, Calibration = ShippedCalibration.Instance, MaxDegreeOfParallelism = 1 };
            FuzzChecks.That(ForecastRunner.Validate(request).Count == 0, "the run layer refused the request: " + string.Join("; ", ForecastRunner.Validate(request)));
            FuzzChecks.Outcome(scenario, ForecastRunner.Run(request));
        }

        // The command line always computes drivers (every input moved down and up): small scenarios only.
        if (index % CliEvery == 0 && scenario.Actors.Count <= 8)
        {
            ThroughTheCommandLine(c, index, folder);
        }

        return outcome;
    }

    /// <summary>The scenario written as YAML and forecast by <c>parley forecast</c> with every model: exit 0 with finite forecasts inside the scales, or exit 3 with located errors.</summary>
    private static void ThroughTheCommandLine(Case c, int index, string folder)
    {
        var path = Path.Combine(folder, $"case-{index}.yaml");
        File.WriteAllText(path, ScenarioWriter.ToYaml(c.Scenario));
        var args = new List<string> { "forecast", path, "--format", "json", "--draws", "4", "-m", string.Join(",", ModelCatalog.Names) };
        if (c.Rounds is { } rounds)
        {
            args.AddRange(["--rounds", rounds.ToString(CultureInfo.InvariantCulture)]);
        }

        var run = CliRunner.Run([.. args]);
        FuzzChecks.That(run.ExitCode is ExitCodes.Success or ExitCodes.InvalidInput, $"parley forecast exited {run.ExitCode}: {run.Error}");
        FuzzChecks.That(!run.Error.Contains("internal error", StringComparison.Ordinal), $"parley forecast reported an internal error: {run.Error}");
        FuzzChecks.That(!c.PastLimits || (run.ExitCode == ExitCodes.InvalidInput && run.Out.Length == 0), $"a scenario past the limits was forecast: exit {run.ExitCode}");
        if (run.ExitCode != ExitCodes.Success)
        {
            FuzzChecks.That(run.Error.Contains("error:", StringComparison.Ordinal), "exit 3 without an error message");
            return;
        }

        using var json = JsonDocument.Parse(run.Out);
        foreach (var issue in json.RootElement.GetProperty("issues").EnumerateArray())
        {
            var (min, max) = (issue.GetProperty("min").GetDouble(), issue.GetProperty("max").GetDouble());
            var tolerance = FuzzChecks.Tolerance(new Scale(min, max));
            foreach (var model in issue.GetProperty("models").EnumerateObject())
            {
                var forecast = model.Value.GetProperty("forecast").GetDouble();
                FuzzChecks.That(forecast >= min - tolerance && forecast <= max + tolerance, $"CLI: {model.Name} forecast {forecast:R} outside [{min:R}, {max:R}]");
            }
        }
    }

    // --- Generators ---------------------------------------------------------------------------

    // The ends of what Parley reads (0, 1e-100, 1e15) and ordinary special values.
    private static readonly double[] s_tinyOrHuge = [0, 1e15, 1e-100, 1e-15, 1];

    private static Gen<(double Min, double Max)> Scales => Gen.Frequency(
        (6, Gen.Const((0.0, 100.0))),
        (2, Gen.Const((0.0, 1.0))),
        (1, Gen.Const((-1e15, 1e15))),
        (1, Gen.Const((1e15 - 4, 1e15))),
        (1, Gen.Const((-1e-100, 1e-100))),
        (1, Gen.Const((1e-100, 2e-100))),
        (1, Gen.Const((1e15 - 0.125, 1e15))),
        (3, from a in Gen.Double.Unit from span in Gen.Int[-9, 6] select (Math.Round((a - 0.5) * 2e6), Math.Round((a - 0.5) * 2e6) + Math.Pow(10, span))));

    private static Gen<double> Capabilities => Gen.Frequency(
        (6, Gen.Double.Unit.Select(u => 0.01 + (u * 100))),
        (3, Gen.OneOf(s_tinyOrHuge)),
        (1, Gen.Double.Unit.Select(u => u * 1e15)));

    private static Gen<double> Saliences => Gen.Frequency(
        (6, Gen.Double.Unit),
        (1, Gen.OneOf(0.0, 1.0, 1e-100, 0.5)));

    /// <summary>A position on [min, max]: an end, the middle, uniform, the previous actor's, or one step inside an end.</summary>
    private static Gen<Func<double, double, double, double>> Positions => Gen.Frequency(
        (2, Gen.Const<Func<double, double, double, double>>((min, _, _) => min)),
        (2, Gen.Const<Func<double, double, double, double>>((_, max, _) => max)),
        (1, Gen.Const<Func<double, double, double, double>>((min, max, _) => (min / 2) + (max / 2))),
        (1, Gen.Const<Func<double, double, double, double>>((min, max, previous) => double.IsNaN(previous) ? max : previous)),
        (1, Gen.Const<Func<double, double, double, double>>((min, max, _) => min == 0 ? max * 1e-12 : Math.Min(max, Math.BitIncrement(min)))),
        (6, Gen.Double.Unit.Select<double, Func<double, double, double, double>>(u => (min, max, _) => Math.Clamp((min * (1 - u)) + (max * u), min, max))));

    /// <summary>Now and then a number past the limits, to see it refused: a huge capability, position or scale, or a tiny (1e-300, subnormal) capability or salience.</summary>
    private static Gen<int> PastLimit => Gen.Frequency((40, Gen.Const(0)), (1, Gen.Const(1)), (1, Gen.Const(2)), (1, Gen.Const(3)), (1, Gen.Const(4)), (1, Gen.Const(5)));

    internal static Gen<Case> Cases =>
        from issueCount in Gen.Int[1, 3]
        from scales in Scales.Array[issueCount]
        from actorCount in Gen.Frequency((1, Gen.Const(1)), (1, Gen.Const(2)), (7, Gen.Int[3, 8]), (1, Gen.Int[9, 16]))
        from capabilities in Capabilities.Array[actorCount]
        from present in Gen.Frequency((1, Gen.Const(false)), (19, Gen.Const(true))).Array[actorCount * issueCount]
        from positions in Positions.Array[actorCount * issueCount]
        from saliences in Saliences.Array[actorCount * issueCount]
        from past in PastLimit
        from huge in Gen.Double[1.0000001e15, 1e308]
        from rounds in Gen.Frequency((8, Gen.Const((int?)null)), (2, Gen.Int[1, 30].Select(r => (int?)r)))
        from ktabReady in Gen.Frequency((2, Gen.Const(false)), (1, Gen.Const(true)))
        select Build(scales, capabilities, present, positions, saliences, past, huge, rounds, ktabReady);

    /// <summary>True when some number of the scenario is neither 0 nor of a magnitude from 1e-100 to 1e15 (computed here, apart from <see cref="Limits"/>).</summary>
    private static bool PastLimits(Scenario s)
    {
        static bool Outside(double v) => v != 0 && !(Math.Abs(v) >= 1e-100 && Math.Abs(v) <= 1e15);
        return s.Issues.Any(i => Outside(i.Scale.Minimum) || Outside(i.Scale.Maximum))
            || s.Actors.Any(a => Outside(a.Capability))
            || s.Stances.Any(x => Outside(x.Position) || Outside(x.Salience));
    }

    private static Case Build(
        (double Min, double Max)[] scales,
        double[] capabilities,
        bool[] present,
        Func<double, double, double, double>[] positions,
        double[] saliences,
        int past,
        double huge,
        int? rounds,
        bool ktabReady)
    {
        var k = scales.Length;
        var n = capabilities.Length;
        if (ktabReady)
        {
            // What ktab-smp needs, so that a third of the cases run it: every stance, capabilities > 0, some salience per actor.
            Array.Fill(present, true);
            for (var a = 0; a < n; a++)
            {
                capabilities[a] = capabilities[a] > 0 ? capabilities[a] : 1;
                if (Enumerable.Range(0, k).All(j => saliences[(a * k) + j] == 0))
                {
                    saliences[a * k] = 0.5;
                }
            }
        }

        if (past == 3)
        {
            scales[0] = (-huge, huge);
        }

        var issues = scales.Select((s, i) => new Issue($"i{i}", $"Issue {i}", new Scale(s.Min, s.Max))).ToList();
        var actors = new List<Actor>();
        var stances = new List<Stance>();
        for (var a = 0; a < n; a++)
        {
            var capability = (past, a) switch
            {
                (1, 0) => huge,
                (4, 0) => 1e-300,
                _ => capabilities[a],
            };
            actors.Add(new Actor($"a{a}", $"Actor {a}", capability));
        }

        for (var j = 0; j < k; j++)
        {
            var previous = double.NaN;
            for (var a = 0; a < n; a++)
            {
                if (!present[(a * k) + j] && !(a == n - 1 && !stances.Any(s => s.IssueId == $"i{j}")))
                {
                    continue;
                }

                var (min, max) = scales[j];
                var x = past == 2 && a == 0 && j == 0 ? huge : positions[(a * k) + j](min, max, previous);
                previous = x;
                stances.Add(new Stance($"a{a}", $"i{j}", x, past == 5 && a == 0 ? double.Epsilon : saliences[(a * k) + j]));
            }
        }

        if (past == 2)
        {
            issues[0] = issues[0] with { Scale = new Scale(issues[0].Scale.Minimum, Math.Max(issues[0].Scale.Maximum, huge)) };
        }

        var scenario = new Scenario("fuzz", issues, actors, stances);
        return new Case(scenario, PastLimits(scenario), rounds);
    }
}
