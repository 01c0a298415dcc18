using System.Globalization;
using Parley.Core.Diagnostics;
using Parley.Core.Text;

namespace Parley.Core.Scenarios.Edits;

/// <summary>
/// Reads edits written in the command-line grammar: <c>ACTOR.ISSUE.position=V</c>,
/// <c>ACTOR.ISSUE.salience=V</c>, <c>ACTOR.capability=V</c> (every issue),
/// <c>ACTOR.ISSUE.capability=V</c> (one issue); <c>*=F</c> instead of <c>=</c> scales; an
/// optional suffix <c>@N</c> makes the edit strike after round N. <c>--drop ACTOR[@N]</c> is read
/// by <see cref="ParseDrop"/>. Problems are returned as diagnostics, never thrown.
/// </summary>
public static class ScenarioEditParser
{
    /// <summary>The grammar, as shown in error messages.</summary>
    public const string Grammar = "ACTOR.ISSUE.position=V, ACTOR.ISSUE.salience=V, ACTOR.capability=V or ACTOR.ISSUE.capability=V; '*=F' to scale; an optional '@N' to strike after round N";

    private static readonly string[] FieldNames = ["position", "salience", "capability"];

    /// <summary>
    /// Reads one <c>--set</c> edit. Ids may hold '.': when <paramref name="scenario"/> is given, the
    /// split between actor and issue is the one that names a known actor and issue; otherwise (or
    /// when none does) the first '.' separates them.
    /// </summary>
    public static ReadResult<ScenarioEdit> Parse(string text, Scenario? scenario = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        var equals = trimmed.LastIndexOf('=');
        if (equals < 0)
        {
            return Fail($"The edit '{trimmed}' has no '=' (or '*=' to scale).", Grammar);
        }

        var left = trimmed[..equals];
        var operation = EditOperation.Set;
        if (left.EndsWith('*'))
        {
            operation = EditOperation.Scale;
            left = left[..^1];
        }

        var right = trimmed[(equals + 1)..].Trim();
        var at = right.LastIndexOf('@');
        var valueText = at >= 0 ? right[..at].Trim() : right;
        int? round = null;
        if (at >= 0)
        {
            var parsed = ParseRound(right[(at + 1)..].Trim(), trimmed);
            if (parsed.Error is not null)
            {
                return ReadResult<ScenarioEdit>.Failure(parsed.Error);
            }

            round = parsed.Round;
        }

        if (!double.TryParse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            return Fail($"The edit '{trimmed}' has the value '{valueText}', which is not a finite number.", "a number with '.' as the decimal point, e.g. 0.2");
        }

        var target = ParseTarget(left, scenario);
        if (!target.Succeeded)
        {
            return ReadResult<ScenarioEdit>.Failure(target.Diagnostics);
        }

        return new ReadResult<ScenarioEdit>(target.Value!.ToEdit(operation, value, round), []);
    }

    /// <summary>Reads one <c>--drop</c> edit: <c>ACTOR</c>, or <c>ACTOR@N</c> to drop it after round N.</summary>
    public static ReadResult<ScenarioEdit> ParseDrop(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        var at = trimmed.LastIndexOf('@');
        var actor = (at >= 0 ? trimmed[..at] : trimmed).Trim();
        int? round = null;
        if (at >= 0)
        {
            var parsed = ParseRound(trimmed[(at + 1)..].Trim(), trimmed);
            if (parsed.Error is not null)
            {
                return ReadResult<ScenarioEdit>.Failure(parsed.Error);
            }

            round = parsed.Round;
        }

        if (actor.Length == 0)
        {
            return Fail($"The drop '{trimmed}' names no actor.", "an actor id, e.g. --drop russia (or russia@2 after round 2)");
        }

        return new ReadResult<ScenarioEdit>(new DropActorEdit(actor, round), []);
    }

    /// <summary>
    /// Reads the target of an edit, e.g. <c>trump.summit.salience</c> or <c>china.capability</c>;
    /// see <see cref="Parse"/> for how ids that hold '.' are split.
    /// </summary>
    public static ReadResult<EditTarget> ParseTarget(string target, Scenario? scenario = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        var text = target.Trim();
        var dot = text.LastIndexOf('.');
        var fieldName = dot >= 0 ? text[(dot + 1)..] : text;
        var path = dot >= 0 ? text[..dot] : string.Empty;
        EditField? field = fieldName switch
        {
            "position" => EditField.Position,
            "salience" => EditField.Salience,
            "capability" => EditField.Capability,
            _ => null,
        };
        if (field is null)
        {
            return ReadResult<EditTarget>.Failure(Diagnostic.Error(
                $"The edit target '{text}' ends in '{fieldName}', which is not a field that can be edited.{DidYouMean.Hint(fieldName, FieldNames)}",
                expected: "ACTOR.ISSUE.position, ACTOR.ISSUE.salience, ACTOR.capability or ACTOR.ISSUE.capability"));
        }

        if (path.Length == 0)
        {
            return ReadResult<EditTarget>.Failure(Diagnostic.Error($"The edit target '{text}' names no actor.", expected: Example(field.Value)));
        }

        if (path.StartsWith('.') || path.EndsWith('.'))
        {
            return ReadResult<EditTarget>.Failure(Diagnostic.Error($"The edit target '{text}' has an empty actor or issue id.", expected: Example(field.Value)));
        }

        var (actorId, issueId) = Split(path, field.Value, scenario);
        if (issueId is null && field != EditField.Capability)
        {
            return ReadResult<EditTarget>.Failure(Diagnostic.Error(
                $"The edit target '{text}' names no issue: a {fieldName} belongs to an actor on one issue.", actorId: actorId, expected: Example(field.Value)));
        }

        if (issueId is { Length: 0 } || actorId.Length == 0)
        {
            return ReadResult<EditTarget>.Failure(Diagnostic.Error($"The edit target '{text}' has an empty actor or issue id.", expected: Example(field.Value)));
        }

        return new ReadResult<EditTarget>(new EditTarget(actorId, issueId, field.Value), []);
    }

    private static (string Actor, string? Issue) Split(string path, EditField field, Scenario? scenario)
    {
        if (scenario is not null)
        {
            if (field == EditField.Capability && scenario.IndexOfActor(path) >= 0)
            {
                return (path, null);
            }

            for (var i = path.IndexOf('.'); i >= 0; i = path.IndexOf('.', i + 1))
            {
                if (scenario.IndexOfActor(path[..i]) >= 0 && scenario.IndexOfIssue(path[(i + 1)..]) >= 0)
                {
                    return (path[..i], path[(i + 1)..]);
                }
            }
        }

        var first = path.IndexOf('.');
        return first < 0 ? (path, null) : (path[..first], path[(first + 1)..]);
    }

    private static (int? Round, Diagnostic? Error) ParseRound(string text, string edit) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var round)
            ? (round, null)
            : (null, Diagnostic.Error($"The edit '{edit}' has the round '{text}' after '@', which is not a whole number ≥ 0.", expected: "@N with N a whole number ≥ 0, e.g. @2 for after round 2"));

    private static string Example(EditField field) => field switch
    {
        EditField.Capability => "ACTOR.capability (every issue) or ACTOR.ISSUE.capability, e.g. china.capability",
        _ => $"ACTOR.ISSUE.{SetValueEdit.FieldName(field)}, e.g. trump.summit.{SetValueEdit.FieldName(field)}",
    };

    private static ReadResult<ScenarioEdit> Fail(string message, string expected) =>
        ReadResult<ScenarioEdit>.Failure(Diagnostic.Error(message, expected: expected));
}
