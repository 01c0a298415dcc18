using CsCheck;
using Parley.Core.Models.Exchange;
using Parley.Core.Simulation;

namespace Parley.Tests.Exchange;

/// <summary>
/// The selection order against the reference's plain rule (EXCHANGE-SPEC §5.1): stable-sort the whole
/// list by gain before every pick. Gains are drawn from five values, so that ties, which the labels
/// must break exactly as the stable sort does, are everywhere (as on DEU data, where actors share
/// positions, saliences and capabilities).
/// </summary>
public sealed class CandidateQueueTests
{
    [Fact]
    public void The_queue_picks_what_a_stable_sort_before_every_pick_would_pick_even_with_many_ties()
    {
        Gen.Int[1, 60].Select(Gen.ULong).Sample((n, seed) =>
        {
            var rng = new SeededRandom(seed);
            double Gain() => (1 + rng.NextInt(5)) / 10.0;
            var role = new ExchangeRole<double>(0, 0, 1, 1, 1, 1, 0, 1);
            var candidates = new ExchangeCandidate<double>[n];
            for (var id = 0; id < n; id++)
            {
                candidates[id] = new ExchangeCandidate<double>(0, 1, ExchangeGroups.Ad, role, role) { Gain = Gain(), Valid = rng.NextDouble() < 0.9 };
            }

            var queue = new CandidateQueue<double>();
            queue.Load(candidates);
            var plain = Enumerable.Range(0, n).Where(id => candidates[id].Valid).ToList();
            var changed = new List<int>();
            while (plain.Count > 0)
            {
                // The reference: a stable sort by gain (LINQ's OrderByDescending is stable), then the first.
                plain = [.. plain.OrderByDescending(id => candidates[id].Gain)];
                var expected = plain[0];
                plain.RemoveAt(0);
                if (queue.Count != plain.Count + 1 || queue.Pop() != expected)
                {
                    return false;
                }

                // Some of the others change their gain (often to an equal one) or become invalid.
                changed.Clear();
                foreach (var id in plain)
                {
                    if (rng.NextDouble() < 0.3)
                    {
                        ref var f = ref candidates[id];
                        var old = f.Gain;
                        f.Gain = Gain();
                        f.Valid = rng.NextDouble() < 0.85;
                        if (!f.Valid || f.Gain != old)
                        {
                            queue.Remove(id);
                            changed.Add(id);
                        }
                    }
                }

                queue.Reinsert(candidates, changed);
                plain.RemoveAll(id => !candidates[id].Valid);
            }

            return queue.Count == 0;
        }, iter: 300);
    }
}
