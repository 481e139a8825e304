using Lagebild.Ingest;
using Lagebild.Model;

namespace Lagebild.Tests.Ingest;

public class SeedAndTextTests
{
    [Fact]
    public void Seed_month_header_gives_month_precision_and_trimmed_body()
    {
        using var dir = new TempDir();
        string path = dir.File("000_abc.txt", " date 2022-01 In der Stadt Almaty sind knapp 1700 Menschen festgenommen worden.\n\nZweiter Absatz.\n");

        var article = Assert.Single(Run.Read(path).Articles());

        Assert.Equal("000_abc", article.Id);
        Assert.Equal("seed", article.Format);
        Assert.Equal(PartialDate.Month(2022, 1), article.Published);
        Assert.Equal(DatePrecision.Month, article.Published!.Value.Precision);
        Assert.Equal("In der Stadt Almaty sind knapp 1700 Menschen festgenommen worden.\n\nZweiter Absatz.", article.Text);
        Assert.Equal(path, article.Origin);
    }

    [Theory]
    [InlineData("date 2021 Text.", "2021", DatePrecision.Year)]
    [InlineData("\n\t date 2022-01-09\nText.", "2022-01-09", DatePrecision.Day)]
    [InlineData("date 2022-01\r\n\r\nText.", "2022-01", DatePrecision.Month)]
    public void Seed_header_accepts_year_month_and_day(string content, string expected, DatePrecision precision)
    {
        var article = Assert.Single(new ArticleReader().ReadText(content, "x.txt").Articles());

        Assert.Equal("seed", article.Format);
        Assert.Equal(expected, article.Published.ToString());
        Assert.Equal(precision, article.Published!.Value.Precision);
        Assert.Equal("Text.", article.Text);
    }

    [Fact]
    public void Seed_with_an_impossible_date_keeps_the_article_and_reports_the_date()
    {
        var outcomes = new ArticleReader().ReadText("date 2022-13 Text bleibt.", "bad.txt").ToList();

        var article = Assert.Single(outcomes.Articles());
        Assert.Null(article.Published);
        Assert.Equal("Text bleibt.", article.Text);
        Assert.Contains("2022-13", Assert.Single(outcomes.Problems()).Message);
    }

    [Theory]
    [InlineData("Einfacher Text ohne Kopf.")]
    [InlineData("dated material: date is not a header here")]
    [InlineData("date: 2022-01 is not a header either")]
    public void Txt_without_header_is_plain_text_with_no_date(string content)
    {
        using var dir = new TempDir();
        string path = dir.File("notiz.txt", content + "\n");

        var article = Assert.Single(Run.Read(path).Articles());

        Assert.Equal("text", article.Format);
        Assert.Equal("notiz", article.Id);
        Assert.Null(article.Published);
        Assert.Equal(content, article.Text);
    }

    [Fact]
    public void Explicit_file_with_unknown_extension_is_sniffed_as_seed()
    {
        using var dir = new TempDir();
        string path = dir.File("meldung.dat", "date 2022-01-07 Meldung.");

        var article = Assert.Single(Run.Read(path).Articles());

        Assert.Equal("seed", article.Format);
        Assert.Equal("meldung", article.Id);
    }
}
