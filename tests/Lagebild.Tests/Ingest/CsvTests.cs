using Lagebild.Ingest;
using Lagebild.Model;

namespace Lagebild.Tests.Ingest;

public class CsvTests
{
    [Fact]
    public void Headerless_10kgnad_style_rows_with_single_quotes_doubling_and_multiline_fields()
    {
        string csv =
            "Wirtschaft;'Die Gewerkschaft sagt, das sei ''All-in''. Wien – Die Gewerkschaft GPA-djp sieht Bedarf.'\r\n" +
            "Sport;'Erste Zeile\r\nzweite Zeile des Textes'\r\n" +
            "Kultur;'Dritter Artikel mit \"Zitat\" und Komma, das bleibt.'\r\n";
        using var dir = new TempDir();
        string path = dir.File("test.csv", csv);

        var outcomes = Run.Read(path);

        Assert.Empty(outcomes.Problems());
        var articles = outcomes.Articles();
        Assert.Equal(["test-1", "test-2", "test-3"], articles.Select(a => a.Id));
        Assert.Equal("Die Gewerkschaft sagt, das sei 'All-in'. Wien – Die Gewerkschaft GPA-djp sieht Bedarf.", articles[0].Text);
        Assert.Equal("Erste Zeile\nzweite Zeile des Textes", articles[1].Text);
        Assert.Equal("Dritter Artikel mit \"Zitat\" und Komma, das bleibt.", articles[2].Text);
        Assert.Equal([$"{path}:1", $"{path}:2", $"{path}:4"], articles.Select(a => a.Origin));
        Assert.All(articles, a => Assert.Equal("csv", a.Format));
    }

    [Fact]
    public void Sniffs_semicolon_and_single_quote_for_10kgnad()
    {
        string head = "Web;'Text eins, mit Komma.'\r\nSport;'Text zwei, \"zitiert\", mit Kommas, vielen.'\r\nInland;'Drei.'\r\n";
        Assert.Equal((';', '\''), CsvFormat.Sniff(head, true, ".csv"));
    }

    [Fact]
    public void Header_maps_columns_case_insensitively_with_double_quotes()
    {
        string csv =
            "ID,Title,Body,Date,URL,Source,Language\n" +
            "n1,\"Titel, mit Komma\",\"Ein \"\"zitierter\"\" Text\nüber zwei Zeilen\",2022-01-09,https://example.org/n1,Der Standard,de\n" +
            "n2,Zweiter,Kurzer Text,2022-01,,,\n";
        using var dir = new TempDir();
        string path = dir.File("news.csv", csv);

        var outcomes = Run.Read(path);

        Assert.Empty(outcomes.Problems());
        var articles = outcomes.Articles();
        Assert.Equal(2, articles.Count);
        var n1 = articles[0];
        Assert.Equal("n1", n1.Id);
        Assert.Equal("Titel, mit Komma", n1.Title);
        Assert.Equal("Ein \"zitierter\" Text\nüber zwei Zeilen", n1.Text);
        Assert.Equal(PartialDate.Day(2022, 1, 9), n1.Published);
        Assert.Equal("https://example.org/n1", n1.Url);
        Assert.Equal("Der Standard", n1.Source);
        Assert.Equal("de", n1.DeclaredLanguage);
        Assert.Equal($"{path}:2", n1.Origin);
        Assert.Equal(PartialDate.Month(2022, 1), articles[1].Published);
        Assert.Equal($"{path}:4", articles[1].Origin);
        Assert.Null(articles[1].Url);
    }

    [Fact]
    public void Tsv_is_read_with_tabs()
    {
        using var dir = new TempDir();
        string path = dir.File("daten.tsv", "id\ttext\nt1\tText mit, Komma; und Semikolon\nt2\tZweiter Text\n");

        var articles = Run.Read(path).Articles();

        Assert.Equal(["t1", "t2"], articles.Select(a => a.Id));
        Assert.Equal("Text mit, Komma; und Semikolon", articles[0].Text);
    }

    [Fact]
    public void Malformed_rows_give_problems_with_line_numbers_and_later_rows_are_read()
    {
        string csv =
            "Web;'Gute Zeile eins.'\n" +         // 1
            "Web;'zu';'viele Felder'\n" +        // 2 wrong field count
            "Web;'Müll'x nach dem Zitat'\n" +    // 3 junk after closing quote
            "Web;'Gute Zeile vier.'\n" +         // 4
            "Web;'nie geschlossen\n" +           // 5 unterminated
            "Web;'Gute Zeile sechs.'\n";         // 6
        using var dir = new TempDir();
        string path = dir.File("kaputt.csv", csv);

        var outcomes = Run.Read(path);
        outcomes.AssertWellFormed();

        var problems = outcomes.Problems();
        Assert.Equal([2, 3, 5], problems.Select(p => p.Line!.Value));
        Assert.Contains("expected 2 fields, found 3", problems[0].Message);
        Assert.Contains("after a closing quote", problems[1].Message);
        Assert.Contains("unterminated quote", problems[2].Message);
        var articles = outcomes.Articles();
        Assert.Equal(["Gute Zeile eins.", "Gute Zeile vier.", "Gute Zeile sechs."], articles.Select(a => a.Text));
        Assert.Equal($"{path}:6", articles[2].Origin);
        // Row numbers count every record, so ids stay tied to positions.
        Assert.Equal(["kaputt-1", "kaputt-4", "kaputt-6"], articles.Select(a => a.Id));
    }

    [Fact]
    public void Headerless_takes_the_longest_column_as_text()
    {
        var articles = new ArticleReader().ReadText("kurz,Das ist der lange Artikeltext hier,x\nk2,Noch ein langer Artikeltext,y\n", "t.csv").Articles();

        Assert.Equal(["Das ist der lange Artikeltext hier", "Noch ein langer Artikeltext"], articles.Select(a => a.Text));
    }

    [Fact]
    public void A_bad_date_keeps_the_row_and_reports_it()
    {
        var outcomes = new ArticleReader().ReadText("text;date\nEin Text.;irgendwann\n", "d.csv").ToList();

        Assert.Null(Assert.Single(outcomes.Articles()).Published);
        var p = Assert.Single(outcomes.Problems());
        Assert.Equal(2, p.Line);
        Assert.Contains("irgendwann", p.Message);
    }
}
