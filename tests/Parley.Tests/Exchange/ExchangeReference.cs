using System.Numerics;
using Parley.Core.Models.Exchange;
using Parley.Core.Scenarios;
using Parley.Formats.Exchange;
using Parley.Tests.Support;

namespace Parley.Tests.Exchange;

/// <summary>
/// A reference run of the exchange model (data/exchange: the spec's worked example and the six
/// random cases, computed by decide-exchange-model in 28-digit decimals), and a comparison of an
/// engine trace against every value it prints.
/// </summary>
internal sealed class ExchangeReference
{
    private ExchangeReference(string name, string folder)
    {
        Name = name;
        var basePath = TestPaths.Data("exchange", folder, name);
        var read = ExchangeCsvReader.Parse(File.ReadAllText(basePath + ".csv"), basePath + ".csv");
        Assert.True(read.Succeeded, string.Join("\n", read.Diagnostics));
        Scenario = read.Value!;
        Positions = Table(basePath + ".positions.csv");
        Nbs = Table(basePath + ".nbs.csv");
        Exchanges = Table(basePath + ".exchanges.csv");
        Externalities = Table(basePath + ".externalities.csv");
        Rounds = Positions.Max(r => int.Parse(r["round"], System.Globalization.CultureInfo.InvariantCulture)) - 1;
    }

    /// <summary>The case name, e.g. <c>case00</c>.</summary>
    public string Name { get; }

    /// <summary>The input, read by Parley's reader.</summary>
    public Scenario Scenario { get; }

    /// <summary>The number of rounds the reference ran.</summary>
    public int Rounds { get; }

    /// <summary>Rows of NAME.positions.csv.</summary>
    public List<Dictionary<string, string>> Positions { get; }

    /// <summary>Rows of NAME.nbs.csv.</summary>
    public List<Dictionary<string, string>> Nbs { get; }

    /// <summary>Rows of NAME.exchanges.csv.</summary>
    public List<Dictionary<string, string>> Exchanges { get; }

    /// <summary>Rows of NAME.externalities.csv.</summary>
    public List<Dictionary<string, string>> Externalities { get; }

    public static ExchangeReference Example() => new("example", "example");

    public static ExchangeReference Case(string name) => new(name, "ref");

    /// <summary>Runs the engine on the case in <paramref name="arithmetic"/> for the reference's number of rounds.</summary>
    public ExchangeTrace<T> Run<T>(ExchangeArithmetic<T> arithmetic)
        where T : struct, IComparisonOperators<T, T, bool>, IAdditionOperators<T, T, T>, ISubtractionOperators<T, T, T>,
            IMultiplyOperators<T, T, T>, IDivisionOperators<T, T, T>, IUnaryNegationOperators<T, T>, IAdditiveIdentity<T, T>
    {
        // Every reference issue is 0–100, so the engine's internal scale is the file's scale.
        Assert.All(Scenario.Issues, i => Assert.True(i.Scale.Minimum == 0 && i.Scale.Maximum == 100));
        return new ExchangeEngine<T>(ExchangeInput<T>.From(Scenario, arithmetic), arithmetic).Run(Rounds);
    }

    /// <summary>
    /// Every difference between <paramref name="trace"/> and the reference, in rounds up to
    /// <paramref name="lastRound"/>: "what (round, …): ours vs reference". <paramref name="same"/>
    /// decides whether a value equals the reference's printed number.
    /// </summary>
    public List<string> Differences<T>(ExchangeTrace<T> trace, Func<T, string, bool> same, int? lastRound = null)
        where T : struct
    {
        var last = lastRound ?? Rounds;
        var m = Scenario.Issues.Count;
        var diffs = new List<string>();
        int Round(Dictionary<string, string> row) => int.Parse(row["round"], System.Globalization.CultureInfo.InvariantCulture);
        void Check(string what, T ours, string reference)
        {
            if (!same(ours, reference))
            {
                diffs.Add($"{what}: {ours} vs {reference}");
            }
        }

        foreach (var row in Positions.Where(r => Round(r) <= last + (r["phase"] == "start" ? 1 : 0)))
        {
            var r = Round(row);
            var at = (Scenario.IndexOfActor(row["actor"]) * m) + Scenario.IndexOfIssue(row["issue"]);
            var values = row["phase"] == "voting" ? trace.Rounds[r - 1].VotingPositions
                : r <= trace.Rounds.Count ? trace.Rounds[r - 1].StartPositions : trace.FinalPositions;
            Check($"position {row["phase"]} round {r} {row["issue"]} {row["actor"]}", values[at], row["position"]);
        }

        foreach (var row in Nbs.Where(r => Round(r) <= last + (r["phase"] == "start" ? 1 : 0)))
        {
            var r = Round(row);
            var k = Scenario.IndexOfIssue(row["issue"]);
            var values = row["phase"] == "voting" ? trace.Rounds[r - 1].VotingNbs
                : r <= trace.Rounds.Count ? trace.Rounds[r - 1].StartNbs : trace.FinalNbs;
            Check($"nbs {row["phase"]} round {r} {row["issue"]}", values[k], row["nbs"]);
        }

        for (var r = 1; r <= last; r++)
        {
            var expected = Exchanges.Where(x => Round(x) == r).ToList();
            var ours = trace.Rounds[r - 1].Exchanges;
            if (expected.Count != ours.Count)
            {
                diffs.Add($"round {r}: {ours.Count} exchanges vs {expected.Count}");
                continue;
            }

            for (var n = 0; n < ours.Count; n++)
            {
                var x = expected[n];
                var e = ours[n];
                var where = $"exchange round {r} seq {x["seq"]}";
                var ids = $"{Scenario.Issues[e.P].Id},{Scenario.Issues[e.Q].Id},{e.Groups.ToString().ToLowerInvariant()}," +
                    $"{Scenario.Actors[e.I.Actor].Id},{Scenario.Issues[e.I.Supply].Id},{Scenario.Issues[e.I.Demand].Id}," +
                    $"{Scenario.Actors[e.J.Actor].Id},{Scenario.Issues[e.J.Supply].Id},{Scenario.Issues[e.J.Demand].Id}";
                var expectedIds = $"{x["p"]},{x["q"]},{x["groups"]},{x["i_actor"]},{x["i_supply_issue"]},{x["i_demand_issue"]},{x["j_actor"]},{x["j_supply_issue"]},{x["j_demand_issue"]}";
                if (ids != expectedIds)
                {
                    diffs.Add($"{where}: {ids} vs {expectedIds}");
                    continue;
                }

                Check($"{where} gain", e.Gain, x["gain"]);
                Check($"{where} dp", e.Dp, x["dp"]);
                Check($"{where} dq", e.Dq, x["dq"]);
                foreach (var (role, prefix) in new[] { (e.I, "i_"), (e.J, "j_") })
                {
                    Check($"{where} {prefix}start", role.Start, x[prefix + "start"]);
                    Check($"{where} {prefix}x", role.From, x[prefix + "x"]);
                    Check($"{where} {prefix}move", role.Move, x[prefix + "move"]);
                    Check($"{where} {prefix}y", role.Voting, x[prefix + "y"]);
                    Check($"{where} {prefix}nbs_0", role.NbsBefore, x[prefix + "nbs_0"]);
                    Check($"{where} {prefix}nbs_1", role.NbsAfter, x[prefix + "nbs_1"]);
                }
            }
        }

        foreach (var row in Externalities.Where(r => Round(r) <= last))
        {
            var r = Round(row);
            var sums = trace.Rounds[r - 1].Externalities[Scenario.IndexOfActor(row["actor"])];
            var where = $"externalities round {r} {row["actor"]}";
            Check($"{where} inner_pos", sums.InnerPositive, row["inner_pos"]);
            Check($"{where} inner_neg", sums.InnerNegative, row["inner_neg"]);
            Check($"{where} outer_pos", sums.OuterPositive, row["outer_pos"]);
            Check($"{where} outer_neg", sums.OuterNegative, row["outer_neg"]);
            Check($"{where} own", sums.Own, row["own"]);
        }

        return diffs;
    }

    /// <summary>The number of values <see cref="Differences"/> compares up to <paramref name="lastRound"/>.</summary>
    public int ValueCount(int? lastRound = null)
    {
        var last = lastRound ?? Rounds;
        int Round(Dictionary<string, string> row) => int.Parse(row["round"], System.Globalization.CultureInfo.InvariantCulture);
        return Positions.Count(r => Round(r) <= last + (r["phase"] == "start" ? 1 : 0))
            + Nbs.Count(r => Round(r) <= last + (r["phase"] == "start" ? 1 : 0))
            + (Exchanges.Count(r => Round(r) <= last) * 15)
            + (Externalities.Count(r => Round(r) <= last) * 5);
    }

    private static List<Dictionary<string, string>> Table(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToList();
        var header = lines[0].Split(',');
        return [.. lines.Skip(1).Select(l => header.Zip(l.Split(','), (h, v) => (h, v)).ToDictionary(p => p.h, p => p.v, StringComparer.Ordinal))];
    }
}
