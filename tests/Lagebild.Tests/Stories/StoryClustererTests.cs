using Lagebild.Model;
using Lagebild.Pipeline;
using Lagebild.Stories;

namespace Lagebild.Tests.Stories;

public sealed class StoryClustererTests
{
    private const string FloodA = "Hochwasser in Celje: Nach schweren Regenfällen sind in der slowenischen Stadt Celje mindestens zwölf Menschen ums Leben gekommen. Die Savinja trat über die Ufer, Dämme brachen, der Zivilschutz evakuierte ganze Viertel.";
    private const string FloodB = "Die Zahl der Hochwasser-Toten in Celje steigt: Nach dem Dammbruch an der Savinja bergen Rettungskräfte weitere Opfer, der Zivilschutz warnt vor neuen Regenfällen in der slowenischen Stadt.";
    private const string Election = "Bei der Parlamentswahl in Norwegen hat die Arbeiterpartei deutlich gewonnen. Ministerpräsident Støre kündigte Koalitionsgespräche mit den Zentrumsparteien in Oslo an; die Wahlbeteiligung lag bei 77 Prozent.";
    private const string Quake = "Ein Erdbeben der Stärke 6,1 hat den Osten der Türkei erschüttert. In der Provinz Malatya stürzten Häuser ein, Rettungsteams suchten in den Trümmern nach Verschütteten, die Katastrophenschutzbehörde Afad schickte Zelte.";
    private const string FloodEn = "Floods in Celje: the Savinja river burst its banks in the Slovenian city of Celje, civil protection teams evacuated districts as the death toll rose.";

    private static readonly Lazy<AnalysisPipeline> s_pipeline = new(() => DefaultPipeline.Shared);

    private static Document Doc(string id, string text, DateOnly day, string? title = null) => s_pipeline.Value.Process(new Article
    {
        Id = id, Text = text, Title = title, Published = new PartialDate(day, DatePrecision.Day), Origin = "test", Format = "text",
    });

    private static ArticleSignals Sig(StoryClusterer c, string id, string text, DateOnly day) => StorySignals.From(Doc(id, text, day), c.Terms);

    private static readonly DateOnly D = new(2025, 3, 10);

    // The join threshold alone decides (no verifier): what the tests of the word score and its bonuses pin.
    private static readonly ClusterOptions Rule = ClusterOptions.Default with { Verifier = null };

    // The shipped verifier, put to near stories only (the decay and follow-up rules decide which stories are near).
    private static readonly ClusterOptions NearOnly = ClusterOptions.Default with { VerifierFarCosine = 0 };

    [Fact]
    public void A_street_named_in_both_reports_within_days_joins_them()
    {
        // Two reports that share one word of three and a street: too little in words, enough with the street.
        string StoryOfLater(ClusterOptions options, string street)
        {
            var c = new StoryClusterer(options);
            ArticleSignals Report(string id, string prefix, int day, string place)
            {
                int[] terms = [.. new[] { "gunfire" }.Concat(Enumerable.Range(0, 2).Select(k => prefix + k)).Select(c.Terms.Intern).Order()];
                return new ArticleSignals(id, D.AddDays(day).DayNumber, terms, [.. terms.Select(_ => 1f)], [StorySignals.StreetTermPrefix + place], "en");
            }
            for (int k = 0; k < 8; k++) // earlier news, so that the shared word is not in every report
                c.Add(new ArticleSignals($"old{k}", D.AddDays(-200).DayNumber, [c.Terms.Intern($"old{k}")], [1f], []));
            c.Add(Report("a", "first", 0, "tyler street"));
            return c.Add(Report("b", "later", 1, street)).Story;
        }
        Assert.Equal("story-a", StoryOfLater(Rule, "tyler street"));
        Assert.Equal("story-b", StoryOfLater(Rule with { StreetBonus = 0 }, "tyler street"));
        Assert.Equal("story-b", StoryOfLater(Rule, "elm street"));
        Assert.Equal("story-b", StoryOfLater(Rule with { StreetDays = 0 }, "tyler street")); // a day apart is beyond the window then
    }

    [Fact]
    public void A_follow_up_months_later_that_names_the_street_needs_one_rare_name()
    {
        // The sentencing two months on shares two words of three, the victim's surname and the street.
        string StoryOfFollowUp(ClusterOptions options, string street)
        {
            var c = new StoryClusterer(options);
            for (int k = 0; k < 8; k++)
                c.Add(new ArticleSignals($"old{k}", D.AddDays(-300).DayNumber, [c.Terms.Intern($"old{k}")], [1f], []));
            ArticleSignals Report(string id, string own, int day, string place)
            {
                int[] terms = [.. new[] { "jones", "shooting", own }.Select(c.Terms.Intern).Order()];
                return new ArticleSignals(id, D.AddDays(day).DayNumber, terms, [.. terms.Select(_ => 1f)], [StorySignals.StreetTermPrefix + place], "en", [c.Terms.Intern("jones")]);
            }
            c.Add(Report("a", "wounded", 0, "tyler street"));
            return c.Add(Report("b", "sentenced", 60, street)).Story;
        }
        Assert.Equal("story-a", StoryOfFollowUp(NearOnly, "tyler street"));
        Assert.Equal("story-b", StoryOfFollowUp(NearOnly, "elm street"));
        Assert.Equal("story-b", StoryOfFollowUp(NearOnly with { FollowUpNamesWithStreet = 2 }, "tyler street"));
    }

    [Fact]
    public void A_follow_up_months_later_that_names_the_town_and_an_age_needs_one_rare_name()
    {
        // The sentencing two months on shares the victim's surname, her age and the town (no street).
        string StoryOfFollowUp(ClusterOptions options, string age, string town)
        {
            var c = new StoryClusterer(options);
            for (int k = 0; k < 8; k++)
                c.Add(new ArticleSignals($"old{k}", D.AddDays(-300).DayNumber, [c.Terms.Intern($"old{k}")], [1f], []));
            ArticleSignals Report(string id, string own, int day, string ageTerm, string place)
            {
                int[] terms = [.. new[] { "jones", "shooting", StorySignals.AgeTermPrefix + ageTerm, own }.Select(c.Terms.Intern).Order()];
                return new ArticleSignals(id, D.AddDays(day).DayNumber, terms, [.. terms.Select(_ => 1f)], [place], "en", [c.Terms.Intern("jones")]);
            }
            c.Add(Report("a", "wounded", 0, "15", "dayton"));
            return c.Add(Report("b", "sentenced", 60, age, town)).Story;
        }
        Assert.Equal("story-a", StoryOfFollowUp(NearOnly, "15", "dayton"));
        Assert.Equal("story-b", StoryOfFollowUp(NearOnly, "16", "dayton"));
        Assert.Equal("story-b", StoryOfFollowUp(NearOnly, "15", "toledo"));
        Assert.Equal("story-b", StoryOfFollowUp(NearOnly with { FollowUpAgeWithPlace = false }, "15", "dayton"));
    }

    [Fact]
    public void Reports_of_one_event_share_a_story_and_unrelated_ones_do_not()
    {
        var c = new StoryClusterer();
        var a = c.Add(Sig(c, "a", FloodA, D));
        var e = c.Add(Sig(c, "e", Election, D));
        var q = c.Add(Sig(c, "q", Quake, D));
        var b = c.Add(Sig(c, "b", FloodB, D.AddDays(1)));
        Assert.True(a.Created && e.Created && q.Created);
        Assert.Equal("story-a", a.Story);
        Assert.False(b.Created);
        Assert.Equal("story-a", b.Story);
        Assert.NotEqual(a.Story, e.Story);
        Assert.Equal(3, c.StoryCount);
    }

    [Fact]
    public void A_report_in_another_language_about_the_same_place_joins_the_story()
    {
        var c = new StoryClusterer();
        c.Add(Sig(c, "a", FloodA, D));
        c.Add(Sig(c, "e", Election, D));
        Assert.Equal("story-a", c.Add(Sig(c, "en", FloodEn, D.AddDays(1))).Story);
    }

    [Fact]
    public void Time_decay_and_closing_keep_a_later_event_out_of_an_old_story()
    {
        var c = new StoryClusterer(new ClusterOptions { CloseAfterDays = 30 });
        c.Add(Sig(c, "a", FloodA, D));
        c.Add(Sig(c, "e", Election, D));
        // Two years on, the same words are a new flood: the old story has long been closed.
        for (int i = 0; i < 2000; i++)
            c.Add(new ArticleSignals($"filler{i}", D.AddDays(100).DayNumber, [], [], []));
        var later = c.Add(Sig(c, "later", FloodA, D.AddDays(730)));
        Assert.True(later.Created);
        Assert.True(c.OpenStories < c.StoryCount);
    }

    [Fact]
    public void Decay_lowers_the_score_of_a_distant_report()
    {
        var near = new StoryClusterer(new ClusterOptions { JoinThreshold = 0.01 });
        near.Add(Sig(near, "a", FloodA, D));
        double s1 = near.Add(Sig(near, "b", FloodB, D.AddDays(1))).Score;
        var far = new StoryClusterer(new ClusterOptions { JoinThreshold = 0.01 });
        far.Add(Sig(far, "a", FloodA, D));
        double s2 = far.Add(Sig(far, "b", FloodB, D.AddDays(60))).Score;
        Assert.True(s2 < s1 / 3, $"near {s1:F3}, far {s2:F3}");
    }

    [Fact]
    public void An_article_close_to_two_stories_merges_them_and_the_merge_is_recorded()
    {
        // A low join bar for the first pair keeps them apart only because their words differ; a bridging
        // article that shares words with both merges them.
        var o = new ClusterOptions { JoinThreshold = 0.3, MergeThreshold = 0.31, Verifier = null };
        var c = new StoryClusterer(o);
        var x = c.Add(Sig(c, "x", "Savinja Celje Damm Dammbruch Zivilschutz Evakuierung Hochwasser Regen", D));
        var y = c.Add(Sig(c, "y", "Celje Bürgermeister Notstand Armee Sandsäcke Helfer Freiwillige Pegel", D));
        Assert.NotEqual(x.Story, y.Story);
        var z = c.Add(Sig(c, "z", "Savinja Celje Damm Dammbruch Zivilschutz Evakuierung Hochwasser Regen Bürgermeister Notstand Armee Sandsäcke Helfer Freiwillige Pegel", D));
        Assert.Equal(["story-y"], z.Merged);
        Assert.Equal("story-x", z.Story);
        var merge = Assert.Single(c.Merges);
        Assert.Equal(new StoryMerge("story-x", "story-y", "z"), merge);
        Assert.Equal("story-x", c.Resolve("story-y"));
        Assert.Equal("story-x", c.Resolve("story-x"));
        // The situation picture shows the merged story with its record.
        var articles = new[] { "x", "y", "z" }.Select(id => new SituationArticle(id, id, null, null, null, "de", [], [], [], null, null) { Story = "story-x" }).ToList();
        var view = Assert.Single(SituationBuilder.Build(articles, [], c.Merges));
        Assert.Equal([merge], view.Merged);
        Assert.Contains("\"merged\":[{\"story\":\"story-y\",\"by_article\":\"z\"}]", StoryJson.ToJsonLine(view));
    }

    // 1,001 unrelated articles (the lookup limits apply from 1,000 on), then four stories 100 days apart that share
    // one word, then an article with only that word on the day of the last: it joins the last story unless the word
    // is held by more open stories than MaxLookupStories, in which case it looks up nothing and starts a story.
    private static ClusterDecision CommonWordArticle(ClusterOptions options, int lateBy = 0,
        Action<ArticleSignals, IReadOnlyList<(string Story, double[] Features)>>? observer = null)
    {
        var c = new StoryClusterer(options) { CandidateObserver = observer };
        int day = 20_000;
        ArticleSignals Art(string id, int d, params string[] terms) =>
            new(id, d, [.. terms.Select(c.Terms.Intern)], [.. terms.Select(_ => 1f)], []);
        for (int i = 0; i < 1001; i++)
            c.Add(Art($"filler{i}", day, $"filler{i}"));
        for (int i = 0; i < 4; i++)
            Assert.True(c.Add(Art($"s{i}", day + 100 * i, "grubenunglück", $"own{i}")).Created);
        return c.Add(Art("late", day + 300 + lateBy, "grubenunglück"));
    }

    [Fact]
    public void A_word_held_by_too_many_open_stories_looks_up_nothing()
    {
        Assert.Equal("story-s3", CommonWordArticle(ClusterOptions.Default).Story);
        Assert.True(CommonWordArticle(ClusterOptions.Default with { MaxLookupStories = 3 }).Created);
    }

    [Fact]
    public void Stories_too_far_away_in_time_to_reach_the_bar_are_not_scored()
    {
        // 60 days after the nearest story even a perfect match decays below the bar: nothing is scored, the
        // article starts a story with score 0 (a scored near miss would report its cosine times the decay).
        var d = CommonWordArticle(NearOnly, lateBy: 60);
        Assert.True(d.Created);
        Assert.Equal(0, d.Score);
        // Where the verifier may take far stories by their plain cosine (the default), they are put to it.
        var seen = new List<string>();
        CommonWordArticle(ClusterOptions.Default, lateBy: 60, (a, candidates) => { if (a.Id == "late") seen.AddRange(candidates.Select(c => c.Story)); });
        Assert.Contains("story-s3", seen);
        seen.Clear();
        CommonWordArticle(NearOnly, lateBy: 60, (a, candidates) => { if (a.Id == "late") seen.AddRange(candidates.Select(c => c.Story)); });
        Assert.Empty(seen);
        // With a bar low enough for the decayed match, the same story is scored and joined.
        var low = CommonWordArticle(Rule with { JoinThreshold = 0.05, MergeThreshold = 0.9 }, lateBy: 60);
        Assert.Equal("story-s3", low.Story);
        Assert.True(low.Score > 0);
    }

    [Fact]
    public void Saved_state_goes_on_exactly_where_it_stopped()
    {
        var one = new StoryClusterer();
        foreach (var (id, text) in new[] { ("a", FloodA), ("e", Election) })
            one.Add(Sig(one, id, text, D));
        using var ms = new MemoryStream();
        one.Save(ms);
        ms.Position = 0;
        var two = StoryClusterer.Load(ms);
        Assert.Equal(one.Documents, two.Documents);
        Assert.Equal(one.Terms.Terms, two.Terms.Terms);
        var d1 = one.Add(Sig(one, "b", FloodB, D.AddDays(1)));
        var d2 = two.Add(Sig(two, "b", FloodB, D.AddDays(1)));
        Assert.Equal(d1, d2 with { Merged = d1.Merged });
        Assert.Equal(d1.Merged, d2.Merged);
    }

    [Fact]
    public void A_damaged_state_is_refused_with_a_clear_error()
    {
        var c = new StoryClusterer();
        c.Add(Sig(c, "a", FloodA, D));
        using var ms = new MemoryStream();
        c.Save(ms);
        var bytes = ms.ToArray()[..(ms.Length / 2 > 20 ? (int)(ms.Length / 2) : 10)];
        Assert.Throws<InvalidDataException>(() => StoryClusterer.Load(new MemoryStream(bytes)));
        Assert.Throws<InvalidDataException>(() => StoryClusterer.Load(new MemoryStream("not a state"u8.ToArray())));
    }

    [Fact]
    public void Batch_clustering_processes_in_publication_order_and_answers_in_input_order()
    {
        var c = new StoryClusterer();
        var later = Sig(c, "later", FloodB, D.AddDays(1));
        var earlier = Sig(c, "earlier", FloodA, D);
        var other = Sig(c, "other", Election, D);
        var stories = StoryBatch.Cluster([later, earlier, other], c);
        Assert.Equal(["story-earlier", "story-earlier", "story-other"], stories);
        Assert.Equal([1, 2, 0], StoryBatch.ArrivalOrder([later, earlier, other]));
    }

    private const string Shooting = "Jaquise Lewis, 17, was shot and killed at Los Altos Skate Park in Albuquerque on Sunday, police said. Detectives said a fight over a skateboard led to the shooting.";
    private const string Trial = "The man accused of killing Jaquise Lewis at Los Altos Skate Park pleaded guilty on Tuesday, prosecutors said. Lewis was 17.";
    private const string OtherCrime = "A woman was robbed at gunpoint outside a grocery store in Santa Fe on Tuesday, police said. The robber fled in a gray sedan.";

    [Fact]
    public void A_follow_up_months_later_that_names_the_same_people_joins_the_story()
    {
        foreach (var (scale, joins) in new[] { (0.0, false), (ClusterOptions.Default.FollowUpTimeScaleDays, true) })
        {
            var c = new StoryClusterer(NearOnly with { FollowUpTimeScaleDays = scale });
            var first = c.Add(Sig(c, "shooting", Shooting, D));
            c.Add(Sig(c, "other", OtherCrime, D.AddDays(30)));
            var trial = c.Add(Sig(c, "trial", Trial, D.AddDays(120)));
            Assert.True(joins == (trial.Story == first.Story), $"follow-up scale {scale}: {trial}");
        }
    }

    [Fact]
    public void A_story_in_two_languages_keeps_a_centroid_per_language_through_save_and_load()
    {
        var c = new StoryClusterer();
        c.Add(Sig(c, "a", FloodA, D));
        Assert.Equal("story-a", c.Add(Sig(c, "en", FloodEn, D)).Story);
        using var ms = new MemoryStream();
        c.Save(ms);
        ms.Position = 0;
        var loaded = StoryClusterer.Load(ms);
        var (d1, d2) = (c.Add(Sig(c, "b", FloodB, D.AddDays(1))), loaded.Add(Sig(loaded, "b", FloodB, D.AddDays(1))));
        Assert.Equal((d1.Story, d1.Created, d1.Score), (d2.Story, d2.Created, d2.Score));
    }

    [Theory]
    [InlineData("10-year-old", "en", "#age:10")]
    [InlineData("45-jährigen", "de", "#age:45")]
    [InlineData("45-jährige", "de", "#age:45")]
    [InlineData("24-hour", "en", null)]
    [InlineData("2000er", "de", null)]
    [InlineData("1234-year-old", "en", null)]
    [InlineData("year-old", "en", null)]
    public void An_age_word_becomes_one_age_term(string word, string language, string? expected) =>
        Assert.Equal(expected, StorySignals.AgeTerm(word, language));

    private static readonly Lazy<AnalysisPipeline> s_withEntities = new(() => DefaultPipeline.CreateBuilder(2, entities: true).Build());

    [Fact]
    public void Spokespeople_bylines_and_photo_credits_are_no_names_of_the_event()
    {
        var doc = s_withEntities.Value.Process(new Article
        {
            Id = "p", DeclaredLanguage = "en", Origin = "test", Format = "text", Published = new PartialDate(D, DatePrecision.Day),
            Text = "By Laura Quint.\n\nMarcus Webb, 17, was shot near the park on Tuesday night, said Sgt. Michael Oakes of the homicide unit. "
                + "Police spokeswoman Alicia Brandt said the teen was taken to the hospital. Casings lay on the street, Dana Fenwick / Daily Ledger.",
        });
        var people = doc.Entities.Where(e => e.Type == "PER").ToList();
        Assert.Contains(people, e => e.Text.Contains("Webb") && !StorySignals.IsSpeaker(doc, e));
        Assert.Contains(people, e => e.Text.Contains("Oakes") && StorySignals.IsSpeaker(doc, e));
        Assert.Contains(people, e => e.Text.Contains("Brandt") && StorySignals.IsSpeaker(doc, e));
        Assert.Contains(people, e => e.Text.Contains("Fenwick") && StorySignals.IsSpeaker(doc, e));
        Assert.Contains(people, e => e.Text.Contains("Quint") && StorySignals.IsSpeaker(doc, e));
    }

    [Fact]
    public void Ages_in_title_and_text_are_terms_of_their_own()
    {
        var doc = Doc("a", "Police said a 10-year-old girl and her 8-year-old brother were found.", D,
            "10-Year-Old Girl Shot In Comanche");
        var terms = StorySignals.Terms(doc);
        Assert.True(terms[StorySignals.AgeTermPrefix + "10"] > terms[StorySignals.AgeTermPrefix + "8"], "the title's age weighs more");
        Assert.Equal(StorySignals.AgeWeight, terms[StorySignals.AgeTermPrefix + "8"]);
        Assert.DoesNotContain(terms.Keys, k => k.Contains("year-old", StringComparison.Ordinal));
    }

    [Fact]
    public void The_words_of_the_address_slug_that_the_title_lacks_count_like_title_words()
    {
        var article = new Article
        {
            Id = "s", DeclaredLanguage = "en", Origin = "test", Format = "text", Published = new PartialDate(D, DatePrecision.Day),
            Title = "Teen shot near basketball court",
            Text = "Sign up for our newsletters.",
            Url = "https://news.example.com/local/teen-shot-near-basketball-court-in-rocky-mount-388110142.html",
        };
        var withSlug = StorySignals.Terms(s_pipeline.Value.Process(article));
        var without = StorySignals.Terms(s_pipeline.Value.Process(article with { Url = null }));
        Assert.DoesNotContain("rocky", without.Keys);
        Assert.Equal(without["court"], withSlug["court"]); // in the title already: not counted twice
        Assert.Equal(withSlug["court"], withSlug["rocky"]); // the slug's own words weigh like the title's
        Assert.Contains("mount", withSlug.Keys);
    }
}
