using System.Globalization;
using Parley.Core.Models.Ktab;
using Parley.Formats.Ktab;
using Parley.Tests.Support;

namespace Parley.Tests.Ktab;

/// <summary>Locates the KTAB data under data/ktab and reads the reference files.</summary>
internal static class KtabData
{
    private static readonly Lazy<string> s_dir = new(() =>
    {
        var data = TestPaths.Data("ktab");
        Assert.True(Directory.Exists(data), $"KTAB data folder not found at {data}");
        return data;
    });

    public static string Dir => s_dir.Value;

    public static string Ref(string file) => Path.Combine(Dir, "ref", file);

    public static readonly string[] ReferenceNames =
    [
        "dummyData_3Dim", "rand02", "rand01", "SOE-Pol-Comp", "SOE-Policy", "dummyData-a040", "dummyData_6Dim", "SOE-Competitive",
    ];

    public static TheoryData<string> References()
    {
        var data = new TheoryData<string>();
        foreach (var n in ReferenceNames)
        {
            data.Add(n);
        }

        return data;
    }

    public static KtabScenario ReadScenario(string name)
    {
        var result = KtabCsvReader.ReadFile(Ref(name + ".csv"));
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return result.Value!;
    }

    /// <summary>Runs the engine on a reference scenario, keeping the details of every turn.</summary>
    public static KtabSmpRun RunEngine(KtabScenario ks, KtabSmpParameters? prm = null, ulong seed = 1, bool scalarChallenges = false)
    {
        var input = KtabSmpModel.Compile(ks.Scenario);
        var p = prm ?? KtabSmpParameters.Default;
        var engine = new KtabSmpEngine(input.Capabilities, input.Saliences, input.Dimensions, p) { ScalarChallenges = scalarChallenges };
        return engine.Run(input.Positions, new KtabRunOptions { Seed = seed, MaxTurns = p.MaxTurns, DetailTurns = 101, RecordBargains = true }, CancellationToken.None);
    }

    /// <summary>Reads a reference CSV of numbers (header skipped) into rows of fields.</summary>
    public static List<double[]> ReadNumbers(string file)
    {
        var rows = new List<double[]>();
        using var reader = new StreamReader(file);
        reader.ReadLine();
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.Length == 0)
            {
                continue;
            }

            var span = line.AsSpan();
            var values = new double[span.Count(',') + 1];
            var k = 0;
            foreach (var range in span.Split(','))
            {
                var f = span[range];
                values[k++] = f.Length == 0 ? double.NaN : double.Parse(f, NumberStyles.Float, CultureInfo.InvariantCulture);
            }

            rows.Add(values);
        }

        return rows;
    }
}
