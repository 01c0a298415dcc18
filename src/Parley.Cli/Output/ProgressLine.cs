using Parley.Core.Models;

namespace Parley.Cli.Output;

/// <summary>
/// Shows a model's progress as one status line on stderr, rewritten in place, at most ten times a
/// second. Used only when stderr is a terminal, so redirected output stays clean.
/// </summary>
internal sealed class ProgressLine : IProgress<ModelProgress>, IDisposable
{
    private readonly TextWriter _error;
    private readonly object _gate = new();
    private long _lastTicks;
    private bool _written;

    /// <summary>Creates a progress line on <paramref name="error"/>.</summary>
    public ProgressLine(TextWriter error) => _error = error;

    /// <inheritdoc />
    public void Report(ModelProgress value)
    {
        var now = Environment.TickCount64;
        lock (_gate)
        {
            if (now - _lastTicks < 100)
            {
                return;
            }

            _lastTicks = now;
            _written = true;
            _error.Write($"\r{value.Model}: issue '{value.IssueId}', round {value.Round} of at most {value.MaxRounds}   ");
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
