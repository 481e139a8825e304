using System.Globalization;
using System.Text.Json;
using Lagebild.Model;

namespace Lagebild.Ingest;

/// <summary>
/// JSON Lines (one object a line: id, published, title, text, url, source, language), read line
/// by line; also a JSON array of such objects, or one pretty-printed object. A bad line gives one
/// problem with its line number and reading goes on. An unparsable "published" keeps the article
/// (without a date) and adds a problem, so nothing is lost silently.
/// </summary>
internal sealed class JsonLinesFormat : IArticleFormat
{
    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = 64, AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Skip };

    public string Name => "jsonl";

    public IEnumerable<ReadOutcome> Read(Source source, ReadContext context)
    {
        var start = source.Head.AsSpan().TrimStart("\uFEFF \t\r\n");
        if (!start.IsEmpty && start[0] == '[')
            return ReadArray(source);
        if (source.Extension == ".json")
            return ReadJsonFile(source);
        return ReadLines(source);
    }

    private IEnumerable<ReadOutcome> ReadLines(Source source)
    {
        using var reader = source.Open();
        int lineNo = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            foreach (var o in ParseLine(line, source, lineNo))
                yield return o;
        }
    }

    private IEnumerable<ReadOutcome> ParseLine(string line, Source source, int lineNo)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(line, JsonOptions);
        }
        catch (JsonException e)
        {
            return [ReadOutcome.Fail(source.Origin, lineNo, "malformed JSON: " + FirstSentence(e.Message))];
        }
        using (doc)
            return FromObject(doc.RootElement, source, lineNo, $"{source.Origin}:{lineNo}", lineNo.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>A .json file: one object (possibly pretty-printed), else treated as JSON Lines.</summary>
    private IEnumerable<ReadOutcome> ReadJsonFile(Source source)
    {
        string all = source.ReadAll();
        JsonDocument? doc = null;
        try
        {
            doc = JsonDocument.Parse(all, JsonOptions);
        }
        catch (JsonException)
        {
            // Several objects, one a line: JSON Lines with a .json name.
        }
        if (doc is null)
            return ReadLines(Source.FromString(all, source.Origin, source.Stem, ".jsonl"));
        using (doc)
            return FromObject(doc.RootElement, source, null, source.Origin, "1");
    }

    private IEnumerable<ReadOutcome> ReadArray(Source source)
    {
        JsonDocument doc;
        string? error = null;
        try
        {
            using var r = source.Open();
            doc = JsonDocument.Parse(r.ReadToEnd(), JsonOptions);
        }
        catch (JsonException e)
        {
            doc = null!;
            error = "malformed JSON: " + FirstSentence(e.Message);
        }
        if (error is not null)
        {
            yield return ReadOutcome.Fail(source.Origin, null, error);
            yield break;
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
            {
                yield return ReadOutcome.Fail(source.Origin, null, "JSON is neither an object per line nor an array of objects");
                yield break;
            }
            int index = 0;
            foreach (var item in doc.RootElement.EnumerateArray())
            {
                index++;
                string n = index.ToString(CultureInfo.InvariantCulture);
                // No line numbers in a parsed array: articles carry the path, problems name the item.
                foreach (var o in FromObject(item, source, null, source.Origin, n))
                {
                    yield return o.Problem is { } p ? ReadOutcome.Fail(source.Origin, null, $"item {n}: {p.Message}") : o;
                }
            }
        }
    }

    /// <summary>Reads one article object; returns a list because a kept article may come with a date problem.</summary>
    private List<ReadOutcome> FromObject(JsonElement e, Source source, int? line, string origin, string idSuffix)
    {
        try
        {
            return ReadObject(e, source, line, origin, idSuffix);
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json parses "\ud83d" without its low half but refuses to turn it into a string (a name or a
            // value): one bad record, not the end of the file.
            return [ReadOutcome.Fail(source.Origin, line, "malformed JSON: a string holds an unpaired UTF-16 surrogate escape (\\uD800-\\uDFFF)")];
        }
    }

    private List<ReadOutcome> ReadObject(JsonElement e, Source source, int? line, string origin, string idSuffix)
    {
        if (e.ValueKind != JsonValueKind.Object)
            return [ReadOutcome.Fail(source.Origin, line, $"expected a JSON object, found {JsonKinds.Describe(e.ValueKind)}")];

        string? id = null;
        if (e.TryGetProperty("id", out var idEl))
        {
            if (idEl.ValueKind == JsonValueKind.String)
                id = idEl.GetString();
            else if (idEl.ValueKind != JsonValueKind.Null)
                return [ReadOutcome.Fail(source.Origin, line, $"\"id\" must be a string, found {JsonKinds.Describe(idEl.ValueKind)}")];
        }
        if (!e.TryGetProperty("text", out var textEl) || textEl.ValueKind == JsonValueKind.Null)
            return [ReadOutcome.Fail(source.Origin, line, "missing \"text\"")];
        if (textEl.ValueKind != JsonValueKind.String)
            return [ReadOutcome.Fail(source.Origin, line, $"\"text\" must be a string, found {JsonKinds.Describe(textEl.ValueKind)}")];
        string text = TextNormal.Clean(textEl.GetString()!).Trim();
        if (text.Length == 0)
            return [ReadOutcome.Fail(source.Origin, line, "\"text\" is empty")];

        var results = new List<ReadOutcome>(2);
        PartialDate? published = null;
        if (e.TryGetProperty("published", out var pubEl) && pubEl.ValueKind != JsonValueKind.Null)
        {
            string raw = pubEl.ValueKind == JsonValueKind.Number ? pubEl.GetRawText() : pubEl.ValueKind == JsonValueKind.String ? pubEl.GetString()! : pubEl.GetRawText();
            if (PartialDate.TryParse(raw, out var d))
                published = d;
            else
                results.Add(ReadOutcome.Fail(source.Origin, line, $"unparsed \"published\" value \"{TextNormal.Quote(raw)}\"; article kept without a date"));
        }

        if (string.IsNullOrWhiteSpace(id))
            id = $"{source.Stem}-{idSuffix}";
        results.Insert(0, ReadOutcome.Of(new Article
        {
            Id = id,
            Text = text,
            Title = TextNormal.CleanOptional(Str(e, "title")),
            Published = published,
            Url = Str(e, "url")?.Trim() ?? source.Url,
            Source = TextNormal.CleanOptional(Str(e, "source")),
            Author = TextNormal.CleanOptional(Str(e, "author")),
            DeclaredLanguage = TextNormal.LanguageCode(Str(e, "language")),
            Origin = origin,
            Format = Name,
        }));
        return results;
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;


    /// <summary>System.Text.Json messages run on with "Path: $ | LineNumber: 0 | ..."; keep the first part.</summary>
    private static string FirstSentence(string message)
    {
        int cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        var s = cut > 0 ? message[..cut] : message;
        return s.ReplaceLineEndings(" ").Trim();
    }
}
