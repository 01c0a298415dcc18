using System.Text.Json;
using Parley.Core.Diagnostics;

namespace Parley.Web.Api;

/// <summary>Reads a JSON request body into a contract, with an answer in words (and the line and column) when it is not valid.</summary>
internal static class JsonBody
{
    /// <summary>The body as <typeparamref name="T"/>, or a 400/415 answer.</summary>
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, JsonSerializerOptions options, CancellationToken cancellationToken) where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, ApiResults.Problem(StatusCodes.Status415UnsupportedMediaType, "The request body must be JSON (Content-Type: application/json)."));
        }

        var bytes = await Scenarios.ScenarioBody.ReadBytesAsync(request, cancellationToken);
        try
        {
            var value = JsonSerializer.Deserialize<T>(bytes, options);
            return value is null ? (null, ApiResults.BadRequest("The request body is empty or null.")) : (value, null);
        }
        catch (JsonException e)
        {
            var location = new SourceLocation("request", e.LineNumber is { } l ? (int)l + 1 : null, e.BytePositionInLine is { } c ? (int)c + 1 : null);
            var fields = options.GetTypeInfo(typeof(T)).Properties.Select(p => p.Name).ToList();
            return (null, ApiResults.BadRequest("The request body is not a valid request.", [Explain(e.Message, fields, location)]));
        }
    }

    /// <summary>The serializer's message in the API's words: an unknown field with a "did you mean" and the valid fields; no .NET type names or paths.</summary>
    private static Diagnostic Explain(string message, IReadOnlyList<string> fields, SourceLocation location)
    {
        var unknown = s_unmapped.Match(message);
        if (unknown.Success)
        {
            var name = unknown.Groups[1].Value;
            return Diagnostic.Error($"Unknown field '{name}'.{Core.Text.DidYouMean.Hint(name, fields)}", location, expected: "one of: " + string.Join(", ", fields));
        }

        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        var text = cut >= 0 ? message[..cut] : message;
        text = s_typeNames.Replace(text, string.Empty);
        return Diagnostic.Error(text.Trim(), location, expected: "a JSON object with the fields: " + string.Join(", ", fields));
    }

    private static readonly System.Text.RegularExpressions.Regex s_unmapped = new("^The JSON property '([^']*)' could not be mapped", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private static readonly System.Text.RegularExpressions.Regex s_typeNames = new(@"\s*(to type )?'?(System|Parley)\.[A-Za-z0-9_.`\[\], ]+'?", System.Text.RegularExpressions.RegexOptions.CultureInvariant);
}
