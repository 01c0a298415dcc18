using Parley.Core.Run;

namespace Parley.Cli.Output;

/// <summary>
/// Shows a run's progress as one status line on stderr, rewritten in place, at most ten times a
/// second. Used only when stderr is a terminal, so redirected output stays clean.
/// </summary>
internal sealed class ProgressLine : IProgress<RunProgress>, IProgress<Core.Advice.AdviceProgress>, IDisposable
{
    private readonly TextWriter _error;
    private readonly object _gate = new();
    private long _lastTicks;
    private bool _written;

    /// <summary>Creates a progress line on <paramref name="error"/>.</summary>
    public ProgressLine(TextWriter error) => _error = error;

    /// <inheritdoc />
    public void Report(RunProgress value)
    {
        var now = Environment.TickCount64;
        lock (_gate)
        {
            if (now - _lastTicks < 100 && value.Done < value.Total)
            {
                return;
            }

            _lastTicks = now;
            _written = true;
            var stage = value.Stage switch
            {
                RunStage.PointForecasts => "point forecasts: model",
                RunStage.Draws => "input draws:",
                _ => "drivers: model",
            };
            _error.Write($"\r{stage} {value.Done} of {value.Total}          ");
        }
    }

    /// <inheritdoc />
    public void Report(Core.Advice.AdviceProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (_gate)
        {
            _written = true;
            _error.Write($"\radvice: issue {value.Done} of {value.Total}          ");
        }
    }

    /// <summary>Clears the line.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_written)
            {
                _error.Write("\r" + new string(' ', 79) + "\r");
            }
        }
    }
}
