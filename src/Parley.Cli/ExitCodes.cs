namespace Parley.Cli;

/// <summary>The exit codes of <c>parley</c>.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Success = 0;

    /// <summary>Something went wrong inside Parley (a bug); the message says what. Never used for bad input or usage.</summary>
    public const int InternalError = 1;

    /// <summary>The command line was wrong: unknown command, option or model, bad option value.</summary>
    public const int UsageError = 2;

    /// <summary>The input file was missing, unreadable or invalid.</summary>
    public const int InvalidInput = 3;

    /// <summary>The user interrupted the run (Ctrl+C): 128 + SIGINT, as shells report it.</summary>
    public const int Cancelled = 130;
}
