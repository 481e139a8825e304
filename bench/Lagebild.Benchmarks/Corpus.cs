using Lagebild.Ingest;
using Lagebild.Model;

namespace Lagebild.Benchmarks;

/// <summary>
/// Many distinct articles for the benchmarks that need a stream (story clustering, the store): the shared 10kGNAD
/// articles when they are next to the repository (read at run time, never copied), else articles put together from
/// the sentences of <see cref="Samples"/> (each a different selection, so none is a near duplicate of another).
/// </summary>
public static class Corpus
{
    /// <summary>The 10kGNAD file: $LAGEBILD_BENCH_GNAD, else ../shared/data/10kgnad/test.csv above the working folder.</summary>
    public static string? GnadPath()
    {
        var env = Environment.GetEnvironmentVariable("LAGEBILD_BENCH_GNAD");
        if (!string.IsNullOrEmpty(env))
            return File.Exists(env) ? env : null;
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", "10kgnad", "test.csv");
            if (File.Exists(candidate))
                return candidate;
        }
        return null;
    }

    /// <summary><paramref name="n"/> articles dated from 2016-01-01 on, <paramref name="perDay"/> a day.</summary>
    public static List<Article> Articles(int n, int perDay = 100)
    {
        var source = GnadPath() is { } path
            ? new ArticleReader().Read([path]).Where(o => o.Article is not null).Select(o => o.Article!).ToList()
            : Mixed(n);
        var start = new DateOnly(2016, 1, 1);
        var list = new List<Article>(n);
        for (int i = 0; i < n; i++)
        {
            var a = source[i % source.Count];
            list.Add(a with
            {
                Id = $"bench-{i}",
                Text = i < source.Count ? a.Text : a.Text + " " + source[(i * 7 + 3) % source.Count].Text,
                Published = new PartialDate(start.AddDays(i / perDay), DatePrecision.Day),
            });
        }
        return list;
    }

    /// <summary>Articles of 8 to 14 sentences drawn from all German samples, a different draw each.</summary>
    private static List<Article> Mixed(int n)
    {
        var sentences = Samples.All.Where(a => a.DeclaredLanguage == "de")
            .SelectMany(a => a.Text.Split(". ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(s => s.EndsWith('.') ? s : s + ".")
            .ToArray();
        var rng = new Random(2016);
        var list = new List<Article>(n);
        for (int i = 0; i < n; i++)
        {
            var picked = sentences.OrderBy(_ => rng.Next()).Take(rng.Next(8, 15));
            list.Add(Samples.Article($"mixed-{i}", Samples.All[i % 3].Title!, string.Join(" ", picked), "de", new DateOnly(2016, 1, 1)));
        }
        return list;
    }
}
