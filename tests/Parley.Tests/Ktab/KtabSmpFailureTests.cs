using Parley.Core.Diagnostics;
using Parley.Core.Models.Ktab;

namespace Parley.Tests.Ktab;

/// <summary>KTAB's aborts (SMP-SPEC §4.4) come back as <see cref="KtabSmpFailure"/> values, never as exceptions.</summary>
public sealed class KtabSmpFailureTests
{
    private static readonly KtabSmpModel.Input Rand02 = KtabSmpModel.Compile(KtabData.ReadScenario("rand02").Scenario);

    private static IReadOnlyList<KtabSmpFailure> Check(double[] c, double[] s, double[] x, KtabSmpParameters? p = null) =>
        KtabSmpEngine.Check(c, s, Rand02.Dimensions, p ?? KtabSmpParameters.Default, x);

    [Fact]
    public void Invalid_capabilities_saliences_and_positions_are_reported_each_with_its_actor_and_dimension()
    {
        var c = (double[])Rand02.Capabilities.Clone();
        var s = (double[])Rand02.Saliences.Clone();
        var x = (double[])Rand02.Positions.Clone();
        c[1] = 0;
        c[2] = double.PositiveInfinity;
        s[(3 * 2) + 1] = -0.1;
        s[4 * 2] = 0;
        s[(4 * 2) + 1] = 0;
        x[1] = double.NaN;
        var failures = Check(c, s, x);
        Assert.All(failures, f => Assert.Equal(KtabSmpFailureKind.InvalidInput, f.Kind));
        Assert.All(failures, f => Assert.Null(f.Turn));
        Assert.Equal(new (int, int?)[] { (1, null), (2, null), (3, 1), (4, null), (0, 1) }, failures.Select(f => (f.Actor!.Value, f.Dimension)));
        Assert.Contains("all zero", failures[3].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Saliences_summing_above_1_and_a_weight_that_rounds_to_0_are_input_failures()
    {
        var c = (double[])Rand02.Capabilities.Clone();
        var s = (double[])Rand02.Saliences.Clone();
        s[0] = 0.6;
        s[1] = 0.6;
        c[1] = 1e-300;
        s[2] = 1e-30;
        s[3] = 0;
        var failures = Check(c, s, Rand02.Positions);
        Assert.Equal([0, 1], failures.Select(f => f.Actor!.Value));
        Assert.Contains("sum to 1.2", failures[0].Message, StringComparison.Ordinal);
        Assert.Contains("rounds to 0", failures[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_accommodation_entry_naming_a_missing_actor_is_an_input_failure_not_an_exception()
    {
        var p = KtabSmpParameters.Default with { Accommodation = [new KtabAccommodation(0, 9, 0.5)] };
        var failure = Assert.Single(Check(Rand02.Capabilities, Rand02.Saliences, Rand02.Positions, p));
        Assert.Contains("outside 0…4", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BigRAdjust_Full_fails_in_turn_0_on_the_utility_check_as_KTAB_always_does()
    {
        var engine = new KtabSmpEngine(Rand02.Capabilities, Rand02.Saliences, Rand02.Dimensions, KtabSmpParameters.Default with { BigRAdjust = KtabBigRAdjust.Full });
        var run = engine.Run(Rand02.Positions, new KtabRunOptions(), CancellationToken.None);
        Assert.False(run.Succeeded);
        Assert.Equal(KtabSmpFailureKind.UtilityCheck, run.Failure!.Kind);
        Assert.Equal(0, run.Failure.Turn);
        Assert.Equal(0, run.Failure.Actor);
        Assert.Contains("estimate of the change in utility", run.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_model_checks_the_engine_inputs_and_returns_a_failure_within_a_turn_as_a_diagnostic()
    {
        var scenario = KtabData.ReadScenario("rand02").Scenario;
        var model = new KtabSmpModel();
        var accommodation = new Parley.Core.Models.ModelOptions { Ktab = KtabSmpParameters.Default with { Accommodation = [new KtabAccommodation(1, 7, 0.5)] } };
        Assert.Contains("names an actor index outside 0…4", Assert.Single(model.Check(scenario, accommodation)).Message, StringComparison.Ordinal);

        var full = new Parley.Core.Models.ModelOptions { Ktab = KtabSmpParameters.Default with { BigRAdjust = KtabBigRAdjust.Full } };
        Assert.Empty(model.Check(scenario, full));
        Assert.Null(model.TryRun(scenario, full, out var failure));
        Assert.Equal(scenario.Actors[0].Id, failure!.ActorId);
        Assert.StartsWith("ktab-smp stopped in turn 0: ", failure.Message, StringComparison.Ordinal);
        var failed = model.Run(scenario, full);
        Assert.False(failed.Succeeded);
        Assert.Empty(failed.Issues);
        Assert.Contains("estimate of the change in utility", failed.Failure!.Message, StringComparison.Ordinal);

        // The run layer reports such a model as failed, with the reason, and still runs the others.
        var outcome = Parley.Core.Run.ForecastRunner.Run(new Parley.Core.Run.ForecastRequest(scenario) { Models = [model, new Parley.Core.Models.Baselines.CompromiseModel()], Options = full, Draws = 0, Drivers = false });
        Assert.Equal(["compromise"], outcome.Succeeded.Select(m => m.Model));
        Assert.Contains(outcome.Failed.Single().Problems, p => p.Message.Contains("estimate of the change in utility", StringComparison.Ordinal));
        Assert.NotNull(model.TryRun(scenario, Parley.Core.Models.ModelOptions.Default, out var none));
        Assert.Null(none);
    }

    [Fact]
    public void Actors_all_at_one_position_fail_as_having_no_favourite()
    {
        var x = new double[Rand02.Positions.Length];
        Array.Fill(x, 0.4);
        var run = new KtabSmpEngine(Rand02.Capabilities, Rand02.Saliences, Rand02.Dimensions, KtabSmpParameters.Default)
            .Run(x, new KtabRunOptions(), CancellationToken.None);
        Assert.Equal(KtabSmpFailureKind.NoFavourite, run.Failure!.Kind);
        Assert.Equal(KtabStop.Failed, run.Stop);
    }

    [Fact]
    public void A_failure_becomes_a_diagnostic_naming_the_actor_and_issue_by_id()
    {
        var failure = new KtabSmpFailure(KtabSmpFailureKind.InvalidInput, "Salience -1 is not a finite number ≥ 0 (KTAB aborts).", null, 1, 0, "a salience from 0 to 1");
        var d = failure.ToDiagnostic(["usa", "prk"], ["summit"]);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Equal("prk", d.ActorId);
        Assert.Equal("summit", d.IssueId);
        Assert.Equal("a salience from 0 to 1", d.Expected);
        Assert.Equal("error: ktab-smp cannot run this input: Salience -1 is not a finite number ≥ 0 (KTAB aborts). (actor 'prk', issue 'summit'); expected a salience from 0 to 1", d.ToString());
        Assert.Equal("ktab-smp stopped in turn 4: x (actor #1)", (failure with { Message = "x", Turn = 4, Dimension = null }).ToString());
    }

    [Theory]
    [InlineData(KtabPceModel.MarkovUniform)]
    [InlineData(KtabPceModel.MarkovIncentive)]
    public void A_Markov_election_stops_at_its_iteration_cap_with_a_failure_and_the_cap_changes_no_converging_election(KtabPceModel model)
    {
        // Coalition strengths of a 6-option election that is neither trivial nor degenerate.
        const int m = 6;
        var c = new double[m * m];
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < m; j++)
            {
                c[(i * m) + j] = i == j ? 1e-8 : 1 + (((i * 7) + (j * 3)) % 5);
            }
        }

        var prm = KtabSmpParameters.Default with { PceModel = model };
        var scratch = new double[(2 * m * m) + m];
        var p = new double[m];
        Assert.Null(KtabElection.Pce(prm, c, m, p, scratch, KtabSmpFailure.MarkovIterationCap));
        var again = new double[m];
        Assert.Null(KtabElection.Pce(prm, c, m, again, scratch, 1_000_000));
        Assert.Equal(p, again);
        Assert.InRange(p.Sum(), 1 - 1e-8, 1 + 1e-8);
        var failure = KtabElection.Pce(prm, c, m, p, scratch, 2);
        Assert.Equal(KtabSmpFailureKind.NotConverged, failure!.Kind);
        Assert.Contains("did not converge within 2 iterations", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_check_of_the_engine_throws_for_bad_input_so_the_core_has_no_KTAB_exception_type()
    {
        var types = typeof(KtabSmpEngine).Assembly.GetTypes().Where(t => t.Namespace == typeof(KtabSmpEngine).Namespace);
        Assert.DoesNotContain(types, t => typeof(Exception).IsAssignableFrom(t));
    }
}
