using System.Globalization;

namespace Parley.Core.Scenarios;

/// <summary>Converts saliences between the core's 0–1 and the scale a file writes them on.</summary>
public static class SalienceUnits
{
    /// <summary>A salience as a file writes it: <paramref name="written"/> / 100 on the percent scale, unchanged on 0–1.</summary>
    public static double FromFile(double written, SalienceScale scale) =>
        scale == SalienceScale.Percent ? written / 100 : written;

    /// <summary>
    /// The salience as a file on <paramref name="scale"/> writes it: ×100 on the percent scale,
    /// choosing the shortest decimal whose division by 100 gives back exactly the stored value, so
    /// that <see cref="FromFile"/> of the result is <paramref name="salience"/> again.
    /// </summary>
    public static double ToFile(double salience, SalienceScale scale)
    {
        if (scale != SalienceScale.Percent)
        {
            return salience;
        }

        var scaled = salience * 100;
        for (var digits = 1; digits <= 17; digits++)
        {
            var candidate = double.Parse(scaled.ToString("G" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            if (candidate / 100 == salience)
            {
                return candidate;
            }
        }

        // No decimal divides back exactly; search the neighbours of the product.
        var near = scaled;
        for (var step = 0; step < 4; step++)
        {
            near = Math.BitIncrement(near);
            if (near / 100 == salience)
            {
                return near;
            }
        }

        near = scaled;
        for (var step = 0; step < 4; step++)
        {
            near = Math.BitDecrement(near);
            if (near / 100 == salience)
            {
                return near;
            }
        }

        return scaled;
    }

    /// <summary>The highest salience a file on <paramref name="scale"/> can write: 100 or 1.</summary>
    public static double FileMaximum(SalienceScale scale) => scale == SalienceScale.Percent ? 100 : 1;
}
