using System.Numerics;
using System.Runtime.CompilerServices;

namespace Parley.Core.Models.Ktab;

/// <summary>
/// A third party's part in a challenge of i against j (SMP-SPEC §3.4 step 5), written once for
/// one value (<see cref="ScalarLane"/>) and for a vector of independent challenges side by side
/// (<see cref="VectorLane"/>): the little contest, the table of the four outcome utilities for each
/// <see cref="KtabThirdPartyCommit"/> and the two utilities of joining. Every lane performs the same
/// operations in the same order, so both are bit-identical to the specification. α and γ depend on
/// the third party only, so a caller evaluating many receivers computes them once per third party.
/// </summary>
internal static class KtabThirdParty
{
    /// <summary>
    /// The little contest: π = ci / (ci + cj) and π′ = 1 − π, where third party n's vote
    /// <paramref name="v"/> for i over j is added to A0 = <paramref name="a0"/> when positive and to
    /// B0 = <paramref name="b0"/> when negative (A0, B0 &gt; 0, so adding the +0 of the other case changes nothing).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (TLane Pi, TLane Pi2) Contest<TLane>(TLane v, TLane a0, TLane b0)
        where TLane : struct, ILane<TLane>
    {
        var ci = a0 + TLane.Positive(v);
        var cj = b0 - TLane.Negative(v);
        var pi = ci / (ci + cj);
        return (pi, TLane.One - pi);
    }

    /// <summary>α, the utility to n of "n with i wins": U(n,i)+U(n,i) plus U(n,i) under FullCommit, else U(n,n).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TLane Alpha<TLane>(KtabThirdPartyCommit tpc, TLane uni, TLane unn)
        where TLane : struct, ILane<TLane> => (uni + uni) + (tpc == KtabThirdPartyCommit.FullCommit ? uni : unn);

    /// <summary>γ, the utility to n of "i beats j and n": U(n,i)+U(n,i) plus U(n,n) under NoCommit, else U(n,i).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TLane Gamma<TLane>(KtabThirdPartyCommit tpc, TLane uni, TLane unn)
        where TLane : struct, ILane<TLane> => (uni + uni) + (tpc == KtabThirdPartyCommit.NoCommit ? unn : uni);

    /// <summary>
    /// The utilities to n of joining i, (π·α) + (π′·β), and of joining j, (π·γ) + (π′·ε), where
    /// β ("j beats i and n") is U(n,j)+U(n,j) plus U(n,n) under NoCommit, else U(n,j), and
    /// ε ("n with j wins") is U(n,j)+U(n,j) plus U(n,j) under FullCommit, else U(n,n).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (TLane JoinI, TLane JoinJ) Joins<TLane>(KtabThirdPartyCommit tpc, TLane pi, TLane pi2, TLane alpha, TLane gamma, TLane unj, TLane unn)
        where TLane : struct, ILane<TLane>
    {
        var unj2 = unj + unj;
        var beta = unj2 + (tpc == KtabThirdPartyCommit.NoCommit ? unn : unj);
        var epsilon = unj2 + (tpc == KtabThirdPartyCommit.FullCommit ? unj : unn);
        return ((pi * alpha) + (pi2 * beta), (pi * gamma) + (pi2 * epsilon));
    }
}

/// <summary>The arithmetic <see cref="KtabThirdParty"/> needs, for one value or a vector of values.</summary>
/// <typeparam name="TSelf">The lane type.</typeparam>
internal interface ILane<TSelf>
    where TSelf : struct, ILane<TSelf>
{
    /// <summary>1.0 in every lane.</summary>
    static abstract TSelf One { get; }

    /// <summary>x where x &gt; 0, else +0.</summary>
    static abstract TSelf Positive(TSelf x);

    /// <summary>x where x &lt; 0, else +0.</summary>
    static abstract TSelf Negative(TSelf x);

    /// <summary>Lane-wise sum.</summary>
    static abstract TSelf operator +(TSelf a, TSelf b);

    /// <summary>Lane-wise difference.</summary>
    static abstract TSelf operator -(TSelf a, TSelf b);

    /// <summary>Lane-wise product.</summary>
    static abstract TSelf operator *(TSelf a, TSelf b);

    /// <summary>Lane-wise quotient.</summary>
    static abstract TSelf operator /(TSelf a, TSelf b);
}

/// <summary>One double.</summary>
/// <param name="Value">The value.</param>
internal readonly record struct ScalarLane(double Value) : ILane<ScalarLane>
{
    /// <inheritdoc />
    public static ScalarLane One => new(1.0);

    /// <summary>Wraps a double.</summary>
    public static implicit operator ScalarLane(double value) => new(value);

    /// <summary>Unwraps the double.</summary>
    public static implicit operator double(ScalarLane lane) => lane.Value;

    /// <inheritdoc />
    public static ScalarLane Positive(ScalarLane x) => x.Value > 0 ? x : new(0.0);

    /// <inheritdoc />
    public static ScalarLane Negative(ScalarLane x) => x.Value < 0 ? x : new(0.0);

    /// <inheritdoc />
    public static ScalarLane operator +(ScalarLane a, ScalarLane b) => new(a.Value + b.Value);

    /// <inheritdoc />
    public static ScalarLane operator -(ScalarLane a, ScalarLane b) => new(a.Value - b.Value);

    /// <inheritdoc />
    public static ScalarLane operator *(ScalarLane a, ScalarLane b) => new(a.Value * b.Value);

    /// <inheritdoc />
    public static ScalarLane operator /(ScalarLane a, ScalarLane b) => new(a.Value / b.Value);
}

/// <summary>A vector of independent doubles.</summary>
/// <param name="Value">The vector.</param>
internal readonly record struct VectorLane(Vector<double> Value) : ILane<VectorLane>
{
    /// <inheritdoc />
    public static VectorLane One => new(Vector<double>.One);

    /// <summary>Wraps a vector.</summary>
    public static implicit operator VectorLane(Vector<double> value) => new(value);

    /// <summary>Unwraps the vector.</summary>
    public static implicit operator Vector<double>(VectorLane lane) => lane.Value;

    /// <inheritdoc />
    public static VectorLane Positive(VectorLane x) => new(Vector.ConditionalSelect(Vector.GreaterThan(x.Value, Vector<double>.Zero), x.Value, Vector<double>.Zero));

    /// <inheritdoc />
    public static VectorLane Negative(VectorLane x) => new(Vector.ConditionalSelect(Vector.LessThan(x.Value, Vector<double>.Zero), x.Value, Vector<double>.Zero));

    /// <inheritdoc />
    public static VectorLane operator +(VectorLane a, VectorLane b) => new(a.Value + b.Value);

    /// <inheritdoc />
    public static VectorLane operator -(VectorLane a, VectorLane b) => new(a.Value - b.Value);

    /// <inheritdoc />
    public static VectorLane operator *(VectorLane a, VectorLane b) => new(a.Value * b.Value);

    /// <inheritdoc />
    public static VectorLane operator /(VectorLane a, VectorLane b) => new(a.Value / b.Value);
}
