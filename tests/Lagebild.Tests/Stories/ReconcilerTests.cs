using Lagebild.Model;
using Lagebild.Stories;

namespace Lagebild.Tests.Stories;

public sealed class ReconcilerTests
{
    private static readonly FactPlace Celje = new("Celje", "SI", 46.2, 15.3) { Id = "geonames:3202781" };
    private static readonly FactPlace Slovenia = new("Slowenien", "SI", 46, 15) { Id = "iso:SI" };

    private static Claim C(string article, long? value, CountQualifier q, int asOfDay, FactKind kind = FactKind.Killed,
        FactPlace? place = null, bool additional = false, bool cumulative = false, string? source = null, DateOnly? eventDay = null) =>
        new(article, new Fact
        {
            Kind = kind,
            Count = new Count(value, q),
            Additional = additional,
            Cumulative = cumulative,
            Place = place,
            Source = source is null ? null : new FactSource(source, "laut"),
            Time = eventDay is { } e ? new FactTime("am Sonntag", new PartialDate(e, DatePrecision.Day), DatePrecision.Day) : null,
            Evidence = new TextSpan(0, 1),
            CountSpan = new TextSpan(0, 1),
            TriggerSpan = new TextSpan(0, 1),
        }, "…", PartialDate.Day(2025, 3, asOfDay), new DateOnly(2025, 3, asOfDay));

    // A claim read from a sentence: the count phrase is the sentence's first words up to its verb.
    private static Claim S(string article, string sentence, string countPhrase, long value, int asOfDay, FactKind kind = FactKind.Injured) =>
        new(article, new Fact
        {
            Kind = kind,
            Count = new Count(value, CountQualifier.Exact),
            Evidence = new TextSpan(100, 100 + sentence.Length),
            CountSpan = new TextSpan(100 + sentence.IndexOf(countPhrase, StringComparison.Ordinal), 100 + sentence.IndexOf(countPhrase, StringComparison.Ordinal) + countPhrase.Length),
            TriggerSpan = new TextSpan(100 + sentence.Length - 1, 100 + sentence.Length),
        }, sentence, PartialDate.Day(2025, 3, asOfDay), new DateOnly(2025, 3, asOfDay));

    [Theory]
    [InlineData("The 17-year-old was shot in the leg.", "The 17-year-old", true)]
    [InlineData("A man was shot in the leg.", "A man", true)]
    [InlineData("One of the passengers was shot.", "One", true)]
    [InlineData("One person was shot.", "One person", false)]
    [InlineData("1 person was shot.", "1 person", false)]
    [InlineData("Vigil held for slain 10-year-old girl.", "10-year-old", true)]
    public void A_count_of_one_naming_a_person_is_a_mention(string sentence, string countPhrase, bool mention) =>
        Assert.Equal(mention, Reconciler.IsMention(S("a", sentence, countPhrase, 1, 10)));

    [Fact]
    public void An_article_s_number_below_counts_before_its_vague_headline()
    {
        // "Several injured" in the headline, "Four people were shot" further down: the article's figure is four.
        var vague = C("a", null, CountQualifier.Several, 10, FactKind.Injured);
        var below = S("a", "Four people were confirmed to have been shot.", "Four people", 4, 10);
        below = below with { Fact = below.Fact with { Evidence = new TextSpan(900, 945), CountSpan = new TextSpan(900, 911), TriggerSpan = new TextSpan(944, 945) } };
        Assert.False(Reconciler.IsLead(below));
        var f = Assert.Single(Reconciler.Reconcile([vague, below], "US"));
        Assert.Equal(4L, f.Count.Value);
    }

    [Fact]
    public void A_roundup_of_several_shootings_is_no_figure_of_the_story_unless_it_is_all_there_is()
    {
        var own = S("a", "Four people were shot at the party on Elm Street.", "Four people", 4, 10);
        var roundup = S("b", "Five people were wounded in separate shootings citywide.", "Five people", 5, 11);
        Assert.True(Reconciler.IsRoundup(roundup));
        var f = Assert.Single(Reconciler.Reconcile([own, roundup], "US"));
        Assert.Equal((4L, 1), (f.Count.Value!.Value, f.Claims.Count));
        f = Assert.Single(Reconciler.Reconcile([roundup], "US"));
        Assert.Equal(5L, f.Count.Value);
    }

    [Theory]
    [InlineData("One man was killed and six other people wounded in two South Side shootings Sunday.", true)]
    [InlineData("Seven people were hurt in 3 overnight shooting incidents.", true)]
    [InlineData("Two men were wounded in the shootings on Elm Street.", false)]
    [InlineData("Police said the two shootings were not related.", true)]
    [InlineData("Six people were killed and 28 wounded in weekend shootings.", true)]
    public void A_number_of_events_before_a_plural_event_noun_makes_a_roundup(string sentence, bool roundup) =>
        Assert.Equal(roundup, Reconciler.IsRoundup(S("a", sentence, sentence.Split(' ')[0], 1, 10)));

    [Fact]
    public void A_person_named_agrees_with_a_larger_count_of_another_report()
    {
        // "Two teens were injured" (10 March) and, a day later, "The 17-year-old was shot in the leg": one of the two.
        var f = Assert.Single(Reconciler.Reconcile(
        [
            S("a", "Two teens were injured at the park.", "Two teens", 2, 10),
            S("b", "The 17-year-old was shot in the leg.", "The 17-year-old", 1, 11),
        ], "US"));
        Assert.Equal((FigureStatus.Agreeing, 2L), (f.Status, f.Count.Value));
        // "One person was shot" counts: against two it conflicts, and the lower reading is taken.
        f = Assert.Single(Reconciler.Reconcile(
        [
            S("a", "Two teens were injured at the park.", "Two teens", 2, 10),
            S("b", "One person was shot at the park.", "One person", 1, 11),
        ], "US"));
        Assert.Equal((FigureStatus.Conflicting, 1L), (f.Status, f.Count.Value));
    }

    [Fact]
    public void A_claim_dated_a_month_before_the_first_report_is_an_earlier_event()
    {
        // Reports of 10–11 March; "was fatally shot in January" recalls another shooting, a running total does not.
        var figures = Reconciler.Reconcile(
        [
            C("a", 4, CountQualifier.Exact, 10, FactKind.Injured),
            C("b", 1, CountQualifier.Exact, 11, eventDay: new DateOnly(2025, 1, 20)),
            C("b", 300, CountQualifier.Exact, 11, FactKind.Arrested, cumulative: true, eventDay: new DateOnly(2025, 1, 1)),
            C("a", 2, CountQualifier.Exact, 10, FactKind.Missing, eventDay: new DateOnly(2025, 2, 20)),
        ], "SI");
        Assert.Equal([FactKind.Arrested, FactKind.Injured, FactKind.Missing], figures.Select(f => f.Kind).Order());
    }

    [Fact]
    public void A_story_of_follow_ups_only_keeps_its_earlier_dated_claims()
    {
        // A trial report in March tells of the January shooting it is about: no claim of the story is current.
        var figures = Reconciler.Reconcile(
        [
            C("a", 1, CountQualifier.Exact, 10, eventDay: new DateOnly(2025, 1, 20)),
            C("b", 2, CountQualifier.Exact, 12, FactKind.Injured, eventDay: new DateOnly(2025, 1, 20)),
            C("b", 3, CountQualifier.Exact, 12, FactKind.Arrested, eventDay: new DateOnly(2025, 1, 22)),
        ], "SI");
        Assert.Equal([FactKind.Arrested, FactKind.Killed, FactKind.Injured], figures.Select(f => f.Kind).Order());
        // One claim of now (undated: the report's own news) and the January ones are background again.
        var mixed = Reconciler.Reconcile([C("a", 1, CountQualifier.Exact, 10, eventDay: new DateOnly(2025, 1, 20)), C("b", 2, CountQualifier.Exact, 12, FactKind.Injured)], "SI");
        Assert.Equal([FactKind.Injured], mixed.Select(f => f.Kind));
    }

    [Fact]
    public void Equal_figures_agree_and_keep_every_claim()
    {
        var f = Assert.Single(Reconciler.Reconcile([C("a", 12, CountQualifier.Exact, 10, place: Celje), C("b", 12, CountQualifier.Exact, 11, place: Celje)], "SI"));
        Assert.Equal(FigureStatus.Agreeing, f.Status);
        Assert.Equal(12, f.Count.Value);
        Assert.Equal(2, f.Claims.Count);
    }

    [Fact]
    public void A_later_higher_total_is_rising_and_the_latest_is_current()
    {
        var f = Assert.Single(Reconciler.Reconcile(
            [C("late", 10000, CountQualifier.Approx, 12, FactKind.Arrested, Slovenia, cumulative: true), C("early", 5000, CountQualifier.Almost, 10, FactKind.Arrested, cumulative: true)], "SI"));
        Assert.Equal(FigureStatus.Rising, f.Status);
        Assert.Equal(10000, f.Count.Value);
        Assert.Equal(["early", "late"], f.Claims.Select(c => c.ArticleId));
        Assert.Contains("rising", f.Note);
    }

    [Fact]
    public void Incompatible_claims_of_one_day_conflict_and_the_lowest_is_taken()
    {
        var f = Assert.Single(Reconciler.Reconcile(
            [C("gov", 19, CountQualifier.Exact, 12, place: Celje, source: "Regierung"), C("ngo", 40, CountQualifier.Exact, 12, place: Celje, source: "Rotes Kreuz")], "SI"));
        Assert.Equal(FigureStatus.Conflicting, f.Status);
        Assert.Equal(19, f.Count.Value);
        Assert.Equal((19, 40), (f.Min, f.Max));
        Assert.Contains("conservative", f.Note);
    }

    [Fact]
    public void Conflicting_death_tolls_one_or_two_apart_take_the_highest_other_kinds_the_lowest()
    {
        // One report of the day counts the two victims, another the gunman who killed himself too.
        var dead = Assert.Single(Reconciler.Reconcile([C("a", 2, CountQualifier.Exact, 10), C("b", 3, CountQualifier.Exact, 10)], "US"));
        Assert.Equal((FigureStatus.Conflicting, 3L), (dead.Status, dead.Count.Value!.Value));
        Assert.Contains("highest", dead.Note);
        var hurt = Assert.Single(Reconciler.Reconcile([C("a", 2, CountQualifier.Exact, 10, FactKind.Injured), C("b", 3, CountQualifier.Exact, 10, FactKind.Injured)], "US"));
        Assert.Equal((FigureStatus.Conflicting, 2L), (hurt.Status, hurt.Count.Value!.Value));
    }

    [Fact]
    public void Conflicting_claims_take_the_figure_at_least_half_the_reports_give()
    {
        // Four reports of 5 dead, one naming "a man killed" counted 1, one of 3: the five stand.
        var f = Assert.Single(Reconciler.Reconcile(
            [C("a", 1, CountQualifier.Exact, 10), C("b", 5, CountQualifier.Exact, 10), C("c", 5, CountQualifier.Exact, 10),
             C("d", 5, CountQualifier.Exact, 11), C("e", 5, CountQualifier.Exact, 11), C("f", 3, CountQualifier.Exact, 11)], "US"));
        Assert.Equal((FigureStatus.Conflicting, 5L, 1L, 5L), (f.Status, f.Count.Value!.Value, f.Min, f.Max));
        Assert.Contains("4 of 6", f.Note);
        // Two against two: the lower hurt figure.
        var hurt = Assert.Single(Reconciler.Reconcile(
            [C("a", 4, CountQualifier.Exact, 10, FactKind.Injured), C("b", 4, CountQualifier.Exact, 10, FactKind.Injured),
             C("c", 7, CountQualifier.Exact, 10, FactKind.Injured), C("d", 7, CountQualifier.Exact, 10, FactKind.Injured)], "US"));
        Assert.Equal(4L, hurt.Count.Value);
    }

    [Fact]
    public void A_later_lower_figure_conflicts()
    {
        var f = Assert.Single(Reconciler.Reconcile([C("a", 30, CountQualifier.Exact, 10, place: Celje), C("b", 12, CountQualifier.Exact, 12, place: Celje)], "SI"));
        Assert.Equal(FigureStatus.Conflicting, f.Status);
        Assert.Equal(12, f.Count.Value);
    }

    [Fact]
    public void Overlapping_vague_and_bounded_claims_agree()
    {
        var f = Assert.Single(Reconciler.Reconcile(
            [C("a", null, CountQualifier.Dozens, 10, FactKind.Arrested), C("b", 40, CountQualifier.MoreThan, 10, FactKind.Arrested, Celje)], "SI"));
        Assert.Equal(FigureStatus.Agreeing, f.Status);
        Assert.Equal(40, f.Count.Value); // the more precise claim
        Assert.Equal("Celje", f.Place); // the claim without a place joined the only placed figure
    }

    [Fact]
    public void Places_more_on_top_and_event_days_make_separate_figures()
    {
        var figures = Reconciler.Reconcile(
        [
            C("a", 12, CountQualifier.Exact, 10, place: Celje),
            C("a", 19, CountQualifier.Exact, 10, place: Slovenia),
            C("b", 7, CountQualifier.Exact, 12, place: Celje, additional: true),
            C("c", 300, CountQualifier.Exact, 12, FactKind.Arrested, Celje, eventDay: new DateOnly(2025, 3, 1)),
            C("d", 50, CountQualifier.Exact, 12, FactKind.Arrested, Celje, eventDay: new DateOnly(2025, 3, 9)),
        ], "SI");
        Assert.Equal(5, figures.Count);
        Assert.All(figures, f => Assert.Equal(FigureStatus.Single, f.Status));
        Assert.Single(figures, f => f.Additional);
        Assert.Equal(19, Reconciler.Main(figures, FactKind.Killed)!.Count.Value); // most articles tie: the larger one
    }

    [Fact]
    public void An_article_with_a_figure_in_its_lead_votes_with_that_one()
    {
        // "b" leads with 1 dead and recalls 2 dead of another shooting far down; "c" gives 2 far down only: the lead
        // claims of "a" and "b" make 1 the story's figure (with every claim voting, 2 would tie and win as the larger).
        static Claim At(Claim c, int start) => c with { Fact = c.Fact with { Evidence = new TextSpan(start, start + 40), CountSpan = new TextSpan(start, start + 1) } };
        var figures = Reconciler.Reconcile(
        [
            C("a", 1, CountQualifier.Exact, 10, place: Celje),
            At(C("b", 1, CountQualifier.Exact, 10, place: Celje), 40),
            At(C("b", 2, CountQualifier.Exact, 10, place: Slovenia), 2000),
            At(C("c", 2, CountQualifier.Exact, 11, place: Slovenia), 1500),
        ], "SI");
        Assert.Equal(1, Reconciler.Main(figures, FactKind.Killed)!.Count.Value);
        Assert.True(Reconciler.IsLead(figures.Single(f => f.Count.Value == 1).Claims.Single(c => c.ArticleId == "b")));
    }

    [Fact]
    public void A_lead_naming_a_person_does_not_vote_where_the_article_counts_more()
    {
        // "a" names the girl in its headline and counts two dead in its lead (placed apart); "b" names the girl only. With
        // the naming voting, 1 would win two articles to one; as one of the two dead, it ties and the larger wins.
        static Claim In(Claim c, FactPlace place) => c with { Fact = c.Fact with { Place = place } };
        var figures = Reconciler.Reconcile(
        [
            In(S("a", "Vigil held for slain 10-year-old girl.", "10-year-old", 1, 10, FactKind.Killed), Celje),
            In(S("a", "Two people, including a child, were killed.", "Two people", 2, 10, FactKind.Killed), Slovenia),
            In(S("b", "A 10-year-old girl was shot and killed.", "A 10-year-old girl", 1, 11, FactKind.Killed), Celje),
        ], "SI");
        Assert.Equal(2, Reconciler.Main(figures, FactKind.Killed)!.Count.Value);
    }

    [Fact]
    public void A_death_only_below_leads_of_the_hurt_is_background()
    {
        // "Four men were shot near the park" leads both reports; "a 19-year-old was shot and killed on the same block
        // last week" stands far down one: no main killed figure. A report that leads with the death makes it one.
        static Claim At(Claim c, int start) => c with { Fact = c.Fact with { Evidence = new TextSpan(start, start + 40), CountSpan = new TextSpan(start, start + 1) } };
        var background = Reconciler.Reconcile(
        [
            C("a", 4, CountQualifier.Exact, 10, FactKind.Injured),
            C("b", 4, CountQualifier.Exact, 10, FactKind.Injured),
            At(C("b", 1, CountQualifier.Exact, 10), 1200),
        ], "US");
        Assert.Contains(background, f => f.Kind == FactKind.Killed);
        Assert.Null(Reconciler.Main(background, FactKind.Killed));
        Assert.Equal(4, Reconciler.Main(background, FactKind.Injured)!.Count.Value);
        var led = Reconciler.Reconcile([.. background.SelectMany(f => f.Claims), C("c", 1, CountQualifier.Exact, 11)], "US");
        Assert.Equal(1, Reconciler.Main(led, FactKind.Killed)!.Count.Value);
    }

    [Theory]
    [InlineData(1, "A man died at the hospital.", "A man")]
    [InlineData(4, "He was later pronounced dead.", "He")]
    [InlineData(4, "The victim died on Sunday.", "The victim")]
    public void A_death_below_leads_of_the_hurt_is_the_victim_who_died_where_it_refers_back_or_one_was_shot(int hurt, string sentence, string phrase)
    {
        // One shot and one dead, or the dead told by a pronoun or the definite article: the hurt who died, not background.
        var dead = S("a", sentence, phrase, 1, 10, FactKind.Killed);
        dead = dead with { Fact = dead.Fact with { Evidence = new TextSpan(1200, 1200 + sentence.Length), CountSpan = new TextSpan(1200, 1200 + phrase.Length) } };
        var figures = Reconciler.Reconcile([S("a", "Police said people were shot.", "people", hurt, 10), dead], "US");
        Assert.Equal(1, Reconciler.Main(figures, FactKind.Killed)!.Count.Value);
        // "A man died" below a lead of four hurt is background.
        if (phrase == "A man")
        {
            var four = Reconciler.Reconcile([S("a", "Police said people were shot.", "people", 4, 10), dead], "US");
            Assert.Null(Reconciler.Main(four, FactKind.Killed));
        }
    }

    [Fact]
    public void The_main_figure_is_the_value_most_articles_give_over_the_places_they_name()
    {
        // One report says 2 dead in Celje on the 9th; two say 1 dead, one in Celje on the 1st, one in Slovenia: three
        // figures, and 1 is the story's figure (by figures alone, each of one article, the larger 2 would be).
        var figures = Reconciler.Reconcile(
        [
            C("a", 2, CountQualifier.Exact, 10, place: Celje, eventDay: new DateOnly(2025, 3, 9)),
            C("b", 1, CountQualifier.Exact, 10, place: Slovenia, eventDay: new DateOnly(2025, 3, 9)),
            C("c", 1, CountQualifier.Exact, 10, place: Celje, eventDay: new DateOnly(2025, 3, 1)),
        ], "SI");
        Assert.Equal(3, figures.Count);
        Assert.Equal(1, Reconciler.Main(figures, FactKind.Killed)!.Count.Value);
    }

    [Fact]
    public void A_claim_without_place_counts_for_the_country_when_the_story_has_a_country_figure()
    {
        var figures = Reconciler.Reconcile(
            [C("a", 5000, CountQualifier.Almost, 10, FactKind.Arrested, cumulative: true), C("b", 10000, CountQualifier.Approx, 12, FactKind.Arrested, Slovenia, cumulative: true),
             C("c", 300, CountQualifier.Exact, 9, FactKind.Arrested, Celje)], "SI");
        Assert.Equal(2, figures.Count);
        Assert.Equal(FigureStatus.Rising, figures.Single(f => f.Place == "Slowenien").Status);
    }

    [Fact]
    public void One_victim_shot_in_one_report_and_dead_in_another_is_one_dead()
    {
        var figures = Reconciler.Reconcile([C("a", 1, CountQualifier.Exact, 10, FactKind.Injured), C("b", 1, CountQualifier.Exact, 11, FactKind.Killed)], "US");
        Assert.Equal([FactKind.Killed], figures.Select(f => f.Kind));
        // Two injured are not that one victim.
        var two = Reconciler.Reconcile([C("a", 2, CountQualifier.Exact, 10, FactKind.Injured), C("b", 1, CountQualifier.Exact, 11, FactKind.Killed)], "US");
        Assert.Equal(2, two.Count);
        // The victim placed in the town by one report and in its state by another is still one dead.
        var placed = Reconciler.Reconcile([C("a", 1, CountQualifier.Exact, 10, FactKind.Injured), C("b", 1, CountQualifier.Exact, 11, FactKind.Killed, Celje),
            C("c", 1, CountQualifier.Exact, 11, FactKind.Killed, Slovenia)], "SI");
        Assert.All(placed, f => Assert.Equal(FactKind.Killed, f.Kind));
        // "another injured" is someone else by its word.
        var another = C("a", 1, CountQualifier.Exact, 10, FactKind.Injured) is var hurt
            ? hurt with { Fact = hurt.Fact with { Evidence = new TextSpan(100, 143), CountSpan = new TextSpan(128, 135), TriggerSpan = new TextSpan(136, 143) }, Sentence = "one teenager was killed and another injured" }
            : null;
        Assert.Equal(2, Reconciler.Reconcile([another!, C("b", 1, CountQualifier.Exact, 11, FactKind.Killed)], "US").Count);
        // "A man was killed and a woman was injured": counted side by side in one sentence, two people.
        const string sentence = "A man was killed and a woman was injured in the shooting.";
        var dead = C("a", 1, CountQualifier.Exact, 10, FactKind.Killed) is var k
            ? k with { Fact = k.Fact with { Evidence = new TextSpan(0, sentence.Length), CountSpan = new TextSpan(0, 1) }, Sentence = sentence } : null;
        var woman = hurt with { Fact = hurt.Fact with { Evidence = new TextSpan(0, sentence.Length), CountSpan = new TextSpan(21, 22) }, Sentence = sentence };
        Assert.Equal(2, Reconciler.Reconcile([dead!, woman, C("b", 1, CountQualifier.Exact, 11, FactKind.Injured)], "US").Count);
        // "A boy is dead after the child shot himself": the later count names the same one.
        const string one = "A boy is dead after the child shot himself.";
        var child = hurt with { Fact = hurt.Fact with { Evidence = new TextSpan(0, one.Length), CountSpan = new TextSpan(20, 23) }, Sentence = one };
        var boy = dead! with { Fact = dead.Fact with { Evidence = new TextSpan(0, one.Length) }, Sentence = one };
        Assert.Equal([FactKind.Killed], Reconciler.Reconcile([boy, child], "US").Select(f => f.Kind));
        // "… was also shot" further down an article: one more, though the article's figure kept another claim.
        const string also = "His mother's boyfriend was also shot.";
        var boyfriend = hurt with { ArticleId = "c", Fact = hurt.Fact with { Evidence = new TextSpan(500, 500 + also.Length), CountSpan = new TextSpan(500, 503), TriggerSpan = new TextSpan(532, 536) }, Sentence = also };
        Assert.Equal(2, Reconciler.Reconcile([C("b", 1, CountQualifier.Exact, 11, FactKind.Killed), C("c", 1, CountQualifier.Exact, 11, FactKind.Injured), boyfriend], "US").Count);
        // "he shot two people, one of whom died": the one hurt is the hit less the dead, someone other than the dead.
        var hitLessDead = S("d", "Police said he shot two people, one of whom died.", "two people", 1, 11);
        Assert.Equal(2, Reconciler.Reconcile([C("b", 1, CountQualifier.Exact, 11, FactKind.Killed), hitLessDead], "US").Count);
    }

    [Fact]
    public void A_claim_dated_a_week_before_its_recent_report_recalls_an_earlier_event()
    {
        // The report of the 20th leads with one hurt (undated); "Ten days ago, on the 10th, a boy died" below it.
        static Claim Dated(Claim c, int day, int start) => c with { Fact = c.Fact with {
            Time = new FactTime("on the 10th", new PartialDate(new DateOnly(2025, 3, day), DatePrecision.Day), DatePrecision.Day),
            Evidence = new TextSpan(start, start + 40), CountSpan = new TextSpan(start, start + 1) } };
        var figures = Reconciler.Reconcile(
            [C("a", 1, CountQualifier.Exact, 20, FactKind.Injured), Dated(C("a", 1, CountQualifier.Exact, 20), 10, 900)], "US");
        Assert.Equal([FactKind.Injured], figures.Select(f => f.Kind));
        // Dated two days before: the same event, told further down.
        var recent = Reconciler.Reconcile(
            [C("a", 1, CountQualifier.Exact, 20, FactKind.Injured), Dated(C("a", 1, CountQualifier.Exact, 20), 18, 900)], "US");
        Assert.Contains(recent, f => f.Kind == FactKind.Killed);
    }
}
