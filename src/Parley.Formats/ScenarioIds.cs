using System.Globalization;
using System.Text;

namespace Parley.Formats;

/// <summary>
/// Ids for actors and issues read from formats that have only names (KTAB): valid ids of the
/// scenario format (letters, digits, '.', '_', '-'), unique within one list, so that a converted
/// file passes <c>parley validate</c>.
/// </summary>
internal sealed class ScenarioIds
{
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    /// <summary>
    /// An id for <paramref name="name"/>: the name itself when it is a valid id not used yet;
    /// otherwise accents dropped, every run of other characters turned into '-', then -2, -3, …
    /// appended until it is unused; <paramref name="fallback"/> when nothing is left.
    /// </summary>
    public string For(string name, string fallback)
    {
        var id = Clean(name.Trim());
        if (id.Length == 0)
        {
            id = Clean(fallback);
        }

        var unique = id;
        for (var k = 2; !_used.Add(unique); k++)
        {
            unique = string.Create(CultureInfo.InvariantCulture, $"{id}-{k}");
        }

        return unique;
    }

    /// <summary>True when <paramref name="text"/> is a valid id as it stands.</summary>
    public static bool IsValid(string text) => text.Length > 0 && text.All(IsIdChar);

    private static bool IsIdChar(char ch) => char.IsAsciiLetterOrDigit(ch) || ch is '.' or '_' or '-';

    /// <summary>
    /// The ASCII letters a letter of Latin-1 or Latin Extended-A (U+00C0–U+017F) is written with
    /// when accents are dropped ('é' → "e", 'ß' → "ss"); null for any other character. A table, because
    /// the invariant globalization Parley runs with has no Unicode decomposition.
    /// </summary>
    public static string? Fold(char ch) => ch is >= '\u00C0' and <= '\u017F' ? s_folds[ch - 0xC0] : null;

    private static readonly string[] s_folds = "A|A|A|A|A|A|AE|C|E|E|E|E|I|I|I|I|D|N|O|O|O|O|O||O|U|U|U|U|Y|Th|ss|a|a|a|a|a|a|ae|c|e|e|e|e|i|i|i|i|d|n|o|o|o|o|o||o|u|u|u|u|y|th|y|A|a|A|a|A|a|C|c|C|c|C|c|C|c|D|d|D|d|E|e|E|e|E|e|E|e|E|e|G|g|G|g|G|g|G|g|H|h|H|h|I|i|I|i|I|i|I|i|I|i|IJ|ij|J|j|K|k|k|L|l|L|l|L|l|L|l|L|l|N|n|N|n|N|n|n|N|n|O|o|O|o|O|o|OE|oe|R|r|R|r|R|r|S|s|S|s|S|s|S|s|T|t|T|t|T|t|U|u|U|u|U|u|U|u|U|u|U|u|W|w|Y|y|Y|Z|z|Z|z|Z|z|s".Split('|');

    private static string Clean(string text)
    {
        if (IsValid(text))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            var folded = IsIdChar(ch) ? null : Fold(ch);
            if (IsIdChar(ch))
            {
                sb.Append(ch);
            }
            else if (!string.IsNullOrEmpty(folded))
            {
                sb.Append(folded);
            }
            else if (sb.Length > 0 && sb[^1] != '-')
            {
                sb.Append('-');
            }
        }

        return sb.ToString().Trim('-');
    }
}
