using Parley.Core.Backtest;
using Parley.Core.Models.Breakdown;
using Parley.Core.Scenarios;

namespace Parley.Formats.Deu;

/// <summary>The issues of a DEU file that have an outcome, each as a one-issue scenario.</summary>
/// <param name="FileName">The file as the user named it.</param>
/// <param name="Issues">The issues with an outcome, in file order.</param>
/// <param name="SkippedWithoutOutcome">Rows skipped because their outcome is empty.</param>
/// <param name="SkippedInvalid">Malformed rows skipped because the caller asked to skip them.</param>
public sealed record DeuDataset(string FileName, IReadOnlyList<DeuIssue> Issues, int SkippedWithoutOutcome, int SkippedInvalid)
{
    /// <summary>Number of distinct proposals among <see cref="Issues"/>.</summary>
    public int ProposalCount => Issues.Select(i => i.ProposalNumber).Distinct().Count();

    /// <summary>
    /// The issues as backtest cases, clustered by proposal number; each case's joint scenario is its
    /// proposal (<see cref="Proposals"/>), which models that run issues together are run on.
    /// </summary>
    public IReadOnlyList<BacktestCase> ToBacktestCases()
    {
        var cases = new List<BacktestCase>(Issues.Count);
        var byIssue = new Dictionary<DeuIssue, (DeuProposal Proposal, int Index)>(ReferenceEqualityComparer.Instance);
        foreach (var proposal in Proposals())
        {
            for (var k = 0; k < proposal.Issues.Count; k++)
            {
                byIssue[proposal.Issues[k]] = (proposal, k);
            }
        }

        foreach (var issue in Issues)
        {
            var (proposal, index) = byIssue[issue];
            cases.Add(issue.ToBacktestCase(proposal.Scenario, index));
        }

        return cases;
    }

    /// <summary>The issues grouped by proposal, each proposal one multi-issue scenario (see <see cref="DeuProposal"/>).</summary>
    public IReadOnlyList<DeuProposal> Proposals() => DeuProposal.Group(Issues);
}

/// <summary>One controversial issue of a DEU file, with its outcome.</summary>
/// <param name="Line">The 1-based line of the row in the file.</param>
/// <param name="ProposalNumber">Column <c>prnrnmc</c>: the proposal number shared by its issues.</param>
/// <param name="IssueNumber">Column <c>isnrnmc</c>: the issue number within the data set.</param>
/// <param name="ProposalId">Column <c>prnr</c>, e.g. <c>d00032</c>.</param>
/// <param name="ProposalName">Column <c>prname</c>, e.g. <c>documents</c>.</param>
/// <param name="IssueId">Column <c>isnr</c>, e.g. <c>d00032i1</c>; the issue number when empty.</param>
/// <param name="Outcome">Column <c>out</c>: the decision outcome on 0–100.</param>
/// <param name="ReferencePoint">Column <c>rp</c>: the reference point (status quo), or null when empty.</param>
/// <param name="Scenario">The issue as a one-issue scenario: only actors with a position take part. Its issue's
/// status quo is <c>rp</c>; its veto players follow <c>proc</c> and <c>counvte</c> (see <see cref="EuVetoRule"/>).</param>
public sealed record DeuIssue(
    int Line,
    int ProposalNumber,
    int IssueNumber,
    string ProposalId,
    string ProposalName,
    string IssueId,
    double Outcome,
    double? ReferencePoint,
    Scenario Scenario)
{
    /// <summary>Column <c>proc</c> as written: <c>COD</c> (codecision) or <c>CNS</c> (consultation); empty when not given.</summary>
    public string Procedure { get; init; } = string.Empty;

    /// <summary>Column <c>counvte</c> as written: <c>QMV</c> or <c>Unan</c>; empty when not given.</summary>
    public string CouncilVoting { get; init; } = string.Empty;

    /// <summary>This issue as a backtest case (cluster = proposal number, id = issue number), negotiated on its own or in <paramref name="proposal"/> as issue <paramref name="index"/>.</summary>
    public BacktestCase ToBacktestCase(Scenario? proposal = null, int index = 0) =>
        new(ProposalNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), IssueNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), Scenario, Outcome, proposal, index);
}

/// <summary>Options for reading a DEU file.</summary>
public sealed record DeuReadOptions
{
    /// <summary>The default options: malformed rows stop the read.</summary>
    public static DeuReadOptions Default { get; } = new();

    /// <summary>When true, malformed rows are skipped and reported as warnings instead of errors.</summary>
    public bool SkipInvalid { get; init; }
}
