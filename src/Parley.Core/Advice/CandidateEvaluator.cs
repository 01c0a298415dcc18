using Parley.Core.Models;
using Parley.Core.Run;
using Parley.Core.Scenarios;
using Parley.Core.Simulation;
using Parley.Core.Uncertainty;

namespace Parley.Core.Advice;

/// <summary>
/// A stance the advised actor might take on one issue: the position it announces and the salience it
/// commits, with, for whom-to-persuade, another actor's position shifted by <see cref="Shift"/>.
/// </summary>
/// <param name="Position">The advised actor's announced position.</param>
/// <param name="Salience">Its committed salience (0–1).</param>
/// <param name="Persuaded">The scenario index of another actor whose position is shifted; -1 for none.</param>
/// <param name="Shift">The shift of that actor's position, in scale points (its drawn position moves by it, kept on the scale).</param>
internal readonly record struct Candidate(double Position, double Salience, int Persuaded = -1, double Shift = 0);

/// <summary>
/// Judges candidate stances of one actor on one issue with common random numbers: the input draws
/// (<see cref="InputSampler"/>: each input from its own stream of the seed and draw d, exactly as a forecast draws them) are
/// made once, and every candidate runs on the same draws with the actor's announced position and
/// committed salience set to the candidate's — they are the actor's choice, so they are not drawn.
/// Models that draw random numbers get, for draw d, the same model seed as in a forecast. Without
/// draws, or when no input has a spread and the model draws nothing, one run on the inputs as written
/// stands for every draw.
/// </summary>
internal sealed class CandidateEvaluator
{
    private readonly IForecastModel _model;
    private readonly ModelOptions _options;
    private readonly Scenario _scenario;
    private readonly int _issue;
    private readonly int _actor;
    private readonly int _row;
    private readonly int[] _rows;
    private readonly IssueInput[] _inputs;
    private readonly Scenario[] _scenarios;
    private readonly ulong[] _seeds;
    private readonly ParallelOptions _parallel;

    /// <summary>Makes the draws of <paramref name="scenario"/> for judging actor <paramref name="actor"/> on issue <paramref name="issue"/>.</summary>
    public CandidateEvaluator(Scenario scenario, int issue, int actor, IForecastModel model, ModelOptions options, int draws, ulong seed, ParallelOptions parallel)
    {
        _scenario = scenario;
        _issue = issue;
        _actor = actor;
        _model = model;
        _options = options with { KeepPath = false, Offers = OfferRecording.None, Seed = seed };
        _parallel = parallel;
        var compiled = scenario.Compile(issue);
        _row = Array.IndexOf(compiled.ActorIds, scenario.Actors[actor].Id);
        Preconditions.Check(_row >= 0, nameof(actor), "The advised actor has no stance on the issue.");
        _rows = [.. scenario.Actors.Select(a => Array.IndexOf(compiled.ActorIds, a.Id))];
        var sampler = new InputSampler(scenario);
        var replicated = draws == 0 || (sampler.IsCertain && !model.Traits.DrawsRandomNumbers);
        var count = replicated ? 1 : draws;
        _inputs = new IssueInput[count];
        _scenarios = new Scenario[count];
        _seeds = new ulong[count];
        for (var d = 0; d < count; d++)
        {
            if (replicated)
            {
                _inputs[d] = compiled;
                _scenarios[d] = scenario;
                _seeds[d] = seed;
            }
            else
            {
                var draw = sampler.Draw(seed, d);
                _inputs[d] = draw.Issue(issue);
                _scenarios[d] = model is IssueModel ? scenario : draw.ToScenario();
                _seeds[d] = model.Traits.DrawsRandomNumbers ? new SeededRandom(seed ^ DrawRunner.ModelSeedSalt, (ulong)d).NextUInt64() : seed;
            }
        }
    }

    /// <summary>The number of runs that stand for the draws (1 when one run stands for all).</summary>
    public int Runs => _inputs.Length;

    /// <summary>The forecast of the issue for each candidate on each draw: [candidate][draw], NaN where the model could not run it.</summary>
    public double[][] Evaluate(IReadOnlyList<Candidate> candidates, CancellationToken cancellationToken)
    {
        var runs = Runs;
        var result = new double[candidates.Count][];
        for (var c = 0; c < result.Length; c++)
        {
            result[c] = new double[runs];
        }

        var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = _parallel.MaxDegreeOfParallelism };
        Parallel.For(0, candidates.Count * runs, parallel, t =>
        {
            var c = t / runs;
            var d = t % runs;
            result[c][d] = Forecast(candidates[c], d, cancellationToken) ?? double.NaN;
        });
        return result;
    }

    private double? Forecast(Candidate candidate, int d, CancellationToken cancellationToken)
    {
        var options = _model.Traits.DrawsRandomNumbers ? _options with { Seed = _seeds[d] } : _options;
        if (_model is IssueModel issueModel)
        {
            var input = _inputs[d];
            var positions = (double[])input.Positions.Clone();
            var saliences = (double[])input.Saliences.Clone();
            positions[_row] = candidate.Position;
            saliences[_row] = candidate.Salience;
            if (candidate.Persuaded >= 0)
            {
                var j = _rows[candidate.Persuaded];
                positions[j] = _scenario.Issues[_issue].Scale.Clamp(positions[j] + candidate.Shift);
            }

            return ModelRuns.TryForecast(issueModel, new IssueInput(input.IssueId, input.ActorIds, input.ActorNames, positions, input.Capabilities, saliences), options, cancellationToken);
        }

        var scenario = With(_scenarios[d], candidate);
        var forecasts = new double[scenario.Issues.Count];
        return ModelRuns.TryForecast(_model, scenario, options, forecasts, out _, cancellationToken) ? forecasts[_issue] : null;
    }

    /// <summary>A copy of <paramref name="scenario"/> with the candidate's stances (for models that run every issue together).</summary>
    private Scenario With(Scenario scenario, Candidate candidate)
    {
        var stances = scenario.Stances.ToArray();
        var issueId = scenario.Issues[_issue].Id;
        var own = Array.FindIndex(stances, s => s.ActorId == scenario.Actors[_actor].Id && s.IssueId == issueId);
        stances[own] = stances[own] with { Position = candidate.Position, Salience = candidate.Salience };
        if (candidate.Persuaded >= 0)
        {
            var other = Array.FindIndex(stances, s => s.ActorId == scenario.Actors[candidate.Persuaded].Id && s.IssueId == issueId);
            stances[other] = stances[other] with { Position = scenario.Issues[_issue].Scale.Clamp(stances[other].Position + candidate.Shift) };
        }

        return scenario.WithInputs(scenario.Actors, stances);
    }
}
