using System.Globalization;
using System.Numerics;
using System.Text;

namespace Parley.Core.Numerics;

/// <summary>
/// A decimal floating-point number that rounds every sum, difference, product and quotient to 28
/// significant digits, ties to even: the default context of Python's <c>decimal</c> module (the
/// General Decimal Arithmetic rules with precision 28). Negation, absolute value, comparison and
/// the conversions from text and from <see cref="double"/> are exact.
/// </summary>
/// <remarks>
/// The value is <c>coefficient × 10^exponent</c> with a <see cref="BigInteger"/> coefficient kept
/// without trailing zeros, so equal values have equal representations. Every operation computes
/// the exact result of its two operands and then rounds once. This is what reference
/// implementations computed in Python's <c>decimal</c> need to be reproduced digit for digit;
/// <see cref="decimal"/> cannot (its 96-bit coefficient rounds differently). It is slow: use it
/// to check a model against such a reference, not to run forecasts.
/// </remarks>
public readonly struct Dec28 :
    IEquatable<Dec28>,
    IComparable<Dec28>,
    IComparisonOperators<Dec28, Dec28, bool>,
    IAdditionOperators<Dec28, Dec28, Dec28>,
    ISubtractionOperators<Dec28, Dec28, Dec28>,
    IMultiplyOperators<Dec28, Dec28, Dec28>,
    IDivisionOperators<Dec28, Dec28, Dec28>,
    IUnaryNegationOperators<Dec28, Dec28>,
    IAdditiveIdentity<Dec28, Dec28>,
    IMultiplicativeIdentity<Dec28, Dec28>
{
    /// <summary>The number of significant digits every operation rounds to.</summary>
    public const int Precision = 28;

    private static readonly BigInteger s_limit = BigInteger.Pow(10, Precision);
    private static readonly BigInteger s_floor = BigInteger.Pow(10, Precision - 1);

    private readonly BigInteger _coefficient;
    private readonly int _exponent;

    private Dec28(BigInteger coefficient, int exponent)
    {
        if (coefficient.IsZero)
        {
            _coefficient = BigInteger.Zero;
            _exponent = 0;
            return;
        }

        while (coefficient % 10 == 0)
        {
            coefficient /= 10;
            exponent++;
        }

        _coefficient = coefficient;
        _exponent = exponent;
    }

    /// <summary>Zero.</summary>
    public static Dec28 Zero => default;

    /// <summary>One.</summary>
    public static Dec28 One { get; } = new(BigInteger.One, 0);

    /// <inheritdoc />
    public static Dec28 AdditiveIdentity => default;

    /// <inheritdoc />
    public static Dec28 MultiplicativeIdentity => One;

    /// <summary>The exact value of <paramref name="value"/>, a decimal with up to 767 significant digits (e.g. 0.1 becomes 0.1000000000000000055511151231257827021181583404541015625).</summary>
    public static Dec28 FromDouble(double value)
    {
        Preconditions.Finite(value, nameof(value));
        if (value == 0)
        {
            return default;
        }

        var bits = BitConverter.DoubleToInt64Bits(value);
        var negative = bits < 0;
        var biased = (int)((bits >> 52) & 0x7FF);
        var fraction = bits & 0xF_FFFF_FFFF_FFFFL;
        var mantissa = biased == 0 ? fraction : fraction | (1L << 52);
        var power = (biased == 0 ? 1 : biased) - 1075;
        var coefficient = new BigInteger(mantissa);
        BigInteger scaled;
        int exponent;
        if (power >= 0)
        {
            scaled = coefficient << power;
            exponent = 0;
        }
        else
        {
            // m · 2^-k = m · 5^k · 10^-k.
            scaled = coefficient * BigInteger.Pow(5, -power);
            exponent = power;
        }

        return new Dec28(negative ? -scaled : scaled, exponent);
    }

    /// <summary>
    /// The shortest decimal that round-trips to <paramref name="value"/> (what <c>double.ToString("R")</c>
    /// prints): the literal a file held, whenever it had at most 15 significant digits.
    /// </summary>
    public static Dec28 FromShortest(double value)
    {
        Preconditions.Finite(value, nameof(value));
        return Parse(value.ToString("R", CultureInfo.InvariantCulture));
    }

    /// <summary>Parses a plain or exponent decimal literal (<c>-12.5</c>, <c>0E-26</c>, <c>1.5e3</c>) exactly, without rounding.</summary>
    public static Dec28 Parse(string text)
    {
        Preconditions.NotNull(text, nameof(text));
        Preconditions.Check(TryParse(text, out var value), nameof(text), $"'{text}' is not a decimal number.");
        return value;
    }

    /// <summary>Parses a plain or exponent decimal literal exactly; false when <paramref name="text"/> is not one.</summary>
    public static bool TryParse(string? text, out Dec28 value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim();
        var i = 0;
        var negative = false;
        if (s[i] is '+' or '-')
        {
            negative = s[i] == '-';
            i++;
        }

        var digits = new StringBuilder();
        var exponent = 0;
        var seenPoint = false;
        for (; i < s.Length && (char.IsAsciiDigit(s[i]) || (s[i] == '.' && !seenPoint)); i++)
        {
            if (s[i] == '.')
            {
                seenPoint = true;
                continue;
            }

            digits.Append(s[i]);
            if (seenPoint)
            {
                exponent--;
            }
        }

        if (digits.Length == 0)
        {
            return false;
        }

        if (i < s.Length && s[i] is 'e' or 'E')
        {
            if (!int.TryParse(s.AsSpan(i + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var e))
            {
                return false;
            }

            exponent += e;
            i = s.Length;
        }

        if (i != s.Length)
        {
            return false;
        }

        var coefficient = BigInteger.Parse(digits.ToString(), NumberStyles.None, CultureInfo.InvariantCulture);
        value = new Dec28(negative ? -coefficient : coefficient, exponent);
        return true;
    }

    /// <summary>True when the value is negative.</summary>
    public bool IsNegative => _coefficient.Sign < 0;

    /// <summary>The absolute value (exact).</summary>
    public static Dec28 Abs(Dec28 value) => value.IsNegative ? -value : value;

    /// <summary>The nearest <see cref="double"/>.</summary>
    public double ToDouble() => double.Parse(ToString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>The exact value in plain notation (<c>-0.0125</c>), or with an exponent when it is very large or small (<c>1.25E-40</c>).</summary>
    public override string ToString()
    {
        var sign = IsNegative ? "-" : string.Empty;
        var digits = BigInteger.Abs(_coefficient).ToString(CultureInfo.InvariantCulture);
        var adjusted = _exponent + digits.Length - 1;
        if (adjusted < -30 || adjusted > 40)
        {
            var mantissa = digits.Length == 1 ? digits : digits[0] + "." + digits[1..];
            return $"{sign}{mantissa}E{adjusted.ToString(CultureInfo.InvariantCulture)}";
        }

        if (_exponent >= 0)
        {
            return sign + digits + new string('0', _exponent);
        }

        var point = digits.Length + _exponent;
        return point > 0
            ? $"{sign}{digits[..point]}.{digits[point..]}"
            : $"{sign}0.{new string('0', -point)}{digits}";
    }

    /// <inheritdoc />
    public bool Equals(Dec28 other) => _exponent == other._exponent && _coefficient == other._coefficient;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Dec28 other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_coefficient, _exponent);

    /// <inheritdoc />
    public int CompareTo(Dec28 other)
    {
        var sa = _coefficient.Sign;
        var sb = other._coefficient.Sign;
        if (sa != sb || sa == 0)
        {
            return sa.CompareTo(sb);
        }

        var e = Math.Min(_exponent, other._exponent);
        return Scale(_coefficient, _exponent - e).CompareTo(Scale(other._coefficient, other._exponent - e));
    }

    /// <summary>The sum, rounded to 28 significant digits.</summary>
    public static Dec28 operator +(Dec28 left, Dec28 right)
    {
        if (left._coefficient.IsZero)
        {
            return right;
        }

        if (right._coefficient.IsZero)
        {
            return left;
        }

        var e = Math.Min(left._exponent, right._exponent);
        return Round(Scale(left._coefficient, left._exponent - e) + Scale(right._coefficient, right._exponent - e), e);
    }

    /// <summary>The difference, rounded to 28 significant digits.</summary>
    public static Dec28 operator -(Dec28 left, Dec28 right) => left + (-right);

    /// <summary>The product, rounded to 28 significant digits.</summary>
    public static Dec28 operator *(Dec28 left, Dec28 right) =>
        Round(left._coefficient * right._coefficient, left._exponent + right._exponent);

    /// <summary>The quotient, rounded to 28 significant digits; throws on division by zero (a bug in the caller).</summary>
    public static Dec28 operator /(Dec28 left, Dec28 right)
    {
        if (right._coefficient.IsZero)
        {
            throw new DivideByZeroException("Dec28 division by zero.");
        }

        if (left._coefficient.IsZero)
        {
            return default;
        }

        var n = BigInteger.Abs(left._coefficient);
        var d = BigInteger.Abs(right._coefficient);
        // Choose k so that 10^27 ≤ n·10^k / d < 10^28, then round the one remaining digit position.
        var k = Precision - 1 - (Digits(n) - Digits(d));
        BigInteger quotient, remainder;
        while (true)
        {
            var num = k >= 0 ? n * BigInteger.Pow(10, k) : n;
            var den = k >= 0 ? d : d * BigInteger.Pow(10, -k);
            quotient = BigInteger.DivRem(num, den, out remainder);
            if (quotient >= s_limit)
            {
                k--;
            }
            else if (quotient < s_floor)
            {
                k++;
            }
            else
            {
                var twice = remainder * 2;
                var cmp = twice.CompareTo(den);
                if (cmp > 0 || (cmp == 0 && !quotient.IsEven))
                {
                    quotient += 1;
                }

                break;
            }
        }

        var negative = left.IsNegative != right.IsNegative;
        return new Dec28(negative ? -quotient : quotient, left._exponent - right._exponent - k);
    }

    /// <summary>The negation (exact).</summary>
    public static Dec28 operator -(Dec28 value) => new(-value._coefficient, value._exponent);

    /// <inheritdoc />
    public static bool operator ==(Dec28 left, Dec28 right) => left.Equals(right);

    /// <inheritdoc />
    public static bool operator !=(Dec28 left, Dec28 right) => !left.Equals(right);

    /// <inheritdoc />
    public static bool operator <(Dec28 left, Dec28 right) => left.CompareTo(right) < 0;

    /// <inheritdoc />
    public static bool operator >(Dec28 left, Dec28 right) => left.CompareTo(right) > 0;

    /// <inheritdoc />
    public static bool operator <=(Dec28 left, Dec28 right) => left.CompareTo(right) <= 0;

    /// <inheritdoc />
    public static bool operator >=(Dec28 left, Dec28 right) => left.CompareTo(right) >= 0;

    private static BigInteger Scale(BigInteger coefficient, int places) =>
        places == 0 ? coefficient : coefficient * BigInteger.Pow(10, places);

    /// <summary>n · 10^e rounded to 28 significant digits, ties to even.</summary>
    private static Dec28 Round(BigInteger n, int e)
    {
        var magnitude = BigInteger.Abs(n);
        var excess = Digits(magnitude) - Precision;
        if (excess <= 0)
        {
            return new Dec28(n, e);
        }

        var divisor = BigInteger.Pow(10, excess);
        var quotient = BigInteger.DivRem(magnitude, divisor, out var remainder);
        var cmp = (remainder * 2).CompareTo(divisor);
        if (cmp > 0 || (cmp == 0 && !quotient.IsEven))
        {
            quotient += 1;
        }

        return new Dec28(n.Sign < 0 ? -quotient : quotient, e + excess);
    }

    /// <summary>The number of decimal digits of a non-negative integer (1 for zero).</summary>
    private static int Digits(BigInteger magnitude)
    {
        if (magnitude.IsZero)
        {
            return 1;
        }

        var estimate = (int)((magnitude.GetBitLength() - 1) * 0.30102999566398119521) + 1;
        if (magnitude < BigInteger.Pow(10, estimate - 1))
        {
            return estimate - 1;
        }

        return magnitude >= BigInteger.Pow(10, estimate) ? estimate + 1 : estimate;
    }
}
