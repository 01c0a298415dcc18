using System.Text.Json;
using Parley.Core.Models.Ktab;

namespace Parley.Tests.Ktab;

/// <summary>
/// The per-turn bargain records of a run (<see cref="KtabSmpRun.Turns"/>) against smpc's reference
/// runs (<c>*.bargains.csv</c>, <c>*.positions.csv</c>) and the independent step-by-step traces
/// (<c>*.trace.json</c>, canonical bargain order).
/// </summary>
public sealed class KtabTurnRecordTests
{
    [Theory]
    [MemberData(nameof(KtabData.References), MemberType = typeof(KtabData))]
    public void Every_proposal_and_every_choice_agrees_with_the_smpc_bargain_table(string name)
    {
        var ks = KtabData.ReadScenario(name);
        var run = KtabData.RunEngine(ks);
        var turns = run.Turns;
        Assert.Equal(run.Positions.Count - 1, turns.Count);
        var rows = KtabData.ReadNumbers(KtabData.Ref(name + ".bargains.csv"));
        foreach (var group in rows.GroupBy(r => (int)r[0]))
        {
            var turn = turns[group.Key];
            Assert.Equal(group.Key, turn.Turn);
            var proposals = group.Where(r => r[1] != r[2]).ToList();
            Assert.Equal(proposals.Count, turn.Proposals.Count);
            foreach (var r in group)
            {
                int init = (int)r[1], rcvr = (int)r[2];
                if (init == rcvr)
                {
                    var choice = turn.Choices[init];
                    Assert.True(Math.Abs(choice.StatusQuoProbability - r[4]) <= 1e-12, $"turn {group.Key} SQ of {init}: {choice.StatusQuoProbability:R} vs {r[4]:R}");
                    Assert.Equal(r[5] == 1, choice.Proposal is null);
                    continue;
                }

                var index = Assert.Single(Enumerable.Range(0, turn.Proposals.Count), p => turn.Proposals[p].Initiator == init);
                var proposal = turn.Proposals[index];
                Assert.Equal(rcvr, proposal.Receiver);
                Assert.Equal(r[3], proposal.Value);
                var receiver = turn.Choices[rcvr];
                var option = receiver.Options.IndexOf(index);
                Assert.True(option >= 0, $"turn {group.Key}: {init}->{rcvr} missing from the receiver's options");
                Assert.True(Math.Abs(receiver.Probabilities[option + 1] - r[6]) <= 1e-12, $"turn {group.Key} {init}->{rcvr}: {receiver.Probabilities[option + 1]:R} vs {r[6]:R}");
                if (r[7] == 1)
                {
                    // smpc may flag another of exactly tied bargains; the probability that won is the same.
                    Assert.True(Math.Abs(receiver.Probability - r[6]) <= 1e-12, $"turn {group.Key}: receiver {rcvr} took p = {receiver.Probability:R}, smpc {r[6]:R}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(KtabData.References), MemberType = typeof(KtabData))]
    public void The_winning_bargain_of_every_actor_that_moved_gives_its_next_position_in_smpc(string name)
    {
        var ks = KtabData.ReadScenario(name);
        var run = KtabData.RunEngine(ks);
        var dims = ks.Scenario.Issues.Count;
        var reference = KtabData.ReadNumbers(KtabData.Ref(name + ".positions.csv"))
            .ToDictionary(r => ((int)r[0], (int)r[1], (int)r[2]), r => r[3]);
        var moved = 0;
        foreach (var turn in run.Turns)
        {
            foreach (var choice in turn.Choices)
            {
                var winner = turn.Winner(choice.Actor);
                for (var d = 0; d < dims; d++)
                {
                    var expected = reference[(turn.Turn + 1, choice.Actor, d)];
                    var mine = winner is null
                        ? reference[(turn.Turn, choice.Actor, d)]
                        : (winner.Initiator == choice.Actor ? winner.InitiatorPosition[d] : winner.ReceiverPosition[d]) * 100.0;
                    Assert.True(mine == expected, $"turn {turn.Turn} actor {choice.Actor} dim {d}: {mine:R} vs {expected:R}");
                }

                moved += winner is null ? 0 : 1;
            }
        }

        Assert.True(moved > 0);
    }

    [Theory]
    [InlineData("rand02")]
    [InlineData("dummyData_3Dim")]
    public void Proposals_and_elections_equal_the_independent_trace_at_every_turn(string name)
    {
        var ks = KtabData.ReadScenario(name);
        var run = KtabData.RunEngine(ks);
        using var trace = JsonDocument.Parse(File.ReadAllText(KtabData.Ref(name + ".trace.json")));
        var steps = trace.RootElement.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(steps.Count, run.Turns.Count);
        foreach (var step in steps)
        {
            var turn = run.Turns[step.GetProperty("turn").GetInt32()];
            var challenges = step.GetProperty("challenges").EnumerateArray().ToList();
            Assert.Equal(challenges.Count, turn.Proposals.Count);
            for (var b = 0; b < challenges.Count; b++)
            {
                var c = challenges[b];
                var p = turn.Proposals[b];
                Assert.Equal(c.GetProperty("initiator").GetInt32(), p.Initiator);
                Assert.Equal(c.GetProperty("receiver").GetInt32(), p.Receiver);
                Assert.Equal(c.GetProperty("p_init_wins").GetDouble(), p.InitiatorWinProbability);
                Assert.Equal(c.GetProperty("exp_gain").GetDouble(), p.Value);
                Assert.Equal(Doubles(c.GetProperty("init_new_pos")), p.InitiatorPosition.Select(x => x * 100.0));
                Assert.Equal(Doubles(c.GetProperty("rcvr_new_pos")), p.ReceiverPosition.Select(x => x * 100.0));
            }

            foreach (var bc in step.GetProperty("bargain_choice").EnumerateArray())
            {
                var choice = turn.Choices[bc.GetProperty("actor").GetInt32()];
                var labels = bc.GetProperty("bargains").EnumerateArray().Select(e => e.GetString()).ToList();
                Assert.Equal(labels, ["SQ", .. choice.Options.Select(o => $"{turn.Proposals[o].Initiator}->{turn.Proposals[o].Receiver}")]);
                var expected = Doubles(bc.GetProperty("probabilities"));
                Assert.Equal(expected.Count, choice.Probabilities.Length);
                for (var o = 0; o < expected.Count; o++)
                {
                    Assert.True(Math.Abs(expected[o] - choice.Probabilities[o]) <= 1e-15, $"turn {turn.Turn} actor {choice.Actor} option {o}: {choice.Probabilities[o]:R} vs {expected[o]:R}");
                }

                Assert.Equal(bc.GetProperty("chosen_index").GetInt32(), choice.Chosen);
                Assert.Equal(choice.Probabilities.Max(), choice.Probability);
            }
        }
    }

    [Fact]
    public void Own_utilities_of_a_choice_are_the_mean_utilities_of_section_3_9_computed_by_hand()
    {
        var ks = KtabData.ReadScenario("rand02");
        var run = KtabData.RunEngine(ks);
        var input = Parley.Core.Models.Ktab.KtabSmpModel.Compile(ks.Scenario);
        var n = input.Capabilities.Length;
        var dims = input.Dimensions;
        var state = run.Details[0];
        var turn = run.Turns[0];
        for (var a = 0; a < n; a++)
        {
            var choice = turn.Choices[a];
            var sa = input.Saliences.AsSpan(a * dims, dims);
            var qa = state.Q.AsSpan(a * dims, dims);
            var ra = state.R[a];
            var own = Enumerable.Range(0, n).Select(t => KtabPrimitives.Util(state.Delta[(a * n) + t], KtabPrimitives.Est(KtabSmpParameters.Default.BigRAdjust, ra, ra))).ToArray();
            Assert.Equal(own.Sum() / n, choice.Utilities[0], 15);
            for (var o = 0; o < choice.Options.Length; o++)
            {
                var p = turn.Proposals[choice.Options[o]];
                var sum = KtabPrimitives.Util(KtabPrimitives.Dist(qa, p.InitiatorPosition.AsSpan(), sa), ra)
                    + KtabPrimitives.Util(KtabPrimitives.Dist(qa, p.ReceiverPosition.AsSpan(), sa), ra)
                    + Enumerable.Range(0, n).Where(t => t != p.Initiator && t != p.Receiver).Sum(t => own[t]);
                Assert.Equal(sum / n, choice.Utilities[o + 1], 15);
            }
        }
    }

    [Fact]
    public void Bargains_are_recorded_only_when_asked_for_and_recording_changes_no_position()
    {
        var ks = KtabData.ReadScenario("SOE-Pol-Comp");
        var input = Parley.Core.Models.Ktab.KtabSmpModel.Compile(ks.Scenario);
        var engine = new KtabSmpEngine(input.Capabilities, input.Saliences, input.Dimensions, KtabSmpParameters.Default);
        var plain = engine.Run(input.Positions, new KtabRunOptions(), CancellationToken.None);
        var recorded = engine.Run(input.Positions, new KtabRunOptions { RecordBargains = true }, CancellationToken.None);
        Assert.Empty(plain.Steps);
        Assert.Empty(plain.Turns);
        Assert.Equal(recorded.Positions.Count - 1, recorded.Turns.Count);
        Assert.Equal(recorded.Positions, plain.Positions);
        Assert.Equal(recorded.WinProbabilities, plain.WinProbabilities);
    }

    private static List<double> Doubles(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetDouble())];
}
