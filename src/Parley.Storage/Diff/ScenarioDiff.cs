using System.Globalization;
using Parley.Core.Scenarios;

namespace Parley.Storage.Diff;

/// <summary>
/// The differences between two versions of a scenario: which issues, actors and stances were added
/// or removed, and which numbers and texts changed, each with its path in the scenario format's
/// keys. Saliences are compared on 0–1, as the core holds them.
/// </summary>
/// <param name="Changes">Every difference, in scenario order (header, issues, actors with their stances).</param>
public sealed record ScenarioDiff(IReadOnlyList<ScenarioChange> Changes)
{
    /// <summary>The actors with any change (added, removed, or a changed number or text), in order of first change.</summary>
    public IReadOnlyList<string> Actors => [.. Changes.Where(c => c.ActorId is not null).Select(c => c.ActorId!).Distinct(StringComparer.Ordinal)];

    /// <summary>The issues with any change (including stances on them), in order of first change.</summary>
    public IReadOnlyList<string> Issues => [.. Changes.Where(c => c.IssueId is not null).Select(c => c.IssueId!).Distinct(StringComparer.Ordinal)];

    /// <summary>True when the two versions hold the same scenario.</summary>
    public bool IsEmpty => Changes.Count == 0;

    /// <summary>What changed from <paramref name="before"/> to <paramref name="after"/>.</summary>
    public static ScenarioDiff Between(Scenario before, Scenario after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var changes = new List<ScenarioChange>();
        var add = new Recorder(changes);
        add.Text("title", null, null, before.Title, after.Title);
        add.Text("description", null, null, before.Description, after.Description);
        add.Text("sources", null, null, string.Join("\n", before.Sources), string.Join("\n", after.Sources));
        add.Text("salience_scale", null, null, before.SalienceScale.ToString().ToLowerInvariant(), after.SalienceScale.ToString().ToLowerInvariant());

        foreach (var (old, now) in Pair(before.Issues, after.Issues, i => i.Id))
        {
            var id = (old ?? now)!.Id;
            var path = $"issues.{id}";
            if (old is null || now is null)
            {
                add.Presence(path, null, id, old?.Name, now?.Name);
                continue;
            }

            add.Text(path + ".name", null, id, old.Name, now.Name);
            add.Text(path + ".description", null, id, old.Description, now.Description);
            add.Number(path + ".scale.min", null, id, old.Scale.Minimum, now.Scale.Minimum);
            add.Number(path + ".scale.max", null, id, old.Scale.Maximum, now.Scale.Maximum);
            add.Text(path + ".scale.anchors", null, id, Anchors(old.Scale), Anchors(now.Scale));
        }

        foreach (var (old, now) in Pair(before.Actors, after.Actors, a => a.Id))
        {
            var id = (old ?? now)!.Id;
            var path = $"actors.{id}";
            if (old is null || now is null)
            {
                add.Presence(path, id, null, old?.Name, now?.Name);
                continue;
            }

            add.Text(path + ".name", id, null, old.Name, now.Name);
            add.Text(path + ".description", id, null, old.Description, now.Description);
            add.Number(path + ".capability", id, null, old.Capability, now.Capability);
            add.Text(path + ".capability_spread", id, null, SpreadText(old.CapabilitySpread), SpreadText(now.CapabilitySpread));
            var issueIds = (old.CapabilityByIssue?.Keys ?? []).Union(now.CapabilityByIssue?.Keys ?? [], StringComparer.Ordinal).Order(StringComparer.Ordinal);
            foreach (var issue in issueIds)
            {
                double? o = old.CapabilityByIssue?.TryGetValue(issue, out var x) == true ? x : null;
                double? n = now.CapabilityByIssue?.TryGetValue(issue, out var y) == true ? y : null;
                add.OptionalNumber($"{path}.capability_by_issue.{issue}", id, issue, o, n);
            }
        }

        foreach (var (old, now) in Pair(before.Stances, after.Stances, s => s.ActorId + "\u0000" + s.IssueId))
        {
            var actor = (old ?? now)!.ActorId;
            var issue = (old ?? now)!.IssueId;
            var path = $"actors.{actor}.stances.{issue}";
            if (old is null || now is null)
            {
                add.Presence(path, actor, issue, old is null ? null : StanceText(old), now is null ? null : StanceText(now));
                continue;
            }

            add.Number(path + ".position", actor, issue, old.Position, now.Position);
            add.Number(path + ".salience", actor, issue, old.Salience, now.Salience);
            add.Text(path + ".rationale", actor, issue, old.Rationale, now.Rationale);
            add.Text(path + ".position_spread", actor, issue, SpreadText(old.PositionSpread), SpreadText(now.PositionSpread));
            add.Text(path + ".salience_spread", actor, issue, SpreadText(old.SalienceSpread), SpreadText(now.SalienceSpread));
        }

        return new ScenarioDiff(Order(changes, after));
    }

    /// <summary>The changes grouped as the later scenario reads: header, issues, then each actor with its stances.</summary>
    private static List<ScenarioChange> Order(List<ScenarioChange> changes, Scenario after)
    {
        int Rank(ScenarioChange c) => c.Path.StartsWith("actors.", StringComparison.Ordinal) ? 2 : c.Path.StartsWith("issues.", StringComparison.Ordinal) ? 1 : 0;
        int ActorRank(ScenarioChange c) => c.ActorId is null ? -1 : after.IndexOfActor(c.ActorId) is var i and >= 0 ? i : int.MaxValue;
        return [.. changes.Select((c, i) => (c, i)).OrderBy(p => Rank(p.c)).ThenBy(p => Rank(p.c) == 2 ? ActorRank(p.c) : 0).ThenBy(p => Rank(p.c) == 2 ? p.c.ActorId : null, StringComparer.Ordinal).ThenBy(p => p.i).Select(p => p.c)];
    }

    /// <summary>Items of both lists matched by key: first the earlier list's order, then what is new.</summary>
    private static IEnumerable<(T? Before, T? After)> Pair<T>(IReadOnlyList<T> before, IReadOnlyList<T> after, Func<T, string> key) where T : class
    {
        var later = after.ToDictionary(key, StringComparer.Ordinal);
        var earlier = before.ToDictionary(key, StringComparer.Ordinal);
        foreach (var item in before)
        {
            yield return (item, later.GetValueOrDefault(key(item)));
        }

        foreach (var item in after.Where(a => !earlier.ContainsKey(key(a))))
        {
            yield return (null, item);
        }
    }

    private static string Anchors(Scale scale) => string.Join("; ", scale.Anchors.Select(a => $"{Format(a.Value)} {a.Label}"));

    private static string StanceText(Stance s) => $"position {Format(s.Position)}, salience {Format(s.Salience)}";

    private static string? SpreadText(Spread? spread) => spread switch
    {
        NormalSpread n => $"sd {Format(n.StandardDeviation)}",
        RangeSpread r => $"range [{Format(r.Low)}, {Format(r.High)}]",
        null => null,
        _ => spread.ToString(),
    };

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Adds a change when two values differ.</summary>
    private sealed class Recorder(List<ScenarioChange> changes)
    {
        public void Presence(string path, string? actor, string? issue, string? before, string? after) =>
            changes.Add(new ScenarioChange(before is null ? ChangeKind.Added : ChangeKind.Removed, path, actor, issue, before, after));

        public void Text(string path, string? actor, string? issue, string? before, string? after)
        {
            before = string.IsNullOrEmpty(before) ? null : before;
            after = string.IsNullOrEmpty(after) ? null : after;
            if (!string.Equals(before, after, StringComparison.Ordinal))
            {
                changes.Add(new ScenarioChange(before is null ? ChangeKind.Added : after is null ? ChangeKind.Removed : ChangeKind.Changed, path, actor, issue, before, after));
            }
        }

        public void Number(string path, string? actor, string? issue, double before, double after)
        {
            if (before != after)
            {
                changes.Add(new ScenarioChange(ChangeKind.Changed, path, actor, issue, Format(before), Format(after), after - before));
            }
        }

        public void OptionalNumber(string path, string? actor, string? issue, double? before, double? after)
        {
            if (before is { } b && after is { } a)
            {
                Number(path, actor, issue, b, a);
            }
            else if (before != after)
            {
                changes.Add(new ScenarioChange(before is null ? ChangeKind.Added : ChangeKind.Removed, path, actor, issue, before is { } x ? Format(x) : null, after is { } y ? Format(y) : null));
            }
        }
    }
}
