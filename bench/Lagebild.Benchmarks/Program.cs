using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Lagebild.Benchmarks;

// breakdown INPUT… : where ingest time goes, stage by stage, on one thread (see Breakdown).
// anything else    : the BenchmarkDotNet component benchmarks, e.g. --filter '*' (bench/components.sh).
if (args.Length > 0 && args[0] == "breakdown")
    return Breakdown.Run(args[1..]);

// A short job in this process: a few warm-up and measured iterations per benchmark, so the whole set takes minutes.
var job = Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(2).WithIterationCount(5);
var config = DefaultConfig.Instance.AddJob(job).WithOptions(ConfigOptions.DisableOptimizationsValidator);
BenchmarkSwitcher.FromAssembly(typeof(Samples).Assembly).Run(args, config);
return 0;
