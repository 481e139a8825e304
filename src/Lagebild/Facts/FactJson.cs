using System.Text.Json;
using Lagebild.Model;

namespace Lagebild.Facts;

/// <summary>Writes facts in the JSON shape of FACTS.md (one object per fact). Thread-safe.</summary>
public static class FactJson
{
    private static readonly JsonWriterOptions s_options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>One fact as a single-line JSON object.</summary>
    public static string ToJsonLine(string articleId, Fact fact, Document doc)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, s_options))
            Write(w, articleId, fact, doc);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static void Write(Utf8JsonWriter w, string articleId, Fact fact, Document doc) =>
        Write(w, articleId, fact, doc.Slice(fact, fact.Evidence), doc.Slice(fact, fact.CountSpan), doc.Slice(fact, fact.TriggerSpan));

    /// <summary>
    /// One fact from its texts (evidence sentence, count phrase, trigger word); with a <paramref name="story"/>,
    /// the object starts with <c>"type": "fact"</c> and the story id (the shape of <c>lagebild export --format jsonl</c>).
    /// </summary>
    public static void Write(Utf8JsonWriter w, string articleId, Fact fact, string sentence, string countText, string trigger, string? story = null)
    {
        w.WriteStartObject();
        if (story is not null)
        {
            w.WriteString("type", "fact");
            w.WriteString("story", story);
        }
        w.WriteString("article", articleId);
        w.WriteString("kind", FactKinds.Name(fact.Kind));
        w.WriteStartObject("count");
        if (fact.Count.Value is long v)
            w.WriteNumber("value", v);
        else
            w.WriteNull("value");
        w.WriteString("qualifier", FactKinds.Name(fact.Count.Qualifier));
        w.WriteNumber("min", fact.Count.Min);
        w.WriteNumber("max", fact.Count.Max);
        w.WriteEndObject();
        w.WriteBoolean("additional", fact.Additional);
        w.WriteBoolean("cumulative", fact.Cumulative);
        if (fact.Place is { } p)
        {
            w.WriteStartObject("place");
            w.WriteString("name", p.Name);
            WriteNullable(w, "country", p.Country);
            WriteNullable(w, "lat", p.Lat);
            WriteNullable(w, "lon", p.Lon);
            WriteNullable(w, "id", p.Id);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("place");
        }
        if (fact.Time is { } t)
        {
            w.WriteStartObject("time");
            w.WriteString("text", t.Text);
            WriteNullable(w, "date", t.Resolved?.ToString());
            w.WriteString("precision", PartialDate.PrecisionName(t.Resolved?.Precision ?? t.Precision));
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("time");
        }
        w.WriteStartObject("source");
        WriteNullable(w, "text", fact.Source?.Text);
        if (fact.Source is { } s)
            w.WriteString("cue", s.Cue);
        w.WriteEndObject();
        w.WriteStartObject("evidence");
        w.WriteString("sentence", sentence);
        w.WriteNumber("start", fact.Evidence.Start);
        w.WriteNumber("end", fact.Evidence.End);
        w.WriteString("count_text", countText);
        w.WriteString("trigger", trigger);
        if (fact.InTitle)
            w.WriteString("in", "title"); // offsets into the headline, not the body
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
            w.WriteNull(name);
        else
            w.WriteString(name, value);
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, double? value)
    {
        if (value is double d)
            w.WriteNumber(name, d);
        else
            w.WriteNull(name);
    }
}
