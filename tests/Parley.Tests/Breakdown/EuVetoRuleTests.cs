using System.Text;
using Parley.Core.Models.Breakdown;
using Parley.Formats.Deu;
using Parley.Tests.Deu;

namespace Parley.Tests.Breakdown;

/// <summary>The DEU veto rule (docs/models/breakdown.md) on hand-made rows: who can block follows <c>proc</c> and <c>counvte</c>; <c>rp</c> is the status quo.</summary>
public sealed class EuVetoRuleTests
{
    /// <summary>A DEU file: the header and capability row of TestData/deu/small.tsv, then one row per (proc, counvte, rp) with positions for com, ep, at, fr.</summary>
    private static DeuDataset Read(params (string Proc, string Vote, string Rp)[] rows)
    {
        var lines = File.ReadAllLines(DeuData.TestFile("small.tsv"));
        var text = new StringBuilder().AppendLine(lines[0]).AppendLine(lines[1]);
        var n = 0;
        foreach (var (proc, vote, rp) in rows)
        {
            n++;
            var fields = new string[DeuReader.FieldCount];
            Array.Fill(fields, string.Empty);
            fields[0] = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            fields[1] = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            fields[2] = $"p{n}";
            fields[3] = "test";
            fields[4] = $"p{n}i1";
            fields[7] = proc;
            fields[8] = vote;
            // Positions (columns 14–): com 100, ep 0, at 50, fr (column 14 + 11) 20; saliences 50 each.
            foreach (var (offset, x) in new[] { (0, "100"), (1, "0"), (2, "50"), (11, "20") })
            {
                fields[13 + offset] = x;
                fields[43 + offset] = "50";
            }

            fields[73] = rp;
            fields[74] = "40";
            text.AppendLine(string.Join('\t', fields));
        }

        var result = DeuReader.Read(new StringReader(text.ToString()), "hand-made.tsv");
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Diagnostics));
        return result.Value!;
    }

    private static string[] Vetoes(DeuIssue issue) => [.. issue.Scenario.Issues[0].VetoPlayers.Select(v => v.ActorId)];

    [Fact]
    public void Under_unanimity_every_member_state_is_a_veto_player_and_under_qmv_none_is()
    {
        var data = Read(("CNS", "Unan", "0"), ("CNS", "QMV", "0"));
        Assert.Equal(["at", "fr"], Vetoes(data.Issues[0]));
        Assert.Empty(Vetoes(data.Issues[1]));
    }

    [Fact]
    public void Under_codecision_the_parliament_is_a_veto_player_and_under_consultation_it_is_not()
    {
        var data = Read(("COD", "QMV", "0"), ("COD", "Unan", "0"), ("CNS", "QMV", "0"));
        Assert.Equal(["ep"], Vetoes(data.Issues[0]));
        Assert.Equal(["ep", "at", "fr"], Vetoes(data.Issues[1]));
        Assert.DoesNotContain("ep", Vetoes(data.Issues[2]));
        Assert.Equal("COD", data.Issues[0].Procedure);
        Assert.Equal("QMV", data.Issues[0].CouncilVoting);
    }

    [Fact]
    public void The_commission_is_never_a_veto_player()
    {
        var data = Read(("COD", "Unan", "0"), ("CNS", "Unan", "0"), ("COD", "QMV", "0"), ("CNS", "QMV", "0"));
        Assert.All(data.Issues, i => Assert.DoesNotContain("com", Vetoes(i)));
    }

    [Fact]
    public void Variants_in_the_columns_are_read_and_unknown_values_derive_no_veto_player()
    {
        var data = Read((" cod ", "QMV(10)", "0"), ("CNS", "unanimity", "0"), ("SYN", "", "0"), ("", "majority", "0"));
        Assert.Equal(["ep"], Vetoes(data.Issues[0]));
        Assert.Equal(["at", "fr"], Vetoes(data.Issues[1]));
        Assert.Empty(Vetoes(data.Issues[2]));
        Assert.Empty(Vetoes(data.Issues[3]));
    }

    [Fact]
    public void The_reference_point_is_the_status_quo_and_an_empty_one_means_the_issue_cannot_break_down()
    {
        var data = Read(("COD", "QMV", "10"), ("COD", "QMV", ""));
        Assert.Equal(10, data.Issues[0].Scenario.Issues[0].StatusQuo!.Position);
        Assert.Null(data.Issues[1].Scenario.Issues[0].StatusQuo);

        // Row 1: the compromise deal is (4.1·100 + 4.1·0 + 0.48·50 + 2.8·20) / (4.1 + 4.1 + 0.48 + 2.8) = 490 / 11.48 ≈ 42.68;
        // the Parliament at 0 is 10 from the status quo and 42.68 from the deal: it blocks.
        var input = data.Issues[0].Scenario.Compile(0);
        var verdict = VetoRule.Judge(input, new Core.Models.Baselines.CompromiseModel().Forecast(input));
        Assert.Equal(490 / 11.48, verdict.Deal, 10);
        Assert.Equal(BreakdownStatus.Blocked, verdict.Status);
        Assert.Equal(10, verdict.Outcome);
        Assert.Equal(BreakdownStatus.NotPossible, VetoRule.Judge(data.Issues[1].Scenario.Compile(0), 42).Status);
    }

    [Fact]
    public void On_the_development_split_the_rule_gives_the_counts_of_its_columns()
    {
        // 252 issues: every COD issue has the Parliament as veto player when it states a position; every unanimity
        // issue has all member states with a position; no QMV-only consultation issue has any.
        foreach (var issue in DeuData.Dev.Issues)
        {
            var ids = issue.Scenario.Compile(0).ActorIds;
            var expected = new List<string>();
            if (issue.Procedure == "COD" && ids.Contains("ep"))
            {
                expected.Add("ep");
            }

            if (issue.CouncilVoting.StartsWith("Unan", StringComparison.Ordinal))
            {
                expected.AddRange(ids.Where(id => id is not ("com" or "ep")));
            }

            Assert.Equal(expected.Order(), Vetoes(issue).Order());
            Assert.Equal(issue.ReferencePoint, issue.Scenario.Issues[0].StatusQuo?.Position);
        }
    }
}
