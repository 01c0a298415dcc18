namespace Parley.Cli.Output;

/// <summary>Writes a command's output to stdout or to the file named by <c>--out</c>.</summary>
internal static class OutputFile
{
    /// <summary>Writes <paramref name="text"/>; returns the exit code.</summary>
    public static int Write(string? path, string text, CliContext context)
    {
        if (path is null)
        {
            context.Out.Write(text);
            return ExitCodes.Success;
        }

        try
        {
            // Write beside the target, then move: a failed write never leaves a half-written file behind.
            var full = Path.GetFullPath(path);
            var temp = full + ".tmp-" + Environment.ProcessId;
            File.WriteAllText(temp, text);
            File.Move(temp, full, overwrite: true);
            context.Error.WriteLine($"Wrote {path}.");
            return ExitCodes.Success;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            context.Error.WriteLine($"error: cannot write '{path}': {ex.Message}");
            return ExitCodes.InvalidInput;
        }
    }
}
