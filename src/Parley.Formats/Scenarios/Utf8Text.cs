using System.Buffers;
using System.Text;
using Parley.Core.Diagnostics;

namespace Parley.Formats.Scenarios;

/// <summary>Strict UTF-8 decoding that reports the line and column of the first invalid byte.</summary>
internal static class Utf8Text
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>The content without a leading UTF-8 byte order mark.</summary>
    public static ReadOnlyMemory<byte> WithoutBom(byte[] content) =>
        content.AsSpan().StartsWith(Bom) ? content.AsMemory(3) : content.AsMemory();

    /// <summary>Decodes <paramref name="utf8"/>, or returns null and adds an error at the first invalid byte.</summary>
    public static string? Decode(ReadOnlySpan<byte> utf8, string fileName, List<Diagnostic> diagnostics)
    {
        var line = 1;
        var column = 1;
        var offset = 0;
        while (offset < utf8.Length)
        {
            var status = Rune.DecodeFromUtf8(utf8[offset..], out var rune, out var consumed);
            if (status != OperationStatus.Done)
            {
                diagnostics.Add(Diagnostic.Error(
                    $"The file is not valid UTF-8: byte 0x{utf8[offset]:X2} at byte offset {offset} cannot be decoded.",
                    new SourceLocation(fileName, line, column),
                    expected: "text saved as UTF-8 (re-save the file with UTF-8 encoding)"));
                return null;
            }

            if (rune.Value == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }

            offset += consumed;
        }

        return Encoding.UTF8.GetString(utf8);
    }
}
