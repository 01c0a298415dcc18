namespace Parley.Core.Analysis;

/// <summary>
/// The residuals of every calibrated model, from one backtest: what turns a point forecast into a
/// calibrated forecast interval. The forecast interval of a model is the predictive distribution
/// (see <see cref="PredictiveDistribution"/>) of its forecast over the input draws plus an error
/// drawn from these residuals with a random sign, scaled by the error scale
/// (<see cref="ResidualScale"/>): when the inputs
/// are taken as written, this is a split-conformal interval (the outcome falls within q of the
/// forecast in the share of past cases that the level says).
/// </summary>
public sealed class ForecastCalibration
{
    private readonly Dictionary<string, ModelResiduals> _models;

    /// <summary>Creates a calibration from the residuals of each model.</summary>
    /// <param name="source">Where the residuals come from, in words (printed with every interval).</param>
    /// <param name="models">One set of residuals per model (distinct names).</param>
    public ForecastCalibration(string source, IEnumerable<ModelResiduals> models)
    {
        Source = Preconditions.NotNull(source, nameof(source));
        _models = new Dictionary<string, ModelResiduals>(StringComparer.Ordinal);
        foreach (var m in Preconditions.NotNull(models, nameof(models)))
        {
            Preconditions.Check(_models.TryAdd(m.Model, m), nameof(models), $"Model '{m.Model}' has two sets of residuals.");
        }
    }

    /// <summary>No calibration: no model gets a forecast interval.</summary>
    public static ForecastCalibration None { get; } = new("none", []);

    /// <summary>Where the residuals come from.</summary>
    public string Source { get; }

    /// <summary>Every calibrated model, by name.</summary>
    public IReadOnlyCollection<ModelResiduals> Models => _models.Values;

    /// <summary>The residuals of <paramref name="model"/>, or null when it is not calibrated.</summary>
    public ModelResiduals? For(string model) => _models.GetValueOrDefault(model);

    /// <summary>
    /// Fits a calibration from backtest cases: for each model, the absolute errors of its forecasts
    /// divided by each case's error scale.
    /// </summary>
    /// <param name="source">Where the cases come from, in words.</param>
    /// <param name="models">Model names, in the order of each case's forecasts.</param>
    /// <param name="cases">Per case: its proposal (for the count of independent negotiations), outcome, scale width and one forecast per model.</param>
    /// <param name="scale">How the errors were scaled (each case's <see cref="CalibrationCase.ErrorScale"/> is that scale).</param>
    public static ForecastCalibration Fit(string source, IReadOnlyList<string> models, IReadOnlyList<CalibrationCase> cases, ResidualScaleKind scale = ResidualScaleKind.PositionSpread)
    {
        Preconditions.NotNull(models, nameof(models));
        Preconditions.NotNull(cases, nameof(cases));
        Preconditions.Check(cases.Count > 0, nameof(cases), "A calibration needs at least one case.");
        var proposals = cases.Select(c => c.ProposalId).Distinct(StringComparer.Ordinal).Count();
        var residuals = new List<ModelResiduals>();
        for (var m = 0; m < models.Count; m++)
        {
            var index = m;
            residuals.Add(new ModelResiduals(models[m], cases.Select(c => Math.Abs(c.Outcome - c.Forecasts[index]) / c.ErrorScale), proposals, scale));
        }

        return new ForecastCalibration(source, residuals);
    }
}

/// <summary>One case of a calibration: an issue with a known outcome and each model's forecast of it.</summary>
/// <param name="ProposalId">The negotiation it belongs to.</param>
/// <param name="Outcome">The outcome that was decided.</param>
/// <param name="ErrorScale">The error scale (&gt; 0; see <see cref="ResidualScale"/>).</param>
/// <param name="Forecasts">One forecast per model.</param>
public sealed record CalibrationCase(string ProposalId, double Outcome, double ErrorScale, IReadOnlyList<double> Forecasts);
