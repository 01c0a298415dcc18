using System.Globalization;
using Parley.Core;
using Parley.Core.Diagnostics;

namespace Parley.Formats;

/// <summary>Reads a whole input file, refusing one larger than <see cref="Limits.MaxFileBytes"/> before reading it.</summary>
internal static class BoundedFile
{
    /// <summary>
    /// The bytes of the file at <paramref name="path"/>, or null with the error in
    /// <paramref name="error"/>: not found, unreadable, a folder, or larger than the limit (checked
    /// on its length before reading, and again while reading for files whose length is unknown, such as pipes).
    /// </summary>
    public static byte[]? Read(string path, out Diagnostic? error)
    {
        error = null;
        if (path.Length == 0 || path.Contains('\0', StringComparison.Ordinal))
        {
            error = Diagnostic.Error("The file name is empty or holds a NUL character.", new SourceLocation(path), expected: "the path of a file");
            return null;
        }

        try
        {
            if (Directory.Exists(path))
            {
                error = Diagnostic.Error("This is a folder, not a file.", new SourceLocation(path), expected: "the path of a file");
                return null;
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            if (stream.CanSeek && stream.Length > Limits.MaxFileBytes)
            {
                error = TooLarge(path, stream.Length);
                return null;
            }

            using var buffer = new MemoryStream(stream.CanSeek ? (int)stream.Length : 0);
            var chunk = new byte[81920];
            int read;
            while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (buffer.Length + read > Limits.MaxFileBytes)
                {
                    error = TooLarge(path, null);
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            error = Diagnostic.Error("File not found.", new SourceLocation(path), expected: "the path of an existing file");
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            error = Diagnostic.Error($"The file cannot be read: {e.Message}", new SourceLocation(path));
            return null;
        }
    }

    /// <summary>The error for content of <paramref name="bytes"/> bytes (null: more than the limit, length unknown).</summary>
    public static Diagnostic TooLarge(string path, long? bytes) => Diagnostic.Error(
        bytes is { } b
            ? string.Create(CultureInfo.InvariantCulture, $"The file is {b / 1048576.0:0.#} MiB ({b:#,0} bytes); Parley reads files of at most {Limits.MaxFileBytes / 1048576} MiB.")
            : string.Create(CultureInfo.InvariantCulture, $"The file is larger than {Limits.MaxFileBytes / 1048576} MiB, the most Parley reads."),
        new SourceLocation(path),
        expected: string.Create(CultureInfo.InvariantCulture, $"a file of at most {Limits.MaxFileBytes:#,0} bytes (see docs/limits.md)"));
}
