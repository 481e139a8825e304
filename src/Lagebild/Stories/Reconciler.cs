using System.Collections.Frozen;
using System.Globalization;
using Lagebild.Model;

namespace Lagebild.Stories;

/// <summary>How the claims of one quantity relate.</summary>
public enum FigureStatus
{
    /// <summary>Only one article gives the figure.</summary>
    Single,
    /// <summary>All claims are compatible (their ranges overlap).</summary>
    Agreeing,
    /// <summary>Later reports give higher figures: a running total that grew (or was revised up), not a contradiction.</summary>
    Rising,
    /// <summary>Incompatible claims at the same time, or a later lower figure: the sources disagree.</summary>
    Conflicting,
}

/// <summary>One article's claim of a figure: the fact, its sentence, when the article was published and the day it reports as of.</summary>
public sealed record Claim(string ArticleId, Fact Fact, string Sentence, PartialDate? Published, DateOnly? AsOf)
{
    public Count Count => Fact.Count;

    /// <summary>Whom the article attributes the figure to, if anyone.</summary>
    public string? Source => Fact.Source?.Text;
}

/// <summary>
/// One reconciled quantity of a story (kind + place + time window): the claims in time order, a judgement,
/// and the current best figure with its range. <see cref="Note"/> says in words how the figure was read.
/// </summary>
public sealed record Figure(
    FactKind Kind, string? Place, string? PlaceId, bool Additional, DateOnly? EventDay,
    Count Count, long Min, long Max, FigureStatus Status, string Note, IReadOnlyList<Claim> Claims)
{
    public static string StatusName(FigureStatus s) => s.ToString().ToLowerInvariant();
}

/// <summary>
/// Reconciles the facts of one story. Claims of the same quantity — same kind, same place (no place
/// counts as the story's country; a city is a different quantity from its country), "more on top"
/// separate from totals, and for event-dated claims the same event day — form one figure. Within a
/// figure, claims are ordered by the day their article reports as of (<see cref="ReportClues.AsOf"/>);
/// compatible ranges agree, higher figures in later reports rise, anything else conflicts. The best
/// figure is the latest one for a rising total, the most precise for agreeing claims, and the lowest
/// for conflicting ones (the conservative reading, as conflict datasets such as ACLED take it), with the
/// full range of the claims. Conflicting claims of which at least half, two or more, give one figure take that figure
/// (GVA reconciled killed 2133 → 2136, injured 1909 → 1919). Other conflicting death tolls at most <see cref="LeftOut"/> apart take the highest claim
/// instead: a death once reported is rarely untrue, and a toll one or two lower most often leaves someone out (the
/// gunman who killed himself, a victim who died later; GVA reconciled killed 2129 → 2133, for any gap 2135; the
/// highest hurt figure costs 10 incidents). Tolls further apart (a government's 19 dead against an aid group's 40)
/// keep the conservative reading. A claim dated more than <see cref="EarlierEventDays"/> days before the story's first
/// report (not a running total) recalls an earlier event and makes no figure; it stays on the story's timeline. Stateless.
/// </summary>
public static class Reconciler
{
    /// <summary>Event days further apart than this are different events (for claims that are not running totals).</summary>
    public const int EventWindowDays = 2;

    public static IReadOnlyList<Figure> Reconcile(IReadOnlyList<Claim> claims, string? storyCountry)
    {
        var figures = new List<Figure>();
        claims = WithoutRoundups(WithoutEarlierEvents(claims));
        var keys = claims.ToDictionary(c => c, c => c.Fact.Place is null ? null : PlaceKey(c.Fact, storyCountry));
        // A claim without a place belongs to the story's figure of that kind: the country-wide one if
        // there is one, else the only placed one, else a country-wide one of its own.
        foreach (var c in claims.Where(c => keys[c] is null))
        {
            var placed = claims.Where(o => o.Fact.Kind == c.Fact.Kind && o.Fact.Additional == c.Fact.Additional && keys[o] is not null)
                .Select(o => keys[o]!).Distinct().ToList();
            string country = "country:" + (storyCountry ?? "?");
            keys[c] = placed.Contains(country) || placed.Count != 1 ? country : placed[0];
        }
        foreach (var group in claims.GroupBy(c => (c.Fact.Kind, c.Fact.Additional, Place: keys[c])))
        {
            foreach (var window in SplitByEventDay(group.ToList()))
                figures.Add(Judge(group.Key.Kind, group.Key.Additional, window));
        }
        OneVictim(figures, claims);
        return figures
            .OrderBy(f => f.Kind)
            .ThenBy(f => f.Additional)
            .ThenByDescending(f => f.Claims.Count)
            .ThenBy(f => f.EventDay ?? DateOnly.MinValue)
            .ToList();
    }

    // Counts of one (only reported with --min-count 1): a story whose figures of the dead are one person each (one
    // figure, or several where reports place the victim differently: the town, the state) and whose injured figures
    // are one person, each time, most often tells of one victim, shot and then dead, in different reports (in the GVA
    // incidents one dead and none injured is eight times as common as one of each). The injured figures are dropped
    // from the figures; their claims stay on the story's timeline. "Another injured" is
    // someone else by its word and keeps the figure, and so does one counted beside the dead in their sentence.
    // Every claim of the story is read, not only those its figures kept: "His mother's boyfriend … was also shot" further
    // down an article is someone else too.
    private static void OneVictim(List<Figure> figures, IReadOnlyList<Claim> claims)
    {
        var killed = figures.Where(f => f.Kind == FactKind.Killed && !f.Additional).ToList();
        var injured = figures.Where(f => f.Kind == FactKind.Injured && !f.Additional).ToList();
        var dead = claims.Where(c => c.Fact.Kind == FactKind.Killed && !c.Fact.Additional).ToList();
        if (killed.Count >= 1 && killed.All(k => k.Count is { Value: 1, Qualifier: CountQualifier.Exact })
            && injured.Count >= 1 && injured.All(f => f.Claims.All(c => c.Count is { Value: 1, Qualifier: CountQualifier.Exact }))
            && !claims.Any(c => c.Fact is { Kind: FactKind.Injured, Additional: false } && (Facts.FactExtractor.NamesAnother(c.Fact, c.Sentence, c.Fact.Evidence.Start) || HitLessDead(c)
                || dead.Any(d => d.ArticleId == c.ArticleId && Facts.FactExtractor.SideBySide(d.Fact, c.Fact, f => CountText(c, f))))))
            figures.RemoveAll(injured.Contains);
    }

    // The first word of the claim's count phrase, lower case ("he", "one", "10-year-old"; "" where there is none).
    private static string CountWord(Claim c) => Facts.FactExtractor.FirstWord(CountText(c, c.Fact).AsSpan()).ToString().ToLowerInvariant();

    // The count phrase of a fact of the claim's sentence ("" where its spans do not fall inside it).
    private static string CountText(Claim c, Fact f)
    {
        int at = f.CountSpan.Start - f.Evidence.Start;
        return at >= 0 && at + f.CountSpan.Length <= c.Sentence.Length ? c.Sentence.Substring(at, f.CountSpan.Length) : "";
    }

    /// <summary>A claim dated more than this many days before the story's first report tells of an earlier event.</summary>
    public const int EarlierEventDays = 30;

    /// <summary>A claim below the lead dated more than this many days before its article appeared, where the article's leads are recent, recalls an earlier event.</summary>
    public const int ArticleRecallDays = 7;

    /// <summary>A claim dated more than this many days before the earliest day a lead claim gives (<see cref="IsLead"/>) tells of an earlier event.</summary>
    public const int LeadDayMargin = 1;

    // "Kenyatha Walker was fatally shot in July", "Last summer, one man was killed": a claim whose own date (not a
    // running total's) ends well before the story's first report recalls an earlier event; it is no figure of this one.
    // So does one dated before the event its leads tell of ("four men were shot Tuesday … a 19-year-old was killed on the
    // same block last week, on Saturday": GVA 2061 → 2064 killed, 1801 → 1803 injured; margin 0 the same, 2: 2063 / 1802).
    // Measured on GVA (reconciled killed / injured): 3 days 0.804 / 0.701, 7 days 0.811 / 0.707, 30 days 0.813 / 0.708,
    // none 0.812 / 0.706. Keeping the claims of stories whose every claim is earlier: 0.843 / 0.749 → 0.844 / 0.748.
    private static IReadOnlyList<Claim> WithoutEarlierEvents(IReadOnlyList<Claim> claims)
    {
        var first = claims.Where(c => c.Published is not null).Select(c => c.Published!.Value.Date).DefaultIfEmpty().Min();
        if (first == default)
            return claims;
        var leadDays = claims.Where(c => IsLead(c) && !c.Fact.Cumulative && c.Fact.Time?.Resolved is { Precision: DatePrecision.Day })
            .Select(c => c.Fact.Time!.Resolved!.Value.Date.DayNumber).ToList();
        int floor = first.DayNumber - EarlierEventDays;
        if (leadDays.Count > 0)
            floor = Math.Max(floor, leadDays.Min() - LeadDayMargin);
        // An article whose leads are undated or recent: a claim of it dated a week before it appeared recalls an earlier
        // event ("Exactly one week ago, 13-year-old Chris Mackey died"; GVA injured 1869 → 1870; 3 or 14 days the same).
        var recentLead = claims.Where(IsLead).GroupBy(c => c.ArticleId, StringComparer.Ordinal)
            .Where(g => g.All(c => c.Fact.Time?.Resolved is not { } t || c.Published is not { } p || t.LastDay.DayNumber >= p.Date.DayNumber - ArticleRecallDays))
            .Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        bool Current(Claim c) => c.Fact.Cumulative || c.Fact.Time?.Resolved is not { } t
            || t.LastDay.DayNumber >= floor && !(recentLead.Contains(c.ArticleId) && !IsLead(c) && c.Published is { } p && t.LastDay.DayNumber < p.Date.DayNumber - ArticleRecallDays);
        // A story whose every claim is dated earlier tells of its own event in follow-ups only (a trial, a video released
        // weeks later): its claims stay.
        return claims.Any(Current) ? [.. claims.Where(Current)] : claims;
    }

    /// <summary>
    /// The figure a story gives for a kind when one number is wanted: the value most articles report over all the
    /// story's figures of the kind (reports that place one event differently, in the town or in its state, make figures
    /// of their own), ties to the larger; of the figures with that value the one most articles report. An article with
    /// a claim of the kind in its lead (<see cref="IsLead"/>) votes with its lead claims only. A story whose leads tell
    /// of the hurt and never of a death has no main killed figure: its dead further down are background (an earlier
    /// shooting on the block; GVA killed 0.855 → 0.861; the same rule for the hurt costs 12 incidents: a second victim
    /// hurt is often told after the dead), unless the dead are the hurt who died (<see cref="DiedOfWounds"/>). Vague figures count only where no figure has a value. GVA, reconciled per incident: 0.827 → 0.832 killed, 0.725 → 0.731 injured against
    /// the figure with most articles alone; lead votes (with the lead claim first in <see cref="Judge"/>) 0.839 → 0.843
    /// and 0.743 → 0.749 (lead of 100 characters 0.841 / 0.749, 600: 0.839 / 0.745, headline only: 0.835 / 0.742).
    /// A lead naming a person (<see cref="IsMention"/>, "slain 10-year-old girl") does not vote for one where the article's
    /// leads count more ("two people, including a child, were killed"): GVA 2100 → 2103 killed, 1860 → 1861 injured
    /// (for any article, not only those with leads: 2101 / 1862, a background toll winning).
    /// </summary>
    public static Figure? Main(IEnumerable<Figure> figures, FactKind kind)
    {
        var candidates = figures.Where(f => f.Kind == kind && !f.Additional).ToList();
        static int Articles(IEnumerable<Figure> fs) => fs.SelectMany(f => f.Claims).Select(c => c.ArticleId).Distinct(StringComparer.Ordinal).Count();
        var byValue = candidates.Where(f => f.Count.Value is not null).GroupBy(f => f.Count.Value!.Value).ToList();
        if (byValue.Count == 0)
            return candidates.OrderByDescending(f => Articles([f])).ThenByDescending(f => f.Min).FirstOrDefault();
        // An article that gives a figure of the kind in its headline or lead votes with those only.
        var leadArticles = byValue.SelectMany(g => g).SelectMany(f => f.Claims).Where(IsLead).Select(c => c.ArticleId).ToHashSet(StringComparer.Ordinal);
        if (kind == FactKind.Killed && leadArticles.Count == 0
            && figures.Where(f => f.Kind == FactKind.Injured && !f.Additional).SelectMany(f => f.Claims).Where(IsLead).ToList() is { Count: > 0 } hurtLeads
            && !DiedOfWounds(candidates, hurtLeads))
            return null; // the leads tell of the hurt and no report leads with a death: the dead further down are background
        bool Voting(Claim c) => IsLead(c) || !leadArticles.Contains(c.ArticleId);
        // A person named ("slain 10-year-old girl") in a report that also counts more ("two people were killed") is one of them.
        var most = byValue.SelectMany(g => g).SelectMany(f => f.Claims).Where(Voting).GroupBy(c => c.ArticleId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Max(c => c.Count.Value ?? 0), StringComparer.Ordinal);
        int Votes(IEnumerable<Figure> fs) => fs.SelectMany(f => f.Claims).Where(c => Voting(c) && !(IsMention(c) && leadArticles.Contains(c.ArticleId) && most[c.ArticleId] > 1))
            .Select(c => c.ArticleId).Distinct(StringComparer.Ordinal).Count();
        var best = byValue.OrderByDescending(g => Votes(g)).ThenByDescending(g => g.Key).First();
        return best.OrderByDescending(f => Articles([f])).ThenByDescending(f => f.Min).First();
    }

    // The dead below a lead of the hurt are the victim shot and then dead, not background: a pronoun or the definite article
    // refers back to the victim ("He was later pronounced dead", "the victim died"), or one person was shot and one is dead
    // (GVA reconciled killed 2118 → 2123; the pronoun alone 2119).
    private static bool DiedOfWounds(List<Figure> dead, List<Claim> hurtLeads) =>
        dead.SelectMany(f => f.Claims).Any(c => c.Count.Value == 1 && s_refersBack.Value.Contains(CountWord(c)))
        || dead.All(f => f.Count.Value == 1) && hurtLeads.All(c => c.Count.Value == 1);

    private static readonly Lazy<FrozenSet<string>> s_refersBack = Facts.FactLexicon.LazyCueSet("subject-pronoun", "definite");

    private static string PlaceKey(Fact f, string? storyCountry)
    {
        var p = f.Place!;
        if (p.Id is { } id && id.StartsWith("iso:", StringComparison.Ordinal))
            return "country:" + id[4..];
        return p.Id ?? "name:" + p.Name.ToLowerInvariant();
    }

    private static IEnumerable<List<Claim>> SplitByEventDay(List<Claim> claims)
    {
        var dated = claims
            .Where(c => !c.Fact.Cumulative && c.Fact.Time?.Resolved is { Precision: DatePrecision.Day })
            .Select(c => c.Fact.Time!.Resolved!.Value.Date)
            .Distinct().Order().ToList();
        if (dated.Count < 2 || dated[^1].DayNumber - dated[0].DayNumber <= EventWindowDays)
        {
            yield return claims;
            yield break;
        }
        // Event days in windows; undated claims and running totals join the latest window.
        var windows = new List<List<DateOnly>> { new() { dated[0] } };
        foreach (var d in dated.Skip(1))
        {
            if (d.DayNumber - windows[^1][0].DayNumber <= EventWindowDays)
                windows[^1].Add(d);
            else
                windows.Add([d]);
        }
        var buckets = windows.Select(_ => new List<Claim>()).ToList();
        foreach (var c in claims)
        {
            int i = windows.Count - 1;
            if (!c.Fact.Cumulative && c.Fact.Time?.Resolved is { Precision: DatePrecision.Day } r)
                i = windows.FindIndex(w => w.Contains(r.Date));
            buckets[i].Add(c);
        }
        foreach (var b in buckets.Where(b => b.Count > 0))
            yield return b;
    }

    /// <summary>Where a report's lead ends: a claim in the headline or starting before this character is the report's own news.</summary>
    public const int LeadChars = Facts.TitleFactReader.LeadChars;

    /// <summary>The headline and the first lines tell the report's news; figures further down are more often background.</summary>
    public static bool IsLead(Claim c) => c.Fact.InTitle || c.Fact.Evidence.Start < LeadChars;

    private static Figure Judge(FactKind kind, bool additional, List<Claim> claims)
    {
        // One article, one claim: where an article gives several figures for one quantity, the others are
        // parts of its largest ("four people were wounded … a 22-year-old woman was shot in the foot"); a claim with a
        // number comes before a vague one ("several injured" in the headline, "four were shot" below: GVA 1818 → 1820
        // injured), then a claim of the lead (figures further down are more often background: an earlier shooting, the
        // year's toll).
        var ordered = claims
            .GroupBy(c => c.ArticleId, StringComparer.Ordinal)
            .Select(g => g.OrderBy(c => c.Count.IsVague).ThenByDescending(IsLead).ThenByDescending(c => c.Count.Min).ThenByDescending(c => c.Count.Max).ThenBy(c => c.Fact.Evidence.Start).First())
            .OrderBy(c => c.AsOf ?? DateOnly.MaxValue)
            .ThenBy(c => c.Published?.Date ?? DateOnly.MaxValue)
            .ThenBy(c => c.ArticleId, StringComparer.Ordinal)
            .ThenBy(c => c.Fact.Evidence.Start)
            .ToList();
        var first = ordered[0];
        var placed = ordered.FirstOrDefault(c => c.Fact.Place is not null)?.Fact.Place;
        string? place = placed?.Name;
        string? placeId = placed?.Id;
        DateOnly? eventDay = ordered.Select(c => c.Fact.Time?.Resolved).FirstOrDefault(t => t is { Precision: DatePrecision.Day })?.Date;
        // A person named ("the 17-year-old was shot") is one of the victims: no upper bound against another report's count.
        long lo = ordered.Max(c => c.Count.Min), hi = ordered.Min(c => IsMention(c) ? long.MaxValue : c.Count.Max);
        long allMin = ordered.Min(c => c.Count.Min), allMax = ordered.Max(c => c.Count.Max);

        if (ordered.Count == 1)
        {
            var only = MostPrecise(ordered);
            return new Figure(kind, place, placeId, additional, eventDay, only.Count, only.Count.Min, only.Count.Max, FigureStatus.Single,
                $"reported by one article ({only.ArticleId})", ordered);
        }
        bool sameValues = ordered.All(c => c.Count.Value is not null) && ordered.Select(c => c.Count.Value).Distinct().Count() == 1;
        if (!sameValues && (RisesByValue(ordered) || (lo > hi && IsRising(ordered))))
        {
            var latestDay = ordered.Where(c => c.AsOf is not null).Max(c => c.AsOf);
            var latest = ordered.Where(c => c.AsOf == latestDay).MaxBy(c => c.Count.Min)!;
            var earliest = ordered[0];
            return new Figure(kind, place, placeId, additional, eventDay, latest.Count, latest.Count.Min, latest.Count.Max, FigureStatus.Rising,
                $"rising: {Show(earliest)} → {Show(latest)}; the latest report is the current figure", ordered);
        }
        if (lo <= hi)
        {
            var best = MostPrecise(ordered);
            return new Figure(kind, place, placeId, additional, eventDay, best.Count, Math.Min(lo, best.Count.Min), Math.Max(hi, best.Count.Max), FigureStatus.Agreeing,
                $"{ordered.Select(c => c.ArticleId).Distinct().Count()} articles agree", ordered);
        }
        var low = ordered.MinBy(c => (c.Count.Min, c.Count.Max))!;
        var high = ordered.MaxBy(c => (c.Count.Max, c.Count.Min))!;
        // At least half the reports, two or more, give one figure: the others are the odd ones out ("Virginia Beach man
        // killed" beside four reports of five dead). Tied halves: the higher death toll, the lower other figure.
        var values = ordered.Where(c => c.Count.Value is not null).GroupBy(c => c.Count.Value!.Value).ToList();
        int most = values.Count == 0 ? 0 : values.Max(g => g.Count());
        if (most >= 2 && most * 2 >= ordered.Count)
        {
            var tops = values.Where(g => g.Count() == most).Select(g => g.Key).ToList();
            long value = kind == FactKind.Killed ? tops.Max() : tops.Min();
            var pick = ordered.First(c => c.Count.Value == value);
            return new Figure(kind, place, placeId, additional, eventDay, pick.Count, allMin, allMax, FigureStatus.Conflicting,
                $"conflicting: {Show(low)} vs {Show(high)}; the figure most reports give taken ({most} of {ordered.Count})", ordered);
        }
        if (kind == FactKind.Killed && high.Count.Min - low.Count.Max <= LeftOut)
            return new Figure(kind, place, placeId, additional, eventDay, high.Count, allMin, allMax, FigureStatus.Conflicting,
                $"conflicting: {Show(low)} vs {Show(high)}; the highest death toll taken (a toll one or two lower most often leaves out the gunman or a later death)", ordered);
        return new Figure(kind, place, placeId, additional, eventDay, low.Count, allMin, allMax, FigureStatus.Conflicting,
            $"conflicting: {Show(low)} vs {Show(high)}; conservative reading (the lowest claim) taken", ordered);
    }

    /// <summary>Conflicting death tolls at most this far apart differ by someone left out (the gunman, a later death): the highest is taken.</summary>
    public const int LeftOut = 2;

    // All claims give numbers and report as of known days; the numbers never fall from one day to a
    // later one, claims of the same day give the same number, and the last day's is above the first's.
    private static bool RisesByValue(List<Claim> ordered)
    {
        if (ordered.Any(c => c.AsOf is null || c.Count.Value is null))
            return false;
        var days = ordered.GroupBy(c => c.AsOf!.Value).OrderBy(g => g.Key).ToList();
        if (days.Count < 2 || days.Any(d => d.Select(c => c.Count.Value).Distinct().Count() > 1))
            return false;
        var values = days.Select(d => d.First().Count.Value!.Value).ToList();
        for (int i = 1; i < values.Count; i++)
        {
            if (values[i] < values[i - 1])
                return false;
        }
        return values[^1] > values[0];
    }

    // Every later report (strictly later day) gives at least the earlier one's lower bound, claims of the
    // same day are compatible, at least two days are known, and the figure did go up.
    private static bool IsRising(List<Claim> ordered)
    {
        if (ordered.Any(c => c.AsOf is null))
            return false;
        var days = ordered.GroupBy(c => c.AsOf!.Value).OrderBy(g => g.Key).ToList();
        if (days.Count < 2)
            return false;
        long prevMin = long.MinValue;
        foreach (var day in days)
        {
            long lo = day.Max(c => c.Count.Min), hi = day.Min(c => c.Count.Max);
            if (lo > hi || hi < prevMin)
                return false;
            prevMin = Math.Max(prevMin, lo);
        }
        return true;
    }

    // Exact beats bounded beats vague; then the narrower range; then the later report.
    private static Claim MostPrecise(List<Claim> claims) => claims
        .OrderBy(c => IsMention(c) ? 1 : 0)
        .ThenBy(c => c.Count.Qualifier == CountQualifier.Exact ? 0 : c.Count.IsVague ? 2 : 1)
        .ThenBy(c => c.Count.Max - c.Count.Min)
        .ThenByDescending(c => c.AsOf ?? DateOnly.MinValue)
        .First();

    /// <summary>
    /// A count of one told by naming a person ("the 17-year-old was shot", "a man was killed", "her") or as one of a group
    /// ("one of the passengers"), not by a number ("one person was killed", "1 dead"; <c>number-one</c> cues): one of the
    /// victims, which a larger count of another report holds, so it agrees with it rather than conflicting (GVA reconciled
    /// 2071 → 2078 killed, 1810 → 1817 injured).
    /// </summary>
    public static bool IsMention(Claim c)
    {
        if (c.Count is not { Value: 1, Qualifier: CountQualifier.Exact })
            return false;
        var word = CountWord(c);
        if (word.Length == 0 || char.IsAsciiDigit(word[0]) && Facts.FactLexicon.AgeNumber(word, s_ageAfter.Value) is null)
            return false; // "1 dead" counts; "10-year-old" names a person
        if (!s_numberOne.Value.Contains(word))
            return true;
        // "one of the passengers was shot"
        int at = c.Fact.CountSpan.End - c.Fact.Evidence.Start;
        int space = at + 1;
        if (at < 0 || space >= c.Sentence.Length || c.Sentence[at] != ' ')
            return false;
        int end = c.Sentence.IndexOf(' ', space);
        return s_partitive.Value.Contains(c.Sentence[space..(end < 0 ? c.Sentence.Length : end)].ToLowerInvariant());
    }

    private static readonly Lazy<FrozenSet<string>> s_numberOne = Facts.FactLexicon.LazyCueSet("number-one");
    private static readonly Lazy<FrozenSet<string>> s_ageAfter = Facts.FactLexicon.LazyCueSet("age-after");
    private static readonly Lazy<FrozenSet<string>> s_partitive = Facts.FactLexicon.LazyCueSet("partitive");

    // "he shot two people, one of whom died": one hurt counted as the hit less the dead is someone other than the dead.
    private static bool HitLessDead(Claim c) =>
        c.Count.Value == 1 && Facts.FactLexicon.NumberValue(CountWord(c)) > 1;

    // "A man has died and at least five people were wounded in separate shootings citywide": a figure of several events
    // (roundup cues) is none of this story's own, where the story has claims of its own (GVA reconciled killed 2083 →
    // 2090, injured 1830 → 1834; per kind instead: 2085 / 1833). A story told only in roundups keeps them.
    private static IReadOnlyList<Claim> WithoutRoundups(IReadOnlyList<Claim> claims)
    {
        var own = claims.Where(c => !IsRoundup(c)).ToList();
        return own.Count > 0 ? own : claims;
    }

    /// <summary>The claim's sentence counts several events: "in separate shootings", "citywide" (<c>roundup</c> cues).</summary>
    public static bool IsRoundup(Claim c) => Facts.FactLexicon.ContainsAny(c.Sentence, s_roundup.Value) || CountsEvents(c.Sentence);

    // "in two South Side shootings": a number of two or more up to three words before a plural event noun (roundup-events cues).
    private static bool CountsEvents(string sentence)
    {
        var words = sentence.Split((char[])[' ', ',', '.', ';', ':', '(', ')', '"', '\n'], StringSplitOptions.RemoveEmptyEntries);
        for (int i = 1; i < words.Length; i++)
        {
            if (!s_roundupEvents.Value.Contains(words[i].ToLowerInvariant()))
                continue;
            // "in weekend shootings": a span of time before the plural event noun (roundup-times cues; GVA reconciled killed
            // 2136 → 2137, injured 1919 → 1921; a city before it, "in Chicago shootings", costs as much as it gains)
            if (s_roundupTimes.Value.Contains(words[i - 1].ToLowerInvariant()))
                return true;
            for (int k = Math.Max(0, i - 3); k < i; k++)
            {
                if (Facts.FactLexicon.NumberValue(words[k].ToLowerInvariant()) is >= 2)
                    return true;
            }
        }
        return false;
    }

    private static readonly Lazy<FrozenSet<string>> s_roundupEvents = Facts.FactLexicon.LazyCueSet("roundup-events");
    private static readonly Lazy<FrozenSet<string>> s_roundupTimes = Facts.FactLexicon.LazyCueSet("roundup-times");

    private static readonly Lazy<string[]> s_roundup = new(() => [.. Facts.FactLexicon.CueWordsOfAllLanguages("roundup").Distinct()]);

    private static string Show(Claim c)
    {
        var when = c.AsOf?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? c.Published?.ToString() ?? "undated";
        return $"{c.Count} ({c.ArticleId}, {when}{(c.Source is { } s ? ", " + s : "")})";
    }
}
