using System.Globalization;
using System.Text;
using Lagebild.Model;

namespace Lagebild.Ingest;

/// <summary>
/// CSV/TSV. The delimiter (<c>;</c> <c>,</c> tab) and quote char (<c>"</c> or <c>'</c>) are sniffed
/// from the first lines. A header row naming known columns (id, title, text|body|content,
/// published|date, url, source, language, author; any case) maps them; without one (10kGNAD:
/// <c>label;'text'</c>) the longest field is the text and the id is <c>&lt;stem&gt;-&lt;row&gt;</c>.
/// Quoted fields may span lines; a doubled quote is a literal quote. A malformed row (wrong
/// field count, junk after a closing quote, an unterminated quote) gives one problem with its
/// line number and reading goes on. Rows are parsed one at a time from the text stream.
/// </summary>
internal sealed class CsvFormat : IArticleFormat
{
    public string Name => "csv";

    private static readonly string[] TextColumns = ["text", "body", "content"];
    private static readonly string[] DateColumns = ["published", "date", "pubdate", "published_at", "datetime"];
    private static readonly string[] UrlColumns = ["url", "link"];
    private static readonly string[] LanguageColumns = ["language", "lang"];
    private static readonly HashSet<string> Known = new(
        ["id", "title", "headline", "source", "author", .. TextColumns, .. DateColumns, .. UrlColumns, .. LanguageColumns],
        StringComparer.Ordinal);

    public IEnumerable<ReadOutcome> Read(Source source, ReadContext context)
    {
        var (delimiter, quote) = Sniff(source.Head, source.HeadIsAll, source.Extension);
        using var reader = source.Open();
        var parser = new CsvParser(reader, delimiter, quote);

        Columns? columns = null;
        int expected = -1;
        int row = 0;
        bool first = true;
        while (parser.Next() is { } rec)
        {
            if (rec.IsBlank)
                continue;
            if (rec.Error is not null)
            {
                if (!first)
                    row++;
                yield return ReadOutcome.Fail(source.Origin, rec.Line, rec.Error);
                if (rec.Fatal)
                    yield break;
                continue;
            }
            if (first)
            {
                first = false;
                columns = Columns.FromHeader(rec.Fields);
                expected = rec.Fields.Count;
                if (columns is not null)
                    continue;
            }
            row++;
            if (rec.Fields.Count != expected)
            {
                yield return ReadOutcome.Fail(source.Origin, rec.Line, $"expected {expected} fields, found {rec.Fields.Count}; row skipped");
                continue;
            }
            foreach (var o in ToArticle(rec, columns, row, source))
                yield return o;
        }
    }

    private IEnumerable<ReadOutcome> ToArticle(CsvRecord rec, Columns? c, int row, Source source)
    {
        var f = rec.Fields;
        string? Get(int i) => i >= 0 && i < f.Count ? f[i] : null;

        string rawText;
        if (c?.Text is int t and >= 0)
            rawText = f[t];
        else
        {
            // No header (or no text column): the longest field is the article.
            int best = 0;
            for (int i = 1; i < f.Count; i++)
            {
                if (c is not null && c.Mapped(i))
                    continue;
                if (f[i].Length > f[best].Length || (c is not null && c.Mapped(best)))
                    best = i;
            }
            rawText = f[best];
        }
        string text = TextNormal.Clean(rawText).Trim();
        if (text.Length == 0)
        {
            yield return ReadOutcome.Fail(source.Origin, rec.Line, "row has no text; skipped");
            yield break;
        }
        PartialDate? published = null;
        string? rawDate = Get(c?.Published ?? -1);
        bool badDate = false;
        if (!string.IsNullOrWhiteSpace(rawDate))
        {
            if (PartialDate.TryParse(rawDate, out var d))
                published = d;
            else
                badDate = true;
        }
        string? id = Get(c?.Id ?? -1)?.Trim();
        yield return ReadOutcome.Of(new Article
        {
            Id = string.IsNullOrEmpty(id) ? $"{source.Stem}-{row.ToString(CultureInfo.InvariantCulture)}" : id,
            Text = text,
            Title = TextNormal.CleanOptional(Get(c?.Title ?? -1)),
            Published = published,
            Url = Get(c?.Url ?? -1)?.Trim() is { Length: > 0 } u ? u : source.Url,
            Source = TextNormal.CleanOptional(Get(c?.SourceCol ?? -1)),
            Author = TextNormal.CleanOptional(Get(c?.Author ?? -1)),
            DeclaredLanguage = TextNormal.LanguageCode(Get(c?.Language ?? -1)),
            Origin = $"{source.Origin}:{rec.Line.ToString(CultureInfo.InvariantCulture)}",
            Format = Name,
        });
        if (badDate)
            yield return ReadOutcome.Fail(source.Origin, rec.Line, $"unparsed date \"{TextNormal.Quote(rawDate!)}\"; article kept without a date");
    }

    private sealed record Columns(int Id, int Title, int Text, int Published, int Url, int SourceCol, int Language, int Author)
    {
        public bool Mapped(int i) => i == Id || i == Title || i == Published || i == Url || i == SourceCol || i == Language || i == Author;

        public static Columns? FromHeader(IReadOnlyList<string> fields)
        {
            var names = fields.Select(x => x.Trim().Trim('\uFEFF').ToLowerInvariant()).ToList();
            if (names.Any(n => n.Length > 64) || !names.Any(Known.Contains))
                return null;
            int Find(params string[] candidates)
            {
                foreach (var cand in candidates)
                {
                    int i = names.IndexOf(cand);
                    if (i >= 0)
                        return i;
                }
                return -1;
            }
            return new Columns(Find("id"), Find("title", "headline"), Find(TextColumns), Find(DateColumns), Find(UrlColumns),
                Find("source"), Find(LanguageColumns), Find("author"));
        }
    }

    /// <summary>
    /// Picks the quote char by how often it sits at field boundaries, then the delimiter that
    /// splits the first records into the most consistent number (≥ 2) of fields.
    /// </summary>
    internal static (char Delimiter, char Quote) Sniff(string head, bool complete, string? extension)
    {
        const string delimiters = ";,\t";
        int Score(char q)
        {
            int s = 0;
            for (int i = 0; i < head.Length; i++)
            {
                if (head[i] != q)
                    continue;
                char before = i == 0 ? '\n' : head[i - 1];
                char after = i + 1 < head.Length ? head[i + 1] : '\n';
                if (before is '\n' or '\r' || delimiters.Contains(before))
                    s++;
                if (after is '\n' or '\r' || delimiters.Contains(after))
                    s++;
            }
            return s;
        }
        char quote = Score('\'') > Score('"') ? '\'' : '"';

        char best = extension == ".tsv" ? '\t' : ',';
        double bestScore = 0;
        int bestWidth = 0;
        // Tab first for .tsv so it wins ties.
        var order = extension == ".tsv" ? "\t;," : ";,\t";
        foreach (char d in order)
        {
            var counts = new List<int>();
            var p = new CsvParser(new StringReader(head), d, quote);
            while (counts.Count < 21 && p.Next() is { } rec)
            {
                if (!rec.IsBlank && rec.Error is null)
                    counts.Add(rec.Fields.Count);
            }
            if (!complete && counts.Count > 1)
                counts.RemoveAt(counts.Count - 1); // the head may cut the last record
            if (counts.Count == 0)
                continue;
            var mode = counts.GroupBy(x => x).OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key).First();
            if (mode.Key < 2)
                continue;
            double score = (double)mode.Count() / counts.Count;
            if (score > bestScore + 1e-9 || (Math.Abs(score - bestScore) < 1e-9 && mode.Key > bestWidth))
            {
                best = d;
                bestScore = score;
                bestWidth = mode.Key;
            }
        }
        return (best, quote);
    }
}

/// <summary>One parsed CSV record: its fields, the line it starts on, or why it is malformed.</summary>
internal sealed record CsvRecord(List<string> Fields, int Line, string? Error, bool Fatal = false)
{
    public bool IsBlank => Error is null && Fields.Count == 1 && Fields[0].Length == 0;
}

/// <summary>
/// A streaming RFC 4180-style parser with a configurable delimiter and quote. Tracks physical
/// line numbers. On an unterminated quote it reports the record and re-reads the text after
/// that record's first line, so one stray quote costs one row, not the rest of the file.
/// Not thread-safe (one instance per stream).
/// </summary>
internal sealed class CsvParser
{
    private const int MaxRecoveries = 100;

    private readonly TextReader _reader;
    private readonly char _delimiter;
    private readonly char _quote;
    private readonly char[] _buf = new char[1 << 15];
    private int _pos, _len;
    private string? _pushback;
    private int _pushPos;
    private int _line = 1;
    private int _recoveries;
    private bool _done;

    public CsvParser(TextReader reader, char delimiter, char quote)
    {
        _reader = reader;
        _delimiter = delimiter;
        _quote = quote;
    }

    private int Peek()
    {
        if (_pushback is not null)
        {
            if (_pushPos < _pushback.Length)
                return _pushback[_pushPos];
            _pushback = null;
        }
        if (_pos >= _len)
        {
            _len = _reader.Read(_buf, 0, _buf.Length);
            _pos = 0;
            if (_len <= 0)
            {
                _len = 0;
                return -1;
            }
        }
        return _buf[_pos];
    }

    private int Read()
    {
        int c = Peek();
        if (c < 0)
            return c;
        if (_pushback is not null)
            _pushPos++;
        else
            _pos++;
        return c;
    }

    /// <summary>Reads a line end if one is next (\n, \r\n or \r); true when it did.</summary>
    private bool TryNewline(int c, StringBuilder raw)
    {
        if (c == '\n')
        {
            _line++;
            return true;
        }
        if (c == '\r')
        {
            if (Peek() == '\n')
            {
                Read();
                raw.Append('\n');
            }
            _line++;
            return true;
        }
        return false;
    }

    private readonly StringBuilder _raw = new();

    /// <summary>The next record, or null at the end.</summary>
    public CsvRecord? Next()
    {
        if (_done || Peek() < 0)
            return null;
        int startLine = _line;
        var fields = new List<string>();
        var field = new StringBuilder();
        var raw = _raw.Clear();
        string? error = null;

        while (true)
        {
            // Start of a field.
            int c = Read();
            if (c >= 0)
                raw.Append((char)c);
            if (c == _quote)
            {
                // Quoted field.
                while (true)
                {
                    c = Read();
                    if (c < 0)
                        return Recover(startLine, raw);
                    raw.Append((char)c);
                    if (c == _quote)
                    {
                        if (Peek() == _quote)
                        {
                            raw.Append((char)Read());
                            field.Append(_quote);
                            continue;
                        }
                        break;
                    }
                    if (c == '\r' || c == '\n')
                    {
                        TryNewline(c, raw);
                        field.Append('\n');
                        continue;
                    }
                    field.Append((char)c);
                }
                // After the closing quote: delimiter, line end or end of input.
                c = Read();
                if (c >= 0)
                    raw.Append((char)c);
                if (c != _delimiter && c >= 0 && c != '\r' && c != '\n')
                {
                    // A quote that "closed" lines later, followed by junk: most likely a quote
                    // that never closed and swallowed the next rows. Re-read them.
                    if (_line > startLine)
                        return Recover(startLine, raw);
                    error ??= $"unexpected character '{(char)c}' after a closing quote; row skipped";
                    // Skip the rest of this field as literal text to find the record's end.
                    while ((c = Read()) >= 0 && c != _delimiter && c != '\r' && c != '\n')
                        raw.Append((char)c);
                }
            }
            else
            {
                // Unquoted field: a quote char inside it is literal (O'Brien).
                while (c >= 0 && c != _delimiter && c != '\r' && c != '\n')
                {
                    field.Append((char)c);
                    c = Read();
                    if (c >= 0)
                        raw.Append((char)c);
                }
            }
            fields.Add(field.ToString());
            field.Clear();
            if (c == _delimiter)
                continue;
            if (c >= 0)
                TryNewline(c, raw);
            return new CsvRecord(fields, startLine, error);
        }
    }

    private CsvRecord Recover(int startLine, StringBuilder raw)
    {
        string message = "unterminated quote: the quoted field starting on this line does not close; row skipped";
        _recoveries++;
        if (_recoveries > MaxRecoveries)
        {
            _done = true;
            return new CsvRecord([], startLine, $"more than {MaxRecoveries} unterminated quotes; rest of file not read", Fatal: true);
        }
        // Re-read everything after the record's first line break.
        string text = raw.ToString();
        int nl = text.IndexOfAny(['\n', '\r']);
        if (nl >= 0)
        {
            int skip = nl + 1;
            if (text[nl] == '\r' && skip < text.Length && text[skip] == '\n')
                skip++;
            string rest = text[skip..];
            if (_pushback is not null && _pushPos < _pushback.Length)
                rest += _pushback[_pushPos..];
            _pushback = rest.Length > 0 ? rest : null;
            _pushPos = 0;
            _line = startLine + 1;
        }
        return new CsvRecord([], startLine, message);
    }
}
