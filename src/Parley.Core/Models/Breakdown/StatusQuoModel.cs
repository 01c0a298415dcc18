using Parley.Core.Models.Baselines;
using Parley.Core.Scenarios;

namespace Parley.Core.Models.Breakdown;

/// <summary>
/// The naive forecast "nothing changes": the issue's status quo where it states one, else the
/// compromise model (so that it can score every issue of a backtest; the note says which).
/// </summary>
public sealed class StatusQuoModel : IssueModel
{
    /// <summary>The name of this model.</summary>
    public const string ModelName = "status-quo";

    private static readonly CompromiseModel s_fallback = new();

    /// <inheritdoc />
    public override string Name => ModelName;

    /// <inheritdoc />
    public override string Description => "Nothing changes: the issue's status quo; the compromise model where the issue states none.";

    /// <inheritdoc />
    public override string Source => "Naive forecast (the reference point of Thomson et al., The European Union Decides, 2006).";

    /// <inheritdoc />
    public override IssueResult RunIssue(IssueInput input, ModelOptions options, IProgress<ModelProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Preconditions.NotNull(input, nameof(input));
        var compromise = s_fallback.RunIssue(input, options, progress, cancellationToken);
        return input.Procedure?.StatusQuo is { } q
            ? compromise with { Forecast = q, Note = "The status quo." }
            : compromise with { Note = "The issue states no status quo: the compromise model's forecast." };
    }
}
