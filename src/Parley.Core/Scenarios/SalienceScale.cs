namespace Parley.Core.Scenarios;

/// <summary>The scale on which a file wrote saliences. The core always holds them on 0–1.</summary>
public enum SalienceScale
{
    /// <summary>Saliences were written on 0–1.</summary>
    Unit,

    /// <summary>Saliences were written on 0–100 and divided by 100 on reading.</summary>
    Percent,
}
