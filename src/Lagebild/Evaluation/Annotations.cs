using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lagebild.Evaluation;

/// <summary>
/// Gold facts annotated in this repository for articles that live elsewhere (e.g. shared/data/10kgnad).
/// The committed file holds no article text: each fact's evidence is a character range
/// <c>[start, end]</c> into the article's text as Lagebild reads it, and each article carries the
/// SHA-256 of that text so a changed source or reader is caught. Annotators write a scratch file
/// whose evidence is a quoted snippet; <see cref="Anchor"/> turns snippets into ranges, and
/// <see cref="BuildGold"/> turns ranges back into a gold-facts/1 document for the scorers.
/// One JSON object per line:
/// <code>{"article":"test-57","facts":[{"kind":"killed","count":{"value":30,"qualifier":"approx"},"additional":false,
/// "cumulative":false,"place":["Aleppo"],"evidence":"…snippet…"}],"ambiguous":[…],"note":"…"}</code>
/// Stateless; thread-safe.
/// </summary>
public static class Annotations
{
    /// <summary>The SHA-256 (hex, lower case) of an article text as read.</summary>
    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>
    /// Replaces each snippet evidence with its [start, end] range in the article text and adds the text hash.
    /// An item may give <c>"occurrence": n</c> (1-based) when its snippet occurs more than once.
    /// </summary>
    /// <returns>The anchored lines and one message per snippet that could not be placed.</returns>
    public static (List<string> Lines, List<string> Errors) Anchor(IEnumerable<string> scratchLines, IReadOnlyDictionary<string, string> texts)
    {
        var lines = new List<string>();
        var errors = new List<string>();
        int n = 0;
        foreach (var raw in scratchLines)
        {
            n++;
            if (string.IsNullOrWhiteSpace(raw))
                continue;
            JsonObject obj;
            try
            {
                obj = JsonNode.Parse(raw)!.AsObject();
            }
            catch (JsonException e)
            {
                errors.Add($"line {n}: not JSON ({e.Message})");
                continue;
            }
            string id = (string?)obj["article"] ?? "";
            if (!texts.TryGetValue(id, out var text))
            {
                errors.Add($"line {n}: article '{id}' not found in the data");
                continue;
            }
            obj["text_sha256"] = Hash(text);
            foreach (var list in new[] { "facts", "ambiguous" })
            {
                if (obj[list] is not JsonArray items)
                    continue;
                foreach (var item in items.OfType<JsonObject>())
                {
                    if (item["evidence"] is not JsonValue ev || !ev.TryGetValue<string>(out var snippet))
                        continue;
                    int occurrence = item["occurrence"] is JsonValue o && o.TryGetValue<int>(out var k) ? k : 0;
                    var at = Find(text, snippet, occurrence, out string? problem);
                    if (at < 0)
                    {
                        errors.Add($"line {n} ({id}): {problem}: \"{Shorten(snippet)}\"");
                        continue;
                    }
                    item["evidence"] = new JsonArray(at, at + snippet.Length);
                    item.Remove("occurrence");
                }
            }
            lines.Add(obj.ToJsonString(JsonOptions));
        }
        return (lines, errors);
    }

    /// <summary>Builds a gold-facts/1 document from anchored annotations and the article texts.</summary>
    /// <exception cref="FormatException">An article is missing, its text changed, or a range lies outside it (the message says which).</exception>
    public static JsonObject BuildGold(IEnumerable<string> annotationLines, IReadOnlyDictionary<string, string> texts, string note)
    {
        var articles = new JsonArray();
        int n = 0;
        foreach (var raw in annotationLines)
        {
            n++;
            if (string.IsNullOrWhiteSpace(raw))
                continue;
            var obj = JsonNode.Parse(raw)!.AsObject();
            string id = (string?)obj["article"] ?? "";
            if (!texts.TryGetValue(id, out var text))
                throw new FormatException($"line {n}: article '{id}' not found in the data");
            if ((string?)obj["text_sha256"] is { } hash && hash != Hash(text))
                throw new FormatException($"line {n}: the text of '{id}' differs from the annotated one (hash mismatch): the data or the reader changed");
            var gold = new JsonObject { ["article"] = id };
            foreach (var list in new[] { "facts", "ambiguous" })
            {
                var items = new JsonArray();
                foreach (var item in (obj[list] as JsonArray ?? []).OfType<JsonObject>())
                {
                    var copy = item.DeepClone().AsObject();
                    if (copy["evidence"] is JsonArray range && range.Count == 2)
                    {
                        int start = (int)range[0]!, end = (int)range[1]!;
                        if (start < 0 || end > text.Length || start >= end)
                            throw new FormatException($"line {n} ({id}): evidence range [{start}, {end}] lies outside the text ({text.Length} chars)");
                        copy["evidence"] = text[start..end];
                    }
                    items.Add(copy);
                }
                gold[list] = items;
            }
            articles.Add(gold);
        }
        return new JsonObject { ["schema"] = "gold-facts/1", ["note"] = note, ["articles"] = articles };
    }

    private static int Find(string text, string snippet, int occurrence, out string? problem)
    {
        problem = null;
        var positions = new List<int>();
        for (int at = text.IndexOf(snippet, StringComparison.Ordinal); at >= 0; at = text.IndexOf(snippet, at + 1, StringComparison.Ordinal))
            positions.Add(at);
        if (positions.Count == 0)
        {
            problem = "snippet not found";
            return -1;
        }
        if (occurrence > 0)
        {
            if (occurrence <= positions.Count)
                return positions[occurrence - 1];
            problem = $"occurrence {occurrence} asked, snippet occurs {positions.Count} times";
            return -1;
        }
        if (positions.Count > 1)
        {
            problem = $"snippet occurs {positions.Count} times; add \"occurrence\": n";
            return -1;
        }
        return positions[0];
    }

    private static string Shorten(string s) => s.Length > 60 ? s[..60] + "…" : s;

    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
