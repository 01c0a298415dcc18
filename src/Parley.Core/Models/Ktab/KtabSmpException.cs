namespace Parley.Core.Models.Ktab;

/// <summary>A run of KTAB's Spatial Model of Politics stopped on one of KTAB's abort conditions (SMP-SPEC §4.4): the scenario or parameters cannot be run.</summary>
public sealed class KtabSmpException : ArgumentException
{
    /// <summary>Creates the exception with a message that says which check failed.</summary>
    public KtabSmpException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public KtabSmpException()
    {
    }

    /// <summary>Creates the exception wrapping another.</summary>
    public KtabSmpException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
