using System.CommandLine;
using System.CommandLine.Invocation;
using Parley.Core;

namespace Parley.Cli;

/// <summary><c>parley --version</c>: prints <see cref="ParleyVersion.Display"/> (the version set in Directory.Build.props and the commit).</summary>
internal sealed class VersionAction(CliContext context) : SynchronousCommandLineAction
{
    /// <inheritdoc />
    public override int Invoke(ParseResult parseResult)
    {
        context.Out.WriteLine(ParleyVersion.Display);
        return ExitCodes.Success;
    }
}
