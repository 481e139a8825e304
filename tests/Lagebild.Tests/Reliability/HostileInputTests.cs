using System.Diagnostics;
using System.Text;
using Lagebild.Ingest;
using Lagebild.Pipeline;
using Lagebild.Search;
using Lagebild.Storage;
using Lagebild.Stories;

namespace Lagebild.Tests.Reliability;

/// <summary>
/// A corpus of hostile inputs through the whole chain (read, analyse, store, cluster, search, reconcile): each
/// gives an article or a one-line problem, in bounded time, never a crash or a hang.
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lagebild-hostile-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string Fact = "In Almaty wurden am Sonntag 40 Menschen festgenommen.";

    public static TheoryData<string, byte[]> Inputs()
    {
        var u = new UTF8Encoding(false);
        var data = new TheoryData<string, byte[]>
        {
            { "deep-divs.html", u.GetBytes("<html><body>" + string.Concat(Enumerable.Repeat("<div>", 20_000)) + Fact + string.Concat(Enumerable.Repeat("</div>", 20_000)) + "</body></html>") },
            { "deep-1000.html", u.GetBytes("<html><body>" + string.Concat(Enumerable.Repeat("<div>", 1_000)) + Fact + string.Concat(Enumerable.Repeat("</div>", 1_000)) + "</body></html>") },
            { "unclosed.html", u.GetBytes("<html><body>" + string.Concat(Enumerable.Repeat("<b><i><u>", 5_000)) + Fact) },
            { "control.txt", u.GetBytes(" date 2022-01-10 In Almaty\u0001\u0007\u001b[31m wurden 40 Menschen festgenommen.\u001b[0m") },
            { "nul.txt", [.. u.GetBytes("In Almaty "), 0, 0, 0, .. u.GetBytes(" wurden 40 Menschen festgenommen.")] },
            { "rtl.txt", u.GetBytes(" date 2022-01-10 \u202e" + Fact + "\u202c مرحبا ٤٠ شخصا \u200f") },
            { "emoji-zwj.txt", u.GetBytes(" date 2022-01-10 🔥 " + Fact + " 👨‍👩‍👧 sagte Kassym\u200d-Schomart Tok\u200bajew.") },
            { "mixed-encoding.txt", [.. u.GetBytes(" date 2022-01-10 " + Fact + " Köln "), .. Encoding.Latin1.GetBytes("Straße München")] },
            { "truncated-utf8.txt", [.. u.GetBytes(" date 2022-01-10 " + Fact + " K"), 0xC3] },
            { "long-line.txt", u.GetBytes(" date 2022-01-10 " + string.Concat(Enumerable.Repeat(Fact + " ", 60_000))) },
            { "nested.jsonl", u.GetBytes(new string('[', 10_000) + new string(']', 10_000) + "\n{\"id\":\"ok\",\"text\":\"" + Fact + "\",\"language\":\"de\"}\n") },
            { "laughs.xml", u.GetBytes("<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]><rss version=\"2.0\"><channel><title>&d;</title><item><title>x</title><description>&d;</description></item></channel></rss>") },
            { "deep-item.xml", u.GetBytes("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title><item><title>Deep</title><pubDate>Mon, 10 Jan 2022 10:00:00 GMT</pubDate><description><![CDATA[" + string.Concat(Enumerable.Repeat("<div>", 20_000)) + Fact + "]]></description></item></channel></rss>") },
            { "numbers-only.txt", u.GetBytes(string.Join(' ', Enumerable.Range(0, 50_000).Select(i => (i * 7919 % 100_000).ToString()))) },
        };
        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void A_hostile_input_is_read_or_refused_in_one_line_in_bounded_time(string name, byte[] bytes)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        var sw = Stopwatch.StartNew();
        var outcomes = new ArticleReader().Read([path]).ToList();
        Assert.NotEmpty(outcomes);
        foreach (var p in outcomes.Where(o => o.Problem is not null).Select(o => o.Problem!))
            Assert.DoesNotContain('\n', p.ToString());
        var docs = outcomes.Where(o => o.IsArticle).Select(o => DefaultPipeline.Shared.Process(o.Article!)).ToList();
        using var store = SqliteStore.Open(Path.Combine(_dir, "s.db"));
        store.AddRange(docs);
        using var indexer = new StoryIndexer(store);
        foreach (var d in docs)
            indexer.Add(d);
        indexer.Commit();
        Searcher.Search(store, "Festnahmen Almaty", new SearchFilter());
        StoreSituation.Load(store).Stories();
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(20), $"{name}: {sw.Elapsed.TotalSeconds:F1} s");
        if (name is "deep-divs.html" or "deep-1000.html" or "unclosed.html" or "rtl.txt" or "emoji-zwj.txt" or "long-line.txt" or "deep-item.xml")
            Assert.Contains(docs.SelectMany(d => d.Facts), f => f.Count.Value == 40); // still read for what it says
    }

    [Theory]
    [InlineData("huge-line.txt")]
    [InlineData("huge-line.jsonl")]
    public void A_hundred_megabyte_single_line_is_refused_in_one_line_without_reading_it(string name)
    {
        string path = Path.Combine(_dir, name);
        using (var f = new FileStream(path, FileMode.Create))
        {
            var chunk = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("Festnahmen in Almaty ", 50_000)));
            f.Write(name.EndsWith(".jsonl") ? "{\"id\":\"x\",\"text\":\""u8 : ""u8);
            while (f.Length < 100L * 1024 * 1024)
                f.Write(chunk);
        }
        var sw = Stopwatch.StartNew();

        var (code, stdout, stderr) = Lagebild.Tests.Support.CliRunner.Run("ingest", path, "--store", Path.Combine(_dir, "s.db"));

        Assert.Equal(1, code);
        Assert.Contains("over the 64 MB limit (--max-bytes)", stderr);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(10), $"{sw.Elapsed.TotalSeconds:F1} s");
        Assert.Contains("0 articles read", stdout);
    }
}
