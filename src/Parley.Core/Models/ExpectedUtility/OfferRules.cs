namespace Parley.Core.Models.ExpectedUtility;

/// <summary>
/// The offer rules of the model, written once for both ways of computing a round
/// (<see cref="TableRound"/>, <see cref="SmallRound"/>): which offer a pair of utilities makes,
/// which offer a receiver prefers, and how the offers of a round are recorded.
/// </summary>
internal static class OfferRules
{
    /// <summary>
    /// The offer proposer j makes to receiver i, given a = EUᵢ(i→j) and b = EUᵢ(j→i) as seen by i:
    /// confrontation when b &gt; a &gt; 0, compromise when b &gt; 0 &gt; a and b &gt; |a|, capitulation when
    /// b &gt; 0 &gt; a and b &lt; |a|; false when there is none. Every offer needs b &gt; 0.
    /// </summary>
    public static bool Classify(double a, double b, double xi, double xj, out OfferKind kind, out double target)
    {
        if (b > a && a > 0)
        {
            kind = OfferKind.Confrontation;
            target = xj;
            return true;
        }

        if (b > 0 && a < 0 && b > Math.Abs(a))
        {
            kind = OfferKind.Compromise;
            target = xi + ((xj - xi) * Math.Abs(a / b));
            return true;
        }

        if (b > 0 && a < 0 && b < Math.Abs(a))
        {
            kind = OfferKind.Capitulation;
            target = xj;
            return true;
        }

        kind = OfferKind.Confrontation;
        target = 0;
        return false;
    }

    /// <summary>True when <paramref name="c"/> should replace <paramref name="best"/> (ties keep the earlier proposer).</summary>
    public static bool Better(in ChosenOffer c, in ChosenOffer best, double xi, ExpectedUtilityVariant variant)
    {
        if (best.From < 0)
        {
            return true;
        }

        if (variant == ExpectedUtilityVariant.Bdm)
        {
            return Math.Abs(c.Target - xi) < Math.Abs(best.Target - xi);
        }

        var rc = Rank(c.Kind);
        var rb = Rank(best.Kind);
        if (rc != rb)
        {
            return rc < rb;
        }

        if (c.Kind == OfferKind.Compromise)
        {
            // The 2011 replication code's ranking: the smallest (|a|xᵢ + |b|xⱼ)/(|a| + |b|).
            return CompromiseKey(c, xi) < CompromiseKey(best, xi);
        }

        return Math.Abs(c.Target - xi) < Math.Abs(best.Target - xi);
    }

    /// <summary>
    /// The offers of a round as the options ask for them: none, the ones taken (receiver by
    /// receiver), or every offer made (<paramref name="all"/>, per receiver) with the taken ones marked.
    /// </summary>
    public static List<Offer>? Record(OfferRecording recording, ReadOnlySpan<ChosenOffer> chosen, List<Offer>?[]? all, string[] actorIds, double origin)
    {
        switch (recording)
        {
            case OfferRecording.None:
                return null;
            case OfferRecording.Accepted:
                var accepted = new List<Offer>();
                for (var i = 0; i < chosen.Length; i++)
                {
                    var c = chosen[i];
                    if (c.From >= 0)
                    {
                        accepted.Add(new Offer(c.Kind, actorIds[c.From], actorIds[i], c.A, c.B, c.Target + origin, true));
                    }
                }

                return accepted;
            default:
                var list = new List<Offer>();
                for (var i = 0; i < all!.Length; i++)
                {
                    if (all[i] is null)
                    {
                        continue;
                    }

                    var acceptedFrom = chosen[i].From >= 0 ? actorIds[chosen[i].From] : null;
                    foreach (var o in all[i]!)
                    {
                        list.Add(o with { Accepted = o.From == acceptedFrom });
                    }
                }

                return list;
        }
    }

    private static double CompromiseKey(in ChosenOffer c, double xi)
    {
        var aa = Math.Abs(c.A);
        var bb = Math.Abs(c.B);
        return ((aa * xi) + (bb * c.FromPosition)) / (aa + bb);
    }

    private static int Rank(OfferKind kind) => kind switch
    {
        OfferKind.Confrontation => 0,
        OfferKind.Compromise => 1,
        _ => 2,
    };
}

/// <summary>The offer an actor has taken so far while scanning proposers.</summary>
internal readonly record struct ChosenOffer(int From, OfferKind Kind, double A, double B, double Target, double FromPosition)
{
    /// <summary>No offer taken yet.</summary>
    public static ChosenOffer None => new(-1, OfferKind.Confrontation, 0, 0, 0, 0);
}
