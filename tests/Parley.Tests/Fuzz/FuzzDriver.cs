using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using CsCheck;
using Parley.Tests.Support;
using Xunit.Abstractions;

namespace Parley.Tests.Fuzz;

/// <summary>What one input did: accepted or rejected; a crash or a finding is an exception.</summary>
internal enum FuzzOutcome
{
    Accepted,
    Rejected,

    /// <summary>Read and forecast, but a model refused to run it where KTAB aborts (reported by the CLI as "cannot run", exit 3).</summary>
    AcceptedModelRefused,
}

/// <summary>Counts of one fuzz run, for the summary.</summary>
internal sealed record FuzzTally(string Target, int Inputs, int Rejected, int Accepted, int ModelRefusals, int Crashes, int Findings, TimeSpan Elapsed, string Seed, string Slowest)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Target,-12} inputs {Inputs,6}  rejected {Rejected,6}  accepted {Accepted,6} (model refusals {ModelRefusals,4})  crashes {Crashes}  findings {Findings}  {Elapsed.TotalSeconds,5:F1} s  seed {Seed}  slowest {Slowest}");
}

/// <summary>
/// Runs a generator of inputs through a check, deterministically: input i is drawn from
/// <c>new PCG(stream, seed + i)</c>, whatever the number of threads. Any exception other than
/// a <see cref="FuzzFinding"/> is a crash. Failures are printed with their index and PCG, saved under
/// TestResults/fuzz/failures, and the counts are written to TestResults/fuzz/&lt;target&gt;.txt.
/// </summary>
internal static class FuzzDriver
{
    /// <summary>Where the summaries and failing inputs go (ignored by git; CI prints the summaries).</summary>
    public static string ResultsFolder => Path.Combine(TestPaths.RepoRoot, "TestResults", "fuzz");

    /// <summary>Runs <paramref name="count"/> inputs and returns the tally; the caller asserts on it.</summary>
    public static FuzzTally Run<T>(
        string target,
        uint stream,
        ulong seed,
        int count,
        Gen<T> inputs,
        Func<T, int, FuzzOutcome> check,
        Func<T, byte[]> bytesOf,
        ITestOutputHelper output)
    {
        // PARLEY_FUZZ_CASE=target:index[,target:index…] saves those inputs under TestResults/fuzz/cases, to reproduce them by hand.
        foreach (var wanted in (Environment.GetEnvironmentVariable("PARLEY_FUZZ_CASE") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (wanted.Split(':') is [var only, var at] && only == target)
            {
                var index = ulong.Parse(at, CultureInfo.InvariantCulture);
                var saved = Path.Combine(ResultsFolder, "cases", $"{target}-{index}.bin");
                Directory.CreateDirectory(Path.GetDirectoryName(saved)!);
                File.WriteAllBytes(saved, bytesOf(inputs.Generate(new PCG(stream, seed + index), null!, out _)));
                output.WriteLine($"saved input #{index} of {target} as {saved}");
            }
        }

        var outcomes = new FuzzOutcome?[count];
        var failures = new ConcurrentBag<(int Index, string Kind, string Message, T Input)>();
        var slowest = (Index: -1, Ms: 0.0);
        var gate = new object();
        var clock = Stopwatch.StartNew();
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            var input = default(T)!;
            var started = Stopwatch.GetTimestamp();
            try
            {
                input = inputs.Generate(new PCG(stream, seed + (ulong)i), null!, out _);
                outcomes[i] = check(input, i);
            }
            catch (FuzzFinding finding)
            {
                failures.Add((i, "finding", finding.Message, input));
            }
#pragma warning disable CA1031 // Any exception is what the harness looks for.
            catch (Exception crash)
#pragma warning restore CA1031
            {
                failures.Add((i, "crash", $"{crash.GetType().Name}: {crash.Message}\n{crash.StackTrace?.Split('\n').FirstOrDefault(l => l.Contains("Parley", StringComparison.Ordinal))?.Trim()}", input));
            }

            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            lock (gate)
            {
                if (ms > slowest.Ms)
                {
                    slowest = (i, ms);
                }
            }
        });
        clock.Stop();

        var crashes = failures.Count(f => f.Kind == "crash");
        var tally = new FuzzTally(
            target,
            count,
            outcomes.Count(o => o == FuzzOutcome.Rejected),
            outcomes.Count(o => o is FuzzOutcome.Accepted or FuzzOutcome.AcceptedModelRefused),
            outcomes.Count(o => o == FuzzOutcome.AcceptedModelRefused),
            crashes,
            failures.Count - crashes,
            clock.Elapsed,
            string.Create(CultureInfo.InvariantCulture, $"{seed} (PCG stream {stream})"),
            string.Create(CultureInfo.InvariantCulture, $"#{slowest.Index} {slowest.Ms:F0} ms"));

        Directory.CreateDirectory(ResultsFolder);
        var lines = new List<string> { tally.ToString() };
        foreach (var (index, kind, message, input) in failures.OrderBy(f => f.Index).Take(20))
        {
            var saved = Path.Combine(ResultsFolder, "failures", $"{target}-{index}.bin");
            Directory.CreateDirectory(Path.GetDirectoryName(saved)!);
            File.WriteAllBytes(saved, input is null ? [] : bytesOf(input));
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"  {kind} at input #{index} (new PCG({stream}, {seed + (ulong)index})), saved as {saved}: {message}"));
        }

        File.WriteAllLines(Path.Combine(ResultsFolder, target + ".txt"), lines);
        foreach (var line in lines)
        {
            output.WriteLine(line);
        }

        return tally;
    }
}
