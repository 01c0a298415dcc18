namespace Parley.Cli.Output;

/// <summary>One output of a command: where it goes (null for standard output), the option that named it, and its text.</summary>
/// <param name="Path">The file, or null for standard output.</param>
/// <param name="Option">The option that named the file, e.g. <c>--out</c>, for messages.</param>
/// <param name="Text">What to write.</param>
internal sealed record PendingOutput(string? Path, string Option, string Text);

/// <summary>
/// Writes a command's outputs to standard output or to files named by options such as <c>--out</c>,
/// so that nothing is written until every output is ready and every target is checked: a target is
/// refused when it is a folder, an input of the command, another output of the same command, a
/// read-only file, or in a folder that does not exist. Each file is written to a short temporary
/// name beside its target, and only when all are written are they moved into place, keeping the
/// permissions of the files they replace; a failure removes every temporary file.
/// </summary>
internal static class OutputFile
{
    /// <summary>
    /// Checks the targets of a command before it does any work: null when every one can be written,
    /// otherwise what is wrong with the first that cannot. <paramref name="targets"/> pairs each
    /// path (null entries are skipped) with the option that named it.
    /// </summary>
    public static string? Problem(IReadOnlyList<(string? Path, string Option)> targets, IReadOnlyList<string> inputs)
    {
        var seen = new List<(string Canonical, string Option, string Path)>();
        var inputPaths = new List<string>();
        foreach (var input in inputs)
        {
            if (TryCanonical(input, out var canonical))
            {
                inputPaths.Add(canonical);
            }
        }

        foreach (var (path, option) in targets)
        {
            if (path is null)
            {
                continue;
            }

            if (string.IsNullOrWhiteSpace(path))
            {
                return $"{option} is empty; give a file name.";
            }

            if (!TryCanonical(path, out var target))
            {
                return $"{option} '{path}' is not a valid file name.";
            }

            if (Directory.Exists(target))
            {
                return $"{option} '{path}' is a folder; give a file name inside it.";
            }

            var folder = Path.GetDirectoryName(target);
            if (folder is not null && !Directory.Exists(folder))
            {
                return $"{option} '{path}': the folder '{folder}' does not exist.";
            }

            if (inputPaths.Any(i => SamePath(i, target)))
            {
                return $"{option} '{path}' is the input file; writing there would replace it. Give another file name.";
            }

            if (seen.FirstOrDefault(s => SamePath(s.Canonical, target)) is { Option: not null } other)
            {
                return $"{option} '{path}' is the same file as {other.Option} '{other.Path}'.";
            }

            if (File.Exists(target) && IsReadOnly(target))
            {
                return $"{option} '{path}' is read-only; Parley does not replace read-only files.";
            }

            seen.Add((target, option, path));
        }

        return null;
    }

    /// <summary>
    /// Checks the targets again (<see cref="Problem"/>), writes every file output beside its target,
    /// moves them all into place, then writes the standard-output ones; returns the exit code.
    /// On any problem nothing is replaced and every temporary file is removed.
    /// </summary>
    public static int WriteAll(IReadOnlyList<PendingOutput> outputs, IReadOnlyList<string> inputs, CliContext context)
    {
        var problem = Problem([.. outputs.Select(o => (o.Path, o.Option))], inputs);
        if (problem is not null)
        {
            return context.UsageError(problem);
        }

        var staged = new List<(PendingOutput Output, string Target, string Temp)>();
        try
        {
            foreach (var output in outputs.Where(o => o.Path is not null))
            {
                var target = Path.GetFullPath(output.Path!);
                var temp = Path.Combine(Path.GetDirectoryName(target)!, $".parley-{Guid.NewGuid():N}"[..16] + ".tmp");
                staged.Add((output, target, temp));
                using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
                using (var writer = new StreamWriter(stream))
                {
                    writer.Write(output.Text);
                }

                KeepMode(target, temp);
            }

            foreach (var (output, target, temp) in staged)
            {
                File.Move(temp, target, overwrite: true);
                context.Error.WriteLine($"Wrote {output.Path}.");
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var current = staged.Count > 0 ? staged[^1].Output : outputs[0];
            context.Error.WriteLine($"error: cannot write {current.Option} '{current.Path}': {ex.Message} Nothing else was written.");
            return ExitCodes.InvalidInput;
        }
        finally
        {
            foreach (var (_, _, temp) in staged)
            {
                TryDelete(temp);
            }
        }

        foreach (var output in outputs.Where(o => o.Path is null))
        {
            context.Out.Write(output.Text);
        }

        return ExitCodes.Success;
    }

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> (standard output when null), protecting <paramref name="inputs"/>; returns the exit code.</summary>
    public static int Write(string? path, string text, CliContext context, IReadOnlyList<string>? inputs = null) =>
        WriteAll([new PendingOutput(path, "--out", text)], inputs ?? [], context);

    /// <summary>The absolute path with every symbolic link on the way resolved, so that two names of one file compare equal.</summary>
    internal static bool TryCanonical(string path, out string canonical)
    {
        canonical = string.Empty;
        if (path.Length == 0 || path.Contains('\0', StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            var full = Path.GetFullPath(path);
            var root = Path.GetPathRoot(full) ?? string.Empty;
            var current = root;
            foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
            {
                var next = Path.Combine(current, part);
                FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
                if (info.Exists && info.LinkTarget is not null)
                {
                    next = info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? next;
                }

                current = next;
            }

            canonical = current;
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool SamePath(string a, string b) =>
        string.Equals(a, b, OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    /// <summary>True when the file cannot be written by this user (on Unix: no write bit for anyone, or the read-only attribute).</summary>
    private static bool IsReadOnly(string path)
    {
        if (new FileInfo(path).IsReadOnly)
        {
            return true;
        }

        return !OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) == 0;
    }

    /// <summary>Gives the temporary file the permissions of the file it will replace, so that replacing a file keeps them.</summary>
    private static void KeepMode(string target, string temp)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(target))
        {
            return;
        }

        File.SetUnixFileMode(temp, File.GetUnixFileMode(target));
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the file is hidden and named as Parley's.
        }
    }
}
