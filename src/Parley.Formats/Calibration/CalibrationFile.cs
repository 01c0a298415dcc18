using System.Text.Json;
using System.Text.Json.Serialization;
using Parley.Core.Analysis;

namespace Parley.Formats.Calibration;

/// <summary>
/// Reads and writes a <see cref="ForecastCalibration"/> as JSON: where it comes from, the command
/// that remakes it, and per model the sorted absolute errors as shares of the scale width.
/// </summary>
public static class CalibrationFile
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    /// <summary>The calibration as JSON; <paramref name="command"/> is the command that remakes it.</summary>
    public static string ToJson(ForecastCalibration calibration, string command)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        var document = new CalibrationDocument(
            calibration.Source,
            command,
            calibration.Models.OrderBy(m => m.Model, StringComparer.Ordinal).ToDictionary(
                m => m.Model,
                m => new ModelResidualsDocument(m.Count, m.Proposals, m.Scale == ResidualScaleKind.ScaleWidth ? "width" : "spread", [.. m.Values]),
                StringComparer.Ordinal));
        return JsonSerializer.Serialize(document, s_json) + "\n";
    }

    /// <summary>Reads a calibration written by <see cref="ToJson"/>.</summary>
    public static ForecastCalibration FromJson(string json)
    {
        var document = JsonSerializer.Deserialize<CalibrationDocument>(json)
            ?? throw new InvalidDataException("The calibration file is empty.");
        return new ForecastCalibration(
            document.Source,
            document.Models.Select(p => new ModelResiduals(p.Key, p.Value.Residuals, p.Value.Proposals, p.Value.Scale == "width" ? ResidualScaleKind.ScaleWidth : ResidualScaleKind.PositionSpread)));
    }

    private sealed record CalibrationDocument(
        [property: JsonPropertyName("source")] string Source,
        [property: JsonPropertyName("remake_with")] string Command,
        [property: JsonPropertyName("models")] Dictionary<string, ModelResidualsDocument> Models);

    private sealed record ModelResidualsDocument(
        [property: JsonPropertyName("issues")] int Issues,
        [property: JsonPropertyName("proposals")] int Proposals,
        [property: JsonPropertyName("error_scale")] string Scale,
        [property: JsonPropertyName("residuals")] double[] Residuals);
}
