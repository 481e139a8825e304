using System.Collections.Frozen;
using Lagebild.Languages;
using Lagebild.Model;
using Lagebild.Places;

namespace Lagebild.Linking;

/// <summary>Where an entity is in the gazetteer (LOC entities that resolve).</summary>
public sealed record EntityPlace(string? Id, string? Country, double? Lat, double? Lon, PlaceLevel Level);

/// <summary>
/// One entity of a document: all its mentions under one canonical name ("Kassym-Schomart Tokajew" for
/// "Tokajew", "Tokajews"; "Organisation des Vertrags über kollektive Sicherheit" for "OVKS").
/// </summary>
/// <param name="Id">Stable within the document: type and normalised canonical name, or the gazetteer id for places.</param>
/// <param name="Type">PER, LOC or ORG.</param>
/// <param name="Name">The canonical name: the fullest form the document uses.</param>
/// <param name="Aliases">Every other form, in order of first use.</param>
/// <param name="Mentions">Where it is mentioned, in text order (implicit mentions such as "kasachisch" included).</param>
/// <param name="Place">Its gazetteer entry, for places.</param>
public sealed record Entity(string Id, string Type, string Name, IReadOnlyList<string> Aliases, IReadOnlyList<TextSpan> Mentions, EntityPlace? Place);

/// <summary>
/// Turns a document's entity mentions (and its place mentions) into entities: a surname joins the full
/// name it ends ("Tokajew" → "Kassym-Schomart Tokajew"), a German genitive joins its base form ("Tokajews"),
/// an acronym joins the long form it abbreviates or is defined next to ("OVKS" ↔ "Organisation des
/// Vertrags über kollektive Sicherheit (OVKS)"), and places are resolved against the gazetteer, with
/// country adjectives ("kasachischen") as mentions of their country. Stateless; thread-safe.
/// </summary>
public static class EntityNormaliser
{
    private static readonly Lazy<FrozenSet<string>> s_functionWords = new(() =>
        LanguageData.Codes.SelectMany(c => LanguageData.Lines(c, "stopwords.txt")).Select(w => w.ToLowerInvariant()).ToFrozenSet());

    public static IReadOnlyList<Entity> Normalise(Document doc)
    {
        var groups = new List<Group>();
        foreach (var m in doc.Entities)
        {
            if (m.Type == "LOC")
                continue; // places come through the place layer below, which resolves them
            var g = groups.FirstOrDefault(x => x.Type == m.Type && Same(x, m.Text, m.Type));
            if (g is null)
                groups.Add(g = new Group(m.Type));
            g.Add(m.Text, m.Span);
        }
        LinkAcronyms(doc, groups);
        JoinSurnames(groups);

        var entities = groups.Select(g => g.ToEntity()).ToList();
        entities.AddRange(Places(doc));
        return entities.OrderBy(e => e.Mentions[0].Start).ToList();
    }

    private sealed class Group(string type)
    {
        public string Type { get; } = type;
        public List<(string Text, TextSpan Span)> Forms { get; } = [];

        public void Add(string text, TextSpan span) => Forms.Add((text, span));

        public string Name => Forms.Select(f => f.Text).MaxBy(t => (t.Count(char.IsWhiteSpace), t.Length))!;

        public Entity ToEntity()
        {
            string name = Name;
            var aliases = Forms.Select(f => f.Text).Where(t => t != name).Distinct().ToList();
            return new Entity($"{Type}:{Key(name)}", Type, name, aliases, Forms.Select(f => f.Span).OrderBy(s => s.Start).ToList(), null);
        }
    }

    private static bool Same(Group g, string text, string type) =>
        g.Forms.Any(f => f.Text == text || Key(f.Text) == Key(text) || (type == "PER" && (f.Text == text + "s" || text == f.Text + "s")));

    // "Tokajew" joins "Kassym-Schomart Tokajew" when it is that name's last word (once per document: no two such names).
    private static void JoinSurnames(List<Group> groups)
    {
        var people = groups.Where(g => g.Type == "PER").ToList();
        foreach (var single in people.Where(g => g.Forms.All(f => !f.Text.Contains(' '))).ToList())
        {
            var surname = single.Forms[0].Text;
            var full = people.Where(g => g != single && g.Forms.Any(f => f.Text.Contains(' ') && (LastWord(f.Text) == surname || LastWord(f.Text) + "s" == surname))).ToList();
            if (full.Count != 1)
                continue; // unknown or ambiguous surname
            full[0].Forms.AddRange(single.Forms);
            groups.Remove(single);
        }
    }

    // "Organisation des Vertrags über kollektive Sicherheit (OVKS)" or initials that spell the acronym.
    private static void LinkAcronyms(Document doc, List<Group> groups)
    {
        var orgs = groups.Where(g => g.Type == "ORG").ToList();
        foreach (var acronym in orgs.Where(g => g.Forms.Any(f => IsAcronym(f.Text))).ToList())
        {
            string acr = acronym.Forms.First(f => IsAcronym(f.Text)).Text;
            var longForm = orgs.FirstOrDefault(g => g != acronym && g.Forms.Any(f => !IsAcronym(f.Text) && (Initials(f.Text) == acr || DefinedNextTo(doc.Text, f, acr))));
            if (longForm is null)
                continue;
            longForm.Forms.AddRange(acronym.Forms);
            groups.Remove(acronym);
            orgs.Remove(acronym);
        }
    }

    private static bool DefinedNextTo(string text, (string Text, TextSpan Span) form, string acronym)
    {
        int after = form.Span.End;
        var tail = text.AsSpan(after, Math.Min(acronym.Length + 4, text.Length - after)).TrimStart();
        return tail.StartsWith("(" + acronym + ")", StringComparison.Ordinal);
    }

    private static bool IsAcronym(string s) => s.Length is >= 2 and <= 8 && s.All(c => char.IsUpper(c) || char.IsDigit(c)) && s.Any(char.IsLetter);

    private static string Initials(string longForm) =>
        string.Concat(longForm.Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => !s_functionWords.Value.Contains(w.ToLowerInvariant()))
            .Select(w => char.ToUpperInvariant(w[0])));

    private static string LastWord(string s) => s[(s.LastIndexOf(' ') + 1)..];

    private static string Key(string s) => string.Join(' ', s.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    // The place mentions' spans, for "does a place overlap this span" in O(log n): sorted by start, with the
    // largest end so far (a span overlaps [a, b) iff, among the spans starting before b, one ends after a).
    private sealed class PlaceSpans
    {
        private readonly int[] _starts;
        private readonly int[] _maxEnds;

        public PlaceSpans(IEnumerable<PlaceMention> places)
        {
            var spans = places.Select(p => p.Span).OrderBy(s => s.Start).ToArray();
            _starts = spans.Select(s => s.Start).ToArray();
            _maxEnds = new int[spans.Length];
            for (int i = 0; i < spans.Length; i++)
                _maxEnds[i] = Math.Max(spans[i].End, i > 0 ? _maxEnds[i - 1] : int.MinValue);
        }

        public bool Overlaps(TextSpan span)
        {
            // The last span that starts before span.End.
            int i = Array.BinarySearch(_starts, span.End - 1);
            if (i < 0)
                i = ~i - 1;
            else
                while (i + 1 < _starts.Length && _starts[i + 1] == span.End - 1)
                    i++;
            return i >= 0 && _maxEnds[i] > span.Start;
        }
    }

    // Places: the place layer's mentions (resolved, adjectives included) plus LOC entities it did not resolve.
    private static IEnumerable<Entity> Places(Document doc)
    {
        var gazetteer = Gazetteer.Default;
        var byKey = new Dictionary<string, (string Name, List<string> Aliases, List<TextSpan> Spans, EntityPlace Place)>();
        foreach (var p in doc.Places)
        {
            if (doc.IsBoilerplate(p.Span.Start))
                continue;
            string key = p.Id ?? $"LOC:{Key(p.Name)}";
            string surface = doc.Slice(p.Span);
            if (!byKey.TryGetValue(key, out var e))
            {
                string name = p.Implicit ? p.Name : surface;
                byKey[key] = e = (name, [], [], new EntityPlace(p.Id, p.Country, p.Lat, p.Lon, p.Level));
            }
            if (surface != e.Name && !e.Aliases.Contains(surface))
                e.Aliases.Add(surface);
            e.Spans.Add(p.Span);
        }
        var placeSpans = new PlaceSpans(doc.Places);
        foreach (var m in doc.Entities.Where(m => m.Type == "LOC"))
        {
            if (placeSpans.Overlaps(m.Span))
                continue;
            // A LOC the place layer did not take (no cue, small town): resolve it here, biggest entry first,
            // but leave a small town unresolved rather than pin a common word to it ("Sender").
            string lookup = m.Text.Length > 3 && m.Text.All(c => !char.IsLetter(c) || char.IsUpper(c)) ? char.ToUpperInvariant(m.Text[0]) + m.Text[1..].ToLowerInvariant() : m.Text;
            var entry = gazetteer.Lookup(lookup).ToArray().FirstOrDefault(e => e.Curated || e.Level != PlaceLevel.City || e.Population >= 15_000);
            string key = entry?.Id ?? $"LOC:{Key(m.Text)}";
            if (!byKey.TryGetValue(key, out var e))
                byKey[key] = e = (m.Text, [], [], new EntityPlace(entry?.Id, entry?.Country, entry?.Lat, entry?.Lon, entry?.Level ?? PlaceLevel.Locality));
            e.Spans.Add(m.Span);
        }
        return byKey.Select(kv => new Entity(kv.Key.StartsWith("LOC:", StringComparison.Ordinal) ? kv.Key : $"LOC:{kv.Key}", "LOC", kv.Value.Name,
            kv.Value.Aliases, [.. kv.Value.Spans.OrderBy(s => s.Start)], kv.Value.Place));
    }
}
