using System.Collections.Frozen;
using System.Globalization;
using Lagebild.Languages;
using Lagebild.Model;

namespace Lagebild.Stories;

/// <summary>
/// What an article reveals about when it was written: its publication date, the latest full date it
/// prints within its publication period (a caption's "(9.1.2022)"), and the weekdays it names
/// (ISO numbers, Monday 1). Small enough to store with the article.
/// </summary>
public sealed record ReportClues(PartialDate? Published, DateOnly? Printed, IReadOnlyList<int> Weekdays)
{
    /// <summary>Reads the clues from an analysed document (tokens needed).</summary>
    public static ReportClues From(Document doc)
    {
        var period = doc.Article.Published;
        DateOnly? printed = null;
        var weekdays = new SortedSet<int>();
        var names = s_weekdays.Value.GetValueOrDefault(doc.Language) ?? FrozenDictionary<string, int>.Empty;
        var future = s_cues.Value.GetValueOrDefault((doc.Language, "future")) ?? FrozenSet<string>.Empty;
        var thisDay = s_cues.Value.GetValueOrDefault((doc.Language, "this-day")) ?? FrozenSet<string>.Empty;
        foreach (var sentence in doc.Sentences)
        {
            for (int i = sentence.FirstToken; i < sentence.EndToken; i++)
            {
                var t = doc.Tokens[i];
                if (doc.IsBoilerplate(t.Start) && t.Kind != TokenKind.Date)
                    continue;
                var s = doc.View(t);
                if (t.Kind == TokenKind.Date && TryDate(s, out var d) && (period is null || period.Value.Covers(d)) && (printed is null || d > printed))
                    printed = d;
                else if (t.Kind == TokenKind.Word && names.Count > 0 && Weekday(s.ToString().ToLowerInvariant(), names) is int w
                    && (IsThisDay(doc, sentence, i, thisDay) || !NearFuture(doc, sentence, i, future)))
                    weekdays.Add(w);
            }
        }
        return new ReportClues(period, printed, [.. weekdays]);
    }

    /// <summary>
    /// The day the article reports as of. Known to the day when it is published to the day; otherwise the
    /// latest of the date it prints and the weekdays it names, each weekday taken as the one nearest the
    /// <paramref name="anchor"/> (the article's printed date, else the story's latest known day) and kept
    /// within the publication period. Null when nothing pins a day.
    /// </summary>
    public DateOnly? AsOf(DateOnly? anchor)
    {
        if (Published is { Precision: DatePrecision.Day } p)
            return p.Date;
        DateOnly? best = Printed;
        var a = Printed ?? anchor;
        if (a is DateOnly at)
        {
            foreach (int w in Weekdays)
            {
                int diff = w - (((int)at.DayOfWeek + 6) % 7 + 1);
                if (diff > 3)
                    diff -= 7;
                else if (diff < -3)
                    diff += 7;
                var day = at.AddDays(diff);
                if ((Published is null || Published.Value.Covers(day)) && (best is null || day > best))
                    best = day;
            }
        }
        return best;
    }

    // "am Donnerstag … beginnen werde", "soll am Donnerstag wieder aufgenommen werden": an announced day says
    // nothing about when the report was written.
    private static bool NearFuture(Document doc, Sentence sentence, int token, FrozenSet<string> future)
    {
        if (future.Count == 0)
            return false;
        int from = Math.Max(sentence.FirstToken, token - 6), to = Math.Min(sentence.EndToken, token + 10);
        for (int k = from; k < to; k++)
        {
            if (doc.Tokens[k].Kind == TokenKind.Word && future.Contains(doc.View(doc.Tokens[k]).ToString().ToLowerInvariant()))
                return true;
        }
        return false;
    }

    private static bool IsThisDay(Document doc, Sentence sentence, int token, FrozenSet<string> thisDay) =>
        token > sentence.FirstToken && thisDay.Contains(doc.View(doc.Tokens[token - 1]).ToString().ToLowerInvariant());

    // One-word cues of the roles this file reads ("future", "this-day"), per language.
    private static readonly Lazy<FrozenDictionary<(string, string), FrozenSet<string>>> s_cues = new(() =>
        LanguageData.Codes.SelectMany(c => new[] { "future", "this-day" }.Select(role => (Key: (c, role), Words: Facts.FactLexicon.CueWordsOf(c, role)
                .Where(w => !w.Contains(' '))
                .ToFrozenSet(StringComparer.Ordinal))))
            .ToFrozenDictionary(x => x.Key, x => x.Words));

    private static bool TryDate(ReadOnlySpan<char> s, out DateOnly date) =>
        DateOnly.TryParseExact(s, ["d.M.yyyy", "dd.MM.yyyy", "yyyy-MM-dd", "M/d/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static int? Weekday(string w, FrozenDictionary<string, int> names)
    {
        if (names.TryGetValue(w, out int d))
            return d;
        // "Sonntagabend", "sonntags", "Monday's"
        foreach (var (name, day) in names)
        {
            if (w.Length > name.Length && w.StartsWith(name, StringComparison.Ordinal) && w.Length - name.Length <= 9)
                return day;
        }
        return null;
    }

    private static readonly Lazy<FrozenDictionary<string, FrozenDictionary<string, int>>> s_weekdays = new(() =>
        LanguageData.Codes.ToFrozenDictionary(c => c, c => LanguageData.Lines(c, "time.txt")
            .Where(l => l.StartsWith("weekday ", StringComparison.Ordinal))
            .Select(l => l.Split(' '))
            .Where(p => p.Length >= 3)
            .GroupBy(p => p[1].ToLowerInvariant())
            .ToFrozenDictionary(g => g.Key, g => int.Parse(g.First()[2], CultureInfo.InvariantCulture))));
}
