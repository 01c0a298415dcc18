using System.Runtime.CompilerServices;

namespace Parley.Core.Models.Ktab;

/// <summary>
/// The primitive functions of SMP-SPEC §3.2, written in exactly the evaluation order the
/// specification gives (no fused multiply-add, no reassociation), so that results are bit-exact.
/// The elections built on them are in <see cref="KtabElection"/>.
/// </summary>
internal static class KtabPrimitives
{
    /// <summary>Salience-weighted distance of §3.2.1 between an ideal and a position (difference taken component-wise).</summary>
    /// <remarks>KTAB aborts when Σ s_d² ≤ 0; that sum is a constant of the actor, checked once by <see cref="KtabSetting.ValidateActors"/>.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Dist(ReadOnlySpan<double> ideal, ReadOnlySpan<double> position, ReadOnlySpan<double> salience)
    {
        double num = 0.0, den = 0.0;
        for (var d = 0; d < salience.Length; d++)
        {
            var sd = salience[d];
            var v = ideal[d] - position[d];
            num += (v * sd) * (v * sd);
            den += sd * sd;
        }

        return Math.Sqrt(num / den);
    }

    /// <summary>Utility of a distance with risk attitude <paramref name="r"/> (§3.2.2).</summary>
    public static double Util(double delta, double r) =>
        delta <= 1 ? (1 - delta) * (1 + (delta * r)) : (1 - delta) * (1 + r);

    /// <summary>h's estimate of i's risk attitude (§3.2.8).</summary>
    public static double Est(KtabBigRAdjust adjust, double rh, double ri) => adjust switch
    {
        KtabBigRAdjust.None => rh,
        KtabBigRAdjust.OneThird => ((2.0 * rh) + ri) / 3.0,
        KtabBigRAdjust.Half => (rh + ri) / 2,
        KtabBigRAdjust.TwoThirds => (rh + (2.0 * ri)) / 3.0,
        _ => ri,
    };

    /// <summary>The vote of weight <paramref name="w"/> for utility <paramref name="a"/> over <paramref name="b"/> (§3.2.3); weights are &gt; 0 by <see cref="KtabSetting.ValidateActors"/>.</summary>
    public static double Vote(KtabVotingRule rule, double w, double a, double b)
    {
        var delta = a - b;
        switch (rule)
        {
            case KtabVotingRule.Prop:
                return w * delta;
            case KtabVotingRule.Binary:
                return w * Clip(delta / 1e-8);
            case KtabVotingRule.PropBin:
                return w * (((1 - 0.2) * delta) + (0.2 * Clip(delta / 1e-8)));
            case KtabVotingRule.PropCbc:
                return w * (((1 - 0.5) * delta) + (0.5 * ((delta * delta) * delta)));
            case KtabVotingRule.Cubic:
                return w * ((delta * delta) * delta);
            default:
                if (delta < 0)
                {
                    return w * delta;
                }

                return delta > 0 ? ((2 * w) * delta) / 3 : 0;
        }
    }

    private static double Clip(double x) => x > 1 ? 1 : x < -1 ? -1 : x;

    /// <summary>
    /// Risk attitudes from outcome probabilities (§3.2.7) into <paramref name="r"/>. When all
    /// probabilities are equal KTAB's R is 0/0: <paramref name="degenerate"/> is then true and R untouched.
    /// </summary>
    public static KtabSmpFailure? BigR(KtabBigRRange range, ReadOnlySpan<double> p, Span<double> r, out bool degenerate)
    {
        degenerate = false;
        double pMin = 1, pMax = 0, sum = 0;
        foreach (var x in p)
        {
            if (x < 0)
            {
                return KtabSmpFailure.Probability("Risk attitudes: a negative probability (KTAB aborts).");
            }

            pMin = Math.Min(pMin, x);
            pMax = Math.Max(pMax, x);
            sum += x;
        }

        if (!(Math.Abs(1 - sum) < 1e-8))
        {
            return KtabSmpFailure.Probability("Risk attitudes: probabilities do not sum to 1 (KTAB aborts).");
        }

        if (pMax == pMin)
        {
            // Every option is equally likely (e.g. all actors share one position): R is 0/0.
            degenerate = true;
            return null;
        }

        for (var i = 0; i < p.Length; i++)
        {
            r[i] = range switch
            {
                KtabBigRRange.Min => (p[i] - pMin) / (pMax - pMin),
                KtabBigRRange.Mid => ((3 * p[i]) - (pMax + (2 * pMin))) / (2 * (pMax - pMin)),
                _ => ((2 * p[i]) - (pMax + pMin)) / (pMax - pMin),
            };
        }

        return null;
    }
}
