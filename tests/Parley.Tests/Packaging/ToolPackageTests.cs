using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;
using Parley.Core;
using Parley.Tests.Support;

namespace Parley.Tests.Packaging;

/// <summary>
/// Packs the tool from the build the tests run on (dotnet pack --no-build) and looks inside: what
/// ./install.sh installs must be the `parley` command with the bundled scenarios, version and
/// licence.
/// </summary>
public sealed class ToolPackageTests
{
    [Fact]
    public void The_tool_package_is_the_parley_command_and_carries_the_bundled_scenarios()
    {
        using var folder = new TempFolder();
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<configuration>/net10.0/
        var project = Path.Combine(TestPaths.RepoRoot, "src", "Parley.Cli", "Parley.Cli.csproj");
        var pack = ParleyProcess.RunDotnet(folder.Path, "pack", project, "-c", configuration, "--no-build", "--nologo", "--disable-build-servers", "-o", folder.Path);
        Assert.True(pack.ExitCode == 0, pack.Out + pack.Error);

        using var package = ZipFile.OpenRead(folder.File($"Parley.Cli.{ParleyVersion.Current}.nupkg"));
        var nuspec = XDocument.Load(package.Entries.Single(e => e.FullName == "Parley.Cli.nuspec").Open()).Root!;
        var metadata = nuspec.Elements().Single(e => e.Name.LocalName == "metadata");
        string Meta(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;
        Assert.Equal("Parley.Cli", Meta("id"));
        Assert.Equal(ParleyVersion.Current, Meta("version"));
        Assert.Equal("MIT", Meta("license"));
        Assert.Equal("README.md", Meta("readme"));
        Assert.Contains(package.Entries, e => e.FullName == "README.md");

        var settings = XDocument.Load(package.Entries.Single(e => e.Name == "DotnetToolSettings.xml").Open());
        var command = settings.Descendants().Single(e => e.Name.LocalName == "Command");
        Assert.Equal("parley", command.Attribute("Name")?.Value);
        Assert.Equal("parley.dll", command.Attribute("EntryPoint")?.Value);

        // The scenarios are resources of Parley.Formats.dll inside the package.
        using var formats = new MemoryStream();
        package.Entries.Single(e => e.Name == "Parley.Formats.dll").Open().CopyTo(formats);
        formats.Position = 0;
        using var pe = new PEReader(formats);
        var reader = pe.GetMetadataReader();
        var resources = reader.ManifestResources.Select(h => reader.GetString(reader.GetManifestResource(h).Name)).ToHashSet(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(Path.Combine(TestPaths.RepoRoot, "scenarios")))
        {
            Assert.Contains("scenarios/" + Path.GetFileName(file), resources);
        }
    }
}
