using Parley.Core.Analysis;

namespace Parley.Formats.Calibration;

/// <summary>
/// The calibration that ships with Parley: the residuals of every one-issue model on the DEU III
/// development split (data/deu3), remade by <see cref="Command"/>. A test refits it from the data and
/// checks that the shipped file matches, so it cannot go stale.
/// </summary>
public static class ShippedCalibration
{
    /// <summary>The resource name of the shipped file.</summary>
    public const string ResourceName = "deu3-dev.calibration.json";

    /// <summary>The command that remakes the shipped file (from the repository root).</summary>
    public const string Command = "parley backtest data/deu3/deu3-dev.tsv --calibration-out src/Parley.Formats/Calibration/deu3-dev.calibration.json";

    private static readonly Lazy<ForecastCalibration> s_instance = new(Load);

    /// <summary>The shipped calibration.</summary>
    public static ForecastCalibration Instance => s_instance.Value;

    private static ForecastCalibration Load()
    {
        using var stream = typeof(ShippedCalibration).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The shipped calibration '{ResourceName}' is missing from the Parley.Formats assembly.");
        using var reader = new StreamReader(stream);
        return CalibrationFile.FromJson(reader.ReadToEnd());
    }
}
