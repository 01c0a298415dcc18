using System.Globalization;
using Parley.Core.Diagnostics;
using Parley.Core.Models;
using Parley.Core.Models.Ktab;
using Parley.Core.Scenarios;

namespace Parley.Core;

/// <summary>
/// Checks a scenario and the options of a run against <see cref="Limits"/> before a model allocates
/// anything. The readers report the same limits with line and column; this check is for scenarios
/// built in code and for what only a run knows (rounds, the model).
/// </summary>
public static class RunLimits
{
    /// <summary>
    /// Every limit that <paramref name="scenario"/> run by <paramref name="model"/> with
    /// <paramref name="options"/> would break, as errors located at <paramref name="fileName"/>
    /// (when given); empty when the run is within every limit.
    /// </summary>
    public static IReadOnlyList<Diagnostic> Check(IForecastModel model, Scenario scenario, ModelOptions options, string? fileName = null)
    {
        Preconditions.NotNull(model, nameof(model));
        var diagnostics = new List<Diagnostic>(CheckScenario(scenario, fileName));
        Preconditions.NotNull(options, nameof(options));
        var at = fileName is null ? null : new SourceLocation(fileName);
        // The range of rounds (1 to Limits.MaxRounds) is each model's own check; what a long run keeps is checked here.
        if (options.Rounds is { } rounds && rounds > 0 && (rounds + 1L) * scenario.Stances.Count > Limits.MaxPathPositions)
        {
            var most = (Limits.MaxPathPositions / scenario.Stances.Count) - 1;
            diagnostics.Add(Diagnostic.Error(
                $"{F(rounds)} rounds of {F(scenario.Stances.Count)} stances would keep {F((rounds + 1L) * scenario.Stances.Count)} positions on the path of '{model.Name}'; Parley keeps at most {F(Limits.MaxPathPositions)}.",
                at,
                expected: $"at most {F(most)} rounds for this scenario"));
        }

        if (model is KtabSmpModel && scenario.Actors.Count > Limits.MaxKtabSmpActors)
        {
            diagnostics.Add(Diagnostic.Error(
                $"The scenario has {F(scenario.Actors.Count)} actors; '{model.Name}' runs at most {F(Limits.MaxKtabSmpActors)} (KTAB's own limit).",
                at,
                expected: $"at most {F(Limits.MaxKtabSmpActors)} actors for {model.Name}, or another model"));
        }

        return diagnostics;
    }

    /// <summary>
    /// Every limit <paramref name="scenario"/> breaks — counts of actors, issues and stances, and
    /// numbers beyond ±<see cref="Limits.MaxMagnitude"/> — as errors naming the actor and issue.
    /// </summary>
    public static IReadOnlyList<Diagnostic> CheckScenario(Scenario scenario, string? fileName = null)
    {
        Preconditions.NotNull(scenario, nameof(scenario));
        var diagnostics = new List<Diagnostic>();
        var at = fileName is null ? null : new SourceLocation(fileName);
        void Count(int count, int limit, string what)
        {
            if (count > limit)
            {
                diagnostics.Add(Diagnostic.Error($"The scenario has {F(count)} {what}; Parley reads at most {F(limit)}.", at, expected: $"at most {F(limit)} {what} (see docs/limits.md)"));
            }
        }

        Count(scenario.Actors.Count, Limits.MaxActors, "actors");
        Count(scenario.Issues.Count, Limits.MaxIssues, "issues");
        Count(scenario.Stances.Count, Limits.MaxStances, "stances");
        if (diagnostics.Count > 0)
        {
            return diagnostics;
        }

        void Magnitude(double value, string what, string? actor, string? issue)
        {
            if (!Limits.WithinMagnitude(value) && diagnostics.Count < Limits.MaxReportedErrors)
            {
                diagnostics.Add(Diagnostic.Error($"{what} is {value.ToString("R", CultureInfo.InvariantCulture)}, {MagnitudeProblem(value)}.", at, actor, issue, MagnitudeExpected));
            }
        }

        foreach (var issue in scenario.Issues)
        {
            Magnitude(issue.Scale.Minimum, "The scale's minimum", null, issue.Id);
            Magnitude(issue.Scale.Maximum, "The scale's maximum", null, issue.Id);
            foreach (var anchor in issue.Scale.Anchors)
            {
                Magnitude(anchor.Value, "An anchor's value", null, issue.Id);
            }
        }

        foreach (var actor in scenario.Actors)
        {
            Magnitude(actor.Capability, "The capability", actor.Id, null);
            foreach (var (issue, capability) in actor.CapabilityByIssue ?? new Dictionary<string, double>())
            {
                Magnitude(capability, "The capability", actor.Id, issue);
            }
        }

        foreach (var stance in scenario.Stances)
        {
            Magnitude(stance.Position, "The position", stance.ActorId, stance.IssueId);
            Magnitude(stance.Salience, "The salience", stance.ActorId, stance.IssueId);
        }

        return diagnostics;
    }

    /// <summary>
    /// What is wrong with a number that is not <see cref="Limits.WithinMagnitude"/>, for a message:
    /// e.g. "beyond the largest magnitude Parley reads (1e15)".
    /// </summary>
    public static string MagnitudeProblem(double value) =>
        !double.IsFinite(value) ? "not a finite number"
        : Math.Abs(value) > Limits.MaxMagnitude ? $"beyond the largest magnitude Parley reads ({F(Limits.MaxMagnitude)})"
        : $"closer to 0 than the smallest magnitude Parley reads ({Limits.MinMagnitude.ToString("0e0", CultureInfo.InvariantCulture)}; write 0 for none)";

    /// <summary>What a number outside <see cref="Limits.WithinMagnitude"/> should be, for diagnostics.</summary>
    public static string MagnitudeExpected { get; } =
        $"0, or a number whose magnitude lies from {Limits.MinMagnitude.ToString("0e0", CultureInfo.InvariantCulture)} to {F(Limits.MaxMagnitude)} (rescale the column if needed, e.g. to millions)";

    private static string F(double value) => value >= 1e7 ? value.ToString("0.#e0", CultureInfo.InvariantCulture) : value.ToString("#,0", CultureInfo.InvariantCulture);
}
