using System.Diagnostics;
using System.Text;
using Lagebild.Fuzz;

namespace Lagebild.Tests.Reliability;

/// <summary>
/// Keeps the fuzz targets of <c>fuzz/Lagebild.Fuzz</c> compiling and working without AFL: each target runs over its
/// seed corpus (<c>fuzz/corpus/TARGET</c>, copied beside the tests) and then over seeded random mutations of it, a
/// few hundred or until its time budget is spent. A failure names the input and writes it to a file for
/// <c>fuzz/run.sh replay</c>.
/// </summary>
public sealed class FuzzTargetTests
{
    private const int Mutations = 300;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan SlowInput = TimeSpan.FromSeconds(5);

    public static TheoryData<string> Targets() => [.. FuzzTargets.Names];

    private static string CorpusDir(string target) => Path.Combine(AppContext.BaseDirectory, "FuzzCorpus", target);

    [Fact]
    public void Every_target_has_a_seed_corpus()
    {
        foreach (var t in FuzzTargets.Names)
            Assert.True(Directory.EnumerateFiles(CorpusDir(t)).Any(), $"no seeds for {t} in {CorpusDir(t)}");
        Assert.Throws<ArgumentException>(() => FuzzTargets.Get("nope"));
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void A_target_survives_its_seeds_and_random_mutations_of_them(string name)
    {
        var target = FuzzTargets.Get(name);
        var seeds = Directory.EnumerateFiles(CorpusDir(name)).Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();
        Assert.NotEmpty(seeds);
        foreach (var seed in seeds)
            Execute(name, target, seed);

        var tokens = Dictionary(name);
        var rng = new Random(20260601 ^ name.GetHashCode(StringComparison.Ordinal) & 0xFFFF);
        var sw = Stopwatch.StartNew();
        int done = 0;
        while (done < Mutations && sw.Elapsed < Budget)
        {
            Execute(name, target, Mutate(seeds[rng.Next(seeds.Count)], seeds, tokens, rng));
            done++;
        }
        Assert.True(done >= 20, $"{name}: only {done} mutations in {Budget.TotalSeconds} s");
    }

    private static void Execute(string name, Action<byte[]> target, byte[] input)
    {
        var sw = Stopwatch.StartNew();
        try
        {
            target(input);
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"fuzz target {name} failed on {Save(name, input)} (base64 {Convert.ToBase64String(input)}): {e}");
        }
        if (sw.Elapsed > SlowInput)
            throw new Xunit.Sdk.XunitException($"fuzz target {name} took {sw.Elapsed.TotalSeconds:F1} s on {Save(name, input)}");
    }

    private static string Save(string name, byte[] input)
    {
        string path = Path.Combine(Path.GetTempPath(), $"lagebild-fuzz-{name}-{Convert.ToHexString(System.Security.Cryptography.SHA1.HashData(input))[..12]}");
        File.WriteAllBytes(path, input);
        return path;
    }

    /// <summary>The tokens of fuzz/dict/TARGET.dict (AFL's name="value" lines with \" \\ \xNN escapes).</summary>
    private static List<byte[]> Dictionary(string name)
    {
        var tokens = new List<byte[]>();
        string path = Path.Combine(AppContext.BaseDirectory, "FuzzCorpus", "dict", name + ".dict");
        if (!File.Exists(path))
            return tokens;
        foreach (var raw in File.ReadAllLines(path))
        {
            int q = raw.IndexOf('"');
            if (raw.StartsWith('#') || q < 0 || !raw.EndsWith('"') || raw.Length - q < 2)
                continue;
            var value = raw.AsSpan(q + 1, raw.Length - q - 2);
            var bytes = new List<byte>();
            for (int i = 0; i < value.Length; i++)
            {
                if (value[i] == '\\' && i + 1 < value.Length)
                {
                    if (value[i + 1] == 'x' && i + 3 < value.Length)
                    {
                        bytes.Add(Convert.ToByte(value.Slice(i + 2, 2).ToString(), 16));
                        i += 3;
                        continue;
                    }
                    i++;
                }
                bytes.AddRange(Encoding.UTF8.GetBytes(value[i].ToString()));
            }
            tokens.Add([.. bytes]);
        }
        return tokens;
    }

    private const string Specials = "\0\n\r\"'<>&;,\t\\{}[]";

    /// <summary>One to four havoc-style edits: flip, set, insert, delete, duplicate, a dictionary token, a splice.</summary>
    private static byte[] Mutate(byte[] seed, List<byte[]> seeds, List<byte[]> tokens, Random rng)
    {
        var b = new List<byte>(seed);
        int edits = 1 + rng.Next(4);
        for (int k = 0; k < edits; k++)
        {
            int at = rng.Next(b.Count + 1);
            switch (rng.Next(7))
            {
                case 0 when b.Count > 0:
                    at = Math.Min(at, b.Count - 1);
                    b[at] ^= (byte)(1 << rng.Next(8));
                    break;
                case 1 when b.Count > 0:
                    at = Math.Min(at, b.Count - 1);
                    b[at] = (byte)(rng.Next(4) == 0 ? rng.Next(256) : Specials[rng.Next(Specials.Length)]);
                    break;
                case 2:
                    b.InsertRange(at, Enumerable.Range(0, 1 + rng.Next(8)).Select(_ => (byte)rng.Next(256)));
                    break;
                case 3 when b.Count > 1:
                    at = Math.Min(at, b.Count - 1);
                    b.RemoveRange(at, Math.Min(1 + rng.Next(32), b.Count - at));
                    break;
                case 4 when b.Count > 0:
                {
                    at = Math.Min(at, b.Count - 1);
                    var chunk = b.GetRange(at, Math.Min(1 + rng.Next(64), b.Count - at));
                    int times = 1 + rng.Next(rng.Next(2) == 0 ? 4 : 200);
                    for (int t = 0; t < times && b.Count < 64 * 1024; t++)
                        b.InsertRange(rng.Next(b.Count + 1), chunk);
                    break;
                }
                case 5 when tokens.Count > 0:
                    b.InsertRange(at, tokens[rng.Next(tokens.Count)]);
                    break;
                default:
                {
                    var other = seeds[rng.Next(seeds.Count)];
                    int from = rng.Next(other.Length + 1);
                    b.InsertRange(at, other.Skip(from).Take(1 + rng.Next(128)));
                    break;
                }
            }
        }
        return [.. b];
    }
}
