using System.Net;
using System.Text;
using Lagebild.Ingest;

namespace Lagebild.Tests.Ingest;

public class FolderAndInputTests
{
    private sealed class SyncProgress : IProgress<ReadProgress>
    {
        public List<ReadProgress> Reports { get; } = [];

        public void Report(ReadProgress value) => Reports.Add(value);
    }

    [Fact]
    public void Folders_are_read_recursively_in_path_order_skipping_hidden_and_unknown_files()
    {
        using var dir = new TempDir();
        dir.File("b.txt", "Bravo.");
        dir.File("a.txt", "Alpha.");
        dir.File("C.txt", "Charlie.");
        dir.File("sub/d.jsonl", "{\"id\":\"delta\",\"text\":\"Delta.\"}\n");
        dir.File("sub/deeper/e.csv", "id;text\necho;Echo.\n");
        dir.File(".hidden/h.txt", "versteckt");
        dir.File(".versteckt.txt", "versteckt");
        dir.File("README.md", "# notes");
        dir.File("sub/bild.png", "not really a png");
        dir.File("sub/noext", "Ohne Endung.");

        var outcomes = Run.Read(dir.Path);
        outcomes.AssertWellFormed();

        Assert.Equal(["C", "a", "b", "delta", "echo"], outcomes.Articles().Select(a => a.Id));
        var notice = Assert.Single(outcomes.Problems());
        Assert.Equal(dir.Path, notice.Origin);
        Assert.Equal("skipped 3 files with unknown extensions ((no extension) ×1, .md ×1, .png ×1)", notice.Message);
        Assert.Equal(Path.Combine(dir.Path, "sub", "d.jsonl") + ":1", outcomes.Articles()[3].Origin);
    }

    [Fact]
    public void Folder_without_unknown_files_has_no_notice()
    {
        using var dir = new TempDir();
        dir.File("a.txt", "Alpha.");

        Assert.Empty(Run.Read(dir.Path).Problems());
    }

    [Fact]
    public void Directory_symlink_loop_is_reported_and_files_are_read_once()
    {
        using var dir = new TempDir();
        dir.File("a/text.txt", "Einmal.");
        Directory.CreateSymbolicLink(Path.Combine(dir.Path, "a", "loop"), "..");

        var outcomes = Run.Read(Path.Combine(dir.Path, "a"));

        Assert.Single(outcomes.Articles());
        var p = Assert.Single(outcomes.Problems());
        Assert.Contains("directory loop", p.Message);
    }

    [Fact]
    public void Progress_counts_files_and_bytes()
    {
        using var dir = new TempDir();
        string a = dir.File("a.txt", "Alpha.");
        string b = dir.File("b.txt", "Bravo!!");
        var progress = new SyncProgress();

        var outcomes = new ArticleReader().Read([dir.Path], progress).ToList();

        Assert.Equal(2, outcomes.Articles().Count);
        var last = progress.Reports[^1];
        Assert.Equal(2, last.FilesDone);
        Assert.Equal(2, last.FilesTotal);
        Assert.Equal(13, last.BytesTotal);
        Assert.Equal(13, last.BytesDone);
        Assert.Equal(b, last.CurrentInput);
        Assert.Equal(new ReadProgress(a, 0, 2, 0, 13), progress.Reports[0]);
    }

    [Fact]
    public void Reading_is_lazy_and_streams()
    {
        using var dir = new TempDir();
        var sb = new StringBuilder();
        for (int i = 0; i < 1000; i++)
            sb.Append("Web;'Artikel ").Append(i).Append(" mit etwas Text.'\r\n");
        string path = dir.File("viele.csv", sb.ToString());

        using var e = new ArticleReader().Read([path]).GetEnumerator();
        Assert.True(e.MoveNext());
        Assert.Equal("viele-1", e.Current.Article!.Id);
        int count = 1;
        while (e.MoveNext())
            count++;
        Assert.Equal(1000, count);
    }

    [Fact]
    public void Stdin_reads_jsonl_through_the_options_reader()
    {
        var reader = new ArticleReader(new ReadOptions { Stdin = new StringReader("{\"text\":\"Eins.\"}\n{\"text\":\"Zwei.\"}\n") });

        var articles = reader.Read(["-"]).Articles();

        Assert.Equal(["stdin-1", "stdin-2"], articles.Select(a => a.Id));
        Assert.Equal(["stdin:1", "stdin:2"], articles.Select(a => a.Origin));
    }

    [Fact]
    public void Stdin_seed_text_is_sniffed()
    {
        var reader = new ArticleReader(new ReadOptions { Stdin = new StringReader(" date 2022-01 Aus der Pipe.") });

        var a = Assert.Single(reader.Read(["-"]).Articles());

        Assert.Equal("seed", a.Format);
        Assert.Equal("stdin", a.Id);
        Assert.Equal("2022-01", a.Published.ToString());
    }

    [Fact]
    public void Empty_stdin_is_a_problem()
    {
        var reader = new ArticleReader(new ReadOptions { Stdin = new StringReader("") });

        Assert.Equal("stdin: empty input", Assert.Single(reader.Read(["-"])).Problem!.ToString());
    }

    [Fact]
    public void Url_feed_is_downloaded_and_sniffed()
    {
        var http = FakeHttp.Client(_ => FakeHttp.Ok(FeedTests.Rss, "application/rss+xml"));
        var reader = new ArticleReader(new ReadOptions { Http = http });

        var articles = reader.Read(["https://example.org/feed"]).Articles();

        Assert.Equal(2, articles.Count);
        Assert.All(articles, a => Assert.Equal("https://example.org/feed", a.Origin));
        Assert.All(articles, a => Assert.Equal("feed", a.Format));
    }

    [Fact]
    public void Url_html_page_is_an_article_with_the_url_as_id()
    {
        var http = FakeHttp.Client(_ => FakeHttp.Ok(HtmlTests.Page, "text/html"));
        var reader = new ArticleReader(new ReadOptions { Http = http });

        var a = Assert.Single(reader.Read(["https://example.org/artikel"]).Articles());

        Assert.Equal("https://example.org/artikel", a.Id);
        Assert.Equal("https://example.org/artikel", a.Url);
        Assert.Equal("html", a.Format);
    }

    [Fact]
    public void Url_failures_are_one_line_problems()
    {
        var http = new HttpClient(new FakeHttp(async (r, ct) =>
        {
            if (r.RequestUri!.AbsolutePath == "/slow")
                await Task.Delay(Timeout.Infinite, ct);
            if (r.RequestUri!.AbsolutePath == "/big")
            {
                var big = FakeHttp.Ok(new string('x', 5000), "text/plain");
                return big;
            }
            return new HttpResponseMessage(HttpStatusCode.NotFound) { ReasonPhrase = "Not Found" };
        }));
        var reader = new ArticleReader(new ReadOptions { Http = http, HttpTimeout = TimeSpan.FromMilliseconds(200), MaxFileBytes = 1000 });

        var problems = reader.Read(["https://example.org/missing", "https://example.org/slow", "https://example.org/big"]).Problems();

        Assert.Equal("https://example.org/missing: HTTP 404 Not Found", problems[0].ToString());
        Assert.Equal("https://example.org/slow: timed out after 0.2 s", problems[1].ToString());
        Assert.Contains("over the 1000 bytes limit (--max-bytes)", problems[2].Message);
    }
}
