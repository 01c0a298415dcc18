using System.Text.RegularExpressions;
using Parley.Core.Models;
using Parley.Core.Run;
using Parley.Core.Scenarios;
using Parley.Formats;
using Parley.Tests.Support;

namespace Parley.Tests.Cases;

/// <summary>The Korea 2018 scenario (docs/cases/korea-2018.md): quotes, completeness, procedure and outcomes.</summary>
public sealed partial class KoreaScenarioTests
{
    private static readonly Lazy<Scenario> s_scenario = new(() =>
    {
        var read = ScenarioFiles.Read(Path.Combine(TestPaths.RepoRoot, "scenarios", "korea-2018.yaml"));
        Assert.True(read.Succeeded, string.Join(Environment.NewLine, read.Diagnostics));
        return read.Value!;
    });

    private static Scenario Korea => s_scenario.Value;

    private static string Seed => Normalise(File.ReadAllText(TestPaths.Data("seed", "korea-2018-column.txt")));

    private static string Normalise(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    /// <summary>Every passage between ASCII double quotation marks: the file's quotations of the column.</summary>
    [GeneratedRegex("\"([^\"]+)\"")]
    private static partial Regex Quotation();

    /// <summary>Every text of the scenario that may quote the column, with where it is.</summary>
    private static IEnumerable<(string Where, string Text)> Texts()
    {
        yield return ("description", Korea.Description);
        foreach (var issue in Korea.Issues)
        {
            yield return ($"issue {issue.Id}", issue.Description ?? string.Empty);
            yield return ($"issue {issue.Id} status quo", issue.StatusQuo?.Rationale ?? string.Empty);
            foreach (var veto in issue.VetoPlayers)
            {
                yield return ($"issue {issue.Id} veto {veto.ActorId}", veto.Rationale ?? string.Empty);
            }
        }

        foreach (var actor in Korea.Actors)
        {
            yield return ($"actor {actor.Id}", actor.Description ?? string.Empty);
        }

        foreach (var stance in Korea.Stances)
        {
            yield return ($"stance {stance.ActorId}.{stance.IssueId}", stance.Rationale ?? string.Empty);
        }

        foreach (var whatIf in Korea.WhatIfs)
        {
            yield return ($"what-if {whatIf.Name}", $"{whatIf.Description} {whatIf.Rationale}");
        }
    }

    [Fact]
    public void Every_quotation_appears_word_for_word_in_the_column()
    {
        var seed = Seed;
        var quotes = Texts().SelectMany(t => Quotation().Matches(t.Text).Select(m => (t.Where, Quote: Normalise(m.Groups[1].Value)))).ToList();
        Assert.True(quotes.Count > 80, $"only {quotes.Count} quotations");
        var missing = quotes.Where(q => !seed.Contains(q.Quote, StringComparison.Ordinal)).Select(q => $"{q.Where}: \"{q.Quote}\"").ToList();
        Assert.True(missing.Count == 0, string.Join(Environment.NewLine, missing));
    }

    [Fact]
    public void Every_rationale_text_has_an_even_number_of_quotation_marks()
    {
        // An odd count would hide a quotation from the check above.
        Assert.All(Texts(), t => Assert.True(t.Text.Count(c => c == '"') % 2 == 0, t.Where));
    }

    [Fact]
    public void Every_actor_has_a_stance_on_every_issue_with_a_rationale()
    {
        for (var a = 0; a < Korea.Actors.Count; a++)
        {
            for (var k = 0; k < Korea.Issues.Count; k++)
            {
                var stance = Korea.StanceOf(a, k);
                Assert.True(stance is not null, $"{Korea.Actors[a].Id} has no stance on {Korea.Issues[k].Id}");
                Assert.False(string.IsNullOrWhiteSpace(stance!.Rationale));
            }
        }
    }

    [Fact]
    public void Every_issue_has_a_status_quo_and_veto_players_with_rationales()
    {
        foreach (var issue in Korea.Issues)
        {
            Assert.NotNull(issue.StatusQuo);
            Assert.False(string.IsNullOrWhiteSpace(issue.StatusQuo!.Rationale), issue.Id);
            Assert.NotEmpty(issue.VetoPlayers);
            Assert.All(issue.VetoPlayers, v => Assert.False(string.IsNullOrWhiteSpace(v.Rationale), $"{issue.Id}: {v.ActorId}"));
            // Every scale names the status quo among its anchors (the point for deadlock).
            Assert.Contains(issue.Scale.Anchors, a => a.Value == issue.StatusQuo.Position);
        }
    }

    [Fact]
    public void Every_number_the_column_is_silent_about_has_a_range()
    {
        for (var a = 0; a < Korea.Actors.Count; a++)
        {
            Assert.NotNull(Korea.EffectiveCapabilitySpread(a, 0));
            for (var k = 0; k < Korea.Issues.Count; k++)
            {
                var stance = Korea.StanceOf(a, k)!;
                Assert.NotNull(Korea.EffectivePositionSpread(a, k));
                Assert.NotNull(Korea.EffectiveSalienceSpread(a, k));
                if (stance.Rationale!.Contains("silent", StringComparison.OrdinalIgnoreCase))
                {
                    Assert.True(stance.PositionSpread is RangeSpread, $"{stance.ActorId}.{stance.IssueId}: a silent position needs a position_range");
                    Assert.True(stance.SalienceSpread is RangeSpread, $"{stance.ActorId}.{stance.IssueId}: a silent salience needs a salience_range");
                }
            }
        }

        Assert.All(Korea.Actors, a => Assert.IsType<RangeSpread>(a.CapabilitySpread));
    }

    [Fact]
    public void The_outcomes_file_gives_every_issue_an_outcome_with_a_sentence_of_the_record()
    {
        var merged = OutcomeFiles.Read(Path.Combine(TestPaths.RepoRoot, "scenarios", "korea-2018.outcomes.yaml"));
        Assert.True(merged.Succeeded, string.Join(Environment.NewLine, merged.Diagnostics));
        Assert.All(merged.Value!.Issues, i =>
        {
            Assert.NotNull(i.Outcome);
            Assert.False(string.IsNullOrWhiteSpace(i.Outcome!.Record), i.Id);
        });
        // The scenario itself carries nothing that happened after its date.
        Assert.All(Korea.Issues, i => Assert.Null(i.Outcome));
    }

    [Fact]
    public void Ktab_smp_runs_on_it_and_every_default_issue_reports_a_breakdown_probability()
    {
        var outcome = ForecastRunner.Run(new ForecastRequest(Korea)
        {
            Models = [.. ModelCatalog.Defaults, ModelCatalog.Find("ktab-smp")!, ModelCatalog.Find("ktab-smp+veto")!, ModelCatalog.Find("exchange+veto")!],
            Draws = 100,
            Drivers = false,
        });
        Assert.Empty(outcome.Failed);
        var veto = outcome.Models.Where(m => m.Model.EndsWith("+veto", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, veto.Count);
        foreach (var model in veto)
        {
            Assert.All(model.Issues, i =>
            {
                Assert.True(i.Breakdown!.Possible, $"{model.Model} {i.IssueId}");
                Assert.InRange(i.Breakdown.Probability!.Value, 0, 1);
            });
        }
    }
}
