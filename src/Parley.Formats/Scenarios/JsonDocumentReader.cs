using System.Globalization;
using System.Text;
using System.Text.Json;
using Parley.Core;
using Parley.Core.Diagnostics;

namespace Parley.Formats.Scenarios;

/// <summary>
/// Reads strict JSON (no comments, no trailing commas) into a <see cref="DocumentNode"/> tree with
/// line and column for every node, so that JSON is validated by the same code as YAML.
/// </summary>
internal static class JsonDocumentReader
{
    /// <summary>Parses <paramref name="utf8"/> (without BOM); on a syntax error returns null and one diagnostic.</summary>
    public static DocumentNode? Read(ReadOnlySpan<byte> utf8, string fileName, List<Diagnostic> diagnostics)
    {
        var lines = new LineMap(utf8);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false, MaxDepth = Limits.MaxNestingDepth + 1 });
        try
        {
            if (!reader.Read())
            {
                diagnostics.Add(Diagnostic.Error("The file holds no JSON value.", new SourceLocation(fileName, 1, 1), expected: "a JSON object with title, issues and actors"));
                return null;
            }

            var nodes = 0;
            var root = ReadValue(ref reader, utf8, lines, 1, ref nodes);
            while (reader.Read())
            {
                // Reading past the root makes the reader throw on trailing content.
            }

            return root;
        }
        catch (LocatedError e)
        {
            diagnostics.Add(Diagnostic.Error(e.Message, new SourceLocation(fileName, e.Line, e.Column), expected: e.Expected));
            return null;
        }
        catch (JsonException e)
        {
            var line = (int)(e.LineNumber ?? 0);
            var column = lines.Column(utf8, line, (int)(e.BytePositionInLine ?? 0));
            diagnostics.Add(Diagnostic.Error($"Malformed JSON: {Clean(e.Message)}", new SourceLocation(fileName, line + 1, column), expected: "valid JSON (no comments, no trailing commas, keys and strings in double quotes)"));
            return null;
        }
    }

    /// <summary>Reads one value and what it holds, stopping past <see cref="Limits.MaxNestingDepth"/> levels or <see cref="Limits.MaxDocumentNodes"/> values.</summary>
    private static DocumentNode ReadValue(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8, LineMap lines, int depth, ref int nodes)
    {
        var (line, column) = lines.Position(utf8, (int)reader.TokenStartIndex);
        if (depth > Limits.MaxNestingDepth)
        {
            throw new LocatedError(line, column, $"The document nests arrays and objects more than {Limits.MaxNestingDepth} levels deep.", $"at most {Limits.MaxNestingDepth} levels (a scenario needs 6)");
        }

        if (++nodes > Limits.MaxDocumentNodes)
        {
            throw new LocatedError(line, column, $"The document holds more than {Limits.MaxDocumentNodes:#,0} values.", $"at most {Limits.MaxDocumentNodes:#,0} values");
        }

        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
            {
                var entries = new List<MappingEntry>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var (keyLine, keyColumn) = lines.Position(utf8, (int)reader.TokenStartIndex);
                    var key = new ScalarNode(keyLine, keyColumn, Text(ref reader, keyLine, keyColumn), ScalarKind.String);
                    reader.Read();
                    entries.Add(new MappingEntry(key, ReadValue(ref reader, utf8, lines, depth + 1, ref nodes)));
                }

                return new MappingNode(line, column, entries);
            }

            case JsonTokenType.StartArray:
            {
                var items = new List<DocumentNode>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(ReadValue(ref reader, utf8, lines, depth + 1, ref nodes));
                }

                return new SequenceNode(line, column, items);
            }

            case JsonTokenType.String:
                return new ScalarNode(line, column, Text(ref reader, line, column), ScalarKind.String);
            case JsonTokenType.Number:
            {
                var text = Encoding.UTF8.GetString(reader.ValueSpan);
                var value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
                return new ScalarNode(line, column, text, ScalarKind.Number, value);
            }

            case JsonTokenType.True:
                return new ScalarNode(line, column, "true", ScalarKind.Boolean);
            case JsonTokenType.False:
                return new ScalarNode(line, column, "false", ScalarKind.Boolean);
            default:
                return new ScalarNode(line, column, "null", ScalarKind.Null);
        }
    }

    /// <summary>The string at the reader; a \u escape of half a surrogate pair (which System.Text.Json refuses to decode) is a located error.</summary>
    private static string Text(ref Utf8JsonReader reader, int line, int column)
    {
        try
        {
            return reader.GetString() ?? string.Empty;
        }
        catch (InvalidOperationException e)
        {
            throw new LocatedError(line, column, $"Malformed JSON: the text holds an escape that is not a character ({e.Message.TrimEnd('.')}).", "text whose \\u escapes name whole characters (a surrogate pair is two escapes, \\ud83d\\ude00)");
        }
    }

    /// <summary>System.Text.Json appends " LineNumber: 0 | BytePositionInLine: 5."; the location is given separately.</summary>
    private static string Clean(string message)
    {
        var at = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var text = at >= 0 ? message[..at] : message;
        return text.TrimEnd('.', ' ') + ".";
    }

    /// <summary>A document past one of <see cref="Limits"/>, or text that cannot be decoded, at a 1-based line and column.</summary>
    private sealed class LocatedError(int line, int column, string message, string expected) : Exception(message)
    {
        public int Line { get; } = line;

        public int Column { get; } = column;

        public string Expected { get; } = expected;
    }

    /// <summary>Byte offsets of line starts, to turn byte offsets into 1-based lines and character columns.</summary>
    private sealed class LineMap
    {
        private readonly List<int> _starts = [0];

        public LineMap(ReadOnlySpan<byte> utf8)
        {
            for (var i = 0; i < utf8.Length; i++)
            {
                if (utf8[i] == (byte)'\n')
                {
                    _starts.Add(i + 1);
                }
            }
        }

        // The last position asked for: tokens come in file order, so the next column is counted on from
        // here instead of from the start of the line (a minified file is one long line; counting from
        // its start made reading quadratic: 90 s for 10,000 actors, found by the fuzz tests).
        private int _lastLine = -1;
        private int _lastOffset;
        private int _lastColumn;

        /// <summary>1-based line and column of byte offset <paramref name="offset"/>.</summary>
        public (int Line, int Column) Position(ReadOnlySpan<byte> utf8, int offset)
        {
            var index = _starts.BinarySearch(offset);
            var line = index >= 0 ? index : ~index - 1;
            var column = line == _lastLine && offset >= _lastOffset
                ? _lastColumn + Characters(utf8, _lastOffset, offset)
                : Column(utf8, line, offset - _starts[line]);
            (_lastLine, _lastOffset, _lastColumn) = (line, offset, column);
            return (line + 1, column);
        }

        private static int Characters(ReadOnlySpan<byte> utf8, int start, int end)
        {
            var characters = 0;
            for (var i = start; i < Math.Min(end, utf8.Length); i++)
            {
                if ((utf8[i] & 0xC0) != 0x80)
                {
                    characters++;
                }
            }

            return characters;
        }

        /// <summary>1-based character column of the byte <paramref name="bytesInLine"/> bytes into 0-based line <paramref name="line"/>.</summary>
        public int Column(ReadOnlySpan<byte> utf8, int line, int bytesInLine)
        {
            if (line < 0 || line >= _starts.Count)
            {
                return 1;
            }

            var start = _starts[line];
            return Characters(utf8, start, start + Math.Max(0, bytesInLine)) + 1;
        }
    }
}
