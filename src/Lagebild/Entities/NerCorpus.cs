using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Lagebild.Model;
using Lagebild.Text;

namespace Lagebild.Entities;

/// <summary>One sentence of a NER corpus: tokens and their BIO tags (already mapped to <see cref="NerLabels.All"/>).</summary>
public sealed record NerSentence(string[] Tokens, string[] Tags)
{
    /// <summary>The corpus (file name) the sentence came from.</summary>
    public string Source { get; init; } = "";
}

/// <summary>The file formats the readers understand.</summary>
public enum NerFormat
{
    /// <summary>Token first, tag last, whitespace or tab separated; blank line between sentences; "# " comments and -DOCSTART- lines skipped (Europeana, ZEFYS, HIPE .conll, MobIE, LER).</summary>
    Conll,
    /// <summary>GermEval 2014: "#\tsource" comment lines, then index, token, outer tag, nested tag.</summary>
    GermEval,
    /// <summary>HIPE-2022 TSV: header row, NE-COARSE-LIT in the second column, EndOfSentence in MISC.</summary>
    Hipe,
    /// <summary>SmartData (Avro JSON Lines): text and character-offset concept mentions; tokenised here.</summary>
    SmartDataJson,
}

/// <summary>What a reader saw: sentences, tokens, and the corpus labels it did not know (mapped to O).</summary>
public sealed class NerReadStats
{
    public int Sentences { get; set; }
    public int Tokens { get; set; }
    public Dictionary<string, int> UnknownLabels { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, int> Entities { get; } = new(StringComparer.Ordinal);
}

/// <summary>
/// Readers for the NER corpora in ../shared/data, one per format, all producing <see cref="NerSentence"/>s with
/// tags mapped by <see cref="NerLabels.Map"/> and repaired to valid BIO.
/// </summary>
public static class NerCorpus
{
    /// <summary>Opens a file, decompressing gzip (by magic bytes).</summary>
    public static TextReader Open(string path)
    {
        var stream = File.OpenRead(path);
        int b1 = stream.ReadByte(), b2 = stream.ReadByte();
        stream.Position = 0;
        Stream s = b1 == 0x1f && b2 == 0x8b ? new GZipStream(stream, CompressionMode.Decompress) : stream;
        return new StreamReader(s, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
    }

    /// <summary>Reads every sentence of a corpus file, detecting its format.</summary>
    public static List<NerSentence> ReadFile(string path, NerReadStats? stats = null)
    {
        NerFormat format;
        using (var probe = Open(path))
            format = Detect(probe);
        using var reader = Open(path);
        var source = Path.GetFileName(path);
        return [.. Read(reader, format, stats).Select(s => s with { Source = source })];
    }

    /// <summary>Detects the format from the first lines.</summary>
    public static NerFormat Detect(TextReader reader)
    {
        for (int n = 0; n < 50 && reader.ReadLine() is { } line; n++)
        {
            if (line.Length == 0)
                continue;
            if (line[0] == '{')
                return NerFormat.SmartDataJson;
            if (line.StartsWith("TOKEN\t", StringComparison.Ordinal))
                return NerFormat.Hipe;
            if (IsGermEvalLine(line))
                return NerFormat.GermEval;
            if (line[0] != '#' && !line.StartsWith("-DOCSTART-", StringComparison.Ordinal))
                return NerFormat.Conll;
        }
        return NerFormat.Conll;
    }

    /// <summary>True for a GermEval comment ("#\tsource") or token line ("12\tWort\tB-LOC\tO").</summary>
    public static bool IsGermEvalLine(string line)
    {
        if (line.StartsWith("#\t", StringComparison.Ordinal))
            return true;
        int tab = line.IndexOf('\t');
        if (tab <= 0)
            return false;
        for (int i = 0; i < tab; i++)
        {
            if (!char.IsAsciiDigit(line[i]))
                return false;
        }
        return line.AsSpan().Count('\t') == 3;
    }

    public static IEnumerable<NerSentence> Read(TextReader reader, NerFormat format, NerReadStats? stats = null) => format switch
    {
        NerFormat.GermEval => ReadColumns(reader, stats, germEval: true),
        NerFormat.Hipe => ReadHipe(reader, stats),
        NerFormat.SmartDataJson => ReadSmartData(reader, stats),
        _ => ReadColumns(reader, stats, germEval: false),
    };

    private static IEnumerable<NerSentence> ReadColumns(TextReader reader, NerReadStats? stats, bool germEval)
    {
        var tokens = new List<string>();
        var tags = new List<string>();
        while (reader.ReadLine() is { } raw)
        {
            var line = raw.TrimEnd('\r');
            bool comment = germEval ? line.StartsWith('#') && !IsTokenLine(line) : line.StartsWith("# ", StringComparison.Ordinal) || line == "#";
            if (comment)
                continue;
            if (line.StartsWith("-DOCSTART-", StringComparison.Ordinal) || string.IsNullOrWhiteSpace(line))
            {
                if (tokens.Count > 0)
                    yield return Finish(tokens, tags, stats);
                continue;
            }
            var cols = line.Contains('\t') ? line.Split('\t') : line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (germEval)
            {
                if (cols.Length < 3)
                    continue;
                tokens.Add(cols[1]);
                tags.Add(MapCounted(cols[2], stats));
            }
            else
            {
                tokens.Add(cols[0]);
                tags.Add(cols.Length > 1 ? MapCounted(cols[^1], stats) : NerLabels.Outside);
            }
        }
        if (tokens.Count > 0)
            yield return Finish(tokens, tags, stats);

        // A GermEval token line whose token is "#" ("5\t#\tO\tO") is not a comment; comment lines start with "#\t" and have no index.
        static bool IsTokenLine(string line) => line.Length > 0 && char.IsAsciiDigit(line[0]);
    }

    private static IEnumerable<NerSentence> ReadHipe(TextReader reader, NerReadStats? stats)
    {
        var tokens = new List<string>();
        var tags = new List<string>();
        int tagColumn = 1, miscColumn = -1;
        while (reader.ReadLine() is { } raw)
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("TOKEN\t", StringComparison.Ordinal))
            {
                var head = line.Split('\t');
                tagColumn = Math.Max(1, Array.IndexOf(head, "NE-COARSE-LIT"));
                miscColumn = Array.IndexOf(head, "MISC");
                continue;
            }
            if (line.StartsWith('#'))
            {
                // "# hipe2022:document_id = …": a new document ends the sentence.
                if (line.Contains("document_id", StringComparison.Ordinal) && tokens.Count > 0)
                    yield return Finish(tokens, tags, stats);
                continue;
            }
            if (string.IsNullOrWhiteSpace(line))
            {
                if (tokens.Count > 0)
                    yield return Finish(tokens, tags, stats);
                continue;
            }
            var cols = line.Split('\t');
            tokens.Add(cols[0]);
            tags.Add(cols.Length > tagColumn ? MapCounted(cols[tagColumn], stats) : NerLabels.Outside);
            var misc = miscColumn >= 0 && miscColumn < cols.Length ? cols[miscColumn] : cols[^1];
            if (misc.Contains("EndOfSentence", StringComparison.Ordinal))
                yield return Finish(tokens, tags, stats);
        }
        if (tokens.Count > 0)
            yield return Finish(tokens, tags, stats);
    }

    private static readonly Lazy<Tokenizer> s_tokenizer = new(() => new Tokenizer());

    /// <summary>
    /// SmartData JSON Lines: the document text is tokenised and split by the project's own tokenizer and
    /// sentence splitter; each concept mention of a mapped type tags the tokens it overlaps (longest mention first, no overlaps).
    /// </summary>
    private static IEnumerable<NerSentence> ReadSmartData(TextReader reader, NerReadStats? stats)
    {
        while (reader.ReadLine() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
                continue;
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var text = Unwrap(root.GetProperty("text"))?.GetString();
            if (string.IsNullOrEmpty(text))
                continue;
            var mentions = new List<(int Start, int End, string Tag)>();
            if (root.TryGetProperty("conceptMentions", out var cm) && Unwrap(cm) is { ValueKind: JsonValueKind.Array } array)
            {
                foreach (var m in array.EnumerateArray())
                {
                    var span = m.GetProperty("span");
                    mentions.Add((span.GetProperty("start").GetInt32(), span.GetProperty("end").GetInt32(), m.GetProperty("type").GetString() ?? ""));
                }
            }
            foreach (var s in FromText(text, mentions, stats))
                yield return s;
        }

        static JsonElement? Unwrap(JsonElement e)
        {
            if (e.ValueKind == JsonValueKind.Null)
                return null;
            // Avro JSON: {"string": "…"}, {"array": […]}.
            if (e.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in e.EnumerateObject())
                {
                    if (p.Name is "string" or "array")
                        return p.Value;
                }
            }
            return e;
        }
    }

    /// <summary>Tokenises <paramref name="text"/> into sentences and tags tokens from character-offset mentions of corpus types.</summary>
    public static IEnumerable<NerSentence> FromText(string text, IEnumerable<(int Start, int End, string Type)> mentions, NerReadStats? stats = null)
    {
        var tokens = new List<Token>();
        s_tokenizer.Value.Tokenize(text, tokens);
        var sentences = new List<Sentence>();
        SentenceSplitter.Split(text, tokens, sentences);
        var tags = new string[tokens.Count];
        Array.Fill(tags, NerLabels.Outside);
        var mapped = new List<(int Start, int End, string Type)>();
        foreach (var (start, end, corpusType) in mentions)
        {
            var ours = NerLabels.Map("B-" + corpusType, out bool known);
            if (!known && stats is not null)
                stats.UnknownLabels[corpusType] = stats.UnknownLabels.GetValueOrDefault(corpusType) + 1;
            if (ours != NerLabels.Outside && end > start)
                mapped.Add((start, end, ours[2..]));
        }
        var taken = new bool[tokens.Count];
        foreach (var (start, end, type) in mapped.OrderByDescending(m => m.End - m.Start))
        {
            int first = -1, last = -1;
            for (int i = 0; i < tokens.Count; i++)
            {
                if (tokens[i].Start < end && start < tokens[i].End)
                {
                    if (first < 0)
                        first = i;
                    last = i;
                }
            }
            if (first < 0)
                continue;
            bool free = true;
            for (int i = first; i <= last; i++)
                free &= !taken[i];
            if (!free)
                continue;
            for (int i = first; i <= last; i++)
            {
                taken[i] = true;
                tags[i] = (i == first ? "B-" : "I-") + type;
            }
        }
        foreach (var s in sentences)
        {
            var toks = new List<string>(s.TokenCount);
            var tg = new List<string>(s.TokenCount);
            for (int i = s.FirstToken; i < s.EndToken; i++)
            {
                toks.Add(text[tokens[i].Start..tokens[i].End]);
                // A sentence break inside a mention: the part after it starts a new span.
                tg.Add(i == s.FirstToken && tags[i].StartsWith("I-", StringComparison.Ordinal) ? "B-" + tags[i][2..] : tags[i]);
            }
            if (toks.Count > 0)
                yield return Finish(toks, tg, stats);
        }
    }

    private static string MapCounted(string tag, NerReadStats? stats)
    {
        var mapped = NerLabels.Map(tag, out bool known);
        if (!known && stats is not null)
            stats.UnknownLabels[tag] = stats.UnknownLabels.GetValueOrDefault(tag) + 1;
        return mapped;
    }

    private static NerSentence Finish(List<string> tokens, List<string> tags, NerReadStats? stats)
    {
        NerLabels.Repair(tags);
        var sentence = new NerSentence([.. tokens], [.. tags]);
        tokens.Clear();
        tags.Clear();
        if (stats is not null)
        {
            stats.Sentences++;
            stats.Tokens += sentence.Tokens.Length;
            foreach (var (_, _, type) in NerLabels.Spans(sentence.Tags))
                stats.Entities[type] = stats.Entities.GetValueOrDefault(type) + 1;
        }
        return sentence;
    }

    /// <summary>
    /// Share of the word tokens of a sentence that look broken by OCR: a capital after a lower-case letter inside
    /// the word ("HmnObristcn"), letters mixed with digits ("B3rlin"), or characters that are neither letters nor
    /// word punctuation inside a word ("Ge;richt"). 0 for a sentence without words.
    /// </summary>
    public static double NoiseShare(IReadOnlyList<string> tokens)
    {
        int words = 0, broken = 0;
        foreach (var t in tokens)
        {
            if (t.Length < 2 || !t.Any(char.IsLetter))
                continue;
            words++;
            bool bad = false, digit = false, letter = false;
            for (int i = 0; i < t.Length && !bad; i++)
            {
                char c = t[i];
                if (char.IsLetter(c))
                {
                    letter = true;
                    if (i > 1 && char.IsUpper(c) && char.IsLower(t[i - 1]) && char.IsLower(t[i - 2]))
                        bad = true;
                }
                else if (char.IsDigit(c))
                {
                    digit = true;
                }
                else if (c is not ('-' or '.' or '\'' or '’' or '&' or '/') && i > 0 && i < t.Length - 1)
                {
                    bad = true;
                }
            }
            if (bad || (digit && letter && t.Length > 3))
                broken++;
        }
        return words == 0 ? 0 : (double)broken / words;
    }

    /// <summary>Writes sentences as "token&lt;TAB&gt;tag" lines with a blank line after each sentence.</summary>
    public static void WriteConll(TextWriter writer, IEnumerable<NerSentence> sentences)
    {
        foreach (var s in sentences)
        {
            for (int i = 0; i < s.Tokens.Length; i++)
            {
                writer.Write(s.Tokens[i]);
                writer.Write('\t');
                writer.Write(s.Tags[i]);
                writer.Write('\n');
            }
            writer.Write('\n');
        }
    }
}
