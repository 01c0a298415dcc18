using System.Globalization;
using Parley.Core.Analysis;
using Parley.Core.Scenarios;
using Parley.Core.Scenarios.Edits;
using Parley.Formats.Results;
using Spectre.Console;

namespace Parley.Cli.Output;

/// <summary>Renders an explanation as text: a table of moves per round, who challenged whom, and the coalitions at the end.</summary>
internal static class ExplainTables
{
    /// <summary>The explanation of one run; <paramref name="whatIf"/> names the what-if explained, if any.</summary>
    public static string Render(ExplanationReport report, Scale scale, WhatIf? whatIf = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(scale);
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        var console = CliContext.ConsoleFor(writer, ansi: false);
        console.Profile.Width = 120;
        var fine = new Scale(0, scale.Width / 10);
        string P(double value) => ForecastReading.Format(value, fine);
        string Name(string id) => report.Actors.GetValueOrDefault(id, id);
        console.WriteLine($"{report.Scenario} — {report.IssueName} [{report.Issue}], {report.Model}");
        if (whatIf is not null)
        {
            console.WriteLine($"what-if {whatIf.Name}: {string.Join("; ", whatIf.Edits.Select(e => e.Text))}");
        }

        console.WriteLine($"forecast {P(report.Forecast)} after {report.RoundsRun} round{(report.RoundsRun == 1 ? string.Empty : "s")} ({report.Stop.Replace('_', ' ')})");
        if (report.Note is not null)
        {
            console.WriteLine(report.Note);
        }

        foreach (var round in report.Rounds)
        {
            console.WriteLine();
            console.WriteLine($"Round {round.Round} (weighted mean after it: {P(round.Mean)})");
            var table = new Table().Border(TableBorder.Simple);
            table.AddColumn(new TableColumn("actor").NoWrap());
            table.AddColumn(new TableColumn("from").RightAligned().NoWrap());
            table.AddColumn(new TableColumn("to").RightAligned().NoWrap());
            table.AddColumn(new TableColumn("why").Width(56));
            table.AddColumn(new TableColumn("offers refused").Width(30));
            foreach (var m in round.Moves)
            {
                table.AddRow(
                    new Text(Name(m.Actor)),
                    new Text(P(m.From)),
                    new Text(m.Moved ? P(m.To) : "–"),
                    new Text(m.Cause is { } c ? Why(c, Name, P) : m.Note ?? "kept its position"),
                    new Text(Refused(m, Name)));
            }

            console.Write(table);
            if (round.Shocks is not null)
            {
                console.WriteLine($"  after round {round.Round}: {string.Join("; ", round.Shocks)}");
            }
        }

        console.WriteLine();
        console.WriteLine("Who challenged whom over the run (made / taken by the receiver):");
        var challenges = new Table().Border(TableBorder.Simple);
        challenges.AddColumn("from");
        challenges.AddColumn("to");
        foreach (var t in report.Totals)
        {
            challenges.AddColumn(new TableColumn(t.Kind).RightAligned());
        }

        foreach (var pair in report.Challenges.GroupBy(c => (c.From, c.To)))
        {
            challenges.AddRow([Markup.Escape(Name(pair.Key.From)), Markup.Escape(Name(pair.Key.To)),
                .. report.Totals.Select(t => pair.FirstOrDefault(c => c.Kind == t.Kind) is { } c ? $"{c.Count} / {c.Taken}" : "")]);
        }

        challenges.AddRow(["[italic]total[/]", "", .. report.Totals.Select(t => $"{t.Count} / {t.Taken}")]);
        console.Write(challenges);

        console.WriteLine();
        console.WriteLine($"Coalitions at the end (actors within 5% of the scale, {P(0.05 * scale.Width)} points, of each other):");
        foreach (var c in report.Coalitions.OrderByDescending(c => c.Weight))
        {
            var where = c.Low == c.High ? $"at {P(c.Low)}" : $"{P(c.Low)}–{P(c.High)}";
            console.WriteLine($"  {where}: {string.Join(", ", c.Members.Select(Name))} — weight {c.Weight.ToString("0.###", CultureInfo.InvariantCulture)} ({(c.Share * 100).ToString("0", CultureInfo.InvariantCulture)}%)");
        }

        console.WriteLine();
        console.WriteLine(report.Model == "ktab-smp"
            ? "ktab-smp: each actor takes the bargain its election favours; value = the initiator's expected gain, p = the election's probability of the option."
            : "a = the receiver's expected utility of challenging the proposer, b = the proposer's of challenging the receiver, both as the receiver sees them. Every number: --format json.");
        return writer.ToString();
    }

    /// <summary>The offers an actor did not take, by kind: "compromise: Italy, UK; capitulation: Germany".</summary>
    private static string Refused(MoveReport m, Func<string, string> name) =>
        m.Refused.Count == 0
            ? "–"
            : string.Join("; ", m.Refused.GroupBy(r => r.Kind).Select(g => $"{g.Key}: {string.Join(", ", g.Select(r => name(r.Kind == "bargain" && r.From == m.Actor ? r.To : r.From)))}"));

    private static string Why(CauseReport c, Func<string, string> name, Func<double, string> p)
    {
        string U(double? v) => v is { } x ? x.ToString("0.###", CultureInfo.InvariantCulture) : "?";
        return c.Kind switch
        {
            "confrontation" => $"loses a confrontation to {name(c.From)}: moves to its position (a = {U(c.ReceiverUtility)}, b = {U(c.ProposerUtility)})",
            "compromise" => $"compromises with {name(c.From)}, moving |a/b| of the way (a = {U(c.ReceiverUtility)}, b = {U(c.ProposerUtility)})",
            "capitulation" => $"capitulates to {name(c.From)} (a = {U(c.ReceiverUtility)}, b = {U(c.ProposerUtility)})",
            _ => $"takes the bargain {name(c.From)} proposed to {name(c.To)} (value {U(c.Value)}, p = {U(c.ElectionProbability)}) to {p(c.NewPosition)}",
        };
    }
}
