using System.Globalization;
using System.Text.Json;
using Lagebild.Model;

namespace Lagebild.Stories;

/// <summary>
/// Writes stories as JSON Lines: <c>story</c>, <c>title</c>, <c>articles</c> (ids), <c>places</c>,
/// <c>first_seen</c>, <c>last_seen</c>, <c>merged</c> (stories merged into it, and the article that tied them),
/// <c>entities</c> (joined across the articles: id, type, name, aliases, articles, mentions, place), and <c>figures</c>, each with <c>kind</c>, <c>place</c>,
/// <c>count</c> {value, qualifier, min, max} (the best figure; min/max span all claims where they conflict),
/// <c>status</c> (single, agreeing, rising, conflicting), <c>main</c> (the story's one figure of its kind, as
/// <see cref="Reconciler.Main"/> picks it), <c>note</c> and its <c>claims</c>
/// ({article, count, source, published, as_of}), oldest first. Thread-safe.
/// </summary>
public static class StoryJson
{
    private static readonly JsonWriterOptions s_options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string ToJsonLine(StoryView story)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, s_options))
            Write(w, story);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static void Write(Utf8JsonWriter w, StoryView story)
    {
        w.WriteStartObject();
        w.WriteString("story", story.Id);
        w.WriteString("title", story.Title);
        w.WriteStartArray("articles");
        foreach (var a in story.Articles)
            w.WriteStringValue(a.Id);
        w.WriteEndArray();
        w.WriteStartArray("places");
        foreach (var p in story.Places)
            w.WriteStringValue(p);
        w.WriteEndArray();
        WriteDate(w, "first_seen", story.FirstSeen);
        WriteDate(w, "last_seen", story.LastSeen);
        w.WriteStartArray("merged");
        foreach (var m in story.Merged)
        {
            w.WriteStartObject();
            w.WriteString("story", m.Absorbed);
            w.WriteString("by_article", m.ByArticle);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("entities");
        foreach (var e in story.Entities)
        {
            w.WriteStartObject();
            Lagebild.Linking.EntityJson.WriteHead(w, e.Id, e.Type, e.Name, e.Aliases);
            w.WriteStartArray("articles");
            foreach (var a in e.Articles)
                w.WriteStringValue(a);
            w.WriteEndArray();
            w.WriteNumber("mentions", e.Mentions);
            Lagebild.Linking.EntityJson.WritePlace(w, e.Place);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("figures");
        var main = MainFigures(story);
        foreach (var f in story.Figures)
            WriteFigure(w, f, null, main.Contains(f));
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>Each figure of a story as one line: {"type":"figure", "story", then the figure fields of <see cref="Write"/>}.</summary>
    public static IEnumerable<string> FigureLines(StoryView story)
    {
        var main = MainFigures(story);
        foreach (var f in story.Figures)
        {
            using var buffer = new MemoryStream();
            using (var w = new Utf8JsonWriter(buffer, s_options))
                WriteFigure(w, f, story.Id, main.Contains(f));
            yield return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        }
    }

    // Per kind, the one figure Reconciler.Main picks when one number is wanted.
    private static HashSet<Figure> MainFigures(StoryView story) =>
        story.Figures.Select(f => f.Kind).Distinct().Select(k => Reconciler.Main(story.Figures, k)).OfType<Figure>()
            .ToHashSet<Figure>(ReferenceEqualityComparer.Instance);

    private static void WriteFigure(Utf8JsonWriter w, Figure f, string? story, bool main)
    {
        w.WriteStartObject();
        if (story is not null)
        {
            w.WriteString("type", "figure");
            w.WriteString("story", story);
        }
        w.WriteString("kind", FactKinds.Name(f.Kind));
        if (f.Place is null)
            w.WriteNull("place");
        else
            w.WriteString("place", f.Place);
        if (f.PlaceId is null)
            w.WriteNull("place_id");
        else
            w.WriteString("place_id", f.PlaceId);
        w.WriteBoolean("additional", f.Additional);
        if (f.EventDay is { } day)
            w.WriteString("event_day", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        else
            w.WriteNull("event_day");
        WriteCount(w, "count", f.Count, f.Min, f.Max);
        w.WriteString("status", Figure.StatusName(f.Status));
        w.WriteBoolean("main", main);
        w.WriteString("note", f.Note);
        w.WriteStartArray("claims");
        foreach (var c in f.Claims)
        {
            w.WriteStartObject();
            w.WriteString("article", c.ArticleId);
            WriteCount(w, "count", c.Count, c.Count.Min, c.Count.Max);
            if (c.Source is null)
                w.WriteNull("source");
            else
                w.WriteString("source", c.Source);
            WriteDate(w, "published", c.Published);
            if (c.AsOf is { } asOf)
                w.WriteString("as_of", asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            else
                w.WriteNull("as_of");
            w.WriteString("evidence", c.Sentence);
            w.WriteBoolean("lead", Reconciler.IsLead(c));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteCount(Utf8JsonWriter w, string name, Count count, long min, long max)
    {
        w.WriteStartObject(name);
        if (count.Value is long v)
            w.WriteNumber("value", v);
        else
            w.WriteNull("value");
        w.WriteString("qualifier", FactKinds.Name(count.Qualifier));
        w.WriteNumber("min", min);
        w.WriteNumber("max", max);
        w.WriteEndObject();
    }

    private static void WriteDate(Utf8JsonWriter w, string name, PartialDate? date)
    {
        if (date is { } d)
            w.WriteString(name, d.ToString());
        else
            w.WriteNull(name);
    }
}
