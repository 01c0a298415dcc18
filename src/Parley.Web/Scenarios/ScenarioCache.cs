using System.Collections.Concurrent;
using Parley.Core.Diagnostics;
using Parley.Formats;
using Parley.Storage.Scenarios;

namespace Parley.Web.Scenarios;

/// <summary>
/// Stored scenario versions as read, kept in memory: a version never changes, so a run (a what-if
/// slider's, say) need not read and validate the same text again. Keyed by scenario, version and
/// the text's hash; holds at most <see cref="Capacity"/> versions.
/// </summary>
internal sealed class ScenarioCache
{
    /// <summary>The most versions kept; beyond it the cache starts again empty.</summary>
    public const int Capacity = 64;

    private readonly ConcurrentDictionary<(long Id, int Version, string Sha), ReadResult<ScenarioSource>> _read = new();

    /// <summary>The stored version <paramref name="record"/> as read by the scenario reader.</summary>
    public ReadResult<ScenarioSource> Read(ScenarioVersionRecord record)
    {
        var key = (record.ScenarioId, record.Version, record.Sha256);
        if (_read.TryGetValue(key, out var cached))
        {
            return cached;
        }

        if (_read.Count >= Capacity)
        {
            _read.Clear();
        }

        var read = ScenarioBody.Parse(record.Content, record.Format, Api.ScenarioEndpoints.StoredName(record));
        _read[key] = read;
        return read;
    }
}
