using Parley.Core.Diagnostics;
using Parley.Core.Models;
using Parley.Core.Models.Ktab;
using Parley.Core.Scenarios;
using Parley.Formats.Ktab;
using Parley.Tests.Support;

namespace Parley.Tests.Ktab;

public sealed class KtabSmpModelTests
{
    private static readonly KtabSmpModel Model = new();

    [Fact]
    public void Is_registered_in_the_catalog_as_ktab_smp()
    {
        Assert.IsType<KtabSmpModel>(ModelCatalog.Find("ktab-smp"));
    }

    [Fact]
    public void Result_follows_the_contract_on_rand02()
    {
        var ks = KtabData.ReadScenario("rand02");
        var progress = new List<ModelProgress>();
        var result = Model.Run(ks.Scenario, new ModelOptions(), new SyncProgress(progress));
        Assert.Equal("ktab-smp", result.Model);
        Assert.Null(result.Seed);
        Assert.Equal(2, result.Issues.Count);
        var reference = KtabData.ReadNumbers(KtabData.Ref("rand02.positions.csv"));
        foreach (var r in reference)
        {
            Assert.Equal(r[3], result.Issues[(int)r[2]].Rounds[(int)r[0]].Positions[(int)r[1]]);
        }

        var issue = result.Issues[0];
        Assert.Equal(10, issue.Rounds.Count);
        Assert.Equal(9, progress.Count);
        Assert.Equal(Enumerable.Range(1, 9), progress.Select(p => p.Round));
        var probs = KtabData.ReadNumbers(KtabData.Ref("rand02.probabilities.csv"));
        Assert.All(probs, r => Assert.Equal(r[2], issue.Rounds[(int)r[0]].Ktab().WinProbabilities[(int)r[1]], 12));
        Assert.All(issue.Rounds, r => Assert.InRange(r.Mean, r.Positions.Min(), r.Positions.Max()));
        Assert.Contains(issue.Forecast, issue.Rounds[^1].Positions);
    }

    [Fact]
    public void Positions_are_mapped_from_and_back_to_the_issue_scale()
    {
        var ks = KtabData.ReadScenario("rand02");
        var s = ks.Scenario;
        // The same scenario on a −1…1 scale: positions map linearly and the dynamics are unchanged.
        var issues = s.Issues.Select(i => i with { Scale = new Scale(-1, 1) }).ToList();
        var stances = s.Stances.Select(st => st with { Position = -1 + (st.Position / 50.0) }).ToList();
        var scaled = new Scenario(s.Title, issues, s.Actors, stances);
        var a = Model.Run(s, new ModelOptions());
        var b = Model.Run(scaled, new ModelOptions());
        Assert.Equal(a.Issues[0].Rounds.Count, b.Issues[0].Rounds.Count);
        for (var t = 0; t < a.Issues[0].Rounds.Count; t++)
        {
            for (var i = 0; i < s.Actors.Count; i++)
            {
                Assert.Equal(-1 + (a.Issues[1].Rounds[t].Positions[i] / 50.0), b.Issues[1].Rounds[t].Positions[i], 9);
            }
        }
    }

    [Fact]
    public void An_actor_without_a_stance_on_every_issue_is_rejected_with_an_explanation()
    {
        var s = KtabData.ReadScenario("rand02").Scenario;
        var partial = new Scenario(s.Title, s.Issues, s.Actors, s.Stances.Skip(1).ToList());
        var problems = Model.Check(partial, new ModelOptions());
        Assert.Contains(problems, p => p.Severity == DiagnosticSeverity.Error && p.Message.Contains("every issue", StringComparison.Ordinal) && p.ActorId == s.Actors[0].Id);
    }

    [Fact]
    public void Saliences_summing_above_1_are_normalised_by_default_and_rejected_when_asked()
    {
        var s = KtabData.ReadScenario("rand02").Scenario;
        var heavy = new Scenario(s.Title, s.Issues, s.Actors, s.Stances.Select(st => st with { Salience = 0.9 }).ToList());
        var problems = Model.Check(heavy, RoundDetails.KtabOptions(new Dictionary<string, string> { ["NormaliseSaliences"] = "false" }));
        Assert.Contains(problems, p => p.Severity == DiagnosticSeverity.Error && p.Expected!.Contains("NormaliseSaliences", StringComparison.Ordinal));
        Assert.Empty(Model.Check(heavy, new ModelOptions()));
        var result = Model.Run(heavy, new ModelOptions());
        Assert.All(result.Issues, i => Assert.True(i.Rounds.Count >= 3));
        Assert.Contains("divided by their sums", result.Issues[0].Note, StringComparison.Ordinal);
        // Equal saliences of 0.9 normalise to 0.5 each, the same run as equal saliences of 0.5.
        var half = new Scenario(s.Title, s.Issues, s.Actors, s.Stances.Select(st => st with { Salience = 0.5 }).ToList());
        Assert.Equal(Model.Run(half, new ModelOptions()).Issues[1].Rounds[^1].Positions, result.Issues[1].Rounds[^1].Positions);
    }

    [Theory]
    [InlineData("Voting", "one of: tolerance, VictoryProbModel")]
    [InlineData("VotingRul", "Did you mean 'VotingRule'?")]
    [InlineData("VotingRule", "one of Binary, PropBin, Prop, PropCbc, Cubic, ASymProsp")]
    [InlineData("MaxTurns", "integer")]
    public void Unknown_parameters_and_bad_values_list_what_is_valid(string name, string expected)
    {
        var s = KtabData.ReadScenario("rand02").Scenario;
        var (options, problems) = ModelParameters.Apply(ModelOptions.Default, [new NamedParameter(name, "nonsense")]);
        Assert.Same(ModelOptions.Default, options);
        Assert.Contains(problems, p => (p.Message + p.Expected).Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Parameters_round_trip_through_their_dictionary_form()
    {
        var p = KtabSmpParameters.Default with { VotingRule = KtabVotingRule.Cubic, MaxTurns = 7, Accommodation = [new KtabAccommodation(0, 2, 0.5)] };
        var back = KtabSmpParameters.Parse(p.ToDictionary()).Value!;
        Assert.Equal(KtabVotingRule.Cubic, back.VotingRule);
        Assert.Equal(7, back.MaxTurns);
        Assert.Equal(p.Accommodation, back.Accommodation);
    }

    [Fact]
    public void Stochastic_runs_depend_on_the_seed_only_not_on_the_thread_count()
    {
        var s = KtabCsvReader.Parse(KtabRandomScenario.Csv(40, 3, 11), "r.csv").Value!.Scenario;
        ModelResult Run(int threads, ulong seed) => Model.Run(s, new ModelOptions
        {
            Seed = seed,
            Ktab = KtabSmpParameters.Parse(new Dictionary<string, string> { ["StateTransitions"] = "Stochastic", ["Threads"] = threads.ToString(System.Globalization.CultureInfo.InvariantCulture) }).Value!,
        });
        var one = Run(1, 99);
        var two = Run(2, 99);
        var four = Run(4, 99);
        Assert.Equal(99UL, one.Seed);
        Assert.Equal(Flatten(one), Flatten(two));
        Assert.Equal(Flatten(one), Flatten(four));
        Assert.NotEqual(Flatten(one), Flatten(Run(2, 100)));
    }

    [Fact]
    public void Deterministic_runs_do_not_depend_on_the_thread_count()
    {
        var s = KtabCsvReader.Parse(KtabRandomScenario.Csv(60, 3, 5), "r.csv").Value!.Scenario;
        var a = Model.Run(s, RoundDetails.KtabOptions(new Dictionary<string, string> { ["Threads"] = "1" }));
        var b = Model.Run(s, RoundDetails.KtabOptions(new Dictionary<string, string> { ["Threads"] = "3" }));
        Assert.Equal(Flatten(a), Flatten(b));
    }

    [Fact]
    public void Rounds_caps_the_number_of_turns_and_the_prefix_equals_the_full_run()
    {
        var s = KtabData.ReadScenario("SOE-Policy").Scenario;
        var full = Model.Run(s, new ModelOptions());
        var capped = Model.Run(s, new ModelOptions { Rounds = 3 });
        Assert.Equal(4, capped.Issues[0].Rounds.Count);
        Assert.Contains("maximum of 3 turns", capped.Issues[0].Note, StringComparison.Ordinal);
        for (var t = 0; t < 4; t++)
        {
            Assert.Equal(full.Issues[0].Rounds[t].Positions, capped.Issues[0].Rounds[t].Positions);
        }
    }

    [Fact]
    public void Cancellation_during_a_run_stops_it_at_the_next_turn()
    {
        var s = KtabData.ReadScenario("SOE-Competitive").Scenario;
        using var cts = new CancellationTokenSource();
        var reports = 0;
        var progress = new CallbackProgress(_ =>
        {
            if (++reports == 2)
            {
                cts.Cancel();
            }
        });
        Assert.ThrowsAny<OperationCanceledException>(() => Model.Run(s, new ModelOptions(), progress, cts.Token));
        Assert.Equal(2, reports);
    }

    [Fact]
    public void Cancellation_stops_the_run()
    {
        var s = KtabData.ReadScenario("rand01").Scenario;
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => Model.Run(s, new ModelOptions(), null, cts.Token));
    }

    [Fact]
    public void Every_file_in_the_ktab_folder_gives_finite_in_range_results_under_several_parameter_sets()
    {
        var inputs = Directory.GetFiles(Path.Combine(KtabData.Dir, "ref"), "*.csv")
            .Where(f => Path.GetFileNameWithoutExtension(f).IndexOf('.', StringComparison.Ordinal) < 0)
            .ToList();
        Assert.Equal(KtabData.ReferenceNames.Length, inputs.Count);
        Dictionary<string, string>[] sets =
        [
            [],
            new() { ["VictoryProbModel"] = "Quartic", ["BigRRange"] = "Min", ["InterVecBrgn"] = "S2PMax", ["MaxTurns"] = "15" },
            new() { ["PCEModel"] = "MarkovUniform", ["ThirdPartyCommit"] = "FullCommit", ["BargnModel"] = "InitRcvrInterp", ["MaxTurns"] = "15" },
            new() { ["StateTransitions"] = "Stochastic", ["VotingRule"] = "PropCbc", ["MaxTurns"] = "15" },
        ];
        foreach (var file in inputs)
        {
            var ks = KtabCsvReader.ReadFile(file).Value!;
            foreach (var set in sets)
            {
                var result = Model.Run(ks.Scenario, RoundDetails.KtabOptions(set));
                foreach (var issue in result.Issues)
                {
                    Assert.InRange(issue.Forecast, 0, 100);
                    foreach (var round in issue.Rounds)
                    {
                        Assert.All(round.Positions, x => Assert.InRange(x, 0, 100));
                        Assert.All(round.Ktab().WinProbabilities, p => Assert.InRange(p, 0, 1));
                        Assert.True(double.IsFinite(round.Mean) && double.IsFinite(round.MedianVoter));
                    }
                }
            }
        }
    }

    private static double[] Flatten(ModelResult r) =>
        r.Issues.SelectMany(i => i.Rounds.SelectMany(x => x.Positions.Concat(x.Ktab().WinProbabilities))).ToArray();

    private sealed class SyncProgress(List<ModelProgress> list) : IProgress<ModelProgress>
    {
        public void Report(ModelProgress value) => list.Add(value);
    }

    private sealed class CallbackProgress(Action<ModelProgress> onReport) : IProgress<ModelProgress>
    {
        public void Report(ModelProgress value) => onReport(value);
    }
}
