using Lagebild.Ingest;
using Lagebild.Model;

namespace Lagebild.Tests.Ingest;

public class JsonLinesTests
{
    [Fact]
    public void Bad_lines_give_problems_with_line_numbers_and_reading_goes_on()
    {
        string[] lines =
        [
            """{"id":"a1","published":"2022-01-09","title":"Titel","text":"Erster Text.","url":"https://example.org/a1","source":"Der Standard","language":"de-AT"}""",
            """{"id":"a2","text":"kaputt""",
            """{"id":"a3","title":"ohne Text"}""",
            """{"id":42,"text":"Zahl als id"}""",
            "",
            """{"id":"a6","published":"gestern","text":"Datum unlesbar."}""",
            """{"text":"Ohne id.","published":"2022-01"}""",
            """["not","an","object"]""",
        ];
        using var dir = new TempDir();
        string path = dir.File("feed.jsonl", string.Join("\n", lines));

        var outcomes = Run.Read(path);
        outcomes.AssertWellFormed();

        var articles = outcomes.Articles();
        Assert.Equal(["a1", "a6", "feed-7"], articles.Select(a => a.Id));
        var a1 = articles[0];
        Assert.Equal(PartialDate.Day(2022, 1, 9), a1.Published);
        Assert.Equal("Titel", a1.Title);
        Assert.Equal("https://example.org/a1", a1.Url);
        Assert.Equal("Der Standard", a1.Source);
        Assert.Equal("de", a1.DeclaredLanguage);
        Assert.Equal($"{path}:1", a1.Origin);
        Assert.Equal("jsonl", a1.Format);
        Assert.Null(articles[1].Published);
        Assert.Equal(PartialDate.Month(2022, 1), articles[2].Published);
        Assert.Equal($"{path}:7", articles[2].Origin);

        var problems = outcomes.Problems();
        Assert.Equal([2, 3, 4, 6, 8], problems.Select(p => p.Line!.Value));
        Assert.StartsWith("malformed JSON", problems[0].Message);
        Assert.Equal("missing \"text\"", problems[1].Message);
        Assert.Contains("\"id\" must be a string", problems[2].Message);
        Assert.Contains("unparsed \"published\" value \"gestern\"", problems[3].Message);
        Assert.Contains("expected a JSON object", problems[4].Message);
        Assert.Equal($"{path}:2: {problems[0].Message}", problems[0].ToString());
    }

    [Theory]
    [InlineData("2022", "2022", DatePrecision.Year)]
    [InlineData("2022-01", "2022-01", DatePrecision.Month)]
    [InlineData("2022-01-09", "2022-01-09", DatePrecision.Day)]
    [InlineData("2022-01-09T23:30:00-05:00", "2022-01-09", DatePrecision.Day)] // the publisher's day, not UTC's
    [InlineData("2022-01-10T00:30:00+01:00", "2022-01-10", DatePrecision.Day)]
    public void Published_keeps_its_precision(string published, string expected, DatePrecision precision)
    {
        var article = Assert.Single(new ArticleReader().ReadText($$"""{"id":"x","published":"{{published}}","text":"T."}""", "in.jsonl").Articles());

        Assert.Equal(expected, article.Published.ToString());
        Assert.Equal(precision, article.Published!.Value.Precision);
    }

    [Fact]
    public void Nesting_deeper_than_64_is_a_problem_not_a_crash()
    {
        string deep = "{\"text\":\"t\",\"x\":" + new string('[', 100) + new string(']', 100) + "}";
        var outcomes = new ArticleReader().ReadText(deep + "\n{\"text\":\"danach\"}", "deep.jsonl").ToList();

        Assert.Equal(1, Assert.Single(outcomes.Problems()).Line);
        Assert.Equal("danach", Assert.Single(outcomes.Articles()).Text);
    }

    [Fact]
    public void Json_array_file_reads_each_object()
    {
        using var dir = new TempDir();
        string path = dir.File("liste.json", """
            [
              {"id":"x1","text":"Eins."},
              {"text":"Zwei.","language":"en"},
              {"id":"x3"}
            ]
            """);

        var outcomes = Run.Read(path);

        Assert.Equal(["x1", "liste-2"], outcomes.Articles().Select(a => a.Id));
        Assert.Equal("en", outcomes.Articles()[1].DeclaredLanguage);
        Assert.Equal("item 3: missing \"text\"", Assert.Single(outcomes.Problems()).Message);
    }

    [Fact]
    public void Pretty_printed_single_object_in_json_file_is_one_article()
    {
        using var dir = new TempDir();
        string path = dir.File("one.json", "{\n  \"id\": \"solo\",\n  \"text\": \"Allein.\"\n}\n");

        var article = Assert.Single(Run.Read(path).Articles());

        Assert.Equal("solo", article.Id);
    }

    [Fact]
    public void Ndjson_extension_and_sniffed_jsonl_are_read()
    {
        using var dir = new TempDir();
        string a = dir.File("a.ndjson", "{\"text\":\"A\"}\n");
        string b = dir.File("b.export", "\n  {\"text\":\"B\"}\n{\"text\":\"C\"}\n");

        var articles = Run.Read(a, b).Articles();

        Assert.Equal(["a-1", "b-2", "b-3"], articles.Select(x => x.Id));
        Assert.All(articles, x => Assert.Equal("jsonl", x.Format));
    }

    [Fact]
    public void Jsonl_text_is_normalised()
    {
        var article = Assert.Single(new ArticleReader().ReadText("{\"text\":\"Zu\\u0308rich\\r\\nBern\"}", "n.jsonl").Articles());

        Assert.Equal("Zürich\nBern", article.Text);
    }
}
