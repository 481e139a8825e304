using Lagebild.Facts;
using Lagebild.Model;

namespace Lagebild.Tests.Facts;

public sealed class NumberParserTests
{
    private static readonly NumberParser German = new(new FactLexicon("de"));

    [Theory]
    [InlineData("10.000", 10000)]
    [InlineData("1.700", 1700)]
    [InlineData("1,5", 1.5)]
    [InlineData("2.500.000", 2500000)]
    [InlineData("10\u00A0000", 10000)]
    [InlineData("42", 42)]
    public void Reads_German_digit_groups_and_decimals(string text, double expected)
    {
        Assert.True(German.TryParseDigits(text, out var v));
        Assert.Equal(expected, v);
    }

    [Theory]
    [InlineData("12:30")]
    [InlineData("2:1")]
    [InlineData("1,5,6")]
    public void Times_scores_and_garbage_are_not_numbers(string text) => Assert.False(German.TryParseDigits(text, out _));

    [Theory]
    [InlineData("zwölf", 12)]
    [InlineData("zwanzig", 20)]
    [InlineData("zweihundert", 200)]
    [InlineData("fünfundzwanzig", 25)]
    [InlineData("dreitausendfünfhundert", 3500)]
    [InlineData("hundert", 100)]
    public void Reads_German_number_words(string word, long expected)
    {
        Assert.True(German.TryParseWord(word, out var v));
        Assert.Equal(expected, v);
    }

    [Theory]
    [InlineData("zweite")]
    [InlineData("achtung")]
    [InlineData("hunderte")]
    public void Other_words_are_not_numbers(string word) => Assert.False(German.TryParseWord(word, out _));

    [Theory]
    [InlineData(CountQualifier.Approx, 10000L, 9000L, 11000L)]
    [InlineData(CountQualifier.Almost, 1700L, 1530L, 1700L)]
    [InlineData(CountQualifier.MoreThan, 2000L, 2001L, 3000L)]
    [InlineData(CountQualifier.AtMost, 50L, 0L, 50L)]
    [InlineData(CountQualifier.Hundreds, null, 200L, 999L)]
    public void Count_bounds_follow_FACTS_md(CountQualifier q, long? value, long min, long max)
    {
        var c = new Count(value, q);
        Assert.Equal((min, max), (c.Min, c.Max));
    }
}
