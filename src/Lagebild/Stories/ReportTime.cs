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
        foreach (var t in doc.Tokens)
        {
            if (doc.IsBoilerplate(t.Start) && t.Kind != TokenKind.Date)
                continue;
            var s = doc.View(t);
            if (t.Kind == TokenKind.Date && TryDate(s, out var d) && (period is null || period.Value.Covers(d)) && (printed is null || d > printed))
                printed = d;
            else if (t.Kind == TokenKind.Word && names.Count > 0 && Weekday(s.ToString().ToLowerInvariant(), names) is int w)
                weekdays.Add(w);
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
