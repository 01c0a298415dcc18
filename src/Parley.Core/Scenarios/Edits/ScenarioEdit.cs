using System.Globalization;
using System.Text;

namespace Parley.Core.Scenarios.Edits;

/// <summary>
/// One change to a scenario for a what-if: applied before the run, or after round
/// <see cref="AfterRound"/> of an iterative model (a timed shock).
/// </summary>
/// <param name="AfterRound">The round after which the edit strikes; null (or 0, stored as null) means before the run.</param>
public abstract record ScenarioEdit(int? AfterRound)
{
    /// <summary>The round after which the edit strikes; null when it applies before the run.</summary>
    public int? AfterRound { get; init; } = Normalise(AfterRound);

    /// <summary>True when the edit applies before the run (it changes the scenario itself).</summary>
    public bool IsImmediate => AfterRound is null;

    /// <summary>The actor the edit concerns.</summary>
    public abstract string ActorId { get; }

    /// <summary>The edit in the command-line grammar, e.g. <c>trump.summit.salience=0.2@2</c> or <c>drop russia</c>.</summary>
    public abstract string Text { get; }

    /// <summary>The <c>@N</c> suffix, or empty for an immediate edit.</summary>
    protected string RoundSuffix => AfterRound is { } round ? "@" + round.ToString(CultureInfo.InvariantCulture) : string.Empty;

    private static int? Normalise(int? round)
    {
        Preconditions.Check(round is null or >= 0, nameof(AfterRound), "An edit's round must be null or ≥ 0.");
        return round is 0 ? null : round;
    }
}

/// <summary>Sets or scales one number: an actor's position or salience on an issue, or its capability.</summary>
/// <param name="ActorId">The actor.</param>
/// <param name="IssueId">The issue; null only for a capability edit, which then applies on every issue.</param>
/// <param name="Field">Which number.</param>
/// <param name="Operation">Set it to <paramref name="Value"/>, or multiply it by <paramref name="Value"/>.</param>
/// <param name="Value">The new value (saliences on the scenario's salience scale) or the factor.</param>
/// <param name="AfterRound">The round after which the edit strikes; null for before the run.</param>
public sealed record SetValueEdit(string ActorId, string? IssueId, EditField Field, EditOperation Operation, double Value, int? AfterRound = null)
    : ScenarioEdit(AfterRound)
{
    /// <summary>The actor.</summary>
    public override string ActorId { get; } = Preconditions.NotNull(ActorId, nameof(ActorId));

    /// <inheritdoc />
    public override string Text
    {
        get
        {
            var sb = new StringBuilder(ActorId);
            if (IssueId is not null)
            {
                sb.Append('.').Append(IssueId);
            }

            sb.Append('.').Append(FieldName(Field))
                .Append(Operation == EditOperation.Scale ? "*=" : "=")
                .Append(Value.ToString("R", CultureInfo.InvariantCulture))
                .Append(RoundSuffix);
            return sb.ToString();
        }
    }

    /// <summary>The field's name as written in edits: position, salience or capability.</summary>
    public static string FieldName(EditField field) => field switch
    {
        EditField.Position => "position",
        EditField.Salience => "salience",
        _ => "capability",
    };

    /// <inheritdoc />
    public override string ToString() => Text;
}

/// <summary>Removes an actor, with its stances and vetoes, from the negotiation.</summary>
/// <param name="ActorId">The actor.</param>
/// <param name="AfterRound">The round after which it leaves; null for before the run.</param>
public sealed record DropActorEdit(string ActorId, int? AfterRound = null) : ScenarioEdit(AfterRound)
{
    /// <summary>The actor.</summary>
    public override string ActorId { get; } = Preconditions.NotNull(ActorId, nameof(ActorId));

    /// <inheritdoc />
    public override string Text => "drop " + ActorId + RoundSuffix;

    /// <inheritdoc />
    public override string ToString() => Text;
}
