namespace Parley.Formats;

/// <summary>Finds where a decimal number written in text ends, for the readers that must decide what counts as a number.</summary>
internal static class NumberScanner
{
    /// <summary>
    /// The end of the longest decimal number at <paramref name="start"/> — [-+]?(digits)?(.digits)?,
    /// at least one digit, then an exponent [eE][-+]?digits only when it has digits (as C's strtod
    /// reads it) — or -1 when there is no digit.
    /// </summary>
    public static int End(string text, int start)
    {
        var i = start;
        if (i < text.Length && text[i] is '-' or '+')
        {
            i++;
        }

        var digits = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
            digits++;
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
                digits++;
            }
        }

        if (digits == 0)
        {
            return -1;
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            var j = i + 1;
            if (j < text.Length && text[j] is '-' or '+')
            {
                j++;
            }

            var exponentStart = j;
            while (j < text.Length && char.IsAsciiDigit(text[j]))
            {
                j++;
            }

            if (j > exponentStart)
            {
                i = j;
            }
        }

        return i;
    }
}
