using Lagebild.Model;
using Lagebild.Text;

namespace Lagebild.Tests.Text;

public sealed class TokenizerTests
{
    private static readonly Tokenizer Tokenizer = new();

    private static List<(string Text, TokenKind Kind)> Tokens(string text)
    {
        var tokens = new List<Token>();
        Tokenizer.Tokenize(text, tokens);
        return tokens.Select(t => (text[t.Start..t.End], t.Kind)).ToList();
    }

    [Theory]
    [InlineData("10.000", TokenKind.Number)]
    [InlineData("1,5", TokenKind.Number)]
    [InlineData("2,000", TokenKind.Number)]
    [InlineData("9.1.2022", TokenKind.Date)]
    [InlineData("2022-01-09", TokenKind.Date)]
    [InlineData("Kassym-Schomart", TokenKind.Word)]
    [InlineData("OVKS-Friedenstruppen", TokenKind.Word)]
    [InlineData("https://example.org/a?b=1", TokenKind.Url)]
    [InlineData("www.allinrechner.at", TokenKind.Url)]
    [InlineData("13-Jährige", TokenKind.Word)]
    public void Keeps_single_tokens_whole(string text, TokenKind kind)
    {
        var tokens = Tokens(text);
        Assert.Single(tokens);
        Assert.Equal((text, kind), tokens[0]);
    }

    [Fact]
    public void Separates_quotes_of_every_style()
    {
        var tokens = Tokens("»Ruhe« „Staatsstreich“ \"Terroristen\"");
        Assert.Equal(["»", "Ruhe", "«", "„", "Staatsstreich", "“", "\"", "Terroristen", "\""], tokens.Select(t => t.Text));
        Assert.All(tokens.Where(t => t.Text.Length == 1), t => Assert.Equal(TokenKind.Quote, t.Kind));
    }

    [Fact]
    public void Keeps_abbreviation_periods_but_not_sentence_ends()
    {
        var tokens = Tokens("z. B. Nr. 5 und Dr. Meier. Ende");
        Assert.Equal(["z.", "B.", "Nr.", "5", "und", "Dr.", "Meier", ".", "Ende"], tokens.Select(t => t.Text));
    }

    [Fact]
    public void Ordinal_before_month_or_lowercase_keeps_its_period_number_at_sentence_end_does_not()
    {
        var tokens = Tokens("am 12. August und zum 3. Mal; die Marke von 5.000. Aus");
        Assert.Contains(("12.", TokenKind.Ordinal), tokens);
        Assert.Contains(("3.", TokenKind.Ordinal), tokens);
        Assert.Contains(("5.000", TokenKind.Number), tokens);
        Assert.Equal(".", tokens[^2].Text);
    }

    [Fact]
    public void Offsets_point_into_the_text()
    {
        const string text = "  Almaty (9.1.2022): 1700 Festnahmen.";
        var tokens = new List<Token>();
        Tokenizer.Tokenize(text, tokens);
        Assert.Equal("Almaty", text[tokens[0].Start..tokens[0].End]);
        Assert.Equal(2, tokens[0].Start);
        Assert.Equal(["Almaty", "(", "9.1.2022", ")", ":", "1700", "Festnahmen", "."], tokens.Select(t => text[t.Start..t.End]));
    }

    [Fact]
    public void Url_does_not_swallow_final_punctuation()
    {
        var tokens = Tokens("Siehe https://example.org/x.");
        Assert.Equal(("https://example.org/x", TokenKind.Url), tokens[1]);
        Assert.Equal(".", tokens[2].Text);
    }
}
