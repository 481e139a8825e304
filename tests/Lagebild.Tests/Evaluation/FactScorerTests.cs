using System.Text.Json;
using Lagebild.Evaluation;

namespace Lagebild.Tests.Evaluation;

public sealed class FactScorerTests
{
    private const string Gold = """
        {"articles":[{"article":"a","facts":[
          {"kind":"arrested","count":{"value":1700,"qualifier":"almost"},"place":["Almaty"]},
          {"kind":"killed","count":{"value":null,"qualifier":"dozens"},"place":[null,"Kasachstan"]}],
          "ambiguous":[{"kind":"injured","count":{"value":5,"qualifier":"exact"}}]}]}
        """;

    private static FactEvaluation Score(params string[] lines) => FactScorer.Score(JsonDocument.Parse(Gold), lines);

    [Fact]
    public void Strict_needs_the_place_loose_does_not()
    {
        var r = Score(
            """{"article":"a","kind":"arrested","count":{"value":1700,"qualifier":"almost"},"place":{"name":"Almaty"}}""",
            """{"article":"a","kind":"killed","count":{"value":null,"qualifier":"dozens"},"place":{"name":"Berlin"}}""");
        Assert.Equal((2, 0, 0), (r.Loose.TruePositives, r.Loose.FalsePositives, r.Loose.FalseNegatives));
        Assert.Equal((1, 1, 1), (r.Strict.TruePositives, r.Strict.FalsePositives, r.Strict.FalseNegatives));
        Assert.Equal(0.5, r.Strict.F1, 3);
    }

    [Fact]
    public void Null_place_matches_a_list_holding_null_and_names_ignore_accents_and_case()
    {
        var r = Score(
            """{"article":"a","kind":"arrested","count":{"value":1700,"qualifier":"almost"},"place":{"name":"ALMATY"}}""",
            """{"article":"a","kind":"killed","count":{"value":null,"qualifier":"dozens"},"place":null}""");
        Assert.Equal(2, r.Strict.TruePositives);
    }

    [Fact]
    public void Ambiguous_items_are_ignored_and_unknown_articles_do_not_count()
    {
        var r = Score(
            """{"article":"a","kind":"injured","count":{"value":5,"qualifier":"exact"},"place":null}""",
            """{"article":"zzz","kind":"killed","count":{"value":3,"qualifier":"exact"},"place":null}""");
        Assert.Equal((0, 0, 2, 1), (r.Strict.TruePositives, r.Strict.FalsePositives, r.Strict.FalseNegatives, r.Strict.Ignored));
    }

    [Fact]
    public void A_line_that_is_not_JSON_names_its_line()
    {
        var e = Assert.Throws<FormatException>(() => Score("{}", "not json"));
        Assert.StartsWith("line 2:", e.Message);
    }
}
