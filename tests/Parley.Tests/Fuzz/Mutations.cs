using System.Globalization;
using System.Text;
using CsCheck;

namespace Parley.Tests.Fuzz;

/// <summary>The syntax a mutation aims at, so that structural tokens and nesting fit the reader.</summary>
public enum Syntax
{
    Yaml,
    Json,
    Csv,
    Xml,
    Tsv,
}

/// <summary>
/// CsCheck generators of mutations: each draws its parameters (positions as fractions of the input,
/// counts, replacement text) from a PCG and returns a function from bytes to bytes. They are composed
/// 1–6 at a time on a seed file. The large inputs (100 MB, 10,000 actors) are not here: they are
/// checked a handful of times in <see cref="SizeLimits.LimitTests"/>, not ten thousand.
/// </summary>
internal static class Mutations
{
    /// <summary>Numbers that have broken or could break a reader or a model.</summary>
    public static readonly string[] HostileNumbers =
    [
        "1e308", "-1e308", "1e309", "-1e309", "1.7976931348623157e308", "7.9e28", "-7.9e28", "1e29", "1e16", "1e15", "-1e15",
        "1000000000000001", "1e17", "4.9e-324", "1e-320", "2.2250738585072014e-308", "1e-300", "-0", "0", "0.0", "-0.0",
        "NaN", "nan", "-NaN", "Infinity", "-Infinity", "inf", "-inf", "∞", ".inf", "-.inf", ".nan", ".NaN", "+.inf",
        "0x10", "1_000", "1,5", "１", "1e", "1e+", ".", "-", "+", "--1", "1..2", "1e400", "-1e400",
        "99999999999999999999999999999999999999", "0.000000000000000000000000000000000000001", "100.0000000001", "-0.0000001",
        "18446744073709551616", "-1", "101", "1e2", "  7  ", "\"5\"", "true", "null", "~",
    ];

    private static readonly Dictionary<Syntax, string[]> s_tokens = new()
    {
        [Syntax.Yaml] =
        [
            "&a ", "*a", "&b ", "*b", "!!str ", "!!float ", "!!int ", "!!binary ", "!custom ", "<<: *a\n", "? ", "|\n", ">\n", "---\n", "...\n",
            "%YAML 1.1\n", "%TAG ! tag:x,2000:\n", "\t", "# c\n", "'", "\"", "{", "}", "[", "]", ", ", ": ", "- ", "\n  ", "\n- ", "\\u0000",
            "\"\\ud800\"", "\"\\x41\"", "@", "`", "%", "? [a]: b\n", "{a: 1, a: 2}", "title: again\n", "id: kim\n", "- id: kim\n  name: K\n",
            "position: 1e308\n", "salience: .nan\n", "capability: -1\n", "actors: []\n", "issues:\n", "scale: {min: 5, max: 5}\n",
        ],
        [Syntax.Json] =
        [
            "{", "}", "[", "]", ",", ":", "\"", "\\u0000", "\"\\ud800\"", "\"\\uDFFF\"", "null", "true", "false", "1e400", "-", "/*", "*/", "//",
            "NaN", "Infinity", "\"title\": \"again\", ", "\"id\": \"kim\", ", "{\"a\":1,\"a\":2}", "\"position\": 1e308, ", "\"salience\": -0, ",
            "\\", "\\\"", "'", "\u2028", "\t", "\u00a0", "00", "01", "-01", "1.", ".1",
        ],
        [Syntax.Csv] =
        [
            "\"", ",", "\n", "\r", "\"\"", ";", "\t", "$$", "&quot;", "\"a,b\"", "\"unterminated", ",,,,", "Actor,Capability,Position,Salience\n",
            "name,description,actors,dimensions\n", "3", "250", "251", "0", "-1", "1000", "1001", " ", "#", "\u00a0", "é", "Café Größe", "A B",
        ],
        [Syntax.Xml] =
        [
            "<", ">", "&", "&amp;", "&lt;", "&#0;", "&#xD800;", "&#x1F600;", "&undefined;", "<![CDATA[x]]>", "]]>", "<!-- c -->", "<?pi x?>",
            "<?xml version=\"1.0\"?>", "<!DOCTYPE x [<!ENTITY a \"bbbbbbbbbb\">]>", "xmlns=\"urn:x\"", "<Actor/>", "</Actor>", "<Actor>",
            "<dCoord>150</dCoord>", "<dCoord>-1</dCoord>", "<dSal>101</dSal>", "<capability>0</capability>", "<name>A</name>", "<name>A B é</name>",
            "Linear", "Square", "Quartic", "Octic", "Conditional", "MarkovIncentive", "MarkovUniform", "Deterministic", "Stochastic",
            "Binary", "PropBin", "Prop", "PropCbc", "None", "OneThird", "Half", "TwoThirds", "Min", "Mid", "Max", "NoCommit", "SemiCommit",
            "FullCommit", "S1P1", "S2P2", "S2PMax", "InitOnlyInterp", "InitRcvrInterp", "PWCompInterp", "18446744073709551615", "18446744073709551616",
        ],
        [Syntax.Tsv] =
        [
            "\t", "\"", "\n", "\r\n", " ", "\"\"", "\t\t\t", "x", "-1", "101", "1e308", "NaN", "\"a\tb\"", "\"unterminated",
        ],
    };

    /// <summary>A mutated copy of one of <paramref name="seeds"/>: 1 to 6 mutations applied in turn.</summary>
    public static Gen<byte[]> Of(IReadOnlyList<byte[]> seeds, Syntax syntax) =>
        from index in Gen.Int[0, seeds.Count - 1]
        from count in Gen.Frequency((5, Gen.Const(1)), (3, Gen.Const(2)), (2, Gen.Int[3, 6]))
        from steps in One(syntax).Array[count]
        select steps.Aggregate(seeds[index], (bytes, step) => step(bytes));

    /// <summary>One mutation, weighted towards the kinds that reach deeper than the tokenizer.</summary>
    public static Gen<Func<byte[], byte[]>> One(Syntax syntax) => Gen.Frequency(
        (10, FlipBits),
        (5, SetByte),
        (5, InsertRandomBytes),
        (5, DeleteRange),
        (4, Truncate),
        (2, Bom),
        (2, Crlf),
        (3, Nul),
        (3, InvalidUtf8),
        (14, ReplaceNumber),
        (6, DuplicateLine),
        (3, DeleteLine),
        (3, SwapLines),
        (8, InsertToken(syntax)),
        (1, DeepNesting(syntax)),
        (syntax == Syntax.Yaml ? 1 : 0, AliasBomb),
        (2, RepeatChunk));

    private static Gen<Func<byte[], byte[]>> FlipBits =>
        from at in Gen.Double[0, 1]
        from bit in Gen.Int[0, 7]
        select (Func<byte[], byte[]>)(b =>
        {
            if (b.Length == 0)
            {
                return b;
            }

            var copy = (byte[])b.Clone();
            copy[Index(at, b.Length)] ^= (byte)(1 << bit);
            return copy;
        });

    private static Gen<Func<byte[], byte[]>> SetByte =>
        from at in Gen.Double[0, 1]
        from value in Gen.Frequency((3, Gen.Byte), (1, Gen.OneOf<byte>(0, 0x0A, 0x0D, 0x22, 0x27, 0x2C, 0x3A, 0x3C, 0x7F, 0x80, 0xFF)))
        select (Func<byte[], byte[]>)(b =>
        {
            if (b.Length == 0)
            {
                return b;
            }

            var copy = (byte[])b.Clone();
            copy[Index(at, b.Length)] = value;
            return copy;
        });

    private static Gen<Func<byte[], byte[]>> InsertRandomBytes =>
        from at in Gen.Double[0, 1]
        from bytes in Gen.Byte.Array[1, 8]
        select (Func<byte[], byte[]>)(b => Splice(b, Index(at, b.Length + 1), 0, bytes));

    private static Gen<Func<byte[], byte[]>> DeleteRange =>
        from at in Gen.Double[0, 1]
        from length in Gen.Frequency((4, Gen.Int[1, 4]), (1, Gen.Int[5, 200]))
        select (Func<byte[], byte[]>)(b =>
        {
            var start = Index(at, b.Length + 1);
            return Splice(b, start, Math.Min(length, b.Length - start), []);
        });

    private static Gen<Func<byte[], byte[]>> Truncate =>
        from at in Gen.Double[0, 1]
        select (Func<byte[], byte[]>)(b => b[..Index(at, b.Length + 1)]);

    private static Gen<Func<byte[], byte[]>> Bom =>
        from bom in Gen.OneOf<byte[]>([0xEF, 0xBB, 0xBF], [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF], [0xEF, 0xBB], [0x00, 0x00, 0xFE, 0xFF])
        select (Func<byte[], byte[]>)(b => [.. bom, .. b]);

    private static Gen<Func<byte[], byte[]>> Crlf =>
        from kind in Gen.Int[0, 2]
        select (Func<byte[], byte[]>)(b =>
        {
            var text = Encoding.Latin1.GetString(b);
            text = kind switch
            {
                0 => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal),
                1 => text.Replace("\n", "\r", StringComparison.Ordinal),
                _ => text.Replace("\n", "\n\r", StringComparison.Ordinal),
            };
            return Encoding.Latin1.GetBytes(text);
        });

    private static Gen<Func<byte[], byte[]>> Nul =>
        from at in Gen.Double[0, 1]
        from count in Gen.Int[1, 3]
        select (Func<byte[], byte[]>)(b => Splice(b, Index(at, b.Length + 1), 0, new byte[count]));

    private static Gen<Func<byte[], byte[]>> InvalidUtf8 =>
        from at in Gen.Double[0, 1]
        from sequence in Gen.OneOf<byte[]>([0xC0, 0x80], [0xFF], [0xFE], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80], [0xC3], [0xF0, 0x9F, 0x98])
        select (Func<byte[], byte[]>)(b => Splice(b, Index(at, b.Length + 1), 0, sequence));

    /// <summary>Replaces the k-th number in the text (or inserts one) with a hostile number or one of CsCheck's doubles, which favour special values.</summary>
    private static Gen<Func<byte[], byte[]>> ReplaceNumber =>
        from which in Gen.Double[0, 1]
        from replacement in Gen.Frequency(
            (3, Gen.OneOf(HostileNumbers)),
            (1, Gen.Double.Select(d => d.ToString("R", CultureInfo.InvariantCulture))),
            (1, Gen.Double[-1e16, 1e16].Select(d => d.ToString("R", CultureInfo.InvariantCulture))))
        select (Func<byte[], byte[]>)(b =>
        {
            var numbers = NumberSpans(b);
            if (numbers.Count == 0)
            {
                return Splice(b, Index(which, b.Length + 1), 0, Encoding.UTF8.GetBytes(replacement));
            }

            var (start, length) = numbers[Index(which, numbers.Count)];
            return Splice(b, start, length, Encoding.UTF8.GetBytes(replacement));
        });

    private static Gen<Func<byte[], byte[]>> DuplicateLine =>
        from which in Gen.Double[0, 1]
        from times in Gen.Frequency((5, Gen.Const(1)), (1, Gen.Int[2, 50]))
        select (Func<byte[], byte[]>)(b => EditLines(b, lines =>
        {
            if (lines.Count > 0)
            {
                var i = Index(which, lines.Count);
                lines.InsertRange(i, Enumerable.Repeat(lines[i], times));
            }
        }));

    private static Gen<Func<byte[], byte[]>> DeleteLine =>
        from which in Gen.Double[0, 1]
        select (Func<byte[], byte[]>)(b => EditLines(b, lines =>
        {
            if (lines.Count > 0)
            {
                lines.RemoveAt(Index(which, lines.Count));
            }
        }));

    private static Gen<Func<byte[], byte[]>> SwapLines =>
        from first in Gen.Double[0, 1]
        from second in Gen.Double[0, 1]
        select (Func<byte[], byte[]>)(b => EditLines(b, lines =>
        {
            if (lines.Count > 1)
            {
                var (i, j) = (Index(first, lines.Count), Index(second, lines.Count));
                (lines[i], lines[j]) = (lines[j], lines[i]);
            }
        }));

    private static Gen<Func<byte[], byte[]>> InsertToken(Syntax syntax) =>
        from at in Gen.Double[0, 1]
        from token in Gen.OneOf(s_tokens[syntax])
        from replace in Gen.Bool
        select (Func<byte[], byte[]>)(b =>
        {
            var i = Index(at, b.Length + 1);
            return Splice(b, i, replace && i < b.Length ? 1 : 0, Encoding.UTF8.GetBytes(token));
        });

    /// <summary>Nesting around the limit (63–65 levels) and far past it (up to 50,000), spliced in at a random place.</summary>
    private static Gen<Func<byte[], byte[]>> DeepNesting(Syntax syntax) =>
        from at in Gen.Double[0, 1]
        from depth in Gen.OneOf(6, 63, 64, 65, 66, 200, 5_000, 50_000)
        select (Func<byte[], byte[]>)(b =>
        {
            var nest = syntax switch
            {
                Syntax.Yaml => "x: " + new string('[', depth) + new string(']', depth) + "\n",
                Syntax.Json => string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth),
                Syntax.Xml => string.Concat(Enumerable.Repeat("<a>", depth)) + string.Concat(Enumerable.Repeat("</a>", depth)),
                _ => new string('"', depth) + "\n",
            };
            return Splice(b, Index(at, b.Length + 1), 0, Encoding.UTF8.GetBytes(nest));
        });

    /// <summary>A YAML alias bomb of 3 to 9 levels of 9 aliases each, prepended (9 levels expand to 387 million nodes).</summary>
    private static Gen<Func<byte[], byte[]>> AliasBomb =>
        from levels in Gen.Int[3, 9]
        select (Func<byte[], byte[]>)(b => [.. Encoding.UTF8.GetBytes(Bomb(levels)), .. b]);

    /// <summary>A chunk of the input repeated up to a few hundred times (many actors, long lines, long names).</summary>
    private static Gen<Func<byte[], byte[]>> RepeatChunk =>
        from at in Gen.Double[0, 1]
        from length in Gen.Int[1, 80]
        from times in Gen.Int[2, 400]
        select (Func<byte[], byte[]>)(b =>
        {
            var start = Index(at, b.Length + 1);
            var chunk = b.AsSpan(start, Math.Min(length, b.Length - start)).ToArray();
            return Splice(b, start, 0, [.. Enumerable.Repeat(chunk, times).SelectMany(c => c)]);
        });

    /// <summary>The alias bomb text with <paramref name="levels"/> levels.</summary>
    public static string Bomb(int levels)
    {
        var sb = new StringBuilder("a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (var k = 1; k < levels; k++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"a{k}: &a{k} [").Append(string.Join(",", Enumerable.Repeat($"*a{k - 1}", 9))).Append("]\n");
        }

        return sb.ToString();
    }

    private static int Index(double fraction, int count) => count <= 0 ? 0 : Math.Min(count - 1, (int)(fraction * count));

    private static byte[] Splice(byte[] b, int start, int remove, byte[] insert)
    {
        start = Math.Clamp(start, 0, b.Length);
        remove = Math.Clamp(remove, 0, b.Length - start);
        return [.. b.AsSpan(0, start), .. insert, .. b.AsSpan(start + remove)];
    }

    private static byte[] EditLines(byte[] b, Action<List<byte[]>> edit)
    {
        var lines = new List<byte[]>();
        var start = 0;
        for (var i = 0; i < b.Length; i++)
        {
            if (b[i] == (byte)'\n')
            {
                lines.Add(b[start..(i + 1)]);
                start = i + 1;
            }
        }

        if (start < b.Length)
        {
            lines.Add(b[start..]);
        }

        edit(lines);
        return [.. lines.SelectMany(l => l)];
    }

    /// <summary>Byte spans of decimal numbers (a digit, then digits, '.', 'e', '+', '-').</summary>
    private static List<(int Start, int Length)> NumberSpans(byte[] b)
    {
        var spans = new List<(int, int)>();
        var i = 0;
        while (i < b.Length)
        {
            if (char.IsAsciiDigit((char)b[i]))
            {
                var start = i > 0 && b[i - 1] == (byte)'-' ? i - 1 : i;
                while (i < b.Length && (char.IsAsciiDigit((char)b[i]) || b[i] is (byte)'.' or (byte)'e' or (byte)'E' or (byte)'+' or (byte)'-'))
                {
                    i++;
                }

                spans.Add((start, i - start));
            }
            else
            {
                i++;
            }
        }

        return spans;
    }
}
