using System.Text;
using System.Text.Json;
using Lagebild.Cli;
using Lagebild.Evaluation;
using Lagebild.Ingest;
using Lagebild.Pipeline;
using Lagebild.Storage;
using Lagebild.Stories;
using Lagebild.Tests.Support;

namespace Lagebild.Tests.Stories;

/// <summary>cluster, stories and the store's incremental stories, end to end; the seeds' rising arrests.</summary>
public sealed class StoryCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lagebild-stories-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args) => CliRunner.Run(args);

    private static string Samples => Path.Combine(SharedData.RepoRoot, "samples");

    private static List<JsonElement> Lines(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();

    [SkippableFact]
    public void The_seeds_form_one_story_whose_arrests_rise_from_5000_to_10000()
    {
        var (code, output, _) = Run("stories", SharedData.Require("seeds"));
        Assert.Equal(ExitCodes.Ok, code);
        var story = Assert.Single(Lines(output));
        Assert.Equal(["000_c83e155189eeb7b6", "003_cba02438cf8314ef"], story.GetProperty("articles").EnumerateArray().Select(a => a.GetString()).Order());
        var arrests = story.GetProperty("figures").EnumerateArray()
            .Single(f => f.GetProperty("kind").GetString() == "arrested" && f.GetProperty("status").GetString() == "rising");
        Assert.Equal(10000, arrests.GetProperty("count").GetProperty("value").GetInt64());
        Assert.True(arrests.GetProperty("main").GetBoolean()); // the story's one arrest figure
        Assert.All(story.GetProperty("figures").EnumerateArray().GroupBy(f => f.GetProperty("kind").GetString()),
            kind => Assert.True(kind.Count(f => f.GetProperty("main").GetBoolean()) <= 1));
        var claims = arrests.GetProperty("claims").EnumerateArray().ToList();
        Assert.Equal(["003_cba02438cf8314ef", "000_c83e155189eeb7b6"], claims.Select(c => c.GetProperty("article").GetString())); // Monday's report first
        Assert.Equal([5000L, 10000L], claims.Select(c => c.GetProperty("count").GetProperty("value").GetInt64()));
        Assert.Equal("2022-01-10", claims[0].GetProperty("as_of").GetString()); // Monday, as the gold reads it
        Assert.Equal("2022-01-12", claims[1].GetProperty("as_of").GetString()); // Wednesday: the announced Thursday does not count

        // One entity across the two reports: "OVKS" alone in the Monday report is the organisation the Wednesday report spells out.
        var entities = story.GetProperty("entities").EnumerateArray().ToList();
        var ovks = Assert.Single(entities, e => e.GetProperty("name").GetString() == "Organisation des Vertrags über kollektive Sicherheit");
        Assert.Contains("OVKS", ovks.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(2, ovks.GetProperty("articles").GetArrayLength());
        var kz = Assert.Single(entities, e => e.GetProperty("name").GetString() == "Kasachstan");
        Assert.Equal("iso:KZ", kz.GetProperty("place").GetProperty("id").GetString());
        Assert.DoesNotContain(entities, e => e.GetProperty("name").GetString() == "Tokajew"); // joined with the full name
    }

    [Fact]
    public void Pages_with_one_paywall_body_keep_their_headline_figures_from_files_and_from_the_store()
    {
        const string paywall = "Sign in with your account to keep reading. By registering you agree to our terms of service and privacy policy. Already have an account? We have sent a link to your address.";
        string input = Path.Combine(_dir, "paywall.jsonl");
        File.WriteAllLines(input,
        [
            JsonSerializer.Serialize(new { id = "a", published = "2016-11-07", title = "4 people wounded in Orange County shooting", text = paywall, language = "en" }),
            JsonSerializer.Serialize(new { id = "b", published = "2016-11-08", title = "3 men killed in Lakewood shooting", text = paywall, language = "en" }),
        ]);
        string store = Path.Combine(_dir, "paywall.db");
        Assert.Equal(ExitCodes.Ok, Run("ingest", input, "--store", store).Code);
        foreach (var output in new[] { Run("stories", input).Out, Run("stories", "--store", store).Out })
        {
            var figures = Lines(output).SelectMany(s => s.GetProperty("figures").EnumerateArray())
                .Select(f => (f.GetProperty("kind").GetString(), f.GetProperty("count").GetProperty("value").GetInt64())).Order().ToList();
            Assert.Equal([("injured", 4L), ("killed", 3L)], figures);
        }
    }

    [SkippableFact]
    public void The_seed_story_from_the_store_has_the_same_entities_as_from_the_files()
    {
        string store = Path.Combine(_dir, "seeds.db");
        Assert.Equal(ExitCodes.Ok, Run("ingest", SharedData.Require("seeds"), "--store", store).Code);
        static string Names(string output) => string.Join("|", Lines(output).Single().GetProperty("entities").EnumerateArray().Select(e => e.GetProperty("id").GetString() + "=" + e.GetProperty("mentions").GetInt32()));
        Assert.Equal(Names(Run("stories", SharedData.Require("seeds")).Out), Names(Run("stories", "--store", store).Out));
    }

    [Fact]
    public void Cluster_prints_one_line_per_article_in_input_order()
    {
        var (code, output, err) = Run("cluster", Samples);
        Assert.Equal(ExitCodes.Ok, code);
        var lines = Lines(output);
        Assert.Equal(8, lines.Count);
        var story = lines.ToDictionary(l => l.GetProperty("id").GetString()!, l => l.GetProperty("story").GetString()!);
        Assert.Equal(story["hochwasser-celje-1"], story["hochwasser-celje-2"]);
        Assert.Equal(story["hochwasser-celje-1"], story["wire-celje-copy"]);
        Assert.Equal(story["hochwasser-celje-1"], story["en-celje-floods"]); // across languages
        Assert.Equal(story["tiflis-protest"], story["sample-tbilisi-rally"]);
        Assert.NotEqual(story["hochwasser-celje-1"], story["tiflis-protest"]);
        Assert.Contains("cluster: 8 articles, 2 stories", err);
        Assert.Equal(ExitCodes.BadInput, Run("cluster", Path.Combine(_dir, "missing.txt")).Code);
        Assert.Equal(ExitCodes.Usage, Run("cluster", Samples, "--join-threshold", "2").Code);
    }

    [Fact]
    public void A_story_verifier_is_trained_from_gold_stories_and_used_by_cluster()
    {
        // Gold that keeps the first two Celje reports together and every other article alone: pairs of both kinds.
        var gold = Path.Combine(_dir, "gold.jsonl");
        File.WriteAllLines(gold, new[] { "hochwasser-celje-1:A", "hochwasser-celje-2:A", "sample-tbilisi-rally:B", "sample-tbilisi-detentions:C",
            "tbilisi-injured-rights-group:D", "tiflis-protest:E", "wire-celje-copy:F", "en-celje-floods:G" }
            .Select(l => $"{{\"id\": \"{l.Split(':')[0]}\", \"story\": \"{l.Split(':')[1]}\"}}"));
        var model = Path.Combine(_dir, "verifier.json");
        var (code, _, err) = Run("train", "story-verifier", Samples, "--gold", gold, "-o", model, "--rounds", "2");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("round 2:", err);
        Assert.Equal(StoryVerifier.FeatureNames.Count, StoryVerifier.Load(model).Weights.Count);
        Assert.Equal(StoryVerifierTraining.DefaultHiddenUnits * StoryVerifierTraining.DefaultSeeds, StoryVerifier.Load(model).Hidden!.Units.Length);
        Assert.Equal(ExitCodes.Ok, Run("cluster", Samples, "--verifier", model).Code);
        // Without a verifier the join threshold alone decides; the samples' two stories come out either way.
        var (plain, output, _) = Run("cluster", Samples, "--verifier", "none");
        Assert.Equal(ExitCodes.Ok, plain);
        Assert.Equal(2, Lines(output).Select(l => l.GetProperty("story").GetString()).Distinct().Count());
    }

    [Fact]
    public void Bad_verifier_and_gold_files_are_refused_with_their_reason()
    {
        var missing = Run("cluster", Samples, "--verifier", Path.Combine(_dir, "nope.json"));
        Assert.Equal(ExitCodes.BadInput, missing.Code);
        Assert.Contains("no such file", missing.Err);
        var notModel = Path.Combine(_dir, "model.json");
        File.WriteAllText(notModel, "{\"weights\": {}}");
        var bad = Run("stories", Samples, "--verifier", notModel);
        Assert.Equal(ExitCodes.BadInput, bad.Code);
        Assert.Contains("not a story-verifier model", bad.Err);
        var gold = Path.Combine(_dir, "gold.jsonl");
        File.WriteAllLines(gold, ["{\"id\": \"hochwasser-celje-1\", \"story\": \"A\"}", "{\"id\": 7}"]);
        var badGold = Run("train", "story-verifier", Samples, "--gold", gold, "-o", Path.Combine(_dir, "m.json"));
        Assert.Equal(ExitCodes.BadInput, badGold.Code);
        Assert.Contains("gold.jsonl:2:", badGold.Err);
        File.WriteAllLines(gold, ["{\"id\": \"no-such-article\", \"story\": \"A\"}"]);
        var noneKnown = Run("train", "story-verifier", Samples, "--gold", gold, "-o", Path.Combine(_dir, "m.json"));
        Assert.Equal(ExitCodes.BadInput, noneKnown.Code);
        Assert.Contains("no article has a gold story", noneKnown.Err);
        Assert.False(File.Exists(Path.Combine(_dir, "m.json")));
        var verifierGiven = Run("train", "story-verifier", Samples, "--gold", gold, "-o", Path.Combine(_dir, "m.json"), "--verifier", "none");
        Assert.Equal(ExitCodes.Usage, verifierGiven.Code);
        Assert.Contains("--verifier has no use here", verifierGiven.Err);
    }

    [Fact]
    public void Stories_lines_carry_the_contract_fields()
    {
        var (code, output, _) = Run("stories", Samples);
        Assert.Equal(ExitCodes.Ok, code);
        var lines = Lines(output);
        Assert.Equal(2, lines.Count);
        foreach (var s in lines)
        {
            foreach (var key in new[] { "story", "title", "articles", "places", "first_seen", "last_seen", "merged", "entities", "figures" })
                Assert.True(s.TryGetProperty(key, out _), key);
            foreach (var f in s.GetProperty("figures").EnumerateArray())
            {
                foreach (var key in new[] { "kind", "place", "count", "status", "claims" })
                    Assert.True(f.TryGetProperty(key, out _), key);
                foreach (var c in f.GetProperty("claims").EnumerateArray())
                {
                    foreach (var key in new[] { "article", "count", "source", "published" })
                        Assert.True(c.TryGetProperty(key, out _), key);
                }
            }
        }
        var killed = lines[0].GetProperty("figures").EnumerateArray().First(f => f.GetProperty("kind").GetString() == "killed");
        Assert.Equal("rising", killed.GetProperty("status").GetString());
        Assert.Equal(19, killed.GetProperty("count").GetProperty("value").GetInt32());
        var injured = lines[1].GetProperty("figures").EnumerateArray().Single(f => f.GetProperty("kind").GetString() == "injured");
        Assert.Equal("conflicting", injured.GetProperty("status").GetString());
        Assert.Equal(25, injured.GetProperty("count").GetProperty("value").GetInt32()); // the conservative reading
        Assert.Equal(120, injured.GetProperty("count").GetProperty("max").GetInt32());
    }

    [Fact]
    public void Ingest_updates_stories_incrementally_and_stories_reads_them_from_the_store()
    {
        string store = Path.Combine(_dir, "s.db");
        var first = Path.Combine(_dir, "first");
        var second = Path.Combine(_dir, "second");
        Directory.CreateDirectory(first);
        Directory.CreateDirectory(second);
        File.Copy(Path.Combine(Samples, "hochwasser-celje-1.txt"), Path.Combine(first, "hochwasser-celje-1.txt"));
        File.Copy(Path.Combine(Samples, "tiflis-protest.html"), Path.Combine(first, "tiflis-protest.html"));
        File.Copy(Path.Combine(Samples, "hochwasser-celje-2.txt"), Path.Combine(second, "hochwasser-celje-2.txt"));
        Assert.Equal(ExitCodes.Ok, Run("ingest", first, "--store", store).Code);
        var before = Run("stories", "--store", store);
        var ingest2 = Run("ingest", second, "--store", store);
        Assert.Contains("stories: 1 articles clustered, 0 new stories", ingest2.Out);
        var after = Lines(Run("stories", "--store", store).Out);
        Assert.Equal(2, Lines(before.Out).Count);
        Assert.Equal(2, after.Count);
        var flood = after.Single(s => s.GetProperty("story").GetString() == "story-hochwasser-celje-1"); // the id stayed
        Assert.Equal(2, flood.GetProperty("articles").GetArrayLength());
    }

    [Fact]
    public void Articles_stored_without_a_story_are_clustered_on_the_next_run()
    {
        string path = Path.Combine(_dir, "c.db");
        using (var store = SqliteStore.Open(path))
        {
            foreach (var o in new ArticleReader().Read([Samples]).Where(o => o.IsArticle))
                store.Add(DefaultPipeline.Shared.Process(o.Article!));
            Assert.Equal(7, store.UnclusteredArticles().Count);
        }
        var (code, output, err) = Run("stories", "--store", path);
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("clustered 7 stored article(s)", err);
        using (var store = SqliteStore.Open(path))
            Assert.Empty(store.UnclusteredArticles());
        Assert.Equal(2, Lines(output).Count);
    }

    [Fact]
    public void A_damaged_story_state_is_a_one_line_error()
    {
        string path = Path.Combine(_dir, "d.db");
        Assert.Equal(ExitCodes.Ok, Run("ingest", Samples, "--store", path).Code);
        Lagebild.Tests.Storage.Raw.Execute(path, "UPDATE story_state SET data = x'00010203'");
        var (code, _, err) = Run("ingest", Samples, "--store", path);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("story state", err);
        Assert.DoesNotContain("   at ", err);
    }
}
