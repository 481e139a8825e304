using System.Diagnostics;
using Lagebild.Fuzz;
using System.Runtime.InteropServices;
using SharpFuzz;
using AflTrace = SharpFuzz.Common.Trace;

// Lagebild.Fuzz TARGET            under afl-fuzz: the SharpFuzz fork server, one input per execution (stdin)
// Lagebild.Fuzz TARGET FILE|DIR…  replay: run the target on each file and say what happened (exit 1 on a finding)
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.Error.WriteLine($"usage: Lagebild.Fuzz TARGET [FILE|DIR…]   targets: {string.Join(", ", FuzzTargets.Names)}");
    return args.Length == 0 ? 2 : 0;
}

Action<byte[]> target;
try
{
    target = FuzzTargets.Get(args[0]);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

// An instrumented Lagebild.dll records every branch in SharpFuzz's trace map, which exists only once the fork server
// has attached afl-fuzz's shared memory. Until then (the warm-up below, a replay) the branches go to a scratch map.
unsafe
{
    if (AflTrace.SharedMem == null)
        AflTrace.SharedMem = (byte*)NativeMemory.AllocZeroed(1 << 20);
}

if (args.Length > 1)
    return Replay(target, args[1..]);

// Load the lazy state (gazetteer, NER model, regexes) and JIT the paths once before the fork server starts, so
// that the first executions are not mistaken for hangs. The seed corpus has a typical input for each target.
try
{
    target("Am Montag wurden in Almaty 40 Menschen festgenommen."u8.ToArray());
}
catch (Exception)
{
    // A finding on the warm-up input is found again by the fuzzer; the warm-up only loads.
}

Fuzzer.OutOfProcess.Run(stream =>
{
    using var ms = new MemoryStream();
    stream.CopyTo(ms);
    target(ms.ToArray());
});
return 0;

static int Replay(Action<byte[]> target, string[] inputs)
{
    var files = inputs.SelectMany<string, string>(p => Directory.Exists(p)
        ? Directory.EnumerateFiles(p).Where(f => !Path.GetFileName(f).StartsWith('.') && Path.GetFileName(f) != "README.txt").Order(StringComparer.Ordinal)
        : [p]).ToList();
    int failed = 0;
    foreach (var file in files)
    {
        var bytes = File.ReadAllBytes(file);
        var sw = Stopwatch.StartNew();
        try
        {
            target(bytes);
            Console.WriteLine($"ok       {sw.Elapsed.TotalMilliseconds,8:F1} ms  {file}");
        }
        catch (Exception e)
        {
            failed++;
            Console.WriteLine($"FINDING  {sw.Elapsed.TotalMilliseconds,8:F1} ms  {file}");
            Console.WriteLine(e.ToString());
        }
    }
    Console.WriteLine($"{files.Count - failed} passed, {failed} failed");
    return failed == 0 ? 0 : 1;
}
