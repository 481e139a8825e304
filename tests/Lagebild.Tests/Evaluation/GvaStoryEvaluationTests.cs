using Lagebild.Evaluation;

namespace Lagebild.Tests.Evaluation;

/// <summary>`eval gva-stories`: the main figure read from the stories JSON, and bad story lines.</summary>
public sealed class GvaStoryEvaluationTests
{
    private const string Documents = """
        {"doc_id":"a","incident_id":"i1","text":"x"}
        {"doc_id":"b","incident_id":"i1","text":"x"}
        {"doc_id":"c","incident_id":"i2","text":"x"}
        """;

    private const string Incidents = """
        {"incident_id":"i1","num_killed":1,"num_injured":0}
        {"incident_id":"i2","num_killed":0,"num_injured":4}
        """;

    private static GvaStoryReport Evaluate(params string[] stories) =>
        GvaStoryEvaluation.Evaluate(new StringReader(Documents), new StringReader(Incidents), new StringReader(string.Join("\n", stories)));

    private static string Figure(string kind, long? value, params (string Article, bool Lead)[] claims) =>
        $$"""{"kind":"{{kind}}","additional":false,"count":{"value":{{(value is null ? "null" : value.ToString())}}},"claims":[{{string.Join(",", claims.Select(c => $$"""{"article":"{{c.Article}}","lead":{{(c.Lead ? "true" : "false")}}}"""))}}]}""";

    [Fact]
    public void An_article_with_a_lead_claim_votes_with_it_and_a_death_below_leads_of_the_hurt_is_background()
    {
        var r = Evaluate(
            // Both lead with one dead and recall two far down: every claim voting, the larger 2 would win the tie; leads, 1.
            $$"""{"story":"s1","articles":["a","b"],"figures":[{{Figure("killed", 1, ("a", true), ("b", true))}},{{Figure("killed", 2, ("a", false), ("b", false))}}]}""",
            // The leads tell of four hurt; one dead only further down: no killed figure.
            $$"""{"story":"s2","articles":["c"],"figures":[{{Figure("injured", 4, ("c", true))}},{{Figure("killed", 1, ("c", false))}}]}""");
        Assert.Equal((2, 2), (r.Killed.N, r.Killed.Correct));
        Assert.Equal((2, 2), (r.Injured.N, r.Injured.Correct));
    }

    [Fact]
    public void Figures_marked_main_are_scored_as_they_are()
    {
        // As `lagebild stories` writes them: the marked figure is the story's, whatever the votes say; none marked, none.
        static string Marked(string figure, bool main) => figure.Replace("\"additional\":false", $"\"additional\":false,\"main\":{(main ? "true" : "false")}");
        var r = Evaluate(
            $$"""{"story":"s1","articles":["a","b"],"figures":[{{Marked(Figure("killed", 2, ("a", true), ("b", true)), false)}},{{Marked(Figure("killed", 1, ("a", true)), true)}}]}""",
            $$"""{"story":"s2","articles":["c"],"figures":[{{Marked(Figure("injured", 4, ("c", true)), false)}}]}""");
        Assert.Equal((2, 2), (r.Killed.N, r.Killed.Correct)); // s1: 1 as marked (the votes would give 2); s2: none, the gold 0
        Assert.Equal((2, 1), (r.Injured.N, r.Injured.Correct)); // s1: none, the gold 0; s2: none against 4
    }

    [Theory]
    [InlineData("""{"story":"s1","figures":{"a":1}}""", "\"figures\" must be an array, found an object")]
    [InlineData("""{"story":"s1","figures":[{"kind":"killed"}]}""", "a figure's \"count\" must be an object")]
    [InlineData("""{"story":"s1","figures":[{"kind":"killed","count":{"value":"1"},"claims":[]}]}""", "a figure's \"count.value\" must be a number or null")]
    [InlineData("""{"story":"s1","figures":[{"kind":"killed","count":{"value":1}}]}""", "a figure's \"claims\" must be an array")]
    [InlineData("""{"story":"s1","figures":[{"kind":"killed","count":{"value":1},"claims":[{"article":"a","lead":"yes"}]}]}""", "\"lead\" must be true or false, found a string")]
    [InlineData("""{"story":"s1","figures":[{"kind":"killed","main":1,"count":{"value":1},"claims":[]}]}""", "\"main\" must be true or false, found a number")]
    [InlineData("""{"story":"s1","figures":[{"count":{"value":1},"claims":[]}]}""", "missing \"kind\"")]
    public void A_story_line_of_another_shape_is_a_one_line_error_naming_it(string line, string message)
    {
        var e = Assert.Throws<GvaInputException>(() => Evaluate("""{"story":"s0","articles":["a"]}""", line));
        Assert.StartsWith($"stories: line 2: {message}", e.Message);
    }
}
