using Lagebild.Facts;
using Lagebild.Model;
using Lagebild.Pipeline;

namespace Lagebild.Tests.Facts;

/// <summary>Times of day, read from each language's clock.txt: clues to which event a report is of.</summary>
public sealed class ClockTaggerTests
{
    private static int[] Minutes(string language, string text) => [.. new ClockTagger(language).Find(text).Select(c => c.Minutes)];

    [Theory]
    [InlineData("The shooting happened around 10:30 p.m. Saturday.", 22 * 60 + 30)]
    [InlineData("Officers were called at about 2 a.m. to the house.", 2 * 60)]
    [InlineData("Police got the call at 12:15 AM.", 15)]
    [InlineData("He was shot at 12 p.m. outside the store.", 12 * 60)]
    [InlineData("It was shortly after 9pm when shots rang out.", 21 * 60)]
    [InlineData("Shots were fired just before midnight.", 0)]
    [InlineData("The vigil began at noon.", 12 * 60)]
    public void English_times_of_day_are_read_in_minutes(string text, int minutes) =>
        Assert.Equal([minutes], Minutes("en", text));

    [Theory]
    [InlineData("I am sure 3 people were there.")]
    [InlineData("Police said 13 a.m. is not a time.")]
    [InlineData("He spoke this afternoon about the shooting.")]
    [InlineData("Version 1.10 pm was released.")]
    public void English_words_that_are_no_time_of_day_give_none(string text) => Assert.Empty(Minutes("en", text));

    [Theory]
    [InlineData("Die Polizei wurde gegen 22.30 Uhr alarmiert.", 22 * 60 + 30)]
    [InlineData("Um 7 Uhr begann der Einsatz.", 7 * 60)]
    [InlineData("Um 14:05 Uhr fielen Schüsse.", 14 * 60 + 5)]
    [InlineData("Kurz vor Mitternacht eskalierte die Lage.", 0)]
    [InlineData("Bis 24 Uhr galt die Sperre.", 0)]
    public void German_times_of_day_are_read_in_minutes(string text, int minutes) =>
        Assert.Equal([minutes], Minutes("de", text));

    [Theory]
    [InlineData("Der Zug fuhr um 25 Uhr.")]
    [InlineData("Er kam am Mittag nach Hause.")]
    [InlineData("Die Uhr an der Wand blieb stehen.")]
    public void German_words_that_are_no_time_of_day_give_none(string text) => Assert.Empty(Minutes("de", text));

    [Fact]
    public void A_language_without_clock_words_finds_none()
    {
        var tagger = new ClockTagger("xx");
        Assert.False(tagger.HasGrammar);
        Assert.Empty(tagger.Find("at 10 p.m. um 22 Uhr"));
    }

    [Fact]
    public void The_fact_reader_records_the_times_of_day_and_the_time_expressions_as_spans()
    {
        const string text = "Two men were shot around 11:45 p.m. Friday on Main Street, police said.";
        var doc = DefaultPipeline.Shared.Process(new Article
        {
            Id = "c", Text = text, Origin = "test", Format = "text", Published = PartialDate.Day(2016, 5, 9),
        });
        var clock = Assert.Single(doc.Clocks);
        Assert.Equal(23 * 60 + 45, clock.Minutes);
        Assert.Equal("11:45 p.m.", doc.Slice(clock.Span));
        var friday = Assert.Single(doc.Times);
        Assert.Equal(PartialDate.Day(2016, 5, 6), friday.Time.Resolved);
    }
}
