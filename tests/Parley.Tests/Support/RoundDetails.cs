using Parley.Core.Models;
using Parley.Core.Models.Ktab;

namespace Parley.Tests.Support;

/// <summary>Typed access to the model-specific detail of a round, failing the test when it is of another kind.</summary>
internal static class RoundDetails
{
    /// <summary>The expected-utility detail of <paramref name="round"/>.</summary>
    public static ExpectedUtilityRound Eu(this RoundState round) => Assert.IsType<ExpectedUtilityRound>(round.Detail);

    /// <summary>The KTAB detail of <paramref name="round"/>.</summary>
    public static KtabRound Ktab(this RoundState round) => Assert.IsType<KtabRound>(round.Detail);

    /// <summary>Options with KTAB parameters given by name.</summary>
    public static ModelOptions KtabOptions(IReadOnlyDictionary<string, string> parameters) =>
        new() { Ktab = KtabSmpParameters.Parse(parameters).Value ?? throw new ArgumentException(string.Join("; ", KtabSmpParameters.Parse(parameters).Errors), nameof(parameters)) };
}
