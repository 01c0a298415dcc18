using System.Text.Json.Serialization;
using Parley.Core.Models;
using Parley.Core.Scenarios;

namespace Parley.Formats.Results;

/// <summary>
/// The serialisable form of a forecast: per issue and model, the forecast and every round's
/// positions keyed by actor name. This is Parley's JSON contract (see docs/output.md).
/// </summary>
/// <param name="Scenario">The scenario's title.</param>
/// <param name="Seed">The seed the run drew from; null when no model drew a random number.</param>
/// <param name="Notes">Notes on how the input was read.</param>
/// <param name="Issues">One entry per issue, in scenario order.</param>
public sealed record ForecastReport(
    [property: JsonPropertyName("scenario")] string Scenario,
    [property: JsonPropertyName("seed"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ulong? Seed,
    [property: JsonPropertyName("notes")] IReadOnlyList<string> Notes,
    [property: JsonPropertyName("issues")] IReadOnlyList<IssueReport> Issues)
{
    /// <summary>The version of Parley that produced the report (<see cref="Core.ParleyVersion.Current"/>).</summary>
    [JsonPropertyName("parley_version"), JsonPropertyOrder(-1)]
    public string ParleyVersion { get; init; } = Core.ParleyVersion.Current;

    /// <summary>Builds the report of <paramref name="results"/> (one per model) on <paramref name="scenario"/>.</summary>
    public static ForecastReport Create(Scenario scenario, IReadOnlyList<ModelResult> results, ulong seed, IReadOnlyList<string>? notes = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(results);
        var labels = ActorLabels(scenario);
        var issues = new List<IssueReport>();
        for (var k = 0; k < scenario.Issues.Count; k++)
        {
            var issue = scenario.Issues[k];
            var models = new Dictionary<string, ModelIssueReport>(StringComparer.Ordinal);
            foreach (var result in results)
            {
                var r = result.Issues.First(x => x.IssueId == issue.Id);
                models[result.Model] = new ModelIssueReport(
                    r.Forecast,
                    r.Note,
                    r.Rounds.Select(round => RoundReport.Create(round, r.ActorIds, labels)).ToList());
            }

            issues.Add(new IssueReport(issue.Id, issue.Name, issue.Scale.Minimum, issue.Scale.Maximum, models));
        }

        return new ForecastReport(scenario.Title, results.Any(r => r.Seed is not null) ? seed : null, notes ?? [], issues);
    }

    /// <summary>Actor id → the label used in output: the name, or "name (id)" when two actors share a name.</summary>
    public static IReadOnlyDictionary<string, string> ActorLabels(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var shared = scenario.Actors.GroupBy(a => a.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        return scenario.Actors.ToDictionary(a => a.Id, a => shared.Contains(a.Name) ? $"{a.Name} ({a.Id})" : a.Name, StringComparer.Ordinal);
    }
}

/// <summary>One issue of a report.</summary>
/// <param name="Id">Issue id.</param>
/// <param name="Name">Issue name.</param>
/// <param name="Minimum">Lowest point of the scale.</param>
/// <param name="Maximum">Highest point of the scale.</param>
/// <param name="Models">Model name → its forecast and path on this issue.</param>
public sealed record IssueReport(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("min")] double Minimum,
    [property: JsonPropertyName("max")] double Maximum,
    [property: JsonPropertyName("models")] IReadOnlyDictionary<string, ModelIssueReport> Models);

/// <summary>One model's forecast and path on one issue.</summary>
/// <param name="Forecast">The forecast outcome.</param>
/// <param name="Note">Why the run stopped, or anything else to know; null when nothing.</param>
/// <param name="Rounds">Round 0 is the input; item k the state after round k.</param>
public sealed record ModelIssueReport(
    [property: JsonPropertyName("forecast")] double Forecast,
    [property: JsonPropertyName("note"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Note,
    [property: JsonPropertyName("rounds")] IReadOnlyList<RoundReport> Rounds);

/// <summary>The state of an issue after one round.</summary>
/// <param name="Round">The round number (0 = input).</param>
/// <param name="Positions">Actor name → position after the round.</param>
/// <param name="Mean">Capability × salience weighted mean.</param>
/// <param name="MedianVoter">Weighted median-voter position.</param>
/// <param name="RiskExponents">Actor name → risk exponent used in the round, for models that have them.</param>
/// <param name="WinProbabilities">Actor name → probability of winning, for models that compute it.</param>
/// <param name="Offers">Offers made in the round, for models that make them.</param>
public sealed record RoundReport(
    [property: JsonPropertyName("round")] int Round,
    [property: JsonPropertyName("positions")] IReadOnlyDictionary<string, double> Positions,
    [property: JsonPropertyName("mean")] double Mean,
    [property: JsonPropertyName("median_voter")] double MedianVoter,
    [property: JsonPropertyName("risk_exponents"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, double>? RiskExponents,
    [property: JsonPropertyName("win_probabilities"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, double>? WinProbabilities,
    [property: JsonPropertyName("offers"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<OfferReport>? Offers)
{
    /// <summary>Builds the report of <paramref name="round"/>, labelling actors with <paramref name="labels"/>.</summary>
    public static RoundReport Create(RoundState round, IReadOnlyList<string> actorIds, IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(actorIds);
        ArgumentNullException.ThrowIfNull(labels);
        Dictionary<string, double>? ByActor(IReadOnlyList<double>? values)
        {
            if (values is null)
            {
                return null;
            }

            var map = new Dictionary<string, double>(StringComparer.Ordinal);
            for (var i = 0; i < actorIds.Count; i++)
            {
                map[labels[actorIds[i]]] = values[i];
            }

            return map;
        }

        return new RoundReport(
            round.Round,
            ByActor(round.Positions)!,
            round.Mean,
            round.MedianVoter,
            ByActor(round.RiskExponents),
            ByActor(round.WinProbabilities),
            round.Offers?.Select(o => new OfferReport(
                o.Kind.ToString().ToLowerInvariant(), labels[o.From], labels[o.To], o.ReceiverUtility, o.ProposerUtility, o.NewPosition, o.Accepted)).ToList());
    }
}

/// <summary>An offer in a round of the expected-utility model.</summary>
/// <param name="Type">confrontation, compromise or capitulation.</param>
/// <param name="From">The actor making the offer.</param>
/// <param name="To">The actor receiving it.</param>
/// <param name="ReceiverUtility">a = EU_to(to→from), seen by the receiver.</param>
/// <param name="ProposerUtility">b = EU_to(from→to), seen by the receiver.</param>
/// <param name="NewPosition">Where the receiver would move.</param>
/// <param name="Accepted">True when the receiver took this offer.</param>
public sealed record OfferReport(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("from")] string From,
    [property: JsonPropertyName("to")] string To,
    [property: JsonPropertyName("eu_receiver")] double ReceiverUtility,
    [property: JsonPropertyName("eu_proposer")] double ProposerUtility,
    [property: JsonPropertyName("new_position")] double NewPosition,
    [property: JsonPropertyName("accepted")] bool Accepted);
