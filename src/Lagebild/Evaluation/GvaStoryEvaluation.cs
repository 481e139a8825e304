using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Lagebild.Evaluation;

/// <summary>Story-level results on the GVA articles: the clustering, and the reconciled killed and injured figures per incident.</summary>
public sealed record GvaStoryReport(int Incidents, int Articles, ClusterScore Clusters, GvaScore Killed, GvaScore Injured)
{
    public string ToText()
    {
        var ic = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(ic, $"GVA stories: {Articles} articles, {Incidents} incidents\n");
        sb.Append(Clusters).Append('\n');
        sb.Append("rule: an incident's figure = the main reconciled figure (the value most articles give over the story's figures of the kind, an article with a lead claim voting with its lead claims; not \"more on top\") of the story holding most of its articles; no figure = 0\n");
        foreach (var (name, s) in new[] { ("killed", Killed), ("injured", Injured) })
        {
            sb.Append(ic, $"{name,-8} incident exact {s.Accuracy:F3} ({s.Correct}/{s.N}); acc|pred {s.AccuracyWhenPredicted:F3}, coverage {s.Coverage:F3}; ");
            sb.Append("errors pred→gold: ").Append(s.Errors.Count == 0 ? "none" : string.Join(", ", s.Errors)).Append('\n');
        }
        return sb.ToString();
    }
}

/// <summary>
/// Scores <c>lagebild stories</c> output on the GVA data: BCubed of the stories against the incidents, and
/// per incident the exact accuracy of the story's reconciled killed and injured figures.
/// </summary>
public static class GvaStoryEvaluation
{
    public static GvaStoryReport Evaluate(TextReader documents, TextReader incidents, TextReader stories, int topErrors = 6)
    {
        var gold = GvaEvaluation.ReadIncidents(incidents, "incidents");
        var incidentOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (line, e) in GvaEvaluation.Lines(documents, "documents"))
        {
            string doc = GvaEvaluation.RequireId(e, "doc_id", "documents", line);
            string inc = GvaEvaluation.RequireId(e, "incident_id", "documents", line);
            if (gold.ContainsKey(inc))
                incidentOf.TryAdd(doc, inc);
        }
        var storyOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var figures = new Dictionary<string, (double? Killed, double? Injured)>(StringComparer.Ordinal);
        foreach (var (line, e) in GvaEvaluation.Lines(stories, "stories"))
        {
            string story = GvaEvaluation.RequireString(e, "story", "stories", line);
            if (e.TryGetProperty("articles", out var arts) && arts.ValueKind == JsonValueKind.Array)
            {
                foreach (var a in arts.EnumerateArray())
                {
                    if (a.ValueKind == JsonValueKind.String)
                        storyOf.TryAdd(a.GetString()!, story);
                }
            }
            figures[story] = (Main(e, "killed"), Main(e, "injured"));
        }
        var clusters = ClusterScorer.Score(incidentOf, storyOf);
        var killed = new GvaEvaluation.Tally();
        var injured = new GvaEvaluation.Tally();
        foreach (var (incident, docs) in incidentOf.GroupBy(kv => kv.Value).Select(g => (g.Key, g.Select(kv => kv.Key).ToList())))
        {
            var story = docs.Where(storyOf.ContainsKey).GroupBy(d => storyOf[d]).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).FirstOrDefault()?.Key;
            var (k, i) = story is null ? (null, null) : figures.GetValueOrDefault(story);
            killed.Add(k, gold[incident].Killed);
            injured.Add(i, gold[incident].Injured);
        }
        return new GvaStoryReport(gold.Count, incidentOf.Count, clusters, killed.Score(topErrors), injured.Score(topErrors));
    }

    // Some claim of the kind (not "more on top") is marked "lead".
    private static bool LeadsWith(JsonElement figs, string kind) => figs.EnumerateArray().Any(f =>
        f.GetProperty("kind").GetString() == kind && !(f.TryGetProperty("additional", out var add) && add.ValueKind == JsonValueKind.True)
        && f.GetProperty("claims").EnumerateArray().Any(c => c.TryGetProperty("lead", out var lead) && lead.ValueKind == JsonValueKind.True));

    // The main figure of a kind, as Reconciler.Main picks it: the value most articles report over the story's figures
    // of the kind (ties: the larger), an article with a claim marked "lead" voting with those only; a story whose
    // figures of the kind are all vague gives none, and so does a killed figure no lead gives where a lead gives hurt.
    private static double? Main(JsonElement story, string kind)
    {
        if (!story.TryGetProperty("figures", out var figs) || figs.ValueKind != JsonValueKind.Array)
            return null;
        var claims = new List<(double Value, string Article, bool Lead)>();
        foreach (var f in figs.EnumerateArray())
        {
            if (f.GetProperty("kind").GetString() != kind || (f.TryGetProperty("additional", out var add) && add.ValueKind == JsonValueKind.True))
                continue;
            var value = f.GetProperty("count").GetProperty("value");
            if (value.ValueKind != JsonValueKind.Number)
                continue;
            foreach (var c in f.GetProperty("claims").EnumerateArray())
                claims.Add((value.GetDouble(), c.GetProperty("article").GetString() ?? "", c.TryGetProperty("lead", out var lead) && lead.ValueKind == JsonValueKind.True));
        }
        // An article with a claim of the kind in its headline or lead votes with those only.
        var leadArticles = claims.Where(c => c.Lead).Select(c => c.Article).ToHashSet(StringComparer.Ordinal);
        if (kind == "killed" && leadArticles.Count == 0 && LeadsWith(figs, "injured"))
            return null; // as Reconciler.Main: no report leads with a death, the leads tell of the hurt
        var votes = claims.Where(c => c.Lead || !leadArticles.Contains(c.Article))
            .GroupBy(c => c.Value).Select(g => (Value: g.Key, Articles: g.Select(c => c.Article).Distinct(StringComparer.Ordinal).Count())).ToList();
        return votes.Count == 0 ? null : votes.OrderByDescending(v => v.Articles).ThenByDescending(v => v.Value).First().Value;
    }
}
