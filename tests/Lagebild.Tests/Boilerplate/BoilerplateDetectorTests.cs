using Lagebild.Boilerplate;
using Lagebild.Model;

namespace Lagebild.Tests.Boilerplate;

public sealed class BoilerplateDetectorTests
{
    private static readonly BoilerplateDetector Detector = new();

    private static List<BoilerplateSpan> Detect(string text)
    {
        var spans = new List<BoilerplateSpan>();
        Detector.Detect(text, spans);
        return spans;
    }

    [Theory]
    [InlineData("Copyright 2016 WXYZ Action News 7. All rights reserved.")]
    [InlineData("Your notification has been saved.")]
    [InlineData("Already a subscriber?")]
    [InlineData("Please enable Javascript to watch this video")]
    [InlineData("Advertisement")]
    [InlineData("  Share this: Facebook  ")]
    [InlineData("© 2024 Beispiel Verlag GmbH. Alle Rechte vorbehalten.")]
    [InlineData("Posted: Tuesday, January 28, 2014 8:18 PM EST Updated: Friday, February 28, 2014 8:27 PM EST")]
    [InlineData("Last Updated: November 13, 2016 at 7:44 pm")]
    [InlineData("This story was originally published at 11:50 a.m.")]
    [InlineData("Zuletzt aktualisiert am 12.01.2022 um 10:30 Uhr")]
    public void A_line_of_the_page_around_the_article_is_chrome(string line)
    {
        var text = $"Two men were shot on Elm Street on Sunday, police said.\n{line}\nBoth are expected to survive.";
        var span = Assert.Single(Detect(text));
        Assert.Equal((BoilerplateKind.Chrome, line.Trim()), (span.Kind, span.Value));
    }

    [Theory]
    [InlineData("Advertisement sales fell by a third after the shooting, the owner said.")] // the word, not the whole line
    [InlineData("The sheriff said he would sign up for nothing less than a full inquiry into the shooting of the two men on Elm Street, and that the county had failed them for years, the families had been told nothing, and the officers involved were still on duty while the investigation went on, which he called unacceptable and which all rights reserved to the families by law made worse.")] // a long paragraph quotes it
    [InlineData("Police did not share their names.")] // 'share' inside a sentence
    public void Text_that_only_contains_a_chrome_word_stays_text(string line)
    {
        Assert.Empty(Detect($"Two men were shot on Elm Street on Sunday.\n{line}"));
    }

    [Fact]
    public void A_line_printed_twice_in_a_row_is_another_story_s_teaser_unless_it_shares_words_with_the_title()
    {
        const string teaser = "Police announced that a state trooper passed away from his injuries.";
        const string summary = "Four people were injured in a shooting at the bus station downtown.";
        var text = $"{teaser}\n\n{teaser}\n\n{summary}\n\n{summary}\n\nPolice said the gunman fled.";
        var spans = new List<BoilerplateSpan>();
        Detector.Detect(text, spans, "4 injured in shooting at downtown bus station");
        Assert.Equal(2, spans.Count);
        Assert.All(spans, b => Assert.Equal((BoilerplateKind.Caption, teaser), (b.Kind, b.Value)));
        spans.Clear();
        Detector.Detect(text, spans);
        Assert.Empty(spans); // without a title, nothing tells a teaser from the article's own summary
    }

    [Fact]
    public void Trailing_photo_credit_makes_its_short_paragraph_a_caption()
    {
        const string text = "Erster Absatz mit Text.\n\nZwei Personen räumen auf. Foto: Reuters/Pavel Mikheyev\n\nWeiter.";
        var spans = Detect(text);
        var credit = Assert.Single(spans, s => s.Kind == BoilerplateKind.Credit);
        Assert.Equal("Reuters/Pavel Mikheyev", credit.Value);
        var caption = Assert.Single(spans, s => s.Kind == BoilerplateKind.Caption);
        Assert.Equal("Zwei Personen räumen auf.", caption.Value);
        Assert.DoesNotContain(spans, s => s.Span.Contains(text.IndexOf("Weiter", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("Four people were wounded on Elm Street.\nRELATED: Police: Man killed in apparent drive-by shooting\nThe victims are recovering.", "RELATED: Police: Man killed in apparent drive-by shooting")]
    [InlineData("In Almaty wurden 13 Menschen verletzt.\n  Lesen Sie auch: Zwei Tote bei Protesten in Aktau\nDie Polizei ermittelt.", "Lesen Sie auch: Zwei Tote bei Protesten in Aktau")]
    public void A_line_that_links_to_another_story_is_boilerplate(string text, string line)
    {
        var related = Assert.Single(Detect(text));
        Assert.Equal((BoilerplateKind.Related, line), (related.Kind, related.Value));
        Assert.Equal(line, text[related.Span.Start..related.Span.End]);
    }

    [Fact]
    public void A_list_of_videos_with_their_lengths_is_boilerplate_but_clock_times_and_single_lines_are_text()
    {
        const string text = "A man was wounded on Elm Street.\n\n0:50 One dead after shooting involving officer\n\n"
            + "1:21 Two men killed in crash on the highway Pause\n2:06 Police arrest three in robbery\n\nThe man is recovering.";
        var spans = Detect(text);
        Assert.Equal(3, spans.Count);
        Assert.All(spans, s => Assert.Equal(BoilerplateKind.Related, s.Kind));
        Assert.Equal("0:50 One dead after shooting involving officer", spans[0].Value);
        Assert.Empty(Detect("8:10 p.m. UPDATE: two men were killed.\n9:15 a.m. Police arrived.\n7:30 pm Three were hurt.\n"));
        Assert.Empty(Detect("A man was hurt.\n\n0:50 One dead after shooting involving officer\n\nThe end.\n1:21 Two hurt\n"));
    }

    [Fact]
    public void A_related_label_after_an_arrow_links_to_another_story()
    {
        var related = Assert.Single(Detect("Two were hurt.\n► Related: 2 bailiffs, shooter dead in courthouse shooting\nMore text."));
        Assert.Equal(BoilerplateKind.Related, related.Kind);
    }

    [Fact]
    public void A_courtesy_credit_makes_its_line_a_caption()
    {
        const string text = "A teen died on Friday.\nRoy with his two sisters on the night he was killed (Courtesy: Taylor White)\nThe family grieves.";
        var spans = Detect(text);
        Assert.Contains(spans, s => s.Kind == BoilerplateKind.Credit && s.Value.Contains("Taylor White", StringComparison.Ordinal));
        Assert.Contains(spans, s => s.Kind == BoilerplateKind.Caption && s.Value.StartsWith("Roy with his two sisters", StringComparison.Ordinal));
    }

    [Fact]
    public void A_related_label_inside_a_sentence_is_text()
    {
        Assert.Empty(Detect("Police said more: two men were arrested on Sunday."));
        Assert.Empty(Detect("The related arrests came on Monday."));
    }

    [Fact]
    public void Leading_agency_credit_line_is_credit_and_caption()
    {
        const string text = "REUTERS/Mariya Gordeyeva Eingeschlagene Fensterscheibe in Almaty (9.1.2022)\n\nDer Text beginnt.";
        var spans = Detect(text);
        Assert.Equal("REUTERS/Mariya Gordeyeva", Assert.Single(spans, s => s.Kind == BoilerplateKind.Credit).Value);
        Assert.Equal("Eingeschlagene Fensterscheibe in Almaty (9.1.2022)", Assert.Single(spans, s => s.Kind == BoilerplateKind.Caption).Value);
    }

    [Theory]
    [InlineData("Das war der Text. (dpa, AFP)", "dpa, AFP")]
    [InlineData("Das war der Text. (APA, red, 12.1.2016)", "APA")]
    [InlineData("Berlin (dpa) – Die Regierung hat entschieden.", "dpa")]
    public void Agency_tags_at_paragraph_end_or_after_a_dateline(string text, string agencies)
    {
        var tag = Assert.Single(Detect(text), s => s.Kind == BoilerplateKind.AgencyTag);
        Assert.Equal(agencies, tag.Value);
    }

    [Theory]
    [InlineData("Die Polizei (AFP-Angaben zufolge) war vor Ort.")]
    [InlineData("Das Bild: eine Stadt im Ausnahmezustand, die niemand erwartet hatte.")]
    [InlineData("Die Reform (mehr Geld für Schulen) kommt.")]
    public void Ordinary_text_is_not_boilerplate(string text) => Assert.Empty(Detect(text));

    [Fact]
    public void Long_paragraph_with_a_glued_credit_keeps_its_text()
    {
        string text = string.Join(' ', Enumerable.Repeat("Ein langer Satz über die Lage im Land.", 15)) + " Foto: dpa";
        var spans = Detect(text);
        Assert.Single(spans, s => s.Kind == BoilerplateKind.Credit);
        Assert.DoesNotContain(spans, s => s.Kind == BoilerplateKind.Caption);
    }
}
