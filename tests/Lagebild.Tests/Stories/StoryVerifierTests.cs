using Lagebild.Model;
using Lagebild.Pipeline;
using Lagebild.Stories;

namespace Lagebild.Tests.Stories;

public sealed class StoryVerifierTests
{
    private static readonly DateOnly D = new(2016, 5, 7);

    private static int Feature(string name) => StoryVerifier.FeatureNames.ToList().IndexOf(name);

    // A model that reads only the given features (others weigh nothing).
    private static StoryVerifier Model(double bias, params (string Feature, double Weight)[] weights)
    {
        var w = new double[StoryVerifier.FeatureNames.Count];
        foreach (var (f, x) in weights)
            w[Feature(f)] = x;
        return new StoryVerifier(bias, w, 0.5);
    }

    private static ArticleSignals Art(StoryClusterer c, string id, int? day, string[] words, EventClues? clues = null)
    {
        int[] terms = [.. words.Select(c.Terms.Intern).Distinct().Order()];
        return new ArticleSignals(id, day, terms, [.. terms.Select(_ => 1f)], [], "en", null, clues);
    }

    // Earlier unrelated news, so that the words of the test reports are not in every article.
    private static void Background(StoryClusterer c)
    {
        for (int k = 0; k < 10; k++)
            c.Add(Art(c, $"old{k}", D.AddDays(-100).DayNumber, [$"old{k}"]));
    }

    [Fact]
    public void The_shipped_model_loads_with_every_feature()
    {
        var v = StoryVerifier.Default;
        Assert.Equal(StoryVerifier.FeatureNames.Count, v.Weights.Count);
        Assert.InRange(v.Threshold, 0.01, 0.99);
        Assert.Same(v, ClusterOptions.Default.Verifier);
        // More of the same words, all else equal, never lowers the probability of one story.
        var x = new double[v.Weights.Count];
        double low = v.Probability(x);
        x[Feature("score")] = 0.3;
        x[Feature("cosine")] = 0.3;
        Assert.True(v.Probability(x) > low);
    }

    [Fact]
    public void A_model_survives_saving_and_loading()
    {
        var v = Model(-1.5, ("score", 4), ("same_killed", 1.25), ("other_day", -2));
        using var ms = new MemoryStream();
        v.Save(ms);
        ms.Position = 0;
        var back = StoryVerifier.Load(ms);
        Assert.Equal(v.Bias, back.Bias);
        Assert.Equal(v.Weights, back.Weights);
        Assert.Equal(v.Threshold, back.Threshold);
    }

    [Theory]
    [InlineData("not json", "not JSON")]
    [InlineData("{\"model\": \"something-else\", \"weights\": {}}", "not a story-verifier model")]
    [InlineData("{\"model\": 3, \"weights\": {}}", "not a story-verifier model")]
    [InlineData("[1, 2]", "not a story-verifier model")]
    [InlineData("{\"model\": \"lagebild-story-verifier\", \"weights\": {\"score\": 1}}", "lacks the feature")]
    [InlineData("{\"model\": \"lagebild-story-verifier\", \"weights\": {\"shoe_size\": 1}}", "unknown feature \"shoe_size\"")]
    [InlineData("{\"model\": \"lagebild-story-verifier\", \"weights\": {\"score\": \"high\"}}", "damaged")]
    [InlineData("HIDDEN{\"mean\": {}}", "needs \"mean\", \"scale\" and \"units\"")]
    [InlineData("HIDDEN{\"mean\": {}, \"scale\": {}, \"units\": []}", "mean lacks the feature")]
    [InlineData("HIDDEN{\"mean\": {\"shoe_size\": 1}, \"scale\": {}, \"units\": []}", "unknown feature \"shoe_size\"")]
    [InlineData("HIDDEN{\"mean\": ALL0, \"scale\": ALL0, \"units\": []}", "scales positive")]
    [InlineData("HIDDEN{\"mean\": ALL0, \"scale\": ALL1, \"units\": [{\"bias\": 1}]}", "needs \"weights\"")]
    public void A_bad_model_file_is_refused_with_a_clear_error(string json, string message)
    {
        // HIDDEN: a valid linear part followed by the given "hidden" object; ALL0 / ALL1: every feature at 0 / 1.
        string All(int v) => "{" + string.Join(", ", StoryVerifier.FeatureNames.Select(f => $"\"{f}\": {v}")) + "}";
        if (json.StartsWith("HIDDEN", StringComparison.Ordinal))
            json = "{\"model\": \"lagebild-story-verifier\", \"weights\": " + All(0) + ", \"hidden\": " + json[6..].Replace("ALL0", All(0)).Replace("ALL1", All(1)) + "}";
        using var ms = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
        var e = Assert.Throws<InvalidDataException>(() => StoryVerifier.Load(ms));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Two_stories_alike_in_words_are_told_apart_by_the_death_toll_and_the_day()
    {
        // Two shootings reported in the same words; a third report names the toll and day of the second.
        var v = Model(-3, ("score", 4), ("same_killed", 3), ("other_killed", -3), ("same_day", 1), ("other_day", -1));
        var c = new StoryClusterer(ClusterOptions.Default with { Verifier = v });
        Background(c);
        string[] words = ["shooting", "gunman", "apartment", "victims"];
        int day = D.DayNumber;
        var a = c.Add(Art(c, "a", day, [.. words, "alpha"], new EventClues([3], [], [day - 1])));
        var b = c.Add(Art(c, "b", day, [.. words, "beta"], new EventClues([5], [], [day])));
        Assert.NotEqual(a.Story, b.Story);
        var later = c.Add(Art(c, "later", day + 1, words, new EventClues([5], [], [day])));
        Assert.Equal(b.Story, later.Story);
        var other = c.Add(Art(c, "other", day + 1, words, new EventClues([3], [], [day - 1])));
        Assert.Equal(a.Story, other.Story);
    }

    [Fact]
    public void Two_stories_alike_in_words_are_told_apart_by_the_time_of_day_with_a_quarter_hour_of_slack()
    {
        var v = Model(-3, ("score", 4), ("same_time", 3), ("other_time", -3));
        var c = new StoryClusterer(ClusterOptions.Default with { Verifier = v });
        Background(c);
        string[] words = ["shooting", "gunman", "apartment", "victims"];
        int day = D.DayNumber;
        var night = c.Add(Art(c, "night", day, [.. words, "alpha"], new EventClues([], [], [], [22 * 60])));
        var noon = c.Add(Art(c, "noon", day, [.. words, "beta"], new EventClues([], [], [], [12 * 60])));
        Assert.NotEqual(night.Story, noon.Story);
        // "about 10 p.m." and "10:10 p.m." are one time; 11:50 p.m. and 0:05 a.m. too, across midnight.
        Assert.Equal(night.Story, c.Add(Art(c, "later", day + 1, words, new EventClues([], [], [], [22 * 60 + 10]))).Story);
        Assert.Equal(noon.Story, c.Add(Art(c, "lunch", day + 1, words, new EventClues([], [], [], [12 * 60 - 15]))).Story);
        var late = c.Add(Art(c, "late", day, [.. words, "gamma"], new EventClues([], [], [], [23 * 60 + 50])));
        Assert.True(late.Created);
        Assert.Equal(late.Story, c.Add(Art(c, "after", day + 1, words, new EventClues([], [], [], [5]))).Story);
    }

    [Fact]
    public void A_person_is_also_known_by_the_first_and_last_word_of_the_name()
    {
        var doc = DefaultPipeline.Shared.Process(new Article
        {
            Id = "n", Title = "Teen killed in Englewood",
            Text = "Ronnie Tyrone Smith Jr. was killed in a shooting near his home late Tuesday, police said. Officers spoke to Smith's family.",
            Published = new PartialDate(D, DatePrecision.Day), Origin = "test", Format = "text",
        });
        var persons = StorySignals.Raw(doc, StorySignals.Terms(doc)).Persons;
        Assert.Contains(StorySignals.FullNamePrefix + "ronnie smith", persons);
        Assert.Contains("ronni", persons.Select(p => p[..Math.Min(5, p.Length)]));
        Assert.DoesNotContain(persons, p => p.StartsWith(StorySignals.FullNamePrefix) && p.Contains("jr"));
    }

    [Fact]
    public void Two_stories_alike_in_words_are_told_apart_by_a_full_name_not_by_a_common_surname()
    {
        var v = Model(-4, ("score", 4), ("shared_full_names", 4), ("shared_names", 4));
        var c = new StoryClusterer(ClusterOptions.Default with { Verifier = v });
        Background(c);
        string[] words = ["shooting", "gunman", "apartment", "victims"];
        ArticleSignals Named(string id, int day, string extra, params string[] names)
        {
            // Person words are terms of the text too (that is how their document counts are known); full names are not.
            var a = Art(c, id, day, [.. words, extra, .. names.Where(n => !n.StartsWith(StorySignals.FullNamePrefix))]);
            int[] persons = [.. names.Select(c.Terms.Intern).Distinct().Order()];
            return a with { PersonTerms = persons };
        }
        string Full(string n) => StorySignals.FullNamePrefix + n;
        // "johnson" is in more than RareNameDocuments articles: only the full names tell the stories apart.
        for (int k = 0; k < ClusterOptions.Default.RareNameDocuments; k++)
            c.Add(Named($"johnson{k}", D.DayNumber - 50, $"filler{k}", "johnson"));
        var shawn = c.Add(Named("shawn", D.DayNumber, "alpha", "johnson", Full("shawn johnson")));
        var mary = c.Add(Named("mary", D.DayNumber, "beta", "johnson", Full("mary johnson")));
        Assert.NotEqual(shawn.Story, mary.Story);
        Assert.Equal(mary.Story, c.Add(Named("later", D.DayNumber + 1, "gamma", "johnson", Full("mary johnson"))).Story);
        Assert.Equal(shawn.Story, c.Add(Named("vigil", D.DayNumber + 1, "delta", "johnson", Full("shawn johnson"))).Story);
    }

    [Fact]
    public void Undated_articles_are_left_to_the_join_threshold()
    {
        // A model that joins anything: a dated article joins the story, an undated one (under the bar) does not.
        var always = Model(10);
        var c = new StoryClusterer(ClusterOptions.Default with { Verifier = always });
        Background(c);
        var first = c.Add(Art(c, "first", D.DayNumber, ["flood", "river", "dam", "celje"]));
        Assert.Equal(first.Story, c.Add(Art(c, "dated", D.DayNumber, ["flood", "unrelated", "words", "here", "more", "terms"])).Story);
        Assert.True(c.Add(Art(c, "undated", null, ["flood", "u1", "u2", "u3", "u4", "u5"])).Created);
    }

    [Fact]
    public void The_clues_of_stories_are_kept_in_the_saved_state()
    {
        var v = Model(-3, ("score", 4), ("same_killed", 3), ("other_killed", -3));
        var one = new StoryClusterer(ClusterOptions.Default with { Verifier = v });
        Background(one);
        string[] words = ["shooting", "gunman", "apartment", "victims"];
        one.Add(Art(one, "a", D.DayNumber, [.. words, "alpha"], new EventClues([3], [], [])));
        one.Add(Art(one, "b", D.DayNumber, [.. words, "beta"], new EventClues([5], [], [], [600])));
        using var ms = new MemoryStream();
        one.Save(ms);
        ms.Position = 0;
        var two = StoryClusterer.Load(ms, one.Options);
        var d1 = one.Add(Art(one, "c", D.DayNumber + 1, words, new EventClues([3], [], [])));
        var d2 = two.Add(Art(two, "c", D.DayNumber + 1, words, new EventClues([3], [], [])));
        Assert.Equal("story-a", d1.Story);
        Assert.Equal(d1, d2 with { Merged = d1.Merged });
        // The times of day are kept too: a report of 10 a.m. goes to b in both, against a model that reads only them.
        var byTime = one.Options with { Verifier = Model(-3, ("score", 4), ("same_time", 3), ("other_time", -3)) };
        ms.Position = 0;
        var three = StoryClusterer.Load(ms, byTime);
        Assert.Equal("story-b", three.Add(Art(three, "d", D.DayNumber + 1, words, new EventClues([], [], [], [600]))).Story);
    }

    [Fact]
    public void The_clues_of_an_article_are_read_from_its_facts()
    {
        var doc = DefaultPipeline.Shared.Process(new Article
        {
            Id = "x", Title = "Three killed, two hurt in shooting",
            Text = "Three people were killed and two others were wounded in a shooting on Saturday night, police said.",
            Published = new PartialDate(D.AddDays(2), DatePrecision.Day), Origin = "test", Format = "text",
        });
        var clues = EventClues.From(doc);
        Assert.Equal([3], clues.Killed);
        Assert.Equal([2], clues.Injured);
        Assert.Contains(D.DayNumber, clues.Days); // Saturday before the Monday of publication
        Assert.Empty(clues.Times);
        Assert.Same(EventClues.None, EventClues.From(new Document(new Article { Id = "e", Text = "", Origin = "test", Format = "text" })));
    }

    [Fact]
    public void Times_of_day_and_days_named_outside_facts_are_clues_but_not_in_boilerplate()
    {
        // No fact at all: the day comes from "Friday", the time from "11:45 p.m."; the caption's time gives nothing.
        var doc = DefaultPipeline.Shared.Process(new Article
        {
            Id = "t", Title = "Shooting on Main Street",
            Text = "Police are looking for a gunman after shots were fired around 11:45 p.m. Friday on Main Street.\n\n"
                + "Photo: The street at 4 a.m. (Jane Doe/Staff)",
            Published = new PartialDate(D.AddDays(3), DatePrecision.Day), Origin = "test", Format = "text",
        });
        Assert.Empty(doc.Facts);
        var clues = EventClues.From(doc);
        Assert.Equal([23 * 60 + 45], clues.Times);
        Assert.Equal([D.AddDays(-1).DayNumber], clues.Days);
    }

    // Pairs of one story when the toll and the day both agree or both differ (an either-or no sum of weights can tell).
    private static List<(double[], bool)> EitherOrRows()
    {
        var rows = new List<(double[], bool)>();
        for (int i = 0; i < 400; i++)
        {
            var x = new double[StoryVerifier.FeatureNames.Count];
            bool killed = i % 2 == 0, day = i / 2 % 2 == 0;
            x[Feature("score")] = 0.2 + (i % 7) * 0.01;
            x[Feature("same_killed")] = killed ? 1 : 0;
            x[Feature("same_day")] = day ? 1 : 0;
            rows.Add((x, killed == day));
        }
        return rows;
    }

    private static double Accuracy(StoryVerifier v, List<(double[] X, bool Same)> rows) =>
        rows.Count(r => v.Probability(r.X) >= 0.5 == r.Same) / (double)rows.Count;

    [Fact]
    public void Hidden_units_learn_what_a_sum_of_weights_cannot_and_survive_saving()
    {
        var rows = EitherOrRows();
        Assert.InRange(Accuracy(StoryVerifier.Fit(rows), rows), 0, 0.8);
        var v = StoryVerifier.Fit(rows, hidden: 4);
        Assert.NotNull(v.Hidden);
        Assert.Equal(1.0, Accuracy(v, rows));
        using var ms = new MemoryStream();
        v.Save(ms);
        ms.Position = 0;
        var back = StoryVerifier.Load(ms);
        Assert.Equal(4, back.Hidden!.Units.Length);
        Assert.All(rows, r => Assert.Equal(v.Probability(r.Item1), back.Probability(r.Item1), 4));
        // Fits from several seeded starts average into one model with all their units.
        var averaged = StoryVerifier.Fit(rows, hidden: 4, seeds: 3);
        Assert.Equal(12, averaged.Hidden!.Units.Length);
        Assert.Equal(1.0, Accuracy(averaged, rows));
        // Fitting is deterministic: the same rows give the same file.
        using var again = new MemoryStream();
        StoryVerifier.Fit(rows, hidden: 4).Save(again);
        Assert.Equal(ms.ToArray(), again.ToArray());
    }

    [Fact]
    public void Fitting_learns_which_clue_tells_the_pairs_apart()
    {
        // Pairs of one story share the death toll; others do not; the words say nothing.
        var rows = new List<(double[], bool)>();
        for (int i = 0; i < 200; i++)
        {
            var x = new double[StoryVerifier.FeatureNames.Count];
            bool same = i % 2 == 0;
            x[Feature("score")] = 0.2 + (i % 7) * 0.01;
            x[Feature(same ? "same_killed" : "other_killed")] = 1;
            rows.Add((x, same));
        }
        var v = StoryVerifier.Fit(rows);
        Assert.True(v.Weights[Feature("same_killed")] > v.Weights[Feature("other_killed")]);
        var yes = new double[v.Weights.Count];
        yes[Feature("score")] = 0.23;
        yes[Feature("same_killed")] = 1;
        var no = (double[])yes.Clone();
        no[Feature("same_killed")] = 0;
        no[Feature("other_killed")] = 1;
        Assert.True(v.Probability(yes) > 0.9);
        Assert.True(v.Probability(no) < 0.1);
        Assert.Throws<ArgumentException>(() => StoryVerifier.Fit([(new double[v.Weights.Count], true)]));
    }

    [Fact]
    public void Training_rounds_record_the_pairs_the_clusterer_meets()
    {
        // Twelve events of two reports each, reported in words of their own plus common ones, a day apart.
        var raws = new List<RawSignals>();
        var gold = new Dictionary<string, string>();
        for (int e = 0; e < 12; e++)
        {
            for (int r = 0; r < 2; r++)
            {
                string id = $"e{e}r{r}";
                var terms = new[] { "shooting", "police", "gunman", "victim", $"street{e}", $"extra{e}x{r}" }.Select(t => KeyValuePair.Create(t, 1f)).ToArray();
                raws.Add(new RawSignals(id, D.AddDays(e * 3 + r).DayNumber, terms, [], "en", [], new EventClues([e + 1], [], [D.AddDays(e * 3).DayNumber])));
                gold[id] = $"event{e}";
            }
        }
        var rounds = StoryVerifierTraining.Train(raws, gold, ClusterOptions.Default, rounds: 2);
        Assert.Equal(2, rounds.Count);
        Assert.All(rounds, r => Assert.InRange(r.Same, 1, r.Pairs - 1));
        Assert.True(rounds[^1].Model.Weights[Feature("same_killed")] > 0);
    }

    // Two reports of one shooting that the verifier finds 0.40 likely to belong together (any candidate: the model reads
    // nothing), below its threshold of 0.5 at arrival but above a second look's threshold of 0.3.
    private static StoryClusterer Hesitant(int secondLookDays = 3, double secondLook = 0.3) =>
        new(ClusterOptions.Default with { Verifier = Model(-0.4), SecondLookThreshold = secondLook, SecondLookDays = secondLookDays });

    private static readonly string[] Shooting = ["shooting", "gunman", "apartment", "victims"];

    [Fact]
    public void A_story_of_one_article_gets_a_second_look_days_later_and_merges()
    {
        var c = Hesitant();
        Background(c);
        var first = c.Add(Art(c, "first", D.DayNumber, [.. Shooting, "alpha"]));
        var second = c.Add(Art(c, "second", D.DayNumber + 1, [.. Shooting, "beta"]));
        Assert.True(second.Created);
        // Two days on nothing is looked at yet; three days after the first report it gets its second look.
        c.Add(Art(c, "tick", D.DayNumber + 2, ["weather", "forecast"]));
        Assert.Empty(c.Merges);
        c.Add(Art(c, "tock", D.DayNumber + 3, ["election", "ballot"]));
        var merge = Assert.Single(c.Merges);
        Assert.Equal(new StoryMerge(first.Story, second.Story, "first"), merge);
        Assert.Equal(first.Story, c.Resolve(second.Story));
    }

    [Fact]
    public void Flush_gives_the_waiting_stories_their_second_look_at_once_and_zero_turns_it_off()
    {
        var c = Hesitant();
        Background(c);
        c.Add(Art(c, "first", D.DayNumber, [.. Shooting, "alpha"]));
        c.Add(Art(c, "second", D.DayNumber, [.. Shooting, "beta"]));
        Assert.Empty(c.Merges);
        Assert.Equal(1, c.Flush());
        Assert.Equal(0, c.Flush());
        Assert.Equal("story-first", c.Resolve("story-second"));

        var off = Hesitant(secondLook: 0);
        Background(off);
        off.Add(Art(off, "first", D.DayNumber, [.. Shooting, "alpha"]));
        off.Add(Art(off, "second", D.DayNumber, [.. Shooting, "beta"]));
        Assert.Equal(0, off.Flush());
        Assert.Equal("story-second", off.Resolve("story-second"));
    }

    [Fact]
    public void A_story_that_a_second_article_joined_gets_no_second_look()
    {
        // The model takes anything at arrival: the second report joins the first, and nothing is left to look at again.
        var c = new StoryClusterer(ClusterOptions.Default with { Verifier = Model(10), SecondLookThreshold = 0.3 });
        Background(c);
        c.Add(Art(c, "first", D.DayNumber, [.. Shooting, "alpha"]));
        Assert.False(c.Add(Art(c, "second", D.DayNumber, [.. Shooting, "beta"])).Created);
        c.Add(Art(c, "third", D.DayNumber, ["election", "ballot", "turnout"]));
        Assert.Equal(0, c.Flush());
        Assert.Empty(c.Merges);
    }

    [Fact]
    public void Stories_waiting_for_their_second_look_are_kept_in_the_saved_state()
    {
        var one = Hesitant();
        Background(one);
        one.Add(Art(one, "first", D.DayNumber, [.. Shooting, "alpha"], new EventClues([2], [1], [D.DayNumber], [600])));
        one.Add(Art(one, "second", D.DayNumber + 1, [.. Shooting, "beta"], new EventClues([2], [], [])));
        using var ms = new MemoryStream();
        one.Save(ms);
        ms.Position = 0;
        var two = StoryClusterer.Load(ms, one.Options);
        one.Add(Art(one, "tock", D.DayNumber + 3, ["election", "ballot"]));
        two.Add(Art(two, "tock", D.DayNumber + 3, ["election", "ballot"]));
        Assert.Single(one.Merges);
        Assert.Equal(one.Merges, two.Merges);
        // The waiting article's clues came through: a model that merges only on the same toll (p 0.5, else 0.12) merges the
        // two after loading, when the first report's look comes (the second's is a day later).
        ms.Position = 0;
        var three = StoryClusterer.Load(ms, one.Options with { Verifier = Model(-2, ("same_killed", 2)) });
        three.Add(Art(three, "tock", D.DayNumber + 3, ["election", "ballot"]));
        Assert.Equal(new StoryMerge("story-first", "story-second", "first"), Assert.Single(three.Merges));
        // Loaded with second looks turned off, the waiting stories stay apart.
        ms.Position = 0;
        var off = StoryClusterer.Load(ms, one.Options with { SecondLookThreshold = 0 });
        off.Add(Art(off, "tock", D.DayNumber + 3, ["election", "ballot"]));
        Assert.Equal(0, off.Flush());
        Assert.Empty(off.Merges);
    }
}
