using System.Text.RegularExpressions;
using Lagebild.Languages;
using Lagebild.Model;
using Lagebild.Pipeline;

namespace Lagebild.Boilerplate;

/// <summary>
/// Finds the parts of an article body that are not the article: photo captions with their credits
/// ("… Foto: Reuters/Pavel Mikheyev", a leading "REUTERS/Mariya Gordeyeva …" caption line),
/// agency tags ("(dpa, AFP)", "Berlin (dpa) –") and lines that link to another story ("RELATED: …").
/// They are kept as metadata and excluded from fact reading. Agency names, credit and related labels
/// come from the language data files.
/// Immutable and thread-safe.
/// </summary>
public sealed class BoilerplateDetector : IPipelineComponent
{
    // Captions are short: a paragraph longer than this that ends in a credit is text with a credit glued on.
    private const int MaxCaptionLength = 400;

    private readonly HashSet<string> _agencies;
    private readonly Regex _leadingCredit;
    private readonly Regex _labelledCredit;
    private readonly Regex _agencyTag;
    private readonly Regex? _related;
    private readonly Regex? _chrome;

    // A line of the page around the article is short: a longer paragraph with such a phrase is text that quotes it.
    private const int MaxChromeLength = 300;

    public BoilerplateDetector()
        : this(LanguageData.Lines("_shared", "agencies.txt"), LanguageData.Codes.SelectMany(c => LanguageData.Lines(c, "credit-labels.txt")),
            LanguageData.Codes.SelectMany(c => LanguageData.Lines(c, "related-labels.txt")),
            LanguageData.Codes.SelectMany(c => LanguageData.Lines(c, "chrome.txt")))
    {
    }

    /// <param name="agencies">Agency names; a trailing "!" marks a tag word that is not an agency.</param>
    /// <param name="creditLabels">Words that introduce a credit ("Foto").</param>
    /// <param name="relatedLabels">Words that introduce a link to another story at the start of a line ("RELATED", "Lesen Sie auch").</param>
    /// <param name="chrome">Phrases that make a short line a line of the web page around the article ("all rights reserved");
    /// after '=', the whole line ("=Advertisement").</param>
    public BoilerplateDetector(IEnumerable<string> agencies, IEnumerable<string> creditLabels, IEnumerable<string>? relatedLabels = null,
        IEnumerable<string>? chrome = null)
    {
        var phrases = (chrome ?? []).Select(c => c.Trim().ToLowerInvariant()).Where(c => c.Length > 1).Distinct().ToList();
        var inLine = phrases.Where(c => c[0] != '=').OrderByDescending(c => c.Length).Select(Regex.Escape).ToList();
        var whole = phrases.Where(c => c[0] == '=').Select(c => Regex.Escape(c[1..].Trim())).ToList();
        if (inLine.Count + whole.Count > 0)
        {
            var alternatives = new List<string>();
            if (inLine.Count > 0)
                alternatives.Add($@"(?<![\p{{L}}\p{{N}}])(?:{string.Join('|', inLine)})(?![\p{{L}}\p{{N}}])");
            if (whole.Count > 0)
                alternatives.Add($@"^\W*(?:{string.Join('|', whole)})\W*$");
            _chrome = new Regex(string.Join('|', alternatives), RegexOptions.Compiled | RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
        }
        var related = (relatedLabels ?? []).ToList();
        if (related.Count > 0)
            _related = new Regex($@"(?i)^[ \t]*(?:[►▶▸»•>]+[ \t]*)?(?:{string.Join('|', related.OrderByDescending(l => l.Length).Select(Regex.Escape))})[ \t]*:[ \t]*\S",
                RegexOptions.Compiled | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        var all = agencies.ToList();
        _agencies = new HashSet<string>(all.Where(a => !a.EndsWith('!')), StringComparer.OrdinalIgnoreCase);
        string agencyAlt = string.Join('|', all.Select(a => a.TrimEnd('!')).OrderByDescending(a => a.Length).Select(Regex.Escape));
        string labelAlt = string.Join('|', creditLabels.Select(Regex.Escape));
        const string opts = "(?i)";
        // A person's name after the slash: up to two capitalised or upper-case words.
        const string name = @"(?-i:\p{Lu}[\p{L}'’.-]*)(?:[ ](?-i:\p{Lu}[\p{L}'’-]*))?";
        _leadingCredit = new Regex(
            $@"{opts}^[ \t]*(?:©[ \t]*)?(?<credit>(?:{agencyAlt})(?:[ \t]*/[ \t]*(?:{agencyAlt}))*[ \t]*/[ \t]*{name}(?:[ \t]*/[ \t]*(?:{agencyAlt}))?)(?=[ \t]|$)",
            RegexOptions.Compiled | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | RegexOptions.Multiline, TimeSpan.FromSeconds(1));
        _labelledCredit = new Regex(
            $@"(?<![\p{{L}}])(?:{labelAlt})[ \t]*:[ \t]*(?<credit>[^\n:]{{2,80}}?)[ \t]*$",
            RegexOptions.Compiled | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | RegexOptions.Multiline, TimeSpan.FromSeconds(1));
        _agencyTag = new Regex(
            $@"{opts}\([ \t]*(?<tag>(?:{agencyAlt})(?:[ \t]*[,/;][ \t]*(?:{agencyAlt}))*)(?:[ \t]*,[ \t]*\d{{1,2}}\.[ \t]*\d{{1,2}}\.[ \t]*\d{{2,4}})?[ \t]*\)",
            RegexOptions.Compiled | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, TimeSpan.FromSeconds(1));
    }

    public string Name => "boilerplate";
    public IReadOnlyList<string> Requires => [];
    public IReadOnlyList<string> Assigns => [Layers.Boilerplate];

    public void Process(Document document)
    {
        try
        {
            Detect(document.Text, document.Boilerplate, document.Article.Title);
        }
        catch (RegexMatchTimeoutException)
        {
            // Pathological input: better no boilerplate marks than a hang. Facts then read everything.
        }
    }

    /// <summary>Appends the boilerplate spans of <paramref name="text"/> to <paramref name="into"/>, in text order;
    /// <paramref name="title"/>, where known, tells a line printed twice that is another story's teaser from the article's own summary.</summary>
    public void Detect(string text, List<BoilerplateSpan> into, string? title = null)
    {
        var videos = VideoListLines(text);
        var repeated = title is null ? [] : RepeatedLines(text, title);
        int lineStart = 0;
        while (lineStart <= text.Length)
        {
            int lineEnd = text.IndexOf('\n', lineStart);
            if (lineEnd < 0)
                lineEnd = text.Length;
            if (videos.Contains(lineStart))
                AddRelatedLine(text, lineStart, lineEnd, into);
            else if (repeated.Contains(lineStart))
                AddLine(text, lineStart, lineEnd, BoilerplateKind.Caption, into);
            else if (IsChrome(text.AsSpan(lineStart, lineEnd - lineStart)))
                AddLine(text, lineStart, lineEnd, BoilerplateKind.Chrome, into);
            else
                DetectInLine(text, lineStart, lineEnd, into);
            lineStart = lineEnd + 1;
        }
        into.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
    }

    private bool IsChrome(ReadOnlySpan<char> line)
    {
        line = line.Trim();
        return _chrome is not null && line.Length is > 0 and <= MaxChromeLength && _chrome.IsMatch(line);
    }

    /// <summary>A video list links to other stories line by line, each headline after the clip's length.</summary>
    public const int MinVideoListLines = 3;

    // "0:50 One dead after shooting involving officer", "5:35 New details emerge at hearing … Pause": a run of at least
    // MinVideoListLines short lines (blank lines between them allowed), each opening with a clip length of one-digit
    // minutes that is no clock time ("8:10 p.m.", "9:15 Uhr"). Returns where those lines start.
    private static HashSet<int> VideoListLines(string text)
    {
        var found = new HashSet<int>();
        var run = new List<int>();
        foreach (var (lineStart, from, to) in TextLines(text))
        {
            if (IsVideoItem(text.AsSpan(from, to - from)))
            {
                run.Add(lineStart);
            }
            else
            {
                if (run.Count >= MinVideoListLines)
                    found.UnionWith(run);
                run.Clear();
            }
        }
        if (run.Count >= MinVideoListLines)
            found.UnionWith(run);
        return found;
    }

    // The lines of the text that hold more than white space: where each starts, and its text without the white space
    // around it [From, To).
    private static IEnumerable<(int LineStart, int From, int To)> TextLines(string text)
    {
        int lineStart = 0;
        while (lineStart <= text.Length)
        {
            int lineEnd = text.IndexOf('\n', lineStart);
            if (lineEnd < 0)
                lineEnd = text.Length;
            int from = lineStart, to = lineEnd;
            while (from < to && char.IsWhiteSpace(text[from]))
                from++;
            while (to > from && char.IsWhiteSpace(text[to - 1]))
                to--;
            if (to > from)
                yield return (lineStart, from, to);
            lineStart = lineEnd + 1;
        }
    }

    private const int MaxVideoItemLength = 200;

    private static bool IsVideoItem(ReadOnlySpan<char> line) =>
        line.Length is > 5 and <= MaxVideoItemLength && char.IsAsciiDigit(line[0]) && line[1] == ':' && char.IsAsciiDigit(line[2]) && char.IsAsciiDigit(line[3])
        && line[4] == ' ' && !s_clockTime.IsMatch(line[5..]);

    private static readonly Regex s_clockTime = new(@"^(?i:a\.?m\b|p\.?m\b|uhr\b|h\b)", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    // "Police announced that Trooper … passed away." twice in a row at the top of a page under "4 injured in shooting at
    // bus station": a teaser of another story printed twice (caption and alt text). A line repeated right after itself that
    // shares fewer than two words of four or more letters with the title is such a teaser (one that shares them is the
    // article's own summary). Returns where both copies of such short lines (at most MaxCaptionLength) start.
    private static HashSet<int> RepeatedLines(string text, string title)
    {
        var titleWords = Words(title);
        var found = new HashSet<int>();
        (int Start, int From, int To) previous = (-1, 0, 0);
        foreach (var (lineStart, from, to) in TextLines(text))
        {
            var line = text.AsSpan(from, to - from);
            if (previous.Start >= 0 && line.Length <= MaxCaptionLength && line.SequenceEqual(text.AsSpan(previous.From, previous.To - previous.From))
                && Words(text[from..to]).Count(titleWords.Contains) < 2)
            {
                found.Add(previous.Start);
                found.Add(lineStart);
            }
            previous = (lineStart, from, to);
        }
        return found;
    }

    private static HashSet<string> Words(string text) =>
        [.. s_word.Matches(text).Select(m => m.Value.ToLowerInvariant())];

    private static readonly Regex s_word = new(@"\p{L}{4,}", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    // The line [start, end) without its surrounding white space, as a link to another story.
    private static void AddRelatedLine(string text, int start, int end, List<BoilerplateSpan> into) =>
        AddLine(text, start, end, BoilerplateKind.Related, into);

    private static void AddLine(string text, int start, int end, BoilerplateKind kind, List<BoilerplateSpan> into)
    {
        var line = text.AsSpan(start, end - start);
        int from = start + (line.Length - line.TrimStart().Length), to = start + line.TrimEnd().Length;
        if (to > from)
            into.Add(new BoilerplateSpan(new TextSpan(from, to), kind, text[from..to]));
    }

    private void DetectInLine(string text, int start, int end, List<BoilerplateSpan> into)
    {
        if (end - start < 2)
            return;
        var line = text.AsSpan(start, end - start);
        int lineLength = line.TrimEnd().Length;
        var lineText = text[start..end];

        // "RELATED: Man killed in drive-by shooting": a link to another story, up to the end of the line.
        if (_related is not null && _related.IsMatch(lineText))
        {
            AddRelatedLine(text, start, end, into);
            return;
        }

        var lead = _leadingCredit.Match(lineText);
        if (lead.Success)
        {
            var credit = lead.Groups["credit"];
            into.Add(new BoilerplateSpan(new TextSpan(start + credit.Index, start + credit.Index + credit.Length), BoilerplateKind.Credit, Clean(credit.Value)));
            int capStart = start + credit.Index + credit.Length;
            while (capStart < start + lineLength && char.IsWhiteSpace(text[capStart]))
                capStart++;
            if (capStart < start + lineLength && lineLength <= MaxCaptionLength)
                into.Add(new BoilerplateSpan(new TextSpan(capStart, start + lineLength), BoilerplateKind.Caption, text[capStart..(start + lineLength)]));
            return;
        }

        var labelled = _labelledCredit.Match(lineText);
        if (labelled.Success && LooksLikeCredit(labelled.Groups["credit"].Value))
        {
            var credit = labelled.Groups["credit"];
            into.Add(new BoilerplateSpan(new TextSpan(start + labelled.Index, start + labelled.Index + labelled.Length), BoilerplateKind.Credit, Clean(credit.Value)));
            int capEnd = start + labelled.Index;
            while (capEnd > start && char.IsWhiteSpace(text[capEnd - 1]))
                capEnd--;
            if (capEnd > start && lineLength <= MaxCaptionLength)
                into.Add(new BoilerplateSpan(new TextSpan(start, capEnd), BoilerplateKind.Caption, text[start..capEnd]));
            return;
        }

        foreach (Match m in _agencyTag.Matches(lineText))
        {
            // A tag closes a paragraph or the article, or follows a dateline at the start of a paragraph.
            int after = m.Index + m.Length;
            bool atEnd = lineText.AsSpan(after).Trim().Length == 0;
            bool dateline = m.Index <= 40 && after < lineText.Length && lineText.AsSpan(after).TrimStart().Length > 0
                && lineText.AsSpan(after).TrimStart()[0] is '-' or '–' or '—' or ':';
            if (!atEnd && !dateline)
                continue;
            var agencies = m.Groups["tag"].Value.Split([',', '/', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Where(_agencies.Contains).Select(Canonical);
            into.Add(new BoilerplateSpan(new TextSpan(start + m.Index, start + after), BoilerplateKind.AgencyTag, string.Join(", ", agencies)));
        }
    }

    // Credits carry an agency, a slash or a copyright sign; a few capitalised words also pass ("Foto: Max Muster").
    private bool LooksLikeCredit(string credit)
    {
        if (credit.Contains('/') || credit.Contains('©'))
            return true;
        var words = credit.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
        if (words.Any(_agencies.Contains))
            return true;
        return words.Length is >= 1 and <= 4 && words.All(w => char.IsUpper(w[0])) && !credit.TrimEnd().EndsWith('.');
    }

    private string Canonical(string agency) => _agencies.TryGetValue(agency, out var canonical) ? canonical : agency;

    private static string Clean(string credit) => Regex.Replace(credit.Trim().TrimStart('©').Trim(), @"\s*/\s*", "/");
}
