using Microsoft.Net.Http.Headers;
using Parley.Formats;

namespace Parley.Web.Scenarios;

/// <summary>The scenario formats by the names the API and the database use, and by the content types that carry them.</summary>
public static class ScenarioFormats
{
    private static readonly Dictionary<string, ScenarioFormat> s_byName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["auto"] = ScenarioFormat.Auto,
        ["yaml"] = ScenarioFormat.Yaml,
        ["json"] = ScenarioFormat.Json,
        ["classic-csv"] = ScenarioFormat.ClassicCsv,
        ["ktab-csv"] = ScenarioFormat.KtabCsv,
        ["ktab-xml"] = ScenarioFormat.KtabXml,
    };

    /// <summary>The content types a scenario may be sent as (the API's routing refuses others with 415).</summary>
    public static readonly string[] ContentTypes =
    [
        "application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "application/json", "text/json",
        "text/csv", "application/xml", "text/xml", "text/plain", "application/octet-stream",
    ];

    /// <summary>The names accepted by <c>?format=</c>.</summary>
    public static IEnumerable<string> Names => s_byName.Keys;

    /// <summary>The format called <paramref name="name"/>, or null.</summary>
    public static ScenarioFormat? Parse(string? name) => name is not null && s_byName.TryGetValue(name, out var f) ? f : null;

    /// <summary>The name of <paramref name="format"/>, e.g. <c>ktab-csv</c>.</summary>
    public static string Name(ScenarioFormat format) => s_byName.First(p => p.Value == format).Key;

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
