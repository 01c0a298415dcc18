using System.Collections.Immutable;
using Parley.Core.Scenarios.Edits;

namespace Parley.Core.Scenarios;

/// <summary>
/// An immutable description of a negotiation: actors × issues, each stance a position, a salience
/// and a rationale, with the uncertainty of those numbers and the what-ifs to ask of it. Build one
/// through a reader (which reports every error with its location) or directly; the constructor only
/// guards against programming errors. Every list is copied on construction.
/// </summary>
public sealed class Scenario
{
    private readonly Dictionary<string, int> _actorIndex;
    private readonly Dictionary<string, int> _issueIndex;
    private readonly Stance?[,] _stances;

    /// <summary>
    /// Creates a scenario; ids must be unique, every stance must name a known actor and issue, every
    /// number must lie within its bounds, every spread must lie within its number's bounds and every
    /// what-if's edits must pass <see cref="ScenarioEditor.Validate"/>. (A range need not contain its
    /// number here: drawn or perturbed inputs may leave it. Readers require it of what a file states.)
    /// </summary>
    public Scenario(
        string title,
        IReadOnlyList<Issue> issues,
        IReadOnlyList<Actor> actors,
        IReadOnlyList<Stance> stances,
        string? description = null,
        IReadOnlyList<string>? sources = null,
        SalienceScale salienceScale = SalienceScale.Unit,
        ScenarioUncertainty? uncertainty = null,
        IReadOnlyList<WhatIf>? whatIfs = null)
    {
        Title = Preconditions.NotNull(title, nameof(title));
        Issues = Copy(Preconditions.NotNull(issues, nameof(issues)));
        Actors = Copy(Preconditions.NotNull(actors, nameof(actors)));
        Stances = Copy(Preconditions.NotNull(stances, nameof(stances)));
        Description = description ?? string.Empty;
        Sources = sources is null ? [] : Copy(sources);
        SalienceScale = salienceScale;
        Uncertainty = uncertainty ?? ScenarioUncertainty.None;
        WhatIfs = whatIfs is null ? [] : Copy(whatIfs);
        CheckUncertainty(Uncertainty);

        _actorIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Actors.Count; i++)
        {
            var actor = Actors[i];
            Preconditions.Check(_actorIndex.TryAdd(actor.Id, i), nameof(actors), $"Duplicate actor id '{actor.Id}'.");
            Preconditions.Check(double.IsFinite(actor.Capability) && actor.Capability >= 0, nameof(actors), $"Actor '{actor.Id}' has a capability that is negative or not finite.");
            CheckSpread(actor.CapabilitySpread, 0, double.PositiveInfinity, nameof(actors), $"Actor '{actor.Id}': capability");
        }

        _issueIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var k = 0; k < Issues.Count; k++)
        {
            var issue = Issues[k];
            Preconditions.Check(_issueIndex.TryAdd(issue.Id, k), nameof(issues), $"Duplicate issue id '{issue.Id}'.");
            Preconditions.Check(issue.StatusQuo is null || issue.Scale.Contains(issue.StatusQuo.Position), nameof(issues), $"Issue '{issue.Id}': the status quo must lie on the scale.");
            Preconditions.Check(issue.Outcome is null || issue.Scale.Contains(issue.Outcome.Position), nameof(issues), $"Issue '{issue.Id}': the recorded outcome must lie on the scale.");
            var vetoes = new HashSet<string>(StringComparer.Ordinal);
            foreach (var veto in issue.VetoPlayers)
            {
                Preconditions.Check(_actorIndex.ContainsKey(veto.ActorId), nameof(issues), $"Issue '{issue.Id}': veto player '{veto.ActorId}' is not an actor.");
                Preconditions.Check(vetoes.Add(veto.ActorId), nameof(issues), $"Issue '{issue.Id}': veto player '{veto.ActorId}' is named twice.");
            }
        }

        _stances = new Stance?[Actors.Count, Issues.Count];
        foreach (var s in Stances)
        {
            Preconditions.Check(_actorIndex.TryGetValue(s.ActorId, out var a), nameof(stances), $"Stance names unknown actor '{s.ActorId}'.");
            Preconditions.Check(_issueIndex.TryGetValue(s.IssueId, out var k), nameof(stances), $"Stance names unknown issue '{s.IssueId}'.");
            Preconditions.Check(_stances[a, k] is null, nameof(stances), $"Actor '{s.ActorId}' has two stances on issue '{s.IssueId}'.");
            Preconditions.Check(double.IsFinite(s.Position), nameof(stances), $"Actor '{s.ActorId}' on issue '{s.IssueId}': position is not finite.");
            Preconditions.Check(double.IsFinite(s.Salience) && s.Salience >= 0 && s.Salience <= 1, nameof(stances), $"Actor '{s.ActorId}' on issue '{s.IssueId}': salience must lie in [0, 1].");
            var scale = Issues[k].Scale;
            CheckSpread(s.PositionSpread, scale.Minimum, scale.Maximum, nameof(stances), $"Actor '{s.ActorId}' on issue '{s.IssueId}': position");
            CheckSpread(s.SalienceSpread, 0, 1, nameof(stances), $"Actor '{s.ActorId}' on issue '{s.IssueId}': salience");
            _stances[a, k] = s;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var whatIf in WhatIfs)
        {
            Preconditions.Check(whatIf is not null && !string.IsNullOrEmpty(whatIf.Name), nameof(whatIfs), "A what-if needs a name.");
            Preconditions.Check(names.Add(whatIf!.Name), nameof(whatIfs), $"Duplicate what-if name '{whatIf.Name}'.");
            var problems = ScenarioEditor.Validate(this, whatIf.Edits);
            Preconditions.Check(problems.Count == 0, nameof(whatIfs), problems.Count == 0 ? string.Empty : $"What-if '{whatIf.Name}': {problems[0].Message}");
        }
    }

    /// <summary>Short title.</summary>
    public string Title { get; }

    /// <summary>Longer description; empty when none was given.</summary>
    public string Description { get; }

    /// <summary>Where the numbers come from.</summary>
    public IReadOnlyList<string> Sources { get; }

    /// <summary>The issues, in input order.</summary>
    public IReadOnlyList<Issue> Issues { get; }

    /// <summary>The actors, in input order (the order that breaks ties).</summary>
    public IReadOnlyList<Actor> Actors { get; }

    /// <summary>Every stance, in input order.</summary>
    public IReadOnlyList<Stance> Stances { get; }

    /// <summary>The scale on which the source file wrote saliences.</summary>
    public SalienceScale SalienceScale { get; }

    /// <summary>The default uncertainty of every number without a spread of its own; <see cref="ScenarioUncertainty.None"/> when none was given.</summary>
    public ScenarioUncertainty Uncertainty { get; }

    /// <summary>The named what-ifs stored with the scenario, in input order; empty when none.</summary>
    public IReadOnlyList<WhatIf> WhatIfs { get; }

    /// <summary>The index of the actor with id <paramref name="actorId"/>, or -1.</summary>
    public int IndexOfActor(string actorId) => _actorIndex.TryGetValue(actorId, out var i) ? i : -1;

    /// <summary>The index of the issue with id <paramref name="issueId"/>, or -1.</summary>
    public int IndexOfIssue(string issueId) => _issueIndex.TryGetValue(issueId, out var i) ? i : -1;

    /// <summary>The stance of actor number <paramref name="actor"/> on issue number <paramref name="issue"/>, or null.</summary>
    public Stance? StanceOf(int actor, int issue) => _stances[actor, issue];

    /// <summary>Compiles issue number <paramref name="issue"/> into flat arrays for the models.</summary>
    public IssueInput Compile(int issue) => IssueInput.From(this, issue);

    /// <summary>
    /// The spread a Monte Carlo draws the position of actor <paramref name="actor"/> on issue
    /// <paramref name="issue"/> from: the stance's own spread if it states one, else a normal spread
    /// of <see cref="ScenarioUncertainty.PositionSdShare"/> × the scale's width. Null when the
    /// position is held fixed: the actor has no stance, or the spread has zero width (a stated zero
    /// does not fall back to the default). Draws are kept on the issue's scale.
    /// </summary>
    public Spread? EffectivePositionSpread(int actor, int issue)
    {
        var stance = _stances[actor, issue];
        if (stance is null)
        {
            return null;
        }

        return NonZero(stance.PositionSpread ?? new NormalSpread(Uncertainty.PositionSdShare * Issues[issue].Scale.Width));
    }

    /// <summary>
    /// The spread of the salience (on 0–1) of actor <paramref name="actor"/> on issue
    /// <paramref name="issue"/>: the stance's own, else a normal spread of
    /// <see cref="ScenarioUncertainty.SalienceSd"/>. Null when held fixed (no stance, or zero width).
    /// Draws are kept on [0, 1].
    /// </summary>
    public Spread? EffectiveSalienceSpread(int actor, int issue)
    {
        var stance = _stances[actor, issue];
        if (stance is null)
        {
            return null;
        }

        return NonZero(stance.SalienceSpread ?? new NormalSpread(Uncertainty.SalienceSd));
    }

    /// <summary>
    /// The spread of the capability of actor <paramref name="actor"/> on issue <paramref name="issue"/>
    /// (see <see cref="Actor.CapabilityOn"/>). The actor's own spread is stated for its base capability;
    /// on an issue where a per-issue capability replaces it, that spread is scaled by the ratio of the
    /// two (a normal spread's deviation, a range's ends), so the relative uncertainty is the same. Without
    /// a spread of its own (or when the base capability is 0 and the issue's is not), a normal spread of
    /// <see cref="ScenarioUncertainty.CapabilitySdShare"/> × the capability on the issue. Null when held
    /// fixed (zero width). Draws are kept ≥ 0.
    /// </summary>
    public Spread? EffectiveCapabilitySpread(int actor, int issue)
    {
        var a = Actors[actor];
        var onIssue = a.CapabilityOn(Issues[issue].Id);
        var own = a.CapabilitySpread;
        if (own is not null && onIssue != a.Capability)
        {
            own = a.Capability > 0 ? Scaled(own, onIssue / a.Capability) : null;
        }

        return NonZero(own ?? new NormalSpread(Uncertainty.CapabilitySdShare * onIssue));
    }

    /// <summary>
    /// A copy with some parts replaced (the others kept); every list is copied and every guard of the
    /// constructor applies to the result.
    /// </summary>
    public Scenario With(
        IReadOnlyList<Issue>? issues = null,
        IReadOnlyList<Actor>? actors = null,
        IReadOnlyList<Stance>? stances = null,
        ScenarioUncertainty? uncertainty = null,
        IReadOnlyList<WhatIf>? whatIfs = null) =>
        new(Title, issues ?? Issues, actors ?? Actors, stances ?? Stances, Description, Sources, SalienceScale, uncertainty ?? Uncertainty, whatIfs ?? WhatIfs);

    /// <summary>
    /// The same scenario with other actors and stances (same ids; e.g. numbers drawn from their
    /// spreads). The copy carries no what-ifs: they are stated for the inputs as written.
    /// </summary>
    public Scenario WithInputs(IReadOnlyList<Actor> actors, IReadOnlyList<Stance> stances) =>
        new(Title, Issues, actors, stances, Description, Sources, SalienceScale, Uncertainty);

    /// <summary>The same scenario with another default input uncertainty.</summary>
    public Scenario WithUncertainty(ScenarioUncertainty uncertainty) => With(uncertainty: uncertainty);

    private static Spread? NonZero(Spread spread) => spread.IsZero ? null : spread;

    /// <summary>The spread multiplied by a factor ≥ 0.</summary>
    internal static Spread Scaled(Spread spread, double factor) => spread switch
    {
        NormalSpread n => new NormalSpread(n.StandardDeviation * Math.Abs(factor)),
        RangeSpread r => factor >= 0 ? new RangeSpread(r.Low * factor, r.High * factor) : new RangeSpread(r.High * factor, r.Low * factor),
        _ => spread,
    };

    private static ImmutableArray<T> Copy<T>(IReadOnlyList<T> source)
    {
        foreach (var item in source)
        {
            Preconditions.Check(item is not null, nameof(source), "A scenario's lists must not hold null.");
        }

        return ImmutableArray.CreateRange(source);
    }

    private static void CheckUncertainty(ScenarioUncertainty u)
    {
        Preconditions.Check(double.IsFinite(u.PositionSdShare) && u.PositionSdShare >= 0, nameof(Uncertainty), "The default position spread must be finite and ≥ 0.");
        Preconditions.Check(double.IsFinite(u.SalienceSd) && u.SalienceSd >= 0, nameof(Uncertainty), "The default salience spread must be finite and ≥ 0.");
        Preconditions.Check(double.IsFinite(u.CapabilitySdShare) && u.CapabilitySdShare >= 0, nameof(Uncertainty), "The default capability spread must be finite and ≥ 0.");
    }

    private static void CheckSpread(Spread? spread, double min, double max, string name, string what)
    {
        switch (spread)
        {
            case null:
                return;
            case NormalSpread n:
                Preconditions.Check(double.IsFinite(n.StandardDeviation) && n.StandardDeviation >= 0, name, $"{what}: a standard deviation must be finite and ≥ 0.");
                return;
            case RangeSpread r:
                Preconditions.Check(double.IsFinite(r.Low) && double.IsFinite(r.High) && r.Low <= r.High, name, $"{what}: a range must be finite with low ≤ high.");
                Preconditions.Check(r.Low >= min && r.High <= max, name, $"{what}: the range must lie within the number's bounds.");
                return;
            default:
                Preconditions.Check(false, name, $"{what}: unknown kind of spread.");
                return;
        }
    }
}
