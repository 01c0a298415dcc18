using Parley.Core.Models;
using Parley.Core.Models.ExpectedUtility;
using Parley.Core.Scenarios;

namespace Parley.Core.Advice;

/// <summary>What to advise: one actor of a scenario, on one issue or on every issue it holds a stance on, under one model.</summary>
public sealed record AdviceRequest
{
    /// <summary>The model advice uses when none is named: the expected-utility model, whose bargaining makes an announced position and a committed salience matter.</summary>
    public static IForecastModel DefaultModel { get; } = new ExpectedUtilityModel(ExpectedUtilityVariant.Scholz2011);

    /// <summary>Creates a request to advise <paramref name="actorId"/> on <paramref name="scenario"/>.</summary>
    public AdviceRequest(Scenario scenario, string actorId)
    {
        Scenario = Preconditions.NotNull(scenario, nameof(scenario));
        ActorId = Preconditions.NotNull(actorId, nameof(actorId));
    }

    /// <summary>The scenario.</summary>
    public Scenario Scenario { get; init; }

    /// <summary>The actor to advise; its input position on each issue is its ideal.</summary>
    public string ActorId { get; init; }

    /// <summary>The issue to advise on; null for every issue the actor holds a stance on.</summary>
    public string? IssueId { get; init; }

    /// <summary>The model whose forecast the advice moves.</summary>
    public IForecastModel Model { get; init; } = DefaultModel;

    /// <summary>The model's options (rounds, parameters); the seed is replaced by <see cref="Seed"/>.</summary>
    public ModelOptions Options { get; init; } = ModelOptions.Default;

    /// <summary>Input draws: every candidate move is judged by the median forecast over the same draws; 0 judges the point forecast alone.</summary>
    public int Draws { get; init; } = Run.ForecastRequest.DefaultDraws;

    /// <summary>The seed of the input draws (and of models that draw random numbers).</summary>
    public ulong Seed { get; init; } = ModelOptions.DefaultSeed;

    /// <summary>The grid of moves searched.</summary>
    public AdviceGrid Grid { get; init; } = AdviceGrid.Default;

    /// <summary>Most threads to use; null for every core. Results do not depend on it.</summary>
    public int? MaxDegreeOfParallelism { get; init; }
}

/// <summary>
/// The moves advice searches on one issue (docs/advice.md). With W the scale's width and h = W /
/// <see cref="PositionSteps"/>: announced positions at the scale's minimum + i·h (i = 0 … steps) and at the
/// actor's ideal, those on the ideal's side of the base forecast (see <see cref="AdviceSearch.GridPositions"/>); committed saliences at the one as written and each of <see cref="Saliences"/>; every pair
/// of the two is a move of the grid. Then, around the best move of the grid, the refinement tries the
/// positions ± h/2 and ± h/4 (kept on the scale) at its salience, and the saliences halfway to its grid
/// neighbours at its position. Whom to persuade: each other actor's position moved toward the ideal by
/// <see cref="PersuasionShare"/> × W (or all the way, when nearer).
/// </summary>
public sealed record AdviceGrid
{
    /// <summary>The grid searched by default: positions every 10% of the scale, saliences as written and 1, persuasion by 10% of the scale.</summary>
    public static AdviceGrid Default { get; } = new();

    /// <summary>A finer grid: positions every 5% of the scale, saliences as written, 0.25, 0.5, 0.75 and 1 (about four times the work).</summary>
    public static AdviceGrid Fine { get; } = new() { PositionSteps = 20, Saliences = [0.25, 0.5, 0.75, 1] };

    /// <summary>The number of steps across the scale (≥ 1): the grid's positions are the minimum + i·W/steps.</summary>
    public int PositionSteps { get; init; } = 10;

    /// <summary>The committed saliences searched besides the one as written, on 0–1 (each in [0, 1]).</summary>
    public IReadOnlyList<double> Saliences { get; init; } = [1.0];

    /// <summary>How far each other actor is moved toward the ideal to see whom to persuade, as a share of the scale's width (in (0, 1]).</summary>
    public double PersuasionShare { get; init; } = 0.1;

    /// <summary>How many alternatives to the best move are reported.</summary>
    public int Alternatives { get; init; } = 4;
}
