using System.Text;
using Parley.Core.Diagnostics;
using Parley.Core.Scenarios;
using Parley.Formats;
using Parley.Tests.Support;

namespace Parley.Tests.Formats;

/// <summary>Shared helpers for the format tests: parsing text, finding test data, comparing scenarios.</summary>
internal static class FormatTestHelpers
{
    /// <summary>The folder that holds Parley.sln.</summary>
    public static string RepoRoot => TestPaths.RepoRoot;

    public static string TestData(string name) => TestPaths.TestData(name);

    public static string Data(params string[] parts) => TestPaths.Data(parts);

    public static ReadResult<Scenario> Parse(string text, string fileName, ScenarioFormat format = ScenarioFormat.Auto) =>
        ScenarioFiles.Parse(Encoding.UTF8.GetBytes(text), fileName, format);

    public static string Dump(ReadResult<Scenario> result) => string.Join("\n", result.Diagnostics.Select(d => d.ToString()));

    /// <summary>The one error whose message contains <paramref name="fragment"/>; fails listing every diagnostic otherwise.</summary>
    public static Diagnostic ErrorContaining(ReadResult<Scenario> result, string fragment)
    {
        var matches = result.Errors.Where(d => d.Message.Contains(fragment, StringComparison.Ordinal)).ToList();
        Assert.True(matches.Count == 1, $"Expected one error containing \"{fragment}\", found {matches.Count}. Diagnostics:\n{Dump(result)}");
        return matches[0];
    }

    public static void AssertAt(Diagnostic diagnostic, string file, int line, int column)
    {
        Assert.NotNull(diagnostic.Location);
        Assert.Equal(file, diagnostic.Location!.File);
        Assert.True(line == diagnostic.Location.Line && column == diagnostic.Location.Column,
            $"Expected {file}:{line}:{column}, got {diagnostic.Location} for: {diagnostic}");
    }

    public static Scenario Valid(ReadResult<Scenario> result)
    {
        Assert.True(result.Succeeded, "Expected success. Diagnostics:\n" + Dump(result));
        return result.Value!;
    }

    /// <summary>Asserts that two scenarios hold the same title, sources, issues, actors, stances, uncertainty and what-ifs.</summary>
    public static void AssertEqual(Scenario expected, Scenario actual)
    {
        Assert.Equal(expected.Title, actual.Title);
        Assert.Equal(expected.Description, actual.Description);
        Assert.Equal(expected.Sources, actual.Sources);
        Assert.Equal(expected.SalienceScale, actual.SalienceScale);
        Assert.Equal(expected.Issues.Count, actual.Issues.Count);
        for (var k = 0; k < expected.Issues.Count; k++)
        {
            var e = expected.Issues[k];
            var a = actual.Issues[k];
            Assert.Equal((e.Id, e.Name, e.Description, e.Scale.Minimum, e.Scale.Maximum), (a.Id, a.Name, a.Description, a.Scale.Minimum, a.Scale.Maximum));
            Assert.Equal(e.Scale.Anchors, a.Scale.Anchors);
            Assert.Equal((e.StatusQuo, e.Outcome), (a.StatusQuo, a.Outcome));
            Assert.Equal(e.VetoPlayers, a.VetoPlayers);
            Assert.Equal(e, a);
        }

        Assert.Equal(expected.Actors.Count, actual.Actors.Count);
        for (var i = 0; i < expected.Actors.Count; i++)
        {
            var e = expected.Actors[i];
            var a = actual.Actors[i];
            Assert.Equal((e.Id, e.Name, e.Capability, e.Description), (a.Id, a.Name, a.Capability, a.Description));
            Assert.Equal(
                e.CapabilityByIssue?.OrderBy(p => p.Key, StringComparer.Ordinal).ToList() ?? [],
                a.CapabilityByIssue?.OrderBy(p => p.Key, StringComparer.Ordinal).ToList() ?? []);
            Assert.Equal(e.CapabilitySpread, a.CapabilitySpread);
            Assert.Equal(e, a);
        }

        Assert.Equal(expected.Stances, actual.Stances);
        Assert.Equal(expected.Uncertainty, actual.Uncertainty);
        Assert.Equal(expected.WhatIfs, actual.WhatIfs);
    }
}
