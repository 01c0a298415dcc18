using Parley.Core.Diagnostics;
using Parley.Core.Scenarios;

namespace Parley.Core.Models.Breakdown;

/// <summary>
/// The breakdown step as a model: <c>MODEL+veto</c> runs MODEL, then lets every veto player that
/// prefers the issue's status quo to the bargained outcome block it (<see cref="VetoRule"/>).
/// A one-issue model gives a one-issue model (each issue judged on its own); a model that runs
/// the issues together gives one that judges each veto player's package of issues.
/// </summary>
public static class VetoModels
{
    /// <summary>The suffix that names a breakdown step: <c>compromise+veto</c>.</summary>
    public const string Suffix = "+veto";

    /// <summary>The suffix that names a win-set step: <c>compromise+winset</c>.</summary>
    public const string WinSetSuffix = "+winset";

    /// <summary>The breakdown (or win-set) step around <paramref name="inner"/>.</summary>
    public static IForecastModel Wrap(IForecastModel inner, VetoStep step = VetoStep.Breakdown)
    {
        Preconditions.NotNull(inner, nameof(inner));
        return inner is IssueModel issueModel ? new IssueVetoModel(issueModel, step) : new JointVetoModel(inner, step);
    }

    /// <summary>The name suffix of <paramref name="step"/>.</summary>
    public static string SuffixOf(VetoStep step) => step == VetoStep.WinSet ? WinSetSuffix : Suffix;

    /// <summary>The base name and step of a name ending in <see cref="Suffix"/> or <see cref="WinSetSuffix"/> (case-insensitive); false for other names.</summary>
    public static bool TrySplit(string name, out string inner, out VetoStep step)
    {
        Preconditions.NotNull(name, nameof(name));
        foreach (var s in new[] { VetoStep.Breakdown, VetoStep.WinSet })
        {
            var suffix = SuffixOf(s);
            if (name.Length > suffix.Length && name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                inner = name[..^suffix.Length];
                step = s;
                return true;
            }
        }

        inner = string.Empty;
        step = VetoStep.Breakdown;
        return false;
    }

    /// <summary>What the step does, for a model's description.</summary>
    internal static string Describe(string inner, VetoStep step) => step == VetoStep.WinSet
        ? $"{inner}, then moved to the nearest point that every veto player likes at least as much as the status quo (the veto players' win set)."
        : $"{inner}, then a veto player that prefers the status quo to its forecast blocks it (the outcome is the status quo).";

    /// <summary>The utility a veto player judges <paramref name="inner"/>'s outcomes by.</summary>
    public static VetoUtility UtilityFor(IForecastModel inner) =>
        inner is Ktab.KtabSmpModel ? VetoUtility.KtabDistance : VetoUtility.Distance;

    /// <summary>The result's note: the wrapped model's, then the verdict.</summary>
    internal static string? Note(string? inner, BreakdownVerdict verdict)
    {
        var said = verdict.Status switch
        {
            BreakdownStatus.Blocked => $"Blocked by {string.Join(", ", verdict.Blockers)}, who prefer the status quo ({Format(verdict.StatusQuo!.Value)}) to the deal ({Format(verdict.Deal)}).",
            BreakdownStatus.Amended => $"The deal ({Format(verdict.Deal)}) moved to {Format(verdict.Amended!.Value)}, the nearest point {string.Join(", ", verdict.Blockers)} accept rather than keep the status quo ({Format(verdict.StatusQuo!.Value)}).",
            BreakdownStatus.Agreed => null,
            _ => verdict.Reason,
        };
        return said is null ? inner : inner is null ? said : $"{inner} {said}";
    }

    private static string Format(double value) => value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A one-issue model followed by the breakdown step (<see cref="VetoRule.Judge"/>).</summary>
public sealed class IssueVetoModel : IssueModel
{
    private static readonly Scenario s_noIssues = new("options only", [], [], []);

    /// <summary>Wraps <paramref name="inner"/> with <paramref name="step"/>.</summary>
    public IssueVetoModel(IssueModel inner, VetoStep step = VetoStep.Breakdown)
    {
        Inner = Preconditions.NotNull(inner, nameof(inner));
        Step = step;
        Name = inner.Name + VetoModels.SuffixOf(step);
    }

    /// <summary>The model whose deal the veto players judge.</summary>
    public IssueModel Inner { get; }

    /// <summary>What an objection does: block the deal, or amend it into the win set.</summary>
    public VetoStep Step { get; }

    /// <inheritdoc />
    public override string Name { get; }

    /// <inheritdoc />
    public override string Description => VetoModels.Describe(Inner.Name, Step);

    /// <inheritdoc />
    public override string Source => "Veto players: Tsebelis (2002); breakdown step: docs/models/breakdown.md. " + Inner.Source;

    /// <inheritdoc />
    public override ModelTraits Traits => Inner.Traits;

    /// <inheritdoc />
    public override IReadOnlyList<Diagnostic> CheckIssue(IssueInput input, ModelOptions options) => Inner.CheckIssue(input, options);

    /// <inheritdoc />
    protected override IReadOnlyList<Diagnostic> CheckOptions(ModelOptions options) => Inner.Check(s_noIssues, options);

    /// <inheritdoc />
    public override IssueResult RunIssue(IssueInput input, ModelOptions options, IProgress<ModelProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var deal = Inner.RunIssue(input, options, progress, cancellationToken);
        var verdict = VetoRule.Apply(Step, input, deal.Forecast);
        return deal with { Forecast = verdict.Outcome, Breakdown = verdict, Note = VetoModels.Note(deal.Note, verdict) };
    }

    /// <inheritdoc />
    internal override double ForecastOnly(IssueInput input, ModelOptions options, CancellationToken cancellationToken) =>
        ForecastWithVerdict(input, options, cancellationToken).Forecast;

    /// <inheritdoc />
    internal override (double Forecast, BreakdownVerdict? Verdict) ForecastWithVerdict(IssueInput input, ModelOptions options, CancellationToken cancellationToken) =>
        Judge(input, Inner.ForecastOnly(input, options, cancellationToken));

    /// <summary>The forecast and verdict given <see cref="Inner"/>'s forecast <paramref name="deal"/> on <paramref name="input"/>: what a run would give, without rerunning the inner model.</summary>
    internal (double Forecast, BreakdownVerdict Verdict) Judge(IssueInput input, double deal)
    {
        var verdict = VetoRule.Apply(Step, input, deal);
        return (verdict.Outcome, verdict);
    }
}

/// <summary>A model that runs the issues together, followed by the package breakdown step (<see cref="VetoRule.JudgePackage"/>).</summary>
public sealed class JointVetoModel : IForecastModel
{
    /// <summary>Wraps <paramref name="inner"/> with <paramref name="step"/>.</summary>
    public JointVetoModel(IForecastModel inner, VetoStep step = VetoStep.Breakdown)
    {
        Inner = Preconditions.NotNull(inner, nameof(inner));
        Step = step;
        Name = inner.Name + VetoModels.SuffixOf(step);
        Utility = VetoModels.UtilityFor(inner);
    }

    /// <summary>The model whose deal the veto players judge.</summary>
    public IForecastModel Inner { get; }

    /// <summary>What an objection does: block the package, or amend each issue into its win set (issue by issue).</summary>
    public VetoStep Step { get; }

    /// <summary>How the veto players value a package.</summary>
    public VetoUtility Utility { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public string Description => Step == VetoStep.WinSet
        ? VetoModels.Describe(Inner.Name, Step) + " Issue by issue."
        : $"{Inner.Name}, then each veto player judges the package of issues it can block against their status quo, and blocks it if it prefers the status quo.";

    /// <inheritdoc />
    public string Source => "Veto players: Tsebelis (2002); breakdown step: docs/models/breakdown.md. " + Inner.Source;

    /// <inheritdoc />
    public ModelTraits Traits => Inner.Traits;

    /// <inheritdoc />
    public IReadOnlyList<Diagnostic> Check(Scenario scenario, ModelOptions options) => Inner.Check(scenario, options);

    /// <inheritdoc />
    public ModelResult Run(Scenario scenario, ModelOptions options, IProgress<ModelProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var deal = Inner.Run(scenario, options, progress, cancellationToken);
        if (!deal.Succeeded)
        {
            return deal with { Model = Name };
        }

        var verdicts = Step == VetoStep.WinSet
            ? [.. deal.Issues.Select((r, k) => VetoRule.Constrain(scenario.Compile(k), r.Forecast))]
            : VetoRule.JudgePackage(scenario, [.. deal.Issues.Select(i => i.Forecast)], Utility);
        var issues = deal.Issues.Select((r, k) => r with { Forecast = verdicts[k].Outcome, Breakdown = verdicts[k], Note = VetoModels.Note(r.Note, verdicts[k]) }).ToArray();
        return deal with { Model = Name, Issues = issues };
    }
}
