namespace Parley.Core.Models.Breakdown;

/// <summary>The EU legislative procedure of a proposal (DEU column <c>proc</c>).</summary>
public enum EuProcedure
{
    /// <summary>Not recognised: no veto player is derived from the procedure.</summary>
    Unknown,

    /// <summary>Codecision (COD), the ordinary legislative procedure (art. 294 TFEU): the Parliament must approve.</summary>
    Codecision,

    /// <summary>Consultation (CNS): the Parliament gives an opinion the Council need not follow.</summary>
    Consultation,
}

/// <summary>How the Council votes on a proposal (DEU column <c>counvte</c>).</summary>
public enum CouncilVoting
{
    /// <summary>Not recognised: no member state is derived as a veto player.</summary>
    Unknown,

    /// <summary>Qualified majority (QMV): no single member state can block.</summary>
    QualifiedMajority,

    /// <summary>Unanimity: every member state can block.</summary>
    Unanimity,
}

/// <summary>
/// Which actors of an EU legislative negotiation can block a deal on their own, from the procedure
/// and the Council's voting rule, as the treaties and the veto-player literature give it:
/// <list type="bullet">
/// <item>Council unanimity: every member state is a veto player (Tsebelis 2002, ch. 11; art. 238(3)–(4) TFEU).</item>
/// <item>Council QMV: no single member state is; a blocking minority is a coalition, not an actor (art. 16(4) TEU), and is not represented.</item>
/// <item>Codecision: the European Parliament is, since it can reject the act (art. 294(7)(b), (13) TFEU; Tsebelis &amp; Garrett 2000).</item>
/// <item>Consultation: the Parliament is not; its opinion binds no one (Steunenberg 1994; Thomson et al. 2006, ch. 1).</item>
/// <item>The Commission never is: it is an agenda setter, whose proposal the Council can amend by unanimity (art. 293(1) TFEU), and in codecision the conciliation committee bypasses it (Tsebelis &amp; Garrett 2000).</item>
/// </list>
/// </summary>
public static class EuVetoRule
{
    /// <summary>The DEU actor code of the European Commission.</summary>
    public const string Commission = "com";

    /// <summary>The DEU actor code of the European Parliament.</summary>
    public const string Parliament = "ep";

    /// <summary>Reads a DEU <c>proc</c> value (<c>COD</c>, <c>CNS</c>; case and surrounding spaces ignored).</summary>
    public static EuProcedure ParseProcedure(string? text) => text?.Trim().ToUpperInvariant() switch
    {
        "COD" => EuProcedure.Codecision,
        "CNS" => EuProcedure.Consultation,
        _ => EuProcedure.Unknown,
    };

    /// <summary>Reads a DEU <c>counvte</c> value: <c>QMV</c> (also <c>QMV(10)</c>, as in some rows), <c>Unan</c>/<c>unanimity</c>.</summary>
    public static CouncilVoting ParseVoting(string? text)
    {
        var t = text?.Trim().ToUpperInvariant() ?? string.Empty;
        return t.StartsWith("QMV", StringComparison.Ordinal) ? CouncilVoting.QualifiedMajority
            : t.StartsWith("UNAN", StringComparison.Ordinal) ? CouncilVoting.Unanimity
            : CouncilVoting.Unknown;
    }

    /// <summary>
    /// The veto players among <paramref name="actorIds"/> (DEU codes: <c>com</c>, <c>ep</c>, member
    /// states), in their order, each with the reason it can block.
    /// </summary>
    public static IReadOnlyList<(string ActorId, string Reason)> VetoPlayers(EuProcedure procedure, CouncilVoting voting, IReadOnlyList<string> actorIds)
    {
        Preconditions.NotNull(actorIds, nameof(actorIds));
        var result = new List<(string, string)>();
        foreach (var id in actorIds)
        {
            if (string.Equals(id, Parliament, StringComparison.OrdinalIgnoreCase))
            {
                if (procedure == EuProcedure.Codecision)
                {
                    result.Add((id, "Codecision: the Parliament can reject the act (art. 294 TFEU)."));
                }
            }
            else if (!string.Equals(id, Commission, StringComparison.OrdinalIgnoreCase) && voting == CouncilVoting.Unanimity)
            {
                result.Add((id, "The Council decides by unanimity: every member state can block."));
            }
        }

        return result;
    }
}
