using Parley.Core.Models.Ktab;

namespace Parley.Tests.Ktab;

/// <summary>Parley's ktab-smp against smpc's reference runs in data/ktab/ref.</summary>
public sealed class KtabConformanceTests
{
    [Theory]
    [MemberData(nameof(KtabData.References), MemberType = typeof(KtabData))]
    public void Position_history_equals_smpc_at_every_turn_for_every_actor_and_dimension(string name)
    {
        var ks = KtabData.ReadScenario(name);
        var run = KtabData.RunEngine(ks);
        var n = ks.Scenario.Actors.Count;
        var dims = ks.Scenario.Issues.Count;
        var reference = KtabData.ReadNumbers(KtabData.Ref(name + ".positions.csv"));
        var turns = (int)reference.Max(r => r[0]) + 1;
        Assert.Equal(turns * n * dims, reference.Count);
        Assert.Equal(turns, run.Positions.Count);
        var worst = 0.0;
        var mismatches = 0;
        string? first = null;
        foreach (var r in reference)
        {
            int t = (int)r[0], i = (int)r[1], d = (int)r[2];
            var mine = run.Positions[t][(i * dims) + d] * 100.0;
            var diff = Math.Abs(mine - r[3]);
            worst = Math.Max(worst, diff);
            if (mine != r[3])
            {
                mismatches++;
                first ??= $"turn {t} actor {i} dim {d}: {mine:R} vs {r[3]:R}";
            }
        }

        Assert.True(worst <= 1e-9, $"largest difference {worst}; first mismatch {first}");
        Assert.True(mismatches == 0, $"{mismatches} positions differ in the last bits; first {first}");
    }

    [Theory]
    [MemberData(nameof(KtabData.References), MemberType = typeof(KtabData))]
    public void Winning_probabilities_equal_smpc_at_every_turn(string name)
    {
        var ks = KtabData.ReadScenario(name);
        var run = KtabData.RunEngine(ks);
        var reference = KtabData.ReadNumbers(KtabData.Ref(name + ".probabilities.csv"));
        Assert.Equal(run.WinProbabilities.Count * ks.Scenario.Actors.Count, reference.Count);
        foreach (var r in reference)
        {
            int t = (int)r[0], i = (int)r[1];
            var mine = run.WinProbabilities[t][i];
            Assert.True(mine == r[2], $"turn {t} actor {i}: {mine:R} vs {r[2]:R}");
        }
    }

    [Theory]
    [MemberData(nameof(KtabData.References), MemberType = typeof(KtabData))]
    public void Estimated_utilities_of_turns_0_and_1_equal_smpc(string name)
    {
        var ks = KtabData.ReadScenario(name);
        var run = KtabData.RunEngine(ks);
        var n = ks.Scenario.Actors.Count;
        var reference = KtabData.ReadNumbers(KtabData.Ref(name + ".utilities_t0_t1.csv"));
        Assert.Equal(2 * n * n * n, reference.Count);
        var adjust = KtabSmpParameters.Default.BigRAdjust;
        foreach (var r in reference)
        {
            int t = (int)r[0], h = (int)r[1], i = (int)r[2], j = (int)r[3];
            var st = run.Details[t];
            var mine = KtabPrimitives.Util(st.Delta[(i * n) + j], KtabPrimitives.Est(adjust, st.R[h], st.R[i]));
            Assert.True(mine == r[4], $"turn {t} U^{h}({i},{j}): {mine:R} vs {r[4]:R}");
        }
    }

    [Theory]
    [MemberData(nameof(KtabData.References), MemberType = typeof(KtabData))]
    public void Challenge_values_of_every_proposed_bargain_equal_smpc(string name)
    {
        var ks = KtabData.ReadScenario(name);
        var run = KtabData.RunEngine(ks);
        Assert.Equal(run.Positions.Count - 1, run.Steps.Count);
        var all = KtabData.ReadNumbers(KtabData.Ref(name + ".bargains.csv"));
        Assert.Equal(run.Steps.Count - 1, (int)all.Max(r => r[0]));
        var reference = all.Where(r => r[1] != r[2]).ToList();
        var mine = run.Steps.SelectMany((s, t) => s.Bargains.Select(b => (Turn: (double)t, b.Initiator, b.Receiver, b.Value))).ToList();
        Assert.Equal(reference.Count, mine.Count);
        foreach (var r in reference)
        {
            var m = mine.Single(b => b.Turn == r[0] && b.Initiator == (int)r[1]);
            Assert.Equal((int)r[2], m.Receiver);
            Assert.True(m.Value == r[3], $"turn {r[0]} {r[1]}->{r[2]}: {m.Value:R} vs {r[3]:R}");
        }
    }

    [Theory]
    [MemberData(nameof(KtabData.References), MemberType = typeof(KtabData))]
    public void Bargain_election_probabilities_equal_smpc_within_1e_12(string name)
    {
        var ks = KtabData.ReadScenario(name);
        var run = KtabData.RunEngine(ks);
        var checkedRows = 0;
        foreach (var r in KtabData.ReadNumbers(KtabData.Ref(name + ".bargains.csv")))
        {
            int t = (int)r[0], init = (int)r[1], rcvr = (int)r[2];
            var step = run.Steps[t];
            if (init == rcvr)
            {
                // The status quo's probability in that actor's own election, and whether it stayed.
                Assert.True(Math.Abs(step.Probabilities[init][0] - r[4]) <= 1e-12, $"turn {t} SQ of {init}: {step.Probabilities[init][0]:R} vs {r[4]:R}");
                Assert.Equal(r[5] == 1, step.Chosen[init] == 0);
            }
            else
            {
                var list = step.Lists[rcvr];
                var pos = Array.FindIndex(list, b => step.Bargains[b].Initiator == init);
                Assert.True(pos >= 0, $"turn {t}: bargain {init}->{rcvr} missing from the receiver's list");
                var mine = step.Probabilities[rcvr][pos + 1];
                Assert.True(Math.Abs(mine - r[6]) <= 1e-12, $"turn {t} {init}->{rcvr}: {mine:R} vs {r[6]:R}");
            }

            checkedRows++;
        }

        Assert.True(checkedRows > ks.Scenario.Actors.Count);
    }

    [Theory]
    [InlineData("dummyData_3Dim")]
    [InlineData("rand02")]
    [InlineData("SOE-Pol-Comp")]
    [InlineData("dummyData_6Dim")]
    public void The_scalar_challenge_code_used_by_other_voting_rules_also_reproduces_smpc(string name)
    {
        var ks = KtabData.ReadScenario(name);
        var run = KtabData.RunEngine(ks, scalarChallenges: true);
        var dims = ks.Scenario.Issues.Count;
        var reference = KtabData.ReadNumbers(KtabData.Ref(name + ".positions.csv"));
        Assert.Equal((int)reference.Max(r => r[0]) + 1, run.Positions.Count);
        Assert.All(reference, r => Assert.Equal(r[3], run.Positions[(int)r[0]][((int)r[1] * dims) + (int)r[2]] * 100.0));
    }
}
