using System.Numerics;
using Parley.Core.Diagnostics;
using Parley.Core.Scenarios;

namespace Parley.Core.Models.Exchange;

/// <summary>
/// Stokman's exchange model (Equal Gain; Stokman &amp; Van Oosten 1994), run on all issues of a
/// scenario together: actors trade voting positions across pairs of issues. The forecast of an
/// issue is its Nash bargaining solution Σcsx / Σcs after the last round. A thin adapter over
/// <see cref="ExchangeEngine{T}"/>; docs/models/exchange.md describes the model as implemented.
/// </summary>
public sealed class ExchangeModel : IForecastModel
{
    /// <summary>The model's name.</summary>
    public const string ModelName = "exchange";

    /// <summary>The number of rounds when <see cref="ModelOptions.Rounds"/> does not say (the reference's <c>--iterations</c> default).</summary>
    public const int DefaultRounds = 10;

    /// <inheritdoc />
    public string Name => ModelName;

    /// <inheritdoc />
    public string Description => "Stokman's exchange model (Equal Gain): pairs of actors trade voting positions across pairs of issues, all issues together; forecast = NBS after the last round.";

    /// <inheritdoc />
    public string Source => "Stokman & Van Oosten (1994); clean-room re-implementation of decide-exchange-model 2025.3.1 from data/exchange/EXCHANGE-SPEC.md.";

    /// <inheritdoc />
    public ModelTraits Traits { get; } = new(Iterative: true, JointIssues: true, DrawsRandomNumbers: false);

    /// <summary>The largest capability the model takes: sums of capability × salience × position must stay finite in doubles.</summary>
    public const double MaxCapability = 1e100;

    /// <summary>
    /// The problems that keep the model from running <paramref name="scenario"/>: it needs an issue,
    /// on every issue at least one stance with salience and capability above 0 (stances of weight 0
    /// take no part, since the model divides by them), capabilities up to <see cref="MaxCapability"/>,
    /// scales wide enough to map onto 0–100, and 1 to <see cref="ModelOptions.MaxRounds"/> rounds.
    /// </summary>
    public IReadOnlyList<Diagnostic> Check(Scenario scenario, ModelOptions options)
    {
        Preconditions.NotNull(scenario, nameof(scenario));
        Preconditions.NotNull(options, nameof(options));
        var problems = new List<Diagnostic>();
        if (options.Rounds is { } rounds && (rounds < 1 || rounds > ModelOptions.MaxRounds))
        {
            problems.Add(Diagnostic.Error($"Model '{Name}' cannot run {rounds} rounds.", expected: $"a number of rounds from 1 to {ModelOptions.MaxRounds}"));
        }

        if (scenario.Issues.Count == 0)
        {
            problems.Add(Diagnostic.Error("The scenario has no issue.", expected: "at least one issue"));
        }

        if (options.Shocks is { IsEmpty: false } shocks)
        {
            problems.Add(Diagnostic.Error(
                $"Model '{Name}' cannot take timed edits ({string.Join(", ", shocks.Edits.Select(e => $"'{e.Text}'"))}): its rounds of exchanges have no place for an edit to strike.",
                expected: "edits before the run (without @N), or an expected-utility model or ktab-smp for a timed edit"));
        }

        foreach (var actor in scenario.Actors)
        {
            var largest = scenario.Issues.Select(i => actor.CapabilityOn(i.Id)).DefaultIfEmpty(actor.Capability).Max();
            if (largest > MaxCapability)
            {
                problems.Add(Diagnostic.Error(
                    $"Actor '{actor.Id}' has a capability of {largest:G3}; the exchange model takes capabilities up to {MaxCapability:G1}.",
                    actorId: actor.Id,
                    expected: "capabilities rescaled to at most 1e100 (only their ratios matter)"));
            }
        }

        for (var k = 0; k < scenario.Issues.Count; k++)
        {
            var id = scenario.Issues[k].Id;
            var scale = scenario.Issues[k].Scale;
            if (!double.IsFinite(100 / (scale.Maximum - scale.Minimum)) || !double.IsFinite(scale.Maximum - scale.Minimum))
            {
                problems.Add(Diagnostic.Error(
                    $"Issue '{id}' has a scale from {scale.Minimum:G6} to {scale.Maximum:G6}, which cannot be mapped onto 0–100 in doubles.",
                    issueId: id,
                    expected: "a scale whose width is a normal double, e.g. 0–100"));
            }

            var weighted = Enumerable.Range(0, scenario.Actors.Count)
                .Any(a => scenario.StanceOf(a, k) is { Salience: > 0 } && scenario.Actors[a].CapabilityOn(id) > 0);
            if (!weighted)
            {
                problems.Add(Diagnostic.Error(
                    $"Issue '{id}' has no stance with salience and capability above 0, so it has no Nash bargaining solution.",
                    issueId: id,
                    expected: "at least one actor with a salience > 0 and a capability > 0 on every issue"));
            }
        }

        return problems;
    }

    /// <inheritdoc />
    public ModelResult Run(Scenario scenario, ModelOptions options, IProgress<ModelProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Preconditions.NotNull(scenario, nameof(scenario));
        Preconditions.NotNull(options, nameof(options));
        var problem = Check(scenario, options).FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
        Preconditions.Check(problem is null, nameof(scenario), $"The scenario did not pass {nameof(Check)}: {problem?.Message}");
        var rounds = options.Rounds ?? DefaultRounds;
        var own = options.Exchange ?? ExchangeOptions.Default;
        var firstIssue = scenario.Issues[0].Id;
        void Report(int round) => progress?.Report(new ModelProgress(Name, firstIssue, round, rounds));
        return own.Numbers == ExchangeNumbers.Decimal28
            ? Run(scenario, ExchangeArithmetic.Decimal28(), rounds, options.KeepPath, Report, cancellationToken)
            : Run(scenario, ExchangeArithmetic.Binary64(own.CrossingTolerance), rounds, options.KeepPath, Report, cancellationToken);
    }

    private ModelResult Run<T>(Scenario scenario, ExchangeArithmetic<T> arithmetic, int rounds, bool keepPath, Action<int> report, CancellationToken cancellationToken)
        where T : struct, IComparisonOperators<T, T, bool>, IAdditionOperators<T, T, T>, ISubtractionOperators<T, T, T>,
            IMultiplyOperators<T, T, T>, IDivisionOperators<T, T, T>, IUnaryNegationOperators<T, T>, IAdditiveIdentity<T, T>
    {
        var input = ExchangeInput<T>.From(scenario, arithmetic);
        var trace = new ExchangeEngine<T>(input, arithmetic).Run(rounds, report, cancellationToken);
        return ExchangeResultBuilder.Build(Name, scenario, input, arithmetic, trace, keepPath);
    }
}
