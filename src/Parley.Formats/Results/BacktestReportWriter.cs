using System.Globalization;
using System.Text;
using System.Text.Json;
using Parley.Core.Backtest;

namespace Parley.Formats.Results;

/// <summary>Where the cases of a backtest came from, for the header of its output.</summary>
/// <param name="File">The file as the user named it.</param>
/// <param name="SkippedWithoutOutcome">Rows skipped because their outcome is empty.</param>
/// <param name="SkippedInvalid">Malformed rows skipped on request.</param>
public sealed record BacktestSource(string File, int SkippedWithoutOutcome = 0, int SkippedInvalid = 0);

/// <summary>Writes a <see cref="BacktestResult"/> as JSON or CSV: the scores per model, and the forecasts per issue.</summary>
public static class BacktestReportWriter
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>The scores as JSON (with the interval scores when the backtest made draws).</summary>
    public static string ToJson(BacktestResult result, BacktestSource source)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(source);
        var document = new
        {
            parley_version = Core.ParleyVersion.Current,
            file = source.File,
            issues = result.CaseCount,
            proposals = result.ProposalCount,
            skippedWithoutOutcome = source.SkippedWithoutOutcome,
            skippedInvalid = source.SkippedInvalid,
            seed = result.Seed,
            replicates = result.Replicates,
            confidence = result.Confidence,
            hitThreshold = result.HitThreshold,
            referenceModel = result.ReferenceModel,
            draws = result.Draws,
            models = result.Models,
            intervals = result.Intervals?.Select(i => new
            {
                model = i.Model,
                coverage = Levels(i.Coverage),
                meanWidth = Levels(i.MeanWidth),
                sensitivityMeanWidth = Levels(i.SensitivityMeanWidth),
            }),
        };
        return JsonSerializer.Serialize(document, s_json) + "\n";
    }

    /// <summary>A model search as JSON: every candidate's scores (with its complexity) and each selection rule's cross-validated score.</summary>
    public static string SearchJson(SearchResult search, BacktestSource source)
    {
        ArgumentNullException.ThrowIfNull(search);
        ArgumentNullException.ThrowIfNull(source);
        var result = search.Candidates;
        var document = new
        {
            parley_version = Core.ParleyVersion.Current,
            file = source.File,
            issues = result.CaseCount,
            proposals = result.ProposalCount,
            seed = result.Seed,
            replicates = result.Replicates,
            confidence = result.Confidence,
            referenceModel = result.ReferenceModel,
            folds = search.Folds,
            candidates = result.Models.Select((m, i) => new { complexity = search.Complexity[i], score = m }),
            rules = search.Procedures.Select(p => new
            {
                rule = ModelSearch.RuleName(p.Rule),
                crossValidated = p.Score,
                foldChoices = p.FoldChoices,
                chosen = p.Chosen,
            }),
        };
        return JsonSerializer.Serialize(document, s_json) + "\n";
    }

    /// <summary>A model search as CSV: the candidates' rows (as <see cref="ToCsv"/>), then one row per selection rule named <c>cv:RULE</c>.</summary>
    public static string SearchCsv(SearchResult search)
    {
        ArgumentNullException.ThrowIfNull(search);
        var scores = search.Candidates.Models.Concat(search.Procedures.Select(p => p.Score)).ToArray();
        return ToCsv(search.Candidates with { Models = scores, Intervals = null });
    }

    /// <summary>The scores as CSV, one row per model (interval columns empty without draws).</summary>
    public static string ToCsv(BacktestResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sb = new StringBuilder("model,mae,median_ae,share_within,mae_low,mae_high,diff_to_reference,diff_low,diff_high,reference,issues,proposals,replicates,seed,draws,coverage_50,coverage_80,coverage_95,width_50,width_80,width_95\n");
        foreach (var m in result.Models)
        {
            var i = result.Intervals?.FirstOrDefault(x => x.Model == m.Model);
            sb.Append(F($"{Quote(m.Model)},{m.MeanAbsoluteError:R},{m.MedianAbsoluteError:R},{m.ShareWithin:R},{m.MaeLow:R},{m.MaeHigh:R},{m.DifferenceToReference:R},{m.DifferenceLow:R},{m.DifferenceHigh:R},{Quote(result.ReferenceModel)},{result.CaseCount},{result.ProposalCount},{result.Replicates},{result.Seed},{result.Draws}"));
            foreach (var dict in new[] { i?.Coverage, i?.MeanWidth })
            {
                foreach (var level in new[] { 50, 80, 95 })
                {
                    sb.Append(',').Append(dict is null ? string.Empty : dict[level].ToString("R", CultureInfo.InvariantCulture));
                }
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>Every model's forecast per issue, as JSON.</summary>
    public static string PerIssueJson(BacktestResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var names = result.Models.Select(m => m.Model).ToArray();
        var document = new
        {
            parley_version = Core.ParleyVersion.Current,
            seed = result.Seed,
            models = names,
            issues = result.Cases.Select(c => new
            {
                proposal = c.ProposalId,
                issue = c.IssueId,
                outcome = c.Outcome,
                forecasts = names.Select((n, k) => (n, k)).ToDictionary(p => p.n, p => c.Forecasts[p.k]),
            }),
        };
        return JsonSerializer.Serialize(document, s_json) + "\n";
    }

    /// <summary>Every model's forecast per issue, as CSV: <c>proposal,issue,outcome,&lt;model&gt;…</c>.</summary>
    public static string PerIssueCsv(BacktestResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sb = new StringBuilder("proposal,issue,outcome," + string.Join(',', result.Models.Select(m => Quote(m.Model))) + "\n");
        foreach (var c in result.Cases)
        {
            sb.Append(F($"{Quote(c.ProposalId)},{Quote(c.IssueId)},{c.Outcome:R},")).Append(string.Join(',', c.Forecasts.Select(f => f.ToString("R", CultureInfo.InvariantCulture)))).Append('\n');
        }

        return sb.ToString();
    }

    private static Dictionary<string, double> Levels(IReadOnlyDictionary<int, double> values) =>
        values.ToDictionary(p => p.Key.ToString(CultureInfo.InvariantCulture), p => p.Value, StringComparer.Ordinal);

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static string Quote(string s) => s.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
