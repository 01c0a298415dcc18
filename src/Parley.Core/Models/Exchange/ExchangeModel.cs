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

    /// <summary>The model with the reference's defaults (10 rounds, doubles).</summary>
    public ExchangeModel()
        : this(ExchangeOptions.Default)
    {
    }

    /// <summary>The model with <paramref name="options"/>.</summary>
    public ExchangeModel(ExchangeOptions options)
    {
        Options = Preconditions.NotNull(options, nameof(options));
        Preconditions.Check(options.Rounds >= 0, nameof(options), "The number of rounds must be at least 0.");
    }

    /// <summary>The model's parameters.</summary>
    public ExchangeOptions Options { get; }

    /// <inheritdoc />
    public string Name => ModelName;

    /// <inheritdoc />
    public string Description => "Stokman's exchange model (Equal Gain): pairs of actors trade voting positions across pairs of issues, all issues together; forecast = NBS after the last round.";

    /// <inheritdoc />
    public string Source => "Stokman & Van Oosten (1994); clean-room re-implementation of decide-exchange-model 2025.3.1 from data/exchange/EXCHANGE-SPEC.md.";

    /// <summary>The largest capability the model takes: sums of capability × salience × position must stay finite in doubles.</summary>
    public const double MaxCapability = 1e100;

    /// <summary>
    /// The problems that keep the model from running <paramref name="scenario"/>: it needs an issue,
    /// on every issue at least one stance with salience and capability above 0 (stances of weight 0
    /// take no part, since the model divides by them), capabilities up to <see cref="MaxCapability"/>,
    /// and scales wide enough to map onto 0–100.
    /// </summary>
    public static IReadOnlyList<Diagnostic> Check(Scenario scenario)
    {
        Preconditions.NotNull(scenario, nameof(scenario));
        var problems = new List<Diagnostic>();
        if (scenario.Issues.Count == 0)
        {
            problems.Add(Diagnostic.Error("The scenario has no issue.", expected: "at least one issue"));
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
        var problem = Check(scenario).FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
        Preconditions.Check(problem is null, nameof(scenario), problem?.Message ?? string.Empty);
        var rounds = options.Rounds ?? Options.Rounds;
        Preconditions.Check(rounds >= 0, nameof(options), "The number of rounds must be at least 0.");
        var firstIssue = scenario.Issues[0].Id;
        void Report(int round) => progress?.Report(new ModelProgress(Name, firstIssue, round, rounds));
        return Options.Numbers == ExchangeNumbers.Decimal28
            ? Run(scenario, ExchangeArithmetic.Decimal28(), rounds, Report, cancellationToken)
            : Run(scenario, ExchangeArithmetic.Binary64(Options.CrossingTolerance), rounds, Report, cancellationToken);
    }

    private ModelResult Run<T>(Scenario scenario, ExchangeArithmetic<T> arithmetic, int rounds, Action<int> report, CancellationToken cancellationToken)
        where T : struct, IComparisonOperators<T, T, bool>, IAdditionOperators<T, T, T>, ISubtractionOperators<T, T, T>,
            IMultiplyOperators<T, T, T>, IDivisionOperators<T, T, T>, IUnaryNegationOperators<T, T>, IAdditiveIdentity<T, T>
    {
        var input = ExchangeInput<T>.From(scenario, arithmetic);
        var trace = new ExchangeEngine<T>(input, arithmetic).Run(rounds, report, cancellationToken);
        return ExchangeResultBuilder.Build(Name, scenario, input, arithmetic, trace);
    }
}
