using Parley.Core.Scenarios;
using Parley.Core.Simulation;

namespace Parley.Core.Uncertainty;

/// <summary>
/// Draws perturbed copies of a scenario's inputs from the spreads it states (see
/// <see cref="Spread"/>, <see cref="ScenarioUncertainty"/>): positions kept on each issue's scale,
/// saliences in [0, 1], capabilities ≥ 0. Each drawn number has a stream of its own, named by the
/// seed, the draw number and the input's ids (see <see cref="InputStreams"/>): an actor's
/// capability, a stance's position, its salience. So a draw is the same whichever thread makes it
/// and however many draws there are, and an input keeps its draws when others are edited, added or
/// removed: a what-if or a new version of a scenario compares with the old one on common random
/// numbers, and an issue that an edit does not touch is drawn exactly as before (which lets a run
/// reuse its forecasts, see <see cref="Run.DrawCache"/>).
/// </summary>
public sealed class InputSampler
{
    private readonly Scenario _scenario;
    private readonly Spread?[] _capability;
    private readonly Spread?[,] _position;
    private readonly Spread?[,] _salience;
    private readonly IssueInput[] _compiled;
    private readonly int[][] _rows;
    private readonly ulong[] _capabilityKeys;
    private readonly ulong[,] _positionKeys;
    private readonly ulong[,] _salienceKeys;

    /// <summary>Resolves the spread of every input of <paramref name="scenario"/>: its own, else the scenario-level default, else none.</summary>
    public InputSampler(Scenario scenario)
    {
        _scenario = Preconditions.NotNull(scenario, nameof(scenario));
        var actors = scenario.Actors.Count;
        var issues = scenario.Issues.Count;
        _capability = new Spread?[actors];
        _position = new Spread?[actors, issues];
        _salience = new Spread?[actors, issues];
        _capabilityKeys = new ulong[actors];
        _positionKeys = new ulong[actors, issues];
        _salienceKeys = new ulong[actors, issues];
        var any = false;
        for (var a = 0; a < actors; a++)
        {
            // A capability is drawn once per actor, for its base capability; its per-issue
            // capabilities move by the same factor, so an actor that is stronger than stated is
            // stronger on every issue.
            var actor = scenario.Actors[a];
            _capability[a] = NonZero(actor.CapabilitySpread ?? new NormalSpread(scenario.Uncertainty.CapabilitySdShare * actor.Capability));
            any |= _capability[a] is not null;
            _capabilityKeys[a] = InputStreams.Key(actor.Id);
            for (var k = 0; k < issues; k++)
            {
                _positionKeys[a, k] = InputStreams.Key(actor.Id, scenario.Issues[k].Id, salience: false);
                _salienceKeys[a, k] = InputStreams.Key(actor.Id, scenario.Issues[k].Id, salience: true);
                _position[a, k] = scenario.EffectivePositionSpread(a, k);
                _salience[a, k] = scenario.EffectiveSalienceSpread(a, k);
                any |= _position[a, k] is not null || _salience[a, k] is not null;
            }
        }

        IsCertain = !any;
        _compiled = new IssueInput[issues];
        _rows = new int[issues][];
        for (var k = 0; k < issues; k++)
        {
            _compiled[k] = scenario.Compile(k);
            _rows[k] = [.. _compiled[k].ActorIds.Select(scenario.IndexOfActor)];
        }
    }

    /// <summary>True when no input has a spread: every draw equals the scenario as written.</summary>
    public bool IsCertain { get; }

    /// <summary>The scenario the draws perturb.</summary>
    public Scenario Scenario => _scenario;

    /// <summary>The spread of actor <paramref name="actor"/>'s capability, or null when it is taken as written.</summary>
    public Spread? CapabilitySpread(int actor) => _capability[actor];

    /// <summary>The spread of a stance's position, or null when it is taken as written (or there is no stance).</summary>
    public Spread? PositionSpread(int actor, int issue) => _position[actor, issue];

    /// <summary>The spread of a stance's salience (on 0–1), or null when it is taken as written (or there is no stance).</summary>
    public Spread? SalienceSpread(int actor, int issue) => _salience[actor, issue];

    /// <summary>Draw number <paramref name="draw"/> of <paramref name="seed"/>.</summary>
    public InputDraw Draw(ulong seed, int draw)
    {
        Preconditions.Check(draw >= 0, nameof(draw), "The draw number cannot be negative.");
        var actors = _scenario.Actors.Count;
        var issues = _scenario.Issues.Count;
        var rng = new SeededRandom(seed);
        var capability = new double[actors];
        var factor = new double[actors];
        var position = new double[actors, issues];
        var salience = new double[actors, issues];
        for (var a = 0; a < actors; a++)
        {
            var actor = _scenario.Actors[a];
            capability[a] = _capability[a] is { } cs ? SpreadSampler.Draw(InputStreams.Stream(rng, seed, draw, _capabilityKeys[a]), cs, actor.Capability, 0, double.MaxValue) : actor.Capability;
            factor[a] = actor.Capability > 0 ? capability[a] / actor.Capability : 1;
            for (var k = 0; k < issues; k++)
            {
                if (_scenario.StanceOf(a, k) is not { } stance)
                {
                    continue;
                }

                var scale = _scenario.Issues[k].Scale;
                position[a, k] = _position[a, k] is { } ps ? SpreadSampler.Draw(InputStreams.Stream(rng, seed, draw, _positionKeys[a, k]), ps, stance.Position, scale.Minimum, scale.Maximum) : stance.Position;
                salience[a, k] = _salience[a, k] is { } ss ? SpreadSampler.Draw(InputStreams.Stream(rng, seed, draw, _salienceKeys[a, k]), ss, stance.Salience, 0, 1) : stance.Salience;
            }
        }

        var inputs = new IssueInput[issues];
        for (var k = 0; k < issues; k++)
        {
            var baseInput = _compiled[k];
            var rows = _rows[k];
            var n = rows.Length;
            var x = new double[n];
            var c = new double[n];
            var s = new double[n];
            for (var i = 0; i < n; i++)
            {
                var a = rows[i];
                x[i] = position[a, k];
                s[i] = salience[a, k];
                c[i] = IssueCapability(a, k, baseInput.Capabilities[i], capability[a], factor[a]);
            }

            inputs[k] = baseInput.WithNumbers(x, c, s);
        }

        return new InputDraw(this, draw, capability, factor, position, salience, inputs);
    }

    /// <summary>
    /// An actor's capability on one issue in a draw: its per-issue capability scaled by the factor its
    /// capability was drawn by; an actor of capability 0 takes the drawn value where it has no per-issue one.
    /// </summary>
    internal double IssueCapability(int actor, int issue, double written, double drawn, double factor)
    {
        var a = _scenario.Actors[actor];
        if (a.Capability > 0)
        {
            return written * factor;
        }

        var id = _scenario.Issues[issue].Id;
        return a.CapabilityByIssue is not null && a.CapabilityByIssue.ContainsKey(id) ? written : drawn;
    }

    private static Spread? NonZero(Spread spread) => spread.IsZero ? null : spread;
}

/// <summary>One draw of a scenario's inputs: compiled issues for one-issue models, and the whole scenario for models that run all issues together.</summary>
public sealed class InputDraw
{
    private readonly InputSampler _sampler;
    private readonly double[] _capability;
    private readonly double[] _factor;
    private readonly double[,] _position;
    private readonly double[,] _salience;
    private readonly IssueInput[] _issues;
    private Scenario? _scenario;

    internal InputDraw(InputSampler sampler, int number, double[] capability, double[] factor, double[,] position, double[,] salience, IssueInput[] issues)
    {
        _sampler = sampler;
        Number = number;
        _capability = capability;
        _factor = factor;
        _position = position;
        _salience = salience;
        _issues = issues;
    }

    /// <summary>The draw's number (its stream of the seed).</summary>
    public int Number { get; }

    /// <summary>Issue number <paramref name="issue"/> as drawn, with the actors of <see cref="Scenario.Compile"/> in the same order.</summary>
    public IssueInput Issue(int issue) => _issues[issue];

    /// <summary>The drawn position of actor <paramref name="actor"/> on issue <paramref name="issue"/> (its written one when it has no stance).</summary>
    public double Position(int actor, int issue) => _position[actor, issue];

    /// <summary>The drawn salience of actor <paramref name="actor"/> on issue <paramref name="issue"/>.</summary>
    public double Salience(int actor, int issue) => _salience[actor, issue];

    /// <summary>The drawn capability of actor <paramref name="actor"/>.</summary>
    public double Capability(int actor) => _capability[actor];

    /// <summary>The whole scenario with the drawn numbers (built on first use).</summary>
    public Scenario ToScenario()
    {
        if (_scenario is not null)
        {
            return _scenario;
        }

        var source = _sampler.Scenario;
        var actors = new Actor[source.Actors.Count];
        for (var a = 0; a < actors.Length; a++)
        {
            var actor = source.Actors[a];
            var byIssue = actor.CapabilityByIssue?.ToDictionary(p => p.Key, p => actor.Capability > 0 ? p.Value * _factor[a] : p.Value, StringComparer.Ordinal);
            actors[a] = actor with { Capability = _capability[a], CapabilityByIssue = byIssue };
        }

        var stances = new List<Stance>(source.Stances.Count);
        foreach (var stance in source.Stances)
        {
            var a = source.IndexOfActor(stance.ActorId);
            var k = source.IndexOfIssue(stance.IssueId);
            stances.Add(stance with { Position = _position[a, k], Salience = _salience[a, k] });
        }

        _scenario = source.WithInputs(actors, stances);
        return _scenario;
    }
}
