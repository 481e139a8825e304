using Lagebild.Ingest;
using Lagebild.Model;

namespace Lagebild.Tests.Ingest;

public class HtmlTests
{
    internal const string Page = """
        <!doctype html>
        <html lang="de-AT"><head><title>Unruhen in Almaty</title>
        <meta property="article:published_time" content="2022-01-10T00:30:00+01:00">
        <meta name="author" content="Anna Muster">
        <meta property="og:site_name" content="Der Standard">
        <script>var tracking = "nicht lesen";</script>
        </head><body>
        <nav><a href="/">Start</a> | <a href="/politik">Politik</a></nav>
        <article><h1>Unruhen in Almaty</h1>
        <p>In der von Unruhen besonders betroffenen kasachischen Stadt Almaty sind knapp 1700 weitere Menschen festgenommen worden. Zuletzt schien sich die Lage in Kasachstan wieder zu stabilisieren.</p>
        <p>Die Zahl der Festnahmen wurde landesweit zuletzt mit ungefähr 10.000 angegeben. Es handele sich um Plünderer und andere Verbrecher, berichteten kasachische Medien am Mittwoch.</p>
        <p>Der Präsident Kassym-Schomart Tokajew besucht zum ersten Mal seit den Zusammenstößen die Stadt Almaty.</p>
        </article>
        </body></html>
        """;

    [Fact]
    public void Reads_main_text_with_paragraph_breaks_and_metadata()
    {
        using var dir = new TempDir();
        string path = dir.File("almaty.html", Page);

        var outcomes = Run.Read(path);

        Assert.Empty(outcomes.Problems());
        var a = Assert.Single(outcomes.Articles());
        Assert.Equal("almaty", a.Id);
        Assert.Equal("html", a.Format);
        Assert.Contains("knapp 1700 weitere Menschen festgenommen worden. Zuletzt schien", a.Text);
        Assert.Contains("zu stabilisieren.\n\nDie Zahl der Festnahmen", a.Text);
        Assert.Contains("am Mittwoch.\n\nDer Präsident", a.Text);
        Assert.DoesNotContain("tracking", a.Text);
        Assert.DoesNotContain("<p>", a.Text);
        // The publisher's calendar day (UTC would make it 9 January).
        Assert.Equal(PartialDate.Day(2022, 1, 10), a.Published);
        Assert.Equal("de", a.DeclaredLanguage);
        Assert.Equal("Anna Muster", a.Author);
        Assert.Equal("Der Standard", a.Source);
        Assert.Contains("Almaty", a.Title);
    }

    [Fact]
    public void Time_element_gives_the_date_when_there_is_no_meta()
    {
        string html = """
            <html><body><article>
            <p>Veröffentlicht am <time datetime="2021-12-24">Heiligabend</time>.</p>
            <p>Ein Absatz mit genügend Text, damit die Seite als Artikel gilt, und noch ein paar Worte mehr dazu.</p>
            </article></body></html>
            """;

        var a = Assert.Single(new ArticleReader().ReadText(html, "zeit.html").Articles());

        Assert.Equal(PartialDate.Day(2021, 12, 24), a.Published);
    }

    [Theory]
    [InlineData("<html><head><title>Nur Kopf</title></head></html>")]
    [InlineData("<!DOCTYPE html><html><head><title>x</title></head><body>  \n </body></html>")]
    public void Html_without_body_text_is_a_problem_and_other_inputs_still_read(string html)
    {
        using var dir = new TempDir();
        string bad = dir.File("leer.html", html);
        string good = dir.File("gut.html", Page);

        var outcomes = Run.Read(bad, good);

        var p = Assert.Single(outcomes.Problems());
        Assert.Equal(bad, p.Origin);
        Assert.StartsWith("no readable article text", p.Message);
        Assert.Equal("gut", Assert.Single(outcomes.Articles()).Id);
    }

    [Fact]
    public void Html_is_sniffed_from_content_for_unknown_extensions_and_stdin()
    {
        var reader = new ArticleReader(new ReadOptions { Stdin = new StringReader(Page) });

        var fromStdin = Assert.Single(reader.Read(["-"]).Articles());

        Assert.Equal("html", fromStdin.Format);
        Assert.Equal("stdin", fromStdin.Origin);
        Assert.Contains("Tokajew", fromStdin.Text);
    }

    [Fact]
    public void Html_fragment_to_text_keeps_blocks_and_line_breaks()
    {
        string text = HtmlText.FromFragment("<p>Eins &amp; zwei</p><p>Drei<br>Vier</p><ul><li>a</li><li>b</li></ul><script>x()</script>");

        Assert.Equal("Eins & zwei\n\nDrei\nVier\n\na\nb", text);
    }
}
