using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Parley.Core;
using Parley.Core.Diagnostics;
using Parley.Core.Models.Ktab;
using Parley.Core.Scenarios;

namespace Parley.Formats.Ktab;

/// <summary>
/// Reads KTAB's SMP scenario XML (the <c>smpc --xml</c> format, SMP-SPEC §1.5): actors, dimensions,
/// model parameters, seed and accommodation matrix. Every problem is a <see cref="Diagnostic"/> with its line and column.
/// </summary>
public static class KtabXmlReader
{
    private static readonly (string Element, string Parameter, string[] Values)[] s_parameters =
    [
        ("VictoryProbModel", "VictoryProbModel", Enum.GetNames<KtabVictoryProbModel>()),
        ("PCEModel", "PCEModel", Enum.GetNames<KtabPceModel>()),
        ("StateTransitions", "StateTransitions", Enum.GetNames<KtabStateTransitions>()),
        ("VotingRule", "VotingRule", Enum.GetNames<KtabVotingRule>()),
        ("BigRAdjust", "BigRAdjust", Enum.GetNames<KtabBigRAdjust>()),
        ("BigRRange", "BigRRange", Enum.GetNames<KtabBigRRange>()),
        ("ThirdPartyCommit", "ThirdPartyCommit", Enum.GetNames<KtabThirdPartyCommit>()),
        ("InterVecBrgn", "InterVecBrgn", Enum.GetNames<KtabInterVecBrgn>()),
        ("BargnModel", "BargnModel", Enum.GetNames<KtabBargnModel>()),
    ];

    /// <summary>No DTDs (so no entity expansion), and no more characters than a file may hold.</summary>
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = Limits.MaxFileBytes,
        IgnoreComments = true,
    };

    /// <summary>
    /// One streaming pass before the tree is built: an error at the first element nested deeper
    /// than <see cref="Limits.MaxNestingDepth"/> or past <see cref="Limits.MaxDocumentNodes"/>
    /// elements; null when the document is within both (well-formedness is checked by the load).
    /// </summary>
    private static Diagnostic? CheckShape(string text, string file)
    {
        using var xml = XmlReader.Create(new StringReader(text), Settings);
        var elements = 0;
        while (xml.Read())
        {
            if (xml.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            var info = (IXmlLineInfo)xml;
            var at = new SourceLocation(file, Math.Max(1, info.LineNumber), Math.Max(1, info.LinePosition));
            if (xml.Depth >= Limits.MaxNestingDepth)
            {
                return Diagnostic.Error($"The XML nests elements more than {Limits.MaxNestingDepth} levels deep.", at, expected: $"at most {Limits.MaxNestingDepth} levels (a KTAB scenario needs 4)");
            }

            if (++elements > Limits.MaxDocumentNodes)
            {
                return Diagnostic.Error($"The XML holds more than {Limits.MaxDocumentNodes:#,0} elements.", at, expected: $"at most {Limits.MaxDocumentNodes:#,0} elements");
            }
        }

        return null;
    }

    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    public static ReadResult<KtabScenario> ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var bytes = BoundedFile.Read(path, out var error);
        if (bytes is null)
        {
            return ReadResult<KtabScenario>.Failure(error!);
        }

        using var reader = new StreamReader(new MemoryStream(bytes), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Parse(reader.ReadToEnd(), path);
    }

    /// <summary>Parses KTAB XML <paramref name="text"/>; <paramref name="file"/> names it in diagnostics.</summary>
    public static ReadResult<KtabScenario> Parse(string text, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(file);
        XDocument doc;
        try
        {
            if (CheckShape(text, file) is { } tooBig)
            {
                return ReadResult<KtabScenario>.Failure(tooBig);
            }

            using var xml = XmlReader.Create(new StringReader(text), Settings);
            doc = XDocument.Load(xml, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            return ReadResult<KtabScenario>.Failure(Diagnostic.Error($"Not well-formed XML: {ex.Message}", new SourceLocation(file, Math.Max(1, ex.LineNumber), Math.Max(1, ex.LinePosition))));
        }

        var diags = new List<Diagnostic>();
        SourceLocation At(XObject? x) => x is IXmlLineInfo li && li.HasLineInfo() ? new SourceLocation(file, li.LineNumber, li.LinePosition) : new SourceLocation(file);
        var root = doc.Root!;
        if (root.Name.LocalName != "Scenario")
        {
            return ReadResult<KtabScenario>.Failure(Diagnostic.Error($"The root element is <{root.Name.LocalName}>.", At(root), expected: "<Scenario>"));
        }

        XElement? Child(XElement parent, string name) => parent.Elements().FirstOrDefault(e => e.Name.LocalName == name);
        XElement? Required(XElement parent, string name, string? actor = null)
        {
            var e = Child(parent, name);
            if (e is null)
            {
                diags.Add(Diagnostic.Error($"<{parent.Name.LocalName}> has no <{name}>.", At(parent), actor, expected: $"a <{name}> element"));
            }

            return e;
        }

        double? Real(XElement? e, string what, string? actor = null, string? issue = null)
        {
            if (e is null)
            {
                return null;
            }

            if (double.TryParse(e.Value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x))
            {
                if (Limits.WithinMagnitude(x))
                {
                    return x;
                }

                diags.Add(Diagnostic.Error($"{what} {e.Value.Trim()} is {RunLimits.MagnitudeProblem(x)}.", At(e), actor, issue, RunLimits.MagnitudeExpected));
                return null;
            }

            diags.Add(Diagnostic.Error($"{what} '{e.Value.Trim()}' is not a number.", At(e), actor, issue, "a decimal number"));
            return null;
        }

        var name = Child(root, "name")?.Value ?? Path.GetFileNameWithoutExtension(file);
        var desc = Child(root, "desc")?.Value ?? string.Empty;
        ulong? seed = null;
        var seedEl = Required(root, "prngSeed");
        if (seedEl is not null)
        {
            if (ulong.TryParse(seedEl.Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var sv))
            {
                seed = sv;
            }
            else
            {
                diags.Add(Diagnostic.Error($"The seed '{seedEl.Value.Trim()}' is not an unsigned 64-bit integer.", At(seedEl), expected: "a decimal integer from 0 to 18446744073709551615"));
            }
        }

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        var mp = Child(root, "ModelParameters");
        if (mp is not null)
        {
            foreach (var (element, parameter, values) in s_parameters)
            {
                var e = Required(mp, element);
                if (e is null)
                {
                    continue;
                }

                var v = e.Value.Trim();
                if (Array.IndexOf(values, v) < 0)
                {
                    diags.Add(Diagnostic.Error($"<{element}> is '{v}'.", At(e), expected: $"one of {string.Join(", ", values)} (exact spelling)"));
                }
                else
                {
                    parameters[parameter] = v;
                }
            }
        }

        var issues = new List<Issue>();
        var dimsEl = Required(root, "Dimensions");
        var dimNames = dimsEl?.Elements().Where(e => e.Name.LocalName == "dName").ToList() ?? [];
        if (dimsEl is not null && dimNames.Count == 0)
        {
            diags.Add(Diagnostic.Error("<Dimensions> has no <dName>.", At(dimsEl), expected: "one <dName> per dimension"));
        }

        if (dimNames.Count > Limits.MaxIssues)
        {
            return ReadResult<KtabScenario>.Failure(Diagnostic.Error($"<Dimensions> has {dimNames.Count} <dName>; Parley reads at most {Limits.MaxIssues} issues.", At(dimNames[Limits.MaxIssues]), expected: $"at most {Limits.MaxIssues} dimensions (see docs/limits.md)"));
        }

        var issueIds = new ScenarioIds();
        var dimensionNames = new HashSet<string>(StringComparer.Ordinal);
        for (var d = 0; d < dimNames.Count; d++)
        {
            var dn = dimNames[d].Value;
            var id = issueIds.For(dimensionNames.Add(dn.Trim()) ? dn : string.Empty, $"dim{d}");
            issues.Add(new Issue(id, dn.Length > 0 ? dn : id, Scale.Percent));
        }

        var dims = issues.Count;
        var actors = new List<Actor>();
        var stances = new List<Stance>();
        var actorIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var actorIds = new ScenarioIds();
        var actorsEl = Required(root, "Actors");
        var actorElements = actorsEl?.Elements().Where(e => e.Name.LocalName == "Actor").ToList() ?? [];
        if (actorElements.Count > Limits.MaxActors || (long)actorElements.Count * dims > Limits.MaxStances)
        {
            var limit = actorElements.Count > Limits.MaxActors ? Limits.MaxActors : Limits.MaxStances / Math.Max(1, dims);
            return ReadResult<KtabScenario>.Failure(Diagnostic.Error(
                $"<Actors> has {actorElements.Count} <Actor> on {dims} dimension(s); Parley reads at most {Limits.MaxActors} actors and {Limits.MaxStances} stances.",
                At(actorElements[limit]),
                expected: $"at most {limit} actors here (see docs/limits.md)"));
        }

        foreach (var a in actorElements)
        {
            var nameEl = Required(a, "name");
            var actorName = nameEl?.Value ?? string.Empty;
            var key = actorName.Trim();
            var id = actorIds.For(key, $"actor{actors.Count}");
            if (!actorIndex.TryAdd(key, actors.Count))
            {
                diags.Add(Diagnostic.Error($"Actor name '{key}' is used twice.", At(nameEl), id, expected: "unique actor names (the accommodation pairs refer to them)"));
            }

            var descEl = Required(a, "description", id);
            if (descEl is not null && descEl.Value.Length == 0)
            {
                diags.Add(Diagnostic.Error("The actor description is empty.", At(descEl), id, expected: "a non-empty <description>"));
            }

            var capEl = Required(a, "capability", id);
            var cap = Real(capEl, "The capability", id);
            if (cap is not null && !(cap > 0))
            {
                diags.Add(Diagnostic.Error($"The capability is {cap.Value.ToString(CultureInfo.InvariantCulture)}.", At(capEl), id, expected: "a capability > 0"));
            }

            var posEl = Required(a, "Position", id);
            var salEl = Required(a, "Salience", id);
            var coords = posEl?.Elements().Where(e => e.Name.LocalName == "dCoord").ToList() ?? [];
            var sals = salEl?.Elements().Where(e => e.Name.LocalName == "dSal").ToList() ?? [];
            if (posEl is not null && coords.Count != dims)
            {
                diags.Add(Diagnostic.Error($"<Position> has {coords.Count} <dCoord>.", At(posEl), id, expected: $"exactly {dims}, one per dimension"));
            }

            if (salEl is not null && sals.Count != dims)
            {
                diags.Add(Diagnostic.Error($"<Salience> has {sals.Count} <dSal>.", At(salEl), id, expected: $"exactly {dims}, one per dimension"));
            }

            var total = 0.0;
            for (var d = 0; d < Math.Min(dims, Math.Min(coords.Count, sals.Count)); d++)
            {
                var x = Real(coords[d], "The position", id, issues[d].Id);
                if (x is not null && !(x >= 0 && x <= 100))
                {
                    diags.Add(Diagnostic.Error($"The position {x.Value.ToString(CultureInfo.InvariantCulture)} is out of range.", At(coords[d]), id, issues[d].Id, "0 ≤ position ≤ 100 (KTAB's scale)"));
                    x = null;
                }

                var s = Real(sals[d], "The salience", id, issues[d].Id);
                if (s is not null && !(s >= 0 && s <= 100))
                {
                    diags.Add(Diagnostic.Error($"The salience {s.Value.ToString(CultureInfo.InvariantCulture)} is out of range.", At(sals[d]), id, issues[d].Id, "0 ≤ salience ≤ 100"));
                    s = null;
                }

                if (s is not null)
                {
                    total += s.Value;
                    if (total > 100)
                    {
                        diags.Add(Diagnostic.Error($"The actor's saliences add up to {total.ToString(CultureInfo.InvariantCulture)} by this dimension.", At(sals[d]), id, issues[d].Id, "a salience total ≤ 100"));
                    }
                }

                if (x is not null && s is not null)
                {
                    stances.Add(new Stance(id, issues[d].Id, x.Value, Math.Min(1, s.Value / 100.0)));
                }
            }

            actors.Add(new Actor(id, actorName, cap is > 0 ? cap.Value : 0, descEl?.Value));
        }

        if (actorsEl is not null && actors.Count == 0)
        {
            diags.Add(Diagnostic.Error("<Actors> has no <Actor>.", At(actorsEl), expected: "at least 3 actors"));
        }

        var ia = Child(root, "IdealAdjustment");
        var pairs = ia?.Elements().Where(e => e.Name.LocalName == "iaPair").ToList() ?? [];
        if (pairs.Count == 0)
        {
            diags.Add(Diagnostic.Error("There is no <IdealAdjustment> with an <iaPair>; KTAB aborts without one.", At(ia ?? (XObject)root), expected: "<IdealAdjustment> with at least one <iaPair>"));
        }

        var accommodation = new List<KtabAccommodation>();
        foreach (var pair in pairs)
        {
            var ai = Required(pair, "adjustingIdeal");
            var rp = Required(pair, "referencePos");
            var adj = Real(Required(pair, "adjust"), "The adjustment");
            if (ai is null || rp is null || adj is null)
            {
                continue;
            }

            if (!actorIndex.TryGetValue(ai.Value.Trim(), out var i))
            {
                diags.Add(Diagnostic.Error($"<adjustingIdeal> names unknown actor '{ai.Value.Trim()}'.", At(ai), expected: "the name of an actor in <Actors>"));
                continue;
            }

            if (!actorIndex.TryGetValue(rp.Value.Trim(), out var j))
            {
                diags.Add(Diagnostic.Error($"<referencePos> names unknown actor '{rp.Value.Trim()}'.", At(rp), expected: "the name of an actor in <Actors>"));
                continue;
            }

            if (!(adj >= 0 && adj <= 1))
            {
                diags.Add(Diagnostic.Error($"The adjustment {adj.Value.ToString(CultureInfo.InvariantCulture)} is out of range.", At(pair), expected: "0 ≤ adjust ≤ 1"));
                continue;
            }

            accommodation.Add(new KtabAccommodation(i, j, adj.Value));
        }

        if (accommodation.Count > 0 && accommodation.Any(e => e.Actor != e.Reference || e.Adjust != 1))
        {
            parameters["Accommodation"] = KtabSmpParameters.FormatAccommodation(accommodation);
        }

        if (diags.Any(x => x.Severity == DiagnosticSeverity.Error))
        {
            return ReadResult<KtabScenario>.Failure(diags);
        }

        var scenario = new Scenario(name, issues, actors, stances, desc, [$"KTAB XML {Path.GetFileName(file)}"], SalienceScale.Percent);
        return new ReadResult<KtabScenario>(new KtabScenario(scenario, parameters, seed), diags);
    }
}
