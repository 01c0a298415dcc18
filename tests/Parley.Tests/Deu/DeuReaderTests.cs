using Parley.Core.Diagnostics;
using Parley.Core.Models.Baselines;
using Parley.Core.Scenarios;
using Parley.Formats.Deu;

namespace Parley.Tests.Deu;

public sealed class DeuReaderTests
{
    public sealed class OnAWellFormedFile
    {
        private readonly DeuDataset _data;

        public OnAWellFormedFile()
        {
            var result = DeuReader.ReadFile(DeuData.TestFile("small.tsv"));
            Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Diagnostics));
            _data = result.Value!;
        }

        [Fact]
        public void Keeps_the_rows_with_an_outcome_and_counts_the_row_without_one()
        {
            Assert.Equal([1, 3], _data.Issues.Select(i => i.IssueNumber));
            Assert.Equal([1, 2], _data.Issues.Select(i => i.ProposalNumber));
            Assert.Equal([3, 5], _data.Issues.Select(i => i.Line));
            Assert.Equal(1, _data.SkippedWithoutOutcome);
            Assert.Equal(0, _data.SkippedInvalid);
            Assert.Equal(2, _data.ProposalCount);
        }

        [Fact]
        public void Reads_quoted_fields_including_a_tab_inside_quotes()
        {
            var first = _data.Issues[0];
            Assert.Equal("docu\tments", first.ProposalName);
            Assert.Equal("d00001", first.ProposalId);
            Assert.Equal("d00001i1", first.IssueId);
            // The salience of Austria is written "50" in quotes.
            Assert.Equal(0.5, first.Scenario.Compile(0).Saliences[2], 12);
        }

        [Fact]
        public void Actors_without_a_position_take_no_part_even_with_a_salience()
        {
            Assert.Equal(["com", "ep", "at"], _data.Issues[0].Scenario.Compile(0).ActorIds);
            // Germany has a salience of 90 on the second issue but no position.
            Assert.Equal(["com", "fr", "uk"], _data.Issues[1].Scenario.Compile(0).ActorIds);
        }

        [Fact]
        public void Empty_salience_is_zero_and_saliences_are_divided_by_100()
        {
            var input = _data.Issues[0].Scenario.Compile(0);
            Assert.Equal([0.8, 0.0, 0.5], input.Saliences);
            Assert.Equal(SalienceScale.Percent, _data.Issues[0].Scenario.SalienceScale);
        }

        [Fact]
        public void Capabilities_come_from_the_second_row()
        {
            // Row 2 of the DEU file: Commission 4.1, Parliament 4.1, Austria 0.48, France 2.8, UK 2.64.
            Assert.Equal([4.1, 4.1, 0.48], _data.Issues[0].Scenario.Compile(0).Capabilities);
            Assert.Equal([4.1, 2.8, 2.64], _data.Issues[1].Scenario.Compile(0).Capabilities);
        }

        [Fact]
        public void Outcome_and_reference_point_are_read_and_an_empty_reference_point_is_null()
        {
            Assert.Equal(40, _data.Issues[0].Outcome);
            Assert.Equal(0.0, _data.Issues[0].ReferencePoint);
            Assert.Equal(62.5, _data.Issues[1].Outcome);
            Assert.Null(_data.Issues[1].ReferencePoint);
            Assert.Equal([70, 30.5, 100], _data.Issues[1].Scenario.Compile(0).Positions);
        }

        [Fact]
        public void The_compromise_forecast_is_the_hand_computed_weighted_mean()
        {
            // (4.1·0.8·100 + 4.1·0·0 + 0.48·0.5·50) / (3.28 + 0 + 0.24) = 340 / 3.52.
            Assert.Equal(340 / 3.52, new CompromiseModel().Forecast(_data.Issues[0].Scenario.Compile(0)), 9);
        }

        [Fact]
        public void Backtest_cases_are_clustered_by_proposal_number()
        {
            var cases = _data.ToBacktestCases();
            Assert.Equal(["1", "2"], cases.Select(c => c.ProposalId));
            Assert.Equal(["1", "3"], cases.Select(c => c.IssueId));
            Assert.Equal([40, 62.5], cases.Select(c => c.Outcome));
        }
    }

    public sealed class OnAMalformedFile
    {
        private static readonly (int Line, int? Column, string? ColumnName)[] s_expected =
        [
            (3, 16, "pat"),      // '4x' is not a number
            (5, 14, "pcom"),     // 120 lies outside 0–100
            (6, null, null),     // 70 fields instead of 75
            (7, 44, "scom"),     // 'NaN' is not a (finite) number
            (7, 75, "out"),      // '5O' (letter O) is not a number
            (8, 14, null),       // an outcome but no position
        ];

        [Fact]
        public void Stops_with_every_error_located_by_line_column_and_column_name()
        {
            var result = DeuReader.ReadFile(DeuData.TestFile("malformed.tsv"));
            Assert.False(result.Succeeded);
            Assert.Null(result.Value);
            var errors = result.Errors.ToList();
            Assert.Equal(s_expected.Length, errors.Count);
            for (var k = 0; k < s_expected.Length; k++)
            {
                var (line, column, name) = s_expected[k];
                Assert.EndsWith("malformed.tsv", errors[k].Location!.File, StringComparison.Ordinal);
                Assert.Equal(line, errors[k].Location!.Line);
                Assert.Equal(column, errors[k].Location!.Column);
                if (name is not null)
                {
                    Assert.Contains($"'{name}'", errors[k].Message, StringComparison.Ordinal);
                }
            }
        }

        [Fact]
        public void With_skip_invalid_keeps_the_valid_row_and_lists_the_others_as_warnings()
        {
            var result = DeuReader.ReadFile(DeuData.TestFile("malformed.tsv"), new DeuReadOptions { SkipInvalid = true });
            Assert.True(result.Succeeded);
            var data = result.Value!;
            Assert.Equal([2], data.Issues.Select(i => i.IssueNumber));
            Assert.Equal(5, data.SkippedInvalid);
            var warnings = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning).ToList();
            Assert.Equal(s_expected.Select(e => e.Line), warnings.Select(w => w.Location!.Line!.Value));
            Assert.All(warnings, w => Assert.Contains("skipped", w.Message, StringComparison.Ordinal));
        }
    }

    public sealed class OnOtherBadInput
    {
        [Fact]
        public void A_missing_file_is_a_diagnostic_not_an_exception()
        {
            var result = DeuReader.ReadFile(DeuData.TestFile("no-such-file.tsv"));
            Assert.False(result.Succeeded);
            Assert.Single(result.Errors);
        }

        [Fact]
        public void A_wrong_header_is_reported_at_its_column()
        {
            var header = string.Join('\t', Enumerable.Range(1, 75).Select(i => "c" + i));
            var result = DeuReader.Read(new StringReader(header + "\n"), "x.tsv");
            Assert.False(result.Succeeded);
            var first = result.Errors.First();
            Assert.Equal(1, first.Location!.Line);
            Assert.Equal(1, first.Location!.Column);
            Assert.Contains("prnrnmc", first.Expected, StringComparison.Ordinal);
        }

        [Fact]
        public void A_stray_quote_is_reported_on_its_line()
        {
            var lines = File.ReadAllLines(DeuData.TestFile("small.tsv"));
            lines[4] = lines[4].Replace("buses", "bu\"ses", StringComparison.Ordinal);
            var result = DeuReader.Read(new StringReader(string.Join('\n', lines)), "q.tsv");
            Assert.False(result.Succeeded);
            Assert.Equal(5, Assert.Single(result.Errors).Location!.Line);
        }

        [Fact]
        public void A_negative_capability_stops_the_read_at_its_column()
        {
            var lines = File.ReadAllLines(DeuData.TestFile("small.tsv"));
            var caps = lines[1].Split('\t');
            caps[15] = "-1";
            lines[1] = string.Join('\t', caps);
            var result = DeuReader.Read(new StringReader(string.Join('\n', lines)), "c.tsv", new DeuReadOptions { SkipInvalid = true });
            Assert.False(result.Succeeded);
            var error = Assert.Single(result.Errors);
            Assert.Equal((2, 16), (error.Location!.Line, error.Location!.Column));
            Assert.Contains("'pat'", error.Message, StringComparison.Ordinal);
        }
    }
}
