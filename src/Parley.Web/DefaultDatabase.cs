namespace Parley.Web;

/// <summary>Where the run history lives unless <c>--db</c> says otherwise: <c>parley/parley.db</c> in the user's local application data folder.</summary>
public static class DefaultDatabase
{
    /// <summary>The default database file, e.g. <c>~/.local/share/parley/parley.db</c> on Linux.</summary>
    public static string Path => System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "parley", "parley.db");
}
