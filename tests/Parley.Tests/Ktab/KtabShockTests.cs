using Parley.Core.Models.Ktab;

namespace Parley.Tests.Ktab;

/// <summary>Timed shocks: edits of an actor's capability, salience or position after a given turn.</summary>
public sealed class KtabShockTests
{
    private static readonly KtabSmpModel.Input Input = KtabSmpModel.Compile(KtabData.ReadScenario("SOE-Pol-Comp").Scenario);

    private static KtabSmpRun Run(KtabSmpModel.Input input, params KtabShock[] shocks) =>
        new KtabSmpEngine(input.Capabilities, input.Saliences, input.Dimensions, KtabSmpParameters.Default)
            .Run(input.Positions, new KtabRunOptions { Shocks = shocks, RecordBargains = true }, CancellationToken.None);

    public static TheoryData<KtabShock> Shocks() =>
    [
        KtabShock.Capability(0, 3, 5.0),
        KtabShock.Salience(0, 2, 1, 0.2),
        KtabShock.Position(0, 5, 0, 0.9),
    ];

    [Theory]
    [MemberData(nameof(Shocks))]
    public void A_shock_after_turn_0_equals_a_run_on_the_edited_input(KtabShock shock)
    {
        var c = (double[])Input.Capabilities.Clone();
        var s = (double[])Input.Saliences.Clone();
        var x = (double[])Input.Positions.Clone();
        var k = (shock.Actor * Input.Dimensions) + shock.Dimension;
        switch (shock.Target)
        {
            case KtabShockTarget.Capability:
                c[shock.Actor] = shock.Value;
                break;
            case KtabShockTarget.Salience:
                s[k] = shock.Value;
                break;
            default:
                x[k] = shock.Value;
                break;
        }

        var edited = Run(Input with { Capabilities = c, Saliences = s, Positions = x });
        var shocked = Run(Input, shock);
        var plain = Run(Input);
        Assert.True(edited.Succeeded && shocked.Succeeded);
        Assert.Equal([shock], shocked.AppliedShocks);
        Assert.Equal(edited.Positions, shocked.Positions);
        Assert.Equal(edited.WinProbabilities, shocked.WinProbabilities);
        Assert.Equal(edited.StopReason, shocked.StopReason);
        Assert.NotEqual(Flatten(plain.Positions), Flatten(shocked.Positions));
    }

    [Theory]
    [MemberData(nameof(Shocks))]
    public void A_shock_after_the_last_turn_changes_nothing(KtabShock shock)
    {
        var plain = Run(Input);
        var last = plain.Positions.Count - 1;
        var late = Run(Input, shock with { AfterTurn = last }, shock with { AfterTurn = last + 10 });
        Assert.Empty(late.AppliedShocks);
        Assert.Equal(plain.Positions, late.Positions);
        Assert.Equal(plain.WinProbabilities, late.WinProbabilities);
        Assert.Equal(plain.StopReason, late.StopReason);
    }

    [Fact]
    public void A_shock_after_turn_k_leaves_turns_before_k_alone_and_the_rest_follows_the_edited_state()
    {
        var plain = Run(Input);
        const int k = 2;
        var shock = KtabShock.Salience(k, 2, 1, 0.05);
        var shocked = Run(Input, shock);
        Assert.Equal([shock], shocked.AppliedShocks);
        for (var t = 0; t <= k; t++)
        {
            // A salience shock leaves positions where the turn put them; what follows starts from them.
            Assert.Equal(plain.Positions[t], shocked.Positions[t]);
        }

        for (var t = 0; t < k; t++)
        {
            Assert.Equal(plain.WinProbabilities[t], shocked.WinProbabilities[t]);
            Assert.Equal(plain.Turns[t], shocked.Turns[t], TurnComparer.Instance);
        }

        Assert.NotEqual(plain.WinProbabilities[k], shocked.WinProbabilities[k]);
        Assert.NotEqual(Flatten(plain.Positions.Skip(k + 1)), Flatten(shocked.Positions.Skip(k + 1)));

        // Equivalently: the rest of the shocked run is a fresh run from state k with the edited salience.
        var s = (double[])Input.Saliences.Clone();
        s[(2 * Input.Dimensions) + 1] = 0.05;
        var resumed = Run(Input with { Saliences = s, Positions = plain.Positions[k] });
        Assert.Equal(resumed.Positions[1], shocked.Positions[k + 1]);
    }

    [Fact]
    public void A_position_shock_moves_the_actor_and_shows_in_the_state_it_follows()
    {
        var shock = KtabShock.Position(3, 0, 1, 0.0);
        var shocked = Run(Input, shock);
        Assert.Equal(0.0, shocked.Positions[3][1]);
        Assert.Equal(Run(Input).Positions[3][0], shocked.Positions[3][0]);
    }

    [Theory]
    [InlineData(-1, 0, KtabShockTarget.Capability, 0, 1.0, "turn")]
    [InlineData(0, 99, KtabShockTarget.Capability, 0, 1.0, "actor index 99")]
    [InlineData(0, 0, KtabShockTarget.Salience, 7, 0.5, "dimension index 7")]
    [InlineData(0, 0, KtabShockTarget.Capability, 0, 0.0, "capability 0")]
    [InlineData(0, 0, KtabShockTarget.Salience, 0, 1.5, "salience 1.5")]
    [InlineData(0, 0, KtabShockTarget.Position, 0, double.NaN, "position NaN")]
    public void An_invalid_shock_is_an_input_failure_before_the_run(int turn, int actor, KtabShockTarget target, int dimension, double value, string expected)
    {
        var shock = new KtabShock(turn, actor, target, dimension, value);
        var failure = Assert.Single(KtabSmpEngine.Check(Input.Capabilities, Input.Saliences, Input.Dimensions, KtabSmpParameters.Default, Input.Positions, [shock]));
        Assert.Equal(KtabSmpFailureKind.InvalidInput, failure.Kind);
        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
        var run = Run(Input, shock);
        Assert.Equal(failure, run.Failure);
        Assert.Empty(run.Positions);
    }

    [Fact]
    public void A_salience_shock_that_lifts_the_sum_above_1_fails_in_the_turn_it_strikes()
    {
        // Each salience alone is valid; together the actor's saliences sum to more than 1.
        var run = Run(Input, KtabShock.Salience(1, 4, 0, 0.9), KtabShock.Salience(1, 4, 1, 0.9));
        var failure = run.Failure!;
        Assert.Equal(KtabSmpFailureKind.InvalidInput, failure.Kind);
        Assert.Equal(1, failure.Turn);
        Assert.Equal(4, failure.Actor);
        Assert.Contains("sum to", failure.Message, StringComparison.Ordinal);
        Assert.Single(run.Positions); // the history stops before the state the shock would have edited
    }

    private static double[] Flatten(IEnumerable<double[]> states) => [.. states.SelectMany(x => x)];

    /// <summary>Turns are equal when every proposal and every choice is (records compare their arrays by reference).</summary>
    private sealed class TurnComparer : IEqualityComparer<KtabTurn>
    {
        public static readonly TurnComparer Instance = new();

        public bool Equals(KtabTurn? a, KtabTurn? b) =>
            a is not null && b is not null && a.Turn == b.Turn
            && a.Proposals.Count == b.Proposals.Count && a.Choices.Count == b.Choices.Count
            && a.Proposals.Zip(b.Proposals).All(p => p.First.Initiator == p.Second.Initiator && p.First.Receiver == p.Second.Receiver
                && p.First.Value == p.Second.Value && p.First.InitiatorPosition.SequenceEqual(p.Second.InitiatorPosition) && p.First.ReceiverPosition.SequenceEqual(p.Second.ReceiverPosition))
            && a.Choices.Zip(b.Choices).All(c => c.First.Chosen == c.Second.Chosen && c.First.Options.SequenceEqual(c.Second.Options) && c.First.Probabilities.SequenceEqual(c.Second.Probabilities));

        public int GetHashCode(KtabTurn obj) => obj.Turn;
    }
}
