using Lagebild.Model;

namespace Lagebild.Facts;

/// <summary>
/// Finds time expressions (weekdays, "gestern", "vergangene Woche", "Anfang Januar", "9.1.2022",
/// "12. August") and resolves them against the article's anchor date, keeping the precision.
/// The anchor is the publication date when it is known to the day; otherwise the latest full date
/// the article itself prints within its publication period (e.g. a caption's "(9.1.2022)"), which
/// anchors weekdays only. Without an anchor nothing is resolved: a day is never invented.
/// Stateless beyond its lexicon; thread-safe.
/// </summary>
public sealed class TimeTagger(FactLexicon lex)
{
    private static readonly string[] s_dayParts = ["abend", "morgen", "nachmittag", "vormittag", "mittag", "nacht", "früh", "abends", "morgens", "nachts"];

    /// <summary>The anchor: publication day, or (weekdays only) the latest full date printed in the text.</summary>
    public readonly record struct Anchor(DateOnly? Published, DateOnly? Printed)
    {
        public DateOnly? ForWeekdays => Published ?? Printed;
    }

    public List<TimeMention> Find(Document doc, string[] lower, Anchor anchor)
    {
        var found = new List<TimeMention>();
        var tokens = doc.Tokens;
        var text = doc.Text;
        for (int i = 0; i < tokens.Count; i++)
        {
            var m = MatchAt(doc, lower, i, anchor);
            if (m is null)
                continue;
            // Take a leading "am", "in der", "noch am" into the expression's text.
            int first = m.FirstToken;
            for (int back = Math.Max(0, first - 3); back < first; back++)
            {
                if (lex.TimeLeads.MatchAt(lower, back, first) is { } lead && lead.Last == first - 1)
                {
                    first = back;
                    break;
                }
            }
            var span = new TextSpan(tokens[first].Start, tokens[m.LastToken].End);
            found.Add(m with { FirstToken = first, Span = span, Time = m.Time with { Text = text[span.Start..span.End] } });
            i = m.LastToken;
        }
        return found;
    }

    /// <summary>Computes the anchor of a document.</summary>
    public Anchor FindAnchor(Document doc, string[] lower)
    {
        DateOnly? published = doc.Article.Published is { Precision: DatePrecision.Day } p ? p.Date : null;
        DateOnly? printed = null;
        var period = doc.Article.Published;
        for (int i = 0; i < doc.Tokens.Count; i++)
        {
            if (ExplicitDate(doc, lower, i, null) is { } d && d.Date.Precision == DatePrecision.Day
                && (period is null || period.Value.Covers(d.Date.Date)) && (printed is null || d.Date.Date > printed))
                printed = d.Date.Date;
        }
        return new Anchor(published, printed);
    }

    private TimeMention? MatchAt(Document doc, string[] lower, int i, Anchor anchor)
    {
        var tokens = doc.Tokens;
        var w = lower[i];
        var span = tokens[i].Span;

        if (ExplicitDate(doc, lower, i, doc.Article.Published) is { } explicitDate)
            return new TimeMention(i, explicitDate.Last, span, new FactTime("", explicitDate.Date, explicitDate.Date.Precision));

        if (Weekday(w) is int weekday)
        {
            int last = i;
            if (i + 1 < tokens.Count && Array.IndexOf(s_dayParts, lower[i + 1]) >= 0)
                last = i + 1;
            PartialDate? resolved = null;
            if (anchor.ForWeekdays is DateOnly a)
            {
                bool future = IsFuture(lower, i, tokens.Count);
                int diff = weekday - IsoDay(a);
                if (future)
                    diff = diff <= 0 ? diff + 7 : diff;
                else
                    diff = diff > 0 ? diff - 7 : diff;
                resolved = new PartialDate(a.AddDays(diff), DatePrecision.Day);
            }
            return new TimeMention(i, last, span, new FactTime("", resolved, DatePrecision.Day));
        }

        if (lex.TimePhrases.MatchAt(lower, i, Math.Min(tokens.Count, i + 4)) is { } rel)
        {
            var (role, offset) = rel.Phrase.Value;
            var precision = role switch { "week" => DatePrecision.Week, "month" => DatePrecision.Month, _ => DatePrecision.Day };
            PartialDate? resolved = null;
            if (anchor.Published is DateOnly a)
            {
                resolved = role switch
                {
                    "week" => PartialDate.Week(a.AddDays(7 * offset)),
                    "month" => PartialDate.Month(a.AddMonths(offset).Year, a.AddMonths(offset).Month),
                    _ => new PartialDate(a.AddDays(offset), DatePrecision.Day),
                };
            }
            return new TimeMention(i, rel.Last, span, new FactTime("", resolved, precision));
        }

        if (lex.VagueDays.MatchAt(lower, i, Math.Min(tokens.Count, i + 3)) is { } vague)
            return new TimeMention(i, vague.Last, span, new FactTime("", null, DatePrecision.Day));

        return null;
    }

    private int? Weekday(string w)
    {
        foreach (var (name, day) in lex.Weekdays)
        {
            // "Sonntag", "Sonntagabend", "sonntags"
            if (w.StartsWith(name, StringComparison.Ordinal) && (w.Length == name.Length || Array.IndexOf(s_dayParts, w[name.Length..]) >= 0 || w == name + "s"))
                return day;
        }
        return null;
    }

    private bool IsFuture(string[] lower, int i, int count)
    {
        int from = Math.Max(0, i - 8), to = Math.Min(count, i + 8);
        for (int k = from; k < to; k++)
        {
            if (lex.Cues("future").MatchAt(lower, k, to) is not null)
                return true;
        }
        return false;
    }

    private static int IsoDay(DateOnly d) => d.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)d.DayOfWeek;

    private readonly record struct Explicit(int Last, PartialDate Date);

    // 9.1.2022, 2022-01-09, "12. August [2021]", "Anfang Januar", "im Januar 2022".
    private Explicit? ExplicitDate(Document doc, string[] lower, int i, PartialDate? published)
    {
        var tokens = doc.Tokens;
        var t = tokens[i];
        var s = doc.Text.AsSpan(t.Start, t.Length);
        if (t.Kind == TokenKind.Date)
        {
            if (s.Contains('-'))
                return PartialDate.TryParse(s.ToString(), out var iso) ? new Explicit(i, iso) : null;
            var parts = s.TrimEnd('.').ToString().Split('.');
            if (parts.Length >= 2 && int.TryParse(parts[0], out int d) && int.TryParse(parts[1], out int m))
            {
                int? y = parts.Length == 3 && int.TryParse(parts[2], out int yy) ? (yy < 100 ? 2000 + yy : yy) : null;
                int last = i;
                if (y is null && i + 1 < tokens.Count && tokens[i + 1].Kind == TokenKind.Number && Year(doc, tokens[i + 1]) is int y2)
                {
                    y = y2;
                    last = i + 1;
                }
                return Make(d, m, y, last, published);
            }
            return null;
        }
        if (t.Kind == TokenKind.Ordinal && i + 1 < tokens.Count && lex.Months.TryGetValue(lower[i + 1], out int month)
            && int.TryParse(s.TrimEnd('.'), out int day))
        {
            int last = i + 1;
            int? y = null;
            if (i + 2 < tokens.Count && tokens[i + 2].Kind == TokenKind.Number && Year(doc, tokens[i + 2]) is int y3)
            {
                y = y3;
                last = i + 2;
            }
            return Make(day, month, y, last, published);
        }
        // "January 9, 2022", "Jan. 9": month before day, as English writes it.
        if (t.Kind == TokenKind.Word && lex.Months.TryGetValue(lower[i].TrimEnd('.'), out int m2) && char.IsUpper(doc.Text[t.Start])
            && i + 1 < tokens.Count && tokens[i + 1].Kind == TokenKind.Number && int.TryParse(doc.Text.AsSpan(tokens[i + 1].Start, tokens[i + 1].Length), out int d2) && d2 is >= 1 and <= 31)
        {
            int last = i + 1;
            int? y = null;
            int yi = i + 2 < tokens.Count && doc.Text[tokens[i + 2].Start] == ',' ? i + 3 : i + 2;
            if (yi < tokens.Count && tokens[yi].Kind == TokenKind.Number && Year(doc, tokens[yi]) is int y5)
            {
                y = y5;
                last = yi;
            }
            return Make(d2, m2, y, last, published);
        }
        // "Anfang Januar", "Ende Dezember 2021", "im Januar": month precision.
        int mi = lex.MonthParts.Contains(lower[i]) && i + 1 < tokens.Count ? i + 1 : i;
        if (tokens[mi].Kind == TokenKind.Word && lex.Months.TryGetValue(lower[mi], out int mon) && char.IsUpper(doc.Text[tokens[mi].Start])
            && (mi > i || (i > 0 && lower[i - 1] is "im" or "in" or "seit" or "bis" or "since" or "until")))
        {
            int last = mi;
            int? year = null;
            if (mi + 1 < tokens.Count && tokens[mi + 1].Kind == TokenKind.Number && Year(doc, tokens[mi + 1]) is int y4)
            {
                year = y4;
                last = mi + 1;
            }
            year ??= MostRecentYear(mon, published);
            return year is null ? null : new Explicit(last, PartialDate.Month(year.Value, mon));
        }
        return null;
    }

    private static Explicit? Make(int d, int m, int? y, int last, PartialDate? published)
    {
        if (m is < 1 or > 12 || d < 1)
            return null;
        y ??= MostRecentYear(m, published);
        if (y is null || d > DateTime.DaysInMonth(y.Value, m))
            return null;
        return new Explicit(last, PartialDate.Day(y.Value, m, d));
    }

    // A day or month without a year is the most recent one up to the end of the publication period.
    private static int? MostRecentYear(int month, PartialDate? published)
    {
        if (published is not { } pub)
            return null;
        int y = pub.LastDay.Year;
        return new DateOnly(y, month, 1) > pub.LastDay ? y - 1 : y;
    }

    private static int? Year(Document doc, Token t)
    {
        var s = doc.Text.AsSpan(t.Start, t.Length);
        return s.Length == 4 && int.TryParse(s, out int y) && y is >= 1900 and <= 2100 ? y : null;
    }
}
