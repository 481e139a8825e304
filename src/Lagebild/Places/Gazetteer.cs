using System.Collections.Frozen;
using System.Globalization;
using System.IO.Compression;
using System.Reflection;
using Lagebild.Languages;
using Lagebild.Model;

namespace Lagebild.Places;

/// <summary>A gazetteer entry: a name of a country, region or city with its country and coordinates.</summary>
public sealed record GazetteerEntry(string Name, PlaceLevel Level, string Country, double? Lat, double? Lon, long Population)
{
    /// <summary>Stable id: <c>geonames:N</c> for cities, <c>admin1:CC.X</c> for regions, <c>iso:CC</c> for countries; null where unknown.</summary>
    public string? Id { get; init; }

    /// <summary>The first-level region (<c>CC.X</c>) a city or region lies in, where known.</summary>
    public string? Admin1 { get; init; }

    /// <summary>True for names from a hand-written language list (exonyms): always a place when capitalised.</summary>
    public bool Curated { get; init; }
}

/// <summary>
/// Place names with their level, country and coordinates: the generated resource
/// (<see cref="GazetteerBuilder"/>) plus each language's exonyms and demonyms. Build once
/// (<see cref="Default"/> loads lazily, once per process) and share: immutable and thread-safe.
/// </summary>
public sealed class Gazetteer
{
    public const string ResourceName = "Resources/gazetteer.tsv.gz";

    private static readonly Lazy<Gazetteer> s_default = new(LoadEmbedded);

    // A plain dictionary: building a FrozenDictionary of 100k names costs more start-up time than its lookups save.
    private readonly Dictionary<string, GazetteerEntry[]> _byName;
    private readonly FrozenDictionary<string, string> _demonyms;
    private readonly FrozenDictionary<string, GazetteerEntry> _countries;
    private readonly FrozenDictionary<(string Country, string Language), string> _countryNames;

    private static readonly string[] s_inflections = ["", "e", "en", "er", "es", "em"];
    private static readonly string[] s_compass = ["süd", "nord", "ost", "west", "zentral", "mittel", "nordost", "nordwest", "südost", "südwest"];

    /// <summary>The gazetteer built from the embedded resource and language data, loaded on first use.</summary>
    public static Gazetteer Default => s_default.Value;

    /// <param name="entries">All names.</param>
    /// <param name="countryNames">Country names per language; the usual one is the shortest with lower-case letters unless <paramref name="preferred"/> names it.</param>
    /// <param name="demonyms">Adjective stems (lower case) to country codes.</param>
    /// <param name="preferred">The name to show per (country, language), where the language data says so.</param>
    public Gazetteer(IEnumerable<GazetteerEntry> entries, IEnumerable<(string Language, string Country, string Name)> countryNames,
        IReadOnlyDictionary<string, string> demonyms, IReadOnlyDictionary<(string Country, string Language), string>? preferred = null)
    {
        var lists = new Dictionary<string, List<GazetteerEntry>>(StringComparer.Ordinal);
        var countries = new Dictionary<string, GazetteerEntry>();
        foreach (var e in entries)
        {
            if (!lists.TryGetValue(e.Name, out var list))
                lists[e.Name] = list = new List<GazetteerEntry>(1);
            list.Add(e);
            if (e.Level == PlaceLevel.Country)
                countries.TryAdd(e.Country, e);
        }
        _byName = new Dictionary<string, GazetteerEntry[]>(lists.Count, StringComparer.Ordinal);
        foreach (var (name, list) in lists)
        {
            if (list.Count > 1)
                list.Sort(static (a, b) => a.Curated != b.Curated ? b.Curated.CompareTo(a.Curated) : a.Level != b.Level ? a.Level.CompareTo(b.Level) : b.Population.CompareTo(a.Population));
            _byName[name] = [.. list];
        }
        _countries = countries.ToFrozenDictionary();
        _countryNames = countryNames.GroupBy(c => (c.Country, c.Language))
            .ToFrozenDictionary(g => g.Key, g => preferred?.GetValueOrDefault(g.Key)
                ?? g.Select(c => c.Name).Where(n => n.Any(char.IsLower)).OrderBy(n => n.Length).FirstOrDefault() ?? g.First().Name);
        _demonyms = demonyms.ToFrozenDictionary(StringComparer.Ordinal);
        int maxWords = 1;
        foreach (var k in _byName.Keys)
            maxWords = Math.Max(maxWords, k.AsSpan().Count(' ') + 1);
        MaxNameTokens = Math.Min(5, maxWords);
    }

    /// <summary>The largest number of space-separated words in any name.</summary>
    public int MaxNameTokens { get; }

    public int Count => _byName.Count;

    /// <summary>Entries named exactly <paramref name="name"/> (case-sensitive): curated first, then coarse to fine, then by population.</summary>
    public ReadOnlySpan<GazetteerEntry> Lookup(ReadOnlySpan<char> name) =>
        _byName.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(name, out var e) ? e : [];

    /// <summary>The country entry for an ISO code (coordinates of its capital), if known.</summary>
    public GazetteerEntry? Country(string code) => _countries.GetValueOrDefault(code);

    /// <summary>The usual name of a country in a language ("KZ", "de" → "Kasachstan"), falling back to English.</summary>
    public string? CountryName(string code, string language) =>
        _countryNames.GetValueOrDefault((code, language)) ?? _countryNames.GetValueOrDefault((code, "en"));

    /// <summary>The country an adjective refers to ("südkasachischen" → "KZ"), or null.</summary>
    public string? Demonym(ReadOnlySpan<char> lowerWord)
    {
        var lookup = _demonyms.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var prefix in s_compass)
        {
            if (lowerWord.StartsWith(prefix, StringComparison.Ordinal) && lowerWord.Length > prefix.Length + 4)
            {
                var rest = lowerWord[prefix.Length..];
                if (rest[0] == '-')
                    rest = rest[1..];
                var cc = Stem(lookup, rest);
                if (cc is not null)
                    return cc;
            }
        }
        return Stem(lookup, lowerWord);
    }

    private static string? Stem(FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> lookup, ReadOnlySpan<char> word)
    {
        foreach (var ending in s_inflections)
        {
            if (word.Length > ending.Length + 3 && word.EndsWith(ending, StringComparison.Ordinal)
                && lookup.TryGetValue(word[..^ending.Length], out var cc))
                return cc;
        }
        return null;
    }

    private static Gazetteer LoadEmbedded()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing; run `lagebild gazetteer build`");
        return Load(stream, LanguageData.Codes);
    }

    /// <summary>Loads a gazetteer TSV (gzip) and adds the exonyms, country names and demonyms of <paramref name="languages"/>.</summary>
    public static Gazetteer Load(Stream gzipTsv, IEnumerable<string> languages)
    {
        // Language data first, so that one pass over the big file finds the coordinates exonyms point to.
        var exonyms = new List<(string Name, string Target, string Country, PlaceLevel Level)>();
        var aliases = new List<(string Language, string Country, string[] Names)>();
        var demonyms = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var lang in languages)
        {
            foreach (var line in LanguageData.Lines(lang, "exonyms.txt"))
            {
                var f = line.Split('|', StringSplitOptions.TrimEntries);
                if (f.Length is 3 or 4)
                    exonyms.Add((f[0], f[1], f[2], f.Length == 4 && f[3] == "region" ? PlaceLevel.Region : PlaceLevel.City));
            }
            foreach (var line in LanguageData.Lines(lang, "countries.txt"))
            {
                int colon = line.IndexOf(':');
                var names = colon == 2 ? line[(colon + 1)..].Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [];
                if (names.Length > 0)
                    aliases.Add((lang, line[..2], names));
            }
            foreach (var line in LanguageData.Lines(lang, "demonyms.txt"))
            {
                int sp = line.LastIndexOf(' ');
                if (sp > 0)
                    demonyms[line[..sp].ToLowerInvariant()] = line[(sp + 1)..];
            }
        }
        var wanted = exonyms.Select(e => (e.Target, e.Country, e.Level)).ToHashSet();
        var found = new Dictionary<(string, string, PlaceLevel), GazetteerEntry>();

        var inv = CultureInfo.InvariantCulture;
        var entries = new List<GazetteerEntry>(120_000);
        var countryNames = new List<(string, string, string)>();
        var capitals = new Dictionary<string, GazetteerEntry>();
        using (var gz = new GZipStream(gzipTsv, CompressionMode.Decompress))
        using (var reader = new StreamReader(gz))
        {
            while (reader.ReadLine() is { } line)
            {
                if (line.Length == 0 || line[0] == '#')
                    continue;
                var f = line.Split('\t');
                if (f.Length < 6)
                    continue;
                var level = f[0] switch { "0" => PlaceLevel.Country, "1" => PlaceLevel.Region, _ => PlaceLevel.City };
                double? lat = double.TryParse(f[3], NumberStyles.Float, inv, out var la) ? la : null;
                double? lon = double.TryParse(f[4], NumberStyles.Float, inv, out var lo) ? lo : null;
                var e = new GazetteerEntry(f[1], level, f[2], lat, lon, long.TryParse(f[5], inv, out var p) ? p : 0)
                {
                    Id = f.Length > 7 && f[7].Length > 0 ? f[7] : null,
                    Admin1 = f.Length > 8 && f[8].Length > 0 ? f[8] : null,
                };
                entries.Add(e);
                if (level == PlaceLevel.Country)
                {
                    capitals.TryAdd(e.Country, e);
                    if (f.Length > 6 && f[6].Length > 0)
                        countryNames.Add((f[6], f[2], f[1]));
                }
                else if (wanted.Contains((e.Name, e.Country, level)) && (!found.TryGetValue((e.Name, e.Country, level), out var prev) || prev.Population < e.Population))
                {
                    found[(e.Name, e.Country, level)] = e;
                }
            }
        }
        foreach (var (name, target, cc, level) in exonyms)
        {
            var t = found.GetValueOrDefault((target, cc, level));
            entries.Add(new GazetteerEntry(name, level, cc, t?.Lat, t?.Lon, t?.Population ?? 0) { Curated = true, Id = t?.Id, Admin1 = t?.Admin1 });
        }
        var preferred = new Dictionary<(string, string), string>();
        foreach (var (lang, cc, names) in aliases)
        {
            preferred[(cc, lang)] = names[0];
            var at = capitals.GetValueOrDefault(cc);
            foreach (var n in names)
            {
                entries.Add(new GazetteerEntry(n, PlaceLevel.Country, cc, at?.Lat, at?.Lon, 0) { Id = "iso:" + cc });
                countryNames.Add((lang, cc, n));
            }
        }
        return new Gazetteer(entries, countryNames, demonyms, preferred);
    }
}
