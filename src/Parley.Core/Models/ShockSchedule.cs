using Parley.Core.Scenarios;
using Parley.Core.Scenarios.Edits;

namespace Parley.Core.Models;

/// <summary>
/// The timed edits (shocks) of a run: each strikes after a given round of an iterative model and
/// the run goes on from the edited state. What each kind of model does with them:
/// <list type="bullet">
/// <item>the expected-utility models apply them between rounds with
/// <see cref="ScenarioEditor.ApplyToIssue"/> on the state they have reached (a timed drop takes the
/// actor out of the bargaining: its position stays where it was, and it no longer counts in the mean);</item>
/// <item><c>ktab-smp</c> turns them into the engine's shocks (sets of a position, salience or
/// capability; a scale of a capability or salience multiplies the number as it then stands; a timed
/// position scale, a per-issue capability or a timed drop is an error of its check);</item>
/// <item>a static model has no rounds: it forecasts the inputs as every edit leaves them, as if each
/// timed edit had struck before its one step, and says so in its note.</item>
/// </list>
/// An edit after a round the run does not go beyond (the last round, or the round it settled) never strikes.
/// </summary>
public sealed class ShockSchedule
{
    /// <summary>
    /// Creates the schedule of the timed edits of <paramref name="edits"/> on <paramref name="scenario"/>:
    /// the scenario as the immediate edits leave it (see <see cref="ScenarioEditor.Apply(Scenario, IReadOnlyList{ScenarioEdit})"/>).
    /// The edits must have passed <see cref="ScenarioEditor.Validate"/>; immediate ones are left out.
    /// </summary>
    public ShockSchedule(Scenario scenario, IReadOnlyList<ScenarioEdit> edits)
    {
        Scenario = Preconditions.NotNull(scenario, nameof(scenario));
        Preconditions.NotNull(edits, nameof(edits));
        Edits = ScenarioEditor.TimedEdits(edits);
    }

    /// <summary>The scenario the edits strike in (its scales and salience scale); runs on its input draws use it too.</summary>
    public Scenario Scenario { get; }

    /// <summary>The timed edits in the order they strike (by round, then as given).</summary>
    public IReadOnlyList<ScenarioEdit> Edits { get; }

    /// <summary>True when there is no timed edit.</summary>
    public bool IsEmpty => Edits.Count == 0;

    /// <summary>The edits that strike after round <paramref name="round"/>, in order.</summary>
    public IEnumerable<ScenarioEdit> After(int round) => Edits.Where(e => e.AfterRound == round);

    /// <summary>True when some edit strikes after round <paramref name="round"/>.</summary>
    public bool AnyAfter(int round) => Edits.Any(e => e.AfterRound == round);

    /// <summary>
    /// <paramref name="input"/> with the edits of round <paramref name="round"/> made (see
    /// <see cref="ScenarioEditor.ApplyToIssue"/>); every edit that changed it is added to <paramref name="struck"/>.
    /// </summary>
    public IssueInput ApplyAfter(int round, IssueInput input, List<StruckShock> struck)
    {
        Preconditions.NotNull(input, nameof(input));
        Preconditions.NotNull(struck, nameof(struck));
        foreach (var edit in After(round))
        {
            var edited = ScenarioEditor.ApplyToIssue(Scenario, input, edit);
            if (!ReferenceEquals(edited, input))
            {
                struck.Add(new StruckShock(round, edit.Text));
                input = edited;
            }
        }

        return input;
    }

    /// <summary>
    /// <paramref name="input"/> with every edit made, in strike order: what a static model forecasts.
    /// Every edit that changed it is added to <paramref name="struck"/> as striking after round 0.
    /// </summary>
    public IssueInput ApplyAll(IssueInput input, List<StruckShock> struck)
    {
        Preconditions.NotNull(input, nameof(input));
        Preconditions.NotNull(struck, nameof(struck));
        foreach (var edit in Edits)
        {
            var edited = ScenarioEditor.ApplyToIssue(Scenario, input, edit);
            if (!ReferenceEquals(edited, input))
            {
                struck.Add(new StruckShock(0, edit.Text));
                input = edited;
            }
        }

        return input;
    }
}

/// <summary>A timed edit that struck during a run.</summary>
/// <param name="Round">The round after which it struck: the state of this round in the path is the edited one (0 for a static model, which takes every edit before its one step).</param>
/// <param name="Edit">The edit in the command-line grammar, e.g. <c>trump.summit.salience=0.2@2</c>.</param>
public sealed record StruckShock(int Round, string Edit);
