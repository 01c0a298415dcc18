namespace Parley.Core.Models.ExpectedUtility;

/// <summary>
/// One round of the expected-utility model on an issue whose weights and saliences stay fixed:
/// a deterministic function of the positions alone (so a round that repeats earlier positions
/// repeats that round's results, see <see cref="RoundLoop"/>).
/// </summary>
internal interface IRoundStep
{
    /// <summary>
    /// Runs one round from the positions <paramref name="x"/> (relative to the lowest initial one):
    /// writes every actor's next position into <paramref name="next"/> and the round's risk
    /// exponents into <paramref name="risk"/>; returns the offers as the run records them, or null.
    /// </summary>
    List<Offer>? Run(ReadOnlySpan<double> x, Span<double> next, Span<double> risk);

    /// <summary>Gives the step back for the next run on this thread.</summary>
    void Release();
}
