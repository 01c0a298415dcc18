using Microsoft.Net.Http.Headers;
using Parley.Formats;

namespace Parley.Web.Scenarios;

/// <summary>The scenario formats by the names the API and the database use, and by the content types that carry them.</summary>
public static class ScenarioFormats
{
    /// <summary>The content types a scenario may be sent as (the API's routing refuses others with 415).</summary>
    public static readonly string[] ContentTypes =
    [
        "application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "application/json", "text/json",
        "text/csv", "application/xml", "text/xml", "text/plain", "application/octet-stream",
    ];

    /// <summary>The names accepted by <c>?format=</c>: those of <see cref="ScenarioFormatNames"/> but the exchange model's input, which the server does not store.</summary>
    public static IEnumerable<string> Names => ScenarioFormatNames.All.Where(n => n != ScenarioFormatNames.Name(ScenarioFormat.ExchangeCsv));

    /// <summary>The format called <paramref name="name"/> (in any case), or null.</summary>
    public static ScenarioFormat? Parse(string? name) =>
        ScenarioFormatNames.Parse(name, ignoreCase: true) is { } format && format != ScenarioFormat.ExchangeCsv ? format : null;

    /// <summary>The name of <paramref name="format"/>, e.g. <c>ktab-csv</c>.</summary>
    public static string Name(ScenarioFormat format) => ScenarioFormatNames.Name(format);

    /// <summary>The format a scenario read as <paramref name="read"/> is stored as: a CSV the reader recognised by its header (<see cref="ScenarioFormat.Auto"/>) is a classic table.</summary>
    public static ScenarioFormat Stored(ScenarioFormat read) => read == ScenarioFormat.Auto ? ScenarioFormat.ClassicCsv : read;

    /// <summary>The extension a file of <paramref name="format"/> has (for the file name in diagnostics).</summary>
    public static string Extension(ScenarioFormat format) => format switch
    {
        ScenarioFormat.Json => ".json",
        ScenarioFormat.ClassicCsv or ScenarioFormat.KtabCsv => ".csv",
        ScenarioFormat.KtabXml => ".xml",
        _ => ".yaml",
    };

    /// <summary>
    /// The format a request body of <paramref name="contentType"/> is in: JSON, YAML, CSV (classic or
    /// KTAB, told apart by the header), XML (KTAB), or by content for text/plain or none; null for a
    /// type that holds no scenario.
    /// </summary>
    public static (ScenarioFormat Format, string Extension)? FromContentType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return (ScenarioFormat.Auto, string.Empty);
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var media) || media.MediaType.Value is not { } type)
        {
            return null;
        }

        type = type.ToLowerInvariant();
        return type switch
        {
            "application/json" or "text/json" => (ScenarioFormat.Json, ".json"),
            "application/yaml" or "application/x-yaml" or "text/yaml" or "text/x-yaml" => (ScenarioFormat.Yaml, ".yaml"),
            "text/csv" => (ScenarioFormat.Auto, ".csv"),
            "application/xml" or "text/xml" => (ScenarioFormat.KtabXml, ".xml"),
            "text/plain" or "application/octet-stream" => (ScenarioFormat.Auto, string.Empty),
            _ => null,
        };
    }
}
