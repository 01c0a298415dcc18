using Parley.Core.Diagnostics;
using Parley.Core.Scenarios;

namespace Parley.Core.Models.Best;

/// <summary>
/// Equal-weight averages of models' forecasts, named <c>avg:A:B[:C…]</c> (e.g.
/// <c>avg:compromise:exchange</c>): one-issue when every part is, else run on all issues together.
/// The weights are equal and fixed, not fitted. <see cref="Combine"/> is the one place the average
/// is computed, so that a search that averages stored forecasts gets the same bits as a run.
/// </summary>
public static class AverageModel
{
    /// <summary>The prefix of an average's name.</summary>
    public const string Prefix = "avg:";

    /// <summary>The average of <paramref name="parts"/> (at least two, distinct names).</summary>
    public static IForecastModel Of(IReadOnlyList<IForecastModel> parts)
    {
        Preconditions.NotNull(parts, nameof(parts));
        Preconditions.Check(parts.Count >= 2, nameof(parts), "An average needs at least two models.");
        Preconditions.Check(parts.Select(p => p.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count() == parts.Count, nameof(parts), "The parts of an average must be distinct.");
        return parts.All(p => p is IssueModel) ? new IssueAverageModel([.. parts.Cast<IssueModel>()]) : new JointAverageModel([.. parts]);
    }

    /// <summary>The name of the average of models named <paramref name="parts"/>.</summary>
    public static string NameOf(IEnumerable<string> parts) => Prefix + string.Join(':', parts);

    /// <summary>The part names of an average's name, or null when <paramref name="name"/> is not one.</summary>
    public static string[]? PartNames(string name)
    {
        Preconditions.NotNull(name, nameof(name));
        if (!name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var parts = name[Prefix.Length..].Split(':');
        return parts.Length >= 2 && parts.All(p => p.Length > 0) ? parts : null;
    }

    /// <summary>(f₁ + f₂ + … + fₖ) / k, summed in the parts' order.</summary>
    public static double Combine(ReadOnlySpan<double> forecasts)
    {
        Preconditions.Check(forecasts.Length > 0, nameof(forecasts), "At least one forecast is needed.");
        var sum = 0.0;
        foreach (var f in forecasts)
        {
            sum += f;
        }

        return sum / forecasts.Length;
    }

    internal static string Describe(IEnumerable<IForecastModel> parts) =>
        "Equal-weight average of the forecasts of " + string.Join(", ", parts.Select(p => p.Name)) + ".";

    internal static string SourceOf(IEnumerable<IForecastModel> parts) =>
        "Combination of forecasts (Bates & Granger 1969); see docs/validation.md. Parts: " + string.Join("; ", parts.Select(p => $"{p.Name}: {p.Source}"));
}

/// <summary>An average of one-issue models (see <see cref="AverageModel"/>).</summary>
public sealed class IssueAverageModel : IssueModel
{
    private static readonly Scenario s_noIssues = new("options only", [], [], []);
    private readonly IssueModel[] _parts;

    internal IssueAverageModel(IssueModel[] parts)
    {
        _parts = parts;
        Name = AverageModel.NameOf(parts.Select(p => p.Name));
        Traits = new ModelTraits(parts.Any(p => p.Traits.Iterative), false, parts.Any(p => p.Traits.DrawsRandomNumbers));
    }

    /// <summary>The averaged models, in order.</summary>
    public IReadOnlyList<IssueModel> Parts => _parts;

    /// <inheritdoc />
    public override string Name { get; }

    /// <inheritdoc />
    public override string Description => AverageModel.Describe(_parts);

    /// <inheritdoc />
    public override string Source => AverageModel.SourceOf(_parts);

    /// <inheritdoc />
    public override ModelTraits Traits { get; }

    /// <inheritdoc />
    public override IReadOnlyList<Diagnostic> CheckIssue(IssueInput input, ModelOptions options) =>
        [.. _parts.SelectMany(p => p.CheckIssue(input, options))];

    /// <inheritdoc />
    protected override IReadOnlyList<Diagnostic> CheckOptions(ModelOptions options) =>
        [.. _parts.SelectMany(p => p.Check(s_noIssues, options))];

    /// <inheritdoc />
    public override IssueResult RunIssue(IssueInput input, ModelOptions options, IProgress<ModelProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var results = _parts.Select(p => p.RunIssue(input, options, progress, cancellationToken)).ToArray();
        var forecast = AverageModel.Combine([.. results.Select(r => r.Forecast)]);
        return new IssueResult(input.IssueId, forecast, input.ActorIds, [InitialRound(input)], Note(results));
    }

    internal static string Note(IReadOnlyList<IssueResult> results) =>
        "The average of " + string.Join(", ", results.Select(r => r.Forecast.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture))) + ".";
}

/// <summary>An average of models at least one of which runs the issues together (see <see cref="AverageModel"/>).</summary>
public sealed class JointAverageModel : IForecastModel
{
    private readonly IForecastModel[] _parts;

    internal JointAverageModel(IForecastModel[] parts)
    {
        _parts = parts;
        Name = AverageModel.NameOf(parts.Select(p => p.Name));
        Traits = new ModelTraits(parts.Any(p => p.Traits.Iterative), true, parts.Any(p => p.Traits.DrawsRandomNumbers));
    }

    /// <summary>The averaged models, in order.</summary>
    public IReadOnlyList<IForecastModel> Parts => _parts;

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public string Description => AverageModel.Describe(_parts);

    /// <inheritdoc />
    public string Source => AverageModel.SourceOf(_parts);

    /// <inheritdoc />
    public ModelTraits Traits { get; }

    /// <inheritdoc />
    public IReadOnlyList<Diagnostic> Check(Scenario scenario, ModelOptions options) =>
        [.. _parts.SelectMany(p => p.Check(scenario, options))];

    /// <inheritdoc />
    public ModelResult Run(Scenario scenario, ModelOptions options, IProgress<ModelProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var results = new ModelResult[_parts.Length];
        for (var p = 0; p < _parts.Length; p++)
        {
            results[p] = _parts[p].Run(scenario, options, progress, cancellationToken);
            if (!results[p].Succeeded)
            {
                return ModelResult.Failed(Name, results[p].Failure!);
            }
        }

        var issues = new IssueResult[scenario.Issues.Count];
        for (var k = 0; k < issues.Length; k++)
        {
            var input = scenario.Compile(k);
            var parts = results.Select(r => r.Issues[k]).ToArray();
            var round = new RoundState(0, (double[])input.Positions.Clone(), IssueStatistics.WeightedMean(input.Positions, input.Capabilities, input.Saliences), IssueStatistics.MedianVoter(input.Positions, input.Capabilities, input.Saliences));
            issues[k] = new IssueResult(input.IssueId, AverageModel.Combine([.. parts.Select(r => r.Forecast)]), input.ActorIds, [round], IssueAverageModel.Note(parts));
        }

        return new ModelResult(Name, issues, results.Select(r => r.Seed).FirstOrDefault(s => s is not null));
    }
}
