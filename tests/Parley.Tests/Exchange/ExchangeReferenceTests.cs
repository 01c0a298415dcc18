using System.Globalization;
using Parley.Core.Models.Exchange;
using Parley.Core.Numerics;
using Xunit.Abstractions;

namespace Parley.Tests.Exchange;

/// <summary>
/// The exchange engine against the reference outputs of data/exchange: every position, NBS,
/// exchange field and externality of every round. In 28-digit decimals every value must equal the
/// reference exactly; in doubles every value must lie within 1e-9 of it on the cases the README
/// calls double-safe (all but case04, which the reference decides on decimal rounding noise in
/// round 5 and which is compared up to round 4).
/// </summary>
public sealed class ExchangeReferenceTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-9;

    public static TheoryData<string> DoubleSafeCases => new("example", "case00", "case01", "case02", "case03", "case05");

    public static TheoryData<string> AllCases => new("example", "case00", "case01", "case02", "case03", "case04", "case05");

    private static ExchangeReference Load(string name) => name == "example" ? ExchangeReference.Example() : ExchangeReference.Case(name);

    private static bool Close(double ours, string reference) =>
        Math.Abs(ours - double.Parse(reference, NumberStyles.Float, CultureInfo.InvariantCulture)) <= Tolerance;

    [Theory]
    [MemberData(nameof(DoubleSafeCases))]
    public void In_doubles_every_value_of_a_double_safe_case_is_within_1e_9_of_the_reference(string name)
    {
        var reference = Load(name);
        var trace = reference.Run(ExchangeArithmetic.Binary64());
        var diffs = reference.Differences(trace, Close);
        var worst = Worst(reference, trace);
        output.WriteLine($"{name}: {reference.ValueCount()} values, largest difference {worst:E2}");
        Assert.True(diffs.Count == 0, $"{diffs.Count} differences:\n{string.Join("\n", diffs.Take(20))}");
    }

    [Fact]
    public void In_doubles_case04_matches_the_reference_until_it_decides_on_rounding_noise_in_round_5()
    {
        var reference = ExchangeReference.Case("case04");
        var trace = reference.Run(ExchangeArithmetic.Binary64());
        var diffs = reference.Differences(trace, Close, lastRound: 4);
        output.WriteLine($"case04 rounds 1-4: {reference.ValueCount(4)} values, largest difference {Worst(reference, trace, 4):E2}");
        Assert.True(diffs.Count == 0, $"{diffs.Count} differences:\n{string.Join("\n", diffs.Take(20))}");
    }

    [Fact]
    public void Without_the_crossing_tolerance_doubles_differ_from_case02_only_in_ratio_registers()
    {
        // EXCHANGE-SPEC §9: an NBS that lands exactly on the partner's position is 0 in the reference
        // and ±1e-14 in doubles; taken as a crossing, only the dp/dq registers are rewritten.
        var reference = ExchangeReference.Case("case02");
        var diffs = reference.Differences(reference.Run(ExchangeArithmetic.Binary64(crossingTolerance: 0)), Close);
        Assert.NotEmpty(diffs);
        Assert.All(diffs, d => Assert.Matches(@"^exchange round \d+ seq \d+ d[pq]:", d));
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public void In_28_digit_decimals_every_value_of_every_case_equals_the_reference(string name)
    {
        var reference = Load(name);
        var trace = reference.Run(ExchangeArithmetic.Decimal28());
        var diffs = reference.Differences(trace, (ours, text) => ours == Dec28.Parse(text));
        output.WriteLine($"{name}: {reference.ValueCount()} values compared");
        Assert.True(diffs.Count == 0, $"{diffs.Count} differences:\n{string.Join("\n", diffs.Take(20))}");
    }

    private static double Worst(ExchangeReference reference, ExchangeTrace<double> trace, int? lastRound = null)
    {
        var worst = 0.0;
        reference.Differences(trace, (ours, text) =>
        {
            worst = Math.Max(worst, Math.Abs(ours - double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)));
            return true;
        }, lastRound);
        return worst;
    }
}
