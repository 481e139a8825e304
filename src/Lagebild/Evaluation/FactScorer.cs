using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Lagebild.Evaluation;

/// <summary>Precision, recall and F1 of one scoring pass.</summary>
public sealed record FactScore(int TruePositives, int FalsePositives, int FalseNegatives, int Ignored)
{
    public double Precision => TruePositives + FalsePositives == 0 ? 0 : (double)TruePositives / (TruePositives + FalsePositives);
    public double Recall => TruePositives + FalseNegatives == 0 ? 0 : (double)TruePositives / (TruePositives + FalseNegatives);
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"tp={TruePositives} fp={FalsePositives} fn={FalseNegatives} ignored={Ignored} precision={Precision:F3} recall={Recall:F3} f1={F1:F3}");
}

/// <summary>Loose (kind and count) and strict (also place) scores, with the errors behind them.</summary>
public sealed record FactEvaluation(FactScore Loose, FactScore Strict, IReadOnlyList<string> Errors);

/// <summary>
/// Scores predicted facts (JSON Lines in the FACTS.md shape) against a gold file (schema gold-facts/1)
/// exactly as <c>shared/tools/score_facts.py</c> does: a prediction matches an unused gold fact of the
/// same article when kind, qualifier and value agree and, for strict, its place name is one of the
/// gold aliases (names compared without accents, case, hyphens and extra spaces; null matches a list
/// holding null). Predictions matching an 'ambiguous' item are ignored; articles not in the gold are
/// ignored. Stateless, thread-safe.
/// </summary>
public static class FactScorer
{
    /// <exception cref="FormatException">A prediction line is not JSON (the message names the line).</exception>
    public static FactEvaluation Score(JsonDocument gold, IEnumerable<string> predictionLines)
    {
        var preds = new List<JsonElement>();
        int n = 0;
        foreach (var line in predictionLines)
        {
            n++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            try
            {
                preds.Add(JsonDocument.Parse(line).RootElement.Clone());
            }
            catch (JsonException e)
            {
                throw new FormatException($"line {n}: not JSON ({e.Message})");
            }
        }
        var errors = new List<string>();
        var loose = Pass(gold, preds, strict: false, null);
        var strict = Pass(gold, preds, strict: true, errors);
        return new FactEvaluation(loose, strict, errors);
    }

    private static FactScore Pass(JsonDocument gold, List<JsonElement> preds, bool strict, List<string>? errors)
    {
        var byArticle = preds.GroupBy(p => Str(p, "article") ?? "").ToDictionary(g => g.Key, g => g.ToList());
        int tp = 0, fp = 0, fn = 0, ignored = 0;
        foreach (var art in gold.RootElement.GetProperty("articles").EnumerateArray())
        {
            string id = Str(art, "article") ?? "";
            var goldFacts = art.TryGetProperty("facts", out var gf) ? gf.EnumerateArray().ToList() : [];
            var ambiguous = art.TryGetProperty("ambiguous", out var amb) ? amb.EnumerateArray().ToList() : [];
            var used = new bool[goldFacts.Count];
            foreach (var p in byArticle.GetValueOrDefault(id) ?? [])
            {
                int hit = -1;
                for (int i = 0; i < goldFacts.Count; i++)
                {
                    if (!used[i] && Matches(p, goldFacts[i], strict))
                    {
                        hit = i;
                        break;
                    }
                }
                if (hit >= 0)
                {
                    used[hit] = true;
                    tp++;
                    continue;
                }
                if (ambiguous.Any(a => Str(a, "kind") == Str(p, "kind")
                        && (CountKey(a) == CountKey(p) || Overlaps(EvidenceText(a), EvidenceText(p)))))
                {
                    ignored++;
                    continue;
                }
                fp++;
                errors?.Add($"FP {id}: {Str(p, "kind")} {CountKey(p)} place={PlaceName(p) ?? "-"} :: {Cut(EvidenceText(p))}");
            }
            for (int i = 0; i < goldFacts.Count; i++)
            {
                if (used[i])
                    continue;
                fn++;
                errors?.Add($"FN {id}: {Str(goldFacts[i], "kind")} {CountKey(goldFacts[i])} :: {Cut(EvidenceText(goldFacts[i]))}");
            }
        }
        return new FactScore(tp, fp, fn, ignored);
    }

    private static bool Matches(JsonElement p, JsonElement g, bool strict)
    {
        if (Str(p, "kind") != Str(g, "kind") || CountKey(p) != CountKey(g))
            return false;
        if (!strict)
            return true;
        var aliases = new List<string?>();
        if (!g.TryGetProperty("place", out var place) || place.ValueKind == JsonValueKind.Null)
            aliases.Add(null);
        else if (place.ValueKind == JsonValueKind.Array)
            aliases.AddRange(place.EnumerateArray().Select(a => a.ValueKind == JsonValueKind.String ? a.GetString() : null));
        else
            aliases.Add(place.GetString());
        string? name = Norm(PlaceName(p));
        return aliases.Any(a => Norm(a) == name);
    }

    private static (string?, double?) CountKey(JsonElement e)
    {
        if (!e.TryGetProperty("count", out var c) || c.ValueKind != JsonValueKind.Object)
            return (null, null);
        string? q = Str(c, "qualifier");
        double? v = c.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
        return (q, v);
    }

    private static string? PlaceName(JsonElement e)
    {
        if (!e.TryGetProperty("place", out var p) || p.ValueKind == JsonValueKind.Null)
            return null;
        return p.ValueKind == JsonValueKind.Object ? Str(p, "name") : p.ValueKind == JsonValueKind.String ? p.GetString() : null;
    }

    private static string EvidenceText(JsonElement e)
    {
        if (!e.TryGetProperty("evidence", out var ev))
            return "";
        if (ev.ValueKind == JsonValueKind.Object)
            return Str(ev, "sentence") ?? Str(ev, "text") ?? "";
        return ev.ValueKind == JsonValueKind.String ? ev.GetString() ?? "" : "";
    }

    private static bool Overlaps(string a, string b)
    {
        string na = Norm(a) ?? "", nb = Norm(b) ?? "";
        return na.Length > 0 && nb.Length > 0 && (na.Contains(nb) || nb.Contains(na));
    }

    /// <summary>The scorer's name normalisation: NFKD, ASCII only, lower case, hyphens as spaces, spaces collapsed.</summary>
    public static string? Norm(string? s)
    {
        if (s is null)
            return null;
        var decomposed = s.Normalize(NormalizationForm.FormKD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (char c in decomposed)
        {
            if (c < 128)
                sb.Append(char.ToLowerInvariant(c == '-' ? ' ' : c));
        }
        return string.Join(' ', sb.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string Cut(string s) => s.Length > 100 ? s[..100] : s;
}
