namespace Parley.Core.Simulation;

/// <summary>
/// A small, fast, portable pseudo-random generator (xoshiro256**, seeded through SplitMix64).
/// Parley draws every random number from one of these, created from a printed seed and a stream
/// number, so that the same seed gives the same numbers on any machine, runtime version and
/// number of threads: give each independent unit of work (a Monte Carlo draw, a bootstrap
/// replicate) its own stream instead of sharing one generator between threads.
/// </summary>
public sealed class SeededRandom
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>Creates the generator for stream <paramref name="stream"/> of seed <paramref name="seed"/>.</summary>
    public SeededRandom(ulong seed, ulong stream = 0) => Reseed(seed, stream);

    /// <summary>The seed this generator was created from.</summary>
    public ulong Seed { get; private set; }

    /// <summary>The stream number this generator was created with.</summary>
    public ulong Stream { get; private set; }

    /// <summary>Makes this generator stream <paramref name="stream"/> of seed <paramref name="seed"/> from its start, as a new one would be (to draw many short streams without allocating one each).</summary>
    internal void Reseed(ulong seed, ulong stream)
    {
        Seed = seed;
        Stream = stream;
        // Mix seed and stream so that neighbouring streams are unrelated.
        var x = seed ^ (0x9E3779B97F4A7C15UL * (stream + 1));
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1), with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>), without modulo bias.</summary>
    public int NextInt(int maxExclusive)
    {
        Preconditions.Check(maxExclusive > 0, nameof(maxExclusive), "The upper bound must be positive.");
        var bound = (ulong)maxExclusive;
        var threshold = (0UL - bound) % bound;
        while (true)
        {
            var r = NextUInt64();
            if (r >= threshold)
            {
                return (int)(r % bound);
            }
        }
    }

    /// <summary>A standard normal draw (Box–Muller; one draw per call, so streams stay simple to reason about).</summary>
    public double NextGaussian()
    {
        double u1;
        do
        {
            u1 = NextDouble();
        }
        while (u1 <= 0);
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix64(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        return Mix(x);
    }

    /// <summary>SplitMix64's finaliser: a bijection of 64-bit words in which every input bit moves about half the output bits.</summary>
    internal static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
