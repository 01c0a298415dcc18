using System.CommandLine;
using Parley.Core.Scenarios;
using Parley.Core.Scenarios.Edits;
using Parley.Core.Text;
using Parley.Core.WhatIfs;

namespace Parley.Cli.Commands;

/// <summary>The options that state what-ifs on the command line: <c>--set</c>, <c>--drop</c>, <c>--whatif NAME</c> and <c>--all-whatifs</c>.</summary>
internal sealed class EditOptions
{
    /// <summary>Creates the options.</summary>
    public EditOptions()
    {
        Set = new Option<string[]>("--set")
        {
            Description = "An edit ACTOR.ISSUE.position=V, ACTOR.ISSUE.salience=V, ACTOR.capability=V or ACTOR.ISSUE.capability=V ('*=F' scales; '@N' strikes after round N); repeatable. The edits form one what-if.",
            AllowMultipleArgumentsPerToken = false,
        };
        Drop = new Option<string[]>("--drop") { Description = "Take an actor out (ACTOR, or ACTOR@N after round N); repeatable.", AllowMultipleArgumentsPerToken = false };
        Named = new Option<string[]>("--whatif", "-w") { Description = "Run the scenario's named what-if NAME (see its 'whatifs:'); repeatable.", AllowMultipleArgumentsPerToken = false };
        All = new Option<bool>("--all-whatifs") { Description = "Run every named what-if of the scenario." };
    }

    /// <summary><c>--set</c>.</summary>
    public Option<string[]> Set { get; }

    /// <summary><c>--drop</c>.</summary>
    public Option<string[]> Drop { get; }

    /// <summary><c>--whatif</c>.</summary>
    public Option<string[]> Named { get; }

    /// <summary><c>--all-whatifs</c>.</summary>
    public Option<bool> All { get; }

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Set, Drop, Named, All })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>
    /// The what-ifs the command line asks for on <paramref name="scenario"/>: the edits of <c>--set</c> and
    /// <c>--drop</c> as one (named <see cref="WhatIfRunner.EditsName"/>), then the named ones. Null, with a usage
    /// error written, when an edit cannot be read, a name is unknown, or nothing is asked.
    /// </summary>
    public IReadOnlyList<WhatIf>? Resolve(ParseResult parse, Scenario scenario, CliContext context) => Resolve(parse, scenario, context, required: true);

    /// <summary>As <see cref="Resolve(ParseResult, Scenario, CliContext)"/>; when <paramref name="required"/> is false, asking nothing gives an empty list.</summary>
    public IReadOnlyList<WhatIf>? Resolve(ParseResult parse, Scenario scenario, CliContext context, bool required)
    {
        var edits = new List<ScenarioEdit>();
        var problems = 0;
        foreach (var text in parse.GetValue(Set) ?? [])
        {
            var read = ScenarioEditParser.Parse(text, scenario);
            problems += Report(read, $"--set {text}", edits, context);
        }

        foreach (var text in parse.GetValue(Drop) ?? [])
        {
            var read = ScenarioEditParser.ParseDrop(text);
            problems += Report(read, $"--drop {text}", edits, context);
        }

        var whatIfs = new List<WhatIf>();
        if (edits.Count > 0)
        {
            whatIfs.Add(new WhatIf(WhatIfRunner.EditsName, null, null, edits));
        }

        var known = scenario.WhatIfs.Select(w => w.Name).ToList();
        var names = parse.GetValue(All) ? known : (parse.GetValue(Named) ?? []).Distinct(StringComparer.Ordinal).ToList();
        foreach (var name in names)
        {
            if (scenario.WhatIfs.FirstOrDefault(w => w.Name == name) is { } whatIf)
            {
                whatIfs.Add(whatIf);
                continue;
            }

            problems++;
            context.Error.WriteLine(known.Count == 0
                ? $"error: --whatif {name}: the scenario has no named what-ifs (a 'whatifs:' list in a YAML or JSON file)."
                : $"error: --whatif {name}: the scenario has no what-if of that name.{DidYouMean.Hint(name, known)} Its what-ifs: {string.Join(", ", known)}.");
        }

        if (problems > 0)
        {
            return null;
        }

        if (whatIfs.Count == 0 && required)
        {
            context.Error.WriteLine(known.Count == 0
                ? "error: nothing to ask: give --set ACTOR.ISSUE.FIELD=V or --drop ACTOR (this scenario has no named what-ifs)."
                : $"error: nothing to ask: give --set, --drop, --whatif NAME or --all-whatifs. This scenario's what-ifs: {string.Join(", ", known)}.");
            return null;
        }

        return whatIfs;
    }

    private static int Report(Core.Diagnostics.ReadResult<ScenarioEdit> read, string option, List<ScenarioEdit> edits, CliContext context)
    {
        if (read.Succeeded)
        {
            edits.Add(read.Value!);
            return 0;
        }

        foreach (var d in read.Errors)
        {
            context.Error.WriteLine($"error: {option}: {d.Message}{(d.Expected is null ? string.Empty : $" Expected {d.Expected}.")}");
        }

        return 1;
    }
}
