using Parley.Core.Simulation;

namespace Parley.Core.Uncertainty;

/// <summary>
/// The random streams of the input draws: one per drawn input and draw, named by the printed seed,
/// the draw number and the input's ids (an actor's capability; a stance's position; its salience),
/// never by its place in the scenario. So an input's draws do not move when other inputs are
/// edited, added, removed or reordered.
/// </summary>
internal static class InputStreams
{
    private const ulong Offset = 0xCBF29CE484222325UL;

    /// <summary>The key of an actor's capability draws.</summary>
    public static ulong Key(string actorId) => Finish(Fnv(Fnv(Offset, '\u0001'), actorId));

    /// <summary>The key of a stance's position draws (<paramref name="salience"/> false) or salience draws.</summary>
    public static ulong Key(string actorId, string issueId, bool salience) =>
        Finish(Fnv(Fnv(Fnv(Fnv(Offset, salience ? '\u0003' : '\u0002'), actorId), '\u0000'), issueId));

    /// <summary><paramref name="rng"/>, set to the stream of the input keyed <paramref name="key"/> in draw <paramref name="draw"/>.</summary>
    public static SeededRandom Stream(SeededRandom rng, ulong seed, int draw, ulong key)
    {
        rng.Reseed(seed ^ key, (ulong)draw);
        return rng;
    }

    // FNV-1a over UTF-16 code units: stable across runtimes (string.GetHashCode is randomised per process).
    private static ulong Fnv(ulong hash, string text)
    {
        foreach (var c in text)
        {
            hash = Fnv(hash, c);
        }

        return hash;
    }

    private static ulong Fnv(ulong hash, char c)
    {
        hash ^= (byte)c;
        hash *= 0x100000001B3UL;
        hash ^= (byte)(c >> 8);
        return hash * 0x100000001B3UL;
    }

    // SplitMix64's finaliser, so that keys of similar ids differ in every bit.
    private static ulong Finish(ulong hash) => SeededRandom.Mix(hash);
}
