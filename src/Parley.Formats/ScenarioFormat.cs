namespace Parley.Formats;

/// <summary>The file formats a scenario can be read from.</summary>
public enum ScenarioFormat
{
    /// <summary>Choose by file extension (.yaml/.yml, .json, .csv recognised by its header), else by content.</summary>
    Auto,

    /// <summary>The hand-written YAML scenario format (docs/scenario-format.md).</summary>
    Yaml,

    /// <summary>JSON with the same keys as the YAML format.</summary>
    Json,

    /// <summary>The classic one-issue table: header <c>Actor,Capability,Position,Salience</c>.</summary>
    ClassicCsv,

    /// <summary>KTAB's SMP table: a line <c>name,description,actors,dimensions</c>, a column line, one row per actor.</summary>
    KtabCsv,

    /// <summary>KTAB's SMP XML scenario, with its model parameters.</summary>
    KtabXml,

    /// <summary>The exchange model's TAB-separated records <c>#A</c>, <c>#P</c>, <c>#M</c>, <c>#D</c> (data/exchange/EXCHANGE-SPEC.md §1).</summary>
    ExchangeCsv,
}

/// <summary>The names of the scenario formats, as <c>--input-format</c> and the web API's <c>?format=</c> write them.</summary>
public static class ScenarioFormatNames
{
    private static readonly Dictionary<string, ScenarioFormat> s_byName = new(StringComparer.Ordinal)
    {
        ["auto"] = ScenarioFormat.Auto,
        ["yaml"] = ScenarioFormat.Yaml,
        ["json"] = ScenarioFormat.Json,
        ["classic-csv"] = ScenarioFormat.ClassicCsv,
        ["ktab-csv"] = ScenarioFormat.KtabCsv,
        ["ktab-xml"] = ScenarioFormat.KtabXml,
        ["exchange-csv"] = ScenarioFormat.ExchangeCsv,
    };

    /// <summary>Every name, in the order above.</summary>
    public static IReadOnlyCollection<string> All => s_byName.Keys;

    /// <summary>The format called <paramref name="name"/> (<paramref name="ignoreCase"/>: in any case), or null.</summary>
    public static ScenarioFormat? Parse(string? name, bool ignoreCase = false) =>
        name is null ? null
        : s_byName.TryGetValue(ignoreCase ? name.ToLowerInvariant() : name, out var format) ? format
        : null;

    /// <summary>The name of <paramref name="format"/>, e.g. <c>ktab-csv</c>.</summary>
    public static string Name(ScenarioFormat format) => s_byName.First(p => p.Value == format).Key;
}
