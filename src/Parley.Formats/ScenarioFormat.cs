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
