using Lagebild.Ingest;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Lagebild.Evaluation;

/// <summary>The two per-article figures scored against the Gun Violence Archive incidents.</summary>
public enum GvaFigure
{
    Killed,
    Injured,
}

/// <summary>One wrong (predicted, gold) pair and how often it occurred; <see cref="Predicted"/> null means "no prediction".</summary>
public sealed record GvaConfusion(double? Predicted, int Gold, int Count)
{
    public override string ToString() => $"{GvaEvaluation.Show(Predicted)}→{Gold.ToString(CultureInfo.InvariantCulture)} ×{Count.ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>
/// The figures of one subset (articles or incidents): <see cref="N"/> items, how many are correct, how many
/// have a prediction and how many of those are correct, and the most common errors.
/// </summary>
public sealed record GvaScore(int N, int Correct, int Predicted, int CorrectWhenPredicted, IReadOnlyList<GvaConfusion> Errors)
{
    /// <summary>Exact accuracy: correct / N (an item without prediction whose gold is 0 is correct).</summary>
    public double Accuracy => N == 0 ? 0 : (double)Correct / N;

    /// <summary>Share of items with a predicted figure.</summary>
    public double Coverage => N == 0 ? 0 : (double)Predicted / N;

    /// <summary>Exact accuracy over the items that have a predicted figure.</summary>
    public double AccuracyWhenPredicted => Predicted == 0 ? 0 : (double)CorrectWhenPredicted / Predicted;
}

/// <summary>
/// One figure's results: per article, for the articles whose text mentions a count of that figure
/// (<see cref="GvaEvaluation.MentionsCount"/>) and for all articles; the same per incident.
/// <see cref="AmbiguousGold"/> articles are linked to several incidents whose gold figures differ and are not scored.
/// </summary>
public sealed record GvaFigureReport(GvaFigure Figure, GvaScore Mentioning, GvaScore All, int AmbiguousGold, GvaScore IncidentsMentioning, GvaScore IncidentsAll);

/// <summary>The whole evaluation, with the input counts that explain it.</summary>
public sealed record GvaReport(
    int DocumentLines,
    int Articles,
    int MultiIncidentArticles,
    int SkippedDocuments,
    int Incidents,
    int PredictionLines,
    int PredictionsForUnknownArticles,
    GvaFigureReport Killed,
    GvaFigureReport Injured)
{
    public IEnumerable<GvaFigureReport> Figures => [Killed, Injured];

    /// <summary>A small text table, one line a figure and subset, then the most common errors.</summary>
    public string ToText()
    {
        var sb = new StringBuilder();
        var ic = CultureInfo.InvariantCulture;
        sb.Append(ic, $"GVA per-article killed/injured: {Articles} articles ({DocumentLines} document lines, {MultiIncidentArticles} articles linked to several incidents");
        if (SkippedDocuments > 0)
            sb.Append(ic, $", {SkippedDocuments} document lines skipped: incident not in the incidents file");
        sb.Append(ic, $"), {Incidents} incidents; {PredictionLines} prediction lines, {PredictionsForUnknownArticles} for articles not in the documents\n");
        sb.Append("rule: predicted figure = largest count.value among the article's non-additional facts of the kind (vague counts ignored); no such fact = \"none\", correct when the gold is 0\n\n");
        sb.Append(ic, $"{"figure",-8} {"level",-9} {"subset",-11} {"n",6} {"exact",7} {"acc|pred",9} {"coverage",9}\n");
        foreach (var f in Figures)
        {
            string name = GvaEvaluation.Name(f.Figure);
            Row(sb, name, "article", "mentioning", f.Mentioning);
            Row(sb, name, "article", "all", f.All);
            Row(sb, name, "incident", "mentioning", f.IncidentsMentioning);
            Row(sb, name, "incident", "all", f.IncidentsAll);
        }
        sb.Append('\n');
        foreach (var f in Figures)
        {
            string name = GvaEvaluation.Name(f.Figure);
            if (f.AmbiguousGold > 0)
                sb.Append(ic, $"{name}: {f.AmbiguousGold} articles not scored (linked incidents disagree on the gold)\n");
            sb.Append(ic, $"{name} errors, pred→gold (mentioning articles): {Errors(f.Mentioning)}\n");
            sb.Append(ic, $"{name} errors, pred→gold (all articles): {Errors(f.All)}\n");
        }
        return sb.ToString();
    }

    /// <summary>The report as one JSON object (snake_case keys, ratios rounded to 4 places).</summary>
    public string ToJson(bool indented = false)
    {
        var figures = new JsonObject();
        foreach (var f in Figures)
        {
            figures[GvaEvaluation.Name(f.Figure)] = new JsonObject
            {
                ["articles"] = new JsonObject { ["mentioning"] = Score(f.Mentioning), ["all"] = Score(f.All), ["ambiguous_gold"] = f.AmbiguousGold },
                ["incidents"] = new JsonObject { ["mentioning"] = Score(f.IncidentsMentioning), ["all"] = Score(f.IncidentsAll) },
            };
        }
        var root = new JsonObject
        {
            ["rule"] = "largest count.value among non-additional facts of the kind; vague counts ignored; no prediction is correct when the gold is 0",
            ["document_lines"] = DocumentLines,
            ["articles"] = Articles,
            ["multi_incident_articles"] = MultiIncidentArticles,
            ["skipped_documents"] = SkippedDocuments,
            ["incidents"] = Incidents,
            ["prediction_lines"] = PredictionLines,
            ["predictions_for_unknown_articles"] = PredictionsForUnknownArticles,
            ["figures"] = figures,
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = indented });
    }

    private static JsonObject Score(GvaScore s)
    {
        var errors = new JsonArray();
        foreach (var e in s.Errors)
            errors.Add(new JsonObject { ["pred"] = e.Predicted is { } p ? JsonValue.Create(p) : null, ["gold"] = e.Gold, ["count"] = e.Count });
        return new JsonObject
        {
            ["n"] = s.N,
            ["correct"] = s.Correct,
            ["predicted"] = s.Predicted,
            ["correct_when_predicted"] = s.CorrectWhenPredicted,
            ["accuracy"] = Math.Round(s.Accuracy, 4),
            ["accuracy_when_predicted"] = Math.Round(s.AccuracyWhenPredicted, 4),
            ["coverage"] = Math.Round(s.Coverage, 4),
            ["errors"] = errors,
        };
    }

    private static void Row(StringBuilder sb, string figure, string level, string subset, GvaScore s)
    {
        sb.Append(CultureInfo.InvariantCulture,
            $"{figure,-8} {level,-9} {subset,-11} {s.N,6} {s.Accuracy,7:F3} {s.AccuracyWhenPredicted,9:F3} {s.Coverage,9:F3}\n");
    }

    private static string Errors(GvaScore s) => s.Errors.Count == 0 ? "none" : string.Join(", ", s.Errors);
}

/// <summary>A bad line in one of the evaluation inputs: <see cref="Exception.Message"/> is "NAME: line N: what".</summary>
public sealed class GvaInputException(string input, int line, string what)
    : FormatException($"{input}: line {line.ToString(CultureInfo.InvariantCulture)}: {what}")
{
    public string Input { get; } = input;

    public int Line { get; } = line;
}

/// <summary>
/// Per-article exact accuracy of the killed and injured figures on the Gun Violence Archive articles
/// (<c>shared/data/gva-gun-violence-news</c>) against the incident gold (<c>num_killed</c>, <c>num_injured</c>).
/// Inputs are JSON Lines, gzip-compressed or plain (detected by the gzip magic bytes), read as streams:
/// documents <c>{doc_id, incident_id, text, …}</c>, incidents <c>{incident_id, num_killed, num_injured, …}</c>
/// and predictions in the FACTS.md shape as written by <c>lagebild extract</c> (<c>article</c> = <c>doc_id</c>).
/// <para><b>Scoring rules</b>, per article and per figure (killed, injured):</para>
/// <list type="number">
/// <item>The predicted figure is the largest <c>count.value</c> among the article's facts of that kind whose
/// <c>additional</c> is not true. Vague counts (no value, e.g. "dozens") are ignored; cumulative facts count
/// like any other. Without such a fact the prediction is "none".</item>
/// <item>The gold figure is the incident's <c>num_killed</c> / <c>num_injured</c>. An article listed under
/// several incidents (the same <c>doc_id</c> on several document lines) takes their common figure; when they
/// disagree, the article is not scored for that figure and is counted as "ambiguous gold".</item>
/// <item>A prediction is correct when it equals the gold exactly, or when it is "none" and the gold is 0
/// (a text that reports no deaths agrees with 0 killed).</item>
/// <item>Reported per figure: N, exact accuracy (correct / N), accuracy when predicted (correct among the
/// articles with a prediction), coverage (share with a prediction) and the most common (pred, gold) errors,
/// for the articles whose text mentions a count of the figure (<see cref="MentionsCount"/>) and for all articles.</item>
/// <item>Incident level (secondary): an incident's prediction is the most frequent predicted figure among its
/// articles (ties: the larger), "none" when no article has one; the same correctness rule. "Mentioning"
/// incidents are those with at least one mentioning article.</item>
/// </list>
/// Stateless and thread-safe.
/// </summary>
public static class GvaEvaluation
{
    private const int DefaultTopErrors = 6;

    /// <summary>Evaluates predictions against the GVA files at these paths (each gzip or plain JSON Lines).</summary>
    /// <exception cref="FileNotFoundException">A file does not exist.</exception>
    /// <exception cref="GvaInputException">A line is not valid (its message names the file and the line).</exception>
    public static GvaReport Evaluate(string documentsPath, string incidentsPath, string predictionsPath, int topErrors = DefaultTopErrors)
    {
        foreach (var p in new[] { incidentsPath, documentsPath, predictionsPath })
        {
            if (!File.Exists(p))
                throw new FileNotFoundException($"{p}: no such file", p);
        }
        using var incidents = OpenText(incidentsPath);
        using var documents = OpenText(documentsPath);
        using var predictions = OpenText(predictionsPath);
        return Evaluate(documents, incidents, predictions, topErrors, documentsPath, incidentsPath, predictionsPath);
    }

    /// <summary>Evaluates from readers (plain JSON Lines); errors name the inputs "documents", "incidents", "predictions" unless names are given.</summary>
    /// <exception cref="GvaInputException">A line is not valid.</exception>
    public static GvaReport Evaluate(TextReader documents, TextReader incidents, TextReader predictions, int topErrors = DefaultTopErrors,
        string documentsName = "documents", string incidentsName = "incidents", string predictionsName = "predictions")
    {
        var gold = ReadIncidents(incidents, incidentsName);
        var articles = new Dictionary<string, ArticleEntry>(StringComparer.Ordinal);
        int documentLines = 0, skipped = 0;
        foreach (var (line, e) in Lines(documents, documentsName))
        {
            documentLines++;
            string docId = RequireId(e, "doc_id", documentsName, line);
            string incidentId = RequireId(e, "incident_id", documentsName, line);
            string text = "";
            if (e.TryGetProperty("text", out var t) && t.ValueKind != JsonValueKind.Null)
            {
                if (t.ValueKind != JsonValueKind.String)
                    throw new GvaInputException(documentsName, line, $"\"text\" must be a string, found {JsonKinds.Describe(t.ValueKind)}");
                text = t.GetString()!;
            }
            if (!gold.ContainsKey(incidentId))
            {
                skipped++;
                continue;
            }
            if (!articles.TryGetValue(docId, out var entry))
            {
                entry = new ArticleEntry();
                articles.Add(docId, entry);
            }
            if (!entry.Incidents.Contains(incidentId))
                entry.Incidents.Add(incidentId);
            entry.Mentions[0] |= MentionsCount(text, GvaFigure.Killed);
            entry.Mentions[1] |= MentionsCount(text, GvaFigure.Injured);
        }

        int predictionLines = 0, unknown = 0;
        foreach (var (line, e) in Lines(predictions, predictionsName))
        {
            predictionLines++;
            string article = RequireString(e, "article", predictionsName, line);
            string kind = RequireString(e, "kind", predictionsName, line);
            if (!articles.TryGetValue(article, out var entry))
            {
                unknown++;
                continue;
            }
            int slot = kind switch { "killed" => 0, "injured" => 1, _ => -1 };
            if (slot < 0)
                continue;
            if (e.TryGetProperty("additional", out var add))
            {
                if (add.ValueKind is not (JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null))
                    throw new GvaInputException(predictionsName, line, $"\"additional\" must be true or false, found {JsonKinds.Describe(add.ValueKind)}");
                if (add.ValueKind == JsonValueKind.True)
                    continue;
            }
            if (!e.TryGetProperty("count", out var count) || count.ValueKind == JsonValueKind.Null)
                continue;
            if (count.ValueKind != JsonValueKind.Object)
                throw new GvaInputException(predictionsName, line, $"\"count\" must be an object, found {JsonKinds.Describe(count.ValueKind)}");
            if (!count.TryGetProperty("value", out var value) || value.ValueKind == JsonValueKind.Null)
                continue; // vague count
            if (value.ValueKind != JsonValueKind.Number)
                throw new GvaInputException(predictionsName, line, $"\"count.value\" must be a number or null, found {JsonKinds.Describe(value.ValueKind)}");
            double v = value.GetDouble();
            if (entry.Predicted[slot] is not { } old || v > old)
                entry.Predicted[slot] = v;
        }

        var byIncident = new Dictionary<string, List<ArticleEntry>>(StringComparer.Ordinal);
        foreach (var a in articles.Values)
        {
            foreach (var i in a.Incidents)
            {
                if (!byIncident.TryGetValue(i, out var list))
                    byIncident[i] = list = [];
                list.Add(a);
            }
        }
        return new GvaReport(documentLines, articles.Count, articles.Values.Count(a => a.Incidents.Count > 1), skipped, gold.Count,
            predictionLines, unknown,
            Figure(GvaFigure.Killed, articles.Values, byIncident, gold, topErrors),
            Figure(GvaFigure.Injured, articles.Values, byIncident, gold, topErrors));
    }

    /// <summary>
    /// Whether a text mentions a count of the figure — decided on the raw text, without Lagebild's extractor.
    /// <para>The text is cut into sentences (at . ! ? before white space, and at line breaks) and word tokens.
    /// A <b>number</b> is a run of up to three digits or a comma-grouped one (<c>1,200</c>), or one of the words
    /// zero, one … twenty, dozen, nobody. Not numbers: four-digit runs without commas (years, addresses), decimals,
    /// times (<c>3:45</c>, a number before a.m./p.m./am/pm/o'clock), digits joined to letters (<c>1st</c>,
    /// <c>9mm</c>) or to digits by a hyphen (<c>555-1234</c>), 911, numbers after $ or #, digits after a month name
    /// (<c>May 9</c>) or after news, channel, route, highway, interstate, age(d), number, no; and numbers followed by a unit
    /// word (year(s), month(s), week(s), day(s), hour(s), minute(s), second(s), time(s), block(s), mile(s), feet,
    /// foot, inch(es), yard(s), caliber, mm, percent, degrees, count(s), shots, round(s), bullet(s), dollars,
    /// cents, million, thousand, hundred).</para>
    /// <para>A <b>cue</b> for killed: killed, dead, died, dies, death, deaths, fatal, fatally, fatalities, murdered,
    /// slain, homicide, homicides. For injured: injured, injuring, injury, injuries, wounded, wounding, hurt,
    /// hospitalized, hospitalised, shot — except "shot dead", "shot and killed" and "shot to death".</para>
    /// <para>The text mentions a count when a number stands at most <see cref="Window"/> tokens before or after a
    /// cue of the figure in the same sentence.</para>
    /// </summary>
    public static bool MentionsCount(string text, GvaFigure figure)
    {
        var cues = figure == GvaFigure.Killed ? s_killedCues : s_injuredCues;
        var sentence = new List<Tok>(64);
        foreach (Match m in s_token.Matches(text))
        {
            if (m.Groups["end"].Success)
            {
                if (Check(sentence, cues, figure))
                    return true;
                sentence.Clear();
                continue;
            }
            sentence.Add(Classify(m, text));
        }
        return Check(sentence, cues, figure);
    }

    /// <summary>How many tokens a number may stand from its cue.</summary>
    public const int Window = 6;

    internal static string Name(GvaFigure f) => f == GvaFigure.Killed ? "killed" : "injured";

    internal static string Show(double? v) => v is { } x ? x.ToString("0.###", CultureInfo.InvariantCulture) : "none";

    // --- scoring ---

    private sealed class ArticleEntry
    {
        public readonly List<string> Incidents = new(1);
        public readonly bool[] Mentions = new bool[2];
        public readonly double?[] Predicted = new double?[2];
    }

    private static GvaFigureReport Figure(GvaFigure figure, IEnumerable<ArticleEntry> articles, Dictionary<string, List<ArticleEntry>> byIncident,
        Dictionary<string, (int Killed, int Injured)> gold, int top)
    {
        int slot = (int)figure;
        int Gold(string incident) => figure == GvaFigure.Killed ? gold[incident].Killed : gold[incident].Injured;
        var mentioning = new Tally();
        var all = new Tally();
        int ambiguous = 0;
        foreach (var a in articles)
        {
            var golds = a.Incidents.Select(Gold).Distinct().ToList();
            if (golds.Count != 1)
            {
                ambiguous++;
                continue;
            }
            all.Add(a.Predicted[slot], golds[0]);
            if (a.Mentions[slot])
                mentioning.Add(a.Predicted[slot], golds[0]);
        }
        var incMentioning = new Tally();
        var incAll = new Tally();
        foreach (var (incident, list) in byIncident.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            double? pred = list.Where(a => a.Predicted[slot] is not null)
                .GroupBy(a => a.Predicted[slot]!.Value)
                .OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key)
                .Select(g => (double?)g.Key).FirstOrDefault();
            int g = Gold(incident);
            incAll.Add(pred, g);
            if (list.Any(a => a.Mentions[slot]))
                incMentioning.Add(pred, g);
        }
        return new GvaFigureReport(figure, mentioning.Score(top), all.Score(top), ambiguous, incMentioning.Score(top), incAll.Score(top));
    }

    /// <summary>Whether a prediction is correct: equal to the gold, or none where the gold is 0.</summary>
    public static bool IsCorrect(double? predicted, int gold) => predicted is { } p ? p == gold : gold == 0;

    /// <summary>Counts predictions against gold figures: exact, with a prediction, and the (predicted, gold) errors.</summary>
    internal sealed class Tally
    {
        private int _n, _correct, _predicted, _correctPredicted;
        private readonly Dictionary<(double?, int), int> _errors = [];

        public void Add(double? pred, int gold)
        {
            _n++;
            bool ok = IsCorrect(pred, gold);
            if (ok)
                _correct++;
            if (pred is not null)
            {
                _predicted++;
                if (ok)
                    _correctPredicted++;
            }
            if (!ok)
                _errors[(pred, gold)] = _errors.GetValueOrDefault((pred, gold)) + 1;
        }

        public GvaScore Score(int top) => new(_n, _correct, _predicted, _correctPredicted,
            _errors.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key.Item1 ?? -1).ThenBy(kv => kv.Key.Item2)
                .Take(Math.Max(0, top)).Select(kv => new GvaConfusion(kv.Key.Item1, kv.Key.Item2, kv.Value)).ToList());
    }

    // --- reading ---

    internal static Dictionary<string, (int Killed, int Injured)> ReadIncidents(TextReader reader, string name)
    {
        var gold = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (line, e) in Lines(reader, name))
        {
            string id = RequireId(e, "incident_id", name, line);
            int killed = RequireCount(e, "num_killed", name, line);
            int injured = RequireCount(e, "num_injured", name, line);
            if (firstLine.TryGetValue(id, out int first))
                throw new GvaInputException(name, line, $"incident {id} is listed twice (first on line {first.ToString(CultureInfo.InvariantCulture)})");
            firstLine[id] = line;
            gold[id] = (killed, injured);
        }
        return gold;
    }

    /// <summary>Non-blank lines parsed as JSON objects, with their 1-based line numbers; the element is valid until the next line.</summary>
    internal static IEnumerable<(int Line, JsonElement Element)> Lines(TextReader reader, string name)
    {
        int n = 0;
        while (true)
        {
            string? text;
            try
            {
                text = reader.ReadLine();
            }
            catch (Exception e) when (e is InvalidDataException or IOException)
            {
                throw new GvaInputException(name, n + 1, $"unreadable ({e.Message})");
            }
            if (text is null)
                yield break;
            n++;
            if (string.IsNullOrWhiteSpace(text))
                continue;
            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(text);
            }
            catch (JsonException e)
            {
                throw new GvaInputException(name, n, $"not JSON ({e.Message})");
            }
            using (doc)
            {
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                    throw new GvaInputException(name, n, $"expected a JSON object, found {JsonKinds.Describe(doc.RootElement.ValueKind)}");
                yield return (n, doc.RootElement);
            }
        }
    }

    internal static string RequireString(JsonElement e, string key, string name, int line)
    {
        if (!e.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null)
            throw new GvaInputException(name, line, $"missing \"{key}\"");
        if (v.ValueKind != JsonValueKind.String)
            throw new GvaInputException(name, line, $"\"{key}\" must be a string, found {JsonKinds.Describe(v.ValueKind)}");
        return v.GetString()!;
    }

    /// <summary>An id: a string, or an integer written as a number.</summary>
    internal static string RequireId(JsonElement e, string key, string name, int line)
    {
        if (e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out long n))
            return n.ToString(CultureInfo.InvariantCulture);
        string s = RequireString(e, key, name, line);
        if (s.Length == 0)
            throw new GvaInputException(name, line, $"\"{key}\" is empty");
        return s;
    }

    private static int RequireCount(JsonElement e, string key, string name, int line)
    {
        if (!e.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null)
            throw new GvaInputException(name, line, $"missing \"{key}\"");
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out int n) || n < 0)
            throw new GvaInputException(name, line, $"\"{key}\" must be a non-negative integer, found {v.GetRawText()}");
        return n;
    }


    /// <summary>A UTF-8 reader over a file, decompressing it when it starts with the gzip magic bytes.</summary>
    public static StreamReader OpenText(string path)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        int b1 = stream.ReadByte(), b2 = stream.ReadByte();
        stream.Position = 0;
        Stream s = b1 == 0x1f && b2 == 0x8b ? new GZipStream(stream, CompressionMode.Decompress) : stream;
        return new StreamReader(s, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, 1 << 16);
    }

    // --- the mention heuristic ---

    private enum TokKind { Word, Number, Other }

    private readonly record struct Tok(TokKind Kind, string Text, bool Digits = false);

    // Order matters: times, digit groups with separators, digit-hyphen-digit, digits+letters, plain digits, words, sentence ends.
    private static readonly Regex s_token = new(
        @"(?<time>\d{1,2}:\d{2})|(?<grouped>\d+(?:[.,]\d+)+)|(?<hyph>\d+(?:-\d+)+)|(?<glued>\d+[A-Za-z]+)|(?<digits>\d+)|(?<word>[A-Za-z]+(?:'[A-Za-z]+)*)|(?<end>[.!?]+(?=\s|$)|\n)",
        RegexOptions.Compiled | RegexOptions.CultureInvariant);

    private static readonly Regex s_thousands = new(@"^\d{1,3}(?:,\d{3})+$", RegexOptions.Compiled | RegexOptions.CultureInvariant);

    private static readonly HashSet<string> s_numberWords = new(StringComparer.Ordinal)
    {
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
        "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "dozen", "nobody",
    };

    private static readonly HashSet<string> s_units = new(StringComparer.Ordinal)
    {
        "year", "years", "yr", "yrs", "month", "months", "week", "weeks", "day", "days", "hour", "hours", "minute", "minutes",
        "second", "seconds", "time", "times", "block", "blocks", "mile", "miles", "feet", "foot", "ft", "inch", "inches", "yard", "yards",
        "caliber", "calibre", "mm", "percent", "degrees", "count", "counts", "shots", "round", "rounds", "bullet", "bullets",
        "dollars", "cents", "million", "thousand", "hundred", "am", "pm", "o'clock",
    };

    /// <summary>Words before digits that make them a date, a channel, a road or an age rather than a count.</summary>
    private static readonly HashSet<string> s_digitPrefixes = new(StringComparer.Ordinal)
    {
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "news", "channel", "route", "highway", "interstate", "age", "aged", "ages", "number", "no",
    };

    private static readonly HashSet<string> s_killedCues = new(StringComparer.Ordinal)
    {
        "killed", "dead", "died", "dies", "death", "deaths", "fatal", "fatally", "fatalities", "murdered", "slain", "homicide", "homicides",
    };

    private static readonly HashSet<string> s_injuredCues = new(StringComparer.Ordinal)
    {
        "injured", "injuring", "injury", "injuries", "wounded", "wounding", "hurt", "hospitalized", "hospitalised", "shot",
    };

    private static Tok Classify(Match m, string text)
    {
        if (m.Groups["word"].Success)
        {
            string w = m.Value.ToLowerInvariant();
            return new Tok(s_numberWords.Contains(w) ? TokKind.Number : TokKind.Word, w);
        }
        if (m.Groups["digits"].Success)
        {
            char before = m.Index > 0 ? text[m.Index - 1] : ' ';
            bool number = m.Value.Length <= 3 && before is not ('$' or '#') && m.Value != "911";
            return new Tok(number ? TokKind.Number : TokKind.Other, m.Value, Digits: true);
        }
        if (m.Groups["grouped"].Success && s_thousands.IsMatch(m.Value))
        {
            char before = m.Index > 0 ? text[m.Index - 1] : ' ';
            return new Tok(before is '$' or '#' ? TokKind.Other : TokKind.Number, m.Value, Digits: true);
        }
        return new Tok(TokKind.Other, m.Value);
    }

    private static bool Check(List<Tok> s, HashSet<string> cues, GvaFigure figure)
    {
        if (s.Count == 0)
            return false;
        var numbers = new List<int>();
        for (int i = 0; i < s.Count; i++)
        {
            if (s[i].Kind == TokKind.Number && !FollowedByUnit(s, i) && !(s[i].Digits && i > 0 && s_digitPrefixes.Contains(s[i - 1].Text)))
                numbers.Add(i);
        }
        if (numbers.Count == 0)
            return false;
        for (int i = 0; i < s.Count; i++)
        {
            if (s[i].Kind != TokKind.Word || !cues.Contains(s[i].Text))
                continue;
            if (figure == GvaFigure.Injured && s[i].Text == "shot" && IsShotDead(s, i))
                continue;
            foreach (int j in numbers)
            {
                if (j != i && Math.Abs(j - i) <= Window)
                    return true;
            }
        }
        return false;
    }

    private static bool FollowedByUnit(List<Tok> s, int i)
    {
        if (i + 1 >= s.Count)
            return false;
        string next = s[i + 1].Text;
        if (s_units.Contains(next))
            return true;
        // a.m. / p.m. tokenise as "a" "m" / "p" "m"
        return next is "a" or "p" && i + 2 < s.Count && s[i + 2].Text == "m";
    }

    private static bool IsShotDead(List<Tok> s, int i)
    {
        string Next(int k) => i + k < s.Count ? s[i + k].Text : "";
        return Next(1) == "dead" || (Next(1) == "and" && Next(2) == "killed") || (Next(1) == "to" && Next(2) == "death");
    }
}
