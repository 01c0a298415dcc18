using System.Reflection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace Parley.Web.Hosting;

/// <summary>
/// The dashboard's files, served from resources embedded in this assembly under <c>wwwroot/…</c>
/// (see Parley.Web.csproj), so that the server needs no folder beside it: the same files in
/// tests, in <c>dotnet run</c> and in the installed tool.
/// </summary>
internal sealed class EmbeddedWebRoot : IFileProvider
{
    private const string Prefix = "wwwroot/";
    private readonly Assembly _assembly;
    private readonly Dictionary<string, string> _resources;
    private readonly DateTimeOffset _built;

    /// <summary>Creates the provider over the resources of <paramref name="assembly"/>.</summary>
    public EmbeddedWebRoot(Assembly assembly)
    {
        _assembly = assembly;
        _resources = assembly.GetManifestResourceNames()
            .Where(n => n.Replace('\\', '/').StartsWith(Prefix, StringComparison.Ordinal))
            .ToDictionary(n => n.Replace('\\', '/')[Prefix.Length..], n => n, StringComparer.Ordinal);
        _built = File.Exists(assembly.Location) ? File.GetLastWriteTimeUtc(assembly.Location) : DateTimeOffset.UnixEpoch;
    }

    /// <summary>The paths of every file, relative to the web root.</summary>
    public IEnumerable<string> Paths => _resources.Keys;

    /// <inheritdoc />
    public IFileInfo GetFileInfo(string subpath)
    {
        var key = subpath.TrimStart('/');
        return _resources.TryGetValue(key, out var name)
            ? new ResourceFile(_assembly, name, Path.GetFileName(key), _built)
            : new NotFoundFileInfo(subpath);
    }

    /// <inheritdoc />
    public IDirectoryContents GetDirectoryContents(string subpath)
    {
        var prefix = subpath.Trim('/');
        prefix = prefix.Length == 0 ? string.Empty : prefix + "/";
        var files = _resources.Keys
            .Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && k.IndexOf('/', prefix.Length) < 0)
            .Select(GetFileInfo)
            .ToList();
        var folderExists = prefix.Length == 0 || _resources.Keys.Any(k => k.StartsWith(prefix, StringComparison.Ordinal));
        return folderExists ? new Folder(files) : NotFoundDirectoryContents.Singleton;
    }

    /// <inheritdoc />
    public IChangeToken Watch(string filter) => NullChangeToken.Singleton;

    private sealed class Folder(List<IFileInfo> files) : IDirectoryContents
    {
        public bool Exists => true;

        public IEnumerator<IFileInfo> GetEnumerator() => files.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private sealed class ResourceFile(Assembly assembly, string resource, string name, DateTimeOffset modified) : IFileInfo
    {
        private readonly long _length = ReadLength(assembly, resource);

        public bool Exists => true;

        public long Length => _length;

        public string? PhysicalPath => null;

        public string Name => name;

        public DateTimeOffset LastModified => modified;

        public bool IsDirectory => false;

        public Stream CreateReadStream() => assembly.GetManifestResourceStream(resource)!;

        private static long ReadLength(Assembly assembly, string resource)
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            return stream.Length;
        }
    }
}
