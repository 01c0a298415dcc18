using System.Text;
using Parley.Core.Scenarios;
using Parley.Formats;
using static Parley.Tests.Formats.FormatTestHelpers;

namespace Parley.Tests.Formats;

public sealed class JsonScenarioReaderTests
{
    [Fact]
    public void The_json_and_yaml_fixtures_read_to_equal_scenarios()
    {
        var yaml = Valid(ScenarioFiles.Read(TestData("small.yaml")));
        var json = Valid(ScenarioFiles.Read(TestData("small.json")));
        AssertEqual(yaml, json);
    }

    [Fact]
    public void Malformed_json_is_reported_with_one_based_line_and_column()
    {
        var text = "{\n  \"title\": \"T\",\n  \"issues\": [1,]\n}";
        var result = Parse(text, "s.json");
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("Malformed JSON: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", error.Message, StringComparison.Ordinal);
        AssertAt(error, "s.json", 3, 16);
    }

    [Fact]
    public void Json_errors_go_through_the_same_validator_as_yaml()
    {
        var text = "{\n  \"title\": \"T\",\n  \"issues\": [{\"id\": \"a\", \"name\": \"A\"}],\n  \"actors\": [{\"id\": \"k\", \"name\": \"K\", \"capability\": 1,\n    \"stances\": {\"a\": {\"position\": \"high\", \"salience\": 0.5}, \"b\": {\"position\": 1, \"salience\": 0.5}}}]\n}";
        var result = Parse(text, "s.json");
        var type = ErrorContaining(result, "'position' must be a number");
        AssertAt(type, "s.json", 5, 35);
        Assert.Equal(("k", "a"), (type.ActorId, type.IssueId));
        var unknown = ErrorContaining(result, "Unknown issue id 'b'");
        AssertAt(unknown, "s.json", 5, 61);
        Assert.DoesNotContain("Did you mean", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_json_key_is_reported()
    {
        var text = "{\"title\": \"T\", \"title\": \"U\", \"issues\": [], \"actors\": []}";
        var result = Parse(text, "s.json");
        AssertAt(ErrorContaining(result, "Duplicate key 'title'"), "s.json", 1, 16);
        AssertAt(ErrorContaining(result, "'issues' is empty"), "s.json", 1, 30);
    }

    [Fact]
    public void Content_starting_with_a_brace_is_read_as_json_whatever_the_extension()
    {
        var text = "{\"title\": \"T\", \"issues\": [{\"id\": \"a\", \"name\": \"A\"}], \"actors\": [{\"id\": \"k\", \"name\": \"K\", \"capability\": 1, \"stances\": {\"a\": {\"position\": 1, \"salience\": 1}}}]}";
        Assert.Equal("T", Valid(Parse(text, "scenario.txt")).Title);
    }
}

public sealed class ClassicCsvReaderTests
{
    public sealed class Published_tables
    {
        [Theory]
        [InlineData("ec-emissions.csv", 10)]
        [InlineData("china-1989.csv", 0)]
        [InlineData("honduras-nicaragua.csv", 0)]
        [InlineData("ww1-1914.csv", 0)]
        public void Every_published_table_reads_into_a_one_issue_scenario(string file, int expectedActors)
        {
            var scenario = Valid(ScenarioFiles.Read(Data("bdm", file)));
            Assert.Single(scenario.Issues);
            Assert.Equal("issue", scenario.Issues[0].Id);
            Assert.Equal(Path.GetFileNameWithoutExtension(file), scenario.Issues[0].Name);
            Assert.True(scenario.Actors.Count >= 2);
            if (expectedActors > 0)
            {
                Assert.Equal(expectedActors, scenario.Actors.Count);
            }

            Assert.All(scenario.Stances, s => Assert.InRange(s.Salience, 0, 1));
            Assert.Equal(scenario.Stances.Min(s => s.Position), scenario.Issues[0].Scale.Minimum);
            Assert.Equal(scenario.Stances.Max(s => s.Position), scenario.Issues[0].Scale.Maximum);
        }

        [Fact]
        public void The_ec_emissions_table_keeps_its_published_numbers()
        {
            var scenario = Valid(ScenarioFiles.Read(Data("bdm", "ec-emissions.csv")));
            Assert.Equal("netherlands", scenario.Actors[0].Id);
            Assert.Equal(0.08, scenario.Actors[0].Capability);
            Assert.Equal(new Stance("belgium", "issue", 7, 0.4), scenario.Stances[1]);
            Assert.Equal(SalienceScale.Unit, scenario.SalienceScale);
        }

        [Fact]
        public void China_1989_saliences_are_read_on_0_to_100_with_a_note()
        {
            var result = ScenarioFiles.Read(Data("bdm", "china-1989.csv"));
            var scenario = Valid(result);
            Assert.Equal(SalienceScale.Percent, scenario.SalienceScale);
            Assert.Equal(0.5, scenario.Stances[0].Salience);
            var note = Assert.Single(result.Diagnostics, d => d.Severity == Parley.Core.Diagnostics.DiagnosticSeverity.Info);
            Assert.Contains("read on the 0–100 scale and divided by 100", note.Message, StringComparison.Ordinal);
            Assert.Equal(2, note.Location!.Line);
        }
    }

    public sealed class Shape
    {
        [Fact]
        public void Header_case_order_and_spaces_do_not_matter()
        {
            var scenario = Valid(Parse(" salience , POSITION,actor,Capability\n0.5, 1 ,A,2\n1,3,B B,4\n", "t.csv"));
            Assert.Equal(["a", "b-b"], scenario.Actors.Select(a => a.Id));
            Assert.Equal(new Stance("b-b", "issue", 3, 1), scenario.Stances[1]);
        }

        [Fact]
        public void Equal_positions_widen_the_scale_by_one_each_way_with_a_note()
        {
            var result = Parse("Actor,Capability,Position,Salience\nA,1,5,0.5\nB,1,5,0.5\n", "t.csv");
            var scenario = Valid(result);
            Assert.Equal((4.0, 6.0), (scenario.Issues[0].Scale.Minimum, scenario.Issues[0].Scale.Maximum));
            Assert.Contains(result.Diagnostics, d => d.Message.Contains("widened to 4–6", StringComparison.Ordinal));
        }

        [Fact]
        public void Ids_derived_from_names_are_made_unique()
        {
            var scenario = Valid(Parse("Actor,Capability,Position,Salience\nU.S.,1,5,0.5\nU S,1,6,0.5\n", "t.csv"));
            Assert.Equal(["u-s", "u-s-2"], scenario.Actors.Select(a => a.Id));
        }
    }

    public sealed class Errors
    {
        [Fact]
        public void A_malformed_number_names_line_column_and_actor()
        {
            var result = Parse("Actor,Capability,Position,Salience\nA,1,5,0.5\nB,1,5x,0.5\n", "t.csv");
            var error = ErrorContaining(result, "Position '5x' is not a number");
            AssertAt(error, "t.csv", 3, 5);
            Assert.Equal("B", error.ActorId);
        }

        [Fact]
        public void A_missing_column_names_the_expected_header()
        {
            var result = Parse("Actor,Capability,Position\nA,1,5\nB,1,6\n", "t.csv");
            var error = ErrorContaining(result, "The header lacks the column 'Salience'");
            AssertAt(error, "t.csv", 1, 1);
            Assert.Contains("Actor,Capability,Position,Salience", error.Expected, StringComparison.Ordinal);
        }

        [Fact]
        public void An_unrecognised_header_lists_the_recognised_csv_formats()
        {
            var error = Assert.Single(Parse("Name,Weight\nA,1\n", "t.csv").Errors);
            Assert.Contains("matches no CSV format", error.Message, StringComparison.Ordinal);
            Assert.Contains("classic one-issue table, header 'Actor,Capability,Position,Salience'", error.Expected, StringComparison.Ordinal);
            AssertAt(error, "t.csv", 1, 1);
        }

        [Fact]
        public void A_broken_quoted_field_is_reported_at_the_field()
        {
            var result = Parse("Actor,Capability,Position,Salience\n\"A\"x,1,5,0.5\nB,1,6,0.5\n", "t.csv");
            var error = ErrorContaining(result, "Malformed quoted field");
            AssertAt(error, "t.csv", 2, 1);
        }

        [Fact]
        public void A_negative_capability_is_an_error()
        {
            var error = ErrorContaining(Parse("Actor,Capability,Position,Salience\nA,-1,5,0.5\nB,1,6,0.5\n", "t.csv"), "Capability -1 is negative");
            AssertAt(error, "t.csv", 2, 3);
            Assert.Equal("A", error.ActorId);
        }

        [Fact]
        public void A_duplicate_actor_name_is_an_error()
        {
            var error = ErrorContaining(Parse("Actor,Capability,Position,Salience\nA,1,5,0.5\nA,1,6,0.5\n", "t.csv"), "Duplicate actor name 'A'; it first appears on line 2");
            AssertAt(error, "t.csv", 3, 1);
        }

        [Fact]
        public void A_table_with_one_actor_is_too_short()
        {
            var error = ErrorContaining(Parse("Actor,Capability,Position,Salience\nA,1,5,0.5\n", "t.csv"), "a negotiation needs at least two");
            AssertAt(error, "t.csv", 3, 1);
        }

        [Fact]
        public void Blank_lines_and_multi_line_fields_keep_line_numbers_right()
        {
            var text = "Actor,Capability,Position,Salience\n\n\"Two\nLines\",1,5,0.5\nB,1,x,0.5\n";
            var error = ErrorContaining(Parse(text, "t.csv"), "Position 'x' is not a number");
            AssertAt(error, "t.csv", 5, 5);
        }

        [Fact]
        public void Non_utf8_bytes_in_a_csv_are_reported_at_their_position()
        {
            var bytes = Encoding.Latin1.GetBytes("Actor,Capability,Position,Salience\nM\u00e9xico,1,5,0.5\n");
            var error = Assert.Single(ScenarioFiles.Parse(bytes, "t.csv").Errors);
            Assert.Contains("not valid UTF-8", error.Message, StringComparison.Ordinal);
            AssertAt(error, "t.csv", 2, 2);
        }
    }
}

public sealed class ScenarioWriterTests
{
    [Fact]
    public void Yaml_written_from_the_fixture_reads_back_to_an_equal_scenario()
    {
        var original = Valid(ScenarioFiles.Read(TestData("small.yaml")));
        var text = ScenarioWriter.ToYaml(original);
        AssertEqual(original, Valid(Parse(text, "out.yaml")));
    }

    [Fact]
    public void Json_written_from_the_fixture_reads_back_to_an_equal_scenario()
    {
        var original = Valid(ScenarioFiles.Read(TestData("small.yaml")));
        var text = ScenarioWriter.ToJson(original);
        AssertEqual(original, Valid(Parse(text, "out.json")));
    }

    [Fact]
    public void A_percent_scenario_is_written_on_0_to_100_and_reads_back_exactly()
    {
        var original = Valid(ScenarioFiles.Read(Data("bdm", "china-1989.csv")));
        var yaml = ScenarioWriter.ToYaml(original);
        Assert.Contains("salience_scale: percent", yaml, StringComparison.Ordinal);
        Assert.Contains("salience: 50\n", yaml, StringComparison.Ordinal);
        AssertEqual(original, Valid(Parse(yaml, "out.yaml")));
        AssertEqual(original, Valid(Parse(ScenarioWriter.ToJson(original), "out.json")));
    }

    [Fact]
    public void Awkward_text_and_numbers_survive_the_round_trip()
    {
        var issue = new Issue("x.1", "Quotes \" and \\ and: colons # and – dashes", new Scale(-0.1, 1e-7 + 1));
        var actor = new Actor("true", "null", 1.0 / 3, "line one\nline two\ttab");
        var stance = new Stance("true", "x.1", 0.1 + 0.2, 0.07, "'single' \"double\"");
        var original = new Scenario("yes", [issue], [actor], [stance], sources: ["~"], salienceScale: SalienceScale.Percent);
        AssertEqual(original, Valid(Parse(ScenarioWriter.ToYaml(original), "out.yaml")));
        AssertEqual(original, Valid(Parse(ScenarioWriter.ToJson(original), "out.json")));
    }

    [Fact]
    public void Doubles_are_written_in_shortest_round_trip_form()
    {
        var original = Valid(ScenarioFiles.Read(TestData("small.yaml")));
        var yaml = ScenarioWriter.ToYaml(original);
        Assert.Contains("position: 40.5\n", yaml, StringComparison.Ordinal);
        Assert.Contains("salience: 0.75\n", yaml, StringComparison.Ordinal);
        Assert.Contains("\"position\": 40.5", ScenarioWriter.ToJson(original), StringComparison.Ordinal);
    }
}

public sealed class DiagnosticTextTests
{
    [Fact]
    public void Malformed_yaml_messages_carry_no_yamldotnet_location_prefix()
    {
        var result = Parse("title: T\nissues:\n  - id: a\n   name: x\n", "s.yaml");
        var error = Assert.Single(result.Errors);
        Assert.DoesNotContain("(Line:", error.Message, StringComparison.Ordinal);
        Assert.Equal("valid YAML syntax", error.Expected);
    }

    [Fact]
    public void Diagnostics_print_as_file_line_column_with_actor_and_issue()
    {
        var result = Parse("title: T\nissues:\n  - id: a\n    name: A\nactors:\n  - id: k\n    name: K\n    capability: 1\n    stances:\n      a: { position: 200, salience: 0.5 }\n", "s.yaml");
        var text = Assert.Single(result.Errors).ToString();
        Assert.Equal("s.yaml:10:22: error: Position 200 lies outside the scale of issue 'a' (0 to 100). (actor 'k', issue 'a'); expected a position from 0 to 100", text);
    }
}

public sealed class SchemaAndDocsTests
{
    [Fact]
    public void The_embedded_schema_is_the_file_in_the_repository()
    {
        var onDisk = File.ReadAllText(Path.Combine(RepoRoot, "schema", "parley-scenario.schema.json"));
        Assert.Equal(onDisk, ScenarioFiles.JsonSchemaText);
        Assert.Contains("https://json-schema.org/draft/2020-12/schema", onDisk, StringComparison.Ordinal);
    }

    [Fact]
    public void The_example_in_the_format_doc_is_a_valid_scenario()
    {
        var doc = File.ReadAllText(Path.Combine(RepoRoot, "docs", "scenario-format.md"));
        var start = doc.IndexOf("```yaml\n", StringComparison.Ordinal) + "```yaml\n".Length;
        var end = doc.IndexOf("```", start, StringComparison.Ordinal);
        var result = Parse(doc[start..end], "scenario-format.md.yaml");
        var scenario = Valid(result);
        Assert.Empty(result.Diagnostics);
        Assert.Equal(2, scenario.Issues.Count);
        Assert.Equal(20, scenario.Actors[0].CapabilityOn("sanctions"));
        Assert.Equal(new ScenarioUncertainty(0.05, 0.1, 0.2), scenario.Uncertainty);
        Assert.Equal(["trump", "kim"], scenario.Issues[0].VetoPlayers.Select(v => v.ActorId));
        Assert.Equal(3, Assert.Single(scenario.WhatIfs).Edits.Count);
    }

    [Fact]
    public void The_outcomes_example_in_the_format_doc_merges_into_the_example_scenario()
    {
        var doc = File.ReadAllText(Path.Combine(RepoRoot, "docs", "scenario-format.md"));
        var blocks = doc.Split("```yaml\n").Skip(1).Select(b => b[..b.IndexOf("```", StringComparison.Ordinal)]).ToList();
        var scenario = Valid(Parse(blocks[0], "scenario-format.md.yaml"));
        var outcomes = blocks.Single(b => b.Contains("outcomes:", StringComparison.Ordinal));
        var merged = Valid(OutcomeFiles.Merge(scenario, Encoding.UTF8.GetBytes(outcomes), "outcomes.yaml"));
        Assert.Equal([10.0, 0.0], merged.Issues.Select(i => i.Outcome!.Position));
    }

    [Fact]
    public void Every_key_of_the_schema_is_documented_in_the_format_doc()
    {
        var doc = File.ReadAllText(Path.Combine(RepoRoot, "docs", "scenario-format.md"));
        var schema = System.Text.Json.Nodes.JsonNode.Parse(ScenarioFiles.JsonSchemaText)!;
        var keys = new HashSet<string>(StringComparer.Ordinal);
        void Collect(System.Text.Json.Nodes.JsonNode? node)
        {
            if (node is System.Text.Json.Nodes.JsonObject o)
            {
                if (o["properties"] is System.Text.Json.Nodes.JsonObject properties)
                {
                    keys.UnionWith(properties.Select(p => p.Key));
                }

                foreach (var (_, child) in o)
                {
                    Collect(child);
                }
            }
        }

        Collect(schema);
        Assert.True(keys.Count > 30, $"only {keys.Count} keys found");
        var missing = keys.Where(k => !doc.Contains(k + ":", StringComparison.Ordinal) && !doc.Contains($"`{k}`", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "Undocumented keys: " + string.Join(", ", missing));
    }
}
