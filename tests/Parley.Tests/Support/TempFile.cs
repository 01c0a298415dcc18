namespace Parley.Tests.Support;

/// <summary>A file in the temp folder, with the given content (or none), deleted on dispose.</summary>
internal sealed class TempFile : IDisposable
{
    public TempFile(string extension, string? content = null)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"parley-{Guid.NewGuid():N}{extension}");
        if (content is not null)
        {
            File.WriteAllText(Path, content);
        }
    }

    public string Path { get; }

    public void Dispose() => File.Delete(Path);
}
