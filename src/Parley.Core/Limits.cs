namespace Parley.Core;

/// <summary>
/// The sizes Parley accepts, in one place (documented in docs/limits.md). Readers check them while
/// reading — the file size before the file is read, counts before anything is built from them — and
/// <see cref="RunLimits.Check"/> checks a scenario and run options before a model allocates anything,
/// so that a file past a limit gets a located error instead of an out-of-memory crash or a result
/// that overflowed to infinity.
/// </summary>
public static class Limits
{
    /// <summary>The largest scenario or data file read: 16 MiB (a 2,000-actor, 10-issue YAML file with rationales is about 6 MB).</summary>
    public const long MaxFileBytes = 16L * 1024 * 1024;

    /// <summary>The most actors in a scenario. The expected-utility models keep four n × n tables: 128 MB at 2,000 actors (3.2 GB at 10,000).</summary>
    public const int MaxActors = 2_000;

    /// <summary>The most issues in a scenario.</summary>
    public const int MaxIssues = 200;

    /// <summary>The most stances (actor × issue pairs with a position) in a scenario.</summary>
    public const int MaxStances = 20_000;

    /// <summary>
    /// The most rounds a model may be asked to run (<c>--rounds</c>; <see cref="Models.ModelOptions.MaxRounds"/>):
    /// beyond it a run is a usage error, not hours of work. What a long run keeps is bounded by <see cref="MaxPathPositions"/>.
    /// </summary>
    public const int MaxRounds = 10_000;

    /// <summary>
    /// The most positions one model run may keep on its path: (rounds + 1) × stances. Reached only
    /// when rounds are asked for: the defaults (at most 100 rounds) stay within it for any scenario
    /// within <see cref="MaxStances"/>.
    /// </summary>
    public const long MaxPathPositions = 5_000_000;

    /// <summary>
    /// The largest magnitude of any number in a scenario (positions, scale bounds, anchors,
    /// capabilities, saliences): 1e15. Every integer up to it is exact in a double, and weighted sums of
    /// <see cref="MaxActors"/> products of such numbers stay far from overflow.
    /// </summary>
    public const double MaxMagnitude = 1e15;

    /// <summary>
    /// The smallest magnitude of a number other than 0 in a scenario: 1e-100. Below it, products of a
    /// capability, a salience and a position fall into the range where doubles lose their precision
    /// (a weighted mean of positions near 1e-300 lands outside their range); write 0 for none.
    /// </summary>
    public const double MinMagnitude = 1e-100;

    /// <summary>The deepest nesting of lists and mappings in a YAML or JSON file (a scenario needs 6) and of elements in an XML file.</summary>
    public const int MaxNestingDepth = 64;

    /// <summary>
    /// The most values (scalars, lists and mappings) a YAML or JSON document may hold, YAML aliases
    /// counted at their full expanded size, so that an alias bomb stops here; and the most elements of
    /// an XML file. A scenario at every limit above (20,000 stances with rationales and per-issue
    /// capabilities) holds about 230,000.
    /// </summary>
    public const int MaxDocumentNodes = 300_000;

    /// <summary>The most actors <c>ktab-smp</c> runs: KTAB's own limit for its files, 250 (its cost grows faster than n³).</summary>
    public const int MaxKtabSmpActors = 250;

    /// <summary>The most errors reported for one file; past it the reader stops and says how many it left out.</summary>
    public const int MaxReportedErrors = 100;

    /// <summary>True when <paramref name="value"/> is 0, or finite with a magnitude from <see cref="MinMagnitude"/> to <see cref="MaxMagnitude"/>.</summary>
    public static bool WithinMagnitude(double value) =>
        value == 0 || (double.IsFinite(value) && Math.Abs(value) is >= MinMagnitude and <= MaxMagnitude);
}
