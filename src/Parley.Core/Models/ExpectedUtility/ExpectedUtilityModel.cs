using System.Globalization;
using Parley.Core.Diagnostics;
using Parley.Core.Scenarios;

namespace Parley.Core.Models.ExpectedUtility;

/// <summary>
/// Bueno de Mesquita's expected-utility model of bargaining on one issue, as formalised by
/// Scholz, Calbert &amp; Smith (2011), in two variants (see <see cref="ExpectedUtilityVariant"/>).
/// The equations as implemented are in <c>docs/models/expected-utility.md</c>.
/// </summary>
public sealed class ExpectedUtilityModel : IssueModel
{
    /// <summary>Rounds that <c>scholz2011</c> runs when none are asked for.</summary>
    public const int DefaultScholzRounds = 10;

    /// <summary>The most rounds <c>bdm</c> runs when no limit is given.</summary>
    public const int DefaultBdmMaxRounds = 100;

    /// <summary>
    /// <c>bdm</c> stops once the weighted mean has moved by less than this share of the initial
    /// position range Δ in three successive rounds (1e-4 × Δ: 0.01 on a 0–100 scale).
    /// </summary>
    public const double DefaultBdmTolerance = 1e-4;

    /// <summary>Successive quiet rounds after which <c>bdm</c> stops.</summary>
    public const int QuietRoundsToStop = 3;

    /// <summary>Creates the model in the given variant.</summary>
    public ExpectedUtilityModel(ExpectedUtilityVariant variant) => Variant = variant;

    /// <summary>The variant this instance runs.</summary>
    public ExpectedUtilityVariant Variant { get; }

    /// <inheritdoc />
    public override string Name => Variant == ExpectedUtilityVariant.Scholz2011 ? "scholz2011" : "bdm";

    /// <inheritdoc />
    public override string Description => Variant == ExpectedUtilityVariant.Scholz2011
        ? "Expected-utility model, Scholz et al. (2011) formalisation: global vote normaliser, fixed rounds (10)."
        : "Expected-utility model, Bueno de Mesquita (1994): P(a,b)+P(b,a)=1, nearest offer, runs until the mean settles.";

    /// <inheritdoc />
    public override string Source => Variant == ExpectedUtilityVariant.Scholz2011
        ? "Scholz, Calbert & Smith (2011), J. Theoretical Politics 23(4):510–531; Bueno de Mesquita (1994)."
        : "Bueno de Mesquita (1994), in Bueno de Mesquita & Stokman (eds), European Community Decision Making; Scholz et al. (2011).";

    /// <inheritdoc />
    public override ModelTraits Traits { get; } = new(Iterative: true, JointIssues: false, DrawsRandomNumbers: false);

    /// <inheritdoc />
    protected override IReadOnlyList<Diagnostic> CheckOptions(ModelOptions options)
    {
        Preconditions.NotNull(options, nameof(options));
        var problems = new List<Diagnostic>();
        if (options.Rounds is { } rounds && (rounds < 1 || rounds > ModelOptions.MaxRounds))
        {
            problems.Add(Diagnostic.Error($"Model '{Name}' cannot run {rounds} rounds.", expected: $"a number of rounds from 1 to {ModelOptions.MaxRounds}"));
        }

        if (options.Tolerance is { } t && !(t > 0 && double.IsFinite(t)))
        {
            problems.Add(Diagnostic.Error($"Model '{Name}': tolerance {t.ToString(CultureInfo.InvariantCulture)} is not a positive finite number.", expected: "a tolerance > 0, e.g. 1e-4"));
        }

        return problems;
    }

    /// <summary>
    /// Issues of at most this many actors run on <see cref="SmallRound"/>, larger ones on
    /// <see cref="TableRound"/>; both give the same rounds bit for bit. Tests set it to force a path.
    /// </summary>
    internal int SmallActorLimit { get; init; } = SmallRound.MaxActors;

    /// <summary>Whether a run that keeps no path stops computing once its positions repeat exactly (see <see cref="RoundLoop"/>). Tests turn it off to compare.</summary>
    internal bool SkipRepeatedRounds { get; init; } = true;

    /// <summary>Whether <see cref="SmallRound"/> skips the utilities of offers that provably cannot be made. Tests turn it off to compare.</summary>
    internal bool SkipImpossibleOffers { get; init; } = true;

    /// <inheritdoc />
    public override IssueResult RunIssue(IssueInput input, ModelOptions options, IProgress<ModelProgress>? progress = null, CancellationToken cancellationToken = default) =>
        RoundLoop.Run(this, input, options, forecastOnly: false, progress, cancellationToken).Result!;

    /// <inheritdoc />
    internal override double ForecastOnly(IssueInput input, ModelOptions options, CancellationToken cancellationToken) =>
        RoundLoop.Run(this, input, options, forecastOnly: true, null, cancellationToken).Forecast;
}
