using Parley.Core.Models.Ktab;
using Parley.Formats.Ktab;
using Parley.Tests.Support;

namespace Parley.Tests.Ktab;

public sealed class KtabXmlReaderTests
{
    private static string Xml(string parameters = "", string pairs = "<iaPair><adjustingIdeal>A</adjustingIdeal><referencePos>A</referencePos><adjust>0.75</adjust></iaPair><iaPair><adjustingIdeal>A</adjustingIdeal><referencePos>B</referencePos><adjust>0.25</adjust></iaPair>", string capA = "10") => $"""
        <?xml version="1.0"?>
        <Scenario>
          <name>X</name><desc>An XML scenario</desc>
          <prngSeed>12345</prngSeed>
          {parameters}
          <Dimensions><dName>One</dName><dName>Two</dName></Dimensions>
          <Actors>
            <Actor><name>A</name><description>a</description><capability>{capA}</capability>
              <Position><dCoord>10</dCoord><dCoord>20</dCoord></Position><Salience><dSal>30</dSal><dSal>40</dSal></Salience></Actor>
            <Actor><name>B</name><description>b</description><capability>20</capability>
              <Position><dCoord>60</dCoord><dCoord>80</dCoord></Position><Salience><dSal>50</dSal><dSal>20</dSal></Salience></Actor>
            <Actor><name>C</name><description>c</description><capability>40</capability>
              <Position><dCoord>90</dCoord><dCoord>5</dCoord></Position><Salience><dSal>10</dSal><dSal>60</dSal></Salience></Actor>
            <Actor><name>D</name><description>d</description><capability>15</capability>
              <Position><dCoord>35</dCoord><dCoord>50</dCoord></Position><Salience><dSal>45</dSal><dSal>45</dSal></Salience></Actor>
          </Actors>
          <IdealAdjustment>{pairs}</IdealAdjustment>
        </Scenario>
        """;

    private const string AllParameters =
        "<ModelParameters><VictoryProbModel>Square</VictoryProbModel><PCEModel>MarkovIncentive</PCEModel>" +
        "<StateTransitions>Deterministic</StateTransitions><VotingRule>PropBin</VotingRule><BigRAdjust>Half</BigRAdjust>" +
        "<BigRRange>Max</BigRRange><ThirdPartyCommit>NoCommit</ThirdPartyCommit><InterVecBrgn>S1P1</InterVecBrgn>" +
        "<BargnModel>PWCompInterp</BargnModel></ModelParameters>";

    [Fact]
    public void Reads_actors_seed_parameters_and_accommodation()
    {
        var result = KtabXmlReader.Parse(Xml(AllParameters), "x.xml");
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var ks = result.Value!;
        Assert.Equal(12345UL, ks.Seed);
        Assert.Equal(4, ks.Scenario.Actors.Count);
        Assert.Equal(0.4, ks.Scenario.StanceOf(0, 1)!.Salience);
        var p = KtabSmpParameters.Parse(ks.Parameters).Value!;
        Assert.Equal(KtabVictoryProbModel.Square, p.VictoryProbModel);
        Assert.Equal(KtabPceModel.MarkovIncentive, p.PceModel);
        Assert.Equal(KtabVotingRule.PropBin, p.VotingRule);
        Assert.Equal(KtabBigRRange.Max, p.BigRRange);
        Assert.Equal(KtabBargnModel.PWCompInterp, p.BargnModel);
        Assert.Equal([new KtabAccommodation(0, 0, 0.75), new KtabAccommodation(0, 1, 0.25)], p.Accommodation);
    }

    [Fact]
    public void The_xml_scenario_runs_with_its_parameters_to_finite_in_range_positions()
    {
        var ks = KtabXmlReader.Parse(Xml(AllParameters), "x.xml").Value!;
        var result = new KtabSmpModel().Run(ks.Scenario, RoundDetails.KtabOptions(ks.Parameters) with { Seed = ks.Seed!.Value });
        Assert.All(result.Issues, i => Assert.All(i.Rounds, r => Assert.All(r.Positions, x => Assert.InRange(x, 0, 100))));
    }

    [Fact]
    public void The_schema_spelling_Proportional_is_rejected_with_the_valid_names()
    {
        var result = KtabXmlReader.Parse(Xml(AllParameters.Replace("PropBin", "Proportional", StringComparison.Ordinal)), "x.xml");
        var e = Assert.Single(result.Errors);
        Assert.Contains("Prop", e.Expected, StringComparison.Ordinal);
        Assert.NotNull(e.Location!.Line);
    }

    [Fact]
    public void A_missing_ideal_adjustment_is_an_error_as_in_KTAB()
    {
        var e = Assert.Single(KtabXmlReader.Parse(Xml(pairs: string.Empty), "x.xml").Errors);
        Assert.Contains("iaPair", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_capability_is_reported_at_its_element()
    {
        var e = Assert.Single(KtabXmlReader.Parse(Xml(capA: "ten"), "x.xml").Errors);
        Assert.Equal("A", e.ActorId);
        Assert.Equal(8, e.Location!.Line);
    }

    [Fact]
    public void Malformed_xml_gives_a_located_error()
    {
        var e = Assert.Single(KtabXmlReader.Parse("<Scenario><name>x</Scenario>", "x.xml").Errors);
        Assert.Equal(1, e.Location!.Line);
    }

    [Fact]
    public void An_accommodation_row_summing_above_1_aborts_the_run_as_in_KTAB()
    {
        var xml = Xml(pairs: "<iaPair><adjustingIdeal>A</adjustingIdeal><referencePos>B</referencePos><adjust>0.25</adjust></iaPair>");
        var ks = KtabXmlReader.Parse(xml, "x.xml").Value!;
        var input = KtabSmpModel.Compile(ks.Scenario);
        var prm = KtabSmpParameters.Parse(ks.Parameters).Value!;
        var failure = Assert.Single(KtabSmpEngine.Check(input.Capabilities, input.Saliences, input.Dimensions, prm, input.Positions));
        Assert.Equal(KtabSmpFailureKind.InvalidInput, failure.Kind);
        Assert.Equal(0, failure.Actor);
        Assert.Contains("row 0 sums to more than 1", failure.Message, StringComparison.Ordinal);
        var run = new KtabSmpEngine(input.Capabilities, input.Saliences, input.Dimensions, prm).Run(input.Positions, new KtabRunOptions(), CancellationToken.None);
        Assert.Equal(failure, run.Failure);
        Assert.Empty(run.Positions);
        Assert.Equal("A", failure.ToDiagnostic(["A", "B", "C", "D"]).ActorId);
        var check = Assert.Single(new KtabSmpModel().Check(ks.Scenario, RoundDetails.KtabOptions(ks.Parameters)));
        Assert.Equal("A", check.ActorId);
        Assert.Contains("row 0 sums to more than 1", check.Message, StringComparison.Ordinal);
    }
}
