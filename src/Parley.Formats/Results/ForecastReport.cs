using System.Text.Json.Serialization;
using Parley.Core.Analysis;
using Parley.Core.Models;
using Parley.Core.Models.Exchange;
using Parley.Core.Models.Ktab;
using Parley.Core.Run;

namespace Parley.Formats.Results;

/// <summary>
/// The serialisable form of a forecast run: Parley's JSON contract (docs/output.md). Actors are keyed
/// by id everywhere (ids are unique; <see cref="Actors"/> gives each id's name).
/// </summary>
/// <param name="ParleyVersion">The version of Parley that made the run.</param>
/// <param name="Scenario">The scenario's title.</param>
/// <param name="Seed">The seed of every random number of the run.</param>
/// <param name="Draws">The number of input draws (0: point forecasts only).</param>
/// <param name="Calibration">Where the forecast intervals' residuals come from; null when no model has a forecast interval.</param>
/// <param name="Notes">How the input was read, and every flag of the run.</param>
/// <param name="FailedModels">The models that could not run the scenario, with why.</param>
/// <param name="Actors">Actor id → name.</param>
/// <param name="Issues">One entry per issue, in scenario order.</param>
public sealed record ForecastReport(
    [property: JsonPropertyName("parley_version")] string ParleyVersion,
    [property: JsonPropertyName("scenario")] string Scenario,
    [property: JsonPropertyName("seed")] ulong Seed,
    [property: JsonPropertyName("draws")] int Draws,
    [property: JsonPropertyName("calibration"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Calibration,
    [property: JsonPropertyName("notes")] IReadOnlyList<NoteReport> Notes,
    [property: JsonPropertyName("failed_models")] IReadOnlyList<FailedModelReport> FailedModels,
    [property: JsonPropertyName("actors")] IReadOnlyDictionary<string, string> Actors,
    [property: JsonPropertyName("issues")] IReadOnlyList<IssueReport> Issues)
{
    /// <summary>Builds the report of <paramref name="outcome"/>; <paramref name="inputNotes"/> say how the file was read.</summary>
    public static ForecastReport Create(ForecastOutcome outcome, IReadOnlyList<string>? inputNotes = null)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var scenario = outcome.Scenario;
        var notes = new List<NoteReport>();
        notes.AddRange((inputNotes ?? []).Select(n => new NoteReport("input", null, null, n)));
        notes.AddRange(outcome.Flags.Select(NoteReport.Of));
        var issues = new List<IssueReport>();
        for (var k = 0; k < scenario.Issues.Count; k++)
        {
            var issue = scenario.Issues[k];
            var models = new Dictionary<string, ModelIssueReport>(StringComparer.Ordinal);
            foreach (var model in outcome.Succeeded)
            {
                models[model.Model] = ModelIssueReport.Create(model.Result!.Issues[k], model.Issues[k]);
            }

            issues.Add(new IssueReport(
                issue.Id,
                issue.Name,
                issue.Scale.Minimum,
                issue.Scale.Maximum,
                [.. issue.Scale.Anchors.Select(a => new AnchorReport(a.Value, a.Label))],
                models));
        }

        return new ForecastReport(
            Core.ParleyVersion.Current,
            scenario.Title,
            outcome.Seed,
            outcome.Draws,
            outcome.CalibrationSource,
            notes,
            [.. outcome.Failed.Select(m => new FailedModelReport(m.Model, [.. m.Problems.Select(p => p.ToString())]))],
            scenario.Actors.ToDictionary(a => a.Id, a => a.Name, StringComparer.Ordinal),
            issues);
    }
}

/// <summary>A note on the run: how the input was read (<c>input</c>), or a flag (<c>models_disagree</c>, <c>cycles</c>, <c>round_limit</c>, <c>still_moving</c>, <c>draws_failed</c>).</summary>
/// <param name="Kind">What the note is about.</param>
/// <param name="Issue">The issue, when it concerns one.</param>
/// <param name="Model">The model, when it concerns one.</param>
/// <param name="Message">The note in words.</param>
public sealed record NoteReport(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("issue"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Issue,
    [property: JsonPropertyName("model"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Model,
    [property: JsonPropertyName("message")] string Message)
{
    /// <summary>The note of a flag.</summary>
    public static NoteReport Of(ForecastFlag flag)
    {
        ArgumentNullException.ThrowIfNull(flag);
        return new NoteReport(FlagName(flag.Kind), flag.IssueId, flag.Model, flag.Message);
    }

    /// <summary>The JSON name of a flag kind, e.g. <c>models_disagree</c>.</summary>
    public static string FlagName(FlagKind kind) => kind switch
    {
        FlagKind.ModelsDisagree => "models_disagree",
        FlagKind.Cycles => "cycles",
        FlagKind.RoundLimit => "round_limit",
        FlagKind.StillMoving => "still_moving",
        _ => "draws_failed",
    };
}

/// <summary>A model that could not run the scenario.</summary>
/// <param name="Model">The model.</param>
/// <param name="Problems">Why, one diagnostic per line.</param>
public sealed record FailedModelReport(
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("problems")] IReadOnlyList<string> Problems);

/// <summary>A named point of a scale.</summary>
/// <param name="Value">Where it sits.</param>
/// <param name="Label">What it means.</param>
public sealed record AnchorReport([property: JsonPropertyName("value")] double Value, [property: JsonPropertyName("label")] string Label);

/// <summary>One issue of a report.</summary>
/// <param name="Id">Issue id.</param>
/// <param name="Name">Issue name.</param>
/// <param name="Minimum">Lowest point of the scale.</param>
/// <param name="Maximum">Highest point of the scale.</param>
/// <param name="Anchors">The scale's named points.</param>
/// <param name="Models">Model name → its forecast, analysis and path on this issue.</param>
public sealed record IssueReport(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("min")] double Minimum,
    [property: JsonPropertyName("max")] double Maximum,
    [property: JsonPropertyName("anchors")] IReadOnlyList<AnchorReport> Anchors,
    [property: JsonPropertyName("models")] IReadOnlyDictionary<string, ModelIssueReport> Models);

/// <summary>One model's forecast, its analysis and its path on one issue.</summary>
/// <param name="Forecast">The point forecast (the model on the inputs as written).</param>
/// <param name="Median">The median forecast over the input draws; null without draws.</param>
/// <param name="Interval">The calibrated forecast interval: level ("50", "80", "95") → [low, high]; null without draws or calibration.</param>
/// <param name="Sensitivity">The spread of the forecast over the input draws, same shape; null without draws.</param>
/// <param name="Histogram">The forecasts over the draws in equal bins across the scale; null without draws.</param>
/// <param name="Bands">The probability of each stretch between adjacent anchors.</param>
/// <param name="Drivers">The inputs that move the forecast most, largest swing first.</param>
/// <param name="Shares">Actor id → share of the outcome, for weighted-mean models.</param>
/// <param name="Reading">The forecast in the scale's words.</param>
/// <param name="Flags">The kinds of the flags on this forecast (details in the report's notes).</param>
/// <param name="Stop">Why the run ended: static, fixed_rounds, converged, round_limit or unanimous.</param>
/// <param name="Note">Why the run stopped, or anything else to know; null when nothing.</param>
/// <param name="Rounds">Round 0 is the input; item k the state after round k.</param>
/// <param name="Breakdown">For a model with a breakdown step (<c>MODEL+veto</c>): how likely the deal breaks down; null (absent) for other models.</param>
public sealed record ModelIssueReport(
    [property: JsonPropertyName("forecast")] double Forecast,
    [property: JsonPropertyName("median"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Median,
    [property: JsonPropertyName("interval"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, double[]>? Interval,
    [property: JsonPropertyName("sensitivity"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, double[]>? Sensitivity,
    [property: JsonPropertyName("histogram"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] HistogramReport? Histogram,
    [property: JsonPropertyName("bands")] IReadOnlyList<BandReport> Bands,
    [property: JsonPropertyName("drivers")] IReadOnlyList<DriverReport> Drivers,
    [property: JsonPropertyName("shares"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, double>? Shares,
    [property: JsonPropertyName("reading")] string Reading,
    [property: JsonPropertyName("flags")] IReadOnlyList<string> Flags,
    [property: JsonPropertyName("stop")] string Stop,
    [property: JsonPropertyName("note"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Note,
    [property: JsonPropertyName("rounds")] IReadOnlyList<RoundReport> Rounds,
    [property: JsonPropertyName("breakdown"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] BreakdownReport? Breakdown = null)
{
    /// <summary>Builds the entry from a model's run on the issue and its analysis.</summary>
    public static ModelIssueReport Create(IssueResult result, IssueForecast forecast)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(forecast);
        return new ModelIssueReport(
            forecast.Forecast,
            forecast.Sensitivity?.Median,
            Intervals(forecast.Interval),
            Intervals(forecast.Sensitivity?.Intervals),
            forecast.Sensitivity is { } s ? new HistogramReport(s.Histogram.Minimum, s.Histogram.Maximum, s.Histogram.Counts) : null,
            [.. forecast.Bands.Select(b => new BandReport(b.From, b.To, b.FromLabel, b.ToLabel, b.Probability))],
            [.. forecast.Drivers.Select(DriverReport.Of)],
            forecast.Shares?.ToDictionary(a => a.ActorId, a => a.Share, StringComparer.Ordinal),
            forecast.Reading,
            [.. forecast.Flags.Select(f => NoteReport.FlagName(f.Kind)).Distinct()],
            StopName(result.Stop),
            result.Note,
            [.. result.Rounds.Select(r => RoundReport.Create(r, result.ActorIds, [.. result.ShocksAfter(r.Round)]))],
            forecast.Breakdown is { } b ? BreakdownReport.Of(b) : null);
    }

    /// <summary>The JSON name of a stop reason.</summary>
    public static string StopName(StopReason stop) => stop switch
    {
        StopReason.Static => "static",
        StopReason.FixedRounds => "fixed_rounds",
        StopReason.Converged => "converged",
        StopReason.RoundLimit => "round_limit",
        _ => "unanimous",
    };

    private static Dictionary<string, double[]>? Intervals(IReadOnlyList<Interval>? intervals) =>
        intervals?.ToDictionary(i => i.Percent.ToString(System.Globalization.CultureInfo.InvariantCulture), i => new[] { i.Low, i.High }, StringComparer.Ordinal);
}

/// <summary>How likely the deal on an issue breaks down under a model's breakdown step (docs/models/breakdown.md).</summary>
/// <param name="Possible">False when the issue cannot break down; <paramref name="Note"/> says why.</param>
/// <param name="Probability">The share of the input draws in which a veto player blocks the deal (0 when it cannot break down); null without draws.</param>
/// <param name="Blocked">True when a veto player blocks the deal on the inputs as written (then <c>forecast</c> is the status quo).</param>
/// <param name="Deal">The wrapped model's forecast on the inputs as written: the deal the veto players judge.</param>
/// <param name="StatusQuo">The issue's status quo; null when it states none.</param>
/// <param name="Blockers">Who blocks on the inputs as written (actor ids).</param>
/// <param name="BlockerShares">Veto player (actor id) → share of the draws in which it blocks; null without draws or when the issue cannot break down.</param>
/// <param name="Note">Why the issue cannot break down; null when it can.</param>
public sealed record BreakdownReport(
    [property: JsonPropertyName("possible")] bool Possible,
    [property: JsonPropertyName("probability")] double? Probability,
    [property: JsonPropertyName("blocked")] bool Blocked,
    [property: JsonPropertyName("deal")] double Deal,
    [property: JsonPropertyName("status_quo")] double? StatusQuo,
    [property: JsonPropertyName("blockers")] IReadOnlyList<string> Blockers,
    [property: JsonPropertyName("blocker_shares"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, double>? BlockerShares,
    [property: JsonPropertyName("note"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Note)
{
    /// <summary>The report of <paramref name="breakdown"/>.</summary>
    public static BreakdownReport Of(BreakdownForecast breakdown)
    {
        ArgumentNullException.ThrowIfNull(breakdown);
        return new BreakdownReport(
            breakdown.Possible,
            breakdown.Probability,
            breakdown.Blocked,
            breakdown.Deal,
            breakdown.StatusQuo,
            breakdown.Blockers,
            breakdown.BlockerShares.Count > 0 ? breakdown.BlockerShares.ToDictionary(a => a.ActorId, a => a.Share, StringComparer.Ordinal) : null,
            breakdown.Reason);
    }
}

/// <summary>Forecasts over the draws counted in equal bins.</summary>
/// <param name="Minimum">Lower edge of the first bin.</param>
/// <param name="Maximum">Upper edge of the last bin.</param>
/// <param name="Counts">Draws per bin.</param>
public sealed record HistogramReport(
    [property: JsonPropertyName("min")] double Minimum,
    [property: JsonPropertyName("max")] double Maximum,
    [property: JsonPropertyName("counts")] IReadOnlyList<int> Counts);

/// <summary>The probability of the outcome falling between two adjacent anchors.</summary>
/// <param name="From">Lower edge.</param>
/// <param name="To">Upper edge.</param>
/// <param name="FromLabel">Anchor label at the lower edge, or null at a bare end.</param>
/// <param name="ToLabel">Anchor label at the upper edge, or null at a bare end.</param>
/// <param name="Probability">The probability.</param>
public sealed record BandReport(
    [property: JsonPropertyName("from")] double From,
    [property: JsonPropertyName("to")] double To,
    [property: JsonPropertyName("from_label")] string? FromLabel,
    [property: JsonPropertyName("to_label")] string? ToLabel,
    [property: JsonPropertyName("probability")] double Probability);

/// <summary>One input that moves a forecast.</summary>
/// <param name="Actor">The actor's id.</param>
/// <param name="Input">position, salience or capability.</param>
/// <param name="Low">The input moved down.</param>
/// <param name="High">The input moved up.</param>
/// <param name="ForecastAtLow">The forecast with the input at <paramref name="Low"/>.</param>
/// <param name="ForecastAtHigh">The forecast with the input at <paramref name="High"/>.</param>
/// <param name="Effect">The swing of the forecast from low to high, in scale points.</param>
public sealed record DriverReport(
    [property: JsonPropertyName("actor")] string Actor,
    [property: JsonPropertyName("input")] string Input,
    [property: JsonPropertyName("low")] double Low,
    [property: JsonPropertyName("high")] double High,
    [property: JsonPropertyName("forecast_at_low")] double ForecastAtLow,
    [property: JsonPropertyName("forecast_at_high")] double ForecastAtHigh,
    [property: JsonPropertyName("effect")] double Effect)
{
    /// <summary>The report of <paramref name="driver"/>.</summary>
    public static DriverReport Of(Driver driver)
    {
        ArgumentNullException.ThrowIfNull(driver);
        return new DriverReport(driver.ActorId, driver.Input.ToString().ToLowerInvariant(), driver.Low, driver.High, driver.ForecastAtLow, driver.ForecastAtHigh, driver.Effect);
    }
}

/// <summary>The state of an issue after one round.</summary>
/// <param name="Round">The round number (0 = input).</param>
/// <param name="Positions">Actor id → position after the round.</param>
/// <param name="Mean">Capability × salience weighted mean.</param>
/// <param name="MedianVoter">Weighted median-voter position.</param>
/// <param name="RiskExponents">Actor id → risk exponent used in the round (expected-utility models) or risk attitude (ktab-smp).</param>
/// <param name="WinProbabilities">Actor id → probability of winning (ktab-smp).</param>
/// <param name="Offers">Offers made in the round (expected-utility models).</param>
/// <param name="Exchanges">The trades of the round that moved an actor on this issue (exchange model).</param>
/// <param name="Shocks">The timed edits that struck after this round (the positions are the edited ones); null when none.</param>
/// <param name="Absent">The actors a timed drop has taken out of the bargaining (expected-utility models); null when none.</param>
public sealed record RoundReport(
    [property: JsonPropertyName("round")] int Round,
    [property: JsonPropertyName("positions")] IReadOnlyDictionary<string, double> Positions,
    [property: JsonPropertyName("mean")] double Mean,
    [property: JsonPropertyName("median_voter")] double MedianVoter,
    [property: JsonPropertyName("risk_exponents"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, double>? RiskExponents,
    [property: JsonPropertyName("win_probabilities"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, double>? WinProbabilities,
    [property: JsonPropertyName("offers"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<OfferReport>? Offers,
    [property: JsonPropertyName("exchanges"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<TradeReport>? Exchanges = null,
    [property: JsonPropertyName("shocks"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Shocks = null,
    [property: JsonPropertyName("absent"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Absent = null)
{
    /// <summary>
    /// Builds the report of <paramref name="round"/> for the actors <paramref name="actorIds"/> (in the
    /// round's order), with the timed edits that struck after it (<paramref name="shocks"/>, may be empty).
    /// </summary>
    public static RoundReport Create(RoundState round, IReadOnlyList<string> actorIds, IReadOnlyList<string>? shocks = null)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(actorIds);
        var absent = (round.Detail as ExpectedUtilityRound)?.Absent;
        Dictionary<string, double>? ByActor(IReadOnlyList<double>? values, bool present = false)
        {
            if (values is null)
            {
                return null;
            }

            var map = new Dictionary<string, double>(StringComparer.Ordinal);
            for (var i = 0; i < actorIds.Count; i++)
            {
                if (!present || absent is null || !absent.Contains(actorIds[i]))
                {
                    map[actorIds[i]] = values[i];
                }
            }

            return map;
        }

        var (risk, win, offers) = round.Detail switch
        {
            ExpectedUtilityRound eu => (eu.RiskExponents, null, eu.Offers),
            KtabRound kt => (kt.RiskAttitudes, kt.WinProbabilities, (IReadOnlyList<Offer>?)null),
            _ => ((IReadOnlyList<double>?)null, (IReadOnlyList<double>?)null, (IReadOnlyList<Offer>?)null),
        };
        return new RoundReport(
            round.Round,
            ByActor(round.Positions)!,
            round.Mean,
            round.MedianVoter,
            ByActor(risk, present: true),
            ByActor(win),
            offers?.Select(o => new OfferReport(o.Kind.ToString().ToLowerInvariant(), o.From, o.To, o.ReceiverUtility, o.ProposerUtility, o.NewPosition, o.Accepted)).ToList(),
            (round.Detail as ExchangeRoundDetail)?.Trades.Select(TradeReport.Create).ToList(),
            shocks is { Count: > 0 } ? shocks : null,
            absent is { Count: > 0 } ? absent : null);
    }
}

/// <summary>One trade of the exchange model, seen from the issue it moved (issue linkage).</summary>
/// <param name="Sequence">Its place among the round's realized exchanges (1 = first).</param>
/// <param name="LinkedIssue">The other issue of the trade.</param>
/// <param name="Supplier">The id of the actor that moved on this issue.</param>
/// <param name="Partner">The id of the actor that moved on the linked issue in return.</param>
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
    /// <summary>The report of <paramref name="trade"/>.</summary>
    public static TradeReport Create(IssueTrade trade)
    {
        ArgumentNullException.ThrowIfNull(trade);
        var partnerSide = trade.Exchange.I.SupplyIssueId == trade.LinkedIssueId ? trade.Exchange.I : trade.Exchange.J;
        return new TradeReport(trade.Sequence, trade.LinkedIssueId, trade.SupplierId, trade.PartnerId, trade.Move, partnerSide.Move, trade.NbsShift, trade.RetainedNbsShift, trade.Exchange.Gain);
    }
}

/// <summary>An offer in a round of the expected-utility model.</summary>
/// <param name="Type">confrontation, compromise or capitulation.</param>
/// <param name="From">The id of the actor making the offer.</param>
/// <param name="To">The id of the actor receiving it.</param>
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
