using System.Globalization;
using System.Text;
using System.Text.Json;
using Lagebild.Facts;
using Lagebild.Model;
using Lagebild.Stories;

namespace Lagebild.Exports;

/// <summary>
/// Writes stories in formats other tools open: an ACLED-like CSV (one row per event), GeoJSON (one point per
/// event with coordinates), and JSON Lines (every claim as a FACTS.md fact with its story, then every
/// reconciled figure). Thread-safe.
/// </summary>
public static class Exporters
{
    /// <summary>The CSV columns, in order.</summary>
    public static readonly IReadOnlyList<string> CsvColumns =
    [
        "event_id", "story", "event_date", "time_precision", "country", "location", "place_id", "latitude", "longitude",
        "fatalities", "injuries", "arrests", "troops_deployed", "troops_withdrawn", "protesters", "evacuated", "displaced", "missing",
        "sources", "articles", "notes", "title",
    ];

    private static readonly (string Column, FactKind Kind)[] s_kindColumns =
    [
        ("fatalities", FactKind.Killed), ("injuries", FactKind.Injured), ("arrests", FactKind.Arrested),
        ("troops_deployed", FactKind.TroopsDeployed), ("troops_withdrawn", FactKind.TroopsWithdrawn), ("protesters", FactKind.Protesters),
        ("evacuated", FactKind.Evacuated), ("displaced", FactKind.Displaced), ("missing", FactKind.Missing),
    ];

    /// <summary>RFC 4180 CSV with a header: quoted where needed, CRLF line ends, UTF-8.</summary>
    public static void WriteCsv(TextWriter w, IEnumerable<EventRow> rows)
    {
        w.Write(string.Join(',', CsvColumns));
        w.Write("\r\n");
        var ic = CultureInfo.InvariantCulture;
        foreach (var r in rows)
        {
            var cells = new List<string?>
            {
                r.EventId, r.Story, r.Date?.Date.ToString("yyyy-MM-dd", ic), r.Date is { } d ? PartialDate.PrecisionName(d.Precision) : null,
                r.Country, r.Place, r.PlaceId, r.Lat?.ToString("R", ic), r.Lon?.ToString("R", ic),
            };
            foreach (var (_, kind) in s_kindColumns)
                cells.Add(r.Figures.TryGetValue(kind, out var f) ? EventRow.Number(f).ToString(ic) : null);
            cells.Add(string.Join("; ", r.Sources));
            cells.Add(string.Join("; ", r.Articles));
            cells.Add(r.Notes);
            cells.Add(r.Title);
            w.Write(string.Join(',', cells.Select(Cell)));
            w.Write("\r\n");
        }
    }

    private static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return "";
        // A leading =, +, - or @ would be a formula in a spreadsheet: keep it text.
        if (value[0] is '=' or '+' or '-' or '@')
            value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }

    private static readonly JsonWriterOptions s_json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    /// <summary>A GeoJSON FeatureCollection (RFC 7946): one Point per event that has coordinates, figures as properties.</summary>
    public static void WriteGeoJson(Stream s, IEnumerable<EventRow> rows)
    {
        using var w = new Utf8JsonWriter(s, s_json);
        w.WriteStartObject();
        w.WriteString("type", "FeatureCollection");
        w.WriteStartArray("features");
        foreach (var r in rows.Where(r => r.Lat is not null && r.Lon is not null))
        {
            w.WriteStartObject();
            w.WriteString("type", "Feature");
            w.WriteString("id", r.EventId);
            w.WriteStartObject("geometry");
            w.WriteString("type", "Point");
            w.WriteStartArray("coordinates");
            w.WriteNumberValue(Math.Round(r.Lon!.Value, 5));
            w.WriteNumberValue(Math.Round(r.Lat!.Value, 5));
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartObject("properties");
            w.WriteString("story", r.Story);
            w.WriteString("title", r.Title);
            w.WriteString("place", r.Place);
            if (r.PlaceId is null) w.WriteNull("place_id"); else w.WriteString("place_id", r.PlaceId);
            if (r.Country is null) w.WriteNull("country"); else w.WriteString("country", r.Country);
            if (r.Date is { } d) w.WriteString("date", d.ToString()); else w.WriteNull("date");
            w.WriteStartObject("figures");
            foreach (var (kind, f) in r.Figures.OrderBy(kv => kv.Key))
            {
                w.WriteStartObject(FactKinds.Name(kind));
                if (f.Count.Value is long v) w.WriteNumber("value", v); else w.WriteNull("value");
                w.WriteString("qualifier", FactKinds.Name(f.Count.Qualifier));
                w.WriteNumber("min", f.Min);
                w.WriteNumber("max", f.Max);
                w.WriteString("status", Figure.StatusName(f.Status));
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteString("sources", string.Join("; ", r.Sources));
            w.WriteNumber("articles", r.Articles.Count);
            w.WriteString("notes", r.Notes);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>JSON Lines: each claim as a fact ({"type":"fact", "story", then the FACTS.md fields}), then each story's figures ({"type":"figure", …}).</summary>
    public static void WriteJsonLines(TextWriter w, IEnumerable<StoryView> stories)
    {
        foreach (var story in stories)
        {
            foreach (var f in story.Timeline)
                w.WriteLine(FactLine(story.Id, f));
            foreach (var line in StoryJson.FigureLines(story))
                w.WriteLine(line);
        }
    }

    private static string FactLine(string story, SituationFact f)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, s_json))
            FactJson.Write(w, f.ArticleId, f.Fact, f.Sentence, f.Part(f.Fact.CountSpan), f.Part(f.Fact.TriggerSpan), story);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
