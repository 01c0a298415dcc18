using System.Globalization;
using Parley.Core.Diagnostics;

namespace Parley.Formats.Scenarios;

/// <summary>Typed access to the well-typed parts of a document tree; type errors were reported by the schema pass.</summary>
internal static class NodeValues
{
    /// <summary>The text under <paramref name="key"/>, or null when absent or not text.</summary>
    public static string? Text(MappingNode node, string key) =>
        node.Find(key)?.Value is ScalarNode { Kind: ScalarKind.String } s ? s.Text : null;

    /// <summary>The finite number <paramref name="node"/> holds, or null.</summary>
    public static double? Number(DocumentNode? node) =>
        node is ScalarNode { Kind: ScalarKind.Number } s && double.IsFinite(s.Number) ? s.Number : null;

    /// <summary>A list of exactly two finite numbers, or null.</summary>
    public static (double Low, double High)? Pair(DocumentNode? node) =>
        node is SequenceNode { Items.Count: 2 } list && Number(list.Items[0]) is { } low && Number(list.Items[1]) is { } high
            ? (low, high)
            : null;

    /// <summary>Where <paramref name="node"/> starts in <paramref name="fileName"/>.</summary>
    public static SourceLocation At(string fileName, DocumentNode node) => new(fileName, node.Line, node.Column);

    /// <summary>A number as Parley writes it in messages: shortest round-trip form, invariant culture.</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A range as written in files, e.g. "[40, 60]".</summary>
    public static string Format((double Low, double High) range) => $"[{Format(range.Low)}, {Format(range.High)}]";
}
