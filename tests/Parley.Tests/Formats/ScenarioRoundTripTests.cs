using CsCheck;
using Parley.Core.Scenarios;
using Parley.Core.Scenarios.Edits;
using Parley.Core.Simulation;
using Parley.Formats;
using static Parley.Tests.Formats.FormatTestHelpers;

namespace Parley.Tests.Formats;

/// <summary>Read → write → read gives back the same scenario, for every field of the format, in YAML and JSON.</summary>
public sealed class ScenarioRoundTripTests
{
    [Fact]
    public void The_fixture_with_every_field_survives_yaml_and_json()
    {
        var original = Valid(ScenarioFiles.Read(TestData("full.yaml")));
        AssertEqual(original, Valid(Parse(ScenarioWriter.ToYaml(original), "out.yaml")));
        AssertEqual(original, Valid(Parse(ScenarioWriter.ToJson(original), "out.json")));
    }

    [Fact]
    public void The_fixture_is_written_with_its_own_keys_and_on_its_own_salience_scale()
    {
        var yaml = ScenarioWriter.ToYaml(Valid(ScenarioFiles.Read(TestData("full.yaml"))));
        foreach (var expected in new[]
        {
            "uncertainty:\n  position_sd_share: 0.05\n  salience_sd: 10\n  capability_sd_share: 0.2\n",
            "    status_quo: { position: 2, rationale: \"No date is set.\" }\n",
            "    veto:\n      - \"us\"\n      - { actor: \"kim\", rationale: \"Kim must agree to come.\" }\n",
            "    outcome: 0\n",
            "    capability_range: [30, 50]\n",
            "    capability_sd: 4\n",
            "        salience_range: [60, 90]\n",
            "        salience_sd: 5\n",
            "        position_sd: 1.5\n",
            "      - { target: \"us.summit.salience\", set: 20, after_round: 2 }\n",
            "      - { drop: \"russia\" }\n",
        })
        {
            Assert.Contains(expected, yaml, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Random_scenarios_with_every_field_survive_yaml_and_json()
    {
        Gen.ULong.Sample(seed =>
        {
            var original = RandomScenario(new SeededRandom(seed));
            AssertEqual(original, Valid(Parse(ScenarioWriter.ToYaml(original), "out.yaml")));
            AssertEqual(original, Valid(Parse(ScenarioWriter.ToJson(original), "out.json")));
        }, iter: 200);
    }

    /// <summary>A valid scenario with random numbers (not round ones) in every optional field.</summary>
    private static Scenario RandomScenario(SeededRandom rng)
    {
        double Between(double lo, double hi) => lo + ((hi - lo) * rng.NextDouble());
        bool Coin() => rng.NextInt(2) == 0;
        var percent = Coin();
        var scale = percent ? SalienceScale.Percent : SalienceScale.Unit;

        var issues = new List<Issue>();
        var issueCount = 1 + rng.NextInt(3);
        var actorCount = 1 + rng.NextInt(4);
        var actorIds = Enumerable.Range(0, actorCount).Select(a => $"a{a}").ToList();
        for (var k = 0; k < issueCount; k++)
        {
            var min = Between(-50, 50);
            var s = new Scale(min, min + Between(0.5, 200));
            var vetoes = actorIds.Where(_ => Coin()).Select(id => new VetoPlayer(id, Coin() ? "because \"quoted\"" : null)).ToList();
            issues.Add(new Issue(
                $"i{k}",
                $"Issue {k}",
                s,
                Coin() ? "d" : null,
                Coin() ? new StatusQuo(Between(s.Minimum, s.Maximum), Coin() ? "why" : null) : null,
                vetoes,
                Coin() ? new RecordedOutcome(Between(s.Minimum, s.Maximum), Coin() ? "record: a sentence" : null) : null));
        }

        Spread? Around(double value, double lo, double hi)
        {
            return rng.NextInt(3) switch
            {
                0 => null,
                1 => new NormalSpread(Between(0, (hi - lo) / 4)),
                _ => new RangeSpread(Between(lo, value), Between(value, hi)),
            };
        }

        Spread? SalienceAround(double salience)
        {
            // Drawn on the file's scale, as a file would state it, then converted like the reader does.
            var written = SalienceUnits.ToFile(salience, scale);
            var max = SalienceUnits.FileMaximum(scale);
            return Around(written, 0, max) switch
            {
                NormalSpread n => new NormalSpread(SalienceUnits.FromFile(n.StandardDeviation, scale)),
                RangeSpread r => new RangeSpread(SalienceUnits.FromFile(r.Low, scale), SalienceUnits.FromFile(r.High, scale)),
                _ => null,
            };
        }

        var actors = new List<Actor>();
        var stances = new List<Stance>();
        for (var a = 0; a < actorCount; a++)
        {
            var capability = Between(0, 100);
            var byIssue = issues.Where(_ => Coin()).ToDictionary(i => i.Id, _ => Between(0, 100));
            actors.Add(new Actor(actorIds[a], $"Actor {a}", capability, Coin() ? "desc" : null, byIssue.Count > 0 ? byIssue : null, Around(capability, 0, capability * 2 + 1)));
            foreach (var issue in issues)
            {
                if (a > 0 && Coin())
                {
                    continue; // a0 holds a stance on every issue, so that none is empty.
                }

                var position = Between(issue.Scale.Minimum, issue.Scale.Maximum);
                var salience = SalienceUnits.FromFile(SalienceUnits.ToFile(Between(0, 1), scale), scale);
                stances.Add(new Stance(actorIds[a], issue.Id, position, salience, Coin() ? "r" : null, Around(position, issue.Scale.Minimum, issue.Scale.Maximum), SalienceAround(salience)));
            }
        }

        var uncertainty = Coin()
            ? new ScenarioUncertainty(Between(0, 0.3), SalienceUnits.FromFile(SalienceUnits.ToFile(Between(0, 0.3), scale), scale), Between(0, 0.5))
            : null;
        var whatIfs = new List<WhatIf>();
        if (Coin())
        {
            var first = stances[0];
            var issue = issues.First(i => i.Id == first.IssueId);
            whatIfs.Add(new WhatIf("w1", "d", Coin() ? "r" : null,
            [
                new SetValueEdit(first.ActorId, first.IssueId, EditField.Position, EditOperation.Set, Between(issue.Scale.Minimum, issue.Scale.Maximum), rng.NextInt(3)),
                new SetValueEdit(actorIds[^1], null, EditField.Capability, EditOperation.Scale, Between(0, 2)),
                new SetValueEdit(first.ActorId, issue.Id, EditField.Capability, EditOperation.Set, Between(0, 50), 1 + rng.NextInt(5)),
            ]));
            if (actorCount > 1)
            {
                whatIfs.Add(new WhatIf("w2", null, null, [new DropActorEdit(actorIds[^1], 1 + rng.NextInt(4)), new SetValueEdit(first.ActorId, first.IssueId, EditField.Salience, EditOperation.Scale, Between(0, 1))]));
            }
        }

        return new Scenario("Random", issues, actors, stances, Coin() ? "desc" : null, ["src"], scale, uncertainty, whatIfs);
    }
}
