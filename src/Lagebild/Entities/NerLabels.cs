using System.Collections.Frozen;

namespace Lagebild.Entities;

/// <summary>
/// The BIO label set of the German NER model (PER, LOC, ORG) and the mapping of every corpus's
/// labels onto it. The mapping is data: one table, each row commented with why.
/// </summary>
public static class NerLabels
{
    public const string Outside = "O";

    /// <summary>The model's labels; the index is the label id everywhere (weights, Viterbi).</summary>
    public static readonly string[] All = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG"];

    public const int Count = 7;

    /// <summary>The entity types, in label order.</summary>
    public static readonly string[] Types = ["PER", "LOC", "ORG"];

    private static readonly FrozenDictionary<string, int> s_ids = All.Select((l, i) => (l, i)).ToFrozenDictionary(p => p.l, p => p.i);

    public static int Id(string label) => s_ids.TryGetValue(label, out var id) ? id : 0;

    public static bool IsBegin(int id) => id is 1 or 3 or 5;

    public static bool IsInside(int id) => id is 2 or 4 or 6;

    /// <summary>The type index (0 PER, 1 LOC, 2 ORG) of a B- or I- label id, or -1 for O.</summary>
    public static int TypeOf(int id) => id == 0 ? -1 : (id - 1) / 2;

    /// <summary>
    /// Corpus entity types → our type ("PER", "LOC", "ORG") or null for O. Keys are compared
    /// case-insensitively. Types not listed map to O and are counted as unknown by the readers.
    /// </summary>
    public static readonly FrozenDictionary<string, string?> TypeMap = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
    {
        // Plain PER/LOC/ORG corpora (Europeana, ZEFYS 2025, HIPE-2022 coarse, GermEval outer): 1:1.
        ["PER"] = "PER",
        ["LOC"] = "LOC",
        ["ORG"] = "ORG",
        // HIPE-2022 HumanProd (newspaper titles, products) and MISC: not one of our types.
        ["HumanProd"] = null,
        ["MISC"] = null,
        ["PROD"] = null,
        ["TIME"] = null,
        // GermEval 2014: derivations ("deutschen"), parts ("EU-Budget") and OTH are O, as score_ner.py scores them.
        ["PERderiv"] = null, ["PERpart"] = null,
        ["LOCderiv"] = null, ["LOCpart"] = null,
        ["ORGderiv"] = null, ["ORGpart"] = null,
        ["OTH"] = null, ["OTHderiv"] = null, ["OTHpart"] = null,
        // German LER (SOURCE.md, the authors' coarse classes): judges (RR) and lawyers (AN) are people.
        ["RR"] = "PER",
        ["AN"] = "PER",
        // LER: countries/states (LD), cities (ST), streets (STR) and landscapes (LDS) are locations.
        ["LD"] = "LOC",
        ["ST"] = "LOC",
        ["STR"] = "LOC",
        ["LDS"] = "LOC",
        // LER: companies (UN), institutions (INN), courts (GRT) and brands (MRK) are organisations.
        ["UN"] = "ORG",
        ["INN"] = "ORG",
        ["GRT"] = "ORG",
        ["MRK"] = "ORG",
        // LER: norms, case law, contracts and literature are not names of people, places or organisations.
        ["GS"] = null, ["VO"] = null, ["EUN"] = null, ["VS"] = null, ["VT"] = null, ["RS"] = null, ["LIT"] = null,
        // MobIE / SmartData (v1 lower-case with hyphens, v3 upper-case with underscores).
        ["person"] = "PER",
        ["location"] = "LOC",
        ["location-city"] = "LOC", ["LOCATION_CITY"] = "LOC",
        ["location-street"] = "LOC", ["LOCATION_STREET"] = "LOC",
        // Stops and stations ("Berlin Hbf", "Alexanderplatz") name places.
        ["location-stop"] = "LOC", ["LOCATION_STOP"] = "LOC",
        // Routes ("A9", "S1", "RE 5") are line and road identifiers, closer to GermEval's OTH than to LOC.
        ["location-route"] = null, ["LOCATION_ROUTE"] = null,
        ["organization"] = "ORG",
        ["organization-company"] = "ORG", ["ORGANIZATION_COMPANY"] = "ORG",
        // Positions ("Vorstandschef") are not names.
        ["org-position"] = null, ["ORG_POSITION"] = null,
        // Everything else in MobIE/SmartData: dates, numbers, triggers, causes, distances …
        ["date"] = null, ["time"] = null, ["number"] = null, ["trigger"] = null, ["duration"] = null, ["set"] = null,
        ["distance"] = null, ["money"] = null, ["percent"] = null, ["event-cause"] = null, ["disaster-type"] = null,
        ["DISASTER_TYPE"] = null,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Maps a corpus tag ("B-RR", "I_location-city", "B-LOCderiv", "O") to one of <see cref="All"/>.
    /// <paramref name="known"/> is false for a type that is not in <see cref="TypeMap"/> (mapped to O).
    /// </summary>
    public static string Map(string tag, out bool known)
    {
        known = true;
        if (tag.Length == 0 || tag == "O" || tag == "_" || tag == "-")
            return Outside;
        char bio = tag[0];
        if (tag.Length < 3 || (bio is not ('B' or 'I' or 'E' or 'S' or 'b' or 'i')) || tag[1] is not ('-' or '_'))
        {
            known = TypeMap.ContainsKey(tag);
            return Outside;
        }
        var type = tag[2..];
        if (!TypeMap.TryGetValue(type, out var ours))
        {
            known = false;
            return Outside;
        }
        if (ours is null)
            return Outside;
        return (bio is 'B' or 'b' or 'S' ? "B-" : "I-") + ours;
    }

    /// <summary>Repairs a BIO sequence in place: an I- after O or after another type becomes B-.</summary>
    public static void Repair(IList<string> tags)
    {
        string prev = Outside;
        for (int i = 0; i < tags.Count; i++)
        {
            var t = tags[i];
            if (t.StartsWith("I-", StringComparison.Ordinal) && (prev == Outside || prev[2..] != t[2..]))
                tags[i] = t = "B-" + t[2..];
            prev = t;
        }
    }

    /// <summary>Repairs label ids in place (same rule as <see cref="Repair(IList{string})"/>).</summary>
    public static void Repair(Span<int> ids)
    {
        int prev = 0;
        for (int i = 0; i < ids.Length; i++)
        {
            int t = ids[i];
            if (IsInside(t) && (prev == 0 || TypeOf(prev) != TypeOf(t)))
                ids[i] = t = t - 1;
            prev = t;
        }
    }

    /// <summary>Entity spans [Start, End) with their type in a BIO sequence (an I- without B- opens a span, as in score_ner.py).</summary>
    public static List<(int Start, int End, string Type)> Spans(IReadOnlyList<string> tags)
    {
        var spans = new List<(int, int, string)>();
        int start = -1;
        string? type = null;
        for (int i = 0; i <= tags.Count; i++)
        {
            var t = i < tags.Count ? tags[i] : Outside;
            bool begin = t.StartsWith("B-", StringComparison.Ordinal);
            bool inside = t.StartsWith("I-", StringComparison.Ordinal);
            if (t == Outside || begin || (inside && t[2..] != type))
            {
                if (start >= 0)
                    spans.Add((start, i, type!));
                start = -1;
                type = null;
                if (begin || inside)
                {
                    start = i;
                    type = t[2..];
                }
            }
        }
        return spans;
    }
}
