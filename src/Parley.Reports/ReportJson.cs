using System.Text.Json;
using Parley.Formats.Results;

namespace Parley.Reports;

/// <summary>Reads a stored result back: the JSON that <c>parley forecast --format json</c> (and every stored run) holds.</summary>
public static class ReportJson
{
    /// <summary>The report in <paramref name="json"/>, or null when it is not one.</summary>
    public static ForecastReport? Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize<ForecastReport>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
