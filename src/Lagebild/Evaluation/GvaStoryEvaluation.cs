using System.Globalization;
using System.Text;
using System.Text.Json;
using Lagebild.Ingest;

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
            var storyFigures = ReadFigures(e, line);
            figures[story] = (Main(storyFigures, "killed"), Main(storyFigures, "injured"));
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

    // A figure of a story as the evaluation reads it: its kind, whether it is "more on top", its value (null: vague) and
    // its claims' articles with their lead marks.
    // Main: the figure's "main" mark (null: the file has none).
    private sealed record StoryFigure(string Kind, bool Additional, double? Value, IReadOnlyList<(string Article, bool Lead)> Claims, bool? Main);

    // The story's "figures" (absent: none), checked: a figure or claim of another shape is a one-line error naming the line.
    private static List<StoryFigure> ReadFigures(JsonElement story, int line)
    {
        const string name = "stories";
        var list = new List<StoryFigure>();
        if (!story.TryGetProperty("figures", out var figs) || figs.ValueKind == JsonValueKind.Null)
            return list;
        if (figs.ValueKind != JsonValueKind.Array)
            throw new GvaInputException(name, line, $"\"figures\" must be an array, found {JsonKinds.Describe(figs.ValueKind)}");
        foreach (var f in figs.EnumerateArray())
        {
            if (f.ValueKind != JsonValueKind.Object)
                throw new GvaInputException(name, line, $"a figure must be an object, found {JsonKinds.Describe(f.ValueKind)}");
            string kind = GvaEvaluation.RequireString(f, "kind", name, line);
            if (!f.TryGetProperty("count", out var count) || count.ValueKind != JsonValueKind.Object)
                throw new GvaInputException(name, line, "a figure's \"count\" must be an object");
            if (!count.TryGetProperty("value", out var value) || value.ValueKind is not (JsonValueKind.Number or JsonValueKind.Null))
                throw new GvaInputException(name, line, "a figure's \"count.value\" must be a number or null");
            if (!f.TryGetProperty("claims", out var claims) || claims.ValueKind != JsonValueKind.Array)
                throw new GvaInputException(name, line, "a figure's \"claims\" must be an array");
            var read = new List<(string Article, bool Lead)>();
            foreach (var c in claims.EnumerateArray())
            {
                if (c.ValueKind != JsonValueKind.Object)
                    throw new GvaInputException(name, line, $"a claim must be an object, found {JsonKinds.Describe(c.ValueKind)}");
                read.Add((GvaEvaluation.RequireString(c, "article", name, line), OptionalFlag(c, "lead", line)));
            }
            bool? main = f.TryGetProperty("main", out var m) && m.ValueKind != JsonValueKind.Null ? OptionalFlag(f, "main", line) : null;
            list.Add(new StoryFigure(kind, OptionalFlag(f, "additional", line), value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null, read, main));
        }
        return list;
    }

    // An optional true/false member (absent or null: false).
    private static bool OptionalFlag(JsonElement e, string key, int line)
    {
        if (!e.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null)
            return false;
        return v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new GvaInputException("stories", line, $"\"{key}\" must be true or false, found {JsonKinds.Describe(v.ValueKind)}"),
        };
    }

    // The main figure of a kind: the one marked "main" where the story's figures carry the mark (as `lagebild stories`
    // writes them). Files without it: as Reconciler.Main picks it, near enough: the value most articles report over the
    // story's figures of the kind (ties: the larger), an article with a claim marked "lead" voting with those only; a
    // story whose figures of the kind are all vague gives none, and so does a killed figure no lead gives where a lead
    // gives hurt.
    private static double? Main(List<StoryFigure> figures, string kind)
    {
        if (figures.Any(f => f.Main is not null))
            return figures.FirstOrDefault(f => f.Kind == kind && f.Main == true)?.Value;
        var claims = figures.Where(f => f.Kind == kind && !f.Additional && f.Value is not null)
            .SelectMany(f => f.Claims.Select(c => (Value: f.Value!.Value, c.Article, c.Lead))).ToList();
        // An article with a claim of the kind in its headline or lead votes with those only.
        var leadArticles = claims.Where(c => c.Lead).Select(c => c.Article).ToHashSet(StringComparer.Ordinal);
        if (kind == "killed" && leadArticles.Count == 0 && figures.Any(f => f.Kind == "injured" && !f.Additional && f.Claims.Any(c => c.Lead)))
            return null; // as Reconciler.Main: no report leads with a death, the leads tell of the hurt
        var votes = claims.Where(c => c.Lead || !leadArticles.Contains(c.Article))
            .GroupBy(c => c.Value).Select(g => (Value: g.Key, Articles: g.Select(c => c.Article).Distinct(StringComparer.Ordinal).Count())).ToList();
        return votes.Count == 0 ? null : votes.OrderByDescending(v => v.Articles).ThenByDescending(v => v.Value).First().Value;
    }
}
