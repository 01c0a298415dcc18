using System.Globalization;
using System.Text;
using Parley.Core.Simulation;

namespace Parley.Formats.Ktab;

/// <summary>Seeded random scenarios in KTAB's CSV format (two-decimal inputs, like KTAB's own examples), for benchmarks and tests.</summary>
public static class KtabRandomScenario
{
    /// <summary>A random KTAB CSV of <paramref name="actors"/> × <paramref name="dims"/>; the same arguments always give the same text.</summary>
    public static string Csv(int actors, int dims, ulong seed)
    {
        var rng = new SeededRandom(seed, (ulong)((actors * 1000) + dims));
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"rand-{actors}x{dims},Random benchmark scenario (seed {seed}),{actors},{dims},\n");
        sb.Append("Actor,Description,Power");
        for (var d = 0; d < dims; d++)
        {
            sb.Append(CultureInfo.InvariantCulture, $",Dim{d} Position,Dim{d} Salience");
        }

        sb.Append(",\n");
        for (var i = 0; i < actors; i++)
        {
            var power = Math.Round(10 + (190 * rng.NextDouble()), 2);
            sb.Append(CultureInfo.InvariantCulture, $"A{i:D3},Random actor {i},{power:0.00}");
            // Saliences: a random split of a random total between 30 and 100.
            var total = 30 + (70 * rng.NextDouble());
            var parts = new double[dims];
            var sum = 0.0;
            for (var d = 0; d < dims; d++)
            {
                parts[d] = 0.05 + rng.NextDouble();
                sum += parts[d];
            }

            for (var d = 0; d < dims; d++)
            {
                var pos = Math.Round(100 * rng.NextDouble(), 2);
                var sal = Math.Floor(100 * total * parts[d] / sum) / 100;
                sb.Append(CultureInfo.InvariantCulture, $",{pos:0.00},{sal:0.00}");
            }

            sb.Append(",\n");
        }

        return sb.ToString();
    }
}
