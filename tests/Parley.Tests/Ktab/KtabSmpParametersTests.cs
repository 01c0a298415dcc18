using Parley.Core.Diagnostics;
using Parley.Core.Models.Ktab;

namespace Parley.Tests.Ktab;

/// <summary>KTAB SMP's typed parameters read from name/value pairs: unknown or malformed parameters are errors, never ignored.</summary>
public sealed class KtabSmpParametersTests
{
    private static ReadResult<KtabSmpParameters> Parse(params (string Name, string Value)[] pairs) =>
        KtabSmpParameters.Parse(pairs.Select(p => new KeyValuePair<string, string>(p.Name, p.Value)));

    [Fact]
    public void Names_and_values_are_read_case_insensitively_into_the_typed_record()
    {
        var result = Parse(("votingrule", " cubic "), (" MaxTurns", "7"), ("StopRatio", "0.5"), ("PCEMODEL", "MarkovUniform"), ("NormaliseSaliences", "False"), ("Accommodation", "0:1=0.25; 1:0=0.5"));
        Assert.True(result.Succeeded);
        Assert.Empty(result.Diagnostics);
        Assert.Equal(
            KtabSmpParameters.Default with
            {
                VotingRule = KtabVotingRule.Cubic,
                MaxTurns = 7,
                StopRatio = 0.5,
                PceModel = KtabPceModel.MarkovUniform,
                NormaliseSaliences = false,
                Accommodation = result.Value!.Accommodation,
            },
            result.Value);
        Assert.Equal([new KtabAccommodation(0, 1, 0.25), new KtabAccommodation(1, 0, 0.5)], result.Value.Accommodation);
        Assert.Same(KtabSmpParameters.Default, KtabSmpParameters.Parse(null).Value);
    }

    [Theory]
    [InlineData("VotingRul", "Did you mean 'VotingRule'?")]
    [InlineData("maxturn", "Did you mean 'MaxTurns'?")]
    [InlineData("Seed", "Unknown ktab-smp parameter 'Seed'.")]
    public void An_unknown_name_is_an_error_with_a_did_you_mean_and_the_valid_names(string name, string message)
    {
        var error = Assert.Single(Parse((name, "1")).Errors);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("one of VictoryProbModel, PCEModel,", error.Expected, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("VotingRule", "Propp", "one of Binary, PropBin, Prop, PropCbc, Cubic, ASymProsp", "Did you mean 'Prop'?")]
    [InlineData("VotingRule", "2", "one of Binary, PropBin, Prop, PropCbc, Cubic, ASymProsp", "")]
    [InlineData("BigRRange", "", "one of Min, Mid, Max", "")]
    [InlineData("MaxTurns", "0", "an integer from 1 to 100000", "")]
    [InlineData("MaxTurns", "1.5", "an integer from 1 to 100000", "")]
    [InlineData("Threads", "-1", "an integer from 0 to 1024", "")]
    [InlineData("StopRatio", "NaN", "a finite number ≥ 0", "")]
    [InlineData("StopRatio", "-0.1", "a finite number ≥ 0", "")]
    [InlineData("NormaliseSaliences", "yes", "true or false", "")]
    [InlineData("Accommodation", "0:1=2", "'i:j=a' entries separated by ';', with 0-based actor indices i, j and 0 ≤ a ≤ 1", "The entry '0:1=2' is not of that form.")]
    public void A_malformed_value_is_an_error_that_says_what_is_valid(string name, string value, string expected, string hint)
    {
        var result = Parse((name, value));
        Assert.False(result.Succeeded);
        Assert.Null(result.Value);
        var error = Assert.Single(result.Errors);
        Assert.Equal(expected, error.Expected);
        Assert.StartsWith($"Bad value '{value}' for ktab-smp parameter {name}.", error.Message, StringComparison.Ordinal);
        Assert.Contains(hint, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_with_the_given_location_and_a_repeated_name_is_an_error()
    {
        var at = new SourceLocation("x.xml", 3, 5);
        var result = KtabSmpParameters.Parse(
            [new("VotingRule", "Binary"), new("votingRule", "Cubic"), new("Bogus", "1"), new("MaxTurns", "x")], at);
        Assert.Equal(3, result.Errors.Count());
        Assert.All(result.Errors, e => Assert.Equal(at, e.Location));
        Assert.Contains("more than once", result.Errors.First().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Assignments_are_split_at_the_first_equals_sign_and_one_without_it_is_an_error()
    {
        var ok = KtabSmpParameters.ParseAssignments(["Accommodation=0:1=0.5", "BargnModel=PWCompInterp"]);
        Assert.True(ok.Succeeded);
        Assert.Equal(KtabBargnModel.PWCompInterp, ok.Value!.BargnModel);
        Assert.Equal([new KtabAccommodation(0, 1, 0.5)], ok.Value.Accommodation);
        var bad = KtabSmpParameters.ParseAssignments(["VotingRule", "=Cubic", "MaxTurns=3"]);
        Assert.Equal(2, bad.Errors.Count());
        Assert.All(bad.Errors, e => Assert.Equal("Name=Value, e.g. VotingRule=Binary", e.Expected));
    }

    [Fact]
    public void TryParse_gives_the_parameters_or_the_errors()
    {
        Assert.True(KtabSmpParameters.TryParse(new Dictionary<string, string> { ["BigRRange"] = "Max" }, out var p, out var none));
        Assert.Equal(KtabBigRRange.Max, p.BigRRange);
        Assert.Empty(none);
        Assert.False(KtabSmpParameters.TryParse(new Dictionary<string, string> { ["BigRRange"] = "Maxx" }, out var q, out var errors));
        Assert.Null(q);
        Assert.Contains("Did you mean 'Max'?", Assert.Single(errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Named_parameters_of_the_run_layer_get_the_same_diagnostics_with_their_location()
    {
        var at = new SourceLocation("s.xml", 7, 3);
        var (options, problems) = Parley.Core.Models.ModelParameters.Apply(
            Parley.Core.Models.ModelOptions.Default,
            [new Parley.Core.Models.NamedParameter("VotingRule", "Propp", at), new Parley.Core.Models.NamedParameter("BigRRange", "Max")]);
        var error = Assert.Single(problems);
        Assert.Equal(at, error.Location);
        Assert.Contains("Did you mean 'Prop'?", error.Message, StringComparison.Ordinal);
        Assert.Equal(KtabBigRRange.Max, options.Ktab!.BigRRange);
        Assert.Equal(KtabVotingRule.Prop, options.Ktab.VotingRule);
    }
}
