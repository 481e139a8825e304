using System.Globalization;
using System.Text.RegularExpressions;
using Lagebild.Languages;
using Lagebild.Model;

namespace Lagebild.Facts;

/// <summary>
/// Finds the times of day a text names ("10:30 p.m.", "about 2 am", "gegen 22.30 Uhr", "midnight") from the
/// language's <c>clock.txt</c>: "am"/"pm" suffixes after a 12-hour time, "24h" words after a 24-hour time, and
/// "named" words that are a time. Two reports naming the same time of day most often report one event. Thread-safe.
/// </summary>
public sealed class ClockTagger
{
    private readonly Regex? _pattern;
    private readonly Dictionary<string, int> _named = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _pm = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _twentyFour = new(StringComparer.OrdinalIgnoreCase);

    public ClockTagger(string language)
    {
        var am = new List<string>();
        foreach (var line in LanguageData.Lines(language, "clock.txt"))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            switch (f)
            {
                case ["am", var s]:
                    am.Add(s);
                    break;
                case ["pm", var s]:
                    _pm.Add(s);
                    break;
                case ["24h", var s]:
                    _twentyFour.Add(s);
                    break;
                case ["named", var w, var hhmm] when TimeOnly.TryParseExact(hhmm, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t):
                    _named[w] = t.Hour * 60 + t.Minute;
                    break;
            }
        }
        var alternatives = new List<string>();
        // An hour not glued to a number before it ("1.10:30", "3,5"), an optional ":MM" (".MM" for 24-hour times only).
        static string Words(IEnumerable<string> words) => string.Join('|', words.OrderByDescending(w => w.Length).Select(Regex.Escape));
        if (am.Count + _pm.Count > 0)
            alternatives.Add($@"(?<![\d.:,])\b(?<h>1[0-2]|0?[1-9])(?::(?<m>[0-5]\d))?\s?(?<s>{Words(am.Concat(_pm))})(?!\w)");
        if (_twentyFour.Count > 0)
            alternatives.Add($@"(?<![\d.:,])\b(?<h>2[0-4]|[01]?\d)(?:[:.](?<m>[0-5]\d))?\s?(?<s>{Words(_twentyFour)})\b");
        if (_named.Count > 0)
            alternatives.Add($@"\b(?<n>{Words(_named.Keys)})\b");
        if (alternatives.Count > 0)
            _pattern = new Regex(string.Join('|', alternatives), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);
    }

    /// <summary>Whether the language names any times of day.</summary>
    public bool HasGrammar => _pattern is not null;

    /// <summary>The times of day in <paramref name="text"/>, in text order.</summary>
    public List<ClockMention> Find(string text)
    {
        var found = new List<ClockMention>();
        if (_pattern is null)
            return found;
        foreach (Match m in _pattern.Matches(text))
        {
            var span = new TextSpan(m.Index, m.Index + m.Length);
            if (m.Groups["n"].Success)
            {
                found.Add(new ClockMention(span, _named[m.Groups["n"].Value]));
                continue;
            }
            int hour = int.Parse(m.Groups["h"].ValueSpan, CultureInfo.InvariantCulture);
            int minute = m.Groups["m"].Success ? int.Parse(m.Groups["m"].ValueSpan, CultureInfo.InvariantCulture) : 0;
            string suffix = m.Groups["s"].Value;
            if (!_twentyFour.Contains(suffix))
                hour = hour % 12 + (_pm.Contains(suffix) ? 12 : 0);
            else if (hour == 24)
            {
                if (minute > 0)
                    continue;
                hour = 0;
            }
            found.Add(new ClockMention(span, hour * 60 + minute));
        }
        return found;
    }
}
