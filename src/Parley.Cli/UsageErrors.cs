using System.CommandLine;
using System.CommandLine.Parsing;
using Parley.Core.Text;

namespace Parley.Cli;

/// <summary>Reports a command line that does not parse: unknown commands and options with a "did you mean", then the other errors.</summary>
internal static class UsageErrors
{
    /// <summary>Writes every error of <paramref name="parse"/> to <paramref name="error"/> and returns <see cref="ExitCodes.UsageError"/>.</summary>
    public static int Report(ParseResult parse, TextWriter error)
    {
        var command = parse.CommandResult.Command;
        var unmatched = parse.UnmatchedTokens;
        // A word after an unknown command or option is most likely its argument or value: the
        // command or option is the mistake then, and the only one reported.
        var afterUnknown = false;
        foreach (var token in unmatched)
        {
            if (token.StartsWith('-') && token.Length > 1)
            {
                var name = token.Split('=', 2)[0];
                error.WriteLine($"error: unknown option '{name}' for '{CommandPath(parse)}'.{DidYouMean.Hint(name, OptionNames(parse))}");
                afterUnknown = true;
            }
            else if (afterUnknown)
            {
                continue;
            }
            else if (command.Subcommands.Count > 0)
            {
                // What follows an unknown command belongs to it: nothing more to say.
                error.WriteLine($"error: unknown command '{token}'.{DidYouMean.Hint(token, command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name))}");
                break;
            }
            else
            {
                error.WriteLine($"error: unexpected argument '{token}' for '{CommandPath(parse)}'.");
            }
        }

        // The parser's own messages, except those about the tokens reported above, and the missing
        // subcommand that follows from an unknown one.
        var unknownCommand = unmatched.Count > 0 && command.Subcommands.Count > 0;
        foreach (var e in parse.Errors)
        {
            if (unmatched.Any(t => e.Message.Contains($"'{t}'", StringComparison.Ordinal)) || (unknownCommand && e.SymbolResult is CommandResult))
            {
                continue;
            }

            error.WriteLine($"error: {e.Message}");
        }

        error.WriteLine(command.Parents.Any() ? $"Run '{CommandPath(parse)} --help' for its arguments and options." : "Run 'parley --help' for the commands and options.");
        return ExitCodes.UsageError;
    }

    /// <summary>"parley forecast" for the forecast command.</summary>
    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as CommandResult)
        {
            names.Add(result.Command is RootCommand ? "parley" : result.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    /// <summary>Every name and alias of the options that apply to the parsed command, its own and the recursive ones of its parents.</summary>
    private static IEnumerable<string> OptionNames(ParseResult parse)
    {
        var options = new List<Option>(parse.CommandResult.Command.Options);
        for (var result = parse.CommandResult.Parent as CommandResult; result is not null; result = result.Parent as CommandResult)
        {
            options.AddRange(result.Command.Options.Where(o => o.Recursive));
        }

        return options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name)).Distinct(StringComparer.Ordinal);
    }
}
