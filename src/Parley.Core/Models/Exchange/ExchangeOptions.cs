namespace Parley.Core.Models.Exchange;

/// <summary>The number type the exchange model computes in.</summary>
public enum ExchangeNumbers
{
    /// <summary>IEEE doubles: fast; matches the reference to 1e-9 or better except where it decides on rounding noise.</summary>
    Binary64,

    /// <summary>The reference's 28-digit decimal arithmetic: reproduces it digit for digit, about a thousand times slower.</summary>
    Decimal28,
}

/// <summary>
/// The exchange model's own options (<see cref="ModelOptions.Exchange"/>; on the command line
/// <c>--param arithmetic=decimal28</c>, <c>--param crossing-tolerance=0</c>). The number of rounds is
/// <see cref="ModelOptions.Rounds"/> (default <see cref="ExchangeModel.DefaultRounds"/>).
/// </summary>
public sealed record ExchangeOptions
{
    /// <summary>The defaults: doubles with a 1e-9 crossing tolerance.</summary>
    public static ExchangeOptions Default { get; } = new();

    /// <summary>The number type.</summary>
    public ExchangeNumbers Numbers { get; init; } = ExchangeNumbers.Binary64;

    /// <summary>In doubles, |T − NBS| at or below this counts as 0 in the NBS crossing test (EXCHANGE-SPEC §9); Decimal28 uses none.</summary>
    public double CrossingTolerance { get; init; } = ExchangeArithmetic.DoubleCrossingTolerance;
}
