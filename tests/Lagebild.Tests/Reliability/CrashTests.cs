using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Lagebild.Storage;
using Lagebild.Tests.Support;

namespace Lagebild.Tests.Reliability;

/// <summary>
/// Killing ingest (kill -9) at random moments loses nothing committed, stores nothing twice and leaves the store
/// consistent: after the last, uninterrupted run every article is there once, with its facts and a story. On SQLite
/// and on PostgreSQL.
/// </summary>
public sealed class CrashTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lagebild-crash-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Cli => Path.Combine(AppContext.BaseDirectory, "Lagebild.Cli.dll");

    private Process Ingest(string input, string store) => Process.Start(new ProcessStartInfo("dotnet", [Cli, "ingest", input, "--store", store])
    {
        RedirectStandardOutput = true,
        RedirectStandardError = true,
        UseShellExecute = false,
    })!;

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public void Twenty_kills_at_random_moments_lose_and_duplicate_nothing(string backend)
    {
        string store = backend == "postgres" ? PostgresServer.NewDatabase("crash") : Path.Combine(_dir, "crashed.db");
        string input = Path.Combine(_dir, "articles.jsonl");
        var places = new[] { "Almaty", "Celje", "Tiflis", "Schymkent", "Odessa" };
        var sb = new StringBuilder();
        for (int i = 0; i < 400; i++)
        {
            sb.AppendLine(JsonSerializer.Serialize(new
            {
                id = $"a{i:D4}",
                published = $"2025-03-{1 + i % 28:D2}",
                language = "de",
                text = $"In {places[i % places.Length]} wurden am Sonntag {20 + i} Menschen festgenommen, teilte die Polizei mit. Bericht Nummer {i} über die Lage, {i * 7 % 97} Menschen wurden verletzt.",
            }));
        }
        File.WriteAllText(input, sb.ToString());

        string reference = Path.Combine(_dir, "reference.db");
        using (var p = Ingest(input, reference))
        {
            p.WaitForExit(120_000);
            Assert.Equal(0, p.ExitCode);
        }

        var random = new Random(20261123);
        int killed = 0;
        for (int run = 0; run < 20; run++)
        {
            using var p = Ingest(input, store);
            if (!p.WaitForExit(random.Next(150, 1500)))
            {
                p.Kill(entireProcessTree: true); // SIGKILL: no cleanup runs
                killed++;
            }
            p.WaitForExit();
        }
        using (var last = Ingest(input, store))
        {
            last.WaitForExit(120_000);
            Assert.Equal(0, last.ExitCode);
        }

        using var expected = SqliteStore.Open(reference);
        using var actual = ArticleStores.Open(store);
        Assert.Equal(expected.Counts(), actual.Counts());
        Assert.Equal(400, actual.Articles().Select(a => a.Id).Distinct().Count());
        Assert.Equal(expected.Facts().Count, actual.Facts().Count);
        Assert.Empty(actual.UnclusteredArticles());
        Assert.Equal(400, actual.StoryAssignments().Count);
        Assert.NotNull(actual.StoryState());
        Assert.True(killed > 0, "no run was killed: the kill moments are too late for this machine");
    }
}
