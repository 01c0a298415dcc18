using System.Globalization;
using Parley.Core.Analysis;
using Parley.Core.Diagnostics;
using Parley.Core.Run;
using Parley.Core.Scenarios;
using Parley.Core.Text;

namespace Parley.Core.Advice;

/// <summary>A progress report of an advice search: issues done of the issues to advise on.</summary>
/// <param name="Done">Issues done.</param>
/// <param name="Total">Issues to advise on.</param>
public sealed record AdviceProgress(int Done, int Total);

/// <summary>
/// Advice for one actor: on each issue, the position to announce and the salience to commit that bring
/// the forecast (the median over the input draws) closest to the actor's ideal (its position as written),
/// found by an exhaustive search of <see cref="AdviceGrid"/> and a refinement around the grid's best; with
/// the expected gain, its robustness over the draws, the next best moves, and whom to persuade. Every move
/// is judged on the same draws (common random numbers, see <see cref="CandidateEvaluator"/>), so the
/// comparisons are fair and no move is favoured by its luck. Ties go to the smaller change from the stance
/// as written. The search is in docs/advice.md. No I/O.
/// </summary>
public static class AdviceSearch
{
    /// <summary>Gains at or below this share of the scale's width count as none (rounding).</summary>
    public const double GainTolerance = 1e-12;

    /// <summary>The most steps across a scale the grid may take.</summary>
    public const int MaxPositionSteps = 1000;

    /// <summary>The problems with <paramref name="request"/>: an unknown actor or issue (with a "did you mean"), no stance to advise on, a bad grid or draw count, or a model that cannot run the scenario. Empty when it can run.</summary>
    public static IReadOnlyList<Diagnostic> Validate(AdviceRequest request)
    {
        Preconditions.NotNull(request, nameof(request));
        var problems = new List<Diagnostic>();
        var scenario = request.Scenario;
        if (request.Draws is < 0 or > ForecastRequest.MaxDraws)
        {
            problems.Add(Diagnostic.Error($"Cannot make {request.Draws} input draws.", expected: $"a number of draws from 0 to {ForecastRequest.MaxDraws}"));
        }

        var grid = request.Grid;
        if (grid.PositionSteps is < 1 or > MaxPositionSteps)
        {
            problems.Add(Diagnostic.Error($"The advice grid cannot take {grid.PositionSteps} steps across the scale.", expected: $"1 to {MaxPositionSteps} steps"));
        }

        if (grid.Saliences.Any(s => !(s >= 0 && s <= 1)))
        {
            problems.Add(Diagnostic.Error("The advice grid's saliences must lie in [0, 1].", expected: "saliences from 0 to 1"));
        }

        if (!(grid.PersuasionShare > 0 && grid.PersuasionShare <= 1))
        {
            problems.Add(Diagnostic.Error($"The advice grid's persuasion share {grid.PersuasionShare.ToString(CultureInfo.InvariantCulture)} is not in (0, 1].", expected: "a share of the scale's width in (0, 1], e.g. 0.1"));
        }

        if (grid.Alternatives < 0)
        {
            problems.Add(Diagnostic.Error("The advice cannot report a negative number of alternatives."));
        }

        var a = scenario.IndexOfActor(request.ActorId);
        if (a < 0)
        {
            var known = scenario.Actors.Select(x => x.Id).ToList();
            problems.Add(Diagnostic.Error($"Unknown actor '{request.ActorId}'.{DidYouMean.Hint(request.ActorId, known)}", actorId: request.ActorId, expected: "one of the actors: " + string.Join(", ", known)));
            return problems;
        }

        var held = Enumerable.Range(0, scenario.Issues.Count).Where(k => scenario.StanceOf(a, k) is not null).Select(k => scenario.Issues[k].Id).ToList();
        if (request.IssueId is { } issueId)
        {
            var k = scenario.IndexOfIssue(issueId);
            if (k < 0)
            {
                var ids = scenario.Issues.Select(i => i.Id).ToList();
                problems.Add(Diagnostic.Error($"Unknown issue '{issueId}'.{DidYouMean.Hint(issueId, ids)}", issueId: issueId, expected: "one of the issues: " + string.Join(", ", ids)));
            }
            else if (scenario.StanceOf(a, k) is null)
            {
                problems.Add(Diagnostic.Error($"Actor '{request.ActorId}' has no stance on issue '{issueId}': there is nothing of its own to move.", actorId: request.ActorId, issueId: issueId,
                    expected: held.Count > 0 ? "an issue it has a stance on: " + string.Join(", ", held) : "a stance added to the scenario"));
            }
        }
        else if (held.Count == 0)
        {
            problems.Add(Diagnostic.Error($"Actor '{request.ActorId}' has no stance on any issue: there is nothing of its own to move.", actorId: request.ActorId));
        }

        if (problems.Count == 0)
        {
            problems.AddRange(request.Model.Check(scenario, request.Options with { Seed = request.Seed }).Where(d => d.Severity == DiagnosticSeverity.Error));
        }

        return problems;
    }

    /// <summary>Searches the moves of <paramref name="request"/>, which must pass <see cref="Validate"/>.</summary>
    public static ActorAdvice Run(AdviceRequest request, IProgress<AdviceProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Preconditions.NotNull(request, nameof(request));
        Preconditions.Check(Validate(request).Count == 0, nameof(request), "The request is invalid; call Validate first.");
        var scenario = request.Scenario;
        var a = scenario.IndexOfActor(request.ActorId);
        var issues = request.IssueId is { } id
            ? [scenario.IndexOfIssue(id)]
            : Enumerable.Range(0, scenario.Issues.Count).Where(k => scenario.StanceOf(a, k) is not null).ToList();
        var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = request.MaxDegreeOfParallelism ?? -1 };
        var advice = new List<IssueAdvice>(issues.Count);
        progress?.Report(new AdviceProgress(0, issues.Count));
        foreach (var k in issues)
        {
            cancellationToken.ThrowIfCancellationRequested();
            advice.Add(Search(request, a, k, parallel, cancellationToken));
            progress?.Report(new AdviceProgress(advice.Count, issues.Count));
        }

        var certain = request.Draws > 0 && new Uncertainty.InputSampler(scenario).IsCertain && !request.Model.Traits.DrawsRandomNumbers;
        return new ActorAdvice(scenario.Actors[a].Id, scenario.Actors[a].Name, request.Model.Name, request.Draws, request.Seed, scenario.SalienceScale, advice, certain);
    }

    /// <summary>
    /// The moves of the grid on an issue of scale <paramref name="scale"/> for an actor at (<paramref name="ideal"/>,
    /// <paramref name="salience"/>) whose stance as written gives the forecast <paramref name="baseForecast"/>:
    /// every position of <see cref="GridPositions"/> × salience of <see cref="GridSaliences"/> but the stance as written, in search order.
    /// </summary>
    public static IReadOnlyList<(double Position, double Salience)> GridMoves(AdviceGrid grid, Scale scale, double ideal, double salience, double baseForecast)
    {
        Preconditions.NotNull(grid, nameof(grid));
        Preconditions.NotNull(scale, nameof(scale));
        var moves = new List<(double, double)>();
        foreach (var p in GridPositions(grid, scale, ideal, baseForecast))
        {
            foreach (var s in GridSaliences(grid, salience))
            {
                if (p != ideal || s != salience)
                {
                    moves.Add((p, s));
                }
            }
        }

        return moves;
    }

    /// <summary>
    /// The grid's positions: the minimum + i·W/steps for i = 0 … steps (the last one the maximum), then the ideal
    /// when it is not among them; of those, only the ones on the ideal's side of <paramref name="baseForecast"/>
    /// (or at it): announcing beyond the forecast, away from the ideal, concedes more than the forecast
    /// already gives. When the forecast is at the ideal, every position.
    /// </summary>
    public static IReadOnlyList<double> GridPositions(AdviceGrid grid, Scale scale, double ideal, double baseForecast)
    {
        Preconditions.NotNull(grid, nameof(grid));
        Preconditions.NotNull(scale, nameof(scale));
        var positions = new List<double>();
        for (var i = 0; i <= grid.PositionSteps; i++)
        {
            positions.Add(i == grid.PositionSteps ? scale.Maximum : scale.Minimum + (scale.Width * i / grid.PositionSteps));
        }

        if (!positions.Contains(ideal))
        {
            positions.Add(ideal);
        }

        return [.. positions.Where(p => OnIdealSide(p, ideal, baseForecast))];
    }

    /// <summary>True when <paramref name="position"/> lies on the ideal's side of the base forecast, or at it.</summary>
    private static bool OnIdealSide(double position, double ideal, double baseForecast) =>
        (position - baseForecast) * (ideal - baseForecast) >= 0;

    /// <summary>The grid's saliences: the one as written, then the grid's others.</summary>
    public static IReadOnlyList<double> GridSaliences(AdviceGrid grid, double salience)
    {
        Preconditions.NotNull(grid, nameof(grid));
        return [salience, .. grid.Saliences.Where(s => s != salience).Distinct()];
    }

    private static IssueAdvice Search(AdviceRequest request, int a, int k, ParallelOptions parallel, CancellationToken cancellationToken)
    {
        var scenario = request.Scenario;
        var issue = scenario.Issues[k];
        var scale = issue.Scale;
        var stance = scenario.StanceOf(a, k)!;
        var (ideal, salience) = (stance.Position, stance.Salience);
        var grid = request.Grid;
        var evaluator = new CandidateEvaluator(scenario, k, a, request.Model, request.Options, request.Draws, request.Seed, parallel);

        // The base case first (the grid's bound depends on its forecast), then the grid and whom to persuade in one batch.
        var baseDraws = evaluator.Evaluate([new Candidate(ideal, salience)], cancellationToken)[0];
        var valid = baseDraws.Select(double.IsFinite).ToArray();
        Preconditions.Check(valid.Any(v => v), nameof(request), "The model could not run any draw of the stance as written.");
        var baseForecast = Median(baseDraws, valid)!.Value;
        var baseDistance = Math.Abs(baseForecast - ideal);
        var judge = new Judge(ideal, baseDistance, baseDraws, valid, request.Draws > 0);
        var moves = GridMoves(grid, scale, ideal, salience, baseForecast);
        var persuaded = new List<(int Actor, double From, double To)>();
        for (var j = 0; j < scenario.Actors.Count; j++)
        {
            if (j == a || scenario.StanceOf(j, k) is not { } other || other.Position == ideal)
            {
                continue;
            }

            var step = Math.Min(Math.Abs(ideal - other.Position), grid.PersuasionShare * scale.Width);
            persuaded.Add((j, other.Position, scale.Clamp(other.Position + (Math.Sign(ideal - other.Position) * step))));
        }

        var batch = new List<Candidate>(moves.Count + persuaded.Count);
        batch.AddRange(moves.Select(m => new Candidate(m.Position, m.Salience)));
        batch.AddRange(persuaded.Select(p => new Candidate(ideal, salience, p.Actor, p.To - p.From)));
        var forecasts = evaluator.Evaluate(batch, cancellationToken);

        var evaluated = new List<(AdviceMove Move, int Order)>();
        var skipped = 0;
        for (var m = 0; m < moves.Count; m++)
        {
            if (judge.Move(moves[m].Position, moves[m].Salience, forecasts[m], false) is { } move)
            {
                evaluated.Add((move, evaluated.Count));
            }
            else
            {
                skipped++;
            }
        }

        // Refinement around the grid's best: half and quarter steps of position, half steps of salience.
        if (evaluated.Count > 0)
        {
            var best = Best(evaluated, ideal, salience, scale);
            var h = scale.Width / grid.PositionSteps;
            var refined = new List<(double Position, double Salience)>();
            foreach (var offset in new[] { -h / 2, -h / 4, h / 4, h / 2 })
            {
                var p = scale.Clamp(best.Position + offset);
                if (OnIdealSide(p, ideal, baseForecast))
                {
                    refined.Add((p, best.Salience));
                }
            }

            var levels = GridSaliences(grid, salience).Order().ToList();
            var at = levels.IndexOf(best.Salience);
            if (at > 0)
            {
                refined.Add((best.Position, (levels[at - 1] + best.Salience) / 2));
            }

            if (at >= 0 && at < levels.Count - 1)
            {
                refined.Add((best.Position, (levels[at + 1] + best.Salience) / 2));
            }

            refined = [.. refined.Distinct().Where(r => (r.Position != ideal || r.Salience != salience) && !moves.Contains(r))];
            var refinedForecasts = evaluator.Evaluate([.. refined.Select(r => new Candidate(r.Position, r.Salience))], cancellationToken);
            for (var r = 0; r < refined.Count; r++)
            {
                if (judge.Move(refined[r].Position, refined[r].Salience, refinedForecasts[r], true) is { } move)
                {
                    evaluated.Add((move, evaluated.Count));
                }
                else
                {
                    skipped++;
                }
            }
        }

        var ranked = evaluated
            .OrderBy(e => e.Move.Distance)
            .ThenBy(e => Change(e.Move, ideal, salience, scale))
            .ThenBy(e => e.Order)
            .Select(e => e.Move)
            .ToList();
        var top = ranked.Count > 0 && ranked[0].Gain > GainTolerance * scale.Width ? ranked[0] : null;
        var persuade = persuaded
            .Select((p, i) => (p, i, Move: judge.Move(ideal, salience, forecasts[moves.Count + i], false)))
            .Where(x => x.Move is not null)
            .OrderByDescending(x => x.Move!.Gain).ThenBy(x => x.i)
            .Select(x => new Persuasion(scenario.Actors[x.p.Actor].Id, x.p.From, x.p.To, x.Move!.Forecast, x.Move.Gain, x.Move.Robustness))
            .ToList();
        return new IssueAdvice(issue.Id, issue.Name, ideal, salience, baseForecast, baseDistance, top,
            Alternatives(ranked, top, ideal, salience, grid.Alternatives, GainTolerance * scale.Width), persuade, evaluated.Count, skipped);
    }

    /// <summary>The best move of <paramref name="evaluated"/>: nearest the ideal, then the smallest change, then the first.</summary>
    private static AdviceMove Best(List<(AdviceMove Move, int Order)> evaluated, double ideal, double salience, Scale scale) =>
        evaluated.OrderBy(e => e.Move.Distance).ThenBy(e => Change(e.Move, ideal, salience, scale)).ThenBy(e => e.Order).First().Move;

    /// <summary>How far a move departs from the stance as written: the position's change as a share of the scale plus the salience's change.</summary>
    private static double Change(AdviceMove move, double ideal, double salience, Scale scale) =>
        (Math.Abs(move.Position - ideal) / scale.Width) + Math.Abs(move.Salience - salience);

    /// <summary>The best move that changes only the position, the best that changes only the salience, then the next best; only moves that help, the best itself left out; nearest the ideal first.</summary>
    private static List<AdviceMove> Alternatives(List<AdviceMove> ranked, AdviceMove? best, double ideal, double salience, int count, double tolerance)
    {
        var others = ranked.Where(m => !ReferenceEquals(m, best) && m.Gain > tolerance).ToList();
        var chosen = new List<AdviceMove>();
        void Add(AdviceMove? move)
        {
            if (move is not null && chosen.Count < count && !chosen.Contains(move))
            {
                chosen.Add(move);
            }
        }

        Add(others.FirstOrDefault(m => m.Salience == salience && m.Position != ideal));
        Add(others.FirstOrDefault(m => m.Position == ideal && m.Salience != salience));
        foreach (var m in others)
        {
            Add(m);
        }

        return [.. chosen.OrderBy(m => m.Distance).ThenBy(ranked.IndexOf)];
    }

    private static double? Median(double[] forecasts, bool[] valid)
    {
        var values = forecasts.Where((_, d) => valid[d]).ToArray();
        if (values.Length == 0 || values.Any(v => !double.IsFinite(v)))
        {
            return null;
        }

        Array.Sort(values);
        return Quantiles.OfSorted(values, 0.5);
    }

    /// <summary>Turns a candidate's forecasts into a move: its median's distance from the ideal, its gain, and how it fares draw by draw against the base case.</summary>
    private sealed class Judge(double ideal, double baseDistance, double[] baseDraws, bool[] valid, bool draws)
    {
        public AdviceMove? Move(double position, double salience, double[] forecasts, bool refined)
        {
            if (Median(forecasts, valid) is not { } median)
            {
                return null;
            }

            var distance = Math.Abs(median - ideal);
            var gain = baseDistance - distance;
            double? robustness = null;
            double? hurts = null;
            if (draws)
            {
                int helps = 0, worse = 0, n = 0;
                for (var d = 0; d < forecasts.Length; d++)
                {
                    if (!valid[d])
                    {
                        continue;
                    }

                    n++;
                    var before = Math.Abs(baseDraws[d] - ideal);
                    var after = Math.Abs(forecasts[d] - ideal);
                    helps += after < before ? 1 : 0;
                    worse += after > before ? 1 : 0;
                }

                robustness = (double)helps / n;
                hurts = (double)worse / n;
            }

            return new AdviceMove(position, salience, median, distance, gain, baseDistance > 0 ? gain / baseDistance : null, robustness, hurts, refined);
        }
    }
}
