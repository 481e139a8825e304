using System.IO.Compression;
using System.Reflection;
using System.Text.RegularExpressions;
using Lagebild.Languages;
using Lagebild.Places;

namespace Lagebild.Entities;

/// <summary>
/// Builds the model's lexicon at training time: word clusters (from <see cref="WordClusters"/>), place flags from
/// the project gazetteer (GeoNames cities and regions, country names, German exonyms and demonyms) and the
/// hand-written <see cref="NerLists"/>, and person-name flags from name lists given as files. The lexicon
/// carries only the flags and cluster numbers of word forms, not the lists themselves.
/// </summary>
public sealed partial class NerLexiconBuilder
{
    private readonly Dictionary<string, WordInfo> _words = new(StringComparer.Ordinal);

    /// <summary>Names seen while adding resources, for <see cref="NerSynthetic"/>.</summary>
    public NerSynthetic.Pools Pools { get; } = new();

    public NerLexicon Build() => new(new Dictionary<string, WordInfo>(_words, StringComparer.Ordinal));

    public int Count => _words.Count;

    private void Flag(string word, LexFlags flags)
    {
        var key = NerFeatures.Normalize(word);
        if (key.Length == 0)
            return;
        var info = _words.GetValueOrDefault(key, WordInfo.Unknown);
        _words[key] = info with { Flags = info.Flags | flags };
    }

    /// <summary>Flags every word of a name: one-word names get <paramref name="single"/>, longer ones first/inner flags.</summary>
    private void FlagName(string name, LexFlags single, LexFlags first, LexFlags inner)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 1)
        {
            Flag(words[0], single);
            return;
        }
        for (int i = 0; i < words.Length; i++)
            Flag(words[i], i == 0 ? first : inner);
    }

    /// <summary>Adds word clusters and capitalisation habits.</summary>
    public NerLexiconBuilder AddClusters(IEnumerable<WordCluster> clusters)
    {
        foreach (var c in clusters)
        {
            var info = _words.GetValueOrDefault(c.Word, WordInfo.Unknown);
            _words[c.Word] = info with { C1 = c.C1, C2 = c.C2, C3 = c.C3, Cap = c.Cap };
        }
        return this;
    }

    /// <summary>
    /// Adds place flags from the project's gazetteer resource (GeoNames cities ≥ the resource's population
    /// threshold, first-level regions, country names in German and English) and German exonyms and country
    /// names from the language data, plus the hand-written lists of <see cref="NerLists"/>.
    /// </summary>
    public NerLexiconBuilder AddProjectGazetteer()
    {
        using (var stream = typeof(Gazetteer).Assembly.GetManifestResourceStream(Gazetteer.ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {Gazetteer.ResourceName} is missing"))
        using (var gz = new GZipStream(stream, CompressionMode.Decompress))
        using (var reader = new StreamReader(gz))
        {
            while (reader.ReadLine() is { } line)
            {
                if (line.Length == 0 || line[0] == '#')
                    continue;
                var f = line.Split('\t');
                if (f.Length < 6 || f[1].Length < 2)
                    continue;
                var single = f[0] switch { "0" => LexFlags.Country, "1" => LexFlags.Region, _ => LexFlags.City };
                long.TryParse(f[5], out long pop);
                if (single == LexFlags.City && pop >= 100_000)
                    single |= LexFlags.BigCity;
                if (single.HasFlag(LexFlags.City) && (f[2] is "DE" or "AT" or "CH" ? pop >= 10_000 : pop >= 300_000))
                    Pools.Cities.Add(f[1]);
                else if (single == LexFlags.Country && f.Length > 6 && f[6] == "de")
                    Pools.Countries.Add(f[1]);
                else if (single == LexFlags.Region && !f[1].Any(char.IsDigit))
                    Pools.Regions.Add(f[1]);
                FlagName(f[1], single, LexFlags.MultiPlaceFirst, LexFlags.MultiPlaceInner);
            }
        }
        foreach (var line in LanguageData.Lines("de", "exonyms.txt"))
        {
            var f = line.Split('|', StringSplitOptions.TrimEntries);
            if (f.Length >= 3)
                Pools.Cities.Add(f[0]);
            if (f.Length >= 3)
                FlagName(f[0], LexFlags.PlaceCurated | (f.Length == 4 && f[3] == "region" ? LexFlags.Region : LexFlags.City), LexFlags.MultiPlaceFirst, LexFlags.MultiPlaceInner);
        }
        foreach (var lang in new[] { "de", "en" })
        {
            foreach (var line in LanguageData.Lines(lang, "countries.txt"))
            {
                int colon = line.IndexOf(':');
                if (colon != 2)
                    continue;
                foreach (var name in line[(colon + 1)..].Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                    FlagName(name, LexFlags.Country | LexFlags.PlaceCurated, LexFlags.MultiPlaceFirst, LexFlags.MultiPlaceInner);
            }
        }
        foreach (var name in NerLists.Places)
        {
            FlagName(name, LexFlags.PlaceCurated | LexFlags.Region, LexFlags.MultiPlaceFirst, LexFlags.MultiPlaceInner);
            Pools.Regions.Add(name);
        }
        foreach (var name in NerLists.Organisations)
        {
            FlagName(name, LexFlags.Organisation, LexFlags.MultiOrgFirst, LexFlags.MultiOrgInner);
            Pools.Organisations.Add(name);
        }
        foreach (var line in LanguageData.Lines("_shared", "agencies.txt"))
        {
            var name = line.TrimEnd('!').Trim();
            if (name.Length > 1 && !line.EndsWith('!'))
                FlagName(name, LexFlags.Agency, LexFlags.MultiOrgFirst, LexFlags.MultiOrgInner);
        }
        foreach (var w in NerLists.OrganisationCues)
            Flag(w, LexFlags.OrgCue);
        foreach (var w in NerLists.PersonCues)
            Flag(w, LexFlags.PersonCue);
        foreach (var w in NerLists.LocationCues)
            Flag(w, LexFlags.PlaceCue);
        return this;
    }

    /// <summary>Flags country adjectives ("deutschen", "Kasachische") among the lexicon's words and <paramref name="extraWords"/>.</summary>
    public NerLexiconBuilder AddDemonyms(IEnumerable<string> extraWords)
    {
        var gazetteer = Gazetteer.Default;
        foreach (var word in _words.Keys.Concat(extraWords.Select(NerFeatures.Normalize)).Distinct().ToList())
        {
            if (word.Length < 5 || !char.IsLetter(word[0]))
                continue;
            if (gazetteer.Demonym(word.ToLowerInvariant()) is not null)
                Flag(word, LexFlags.Demonym);
        }
        return this;
    }

    /// <summary>Adds surnames, one per line (gzip allowed); lower-case lines are capitalised.</summary>
    public NerLexiconBuilder AddSurnames(string path)
    {
        foreach (var name in ReadNames(path))
        {
            Flag(name, LexFlags.Surname);
            Pools.Surnames.Add(name);
        }
        return this;
    }

    /// <summary>
    /// Adds first names: a plain list (one per line) or a JavaScript/JSON file of quoted lower-case names
    /// (e.g. <c>['alfred', 'male'],</c>), capitalised here.
    /// </summary>
    public NerLexiconBuilder AddFirstNames(string path, bool german)
    {
        foreach (var name in ReadNames(path))
        {
            Flag(name, german ? LexFlags.FirstNameDe : LexFlags.FirstNameOther);
            Pools.FirstNames.Add(name);
        }
        return this;
    }

    [GeneratedRegex(@"\[\s*['""]([^'""]+)['""]\s*,")]
    private static partial Regex QuotedPairRegex();

    private static IEnumerable<string> ReadNames(string path)
    {
        using var reader = NerCorpus.Open(path);
        bool script = path.EndsWith(".js", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (script)
            {
                foreach (Match m in QuotedPairRegex().Matches(line))
                    yield return Capitalise(m.Groups[1].Value.Trim());
                continue;
            }
            var name = line.Trim();
            if (name.Length < 2 || name.StartsWith('#'))
                continue;
            yield return Capitalise(name);
        }
    }

    /// <summary>"hans-peter" → "Hans-Peter"; names that already have capitals stay as they are.</summary>
    private static string Capitalise(string name)
    {
        if (name.Any(char.IsUpper))
            return name;
        var chars = name.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            if (i == 0 || chars[i - 1] is '-' or ' ' or '\'')
                chars[i] = char.ToUpperInvariant(chars[i]);
        }
        return new string(chars);
    }
}
