namespace Parley.Core.Models.ExpectedUtility;

/// <summary>The two variants of the expected-utility model Parley implements.</summary>
public enum ExpectedUtilityVariant
{
    /// <summary>
    /// Scholz, Calbert &amp; Smith (2011): P(a,b) normalised by the sum of all votes over every pair of
    /// actors; compromise offers ranked by the replication code's quirk; a fixed number of rounds.
    /// </summary>
    Scholz2011,

    /// <summary>
    /// Bueno de Mesquita (1994): P(a,b) + P(b,a) = 1; every actor takes the offer nearest its own
    /// position; runs until the weighted mean settles.
    /// </summary>
    Bdm,
}
