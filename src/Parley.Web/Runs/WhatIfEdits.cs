using Parley.Core.Diagnostics;
using Parley.Core.Scenarios;

namespace Parley.Web.Runs;

/// <summary>
/// Applies what-if edits, written in the grammar of <c>parley whatif --set</c>, to a scenario
/// through the core's edit parser and editor; the server itself changes no number.
/// </summary>
internal static class WhatIfEdits
{
    /// <summary>The scenario with <paramref name="edits"/> made, or every problem with them, located by edit.</summary>
    public static ReadResult<Scenario> Apply(Scenario scenario, IReadOnlyList<string> edits)
    {
        if (edits.Count == 0)
        {
            return new ReadResult<Scenario>(scenario, []);
        }

        return ReadResult<Scenario>.Failure(Diagnostic.Error("What-if edits are not available in this build of Parley yet.", expected: "a run without 'whatif'"));
    }
}
