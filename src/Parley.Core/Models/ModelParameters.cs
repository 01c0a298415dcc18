using System.Globalization;
using Parley.Core.Diagnostics;
using Parley.Core.Models.Ktab;
using Parley.Core.Text;

namespace Parley.Core.Models;

/// <summary>A model parameter given by name, as on the command line (<c>--param NAME=VALUE</c>) or in a file (a KTAB XML file's model parameters).</summary>
/// <param name="Name">The parameter's name.</param>
/// <param name="Value">Its value as written.</param>
/// <param name="Location">Where it was written, when it came from a file.</param>
public sealed record NamedParameter(string Name, string Value, SourceLocation? Location = null);

/// <summary>
/// The one place that turns named parameters into typed <see cref="ModelOptions"/>: which names
/// exist, which model reads each, and what values are valid. An unknown name or a malformed value
/// is an error with a "did you mean", never silently ignored.
/// </summary>
public static class ModelParameters
{
    /// <summary>The parameter of <c>bdm</c>'s stopping rule.</summary>
    public const string Tolerance = "tolerance";

    /// <summary>The exchange model's arithmetic: <c>double</c> or <c>decimal28</c>.</summary>
    public const string Arithmetic = "arithmetic";

    /// <summary>The exchange model's tolerance on its NBS crossing test, in doubles.</summary>
    public const string CrossingTolerance = "crossing-tolerance";

    /// <summary>Every parameter name with the models that read it.</summary>
    public static IReadOnlyList<(string Name, string Models, string Description)> Known { get; } =
    [
        (Tolerance, "bdm", "stop once the weighted mean moved less than this share of the initial range for 3 rounds (default 1e-4)"),
        .. KtabSmpParameters.Names.Select(n => (n, "ktab-smp", "KTAB SMP parameter (see docs/models/ktab-smp.md)")),
        (Arithmetic, "exchange", "double (default) or decimal28: the reference's 28-digit decimals, to reproduce it digit for digit (slow)"),
        (CrossingTolerance, "exchange", "in doubles, |T - NBS| at or below this counts as 0 in the NBS crossing test (default 1e-9)"),
    ];

    /// <summary>Applies <paramref name="parameters"/> to <paramref name="options"/>; the diagnostics say which were unknown or malformed (and the options are then unchanged by them).</summary>
    public static (ModelOptions Options, IReadOnlyList<Diagnostic> Problems) Apply(ModelOptions options, IEnumerable<NamedParameter> parameters)
    {
        Preconditions.NotNull(options, nameof(options));
        Preconditions.NotNull(parameters, nameof(parameters));
        var problems = new List<Diagnostic>();
        var ktab = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in parameters)
        {
            var name = p.Name.Trim();
            if (string.Equals(name, Tolerance, StringComparison.OrdinalIgnoreCase))
            {
                if (double.TryParse(p.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var t) && t > 0 && double.IsFinite(t))
                {
                    options = options with { Tolerance = t };
                }
                else
                {
                    problems.Add(Diagnostic.Error($"Parameter '{Tolerance}' must be a positive number, not '{p.Value}'.", p.Location, expected: "a number > 0, e.g. 1e-4"));
                }
            }
            else if (string.Equals(name, Arithmetic, StringComparison.OrdinalIgnoreCase))
            {
                var value = p.Value.Trim().ToLowerInvariant();
                if (value is "double" or "decimal28")
                {
                    options = options with { Exchange = (options.Exchange ?? Exchange.ExchangeOptions.Default) with { Numbers = value == "double" ? Exchange.ExchangeNumbers.Binary64 : Exchange.ExchangeNumbers.Decimal28 } };
                }
                else
                {
                    problems.Add(Diagnostic.Error($"Parameter '{Arithmetic}' must be double or decimal28, not '{p.Value}'.{DidYouMean.Hint(value, ["double", "decimal28"])}", p.Location, expected: "double or decimal28"));
                }
            }
            else if (string.Equals(name, CrossingTolerance, StringComparison.OrdinalIgnoreCase))
            {
                if (double.TryParse(p.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var t) && t >= 0 && t < 1 && double.IsFinite(t))
                {
                    options = options with { Exchange = (options.Exchange ?? Exchange.ExchangeOptions.Default) with { CrossingTolerance = t } };
                }
                else
                {
                    problems.Add(Diagnostic.Error($"Parameter '{CrossingTolerance}' must be a number from 0 to below 1, not '{p.Value}'.", p.Location, expected: "a number ≥ 0 and < 1, e.g. 1e-9"));
                }
            }
            else if (KtabSmpParameters.Names.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)) is { } ktabName)
            {
                var parsed = KtabSmpParameters.Parse([new(ktabName, p.Value)], p.Location);
                if (parsed.Succeeded)
                {
                    ktab[ktabName] = p.Value;
                }
                else
                {
                    problems.AddRange(parsed.Errors);
                }
            }
            else
            {
                var names = Known.Select(k => k.Name).ToArray();
                problems.Add(Diagnostic.Error(
                    $"Unknown model parameter '{p.Name}'.{DidYouMean.Hint(name, names)}",
                    p.Location,
                    expected: $"one of: {string.Join(", ", names)}"));
            }
        }

        if (ktab.Count > 0)
        {
            var merged = new Dictionary<string, string>((options.Ktab ?? KtabSmpParameters.Default).ToDictionary(), StringComparer.OrdinalIgnoreCase);
            foreach (var (k, v) in ktab)
            {
                merged[k] = v;
            }

            // Every value was parsed above, so the merged set parses.
            options = options with { Ktab = KtabSmpParameters.Parse(merged).Value! };
        }

        return (options, problems);
    }

    /// <summary>Parses <c>NAME=VALUE</c> as written on the command line; null when there is no '=' or no name.</summary>
    public static NamedParameter? ParseAssignment(string text)
    {
        Preconditions.NotNull(text, nameof(text));
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        return eq <= 0 ? null : new NamedParameter(text[..eq].Trim(), text[(eq + 1)..].Trim());
    }
}
