using System.Numerics;
using System.Runtime.CompilerServices;

namespace Parley.Core.Models.Ktab;

/// <summary>
/// Target selection of one initiator under the Prop voting rule (SMP-SPEC §3.5): E(i, i, i, j)
/// for every receiver j at once, with the receivers in SIMD lanes and the third parties in a
/// sequential loop, so that every lane accumulates its coalition strengths in exactly the order of
/// §3.4. Equal, bit for bit, to <see cref="KtabChallenge.Evaluate"/> for each j (tested).
/// </summary>
internal static class KtabTargetKernel
{
    /// <summary>True when this kernel applies: the Prop rule, vector hardware, and no request for the scalar code.</summary>
    public static bool Applies(KtabSetting setting) =>
        setting.Parameters.VotingRule == KtabVotingRule.Prop && Vector.IsHardwareAccelerated && !setting.ScalarChallenges;

    /// <summary>Writes φ and the gain of i's challenge to every j ≠ i into ws.Phis and ws.Gains.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static KtabSmpFailure? Gains(KtabSetting setting, KtabSmpState st, int i, KtabWorkspace ws)
    {
        var n = setting.N;
        var len = Vector<double>.Count;
        var stride = ((n + len - 1) / len) * len;
        if (ws.URow.Length < n * stride)
        {
            ws.URow = new double[n * stride];
            ws.ColI = new double[stride];
            ws.DiagPad = new double[stride];
            Array.Fill(ws.URow, 0.5);
        }

        var u = ws.URow;
        var r = st.R;
        var adjust = setting.Parameters.BigRAdjust;
        for (var t = 0; t < n; t++)
        {
            KtabVector.Util(st.Delta.AsSpan(t * n, n), KtabPrimitives.Est(adjust, r[i], r[t]), u.AsSpan(t * stride, n));
        }

        var colI = ws.ColI;
        var diag = ws.DiagPad;
        Array.Fill(colI, 0.5);
        Array.Fill(diag, 0.5);
        for (var t = 0; t < n; t++)
        {
            colI[t] = u[(t * stride) + i];
            diag[t] = u[(t * stride) + t];
        }

        if (Checks(setting, i, u.AsSpan(i * stride, n), colI, diag) is { } failure)
        {
            return failure;
        }

        var w = setting.Weights;
        var wPad = setting.WeightsPadded;
        var sPad = setting.SalienceTotalsPadded;
        var zero = Vector<double>.Zero;
        var one = Vector<double>.One;
        var tiny = new Vector<double>(1e-10);
        var uii = diag[i];
        var vuii = new Vector<double>(uii);
        var vwi = new Vector<double>(w[i]);
        var tpc = setting.Parameters.ThirdPartyCommit;
        var lanes = Vector<long>.Indices;

        // α and γ depend on the third party only: computed once per t with the same operations as in a lane.
        var alphaT = ws.Pos;
        var gammaT = ws.Neg;
        for (var t = 0; t < n; t++)
        {
            alphaT[t] = KtabThirdParty.Alpha<ScalarLane>(tpc, colI[t], diag[t]);
            gammaT[t] = KtabThirdParty.Gamma<ScalarLane>(tpc, colI[t], diag[t]);
        }

        for (var j0 = 0; j0 < n; j0 += len)
        {
            var ukj = new Vector<double>(u, (i * stride) + j0);
            var uSq = vuii + ukj;
            var uWin = vuii + vuii;
            var uLose = ukj + ukj;
            var a = vwi * (vuii - ukj);
            var b = new Vector<double>(wPad, j0) * (new Vector<double>(colI, j0) - new Vector<double>(diag, j0));
            var cij = (tiny + Vector.Max(a, zero)) + Vector.Max(b, zero);
            var cji = (tiny - Vector.Min(a, zero)) - Vector.Min(b, zero);
            VectorLane a0 = cij;
            VectorLane b0 = cji;
            for (var t = 0; t < n; t++)
            {
                if (t == i)
                {
                    continue;
                }

                VectorLane uni = new Vector<double>(colI[t]);
                VectorLane unn = new Vector<double>(diag[t]);
                VectorLane unj = new Vector<double>(u, (t * stride) + j0);
                var wt = new Vector<double>(wPad[t]);
                VectorLane v = wt * (uni.Value - unj.Value);
                var (pi, pi2) = KtabThirdParty.Contest<VectorLane>(v, a0, b0);
                var (joinI, joinJ) = KtabThirdParty.Joins<VectorLane>(tpc, pi, pi2, new Vector<double>(alphaT[t]), new Vector<double>(gammaT[t]), unj, unn);
                var vn = wt * (joinI.Value - joinJ.Value);
                if (t >= j0 && t < j0 + len)
                {
                    // The lane whose receiver is t: t is a principal there, not a third party.
                    vn = Vector.ConditionalSelect(Vector.Equals(lanes, new Vector<long>(t - j0)), zero, vn);
                }

                cij += Vector.Max(vn, zero);
                cji -= Vector.Min(vn, zero);
            }

            var sum = cij + cji;
            var phi = cij / sum;
            var phi2 = cji / sum;
            var uContest = (phi * uWin) + (phi2 * uLose);
            var sj = new Vector<double>(sPad, j0);
            var uChallenge = ((one - sj) * uWin) + (sj * uContest);
            var gain = uChallenge - uSq;
            var count = Math.Min(len, n - j0);
            for (var l = 0; l < count; l++)
            {
                ws.Phis[j0 + l] = phi[l];
                ws.Gains[j0 + l] = gain[l];
            }
        }

        return null;
    }

    /// <summary>KTAB's checks of §3.4 steps 1 and 3 for every receiver, in scalar (the same values the lanes compute).</summary>
    private static KtabSmpFailure? Checks(KtabSetting setting, int i, ReadOnlySpan<double> rowI, ReadOnlySpan<double> colI, ReadOnlySpan<double> diag)
    {
        var w = setting.Weights;
        var uii = diag[i];
        for (var j = 0; j < rowI.Length; j++)
        {
            if (j == i)
            {
                continue;
            }

            var ukj = rowI[j];
            var uSq = uii + ukj;
            var uLose = ukj + ukj;
            if (!(uSq >= 0 && uSq <= 2 && uii + uii >= 0 && uii + uii <= 2 && uLose >= 0 && uLose <= 2))
            {
                return KtabChallenge.UtilitySumsOutOfRange(i);
            }

            if (setting.IdentityAccommodation && (w[i] * (uii - ukj) < 0 || w[j] * (colI[j] - diag[j]) > 0))
            {
                return KtabChallenge.PrincipalAgainstOwnPosition(w[i] * (uii - ukj) < 0 ? i : j);
            }
        }

        return null;
    }
}
