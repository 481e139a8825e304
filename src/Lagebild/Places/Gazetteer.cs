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

    private readonly FrozenDictionary<string, GazetteerEntry[]> _byName;
    private readonly FrozenDictionary<string, string> _demonyms;
    private readonly FrozenDictionary<string, GazetteerEntry> _countries;
    private readonly FrozenDictionary<(string Country, string Language), string> _countryNames;

    private static readonly string[] s_inflections = ["", "e", "en", "er", "es", "em"];
    private static readonly string[] s_compass = ["süd", "nord", "ost", "west", "zentral", "mittel", "nordost", "nordwest", "südost", "südwest"];

    /// <summary>The gazetteer built from the embedded resource and language data, loaded on first use.</summary>
    public static Gazetteer Default => s_default.Value;

    public Gazetteer(IEnumerable<GazetteerEntry> entries, IEnumerable<(string Language, string Country, string Name)> countryNames, IReadOnlyDictionary<string, string> demonyms)
    {
        _byName = entries.GroupBy(e => e.Name, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.OrderByDescending(e => e.Curated).ThenBy(e => e.Level).ThenByDescending(e => e.Population).ToArray(), StringComparer.Ordinal);
        _countries = _byName.Values.SelectMany(v => v).Where(e => e.Level == PlaceLevel.Country)
            .GroupBy(e => e.Country).ToFrozenDictionary(g => g.Key, g => g.First());
        _countryNames = countryNames.GroupBy(c => (c.Country, c.Language))
            .ToFrozenDictionary(g => g.Key, g => g.Select(c => c.Name).Where(n => n.Any(char.IsLower)).OrderBy(n => n.Length).FirstOrDefault() ?? g.First().Name);
        _demonyms = demonyms.ToFrozenDictionary(StringComparer.Ordinal);
        MaxNameTokens = Math.Min(5, _byName.Keys.Max(k => k.Count(ch => ch == ' ') + 1));
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

    /// <summary>Loads a gazetteer TSV (gzip) and adds the exonyms and demonyms of <paramref name="languages"/>.</summary>
    public static Gazetteer Load(Stream gzipTsv, IEnumerable<string> languages)
    {
        var inv = CultureInfo.InvariantCulture;
        var entries = new List<GazetteerEntry>(40000);
        var countryNames = new List<(string, string, string)>();
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
                entries.Add(new GazetteerEntry(f[1], level, f[2], lat, lon, long.TryParse(f[5], inv, out var p) ? p : 0));
                if (level == PlaceLevel.Country && f.Length > 6)
                    countryNames.Add((f[6], f[2], f[1]));
            }
        }
        var byNameCountry = entries.Where(e => e.Level == PlaceLevel.City)
            .GroupBy(e => (e.Name, e.Country)).ToDictionary(g => g.Key, g => g.MaxBy(e => e.Population)!);
        var demonyms = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var lang in languages)
        {
            foreach (var line in LanguageData.Lines(lang, "exonyms.txt"))
            {
                var f = line.Split('|', StringSplitOptions.TrimEntries);
                if (f.Length != 3)
                    continue;
                var target = byNameCountry.GetValueOrDefault((f[1], f[2]));
                entries.Add(new GazetteerEntry(f[0], PlaceLevel.City, f[2], target?.Lat, target?.Lon, target?.Population ?? 0) { Curated = true });
            }
            foreach (var line in LanguageData.Lines(lang, "demonyms.txt"))
            {
                int sp = line.LastIndexOf(' ');
                if (sp > 0)
                    demonyms[line[..sp].ToLowerInvariant()] = line[(sp + 1)..];
            }
        }
        return new Gazetteer(entries, countryNames, demonyms);
    }
}
