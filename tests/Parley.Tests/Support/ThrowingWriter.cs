namespace Parley.Tests.Support;

/// <summary>A writer that fails on the first write: stands in for a bug anywhere on the way to the output.</summary>
internal sealed class ThrowingWriter : StringWriter
{
    public const string Message = "simulated failure inside Parley";

    public override void Write(char value) => throw new InvalidOperationException(Message);

    public override void Write(string? value) => throw new InvalidOperationException(Message);

    public override void Write(char[] buffer, int index, int count) => throw new InvalidOperationException(Message);
}
