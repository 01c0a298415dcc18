namespace Parley.Core;

/// <summary>Argument checks with plain messages, in one place (the NodaTime way).</summary>
internal static class Preconditions
{
    /// <summary>Throws when <paramref name="value"/> is null.</summary>
    public static T NotNull<T>(T? value, string name) where T : class =>
        value ?? throw new ArgumentNullException(name);

    /// <summary>Throws when <paramref name="value"/> is not a finite number.</summary>
    public static double Finite(double value, string name) =>
        double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number.");

    /// <summary>Throws when <paramref name="condition"/> is false.</summary>
    public static void Check(bool condition, string name, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message, name);
        }
    }
}
