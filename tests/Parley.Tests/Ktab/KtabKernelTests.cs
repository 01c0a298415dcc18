using Parley.Core.Models.Ktab;
using Parley.Formats.Ktab;

namespace Parley.Tests.Ktab;

/// <summary>The vector target-selection kernel equals the plain one-challenge-at-a-time code bit for bit.</summary>
public sealed class KtabKernelTests
{
    [Theory]
    [InlineData(KtabThirdPartyCommit.SemiCommit, 23)]
    [InlineData(KtabThirdPartyCommit.FullCommit, 23)]
    [InlineData(KtabThirdPartyCommit.NoCommit, 23)]
    [InlineData(KtabThirdPartyCommit.SemiCommit, 5)]
    public void Prop_kernel_gains_and_probabilities_equal_the_scalar_challenge_for_every_initiator_and_receiver(KtabThirdPartyCommit tpc, int actors)
    {
        var scenario = KtabCsvReader.Parse(KtabRandomScenario.Csv(actors, 3, 17), "r.csv").Value!.Scenario;
        var input = KtabSmpModel.Compile(scenario);
        var prm = KtabSmpParameters.Default with { ThirdPartyCommit = tpc };
        var setting = KtabSetting.Create(input.Capabilities, input.Saliences, input.Dimensions, prm, scalarChallenges: false);
        Assert.True(KtabTargetKernel.Applies(setting));
        var state = new KtabSmpState { X = input.Positions, Q = input.Positions };
        Assert.Null(KtabStateSetup.Run(setting, state));
        var n = input.Capabilities.Length;
        var vector = new KtabWorkspace(n);
        var scalar = new KtabWorkspace(n);
        var compared = 0;
        for (var i = 0; i < n; i++)
        {
            Assert.Null(KtabTargetKernel.Gains(setting, state, i, vector));
            KtabChallenge.BuildEstimates(setting, state, i, scalar);
            for (var j = 0; j < n; j++)
            {
                if (j == i)
                {
                    continue;
                }

                Assert.Null(KtabChallenge.Evaluate(setting, scalar, i, i, j, out var phi, out var gain));
                Assert.True(phi == vector.Phis[j] && gain == vector.Gains[j], $"E({i},{i},{i},{j}): kernel ({vector.Phis[j]:R}, {vector.Gains[j]:R}) vs scalar ({phi:R}, {gain:R})");
                compared++;
            }
        }

        Assert.Equal(n * (n - 1), compared);
    }
}
