using Parley.Core.Diagnostics;
using Parley.Formats.Ktab;

namespace Parley.Tests.Ktab;

public sealed class KtabCsvReaderTests
{
    private const string Good =
        "Test,\"A test, with comma\",3,2,\n" +
        "Actor,Description,Power,Econ Position,Econ Salience,Soc Position,Soc Salience,\n" +
        "A,First,10,9.52,40,50,60,\n" +
        "B,Second,20,30,50,70,50,\n" +
        "C,Third,30.5,100,100,0,0,\n";

    private static Diagnostic SingleError(string text)
    {
        var result = KtabCsvReader.Parse(text, "t.csv");
        Assert.False(result.Succeeded);
        return Assert.Single(result.Errors);
    }

    [Fact]
    public void Reads_actors_dimensions_positions_and_saliences_divided_by_100()
    {
        var result = KtabCsvReader.Parse(Good, "t.csv");
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var s = result.Value!.Scenario;
        Assert.Equal("Test", s.Title);
        Assert.Equal("A test, with comma", s.Description);
        Assert.Equal(["Econ", "Soc"], s.Issues.Select(i => i.Id));
        Assert.Equal(["A", "B", "C"], s.Actors.Select(a => a.Id));
        Assert.Equal(30.5, s.Actors[2].Capability);
        Assert.Equal(9.52, s.StanceOf(0, 0)!.Position);
        Assert.Equal(40 / 100.0, s.StanceOf(0, 0)!.Salience);
        Assert.Equal(0.0, s.StanceOf(2, 1)!.Salience);
        Assert.Empty(result.Value.Parameters);
    }

    [Fact]
    public void Reads_every_reference_input_and_recognises_it_as_ktab()
    {
        foreach (var name in KtabData.ReferenceNames)
        {
            var path = KtabData.Ref(name + ".csv");
            Assert.True(KtabCsvReader.LooksLikeKtabCsv(File.ReadAllText(path)), name);
            var result = KtabCsvReader.ReadFile(path);
            Assert.True(result.Succeeded, name + ": " + string.Join("\n", result.Diagnostics));
        }
    }

    [Fact]
    public void Does_not_recognise_a_classic_one_issue_table_as_ktab()
    {
        Assert.False(KtabCsvReader.LooksLikeKtabCsv("actor,position,salience,capability\nA,10,0.5,1\nB,20,0.5,2\n"));
        Assert.False(KtabCsvReader.LooksLikeKtabCsv(string.Empty));
        Assert.True(KtabCsvReader.LooksLikeKtabCsv(Good));
    }

    [Fact]
    public void Tokenizer_keeps_spaces_strips_quotes_and_turns_double_dollar_into_comma()
    {
        var fields = KtabCsvReader.Tokenize("\"Random, \"\"quoted\"\" actor $$ 1\", Spaced ,x");
        Assert.Equal("Random, \"\"quoted\"\" actor , 1", fields[0].Text);
        Assert.Equal(" Spaced ", fields[1].Text);
        Assert.Equal(3, fields.Count);
        Assert.Equal(1, fields[0].Column);
    }

    [Fact]
    public void Numbers_take_the_longest_numeric_prefix_like_a_stream()
    {
        Assert.True(KtabCsvReader.TryParseDouble(" 102.543", out var x, out _));
        Assert.Equal(102.543, x);
        Assert.True(KtabCsvReader.TryParseDouble("18abc", out x, out var rest));
        Assert.Equal(18, x);
        Assert.Equal("abc", rest);
        Assert.False(KtabCsvReader.TryParseDouble("abc", out _, out _));
        Assert.False(KtabCsvReader.TryParseDouble(string.Empty, out _, out _));
    }

    [Fact]
    public void Crlf_line_ends_are_accepted()
    {
        var result = KtabCsvReader.Parse(Good.Replace("\n", "\r\n", StringComparison.Ordinal), "t.csv");
        Assert.True(result.Succeeded);
        Assert.Equal(30.5, result.Value!.Scenario.Actors[2].Capability);
    }

    [Fact]
    public void A_malformed_position_is_reported_with_line_column_actor_and_dimension()
    {
        var e = SingleError(Good.Replace("B,Second,20,30,", "B,Second,20,thirty,", StringComparison.Ordinal));
        Assert.Equal(4, e.Location!.Line);
        Assert.Equal(13, e.Location.Column);
        Assert.Equal("B", e.ActorId);
        Assert.Equal("Econ", e.IssueId);
        Assert.Contains("thirty", e.Message, StringComparison.Ordinal);
        Assert.Contains("0 ≤ position ≤ 100", e.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_with_too_few_columns_reports_the_missing_salience()
    {
        var e = SingleError(Good.Replace("C,Third,30.5,100,100,0,0,", "C,Third,30.5,100,100,0", StringComparison.Ordinal));
        Assert.Equal(5, e.Location!.Line);
        Assert.Equal("C", e.ActorId);
        Assert.Equal("Soc", e.IssueId);
        Assert.Contains("empty", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Out_of_range_values_are_errors_with_what_is_valid()
    {
        var e = SingleError(Good.Replace("A,First,10,9.52,", "A,First,10,109.52,", StringComparison.Ordinal));
        Assert.Equal((3, 12), (e.Location!.Line!.Value, e.Location.Column!.Value));
        e = SingleError(Good.Replace("B,Second,20,30,50,70,50,", "B,Second,20,30,50,70,51,", StringComparison.Ordinal));
        Assert.Contains("at most 100", e.Message, StringComparison.Ordinal);
        Assert.Equal("Soc", e.IssueId);
        e = SingleError(Good.Replace("A,First,10,", "A,First,-1,", StringComparison.Ordinal));
        Assert.Equal((3, 9), (e.Location!.Line!.Value, e.Location.Column!.Value));
        e = SingleError(Good.Replace("A,First,10,", "A,First,0,", StringComparison.Ordinal));
        Assert.Contains("power > 0", e.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Header_counts_are_checked()
    {
        var e = SingleError(Good.Replace("Test,\"A test, with comma\",3,2,", "Test,x,2,2,", StringComparison.Ordinal));
        Assert.Equal((1, 8), (e.Location!.Line!.Value, e.Location.Column!.Value));
        Assert.Contains("3 ≤ actors ≤ 250", e.Expected, StringComparison.Ordinal);
        e = SingleError(Good.Replace("Test,\"A test, with comma\",3,2,", "Test,x,three,2,", StringComparison.Ordinal));
        Assert.Contains("three", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_shorter_than_announced_says_how_many_rows_are_missing()
    {
        var e = SingleError(Good.Replace("3,2,", "4,2,", StringComparison.Ordinal));
        Assert.Equal(6, e.Location!.Line);
        Assert.Contains("4 actor rows", e.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void A_blank_actor_row_is_an_error_not_an_exception()
    {
        var result = KtabCsvReader.Parse(Good.Replace("B,Second,20,30,50,70,50,\n", "\n", StringComparison.Ordinal).Replace("3,2,", "3,2,", StringComparison.Ordinal), "t.csv");
        Assert.False(result.Succeeded);
        Assert.All(result.Errors, d => Assert.Equal(4, d.Location!.Line));
    }

    [Fact]
    public void An_actor_name_longer_than_25_bytes_is_an_error()
    {
        var e = SingleError(Good.Replace("A,First", "An actor name of 26 bytes!,First", StringComparison.Ordinal));
        Assert.Equal((3, 1), (e.Location!.Line!.Value, e.Location.Column!.Value));
    }
}
