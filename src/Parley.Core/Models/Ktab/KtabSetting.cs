using System.Numerics;

namespace Parley.Core.Models.Ktab;

/// <summary>
/// What stays fixed while a run goes from turn to turn (until a shock changes it): the actors'
/// capabilities and saliences with the weights derived from them (SMP-SPEC §1.4, §3.4), the
/// accommodation matrix (§3.10), the parameters, and how work is spread over threads.
/// </summary>
internal sealed class KtabSetting
{
    private KtabSetting(double[] capabilities, double[] saliences, int dimensions, KtabSmpParameters parameters, double[]? accommodation, bool scalarChallenges)
    {
        var n = capabilities.Length;
        N = n;
        D = dimensions;
        Capabilities = capabilities;
        Saliences = saliences;
        Parameters = parameters;
        Accommodation = accommodation;
        ScalarChallenges = scalarChallenges;
        SalienceTotals = new double[n];
        Weights = new double[n];
        for (var i = 0; i < n; i++)
        {
            var t = 0.0;
            for (var d = 0; d < dimensions; d++)
            {
                t += saliences[(i * dimensions) + d];
            }

            SalienceTotals[i] = t;
            Weights[i] = t * capabilities[i];
        }

        var stride = ((n + Vector<double>.Count - 1) / Vector<double>.Count) * Vector<double>.Count;
        WeightsPadded = new double[stride];
        SalienceTotalsPadded = new double[stride];
        Array.Fill(WeightsPadded, 1.0);
        Array.Fill(SalienceTotalsPadded, 0.5);
        Weights.CopyTo(WeightsPadded, 0);
        SalienceTotals.CopyTo(SalienceTotalsPadded, 0);
        Loops = new KtabLoops(parameters.Threads, n);
    }

    /// <summary>Number of actors N.</summary>
    public int N { get; }

    /// <summary>Number of dimensions D.</summary>
    public int D { get; }

    /// <summary>Raw capabilities c_i (the weights of the position and bargain elections).</summary>
    public double[] Capabilities { get; }

    /// <summary>Saliences s_{i,d}, actor-major, on [0, 1].</summary>
    public double[] Saliences { get; }

    /// <summary>S_i = Σ_d s_{i,d}, left to right.</summary>
    public double[] SalienceTotals { get; }

    /// <summary>w_i = S_i·c_i, the weights of the challenge votes (§3.4).</summary>
    public double[] Weights { get; }

    /// <summary><see cref="Weights"/> padded to a whole number of vectors with 1.0 (harmless lanes).</summary>
    public double[] WeightsPadded { get; }

    /// <summary><see cref="SalienceTotals"/> padded to a whole number of vectors with 0.5.</summary>
    public double[] SalienceTotalsPadded { get; }

    /// <summary>The accommodation matrix A (row-major), or null when it is the identity (ideals follow positions).</summary>
    public double[]? Accommodation { get; }

    /// <summary>True when A is the identity (‖A − I‖_F &lt; 1e-10): the principals' sign check of §3.4 applies.</summary>
    public bool IdentityAccommodation => Accommodation is null;

    /// <summary>The model parameters.</summary>
    public KtabSmpParameters Parameters { get; }

    /// <summary>Evaluates challenges with the plain scalar code even under the Prop rule (for tests).</summary>
    public bool ScalarChallenges { get; }

    /// <summary>Runs loops over actors, on worker threads when that pays.</summary>
    public KtabLoops Loops { get; }

    /// <summary>Builds the setting; <paramref name="capabilities"/> and <paramref name="saliences"/> must have passed <see cref="Validate"/>.</summary>
    public static KtabSetting Create(double[] capabilities, double[] saliences, int dimensions, KtabSmpParameters parameters, bool scalarChallenges)
    {
        Preconditions.Check(Validate(capabilities, saliences, dimensions, parameters).Count == 0, nameof(capabilities), "The inputs must pass KtabSetting.Validate first.");
        return new KtabSetting(capabilities, saliences, dimensions, parameters, AccommodationMatrix(capabilities.Length, parameters.Accommodation), scalarChallenges);
    }

    /// <summary>The same setting with other capabilities and saliences (after a shock); they must have passed <see cref="Validate"/>.</summary>
    public KtabSetting With(double[] capabilities, double[] saliences)
    {
        Preconditions.Check(ValidateActors(capabilities, saliences, D).Count == 0, nameof(capabilities), "The inputs must pass KtabSetting.Validate first.");
        return new KtabSetting(capabilities, saliences, D, Parameters, Accommodation, ScalarChallenges);
    }

    /// <summary>Every reason KTAB would abort on these inputs before or at their first use (§1.3, §1.5, §3.2.1, §3.2.3, §3.4 step 2).</summary>
    public static List<KtabSmpFailure> Validate(double[] capabilities, double[] saliences, int dimensions, KtabSmpParameters parameters)
    {
        Preconditions.NotNull(capabilities, nameof(capabilities));
        Preconditions.NotNull(saliences, nameof(saliences));
        Preconditions.NotNull(parameters, nameof(parameters));
        Preconditions.Check(capabilities.Length >= 1 && dimensions >= 1 && saliences.Length == capabilities.Length * dimensions, nameof(saliences), "Saliences must hold one value per actor and dimension.");
        var failures = ValidateActors(capabilities, saliences, dimensions);
        failures.AddRange(ValidateAccommodation(capabilities.Length, parameters.Accommodation));
        return failures;
    }

    /// <summary>Capabilities finite and &gt; 0; saliences finite and ≥ 0, not all zero (also in squares, as the distance of §3.2.1 needs), summing to at most 1.</summary>
    public static List<KtabSmpFailure> ValidateActors(double[] capabilities, double[] saliences, int dimensions)
    {
        var failures = new List<KtabSmpFailure>();
        for (var i = 0; i < capabilities.Length; i++)
        {
            var c = capabilities[i];
            if (!(c > 0) || !double.IsFinite(c))
            {
                failures.Add(KtabSmpFailure.Input($"Capability {c} is not a finite number > 0 (KTAB aborts at the first vote).", i, expected: "a capability > 0"));
            }

            double total = 0, squares = 0;
            var negative = false;
            for (var d = 0; d < dimensions; d++)
            {
                var s = saliences[(i * dimensions) + d];
                if (!(s >= 0) || !double.IsFinite(s))
                {
                    failures.Add(KtabSmpFailure.Input($"Salience {s} is not a finite number ≥ 0 (KTAB aborts).", i, d, "a salience from 0 to 1"));
                    negative = true;
                }

                total += s;
                squares += s * s;
            }

            if (negative)
            {
                continue;
            }

            if (!(squares > 0))
            {
                failures.Add(KtabSmpFailure.Input("The actor's saliences are all zero (or too small to square): its salience-weighted distance is undefined (KTAB aborts).", i, expected: "at least one salience > 0"));
            }
            else if (!(total <= 1))
            {
                failures.Add(KtabSmpFailure.Input($"The actor's saliences sum to {total}, more than 1 (KTAB aborts at the first challenge).", i, expected: "saliences summing to at most 1 (100 on KTAB's 0–100 scale)"));
            }
            else if (c > 0 && !(total * c > 0))
            {
                failures.Add(KtabSmpFailure.Input("The actor's capability × total salience rounds to 0: a non-positive voting weight (KTAB aborts).", i, expected: "a larger capability or salience"));
            }
        }

        return failures;
    }

    /// <summary>Accommodation entries name existing actors, lie in [0, 1], and every row's running sum stays ≤ 1 + 1e-10 (§1.5).</summary>
    private static List<KtabSmpFailure> ValidateAccommodation(int n, IReadOnlyList<KtabAccommodation> entries)
    {
        var failures = new List<KtabSmpFailure>();
        if (entries.Count == 0)
        {
            return failures;
        }

        foreach (var e in entries)
        {
            if (e.Actor < 0 || e.Reference < 0 || e.Actor >= n || e.Reference >= n)
            {
                failures.Add(KtabSmpFailure.Input($"Accommodation entry {e.Actor}:{e.Reference} names an actor index outside 0…{n - 1}.", expected: $"actor indices from 0 to {n - 1}"));
            }
        }

        if (failures.Count > 0)
        {
            return failures;
        }

        var a = FullMatrix(n, entries);
        for (var i = 0; i < n; i++)
        {
            var row = 0.0;
            for (var j = 0; j < n; j++)
            {
                var aij = a[(i * n) + j];
                if (!(aij >= 0 && aij <= 1))
                {
                    failures.Add(KtabSmpFailure.Input($"Accommodation A({i},{j}) = {aij} is outside [0, 1] (KTAB aborts).", i, expected: "0 ≤ A(i,j) ≤ 1"));
                    break;
                }

                row += aij;
                if (row > 1 + 1e-10)
                {
                    failures.Add(KtabSmpFailure.Input($"Accommodation row {i} sums to more than 1 (KTAB aborts).", i, expected: "rows of the accommodation matrix summing to at most 1"));
                    break;
                }
            }
        }

        return failures;
    }

    /// <summary>The accommodation matrix, or null when it is the identity within 1e-10 (Frobenius).</summary>
    private static double[]? AccommodationMatrix(int n, IReadOnlyList<KtabAccommodation> entries)
    {
        if (entries.Count == 0)
        {
            return null;
        }

        var a = FullMatrix(n, entries);
        var frob = 0.0;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var diff = a[(i * n) + j] - (i == j ? 1 : 0);
                frob += diff * diff;
            }
        }

        return Math.Sqrt(frob) < 1e-10 ? null : a;
    }

    private static double[] FullMatrix(int n, IReadOnlyList<KtabAccommodation> entries)
    {
        var a = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            a[(i * n) + i] = 1;
        }

        foreach (var e in entries)
        {
            a[(e.Actor * n) + e.Reference] = e.Adjust;
        }

        return a;
    }
}
