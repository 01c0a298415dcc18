using Parley.Core.Diagnostics;
using Parley.Formats;
using Parley.Web.Api;

namespace Parley.Web.Scenarios;

/// <summary>A scenario sent in a request body: its text, the format it was read as, and what the validator said.</summary>
/// <param name="Content">The text (UTF-8, without a byte-order mark).</param>
/// <param name="FileName">The name locations refer to.</param>
/// <param name="Result">The reader's result: the scenario, or the diagnostics that say why not.</param>
internal sealed record ScenarioBody(string Content, string FileName, ReadResult<ScenarioSource> Result)
{
    /// <summary>
    /// Reads the body of <paramref name="request"/> as a scenario, by its Content-Type or by
    /// <c>?format=</c>, with the same reader and validator as <c>parley validate</c>; locations name
    /// <c>?name=</c> or <c>scenario.EXT</c>. An answer (415, 400) instead when the request holds no
    /// scenario at all.
    /// </summary>
    public static async Task<(ScenarioBody? Body, IResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var byType = ScenarioFormats.FromContentType(request.ContentType);
        var asked = request.Query["format"].ToString();
        var format = asked.Length > 0 ? ScenarioFormats.Parse(asked) : byType?.Format;
        if (asked.Length > 0 && format is null)
        {
            return (null, ApiResults.BadRequest($"Unknown format '{asked}'.", [Diagnostic.Error($"Unknown format '{asked}'.", expected: "one of: " + string.Join(", ", ScenarioFormats.Names))]));
        }

        if (format is null)
        {
            return (null, ApiResults.Problem(StatusCodes.Status415UnsupportedMediaType, $"A scenario cannot be sent as '{request.ContentType}'.",
                [Diagnostic.Error($"Unsupported content type '{request.ContentType}'.", expected: "application/json, application/yaml, text/csv, application/xml or text/plain")]));
        }

        var name = request.Query["name"].ToString();
        if (name.Length == 0 || name.Length > 200 || name.IndexOfAny(['/', '\\', '\0']) >= 0)
        {
            var extension = asked.Length > 0 ? ScenarioFormats.Extension(format.Value) : byType?.Extension ?? string.Empty;
            name = "scenario" + extension;
        }

        var bytes = await ReadBytesAsync(request, cancellationToken);
        var result = ScenarioFiles.ParseSource(bytes, name, format.Value);
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        return (new ScenarioBody(text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text, name, result), null);
    }

    /// <summary>Reads the scenario stored as <paramref name="content"/> in <paramref name="format"/>, naming it <paramref name="fileName"/> in diagnostics.</summary>
    public static ReadResult<ScenarioSource> Parse(string content, string format, string fileName) =>
        ScenarioFiles.ParseSource(System.Text.Encoding.UTF8.GetBytes(content), fileName, ScenarioFormats.Parse(format) ?? ScenarioFormat.Auto);

    /// <summary>The whole body; Kestrel's size limit ends the read with 413.</summary>
    internal static async Task<byte[]> ReadBytesAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
