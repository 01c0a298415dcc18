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
        var anchors = new Dictionary<string, DocumentNode>(StringComparer.Ordinal);
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
            var root = ReadNode(parser, fileName, anchors, diagnostics);
            Expect<DocumentEnd>(parser);
            if (parser.Current is DocumentStart extra)
            {
                diagnostics.Add(Diagnostic.Error("The file holds more than one YAML document; a scenario is one document.", At(fileName, extra.Start), expected: "a single document (remove the '---' separator)"));
            }

            return root;
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

    private static DocumentNode ReadNode(Parser parser, string fileName, Dictionary<string, DocumentNode> anchors, List<Diagnostic> diagnostics)
    {
        var current = parser.Current ?? throw new YamlException("Unexpected end of file.");
        DocumentNode node;
        switch (current)
        {
            case Scalar scalar:
                parser.MoveNext();
                node = ToScalar(scalar);
                Remember(scalar.Anchor, node, anchors);
                return node;
            case AnchorAlias alias:
                parser.MoveNext();
                if (anchors.TryGetValue(alias.Value.Value, out var target))
                {
                    return target;
                }

                throw new YamlException(alias.Start, alias.End, $"Alias *{alias.Value.Value} refers to no anchor defined before it.");
            case SequenceStart start:
            {
                parser.MoveNext();
                var items = new List<DocumentNode>();
                while (parser.Current is not SequenceEnd)
                {
                    items.Add(ReadNode(parser, fileName, anchors, diagnostics));
                }

                parser.MoveNext();
                node = new SequenceNode((int)start.Start.Line, (int)start.Start.Column, items);
                Remember(start.Anchor, node, anchors);
                return node;
            }

            case MappingStart start:
            {
                parser.MoveNext();
                var entries = new List<MappingEntry>();
                while (parser.Current is not MappingEnd)
                {
                    var keyEvent = parser.Current;
                    var key = ReadNode(parser, fileName, anchors, diagnostics);
                    var value = ReadNode(parser, fileName, anchors, diagnostics);
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
                Remember(start.Anchor, node, anchors);
                return node;
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

    private static void Remember(AnchorName anchor, DocumentNode node, Dictionary<string, DocumentNode> anchors)
    {
        if (!anchor.IsEmpty)
        {
            anchors[anchor.Value] = node;
        }
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
