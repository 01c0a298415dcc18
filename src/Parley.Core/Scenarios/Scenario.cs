namespace Parley.Core.Scenarios;

/// <summary>
/// An immutable description of a negotiation: actors × issues, each stance a position, a salience
/// and a rationale. Build one through a reader (which reports every error with its location) or
/// directly; the constructor only guards against programming errors.
/// </summary>
public sealed class Scenario
{
    private readonly Dictionary<string, int> _actorIndex;
    private readonly Dictionary<string, int> _issueIndex;
    private readonly Stance?[,] _stances;

    /// <summary>Creates a scenario; ids must be unique and every stance must name a known actor and issue.</summary>
    public Scenario(
        string title,
        IReadOnlyList<Issue> issues,
        IReadOnlyList<Actor> actors,
        IReadOnlyList<Stance> stances,
        string? description = null,
        IReadOnlyList<string>? sources = null,
        SalienceScale salienceScale = SalienceScale.Unit,
        ScenarioUncertainty? uncertainty = null)
    {
        Uncertainty = uncertainty ?? ScenarioUncertainty.None;
        Title = Preconditions.NotNull(title, nameof(title));
        Issues = Preconditions.NotNull(issues, nameof(issues));
        Actors = Preconditions.NotNull(actors, nameof(actors));
        Stances = Preconditions.NotNull(stances, nameof(stances));
        Description = description ?? string.Empty;
        Sources = sources ?? [];
        SalienceScale = salienceScale;

        _actorIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < actors.Count; i++)
        {
            Preconditions.Check(_actorIndex.TryAdd(actors[i].Id, i), nameof(actors), $"Duplicate actor id '{actors[i].Id}'.");
            Preconditions.Check(double.IsFinite(actors[i].Capability) && actors[i].Capability >= 0, nameof(actors), $"Actor '{actors[i].Id}' has a capability that is negative or not finite.");
        }

        _issueIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var k = 0; k < issues.Count; k++)
        {
            Preconditions.Check(_issueIndex.TryAdd(issues[k].Id, k), nameof(issues), $"Duplicate issue id '{issues[k].Id}'.");
        }

        _stances = new Stance?[actors.Count, issues.Count];
        foreach (var s in stances)
        {
            Preconditions.Check(_actorIndex.TryGetValue(s.ActorId, out var a), nameof(stances), $"Stance names unknown actor '{s.ActorId}'.");
            Preconditions.Check(_issueIndex.TryGetValue(s.IssueId, out var k), nameof(stances), $"Stance names unknown issue '{s.IssueId}'.");
            Preconditions.Check(_stances[a, k] is null, nameof(stances), $"Actor '{s.ActorId}' has two stances on issue '{s.IssueId}'.");
            Preconditions.Check(double.IsFinite(s.Position), nameof(stances), $"Actor '{s.ActorId}' on issue '{s.IssueId}': position is not finite.");
            Preconditions.Check(double.IsFinite(s.Salience) && s.Salience >= 0 && s.Salience <= 1, nameof(stances), $"Actor '{s.ActorId}' on issue '{s.IssueId}': salience must lie in [0, 1].");
            _stances[a, k] = s;
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

    /// <summary>The spread of every number that its stance or actor does not give a spread for.</summary>
    public ScenarioUncertainty Uncertainty { get; }

    /// <summary>The scale on which the source file wrote saliences.</summary>
    public SalienceScale SalienceScale { get; }

    /// <summary>The index of the actor with id <paramref name="actorId"/>, or -1.</summary>
    public int IndexOfActor(string actorId) => _actorIndex.TryGetValue(actorId, out var i) ? i : -1;

    /// <summary>The index of the issue with id <paramref name="issueId"/>, or -1.</summary>
    public int IndexOfIssue(string issueId) => _issueIndex.TryGetValue(issueId, out var i) ? i : -1;

    /// <summary>The stance of actor number <paramref name="actor"/> on issue number <paramref name="issue"/>, or null.</summary>
    public Stance? StanceOf(int actor, int issue) => _stances[actor, issue];

    /// <summary>The same scenario with other actors and stances (same ids; e.g. perturbed numbers).</summary>
    public Scenario WithInputs(IReadOnlyList<Actor> actors, IReadOnlyList<Stance> stances) =>
        new(Title, Issues, actors, stances, Description, Sources, SalienceScale, Uncertainty);

    /// <summary>The same scenario with another default input uncertainty.</summary>
    public Scenario WithUncertainty(ScenarioUncertainty uncertainty) =>
        new(Title, Issues, Actors, Stances, Description, Sources, SalienceScale, uncertainty);

    /// <summary>Compiles issue number <paramref name="issue"/> into flat arrays for the models.</summary>
    public IssueInput Compile(int issue) => IssueInput.From(this, issue);
}
