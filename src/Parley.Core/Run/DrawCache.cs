using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Parley.Core.Diagnostics;
using Parley.Core.Models;
using Parley.Core.Models.Breakdown;
using Parley.Core.Scenarios;

namespace Parley.Core.Run;

/// <summary>
/// Forecasts of input draws kept from one run for the next, per issue and model: a what-if that
/// edits one stance changes the draws of that issue only (each input has streams of its own, see
/// <see cref="Uncertainty.InputSampler"/>), so a rerun takes the other issues' forecasts from here
/// instead of running them again. Thread-safe; bounded by <see cref="MaxBytes"/> (least recently
/// used first out).
/// </summary>
/// <remarks>
/// Exact: an entry is found by the issue's drawn inputs themselves (the SHA-256 of every draw's
/// positions, capabilities and saliences, bit for bit, with the actor ids and the issue's
/// procedure; see <see cref="IssueDraws"/>), not by the edits that made them, and a model's
/// forecasts depend on nothing else but its name and the options in <see cref="ModelKey"/>. Only one-issue models that draw no random
/// numbers, without timed edits, are kept.
/// </remarks>
public sealed class DrawCache
{
    /// <summary>The default bound: 32 MiB of forecasts (about 200 issues of 1,000 draws with nine models).</summary>
    public const long DefaultMaxBytes = 32L << 20;

    private readonly object _gate = new();
    private readonly Dictionary<IssueDraws, LinkedListNode<Entry>> _entries = [];
    private readonly LinkedList<Entry> _recency = new();
    private long _bytes;

    /// <summary>Creates an empty cache holding at most <paramref name="maxBytes"/> bytes.</summary>
    public DrawCache(long maxBytes = DefaultMaxBytes)
    {
        Preconditions.Check(maxBytes > 0, nameof(maxBytes), "The bound must be positive.");
        MaxBytes = maxBytes;
    }

    /// <summary>The most bytes of keys and forecasts kept.</summary>
    public long MaxBytes { get; }

    /// <summary>The bytes of keys and forecasts kept now (about).</summary>
    public long Bytes
    {
        get
        {
            lock (_gate)
            {
                return _bytes;
            }
        }
    }

    /// <summary>The issues (as drawn) kept now.</summary>
    public int Entries
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Issue × model forecasts found here so far.</summary>
    public long Hits { get; private set; }

    /// <summary>Issue × model forecasts looked for and not found so far.</summary>
    public long Misses { get; private set; }

    /// <summary>True when <paramref name="model"/>'s draws can be kept under <paramref name="options"/>.</summary>
    internal static bool Keeps(IForecastModel model, ModelOptions options) =>
        model is IssueModel && !model.Traits.DrawsRandomNumbers && options.Shocks is not { IsEmpty: false } && options.Ktab is null && options.Exchange is null;

    /// <summary>What, besides the inputs, a kept model's forecasts depend on.</summary>
    internal static string ModelKey(IForecastModel model, ModelOptions options) =>
        FormattableString.Invariant($"{model.GetType().FullName}|{model.Name}|{options.Rounds}|{options.Tolerance:R}");

    /// <summary>The forecasts of <paramref name="modelKey"/> on <paramref name="draws"/>, or null.</summary>
    internal IssueCells? Find(IssueDraws draws, string modelKey)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(draws, out var node) && node.Value.Models.TryGetValue(modelKey, out var cells))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                Hits++;
                return cells;
            }

            Misses++;
            return null;
        }
    }

    /// <summary>True when <paramref name="cells"/> can be kept at all: no larger than a quarter of <see cref="MaxBytes"/>.</summary>
    internal bool Fits(IssueCells cells) => cells.Bytes <= MaxBytes / 4;

    /// <summary>Keeps <paramref name="cells"/> (which the caller no longer changes) as the forecasts of <paramref name="modelKey"/> on <paramref name="draws"/>, if they <see cref="Fits"/>.</summary>
    internal void Add(IssueDraws draws, string modelKey, IssueCells cells)
    {
        if (!Fits(cells))
        {
            return;
        }

        lock (_gate)
        {
            if (!_entries.TryGetValue(draws, out var node))
            {
                node = _recency.AddFirst(new Entry(draws));
                _entries.Add(draws, node);
                _bytes += IssueDraws.Bytes;
            }
            else
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
            }

            if (node.Value.Models.TryAdd(modelKey, cells))
            {
                _bytes += cells.Bytes;
            }

            while (_bytes > MaxBytes && _recency.Last is { } last && last != node)
            {
                _recency.RemoveLast();
                _entries.Remove(last.Value.Draws);
                _bytes -= IssueDraws.Bytes + last.Value.Models.Values.Sum(c => c.Bytes);
            }
        }
    }

    private sealed record Entry(IssueDraws Draws)
    {
        public Dictionary<string, IssueCells> Models { get; } = new(StringComparer.Ordinal);
    }
}

/// <summary>
/// One issue's inputs over every draw of a run, the key of <see cref="DrawCache"/>: the SHA-256 of
/// every draw's positions, capabilities and saliences (their bits), the actor ids and the issue's
/// procedure. Two keys are equal when those digests are: different inputs with one digest would
/// take a collision of SHA-256, as a content-addressed store assumes. The inputs themselves are not
/// kept (1,000 draws of nine actors would be 216 KB a key).
/// </summary>
internal readonly record struct IssueDraws(ulong A, ulong B, ulong C, ulong D)
{
    /// <summary>The bytes a key keeps in the cache (with its share of the table).</summary>
    public static long Bytes => 96;
}

/// <summary>Builds the <see cref="IssueDraws"/> of one issue from its draws, given in draw order.</summary>
internal sealed class IssueDrawsHasher : IDisposable
{
    private readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>Starts the key of an issue whose draws look like <paramref name="first"/> (ids and procedure), over <paramref name="draws"/> draws.</summary>
    public IssueDrawsHasher(IssueInput first, int draws)
    {
        Append(first.IssueId);
        Append(first.ActorIds.Length);
        foreach (var id in first.ActorIds)
        {
            Append(id);
        }

        var statusQuo = first.Procedure?.StatusQuo;
        Append(statusQuo.HasValue ? 1 : 0);
        _sha.AppendData(BitConverter.GetBytes(statusQuo ?? 0));
        var vetoes = first.Procedure?.VetoPlayers ?? [];
        Append(vetoes.Count);
        foreach (var id in vetoes)
        {
            Append(id);
        }

        Append(draws);
    }

    /// <summary>Adds the next draw's numbers of the issue.</summary>
    public void Append(IssueInput input)
    {
        _sha.AppendData(MemoryMarshal.AsBytes(input.Positions.AsSpan()));
        _sha.AppendData(MemoryMarshal.AsBytes(input.Capabilities.AsSpan()));
        _sha.AppendData(MemoryMarshal.AsBytes(input.Saliences.AsSpan()));
    }

    /// <summary>The key of every draw added.</summary>
    public IssueDraws Finish()
    {
        Span<byte> digest = stackalloc byte[32];
        _sha.GetHashAndReset(digest);
        var words = MemoryMarshal.Cast<byte, ulong>(digest);
        return new IssueDraws(words[0], words[1], words[2], words[3]);
    }

    /// <inheritdoc />
    public void Dispose() => _sha.Dispose();

    // Lengths first, so that no two different lists of ids give the same bytes.
    private void Append(int value) => _sha.AppendData(BitConverter.GetBytes(value));

    private void Append(string text)
    {
        Append(text.Length);
        _sha.AppendData(MemoryMarshal.AsBytes(text.AsSpan()));
    }
}

/// <summary>One model's results on one issue over every draw: the forecast (NaN where it could not run), the verdict where it has a breakdown step, the reason where it could not run (null when it ran every draw, as kept in the cache).</summary>
internal sealed record IssueCells(double[] Forecasts, BreakdownVerdict?[]? Verdicts, Diagnostic?[]? Problems)
{
    /// <summary>About the bytes these arrays keep, with the verdicts they point to (about 160 bytes each: a record, its list of blockers).</summary>
    public long Bytes => (Forecasts.Length * (8L + (Verdicts is null ? 0 : 8 + 160) + (Problems is null ? 0 : 8))) + 64;
}
