using Parley.Core;
using Parley.Core.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Parley.Formats.Scenarios;

/// <summary>Reads YAML text into a <see cref="DocumentNode"/> tree, keeping every node's line and column.</summary>
internal static class YamlDocumentReader
{
    private const string StringTag = "tag:yaml.org,2002:str";

    /// <summary>Parses <paramref name="text"/>; on a syntax error returns null and one diagnostic at the error's mark.</summary>
    public static DocumentNode? Read(string text, string fileName, List<Diagnostic> diagnostics)
    {
        var anchors = new Anchors();
        var parser = new Parser(new StringReader(text));
        try
        {
            Expect<StreamStart>(parser);
            if (parser.Current is StreamEnd)
            {
                diagnostics.Add(Diagnostic.Error("The file holds no YAML document.", new SourceLocation(fileName, 1, 1), expected: "a scenario mapping with title, issues and actors"));
                return null;
            }

            Expect<DocumentStart>(parser);
            var root = ReadNode(parser, fileName, anchors, diagnostics, 1).Node;
            Expect<DocumentEnd>(parser);
            if (parser.Current is DocumentStart extra)
            {
                diagnostics.Add(Diagnostic.Error("The file holds more than one YAML document; a scenario is one document.", At(fileName, extra.Start), expected: "a single document (remove the '---' separator)"));
            }

            return root;
        }
        catch (DocumentLimitException e)
        {
            diagnostics.Add(Diagnostic.Error(e.Message, At(fileName, e.Mark), expected: e.Expected));
            return null;
        }
        catch (YamlException e)
        {
            var message = e.InnerException is not null && e.Message.Contains("See inner exception", StringComparison.Ordinal) ? e.InnerException.Message : e.Message;
            diagnostics.Add(Diagnostic.Error($"Malformed YAML: {Clean(message)}", At(fileName, e.Start), expected: "valid YAML syntax"));
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            // YamlDotNet's scanner throws these on some malformed input (e.g. an unclosed flow sequence at the end).
            var at = parser.Current?.End ?? Mark.Empty;
            diagnostics.Add(Diagnostic.Error("Malformed YAML: the text after this point cannot be parsed (an unclosed '[', '{' or quote?).", At(fileName, at), expected: "valid YAML syntax"));
            return null;
        }
    }

    private static void Expect<T>(Parser parser) where T : ParsingEvent
    {
        if (parser.Current is null)
        {
            parser.MoveNext();
        }

        if (parser.Current is not T)
        {
            throw new YamlException(parser.Current?.Start ?? Mark.Empty, parser.Current?.End ?? Mark.Empty, $"Unexpected {parser.Current?.GetType().Name ?? "end of file"}.");
        }

        parser.MoveNext();
    }

    /// <summary>
    /// Reads one node and what it holds; returns it with its size in nodes, aliases counted at the
    /// full size of what they stand for, so that nesting past <see cref="Limits.MaxNestingDepth"/>
    /// and documents past <see cref="Limits.MaxDocumentNodes"/> (an alias bomb) stop with an error
    /// before they can exhaust the stack or the memory of the passes that walk the tree.
    /// </summary>
    private static (DocumentNode Node, long Size) ReadNode(Parser parser, string fileName, Anchors anchors, List<Diagnostic> diagnostics, int depth)
    {
        var current = parser.Current ?? throw new YamlException("Unexpected end of file.");
        if (depth > Limits.MaxNestingDepth)
        {
            throw new DocumentLimitException(current.Start, $"The document nests lists and mappings more than {Limits.MaxNestingDepth} levels deep.", $"at most {Limits.MaxNestingDepth} levels (a scenario needs 6)");
        }

        DocumentNode node;
        switch (current)
        {
            case Scalar scalar:
                parser.MoveNext();
                node = ToScalar(scalar);
                return anchors.Count(scalar.Anchor, node, 1, scalar.Start);
            case AnchorAlias alias:
                parser.MoveNext();
                if (anchors.TryGet(alias.Value.Value, out var target))
                {
                    return anchors.Count(AnchorName.Empty, target.Node, target.Size, alias.Start);
                }

                throw new YamlException(alias.Start, alias.End, $"Alias *{alias.Value.Value} refers to no anchor defined before it.");
            case SequenceStart start:
            {
                parser.MoveNext();
                var items = new List<DocumentNode>();
                long size = 1;
                while (parser.Current is not SequenceEnd)
                {
                    var (item, itemSize) = ReadNode(parser, fileName, anchors, diagnostics, depth + 1);
                    items.Add(item);
                    size += itemSize;
                }

                parser.MoveNext();
                node = new SequenceNode((int)start.Start.Line, (int)start.Start.Column, items);
                return anchors.Count(start.Anchor, node, 1, start.Start, size);
            }

            case MappingStart start:
            {
                parser.MoveNext();
                var entries = new List<MappingEntry>();
                long size = 1;
                while (parser.Current is not MappingEnd)
                {
                    var keyEvent = parser.Current;
                    var (key, keySize) = ReadNode(parser, fileName, anchors, diagnostics, depth + 1);
                    var (value, valueSize) = ReadNode(parser, fileName, anchors, diagnostics, depth + 1);
                    size += keySize + valueSize;
                    if (key is ScalarNode scalarKey)
                    {
                        entries.Add(new MappingEntry(scalarKey, value));
                    }
                    else
                    {
                        diagnostics.Add(Diagnostic.Error("A key must be plain text, not a list or mapping.", At(fileName, keyEvent!.Start), expected: "a key such as 'name'"));
                    }
                }

                parser.MoveNext();
                node = new MappingNode((int)start.Start.Line, (int)start.Start.Column, entries);
                return anchors.Count(start.Anchor, node, 1, start.Start, size);
            }

            default:
                throw new YamlException(current.Start, current.End, $"Unexpected {current.GetType().Name}.");
        }
    }

    private static ScalarNode ToScalar(Scalar scalar)
    {
        var line = (int)scalar.Start.Line;
        var column = (int)scalar.Start.Column;
        if (scalar.Tag.IsEmpty is false && scalar.Tag.Value == StringTag)
        {
            return new ScalarNode(line, column, scalar.Value, ScalarKind.String);
        }

        return scalar.Style is ScalarStyle.Plain or ScalarStyle.Any
            ? ScalarNode.FromPlainYaml(line, column, scalar.Value)
            : new ScalarNode(line, column, scalar.Value, ScalarKind.String);
    }

    /// <summary>The anchors defined so far with the expanded size of each, and the running total of nodes.</summary>
    private sealed class Anchors
    {
        private readonly Dictionary<string, (DocumentNode Node, long Size)> _byName = new(StringComparer.Ordinal);
        private long _total;

        public bool TryGet(string name, out (DocumentNode Node, long Size) target) => _byName.TryGetValue(name, out target);

        /// <summary>
        /// Counts a node just read: a leaf or an alias adds <paramref name="added"/> to the total; a
        /// collection's children were counted already, so it adds one and has size <paramref name="size"/>.
        /// </summary>
        public (DocumentNode Node, long Size) Count(AnchorName anchor, DocumentNode node, long added, Mark at, long? size = null)
        {
            _total += added;
            if (_total > Limits.MaxDocumentNodes)
            {
                throw new DocumentLimitException(at, $"The document holds more than {Limits.MaxDocumentNodes:#,0} values, aliases counted at their full size.", $"at most {Limits.MaxDocumentNodes:#,0} values (YAML aliases that repeat aliases multiply)");
            }

            var result = (node, size ?? added);
            if (!anchor.IsEmpty)
            {
                _byName[anchor.Value] = result;
            }

            return result;
        }
    }

    /// <summary>A document past one of <see cref="Limits"/>: reported at <see cref="Mark"/>.</summary>
    private sealed class DocumentLimitException(Mark mark, string message, string expected) : Exception(message)
    {
        public Mark Mark { get; } = mark;

        public string Expected { get; } = expected;
    }

    private static SourceLocation At(string fileName, Mark mark) =>
        new(fileName, (int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column));

    /// <summary>YamlDotNet prefixes its messages with "(Line: 3, Col: 5, Idx: 20) - (…): "; the location is given separately.</summary>
    private static string Clean(string message)
    {
        var text = message;
        while (text.StartsWith("(Line:", StringComparison.Ordinal))
        {
            var close = text.IndexOf(')', StringComparison.Ordinal);
            if (close < 0)
            {
                break;
            }

            text = text[(close + 1)..].TrimStart(' ', '-', ':');
        }

        return text.Length == 0 ? message : text;
    }
}
