using System.Globalization;
using System.Text.Json.Nodes;
using Json.Schema;
using Parley.Core;
using Parley.Core.Diagnostics;
using Parley.Core.Text;

namespace Parley.Formats.Scenarios;

/// <summary>
/// The structural pass: evaluates a document against <c>schema/parley-scenario.schema.json</c>
/// (JsonSchema.Net) and turns each failure into a diagnostic at the line and column of the node
/// it concerns, with a plain message and what would be valid.
/// </summary>
internal static class SchemaValidator
{
    /// <summary>The resource name of the embedded schema.</summary>
    public const string ResourceName = "parley-scenario.schema.json";

    private static readonly Lazy<(JsonSchema Schema, JsonNode Node)> Loaded = new(Load);

    // One options object for every evaluation: JsonSchema.Net 7.4 rebuilds its cached constraints when
    // it sees new options, and evaluations running in parallel then miss errors at random
    // (json-everything/json-everything#929; found by the reader fuzz test).
    private static readonly EvaluationOptions s_options = new() { OutputFormat = OutputFormat.List };

    /// <summary>The schema text, as embedded in the assembly.</summary>
    public static string SchemaText
    {
        get
        {
            using var stream = typeof(SchemaValidator).Assembly.GetManifestResourceStream(ResourceName)
                ?? throw new InvalidOperationException($"The embedded resource '{ResourceName}' is missing from Parley.Formats.");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }

    /// <summary>Checks <paramref name="root"/> against the schema, adding a diagnostic per failure.</summary>
    public static void Validate(DocumentNode root, string fileName, List<Diagnostic> diagnostics)
    {
        var map = new Dictionary<string, (DocumentNode Value, ScalarNode? Key)>(StringComparer.Ordinal);
        var suppressed = new HashSet<string>(StringComparer.Ordinal);
        var instance = Convert(root, string.Empty, null, map, suppressed, fileName, diagnostics);
        var (schema, schemaNode) = Loaded.Value;
        var results = schema.Evaluate(instance, s_options);
        if (results.IsValid)
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var detail in results.Details.Prepend(results))
        {
            var path = detail.EvaluationPath.ToString();
            var pointer = detail.InstanceLocation.ToString();

            // JsonSchema.Net gives a failed 'not' no message (its subschema's result is valid, the parent
            // fails) and not always the right schema location, so the exclusion is found by its keys.
            if (detail.IsValid && path.EndsWith("/not", StringComparison.Ordinal))
            {
                if (!IsInsideCondition(path[..^"/not".Length]) && !suppressed.Contains(pointer) && map.TryGetValue(pointer, out var excluded) && excluded.Value is MappingNode given)
                {
                    foreach (var keys in Exclusions.Value.Where(keys => keys.All(k => given.Find(k) is not null)))
                    {
                        if (seen.Add($"{pointer}|not|{string.Join(",", keys)}"))
                        {
                            diagnostics.Add(DescribeExclusion(keys, pointer, given, excluded.Key, root, fileName));
                        }
                    }
                }

                continue;
            }

            if (detail.IsValid || !detail.HasErrors || IsInsideCondition(path))
            {
                continue;
            }

            if (suppressed.Contains(pointer) || !map.TryGetValue(pointer, out var target))
            {
                continue;
            }

            var schemaHere = Resolve(schemaNode, path);
            foreach (var (keyword, libraryMessage) in detail.Errors!)
            {
                if (!seen.Add($"{pointer}|{keyword}|{libraryMessage}"))
                {
                    continue;
                }

                diagnostics.AddRange(Describe(keyword, libraryMessage, pointer, target.Value, target.Key, schemaHere, root, fileName));
            }
        }
    }

    /// <summary>
    /// The number as the schema library should compare it. It compares as decimals, which round a
    /// magnitude below 1e-28 to 0, so that -1e-30 would pass "minimum: 0"; such a number is passed on
    /// as ±1e-20, which compares with every bound of the schema (0, 1, 100) as the number itself does.
    /// Messages quote the number as written.
    /// </summary>
    private static double SchemaSafe(double value) => value != 0 && Math.Abs(value) < 1e-20 ? Math.CopySign(1e-20, value) : value;

    private static (JsonSchema, JsonNode) Load()
    {
        var text = SchemaText;
        return (JsonSchema.FromText(text), JsonNode.Parse(text)!);
    }

    /// <summary>
    /// True for results inside an <c>if</c> or a <c>not</c>: their failures are how the condition
    /// is decided, not errors in the file (a failed <c>not</c> is reported at its own keyword).
    /// </summary>
    private static bool IsInsideCondition(string evaluationPath)
    {
        var path = evaluationPath + "/";
        return path.Contains("/if/", StringComparison.Ordinal) || path.Contains("/not/", StringComparison.Ordinal);
    }

    private static JsonNode? Convert(
        DocumentNode node,
        string pointer,
        ScalarNode? key,
        Dictionary<string, (DocumentNode, ScalarNode?)> map,
        HashSet<string> suppressed,
        string fileName,
        List<Diagnostic> diagnostics)
    {
        map[pointer] = (node, key);
        switch (node)
        {
            case MappingNode mapping:
            {
                var obj = new JsonObject();
                foreach (var entry in mapping.Entries)
                {
                    if (obj.ContainsKey(entry.Key.Text))
                    {
                        continue; // Duplicate keys are reported by the semantic pass.
                    }

                    var childPointer = pointer + "/" + Escape(entry.Key.Text);
                    obj[entry.Key.Text] = Convert(entry.Value, childPointer, entry.Key, map, suppressed, fileName, diagnostics);
                }

                return obj;
            }

            case SequenceNode sequence:
            {
                var array = new JsonArray();
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    array.Add(Convert(sequence.Items[i], pointer + "/" + i.ToString(CultureInfo.InvariantCulture), null, map, suppressed, fileName, diagnostics));
                }

                return array;
            }

            case ScalarNode scalar:
                switch (scalar.Kind)
                {
                    case ScalarKind.Number when Limits.WithinMagnitude(scalar.Number):
                        return JsonValue.Create(SchemaSafe(scalar.Number));
                    case ScalarKind.Number:
                    {
                        // Caught here, before the schema library sees them: it compares numbers as decimals (±7.9e28).
                        suppressed.Add(pointer);
                        var (actor, issue) = Context(pointer, null);
                        var at = new SourceLocation(fileName, scalar.Line, scalar.Column);
                        diagnostics.Add(double.IsFinite(scalar.Number)
                            ? Diagnostic.Error($"{Capitalise(FieldName(pointer))} is {scalar.Text}, {RunLimits.MagnitudeProblem(scalar.Number)}.", at, actor, issue, RunLimits.MagnitudeExpected)
                            : Diagnostic.Error($"{Capitalise(FieldName(pointer))} is '{scalar.Text}', which is not a finite number.", at, actor, issue, "a finite number"));
                        return null;
                    }
                    case ScalarKind.Boolean:
                        return JsonValue.Create(scalar.Text.Equals("true", StringComparison.OrdinalIgnoreCase));
                    case ScalarKind.Null:
                        return null;
                    default:
                        return JsonValue.Create(scalar.Text);
                }

            default:
                return null;
        }
    }

    private static IEnumerable<Diagnostic> Describe(
        string keyword,
        string libraryMessage,
        string pointer,
        DocumentNode value,
        ScalarNode? key,
        JsonNode? schemaHere,
        DocumentNode root,
        string fileName)
    {
        var (actor, issue) = Context(pointer, root);
        var at = new SourceLocation(fileName, value.Line, value.Column);
        var atKey = key is null ? at : new SourceLocation(fileName, key.Line, key.Column);
        var field = FieldName(pointer);
        var name = LastSegment(pointer);
        switch (keyword)
        {
            case "required":
            {
                var present = value is MappingNode m ? m.Entries.Select(e => e.Key.Text).ToHashSet(StringComparer.Ordinal) : [];
                var required = schemaHere?["required"]?.AsArray().Select(n => n!.GetValue<string>()) ?? [];
                foreach (var missing in required.Where(r => !present.Contains(r)))
                {
                    var expected = ExpectedOf(schemaHere?["properties"]?[missing], missing);
                    var where = pointer.Length == 0 ? "the scenario" : field;
                    yield return Diagnostic.Error($"Missing required field '{missing}' in {where}.", atKey, actor, issue, $"'{missing}': {expected}");
                }

                yield break;
            }

            case "":
            case "false":
            {
                var parentProperties = ParentProperties(schemaHere);
                var hint = DidYouMean.Hint(name, parentProperties);
                yield return Diagnostic.Error($"Unknown key '{name}'.{hint}", atKey, actor, issue, $"one of: {string.Join(", ", parentProperties)}");
                yield break;
            }

            case "type":
            {
                var expected = ExpectedOf(schemaHere, name);
                var subject = pointer.Length == 0 ? "The scenario" : Capitalise(field);
                var article = pointer.Length == 0 ? "a mapping with title, issues and actors" : expected;
                yield return Diagnostic.Error($"{subject} must be {article}, but is {value.Describe()}.", at, actor, issue, article);
                yield break;
            }

            case "minimum":
            case "maximum":
            {
                var limit = schemaHere?[keyword]?.GetValue<double>() ?? 0;
                var shown = value is ScalarNode s ? s.Text : "?";
                var relation = keyword == "minimum" ? "below the minimum" : "above the maximum";
                var expected = name == "salience" || ParentName(pointer) == "salience_range"
                    ? "a salience from 0 to 1, or from 0 to 100 with 'salience_scale: percent'"
                    : keyword == "minimum" ? $"a number ≥ {Format(limit)}" : $"a number ≤ {Format(limit)}";
                yield return Diagnostic.Error($"{Capitalise(field)} is {shown}, {relation} {Format(limit)}.", at, actor, issue, expected);
                yield break;
            }

            case "minItems" or "maxItems" when IsPair(schemaHere):
            {
                var count = value is SequenceNode list ? list.Items.Count : 0;
                yield return Diagnostic.Error($"{Capitalise(field)} has {count} {(count == 1 ? "number" : "numbers")}; a range has two.", at, actor, issue, $"'{name}: [low, high]', e.g. [40, 60]");
                yield break;
            }

            case "minItems":
                yield return Diagnostic.Error($"{Capitalise(field)} is empty; at least one is needed.", atKey, actor, issue, $"at least one item under '{name}'");
                yield break;

            case "minLength":
                yield return Diagnostic.Error($"{Capitalise(field)} is empty.", at, actor, issue, "non-empty text");
                yield break;
            case "pattern":
            {
                var shown = value is ScalarNode s ? s.Text : string.Empty;
                yield return Diagnostic.Error($"Invalid id '{shown}': an id may hold only letters, digits, '-', '_' and '.'.", at, actor, issue, "an id of letters, digits, '-', '_' and '.', e.g. 'north-korea'");
                yield break;
            }

            case "enum":
            {
                var options = schemaHere?["enum"]?.AsArray().Select(n => n!.ToString()).ToList() ?? [];
                var shown = value is ScalarNode s ? s.Text : value.Describe();
                yield return Diagnostic.Error($"{Capitalise(field)} is '{shown}', which is not allowed.{DidYouMean.Hint(shown, options)}", at, actor, issue, $"one of: {string.Join(", ", options)}");
                yield break;
            }

            default:
                yield return Diagnostic.Error($"{Capitalise(field)}: {libraryMessage}", at, actor, issue);
                yield break;
        }
    }

    /// <summary>Plain words for what a schema node accepts, e.g. "a number ≥ 0".</summary>
    private static string ExpectedOf(JsonNode? schema, string name)
    {
        if (schema is null)
        {
            return "a value";
        }

        if (schema["$ref"] is { } reference)
        {
            var target = reference.GetValue<string>();
            return target.EndsWith("/id", StringComparison.Ordinal) ? "an id (letters, digits, '-', '_', '.')" : ExpectedOf(Navigate(Loaded.Value.Node, target), name);
        }

        if (schema["enum"] is JsonArray options)
        {
            return "one of: " + string.Join(", ", options.Select(o => o!.ToString()));
        }

        var types = schema["type"] switch
        {
            JsonArray several => several.Select(t => t!.GetValue<string>()).ToList(),
            JsonValue one => [one.GetValue<string>()],
            _ => [],
        };
        var text = types.Count == 0 ? "a value" : string.Join(" or ", types.Select(TypeWords));
        if (schema["minimum"] is { } minimum)
        {
            text += $" ≥ {Format(minimum.GetValue<double>())}";
        }

        if (name == "position")
        {
            text += " within the issue's scale";
        }

        return text;
    }

    /// <summary>True for a schema of a two-number range (minItems and maxItems both 2).</summary>
    private static bool IsPair(JsonNode? schema) =>
        schema is JsonObject o && o["minItems"] is JsonValue min && o["maxItems"] is JsonValue max
        && min.GetValue<int>() == 2 && max.GetValue<int>() == 2;

    /// <summary>Every exclusion <c>not: { required: [a, b] }</c> in the schema: keys that may not be given together.</summary>
    private static readonly Lazy<List<string[]>> Exclusions = new(() =>
    {
        var found = new List<string[]>();
        void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    if (o["not"] is JsonObject { Count: 1 } not && not["required"] is JsonArray keys)
                    {
                        found.Add([.. keys.Select(k => k!.GetValue<string>())]);
                    }

                    foreach (var (_, child) in o)
                    {
                        Walk(child);
                    }

                    break;
                case JsonArray a:
                    foreach (var child in a)
                    {
                        Walk(child);
                    }

                    break;
            }
        }

        Walk(Loaded.Value.Node);
        return found;
    });

    /// <summary>"X gives both 'a' and 'b'; give only one of them.", at the later of the keys.</summary>
    private static Diagnostic DescribeExclusion(string[] keys, string pointer, MappingNode given, ScalarNode? key, DocumentNode root, string fileName)
    {
        var (actor, issue) = Context(pointer, root);
        var last = given.Entries.Where(e => keys.Contains(e.Key.Text)).Select(e => e.Key).LastOrDefault() ?? key;
        var where = last is null ? new SourceLocation(fileName, given.Line, given.Column) : new SourceLocation(fileName, last.Line, last.Column);
        var listed = string.Join(" and ", keys.Select(k => $"'{k}'"));
        return Diagnostic.Error($"{Capitalise(FieldName(pointer))} gives both {listed}; give only one of them.", where, actor, issue, "either " + string.Join(" or ", keys.Select(k => $"'{k}'")));
    }

    private static string TypeWords(string type) => type switch
    {
        "number" => "a number",
        "integer" => "a whole number",
        "string" => "text",
        "array" => "a list",
        "object" => "a mapping",
        "boolean" => "true or false",
        _ => "a value",
    };

    private static string? ParentName(string pointer)
    {
        var segments = pointer.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length >= 2 ? Unescape(segments[^2]) : null;
    }

    private static List<string> ParentProperties(JsonNode? additionalPropertiesSchema)
    {
        var parent = additionalPropertiesSchema?.Parent;
        return parent?["properties"] is JsonObject properties ? properties.Select(p => p.Key).ToList() : [];
    }

    /// <summary>
    /// The subschema an evaluation path leads to, following each <c>$ref</c> within the schema.
    /// (The library's own schema locations are not always right for subschemas reached through a
    /// <c>$ref</c> inside <c>allOf</c>, so they are not used.)
    /// </summary>
    private static JsonNode? Resolve(JsonNode root, string evaluationPath)
    {
        JsonNode? node = root;
        foreach (var raw in evaluationPath.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var segment = Unescape(raw);
            node = node switch
            {
                JsonObject o when segment == "$ref" && o["$ref"] is JsonValue reference => Navigate(root, reference.GetValue<string>()),
                JsonObject o => o[segment],
                JsonArray a when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                _ => null,
            };
        }

        return node;
    }

    private static JsonNode? Navigate(JsonNode root, string reference)
    {
        var hash = reference.IndexOf('#', StringComparison.Ordinal);
        var fragment = Uri.UnescapeDataString(hash >= 0 ? reference[(hash + 1)..] : reference);
        JsonNode? node = root;
        foreach (var raw in fragment.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var segment = Unescape(raw);
            node = node switch
            {
                JsonObject o => o[segment],
                JsonArray a when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                _ => null,
            };
        }

        return node;
    }

    /// <summary>The actor and issue a pointer is about: actor id from /actors/N, issue id from /issues/N or a stance key.</summary>
    internal static (string? Actor, string? Issue) Context(string pointer, DocumentNode? root)
    {
        var segments = pointer.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Unescape).ToArray();
        string? actor = null;
        string? issue = null;
        if (segments.Length >= 2 && int.TryParse(segments[1], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            var id = IdAt(root, segments[0], index);
            if (segments[0] == "actors")
            {
                actor = id;
                if (segments.Length >= 4 && segments[2] is "stances" or "capability_by_issue")
                {
                    issue = segments[3];
                }
            }
            else if (segments[0] == "issues")
            {
                issue = id;
            }
        }

        return (actor, issue);
    }

    private static string? IdAt(DocumentNode? root, string list, int index) =>
        root is MappingNode m && m.Find(list)?.Value is SequenceNode s && index < s.Items.Count
            && s.Items[index] is MappingNode item && item.Find("id")?.Value is ScalarNode { Kind: ScalarKind.String } id
            ? id.Text
            : null;

    /// <summary>A readable name for the node at a pointer, e.g. "'capability'" or "item 2 of 'sources'".</summary>
    private static string FieldName(string pointer)
    {
        var segments = pointer.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Unescape).ToArray();
        if (segments.Length == 0)
        {
            return "the scenario";
        }

        var last = segments[^1];
        if (int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && segments.Length >= 2)
        {
            var list = segments[^2];
            return list switch
            {
                "actors" => $"actor number {i + 1}",
                "issues" => $"issue number {i + 1}",
                "anchors" => $"anchor number {i + 1}",
                _ => $"item {i + 1} of '{list}'",
            };
        }

        if (segments.Length >= 2 && segments[^2] == "stances")
        {
            return $"the stance on '{last}'";
        }

        if (segments.Length >= 2 && segments[^2] == "capability_by_issue")
        {
            return $"the capability on '{last}'";
        }

        return $"'{last}'";
    }

    private static string LastSegment(string pointer)
    {
        var slash = pointer.LastIndexOf('/');
        return Unescape(slash >= 0 ? pointer[(slash + 1)..] : pointer);
    }

    private static string Capitalise(string text) =>
        text.Length > 0 && char.IsLower(text[0]) ? char.ToUpperInvariant(text[0]) + text[1..] : text;

    private static string Escape(string segment) => segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static string Unescape(string segment) => segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
