using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using Parley.Core.Diagnostics;
using Parley.Core.Text;

namespace Parley.Core.Models.Ktab;

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

    /// <summary>Worker threads; 0 lets the runtime choose (its thread pool, about one thread per core). Results do not depend on it.</summary>
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

    /// <summary>The parameter names <see cref="Parse(IEnumerable{KeyValuePair{string, string}}?, SourceLocation?)"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "VictoryProbModel", "PCEModel", "StateTransitions", "VotingRule", "BigRAdjust", "BigRRange",
        "ThirdPartyCommit", "InterVecBrgn", "BargnModel", "MaxTurns", "StopRatio", "Threads", "NormaliseSaliences", "Accommodation",
    ];

    /// <summary>
    /// Parses parameters from name/value pairs (names and values case-insensitive, surrounding
    /// blanks ignored). An unknown name (with a "did you mean"), a name given twice or a malformed
    /// value (with what is valid) is an error diagnostic, and the result then has no value.
    /// <c>Accommodation</c> is written <c>i:j=a;i:j=a</c> with 0-based actor indices.
    /// </summary>
    /// <param name="pairs">The parameters by name; null or empty gives <see cref="Default"/>.</param>
    /// <param name="location">Where the parameters come from, for the diagnostics.</param>
    public static ReadResult<KtabSmpParameters> Parse(IEnumerable<KeyValuePair<string, string>>? pairs, SourceLocation? location = null)
    {
        var p = Default;
        var diagnostics = new List<Diagnostic>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (rawName, rawValue) in pairs ?? [])
        {
            var given = (rawName ?? string.Empty).Trim();
            var name = Names.FirstOrDefault(n => string.Equals(n, given, StringComparison.OrdinalIgnoreCase));
            if (name is null)
            {
                diagnostics.Add(Diagnostic.Error($"Unknown ktab-smp parameter '{given}'.{DidYouMean.Hint(given, Names)}", location, expected: "one of " + string.Join(", ", Names)));
                continue;
            }

            if (!seen.Add(name))
            {
                diagnostics.Add(Diagnostic.Error($"The ktab-smp parameter {name} is given more than once.", location, expected: "each parameter at most once"));
                continue;
            }

            var value = (rawValue ?? string.Empty).Trim();
            (KtabSmpParameters? Value, string Expected, string Hint) next = name switch
            {
                "VictoryProbModel" => ParseEnum<KtabVictoryProbModel>(value, v => p with { VictoryProbModel = v }),
                "PCEModel" => ParseEnum<KtabPceModel>(value, v => p with { PceModel = v }),
                "StateTransitions" => ParseEnum<KtabStateTransitions>(value, v => p with { StateTransitions = v }),
                "VotingRule" => ParseEnum<KtabVotingRule>(value, v => p with { VotingRule = v }),
                "BigRAdjust" => ParseEnum<KtabBigRAdjust>(value, v => p with { BigRAdjust = v }),
                "BigRRange" => ParseEnum<KtabBigRRange>(value, v => p with { BigRRange = v }),
                "ThirdPartyCommit" => ParseEnum<KtabThirdPartyCommit>(value, v => p with { ThirdPartyCommit = v }),
                "InterVecBrgn" => ParseEnum<KtabInterVecBrgn>(value, v => p with { InterVecBrgn = v }),
                "BargnModel" => ParseEnum<KtabBargnModel>(value, v => p with { BargnModel = v }),
                "MaxTurns" => ParseInt(value, 1, MaxTurnsLimit, v => p with { MaxTurns = v }),
                "StopRatio" => ParseDouble(value, v => p with { StopRatio = v }),
                "Threads" => ParseInt(value, 0, 1024, v => p with { Threads = v }),
                "NormaliseSaliences" => bool.TryParse(value, out var b) ? (p with { NormaliseSaliences = b }, string.Empty, string.Empty) : (null, "true or false", string.Empty),
                _ => ParseAccommodation(value, v => p with { Accommodation = v }),
            };
            if (next.Value is { } parsed)
            {
                p = parsed;
            }
            else
            {
                diagnostics.Add(Diagnostic.Error($"Bad value '{value}' for ktab-smp parameter {name}.{next.Hint}", location, expected: next.Expected));
            }
        }

        return diagnostics.Count > 0 ? ReadResult<KtabSmpParameters>.Failure(diagnostics) : new ReadResult<KtabSmpParameters>(p, diagnostics);
    }

    /// <summary>Parses <c>Name=Value</c> assignments (e.g. from the command line) as <see cref="Parse(IEnumerable{KeyValuePair{string, string}}?, SourceLocation?)"/> does; an assignment without '=' is an error.</summary>
    public static ReadResult<KtabSmpParameters> ParseAssignments(IEnumerable<string> assignments, SourceLocation? location = null)
    {
        Preconditions.NotNull(assignments, nameof(assignments));
        var pairs = new List<KeyValuePair<string, string>>();
        var diagnostics = new List<Diagnostic>();
        foreach (var assignment in assignments)
        {
            var eq = assignment.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                diagnostics.Add(Diagnostic.Error($"'{assignment}' is not a ktab-smp parameter assignment.", location, expected: "Name=Value, e.g. VotingRule=Binary"));
                continue;
            }

            pairs.Add(new(assignment[..eq], assignment[(eq + 1)..]));
        }

        var result = Parse(pairs, location);
        return diagnostics.Count > 0 ? ReadResult<KtabSmpParameters>.Failure([.. diagnostics, .. result.Diagnostics]) : result;
    }

    /// <summary>Parses as <see cref="Parse(IEnumerable{KeyValuePair{string, string}}?, SourceLocation?)"/> does: true and the parameters, or false and the errors.</summary>
    public static bool TryParse(IEnumerable<KeyValuePair<string, string>>? pairs, [NotNullWhen(true)] out KtabSmpParameters? parameters, out IReadOnlyList<Diagnostic> diagnostics)
    {
        var result = Parse(pairs);
        parameters = result.Succeeded ? result.Value : null;
        diagnostics = result.Diagnostics;
        return parameters is not null;
    }

    /// <summary>The parameters as the name/value pairs <see cref="Parse(IEnumerable{KeyValuePair{string, string}}?, SourceLocation?)"/> reads (only those that differ from the defaults).</summary>
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

    /// <summary>The most turns <see cref="Parse(IEnumerable{KeyValuePair{string, string}}?, SourceLocation?)"/> accepts for <see cref="MaxTurns"/>.</summary>
    public const int MaxTurnsLimit = 100_000;

    private static (KtabSmpParameters? Value, string Expected, string Hint) ParseEnum<T>(string value, Func<T, KtabSmpParameters> with)
        where T : struct, Enum
    {
        foreach (var v in Enum.GetValues<T>())
        {
            if (string.Equals(v.ToString(), value, StringComparison.OrdinalIgnoreCase))
            {
                return (with(v), string.Empty, string.Empty);
            }
        }

        return (null, "one of " + string.Join(", ", Enum.GetNames<T>()), DidYouMean.Hint(value, Enum.GetNames<T>()));
    }

    private static (KtabSmpParameters? Value, string Expected, string Hint) ParseInt(string value, int min, int max, Func<int, KtabSmpParameters> with) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? (with(n), string.Empty, string.Empty)
            : (null, $"an integer from {min} to {max}", string.Empty);

    private static (KtabSmpParameters? Value, string Expected, string Hint) ParseDouble(string value, Func<double, KtabSmpParameters> with) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x) && x >= 0
            ? (with(x), string.Empty, string.Empty)
            : (null, "a finite number ≥ 0", string.Empty);

    private static (KtabSmpParameters? Value, string Expected, string Hint) ParseAccommodation(string value, Func<KtabAccommodation[], KtabSmpParameters> with)
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
                return (null, "'i:j=a' entries separated by ';', with 0-based actor indices i, j and 0 ≤ a ≤ 1", $" The entry '{part}' is not of that form.");
            }

            list.Add(new KtabAccommodation(i, j, a));
        }

        return (with([.. list]), string.Empty, string.Empty);
    }
}
