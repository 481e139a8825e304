using Lagebild.Facts;
using Lagebild.Model;
using Lagebild.Pipeline;

namespace Lagebild.Tests.Facts;

/// <summary>Headlines apart from the body are read too; one claim stays one fact.</summary>
public sealed class TitleFactTests
{
    private static Document Analyse(string title, string text) => DefaultPipeline.Shared.Process(new Article
    {
        Id = "t", Title = title, Text = text, Published = PartialDate.Day(2016, 11, 14), DeclaredLanguage = "en", Origin = "test", Format = "jsonl",
    });

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_figure_headline_and_body_both_give_is_one_fact_the_body_s_only_where_its_lead_tells_it(bool farDown)
    {
        var filler = string.Concat(Enumerable.Repeat("Neighbours gathered on the corner on Sunday evening to talk about the street. ", farDown ? 5 : 0));
        var doc = Analyse("4 people wounded in Orange County shooting", filler + "Police said four people were wounded in the shooting on Elm Street.");
        var f = Assert.Single(doc.Facts);
        Assert.Equal((4L, farDown), (f.Count.Value!.Value, f.InTitle));
    }

    [Fact]
    public void A_figure_only_the_headline_gives_is_a_fact_with_its_evidence_in_the_title()
    {
        var doc = Analyse("4 people wounded in Orange County shooting", "Please enable JavaScript to watch this video. Subscribe to our newsletter.");
        var f = Assert.Single(doc.Facts);
        Assert.True(f.InTitle);
        Assert.Equal((FactKind.Injured, 4L), (f.Kind, f.Count.Value!.Value));
        Assert.Equal("4 people wounded in Orange County shooting", doc.Slice(f, f.Evidence));
        var json = FactJson.ToJsonLine("t", f, doc);
        Assert.Contains("\"in\":\"title\"", json);
        Assert.Contains("\"count_text\":\"4\"", json);
    }

    [Fact]
    public void A_figure_the_body_repeats_stays_the_body_s()
    {
        var doc = Analyse("4 people wounded in Orange County shooting", "Four people were wounded early Sunday in a shooting in Orange County, the sheriff's office said.");
        var f = Assert.Single(doc.Facts);
        Assert.False(f.InTitle);
        Assert.Equal("sheriff's office", f.Source?.Text);
    }

    [Fact]
    public void A_body_that_starts_with_its_headline_is_read_once()
    {
        var doc = Analyse("Two men were killed in Rialto", "Two men were killed in Rialto\n\nTwo men were killed in Rialto on Sunday, police said.");
        Assert.All(doc.Facts, f => Assert.False(f.InTitle));
    }

    private static readonly Lazy<AnalysisPipeline> s_singles = new(() => DefaultPipeline.CreateBuilder(1, entities: true).Build());

    private const string VideoPage = "Please enable JavaScript to watch this video.";

    // An English report analysed with counts of one reported (--min-count 1).
    private static Document Singles(string? title, string text) => s_singles.Value.Process(new Article
    {
        Id = "t", Title = title, Text = text, Published = PartialDate.Day(2016, 11, 14), DeclaredLanguage = "en", Origin = "test", Format = "jsonl",
    });

    [Fact]
    public void A_headline_s_bare_nouns_side_by_side_are_two_people()
    {
        // "Officer shot, suspect killed": the headline drops its articles; the hurt officer is not the dead suspect.
        var doc = Singles("Officer shot, suspect killed in South Loop", VideoPage);
        Assert.Equal([(FactKind.Killed, 1L), (FactKind.Injured, 1L)], doc.Facts.Select(f => (f.Kind, f.Count.Value!.Value)).Order());
    }

    [Fact]
    public void The_one_before_two_joined_verbs_did_it_and_the_one_after_them_was_hit()
    {
        var doc = Singles(null, "A 5-year-old boy shot and critically injured his 6-year-old brother at their home, deputies said.");
        var hurt = Assert.Single(doc.Facts);
        Assert.Equal((FactKind.Injured, 1L), (hurt.Kind, hurt.Count.Value!.Value));
        Assert.Equal("his", doc.Slice(hurt, hurt.CountSpan)); // his brother, not the boy who shot him
    }

    [Theory]
    [InlineData("Mother, toddler killed in shooting in Fort Washington", FactKind.Killed, 2)]
    [InlineData("Police: Man, woman shot in Tulsa", FactKind.Injured, 2)]
    [InlineData("Teenager shot, killed in East Lake", FactKind.Killed, 1)]
    [InlineData("Mother, father, and toddler dead following murder-suicide", FactKind.Killed, 3)]
    [InlineData("Mother, 2 children found dead in Ripley County", FactKind.Killed, 3)]
    [InlineData("Man, 3 teens wounded in Dayton shooting", FactKind.Injured, 4)]
    [InlineData("Officer, suspect injured in shooting at Walgreens", FactKind.Injured, 2)]
    [InlineData("Porterville officer, suspect wounded in exchange of gunfire", FactKind.Injured, 2)]
    [InlineData("Male Adult and Juvenile Shot in Indio", FactKind.Injured, 2)]
    [InlineData("Texas police: Father kills wife, son, daughter, then himself", FactKind.Killed, 4)]
    [InlineData("Man shoots 16-year-old girl in Hickory", FactKind.Injured, 1)]
    [InlineData("Wounded teen found outside Garland restaurant dies at hospital", FactKind.Killed, 1)]
    [InlineData("Coroner: Kettering teen shot near AlterFest dies", FactKind.Killed, 1)]
    [InlineData("Man shoots 2 women, young girl in South LA", FactKind.Injured, 3)]
    [InlineData("Four children, two adults injured in gun range accident", FactKind.Injured, 6)]
    [InlineData("Raleigh shooting leaves man, 2 teens wounded", FactKind.Injured, 3)]
    [InlineData("Father of 5 killed in shooting on Elm Street", FactKind.Killed, 1)]
    [InlineData("Sheriff: husband fled after killing wife, 2 young children", FactKind.Killed, 3)]
    [InlineData("Parish man kills 7-year-old daughter, himself", FactKind.Killed, 2)]
    [InlineData("School shooting: Man Kills Wife Then Himself", FactKind.Killed, 2)]
    public void A_headline_lists_people_with_commas(string title, FactKind kind, long count)
    {
        var doc = Singles(title, VideoPage);
        var f = Assert.Single(doc.Facts);
        Assert.Equal((kind, count, true), (f.Kind, f.Count.Value!.Value, f.InTitle));
    }

    [Fact]
    public void The_headline_s_hit_less_the_dead_the_body_counts()
    {
        var doc = Analyse("5 shot outside Orange County bar", "Two men died at the hospital on Sunday, the sheriff's office said.");
        Assert.Contains(doc.Facts, f => f is { Kind: FactKind.Killed, Count.Value: 2, InTitle: false });
        var hurt = Assert.Single(doc.Facts, f => f.Kind == FactKind.Injured);
        Assert.Equal((3L, true), (hurt.Count.Value!.Value, hurt.InTitle));
        Assert.Equal("5", doc.Slice(hurt, hurt.CountSpan));
    }

    [Fact]
    public void The_headline_s_hit_is_of_the_day_of_the_body_s_same_hit_so_an_earlier_death_is_not_taken_off()
    {
        // Published on Monday the 14th: the body's four were shot on Sunday, the man above died on Thursday.
        var doc = Singles("Four men shot near Kingsley Park",
            "A man was shot and killed on the same block on Thursday. Four men were shot near Kingsley Park on Sunday night, police said.");
        Assert.Contains(doc.Facts, f => f is { Kind: FactKind.Injured, Count.Value: 4, InTitle: false });
        Assert.DoesNotContain(doc.Facts, f => f is { Kind: FactKind.Injured, Count.Value: 3 });
    }
}
