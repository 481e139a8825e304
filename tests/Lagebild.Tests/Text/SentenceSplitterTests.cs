using Lagebild.Model;
using Lagebild.Text;

namespace Lagebild.Tests.Text;

public sealed class SentenceSplitterTests
{
    private static List<string> Sentences(string text)
    {
        var tokens = new List<Token>();
        new Tokenizer().Tokenize(text, tokens);
        var sentences = new List<Sentence>();
        SentenceSplitter.Split(text, tokens, sentences);
        return sentences.Select(s => text[s.Start..s.End]).ToList();
    }

    [Fact]
    public void A_run_without_an_end_is_cut_into_sentences_of_at_most_the_maximum_length()
    {
        string text = string.Join(' ', Enumerable.Range(0, 450).Select(i => "wort" + i)) + ". Ende.";
        var tokens = new List<Token>();
        new Tokenizer().Tokenize(text, tokens);
        var sentences = new List<Sentence>();
        SentenceSplitter.Split(text, tokens, sentences);
        Assert.Equal([SentenceSplitter.MaxTokens, SentenceSplitter.MaxTokens, 51, 2], sentences.Select(s => s.TokenCount));
        Assert.Equal(tokens.Count, sentences.Sum(s => s.TokenCount)); // nothing lost, in order
        Assert.All(sentences.Zip(sentences.Skip(1)), p => Assert.Equal(p.First.EndToken, p.Second.FirstToken));
    }

    [Fact]
    public void Splits_at_final_marks_before_capitals()
    {
        Assert.Equal(["Es brannte.", "Die Polizei kam!", "Warum?"], Sentences("Es brannte. Die Polizei kam! Warum?"));
    }

    [Fact]
    public void Does_not_split_after_abbreviations_ordinals_or_dates()
    {
        var s = Sentences("Am 9.1.2022 kamen z. B. Soldaten. Am 12. Januar traf Dr. Sas ein.");
        Assert.Equal(["Am 9.1.2022 kamen z. B. Soldaten.", "Am 12. Januar traf Dr. Sas ein."], s);
    }

    [Fact]
    public void A_clock_suffix_ends_a_sentence_before_a_capital_that_is_no_time_word()
    {
        Assert.Equal(["It happened around 4:30 a.m.", "Arwood was pronounced dead."], Sentences("It happened around 4:30 a.m. Arwood was pronounced dead."));
        Assert.Single(Sentences("Shots rang out at 4:30 a.m. Sunday near the park."));
        Assert.Single(Sentences("The vigil starts at 8 p.m. EST at the church."));
        Assert.Equal(2, Sentences("It ended at 9 p.m. Mayor Jones spoke later.").Count); // time words are whole words: "May" is no "Mayor"
    }

    [Fact]
    public void Closing_quote_stays_with_its_sentence()
    {
        var s = Sentences("Er sagte: „Die Lage ist ruhig.“ Dann ging er. »Nein!« Das war es.");
        Assert.Equal(["Er sagte: „Die Lage ist ruhig.“", "Dann ging er.", "»Nein!«", "Das war es."], s);
    }

    [Fact]
    public void Line_breaks_end_headlines_without_periods()
    {
        var s = Sentences("Langsam kehrt der Alltag zurück\n\nTokajew lobte den Einsatz.");
        Assert.Equal(["Langsam kehrt der Alltag zurück", "Tokajew lobte den Einsatz."], s);
    }

    [Fact]
    public void German_number_before_final_period_ends_the_sentence()
    {
        var s = Sentences("Damit nähert sich die Zahl der Marke von 5.000. Aus einer Vorstadt kam Kritik.");
        Assert.Equal(2, s.Count);
        Assert.EndsWith("5.000.", s[0]);
    }
}
