using BenchmarkDotNet.Running;

if (args.Length > 0 && args[0] == "--ktab-scaling")
{
    return Parley.Benchmarks.Ktab.KtabScaling.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
