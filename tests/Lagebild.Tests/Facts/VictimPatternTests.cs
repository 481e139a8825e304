using Lagebild.Facts;
using Lagebild.Model;

namespace Lagebild.Tests.Facts;

/// <summary>The English victim patterns as loaded from victims.txt, with their quick word pre-check.</summary>
public sealed class VictimPatternTests
{
    private static readonly FactLexicon English = new("en");

    [Fact]
    public void Every_pattern_names_the_words_a_sentence_needs_and_skips_sentences_without_them()
    {
        var patterns = English.VictimPatterns.Values.SelectMany(p => p).ToList();
        Assert.NotEmpty(patterns);
        Assert.All(patterns, p => Assert.NotEmpty(p.Needs));
        var died = patterns.First(p => p.Needs.Contains("died") && p.Regex.IsMatch("Police said the victim of Friday's shooting died Monday."));
        Assert.True(died.MayMatch("The man DIED at the scene."));
        Assert.False(died.MayMatch("The man was arrested on Monday."));
    }

    [Fact]
    public void A_pattern_without_needs_is_always_tried()
    {
        var always = new VictimPattern(new System.Text.RegularExpressions.Regex("x"), 1, []);
        Assert.True(always.MayMatch("anything"));
        Assert.Contains(FactKind.Killed, English.VictimPatterns.Keys);
    }
}
