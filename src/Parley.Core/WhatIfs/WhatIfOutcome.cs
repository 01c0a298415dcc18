using Parley.Core.Run;
using Parley.Core.Scenarios.Edits;

namespace Parley.Core.WhatIfs;

/// <summary>The base case and every what-if of a <see cref="WhatIfRunner"/> run, side by side.</summary>
/// <param name="Base">The forecast of the scenario as written.</param>
/// <param name="Cases">One entry per what-if, in the order asked.</param>
public sealed record WhatIfOutcome(ForecastOutcome Base, IReadOnlyList<WhatIfCase> Cases);

/// <summary>One what-if: its edits, the forecast of the edited scenario, and the change from the base case.</summary>
/// <param name="WhatIf">The what-if (name, description, rationale, edits).</param>
/// <param name="Outcome">The forecast of the scenario as the what-if leaves it (its timed edits striking during the iterative models' runs).</param>
/// <param name="Changes">Per issue (scenario order) and model (request order) that ran in both: the base and what-if forecasts.</param>
/// <param name="Notes">What the reader should know: timed edits a model never reached, static models taking timed edits before their one step.</param>
public sealed record WhatIfCase(WhatIf WhatIf, ForecastOutcome Outcome, IReadOnlyList<ForecastChange> Changes, IReadOnlyList<string> Notes)
{
    /// <summary>The change of <paramref name="model"/> on <paramref name="issueId"/>, or null when it did not run in both.</summary>
    public ForecastChange? Change(string issueId, string model) =>
        Changes.FirstOrDefault(c => c.IssueId == issueId && string.Equals(c.Model, model, StringComparison.OrdinalIgnoreCase));
}

/// <summary>How one model's forecast of one issue changes under a what-if.</summary>
/// <param name="IssueId">The issue.</param>
/// <param name="Model">The model.</param>
/// <param name="Base">The base case's forecast with its intervals.</param>
/// <param name="WhatIf">The what-if's forecast with its intervals.</param>
public sealed record ForecastChange(string IssueId, string Model, IssueForecast Base, IssueForecast WhatIf)
{
    /// <summary>The change of the point forecast, what-if minus base, in scale points.</summary>
    public double Change => WhatIf.Forecast - Base.Forecast;

    /// <summary>The change of the median over the input draws; null without draws.</summary>
    public double? MedianChange => WhatIf.Sensitivity is { } w && Base.Sensitivity is { } b ? w.Median - b.Median : null;
}
