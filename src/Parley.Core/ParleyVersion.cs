using System.Reflection;

namespace Parley.Core;

/// <summary>
/// The version of Parley, set once in Directory.Build.props: the packages, <c>parley --version</c>
/// and every result file carry it, so a number can always be traced to the code that produced it.
/// </summary>
public static class ParleyVersion
{
    private static readonly string s_informational =
        typeof(ParleyVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ParleyVersion).Assembly.GetName().Version?.ToString(3)
        ?? "0.0.0";

    /// <summary>The release version, e.g. <c>0.4.0</c> (semantic version without build metadata): what results store.</summary>
    public static string Current { get; } = s_informational.Split('+', 2)[0];

    /// <summary>The commit the assembly was built from (the build metadata after '+'), or null when the build did not record one.</summary>
    public static string? Commit { get; } = s_informational.Split('+', 2) is [_, var commit] && commit.Length > 0 ? commit : null;

    /// <summary>The version with the commit's first 12 characters when known, e.g. <c>0.4.0 (commit 1a2b3c4d5e6f)</c>: what <c>parley --version</c> prints.</summary>
    public static string Display => Commit is { } c ? $"{Current} (commit {c[..Math.Min(12, c.Length)]})" : Current;
}
