using System.Text.Json.Serialization;
using Parley.Core.Models;
using Parley.Core.Models.Exchange;
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
/// <param name="Exchanges">The exchange model's trades of the round that moved an actor on this issue.</param>
public sealed record RoundReport(
    [property: JsonPropertyName("round")] int Round,
    [property: JsonPropertyName("positions")] IReadOnlyDictionary<string, double> Positions,
    [property: JsonPropertyName("mean")] double Mean,
    [property: JsonPropertyName("median_voter")] double MedianVoter,
    [property: JsonPropertyName("risk_exponents"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, double>? RiskExponents,
    [property: JsonPropertyName("win_probabilities"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, double>? WinProbabilities,
    [property: JsonPropertyName("offers"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<OfferReport>? Offers,
    [property: JsonPropertyName("exchanges"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<TradeReport>? Exchanges = null)
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
                o.Kind.ToString().ToLowerInvariant(), labels[o.From], labels[o.To], o.ReceiverUtility, o.ProposerUtility, o.NewPosition, o.Accepted)).ToList(),
            (round.Detail as ExchangeRoundDetail)?.Trades.Select(t => TradeReport.Create(t, labels)).ToList());
    }
}

/// <summary>One trade of the exchange model, seen from the issue it moved (issue linkage).</summary>
/// <param name="Sequence">Its place among the round's realized exchanges (1 = first).</param>
/// <param name="LinkedIssue">The other issue of the trade.</param>
/// <param name="Supplier">The actor that moved on this issue.</param>
/// <param name="Partner">The actor that moved on the linked issue in return.</param>
/// <param name="Move">The supplier's move on this issue.</param>
/// <param name="PartnerMove">The partner's move on the linked issue.</param>
/// <param name="NbsShift">The shift of this issue's NBS the move causes at the vote.</param>
/// <param name="RetainedNbsShift">The part of it that stays into the next round.</param>
/// <param name="Gain">The equal gain of both actors.</param>
public sealed record TradeReport(
    [property: JsonPropertyName("seq")] int Sequence,
    [property: JsonPropertyName("linked_issue")] string LinkedIssue,
    [property: JsonPropertyName("supplier")] string Supplier,
    [property: JsonPropertyName("partner")] string Partner,
    [property: JsonPropertyName("move")] double Move,
    [property: JsonPropertyName("partner_move")] double PartnerMove,
    [property: JsonPropertyName("nbs_shift")] double NbsShift,
    [property: JsonPropertyName("retained_nbs_shift")] double RetainedNbsShift,
    [property: JsonPropertyName("gain")] double Gain)
{
    /// <summary>The report of <paramref name="trade"/>, labelling actors with <paramref name="labels"/>.</summary>
    public static TradeReport Create(IssueTrade trade, IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(trade);
        ArgumentNullException.ThrowIfNull(labels);
        var partnerSide = trade.Exchange.I.SupplyIssueId == trade.LinkedIssueId ? trade.Exchange.I : trade.Exchange.J;
        return new TradeReport(trade.Sequence, trade.LinkedIssueId, labels[trade.SupplierId], labels[trade.PartnerId], trade.Move, partnerSide.Move, trade.NbsShift, trade.RetainedNbsShift, trade.Exchange.Gain);
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
