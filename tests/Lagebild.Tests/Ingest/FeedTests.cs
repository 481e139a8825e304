using System.Diagnostics;
using System.Net;
using Lagebild.Ingest;
using Lagebild.Model;

namespace Lagebild.Tests.Ingest;

public class FeedTests
{
    internal const string Rss = """
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0"><channel>
          <title>Der Standard &#8211; International</title>
          <link>https://example.org/</link>
          <language>de-de</language>
          <item>
            <guid>urn:art:1</guid>
            <title>Festnahmen in Almaty &amp; Umgebung</title>
            <link>https://example.org/artikel/1</link>
            <description>&lt;p&gt;Knapp 1700 Menschen wurden festgenommen.&lt;/p&gt;&lt;p&gt;Die Lage ist ruhig.&lt;/p&gt;</description>
            <pubDate>Sun, 09 Jan 2022 23:30:00 -0500</pubDate>
          </item>
          <item>
            <title>Ohne guid</title>
            <link>https://example.org/artikel/2</link>
            <description>Zweite Meldung.</description>
          </item>
          <item>
            <guid>urn:art:3</guid>
            <title>Leer</title>
          </item>
        </channel></rss>
        """;

    [Fact]
    public void Rss_items_become_articles()
    {
        using var dir = new TempDir();
        string path = dir.File("news.rss", Rss);

        var outcomes = Run.Read(path);
        outcomes.AssertWellFormed();

        var articles = outcomes.Articles();
        Assert.Equal(["urn:art:1", "https://example.org/artikel/2"], articles.Select(a => a.Id));
        var a = articles[0];
        Assert.Equal("feed", a.Format);
        Assert.Equal("Festnahmen in Almaty & Umgebung", a.Title);
        Assert.Equal("Knapp 1700 Menschen wurden festgenommen.\n\nDie Lage ist ruhig.", a.Text);
        Assert.Equal(PartialDate.Day(2022, 1, 9), a.Published); // the day at the feed's offset
        Assert.Equal("https://example.org/artikel/1", a.Url);
        Assert.Equal("Der Standard – International", a.Source);
        Assert.Equal("de", a.DeclaredLanguage);
        Assert.Equal(path, a.Origin);
        Assert.Null(articles[1].Published);
        Assert.Contains("feed item 3 (urn:art:3) has no text", Assert.Single(outcomes.Problems()).Message);
    }

    [Fact]
    public void Atom_entries_become_articles()
    {
        string atom = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
              <title>Agentur</title>
              <id>urn:feed</id>
              <updated>2022-01-10T10:00:00Z</updated>
              <entry>
                <id>urn:entry:7</id>
                <title>Meldung</title>
                <link href="https://example.org/e7"/>
                <published>2022-01-08T12:00:00+06:00</published>
                <updated>2022-01-10T10:00:00Z</updated>
                <content type="html">&lt;p&gt;Erster Absatz.&lt;/p&gt;&lt;p&gt;Zweiter Absatz.&lt;/p&gt;</content>
              </entry>
            </feed>
            """;

        var a = Assert.Single(new ArticleReader().ReadText(atom, "agentur.atom").Articles());

        Assert.Equal("urn:entry:7", a.Id);
        Assert.Equal("Erster Absatz.\n\nZweiter Absatz.", a.Text);
        Assert.Equal("https://example.org/e7", a.Url);
        Assert.Equal("Agentur", a.Source);
        Assert.Equal(PartialDate.Day(2022, 1, 8), a.Published);
    }

    [Fact]
    public void Entity_bomb_is_refused_quickly_and_other_files_still_read()
    {
        string bomb = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [
              <!ENTITY lol "lollollollollollollollollollol">
              <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
              <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
              <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
              <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
              <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
              <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
              <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
              <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
            ]>
            <rss version="2.0"><channel><title>&lol9;</title>
            <item><title>&lol9;</title><description>&lol9;</description></item></channel></rss>
            """;
        using var dir = new TempDir();
        string bad = dir.File("bomb.xml", bomb);
        string good = dir.File("good.rss", Rss);

        var sw = Stopwatch.StartNew();
        var outcomes = Run.Read(bad, good);
        sw.Stop();

        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(5), $"took {sw.Elapsed}");
        var p = outcomes.Problems().First();
        Assert.Equal(bad, p.Origin);
        Assert.Contains("DTD", p.Message);
        Assert.DoesNotContain(outcomes.Articles(), a => a.Origin == bad);
        Assert.Equal(2, outcomes.Articles().Count(a => a.Origin == good));
    }

    [Fact]
    public void Xml_that_is_not_a_feed_is_a_problem()
    {
        var p = Assert.Single(new ArticleReader().ReadText("<?xml version=\"1.0\"?><note><to>x</to></note>", "note.xml").Problems());

        Assert.Equal("not an RSS or Atom feed (root element <note>)", p.Message);
    }

    [Fact]
    public void Malformed_feed_xml_is_a_one_line_problem()
    {
        var p = Assert.Single(new ArticleReader().ReadText("<rss><channel><item></channel>", "broken.rss").Problems());

        Assert.StartsWith("malformed XML", p.Message);
    }

    [Fact]
    public void Fetch_linked_pages_uses_the_longer_page_text_and_reports_failures()
    {
        var http = FakeHttp.Client(r => r.RequestUri!.AbsolutePath == "/artikel/1"
            ? FakeHttp.Ok(HtmlTests.Page, "text/html")
            : new HttpResponseMessage(HttpStatusCode.NotFound));
        var reader = new ArticleReader(new ReadOptions { FetchLinkedPages = true, Http = http });

        var outcomes = reader.ReadText(Rss, "news.rss").ToList();

        var articles = outcomes.Articles();
        Assert.Contains("Kassym-Schomart Tokajew", articles[0].Text); // page text replaced the short description
        Assert.Equal("Festnahmen in Almaty & Umgebung", articles[0].Title); // feed metadata kept
        Assert.Equal("Zweite Meldung.", articles[1].Text); // fetch failed: description kept
        var failed = outcomes.Problems().Single(p => p.Origin == "https://example.org/artikel/2");
        Assert.Contains("HTTP 404", failed.Message);
    }

    [Fact]
    public void Without_fetch_option_no_request_is_made()
    {
        var handler = new FakeHttp((r, _) => Task.FromResult(FakeHttp.Ok(HtmlTests.Page, "text/html")));
        var reader = new ArticleReader(new ReadOptions { Http = new HttpClient(handler) });

        var articles = reader.ReadText(Rss, "news.rss").Articles();

        Assert.Equal(2, articles.Count);
        Assert.Empty(handler.Requested);
    }

    [Fact]
    public void A_feed_item_filter_leaves_items_out_before_anything_is_reported_about_them()
    {
        var asked = new List<FeedItemKey>();
        var reader = new ArticleReader(new ReadOptions { FeedItemFilter = k => { asked.Add(k); return k.Id == "urn:art:1"; } });

        var outcomes = reader.ReadText(Rss, "news.rss").ToList();

        Assert.Equal(["urn:art:1", "https://example.org/artikel/2", "urn:art:3"], asked.Select(k => k.Id));
        Assert.All(asked, k => Assert.Matches("^[0-9a-f]{16}$", k.Version));
        Assert.Equal("urn:art:1", Assert.Single(outcomes.Articles()).Id);
        Assert.Empty(outcomes.Problems()); // item 3 has no text, but it was left out before that was reported
        Assert.Empty(new ArticleReader(new ReadOptions { FeedItemFilter = _ => false }).ReadText(Rss, "news.rss")); // not "no articles found"
    }

    [Fact]
    public void A_feed_item_version_changes_with_what_the_item_says_not_with_its_date()
    {
        static string VersionOfFirst(string rss)
        {
            FeedItemKey? first = null;
            new ArticleReader(new ReadOptions { FeedItemFilter = k => { first ??= k; return false; } }).ReadText(rss, "f.rss").ToList();
            return first!.Value.Version;
        }

        string v = VersionOfFirst(Rss);

        Assert.Equal(v, VersionOfFirst(Rss.Replace("Sun, 09 Jan 2022 23:30:00 -0500", "Mon, 10 Jan 2022 08:00:00 +0000")));
        Assert.NotEqual(v, VersionOfFirst(Rss.Replace("Knapp 1700", "Knapp 1800")));
        Assert.NotEqual(v, VersionOfFirst(Rss.Replace("Festnahmen in Almaty", "Festnahmen in Almaty und Schymkent")));
    }

    [Fact]
    public void A_conditional_read_sends_the_validators_and_a_304_downloads_nothing()
    {
        HttpRequestMessage? sent = null;
        var http = FakeHttp.Client(r => { sent = r; return new HttpResponseMessage(HttpStatusCode.NotModified); });
        var known = new HttpValidators("\"abc\"", "Sun, 09 Jan 2022 10:00:00 GMT");

        var read = new ArticleReader(new ReadOptions { Http = http }).ReadUrlIfChanged("https://example.org/feed.xml", known);

        Assert.True(read.NotModified);
        Assert.Null(read.Error);
        Assert.Empty(read.Outcomes);
        Assert.Equal(known, read.Validators); // the 304 sent none: the known ones stay
        Assert.Equal("\"abc\"", sent!.Headers.IfNoneMatch.Single().ToString());
        Assert.Equal(new DateTimeOffset(2022, 1, 9, 10, 0, 0, TimeSpan.Zero), sent.Headers.IfModifiedSince);
    }

    [Fact]
    public void A_read_url_gives_the_response_validators_and_a_refusal_its_retry_after()
    {
        var http = FakeHttp.Client(r =>
        {
            if (r.RequestUri!.AbsolutePath == "/busy.xml")
                return new HttpResponseMessage((HttpStatusCode)429) { Headers = { RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(120)) } };
            var ok = FakeHttp.Ok(Rss, "application/rss+xml");
            ok.Headers.ETag = new System.Net.Http.Headers.EntityTagHeaderValue("\"v2\"");
            ok.Content.Headers.LastModified = new DateTimeOffset(2022, 1, 10, 10, 0, 0, TimeSpan.Zero);
            return ok;
        });
        var reader = new ArticleReader(new ReadOptions { Http = http });

        var read = reader.ReadUrlIfChanged("https://example.org/feed.xml");
        var busy = reader.ReadUrlIfChanged("https://example.org/busy.xml");

        Assert.False(read.NotModified);
        Assert.Equal(new HttpValidators("\"v2\"", "Mon, 10 Jan 2022 10:00:00 GMT"), read.Validators);
        Assert.Equal(2, read.Outcomes.Articles().Count);
        Assert.Equal("HTTP 429 Too Many Requests", busy.Error);
        Assert.Equal(429, busy.Status);
        Assert.Equal(TimeSpan.FromSeconds(120), busy.RetryAfter);
        Assert.Equal("HTTP 429 Too Many Requests", Assert.Single(busy.Outcomes.Problems()).Message);
    }
}
