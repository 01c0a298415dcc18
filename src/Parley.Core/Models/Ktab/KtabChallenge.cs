using System.Runtime.CompilerServices;

namespace Parley.Core.Models.Ktab;

/// <summary>
/// The challenge evaluation E(h, k, i, j) of SMP-SPEC §3.4, one challenge at a time, for every
/// voting rule. Target selection under the default Prop rule uses the vector kernel
/// <see cref="KtabTargetKernel"/> instead, which computes the same values for all receivers at once.
/// </summary>
internal static class KtabChallenge
{
    /// <summary>Fills ws.UT[m·N + n] = U^h(n, m) and ws.Diag[n] = U^h(n, n): estimator h's utilities (§3.3 step 6).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void BuildEstimates(KtabSetting setting, KtabSmpState st, int h, KtabWorkspace ws)
    {
        var n = setting.N;
        var r = st.R;
        var adjust = setting.Parameters.BigRAdjust;
        var e = ws.Diag; // temporarily the estimated attitudes
        for (var k = 0; k < n; k++)
        {
            e[k] = KtabPrimitives.Est(adjust, r[h], r[k]);
        }

        var ut = ws.UT;
        var dt = st.DeltaT;
        for (var m = 0; m < n; m++)
        {
            KtabVector.Util(dt.AsSpan(m * n, n), e, ut.AsSpan(m * n, n));
        }

        for (var k = 0; k < n; k++)
        {
            ws.Diag[k] = ut[(k * n) + k];
        }
    }

    /// <summary>E(h, k, i, j) with U = U^h held in <paramref name="ws"/> (see <see cref="BuildEstimates"/>): h's estimate φ that i beats j, and the gain to k.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static KtabSmpFailure? Evaluate(KtabSetting setting, KtabWorkspace ws, int k, int i, int j, out double phi, out double gain)
    {
        phi = gain = 0;
        var n = setting.N;
        var ut = ws.UT;
        var diag = ws.Diag;
        var w = setting.Weights;
        var rule = setting.Parameters.VotingRule;
        var colI = ut.AsSpan(i * n, n);
        var colJ = ut.AsSpan(j * n, n);
        var uki = colI[k];
        var ukj = colJ[k];
        var uSq = uki + ukj;
        var uWin = uki + uki;
        var uLose = ukj + ukj;
        if (!(uSq >= 0 && uSq <= 2 && uWin >= 0 && uWin <= 2 && uLose >= 0 && uLose <= 2))
        {
            return UtilitySumsOutOfRange(i);
        }

        // Step 2 (S_j in (0, 1]) holds for every actor by KtabSetting.ValidateActors.
        var sj = setting.SalienceTotals[j];
        var a = KtabPrimitives.Vote(rule, w[i], diag[i], colJ[i]);
        var b = KtabPrimitives.Vote(rule, w[j], colI[j], diag[j]);
        if (setting.IdentityAccommodation && (a < 0 || b > 0))
        {
            return PrincipalAgainstOwnPosition(a < 0 ? i : j);
        }

        double cij = 1e-10, cji = 1e-10;
        if (a > 0)
        {
            cij += a;
        }

        if (a < 0)
        {
            cji -= a;
        }

        if (b > 0)
        {
            cij += b;
        }

        if (b < 0)
        {
            cji -= b;
        }

        var a0 = cij;
        var b0 = cji;
        var tpc = setting.Parameters.ThirdPartyCommit;
        for (var t = 0; t < n; t++)
        {
            if (t == i || t == j)
            {
                continue;
            }

            var uni = colI[t];
            var unj = colJ[t];
            var unn = diag[t];
            var wt = w[t];
            var v = rule == KtabVotingRule.Prop ? wt * (uni - unj) : KtabPrimitives.Vote(rule, wt, uni, unj);
            var (pi, pi2) = KtabThirdParty.Contest<ScalarLane>(v, a0, b0);
            var alpha = KtabThirdParty.Alpha<ScalarLane>(tpc, uni, unn);
            var gamma = KtabThirdParty.Gamma<ScalarLane>(tpc, uni, unn);
            (double joinI, double joinJ) = KtabThirdParty.Joins<ScalarLane>(tpc, pi, pi2, alpha, gamma, unj, unn);
            double vn = rule == KtabVotingRule.Prop ? wt * (joinI - joinJ) : KtabPrimitives.Vote(rule, wt, joinI, joinJ);
            if (vn > 0)
            {
                cij += vn;
            }
            else if (vn < 0)
            {
                cji -= vn;
            }
        }

        phi = cij / (cij + cji);
        var phi2 = cji / (cij + cji);
        var uContest = (phi * uWin) + (phi2 * uLose);
        var uChallenge = ((1 - sj) * uWin) + (sj * uContest);
        gain = uChallenge - uSq;
        return null;
    }

    /// <summary>The failure of §3.4 step 1.</summary>
    public static KtabSmpFailure UtilitySumsOutOfRange(int initiator) =>
        KtabSmpFailure.Utility("A challenge's utility sums are outside [0, 2] (KTAB aborts); positions outside the scale can cause this.", initiator);

    /// <summary>The failure of §3.4 step 3.</summary>
    public static KtabSmpFailure PrincipalAgainstOwnPosition(int principal) =>
        KtabSmpFailure.Utility("In a challenge, a principal votes against its own position (KTAB aborts).", principal);
}
