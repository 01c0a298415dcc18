using System.Text.Json.Serialization;
using Parley.Core.Explain;

namespace Parley.Formats.Results;

/// <summary>The serialisable form of an <see cref="Explanation"/> (docs/explain.md).</summary>
/// <param name="ParleyVersion">The version of Parley that made the run.</param>
/// <param name="Scenario">The scenario's title.</param>
/// <param name="Issue">The issue id.</param>
/// <param name="IssueName">The issue's name.</param>
/// <param name="Model">The model.</param>
/// <param name="Forecast">Its forecast.</param>
/// <param name="Stop">Why the run ended (as in the forecast JSON).</param>
/// <param name="RoundsRun">Rounds run.</param>
/// <param name="Note">The model's note, if any.</param>
/// <param name="Actors">Actor id → name.</param>
/// <param name="Rounds">Round by round, every actor's move and its cause.</param>
/// <param name="Challenges">Who challenged whom: per proposer, receiver and kind, the count and how often the receiver took it.</param>
/// <param name="Totals">Per kind, the count and how many were taken.</param>
/// <param name="Coalitions">The groups of actors within 5% of the scale of each other at the end.</param>
public sealed record ExplanationReport(
    [property: JsonPropertyName("parley_version")] string ParleyVersion,
    [property: JsonPropertyName("scenario")] string Scenario,
    [property: JsonPropertyName("issue")] string Issue,
    [property: JsonPropertyName("issue_name")] string IssueName,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("forecast")] double Forecast,
    [property: JsonPropertyName("stop")] string Stop,
    [property: JsonPropertyName("rounds_run")] int RoundsRun,
    [property: JsonPropertyName("note"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Note,
    [property: JsonPropertyName("actors")] IReadOnlyDictionary<string, string> Actors,
    [property: JsonPropertyName("rounds")] IReadOnlyList<RoundExplanationReport> Rounds,
    [property: JsonPropertyName("challenges")] IReadOnlyList<ChallengeReport> Challenges,
    [property: JsonPropertyName("totals")] IReadOnlyList<ChallengeTotalReport> Totals,
    [property: JsonPropertyName("coalitions")] IReadOnlyList<CoalitionReport> Coalitions)
{
    /// <summary>The report of <paramref name="explanation"/>.</summary>
    public static ExplanationReport Create(Explanation explanation)
    {
        ArgumentNullException.ThrowIfNull(explanation);
        return new ExplanationReport(
            Core.ParleyVersion.Current,
            explanation.Scenario,
            explanation.IssueId,
            explanation.IssueName,
            explanation.Model,
            explanation.Forecast,
            ModelIssueReport.StopName(explanation.Stop),
            explanation.RoundsRun,
            explanation.Note,
            explanation.ActorNames,
            [.. explanation.Rounds.Select(r => new RoundExplanationReport(
                r.Round,
                r.Mean,
                [.. r.Moves.Select(m => new MoveReport(m.ActorId, m.From, m.To, m.Moved, CauseReport.Of(m.Cause), [.. m.Refused.Select(c => CauseReport.Of(c)!)], m.Note))],
                r.Shocks.Count > 0 ? r.Shocks : null))],
            [.. explanation.Challenges.Select(c => new ChallengeReport(c.From, c.To, CauseReport.KindName(c.Kind), c.Count, c.Taken))],
            [.. explanation.Totals.Select(t => new ChallengeTotalReport(CauseReport.KindName(t.Kind), t.Count, t.Taken))],
            [.. explanation.Coalitions.Select(c => new CoalitionReport(c.Members, c.Low, c.High, c.Weight, c.Share))]);
    }
}

/// <summary>One round of an explanation.</summary>
/// <param name="Round">The round (1 = the first).</param>
/// <param name="Mean">The weighted mean after it.</param>
/// <param name="Moves">Every actor's move.</param>
/// <param name="Shocks">Timed edits that struck after the round; null when none.</param>
public sealed record RoundExplanationReport(
    [property: JsonPropertyName("round")] int Round,
    [property: JsonPropertyName("mean")] double Mean,
    [property: JsonPropertyName("moves")] IReadOnlyList<MoveReport> Moves,
    [property: JsonPropertyName("shocks"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Shocks);

/// <summary>One actor's move in a round.</summary>
/// <param name="Actor">The actor id.</param>
/// <param name="From">Its position before the round.</param>
/// <param name="To">Its position after the round's bargaining.</param>
/// <param name="Moved">True when the two differ.</param>
/// <param name="Cause">What it took; null when it kept its position.</param>
/// <param name="Refused">The offers or bargains it did not take.</param>
/// <param name="Note">Why it kept its position, when it did.</param>
public sealed record MoveReport(
    [property: JsonPropertyName("actor")] string Actor,
    [property: JsonPropertyName("from")] double From,
    [property: JsonPropertyName("to")] double To,
    [property: JsonPropertyName("moved")] bool Moved,
    [property: JsonPropertyName("cause"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CauseReport? Cause,
    [property: JsonPropertyName("refused")] IReadOnlyList<CauseReport> Refused,
    [property: JsonPropertyName("note"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Note);

/// <summary>An offer or bargain (see <see cref="MoveCause"/>).</summary>
/// <param name="Kind">confrontation, compromise, capitulation or bargain.</param>
/// <param name="From">The proposer or initiator.</param>
/// <param name="To">The receiver.</param>
/// <param name="NewPosition">Where the actor that had it would move.</param>
/// <param name="ReceiverUtility">a, seen by the receiver (expected-utility models).</param>
/// <param name="ProposerUtility">b, seen by the receiver (expected-utility models).</param>
/// <param name="Value">The initiator's expected gain (ktab-smp).</param>
/// <param name="InitiatorWinProbability">The initiator's estimate that it would win (ktab-smp).</param>
/// <param name="ElectionProbability">The election's probability of this option (ktab-smp).</param>
public sealed record CauseReport(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("from")] string From,
    [property: JsonPropertyName("to")] string To,
    [property: JsonPropertyName("new_position")] double NewPosition,
    [property: JsonPropertyName("eu_receiver"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? ReceiverUtility,
    [property: JsonPropertyName("eu_proposer"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? ProposerUtility,
    [property: JsonPropertyName("value"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Value,
    [property: JsonPropertyName("initiator_win_probability"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? InitiatorWinProbability,
    [property: JsonPropertyName("election_probability"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? ElectionProbability)
{
    /// <summary>The report of <paramref name="cause"/>, or null.</summary>
    public static CauseReport? Of(MoveCause? cause) =>
        cause is null ? null : new CauseReport(KindName(cause.Kind), cause.From, cause.To, cause.NewPosition, cause.ReceiverUtility, cause.ProposerUtility, cause.Value, cause.InitiatorWinProbability, cause.ElectionProbability);

    /// <summary>The JSON name of a kind.</summary>
    public static string KindName(CauseKind kind) => kind.ToString().ToLowerInvariant();
}

/// <summary>How often one actor challenged another with one kind of offer.</summary>
/// <param name="From">The proposer or initiator.</param>
/// <param name="To">The receiver.</param>
/// <param name="Kind">The kind.</param>
/// <param name="Count">Rounds in which it was made.</param>
/// <param name="Taken">Rounds in which the receiver took it.</param>
public sealed record ChallengeReport(
    [property: JsonPropertyName("from")] string From,
    [property: JsonPropertyName("to")] string To,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("count")] int Count,
    [property: JsonPropertyName("taken")] int Taken);

/// <summary>The challenges of one kind over the run.</summary>
/// <param name="Kind">The kind.</param>
/// <param name="Count">How many were made.</param>
/// <param name="Taken">How many were taken.</param>
public sealed record ChallengeTotalReport(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("count")] int Count,
    [property: JsonPropertyName("taken")] int Taken);

/// <summary>A coalition at the end of the run.</summary>
/// <param name="Members">The actors, lowest position first.</param>
/// <param name="Low">The lowest final position.</param>
/// <param name="High">The highest.</param>
/// <param name="Weight">Combined capability × salience.</param>
/// <param name="Share">Share of every actor's weight.</param>
public sealed record CoalitionReport(
    [property: JsonPropertyName("members")] IReadOnlyList<string> Members,
    [property: JsonPropertyName("low")] double Low,
    [property: JsonPropertyName("high")] double High,
    [property: JsonPropertyName("weight")] double Weight,
    [property: JsonPropertyName("share")] double Share);
