using System.Text;
using Lagebild.Ingest;
using Lagebild.Model;
using Lagebild.Pipeline;
using Lagebild.Tests.Ingest;

namespace Lagebild.Tests.Reliability;

/// <summary>
/// Regression tests for the bugs the fuzz targets (<c>fuzz/run.sh</c>) found, one input each, reduced by hand from the
/// fuzzer's crash files. Each was an exception that ended the whole input (every later line or row lost) or escaped
/// from a public method.
/// </summary>
public sealed class FuzzFindingsTests
{
    private static readonly UTF8Encoding Utf8 = new(false);

    private static void AssertNoReaderCrash(List<ReadOutcome> outcomes)
    {
        outcomes.AssertWellFormed();
        Assert.DoesNotContain(outcomes.Problems(), p => p.Message.StartsWith("could not read (", StringComparison.Ordinal));
    }

    [Fact]
    public void A_jsonl_line_with_a_lone_surrogate_escape_is_one_bad_line_and_the_next_lines_are_read()
    {
        // Found by the jsonl target: System.Text.Json parses "\ud83d" without its low half, then GetString (and the
        // property lookup, for a name) threw InvalidOperationException, which ended the file.
        using var dir = new TempDir();
        string path = dir.File("s.jsonl", string.Join('\n',
            """{"id":"a","text":"Zeile eins."}""",
            """{"id":"b\ud83d","text":"Zeile zwei."}""",
            """{"id":"c","te\udc00xt":"Zeile drei."}""",
            """{"id":"d","text":"Zeile vier \ud83d\udd25."}""") + "\n");
        var outcomes = Run.Read(path);
        AssertNoReaderCrash(outcomes);
        Assert.Equal(["a", "d"], outcomes.Articles().Select(a => a.Id));
        Assert.Equal([2, 3], outcomes.Problems().Select(p => p.Line ?? 0));
        Assert.All(outcomes.Problems(), p => Assert.Contains("unpaired UTF-16 surrogate", p.Message));
    }

    [Fact]
    public void A_json_array_item_with_a_lone_surrogate_escape_is_skipped_and_the_others_read()
    {
        using var dir = new TempDir();
        string path = dir.File("a.json", """[{"id":"x\udbff","text":"eins"},{"id":"y","text":"zwei"}]""");
        var outcomes = Run.Read(path);
        AssertNoReaderCrash(outcomes);
        Assert.Equal(["y"], outcomes.Articles().Select(a => a.Id));
        Assert.StartsWith("item 1: malformed JSON", Assert.Single(outcomes.Problems()).Message);
    }

    public static TheoryData<string, byte[]> NonCharacterInputs() => new()
    {
        // Found by the text target: UTF-16 with a BOM whose text holds U+FFFE (bytes FE FF in little-endian order).
        // string.Normalize throws ArgumentException for U+FFFE and for lone surrogates, so TextNormal threw.
        { "fffe-utf16.txt", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("In Almaty 40 Tote"), 0xFE, 0xFF, .. Encoding.Unicode.GetBytes(" und mehr.")] },
        // Found by the html target: six bytes whose NULs make them UTF-16BE without a BOM: U+FF0A U+FFFE U+00F5.
        { "fffe-utf16be.html", [0xFF, 0x0A, 0xFF, 0xFE, 0x00, 0xF5] },
        // Found by the csv target: U+FFFE written as UTF-8 (EF BF BE) inside a field.
        { "fffe-utf8.csv", Utf8.GetBytes("id,text\nr1,In Almaty wurden 40 Menschen festgenommen \uFFFE.\nr2,Zweite Zeile.\n") },
        // The same through an entity: markup too deep for a DOM is stripped and its entities decoded, &#xFFFE; included.
        { "fffe-entity-deep.html", Utf8.GetBytes("<html><body>" + string.Concat(Enumerable.Repeat("<div>", 2100)) + "In Almaty wurden 40 Menschen festgenommen &#xFFFE; weiter." + string.Concat(Enumerable.Repeat("</div>", 2100)) + "</body></html>") },
    };

    [Theory]
    [MemberData(nameof(NonCharacterInputs))]
    public void Text_with_U_FFFE_is_read_with_a_replacement_character(string name, byte[] bytes)
    {
        using var dir = new TempDir();
        var outcomes = Run.Read(dir.Bytes(name, bytes));
        AssertNoReaderCrash(outcomes);
        var articles = outcomes.Articles();
        Assert.NotEmpty(articles);
        foreach (var a in articles)
        {
            Assert.DoesNotContain('\uFFFE', a.Text);
            Assert.True(a.Text.IsNormalized(NormalizationForm.FormC));
        }
        if (name == "fffe-utf8.csv")
            Assert.Equal(2, articles.Count); // the row after it is still read
    }

    [Fact]
    public void Nfc_replaces_only_what_normalization_refuses()
    {
        Assert.Equal("a\uFFFDb", TextNormal.Nfc("a\uFFFEb"));
        Assert.Equal("a\uFFFDb\uFFFD", TextNormal.Nfc("a\uDC00b\uD800"));
        Assert.Equal("ä 🔥 \uFFFF", TextNormal.Nfc("a\u0308 🔥 \uFFFF"));
        string clean = "schon normal";
        Assert.Same(clean, TextNormal.Nfc(clean));
    }

    [Fact]
    public void The_duplicate_keys_of_an_analysed_article_with_U_FFFE_are_computed()
    {
        // Found by the facts target, which also computes what the store computes for each article: an Article built
        // by a caller (not a reader) with U+FFFE made DuplicateIndex.ExactHash and Signature throw.
        string text = "In Almaty wurden am Sonntag 40 Menschen festgenommen \uFFFE, teilte die Polizei mit. " +
            string.Join(' ', Enumerable.Range(0, 30).Select(i => "Wort" + i));
        var doc = DefaultPipeline.Shared.Process(new Article { Id = "x", Text = text, Origin = "test", Format = "text", Published = PartialDate.Day(2022, 1, 10) });
        Assert.Contains(doc.Facts, f => f.Count.Value == 40);
        Assert.Equal(DuplicateIndex.ExactHash(text.Replace('\uFFFE', '\uFFFD')), DuplicateIndex.ExactHash(text));
        Assert.NotEmpty(DuplicateIndex.Signature(text));
    }

    private static Document Analyse(string text) =>
        DefaultPipeline.Shared.Process(new Article { Id = "x", Text = text, Origin = "test", Format = "text", Published = PartialDate.Day(2022, 1, 10) });

    [Theory]
    [InlineData("In Almaty wurden 4 9:4 Menschen festgenommen.")]
    [InlineData("Beim Spiel stand es nach 20 1:0, 3 000 Fans wurden verletzt.")]
    public void A_number_then_a_three_char_number_that_is_not_a_digit_group_is_no_crash(string text)
    {
        // Found by the facts target: "10 000" joins a number and a following three-char number token as a digit group,
        // and parsed that token with double.Parse, which threw FormatException for "9:4" or a score "1:0" — the
        // exception ended `lagebild extract` with an unhandled AggregateException.
        var doc = Analyse(text);
        Assert.DoesNotContain(doc.Facts, f => f.Count.Value is 4009 or 20001);
    }

    [Fact]
    public void Digit_groups_split_by_a_space_still_join()
    {
        var doc = Analyse("In Almaty wurden am Montag 10 000 Menschen festgenommen.");
        Assert.Contains(doc.Facts, f => f.Kind == FactKind.Arrested && f.Count.Value == 10_000);
    }

    [Theory]
    [InlineData("Man, a")]
    [InlineData("Two killed and a gunman, a")]
    [InlineData("Woman, 1-year-old boy wounded, and the")]
    public void A_headline_list_that_ends_after_its_comma_is_no_crash(string title)
    {
        // Found by the facts target: a headline's list of people ("Man, woman shot") looked one token past the end of
        // the headline when it ended in ", a" (ArgumentOutOfRangeException in CountAt).
        foreach (var pipeline in new[] { DefaultPipeline.Shared, DefaultPipeline.CreateBuilder(1).Build() })
        {
            var doc = pipeline.Process(new Article { Id = "h", Title = title, Text = "Police said nothing more.", Origin = "test", Format = "text" });
            Assert.All(doc.Facts, f => Assert.True(f.Count.Value is null or >= 0));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    public void More_than_a_small_number_allows_at_least_one_more(long value)
    {
        // Found by the facts target: "mehr als 1" gave min 2 but max floor(1.5) = 1.
        var count = new Count(value, CountQualifier.MoreThan);
        Assert.Equal(value + 1, count.Min);
        Assert.True(count.Max >= count.Min);
    }
}
