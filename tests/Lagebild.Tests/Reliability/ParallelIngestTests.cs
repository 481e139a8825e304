using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Lagebild.Storage;
using Lagebild.Stories;
using Lagebild.Tests.Support;
using Xunit.Abstractions;

namespace Lagebild.Tests.Reliability;

/// <summary>
/// Four <c>lagebild ingest</c> processes write 10,000 articles into one PostgreSQL database at once, every file given
/// to two of them: each article is stored once, none is lost, and the stories are consistent (each article clustered
/// once, on one shared clusterer state).
/// </summary>
public sealed class ParallelIngestTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lagebild-parallel-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Cli => Path.Combine(AppContext.BaseDirectory, "Lagebild.Cli.dll");

    /// <summary>Short German reports on a few events in a few places over two months; ids unique across files.</summary>
    internal static void WriteArticles(string path, int from, int count)
    {
        string[] places = ["Almaty", "Celje", "Tiflis", "Schymkent", "Odessa", "Bremen", "Graz", "Basel"];
        string[] kinds = ["festgenommen", "verletzt", "getötet", "evakuiert"];
        string[] sources = ["die Polizei", "das Innenministerium", "der Zivilschutz", "ein Sprecher der Behörden"];
        var sb = new StringBuilder();
        for (int i = from; i < from + count; i++)
        {
            string place = places[i % places.Length];
            sb.AppendLine(JsonSerializer.Serialize(new
            {
                id = $"p{i:D5}",
                title = $"Lage in {place}: Bericht {i}",
                published = $"2025-{3 + i % 2:D2}-{1 + i / 2 % 28:D2}",
                language = "de",
                text = $"In {place} wurden am Sonntag {10 + i % 500} Menschen {kinds[i % kinds.Length]}, teilte {sources[i % sources.Length]} mit. "
                    + $"Bericht Nummer {i}: Die Lage in {place} blieb angespannt, {i * 7 % 97} weitere Menschen wurden verletzt. "
                    + $"Beobachter sprachen von der schwersten Krise seit Jahren; Meldung {i} aus der Redaktion.",
            }));
        }
        File.WriteAllText(path, sb.ToString());
    }

    [SkippableFact]
    public void Four_ingest_processes_store_ten_thousand_articles_once_each_with_consistent_stories()
    {
        string store = PostgresServer.NewDatabase("parallel");
        const int Files = 8, PerFile = 1250;
        var files = Enumerable.Range(0, Files).Select(f => Path.Combine(_dir, $"part-{f}.jsonl")).ToArray();
        for (int f = 0; f < Files; f++)
            WriteArticles(files[f], f * PerFile, PerFile);

        var sw = Stopwatch.StartNew();
        var processes = Enumerable.Range(0, 4).Select(k =>
        {
            // Process k reads files k, k+4, then those of process k+1: every file is ingested by two processes at once.
            int next = (k + 1) % 4;
            string[] mine = [files[k], files[k + 4], files[next + 4], files[next]];
            return Process.Start(new ProcessStartInfo("dotnet", [Cli, "ingest", .. mine, "--store", store])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            })!;
        }).ToList();
        var outputs = processes.Select(p => (Out: p.StandardOutput.ReadToEndAsync(), Err: p.StandardError.ReadToEndAsync())).ToList();
        foreach (var p in processes)
            Assert.True(p.WaitForExit(900_000), "an ingest process did not finish in 15 minutes");
        sw.Stop();
        for (int k = 0; k < processes.Count; k++)
        {
            output.WriteLine($"process {k}: exit {processes[k].ExitCode}: {outputs[k].Out.Result.Trim()}");
            Assert.True(processes[k].ExitCode == 0, outputs[k].Err.Result);
        }
        output.WriteLine($"4 processes, {Files * PerFile} articles (each ingested twice): {sw.Elapsed.TotalSeconds:F1} s");

        using var check = ArticleStores.Open(store);
        var articles = check.Articles();
        Assert.Equal(Files * PerFile, articles.Count);
        Assert.Equal(Files * PerFile, articles.Select(a => a.Id).Distinct().Count());
        Assert.Equal(new StoreCounts(Files * PerFile, 0, check.Facts().Count), check.Counts());
        Assert.Empty(check.UnclusteredArticles());
        var assignments = check.StoryAssignments();
        Assert.Equal(Files * PerFile, assignments.Count);
        using var state = new MemoryStream(check.StoryState()!);
        Assert.Equal(Files * PerFile, StoryClusterer.Load(state).Documents); // nobody clustered an article twice
        // Stored once: the processes' "stored" counts add up to the articles, the rest were found unchanged.
        int stored = outputs.Sum(o => int.Parse(System.Text.RegularExpressions.Regex.Match(o.Out.Result, @"(\d+) stored").Groups[1].Value));
        int unchanged = outputs.Sum(o => int.Parse(System.Text.RegularExpressions.Regex.Match(o.Out.Result, @"(\d+) unchanged").Groups[1].Value));
        Assert.Equal((Files * PerFile, Files * PerFile), (stored, unchanged));
    }
}
