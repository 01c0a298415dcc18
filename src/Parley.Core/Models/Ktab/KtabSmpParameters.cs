using System.Globalization;
using System.Text;

namespace Parley.Core.Models.Ktab;

/// <summary>How the probability that one coalition beats another is computed (KTAB <c>VictoryProbModel</c>).</summary>
public enum KtabVictoryProbModel
{
    /// <summary>C(i,j) / (C(i,j) + C(j,i)) (KTAB default).</summary>
    Linear = 0,

    /// <summary>Strengths squared before the ratio.</summary>
    Square = 1,

    /// <summary>Strengths to the fourth power before the ratio.</summary>
    Quartic = 2,

    /// <summary>Strengths to the eighth power before the ratio.</summary>
    Octic = 3,

    /// <summary>A step with a narrow linear ramp around a tie.</summary>
    Binary = 4,
}

/// <summary>How a probabilistic Condorcet election turns pairwise victory probabilities into option probabilities (KTAB <c>PCEModel</c>).</summary>
public enum KtabPceModel
{
    /// <summary>Each option's probability is proportional to the product of its pairwise win probabilities (KTAB default).</summary>
    Conditional = 0,

    /// <summary>Markov chain in which support moves in proportion to the incentive to defect.</summary>
    MarkovIncentive = 1,

    /// <summary>Markov chain in which support moves uniformly.</summary>
    MarkovUniform = 2,
}

/// <summary>How each actor picks among its bargains (KTAB <c>StateTransitions</c>).</summary>
public enum KtabStateTransitions
{
    /// <summary>The most probable bargain, the first on ties (KTAB default).</summary>
    Deterministic = 0,

    /// <summary>A bargain drawn with its probability, from Parley's seeded per-actor, per-turn streams.</summary>
    Stochastic = 1,
}

/// <summary>How an actor's utility difference becomes a vote (KTAB <c>VotingRule</c>).</summary>
public enum KtabVotingRule
{
    /// <summary>Weight × sign of the difference (with a 1e-8 ramp).</summary>
    Binary = 0,

    /// <summary>80 % proportional, 20 % binary.</summary>
    PropBin = 1,

    /// <summary>Weight × difference (KTAB default).</summary>
    Prop = 2,

    /// <summary>Half proportional, half cubic.</summary>
    PropCbc = 3,

    /// <summary>Weight × difference cubed.</summary>
    Cubic = 4,

    /// <summary>Asymmetric prospect-theory votes: gains count two thirds of losses.</summary>
    ASymProsp = 5,
}

/// <summary>How an actor estimates another's risk attitude from its own (KTAB <c>BigRAdjust</c>).</summary>
public enum KtabBigRAdjust
{
    /// <summary>Uses its own risk attitude.</summary>
    None = 0,

    /// <summary>(2·own + other's) / 3 (KTAB default).</summary>
    OneThird = 1,

    /// <summary>(own + other's) / 2.</summary>
    Half = 2,

    /// <summary>(own + 2·other's) / 3.</summary>
    TwoThirds = 3,

    /// <summary>The other's true attitude; KTAB's sanity check then always aborts the run.</summary>
    Full = 4,
}

/// <summary>The interval risk attitudes are mapped to (KTAB <c>BigRRange</c>).</summary>
public enum KtabBigRRange
{
    /// <summary>[0, 1].</summary>
    Min = 0,

    /// <summary>[−0.5, 1] (KTAB default).</summary>
    Mid = 1,

    /// <summary>[−1, 1].</summary>
    Max = 2,
}

/// <summary>How committed a third party is to the side it joins in a challenge (KTAB <c>ThirdPartyCommit</c>).</summary>
public enum KtabThirdPartyCommit
{
    /// <summary>Third parties keep their own position whichever side wins.</summary>
    NoCommit = 0,

    /// <summary>Third parties keep their position only when their side wins (KTAB default).</summary>
    SemiCommit = 1,

    /// <summary>Third parties adopt the winner's position.</summary>
    FullCommit = 2,
}

/// <summary>How two positions are interpolated into a bargain (KTAB <c>InterVecBrgn</c>).</summary>
public enum KtabInterVecBrgn
{
    /// <summary>Weights salience × probability, rounded to 0.01 on the 0–100 scale.</summary>
    S1P1 = 0,

    /// <summary>Weights salience² × probability², rounded to 0.01 on the 0–100 scale (KTAB default).</summary>
    S2P2 = 1,

    /// <summary>The weaker side moves toward the stronger by the probability gap; no rounding.</summary>
    S2PMax = 2,
}

/// <summary>Which bargains an initiator proposes (KTAB <c>BargnModel</c>).</summary>
public enum KtabBargnModel
{
    /// <summary>One bargain, interpolated with the initiator's probability estimate (KTAB default).</summary>
    InitOnlyInterp = 0,

    /// <summary>Two bargains: the initiator's interpolation and one from the receiver's estimate.</summary>
    InitRcvrInterp = 1,

    /// <summary>One bargain: the capability-weighted mean of the two interpolations.</summary>
    PWCompInterp = 2,
}

/// <summary>One entry of KTAB's accommodation matrix: how far actor <c>Actor</c>'s ideal follows actor <c>Reference</c>'s position.</summary>
/// <param name="Actor">0-based index of the actor whose ideal adjusts.</param>
/// <param name="Reference">0-based index of the actor whose position it follows.</param>
/// <param name="Adjust">The weight A(Actor, Reference), in [0, 1].</param>
public sealed record KtabAccommodation(int Actor, int Reference, double Adjust);

/// <summary>Every parameter of KTAB's Spatial Model of Politics, with KTAB's defaults.</summary>
public sealed record KtabSmpParameters
{
    /// <summary>KTAB's defaults (those every <c>smpc --csv</c> run uses).</summary>
    public static KtabSmpParameters Default { get; } = new();

    /// <summary>Victory-probability model; default Linear.</summary>
    public KtabVictoryProbModel VictoryProbModel { get; init; } = KtabVictoryProbModel.Linear;

    /// <summary>Probabilistic-Condorcet-election model; default Conditional.</summary>
    public KtabPceModel PceModel { get; init; } = KtabPceModel.Conditional;

    /// <summary>State transitions; default Deterministic.</summary>
    public KtabStateTransitions StateTransitions { get; init; } = KtabStateTransitions.Deterministic;

    /// <summary>Voting rule; default Prop.</summary>
    public KtabVotingRule VotingRule { get; init; } = KtabVotingRule.Prop;

    /// <summary>Risk-attitude estimation; default OneThird.</summary>
    public KtabBigRAdjust BigRAdjust { get; init; } = KtabBigRAdjust.OneThird;

    /// <summary>Risk-attitude range; default Mid.</summary>
    public KtabBigRRange BigRRange { get; init; } = KtabBigRRange.Mid;

    /// <summary>Third-party commitment; default SemiCommit.</summary>
    public KtabThirdPartyCommit ThirdPartyCommit { get; init; } = KtabThirdPartyCommit.SemiCommit;

    /// <summary>Bargain interpolation; default S2P2.</summary>
    public KtabInterVecBrgn InterVecBrgn { get; init; } = KtabInterVecBrgn.S2P2;

    /// <summary>Bargaining model; default InitOnlyInterp.</summary>
    public KtabBargnModel BargnModel { get; init; } = KtabBargnModel.InitOnlyInterp;

    /// <summary>The most turns (steps) a run takes; KTAB's is 100.</summary>
    public int MaxTurns { get; init; } = 100;

    /// <summary>The run stops (after at least 2 turns) when the last turn moved less than this fraction of the first; KTAB's is 0.02.</summary>
    public double StopRatio { get; init; } = 0.02;

    /// <summary>Worker threads; 0 uses every core. Results do not depend on it.</summary>
    public int Threads { get; init; }

    /// <summary>
    /// When true (the default), an actor whose saliences sum to more than 1 over the issues has them
    /// divided by their sum, as Parley scenarios give salience per issue; when false such a scenario
    /// is rejected. KTAB's own files can never hold such sums (its readers reject them), so this
    /// does not change any KTAB run.
    /// </summary>
    public bool NormaliseSaliences { get; init; } = true;

    /// <summary>Off-diagonal or non-unit entries of the accommodation matrix (identity when empty, as for CSV input).</summary>
    public IReadOnlyList<KtabAccommodation> Accommodation { get; init; } = [];

    /// <summary>The parameter names <see cref="Parse"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "VictoryProbModel", "PCEModel", "StateTransitions", "VotingRule", "BigRAdjust", "BigRRange",
        "ThirdPartyCommit", "InterVecBrgn", "BargnModel", "MaxTurns", "StopRatio", "Threads", "NormaliseSaliences", "Accommodation",
    ];

    /// <summary>
    /// Parses parameters by name (case-insensitive names and values). Unknown names or bad values
    /// throw an <see cref="ArgumentException"/> that lists what is valid. <c>Accommodation</c> is
    /// written <c>i:j=a;i:j=a</c> with 0-based actor indices.
    /// </summary>
    public static KtabSmpParameters Parse(IReadOnlyDictionary<string, string>? parameters)
    {
        var p = Default;
        if (parameters is null)
        {
            return p;
        }

        foreach (var (rawName, rawValue) in parameters)
        {
            var name = Names.FirstOrDefault(n => string.Equals(n, rawName?.Trim(), StringComparison.OrdinalIgnoreCase))
                ?? throw new ArgumentException($"Unknown ktab-smp parameter '{rawName}'. Valid names: {string.Join(", ", Names)}.", nameof(parameters));
            var value = (rawValue ?? string.Empty).Trim();
            p = name switch
            {
                "VictoryProbModel" => p with { VictoryProbModel = ParseEnum<KtabVictoryProbModel>(name, value) },
                "PCEModel" => p with { PceModel = ParseEnum<KtabPceModel>(name, value) },
                "StateTransitions" => p with { StateTransitions = ParseEnum<KtabStateTransitions>(name, value) },
                "VotingRule" => p with { VotingRule = ParseEnum<KtabVotingRule>(name, value) },
                "BigRAdjust" => p with { BigRAdjust = ParseEnum<KtabBigRAdjust>(name, value) },
                "BigRRange" => p with { BigRRange = ParseEnum<KtabBigRRange>(name, value) },
                "ThirdPartyCommit" => p with { ThirdPartyCommit = ParseEnum<KtabThirdPartyCommit>(name, value) },
                "InterVecBrgn" => p with { InterVecBrgn = ParseEnum<KtabInterVecBrgn>(name, value) },
                "BargnModel" => p with { BargnModel = ParseEnum<KtabBargnModel>(name, value) },
                "MaxTurns" => p with { MaxTurns = ParseInt(name, value, 1, 100_000) },
                "StopRatio" => p with { StopRatio = ParseDouble(name, value) },
                "Threads" => p with { Threads = ParseInt(name, value, 0, 1024) },
                "NormaliseSaliences" => p with { NormaliseSaliences = ParseBool(name, value) },
                _ => p with { Accommodation = ParseAccommodation(value) },
            };
        }

        return p;
    }

    /// <summary>Null when <paramref name="value"/> is valid for the parameter <paramref name="name"/> (one of <see cref="Names"/>), else what is wrong and what is valid.</summary>
    public static string? Validate(string name, string value)
    {
        Preconditions.NotNull(name, nameof(name));
        Preconditions.NotNull(value, nameof(value));
        value = value.Trim();
        bool IsEnum<T>()
            where T : struct, Enum => Enum.GetNames<T>().Any(v => string.Equals(v, value, StringComparison.OrdinalIgnoreCase));
        string Bad(string valid) => $"Bad value '{value}' for ktab-smp parameter {name}. Valid values: {valid}.";
        return name switch
        {
            "VictoryProbModel" => IsEnum<KtabVictoryProbModel>() ? null : Bad(string.Join(", ", Enum.GetNames<KtabVictoryProbModel>())),
            "PCEModel" => IsEnum<KtabPceModel>() ? null : Bad(string.Join(", ", Enum.GetNames<KtabPceModel>())),
            "StateTransitions" => IsEnum<KtabStateTransitions>() ? null : Bad(string.Join(", ", Enum.GetNames<KtabStateTransitions>())),
            "VotingRule" => IsEnum<KtabVotingRule>() ? null : Bad(string.Join(", ", Enum.GetNames<KtabVotingRule>())),
            "BigRAdjust" => IsEnum<KtabBigRAdjust>() ? null : Bad(string.Join(", ", Enum.GetNames<KtabBigRAdjust>())),
            "BigRRange" => IsEnum<KtabBigRRange>() ? null : Bad(string.Join(", ", Enum.GetNames<KtabBigRRange>())),
            "ThirdPartyCommit" => IsEnum<KtabThirdPartyCommit>() ? null : Bad(string.Join(", ", Enum.GetNames<KtabThirdPartyCommit>())),
            "InterVecBrgn" => IsEnum<KtabInterVecBrgn>() ? null : Bad(string.Join(", ", Enum.GetNames<KtabInterVecBrgn>())),
            "BargnModel" => IsEnum<KtabBargnModel>() ? null : Bad(string.Join(", ", Enum.GetNames<KtabBargnModel>())),
            "MaxTurns" => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var t) && t is >= 1 and <= 100_000 ? null : Bad("an integer from 1 to 100000"),
            "StopRatio" => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var r) && double.IsFinite(r) && r >= 0 ? null : Bad("a finite number ≥ 0"),
            "Threads" => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var th) && th is >= 0 and <= 1024 ? null : Bad("an integer from 0 to 1024"),
            "NormaliseSaliences" => bool.TryParse(value, out _) ? null : Bad("true, false"),
            "Accommodation" => ValidAccommodation(value) ? null : Bad("'i:j=a' entries separated by ';', with 0-based actor indices i, j and 0 ≤ a ≤ 1"),
            _ => $"Unknown ktab-smp parameter '{name}'. Valid names: {string.Join(", ", Names)}.",
        };
    }

    private static bool ValidAccommodation(string value) =>
        value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).All(part =>
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            return colon > 0 && eq > colon
                && int.TryParse(part.AsSpan(0, colon), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= 0
                && int.TryParse(part.AsSpan(colon + 1, eq - colon - 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var j) && j >= 0
                && double.TryParse(part.AsSpan(eq + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var a) && a >= 0 && a <= 1;
        });

    /// <summary>The parameters as the string dictionary <see cref="Parse"/> reads (only those that differ from the defaults).</summary>
    public IReadOnlyDictionary<string, string> ToDictionary()
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        var def = Default;
        void Add<T>(string name, T value, T defValue)
            where T : notnull
        {
            if (!EqualityComparer<T>.Default.Equals(value, defValue))
            {
                d[name] = Convert.ToString(value, CultureInfo.InvariantCulture)!;
            }
        }

        Add("VictoryProbModel", VictoryProbModel, def.VictoryProbModel);
        Add("PCEModel", PceModel, def.PceModel);
        Add("StateTransitions", StateTransitions, def.StateTransitions);
        Add("VotingRule", VotingRule, def.VotingRule);
        Add("BigRAdjust", BigRAdjust, def.BigRAdjust);
        Add("BigRRange", BigRRange, def.BigRRange);
        Add("ThirdPartyCommit", ThirdPartyCommit, def.ThirdPartyCommit);
        Add("InterVecBrgn", InterVecBrgn, def.InterVecBrgn);
        Add("BargnModel", BargnModel, def.BargnModel);
        Add("MaxTurns", MaxTurns, def.MaxTurns);
        Add("StopRatio", StopRatio, def.StopRatio);
        Add("Threads", Threads, def.Threads);
        Add("NormaliseSaliences", NormaliseSaliences, def.NormaliseSaliences);
        if (Accommodation.Count > 0)
        {
            d["Accommodation"] = FormatAccommodation(Accommodation);
        }

        return d;
    }

    /// <summary>Writes accommodation entries as <c>i:j=a;…</c> (round-trip precision).</summary>
    public static string FormatAccommodation(IEnumerable<KtabAccommodation> entries)
    {
        Preconditions.NotNull(entries, nameof(entries));
        var sb = new StringBuilder();
        foreach (var e in entries)
        {
            if (sb.Length > 0)
            {
                sb.Append(';');
            }

            sb.Append(CultureInfo.InvariantCulture, $"{e.Actor}:{e.Reference}={e.Adjust.ToString("R", CultureInfo.InvariantCulture)}");
        }

        return sb.ToString();
    }

    private static T ParseEnum<T>(string name, string value)
        where T : struct, Enum
    {
        foreach (var v in Enum.GetValues<T>())
        {
            if (string.Equals(v.ToString(), value, StringComparison.OrdinalIgnoreCase))
            {
                return v;
            }
        }

        throw new ArgumentException($"Bad value '{value}' for ktab-smp parameter {name}. Valid values: {string.Join(", ", Enum.GetNames<T>())}.", nameof(value));
    }

    private static bool ParseBool(string name, string value) =>
        bool.TryParse(value, out var b) ? b : throw new ArgumentException($"Bad value '{value}' for ktab-smp parameter {name}. Valid values: true, false.", nameof(value));

    private static int ParseInt(string name, string value, int min, int max)
    {
        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max)
        {
            return n;
        }

        throw new ArgumentException($"Bad value '{value}' for ktab-smp parameter {name}. Valid values: an integer from {min} to {max}.", nameof(value));
    }

    private static double ParseDouble(string name, string value)
    {
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x) && x >= 0)
        {
            return x;
        }

        throw new ArgumentException($"Bad value '{value}' for ktab-smp parameter {name}. Valid values: a finite number ≥ 0.", nameof(value));
    }

    private static KtabAccommodation[] ParseAccommodation(string value)
    {
        var list = new List<KtabAccommodation>();
        foreach (var part in value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || eq <= colon
                || !int.TryParse(part.AsSpan(0, colon), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i)
                || !int.TryParse(part.AsSpan(colon + 1, eq - colon - 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var j)
                || !double.TryParse(part.AsSpan(eq + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var a)
                || i < 0 || j < 0 || !(a >= 0 && a <= 1))
            {
                throw new ArgumentException($"Bad entry '{part}' in ktab-smp parameter Accommodation. Valid values: 'i:j=a' entries separated by ';', with 0-based actor indices i, j and 0 ≤ a ≤ 1.", nameof(value));
            }

            list.Add(new KtabAccommodation(i, j, a));
        }

        return [.. list];
    }
}
