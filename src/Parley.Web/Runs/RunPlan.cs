using Parley.Core.Run;
using Parley.Core.Scenarios;
using Parley.Storage.Runs;

namespace Parley.Web.Runs;

/// <summary>A run ready to go: what is stored about it, and the request for the run layer.</summary>
/// <param name="Spec">What is stored: everything needed to repeat it.</param>
/// <param name="Request">The request for <see cref="ForecastRunner"/>.</param>
/// <param name="Scenario">The scenario as run (with the what-if edits made).</param>
/// <param name="Notes">How the scenario was read, for the result's notes (as <c>parley forecast</c> gives them).</param>
internal sealed record RunPlan(RunSpec Spec, ForecastRequest Request, Scenario Scenario, IReadOnlyList<string> Notes);
