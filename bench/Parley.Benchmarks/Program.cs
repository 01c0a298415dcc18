using System.Globalization;
using BenchmarkDotNet.Running;
using Parley.Benchmarks.Scaling;

// `scaling eu [sizes…]` prints the scaling table of the expected-utility model, `scaling exchange
// [AxI…]` that of the exchange model (e.g. 28x4 = 28 actors × 4 issues); anything else goes
// to BenchmarkDotNet (e.g. `--filter '*ExpectedUtility*'`).
if (args.Length >= 2 && args[0] == "scaling" && args[1] == "eu")
{
    var sizes = args.Length > 2 ? args[2..].Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [10, 100, 250, 500, 1000, 2000];
    ExpectedUtilityScaling.Run(Console.Out, sizes);
    return 0;
}

if (args.Length >= 2 && args[0] == "scaling" && args[1] == "exchange")
{
    Parley.Benchmarks.Exchange.ExchangeScaling.Run(Console.Out, args.Length > 2 ? args[2..] : ["10x4", "28x4", "50x6", "100x10", "200x10"]);
    return 0;
}

if (args.Length > 0 && args[0] == "--ktab-scaling")
{
    return Parley.Benchmarks.Ktab.KtabScaling.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "run-timing")
{
    return args.Length > 1 && args[1] == "models" ? Parley.Benchmarks.Run.RunTimer.PerModel(Console.Out)
        : args.Length > 1 && args[1] == "deu-models" ? Parley.Benchmarks.Run.RunTimer.PerDeuModel(Console.Out, args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : null)
        : args.Length > 1 && args[1] == "rounds" ? Parley.Benchmarks.Run.RoundTimer.Run(Console.Out, args.Length > 2 ? args[2] : "korea", args.Length > 3 ? args[3] : null)
        : Parley.Benchmarks.Run.RunTimer.Run(Console.Out);
}

if (args.Length > 0 && args[0] == "advice-timing")
{
    return Parley.Benchmarks.Advice.AdviceBenchmarks.Time(Console.Out);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
