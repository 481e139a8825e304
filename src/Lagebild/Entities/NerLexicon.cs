namespace Lagebild.Entities;

/// <summary>Gazetteer and cue-word flags of a word form, baked into the model's lexicon.</summary>
[Flags]
public enum LexFlags : uint
{
    None = 0,
    /// <summary>A one-word city or town name (GeoNames via the project gazetteer).</summary>
    City = 1 << 0,
    /// <summary>A one-word region name (first-level divisions, hand-written German regions and landscapes).</summary>
    Region = 1 << 1,
    /// <summary>A one-word country name (German and English).</summary>
    Country = 1 << 2,
    /// <summary>A hand-written German place name (exonym, river, region).</summary>
    PlaceCurated = 1 << 3,
    /// <summary>A country adjective ("deutschen", "kasachische"): a place derivation, which is O.</summary>
    Demonym = 1 << 4,
    /// <summary>First word of a multi-word place name ("New" of "New York").</summary>
    MultiPlaceFirst = 1 << 5,
    /// <summary>Later word of a multi-word place name.</summary>
    MultiPlaceInner = 1 << 6,
    /// <summary>A surname (GermaNER list via German LER, ASL 2.0).</summary>
    Surname = 1 << 7,
    /// <summary>A German first name.</summary>
    FirstNameDe = 1 << 8,
    /// <summary>A first name of another language.</summary>
    FirstNameOther = 1 << 9,
    /// <summary>A one-word organisation name from the hand-written list.</summary>
    Organisation = 1 << 10,
    /// <summary>First word of a multi-word organisation name.</summary>
    MultiOrgFirst = 1 << 11,
    /// <summary>Later word of a multi-word organisation name.</summary>
    MultiOrgInner = 1 << 12,
    /// <summary>A word that forms organisation names ("GmbH", "Verband").</summary>
    OrgCue = 1 << 13,
    /// <summary>A title or role before a person's name ("Kanzlerin", "Dr.").</summary>
    PersonCue = 1 << 14,
    /// <summary>A word that heads or introduces place names ("Stadt", "Landkreis").</summary>
    PlaceCue = 1 << 15,
    /// <summary>A city with at least 100,000 inhabitants.</summary>
    BigCity = 1 << 16,
    /// <summary>A news or photo agency (project list).</summary>
    Agency = 1 << 17,
}

/// <summary>What the lexicon knows about a word form: its word clusters at three granularities (-1: none), flags and capitalisation.</summary>
public readonly record struct WordInfo(short C1, short C2, short C3, LexFlags Flags, byte Cap)
{
    public static readonly WordInfo Unknown = new(-1, -1, -1, LexFlags.None, 0);
}

/// <summary>
/// Word form → <see cref="WordInfo"/>: the word clusters learned from unlabelled text and the gazetteer flags,
/// keyed by the normalised form (<see cref="NerFeatures.Normalize"/>). Immutable after construction.
/// </summary>
public sealed class NerLexicon
{
    private readonly Dictionary<string, WordInfo> _words;
    private readonly Dictionary<string, WordInfo>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public NerLexicon(Dictionary<string, WordInfo> words)
    {
        _words = words.Comparer == StringComparer.Ordinal ? words : new Dictionary<string, WordInfo>(words, StringComparer.Ordinal);
        _lookup = _words.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public static NerLexicon Empty { get; } = new(new Dictionary<string, WordInfo>(StringComparer.Ordinal));

    public int Count => _words.Count;

    public IReadOnlyDictionary<string, WordInfo> Words => _words;

    public bool TryGet(ReadOnlySpan<char> form, out WordInfo info) => _lookup.TryGetValue(form, out info);

    /// <summary>The entry of a normalised form; for an all-capitals or sentence-initial form not found, the entry of its other casing.</summary>
    public WordInfo Lookup(ReadOnlySpan<char> form)
    {
        if (_lookup.TryGetValue(form, out var info))
            return info;
        if (form.Length < 2 || form.Length > 64)
            return WordInfo.Unknown;
        Span<char> alt = stackalloc char[form.Length];
        if (char.IsUpper(form[0]))
        {
            // "BERLIN" → "Berlin"; "Und" → "und".
            alt[0] = form[0];
            bool allCaps = true;
            for (int i = 1; i < form.Length; i++)
            {
                allCaps &= !char.IsLower(form[i]);
                alt[i] = char.ToLowerInvariant(form[i]);
            }
            if (allCaps && _lookup.TryGetValue(alt, out info))
                return info;
            alt[0] = char.ToLowerInvariant(form[0]);
            form[1..].CopyTo(alt[1..]);
            if (_lookup.TryGetValue(alt, out info))
                return info with { Flags = LexFlags.None };
        }
        return WordInfo.Unknown;
    }
}
