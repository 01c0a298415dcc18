using System.Globalization;

namespace Parley.Formats.Scenarios;

/// <summary>The kind of value a scalar holds once its text has been resolved.</summary>
internal enum ScalarKind
{
    /// <summary>Text.</summary>
    String,

    /// <summary>A number (possibly non-finite, e.g. YAML's <c>.inf</c>).</summary>
    Number,

    /// <summary>true or false.</summary>
    Boolean,

    /// <summary>null, <c>~</c> or an empty value.</summary>
    Null,
}

/// <summary>
/// A node of a parsed YAML or JSON document, with the 1-based line and column where it starts.
/// Both formats are read into this tree so that one validator serves both.
/// </summary>
internal abstract class DocumentNode(int line, int column)
{
    /// <summary>1-based line of the node's first character.</summary>
    public int Line { get; } = line;

    /// <summary>1-based column of the node's first character.</summary>
    public int Column { get; } = column;

    /// <summary>Describes the node for a message, e.g. "the text 'high'" or "a list".</summary>
    public abstract string Describe();
}

/// <summary>A scalar value.</summary>
internal sealed class ScalarNode(int line, int column, string text, ScalarKind kind, double number = double.NaN) : DocumentNode(line, column)
{
    /// <summary>The text as written (unquoted).</summary>
    public string Text { get; } = text;

    /// <summary>What the text resolved to.</summary>
    public ScalarKind Kind { get; } = kind;

    /// <summary>The number, when <see cref="Kind"/> is <see cref="ScalarKind.Number"/>.</summary>
    public double Number { get; } = number;

    /// <inheritdoc />
    public override string Describe() => Kind switch
    {
        ScalarKind.String => $"the text '{Truncate(Text)}'",
        ScalarKind.Number => $"the number {Text}",
        ScalarKind.Boolean => $"the boolean {Text}",
        _ => "an empty value",
    };

    /// <summary>Resolves a plain (unquoted) YAML scalar by the YAML 1.2 core schema.</summary>
    public static ScalarNode FromPlainYaml(int line, int column, string text)
    {
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return new ScalarNode(line, column, text, ScalarKind.Null);
            case "true" or "True" or "TRUE" or "false" or "False" or "FALSE":
                return new ScalarNode(line, column, text, ScalarKind.Boolean);
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF":
                return new ScalarNode(line, column, text, ScalarKind.Number, double.PositiveInfinity);
            case "-.inf" or "-.Inf" or "-.INF":
                return new ScalarNode(line, column, text, ScalarKind.Number, double.NegativeInfinity);
            case ".nan" or ".NaN" or ".NAN":
                return new ScalarNode(line, column, text, ScalarKind.Number, double.NaN);
        }

        if (LooksNumeric(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return new ScalarNode(line, column, text, ScalarKind.Number, value);
        }

        return new ScalarNode(line, column, text, ScalarKind.String);
    }

    private static bool LooksNumeric(string text) =>
        // [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?  (YAML 1.2 core schema, decimal only)
        text.Length > 0 && NumberScanner.End(text, 0) == text.Length;

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..37] + "...";
}

/// <summary>One key and its value in a mapping.</summary>
internal sealed record MappingEntry(ScalarNode Key, DocumentNode Value);

/// <summary>A mapping (YAML) or object (JSON). Duplicate keys are kept so that they can be reported.</summary>
internal sealed class MappingNode(int line, int column, IReadOnlyList<MappingEntry> entries) : DocumentNode(line, column)
{
    /// <summary>The entries, in file order, duplicates included.</summary>
    public IReadOnlyList<MappingEntry> Entries { get; } = entries;

    /// <summary>The first entry with key <paramref name="key"/>, or null.</summary>
    public MappingEntry? Find(string key)
    {
        foreach (var entry in Entries)
        {
            if (entry.Key.Text == key)
            {
                return entry;
            }
        }

        return null;
    }

    /// <inheritdoc />
    public override string Describe() => "a mapping (key: value pairs)";
}

/// <summary>A sequence (YAML) or array (JSON).</summary>
internal sealed class SequenceNode(int line, int column, IReadOnlyList<DocumentNode> items) : DocumentNode(line, column)
{
    /// <summary>The items, in file order.</summary>
    public IReadOnlyList<DocumentNode> Items { get; } = items;

    /// <inheritdoc />
    public override string Describe() => "a list";
}
