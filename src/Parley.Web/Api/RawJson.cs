using System.Text.Json;
using System.Text.Json.Serialization;

namespace Parley.Web.Api;

/// <summary>A JSON value written into a response as it is stored (a run's result), without being parsed and written again.</summary>
/// <param name="Text">The JSON text.</param>
[JsonConverter(typeof(RawJsonConverter))]
public sealed record RawJson(string Text);

/// <summary>Writes a <see cref="RawJson"/> as its text, and reads any JSON value into one.</summary>
public sealed class RawJsonConverter : JsonConverter<RawJson>
{
    /// <inheritdoc />
    public override RawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return new RawJson(document.RootElement.GetRawText());
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, RawJson value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteRawValue(value.Text, skipInputValidation: true);
    }
}
