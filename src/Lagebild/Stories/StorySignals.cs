using System.Collections.Frozen;
using Lagebild.Languages;
using Lagebild.Model;
using Lagebild.Text;

namespace Lagebild.Stories;

/// <summary>
/// What story clustering knows of one article: its id and date, its weighted terms (content words,
/// names weighing more), the places it names (gazetteer ids, city level or finer) and its countries.
/// Terms are ids in a <see cref="TermTable"/>, so that many articles can be held compactly.
/// </summary>
/// <param name="Id">Article id.</param>
/// <param name="Day">Publication day as a day number (<see cref="DateOnly.DayNumber"/>), null when unknown.</param>
/// <param name="Terms">Term ids, ascending.</param>
/// <param name="Weights">Term frequency weight of each term (1 + ln tf, names boosted).</param>
/// <param name="Places">Gazetteer ids of the specific places named (cities and finer) and the streets named (as their
/// <see cref="StorySignals.StreetTermPrefix"/> terms), sorted.</param>
/// <param name="Language">The article's language code.</param>
/// <param name="PersonTerms">Term ids of the words of person names, ascending.</param>
/// <param name="Clues">What the article's facts say of the event (counts of dead and hurt, days); null when unknown.</param>
public sealed record ArticleSignals(string Id, int? Day, int[] Terms, float[] Weights, string[] Places, string Language = "und", int[]? PersonTerms = null,
    EventClues? Clues = null)
{
    /// <summary>Term ids of the words of person names, ascending.</summary>
    public int[] Persons => PersonTerms ?? [];

    /// <summary>The article's event clues (none when unknown).</summary>
    public EventClues EventClues => Clues ?? EventClues.None;

    /// <summary>An article that has nothing to compare (empty text): it forms a story of its own.</summary>
    public bool IsEmpty => Terms.Length == 0;
}

/// <summary>
/// <see cref="ArticleSignals"/> before interning: the kept terms as strings (in the order they are interned) and
/// the stemmed words of person names.
/// </summary>
public sealed record RawSignals(string Id, int? Day, KeyValuePair<string, float>[] Terms, string[] Places, string Language, string[] Persons,
    EventClues? Clues = null);

/// <summary>
/// What an article tells of its event, for telling two reports of one event from reports of two: the counts of dead
/// and of hurt its facts give, the days it dates things to (its facts' days and the days its time expressions resolve
/// to, <see cref="DateOnly.DayNumber"/>), and the times of day it names (minutes after midnight). Two reports that give
/// the same death toll, date the event to the same day or name the same time of day most often report one event; two
/// that date it to different days most often do not (see <see cref="StoryVerifier"/>). All arrays sorted and distinct.
/// Boilerplate (captions, credits, page lines) gives none.
/// </summary>
public sealed record EventClues(int[] Killed, int[] Injured, int[] Days, int[]? ClockTimes = null)
{
    public static EventClues None { get; } = new([], [], []);

    /// <summary>The times of day (minutes after midnight).</summary>
    public int[] Times => ClockTimes ?? [];

    /// <summary>
    /// Facts of smaller counts are left out, whatever the pipeline's own least count: so that an article gives the
    /// same clues, and joins the same story, whether it was analysed for <c>stories --min-count 1</c> or by default.
    /// </summary>
    public const int MinCount = 2;

    /// <summary>The clues of an analysed document: its killed and injured facts with a number, its facts and time expressions dated to a day, its times of day.</summary>
    public static EventClues From(Document doc)
    {
        var facts = doc.Facts.Where(f => f.Count.Value is null or >= MinCount).ToList();
        int[] Counts(FactKind kind) => [.. facts.Where(f => f.Kind == kind && f.Count.Value is > 0 and < int.MaxValue)
            .Select(f => (int)f.Count.Value!.Value).Distinct().Order()];
        var factDays = facts.Where(f => f.Time?.Resolved is { Precision: DatePrecision.Day }).Select(f => f.Time!.Resolved!.Value.Date);
        var mentionDays = doc.Times.Where(t => t.Time.Resolved is { Precision: DatePrecision.Day } && !doc.IsBoilerplate(t.Span.Start))
            .Select(t => t.Time.Resolved!.Value.Date);
        int[] days = [.. factDays.Concat(mentionDays).Select(d => d.DayNumber).Distinct().Order()];
        int[] times = [.. doc.Clocks.Where(c => !doc.IsBoilerplate(c.Span.Start)).Select(c => c.Minutes).Distinct().Order()];
        var killed = Counts(FactKind.Killed);
        var injured = Counts(FactKind.Injured);
        return killed.Length + injured.Length + days.Length + times.Length == 0 ? None : new EventClues(killed, injured, days, times);
    }
}

/// <summary>Interns term strings as dense ids. Not thread-safe: intern from one thread.</summary>
public sealed class TermTable
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _terms = [];

    public int Count => _ids.Count;

    /// <summary>The terms in id order.</summary>
    public IReadOnlyList<string> Terms => _terms;

    public int Intern(string term)
    {
        if (!_ids.TryGetValue(term, out int id))
        {
            _ids[term] = id = _ids.Count;
            _terms.Add(term);
        }
        return id;
    }
}

/// <summary>
/// Reads <see cref="ArticleSignals"/> from an analysed document. Terms are the lower-cased, crudely
/// stemmed word tokens outside boilerplate, without the language's function words, weekdays and
/// months; words inside named entities and places count <see cref="NameBoost"/> times. Stateless
/// apart from language data loaded once; the string stage (<see cref="Terms"/>) is thread-safe.
/// </summary>
public static class StorySignals
{
    /// <summary>How much more a word inside a name (entity or place) weighs than a common word.</summary>
    public const float NameBoost = 2f;

    /// <summary>
    /// The most terms an article keeps (its heaviest: title words, names, places, repeated words): bounds the
    /// memory per article; long articles lose only words they use once.
    /// </summary>
    public const int MaxTerms = 100;

    /// <summary>Terms that stand for a gazetteer place start with this (no word does).</summary>
    public const string PlaceTermPrefix = "@";

    /// <summary>Terms that stand for a street (<see cref="StreetNames"/>) start with this (no word does).</summary>
    public const string StreetTermPrefix = "#street:";

    /// <summary>
    /// The weight of a street term: finer than any place, a street two reports share within days most often means one
    /// event (GVA articles within three days that share a street named in at most five: 494 pairs of one incident, 16 of
    /// two). Measured on GVA: 2 → BCubed 0.897, 4 → 0.899 (precision 0.955 → 0.966), 8 → 0.894; ECB+ unchanged.
    /// </summary>
    public const float StreetWeight = 4f;

    /// <summary>Terms that stand for a person's age ("10-year-old", "45-Jährige": <see cref="AgeTerm"/>) start with this.</summary>
    public const string AgeTermPrefix = "#age:";

    /// <summary>Prefix of a person's full name among an article's person terms ("#per:shawn johnson": first and last word).</summary>
    public const string FullNamePrefix = "#per:";

    // The words of a person's name, as person terms (lower case, stemmed, a possessive's s dropped, 3 letters or more).
    private static IEnumerable<string> NameWords(string name) =>
        name.Split((char[])[' ', '-', '\u00a0'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.ToLowerInvariant().TrimEnd('\'', '’', 's'))
            .Where(w => w.Length >= 3)
            .Select(Stem);

    // A name of two words or more as its first and last word ("Ronnie Tyrone Smith Jr." → "#per:ronnie smith"), else null.
    private static string? FullName(string name)
    {
        var words = name.Split((char[])[' ', '\u00a0'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Trim('.', ',').ToLowerInvariant().TrimEnd('\'', '’'))
            .Where(w => w.Length >= 2 && w.Any(char.IsLetter) && !s_nameSuffixes.Contains(w)).ToList();
        if (words.Count < 2 || words[^1].EndsWith("'s") || words[^1].EndsWith("’s"))
            return null;
        return FullNamePrefix + words[0] + " " + words[^1];
    }

    private static readonly FrozenSet<string> s_nameSuffixes = FrozenSet.Create(StringComparer.Ordinal, "jr", "sr", "ii", "iii", "iv");

    /// <summary>
    /// How much an age weighs against a common word. Crime reports name the victim's age in headline and lead, and an
    /// age two reports share within days is nearly as telling as a name. Measured on GVA: ages as plain words (title ages
    /// split at the hyphen and lost) → BCubed 0.905; age terms weighing 2.5 or 3 → 0.909 (precision 0.966 → 0.968, recall
    /// 0.852 → 0.857), 4 → 0.909 (precision 0.963); ECB+ train 0.862 → 0.872, dev 0.901 unchanged. A lower join threshold gains
    /// more on GVA (0.22: 0.914) but costs ECB+ dev 0.901 → 0.855. Counted facts as terms ("#killed:2") were tried and dropped:
    /// +0.002 on GVA, but a rising toll makes two reports of one flood differ in a heavy term.
    /// </summary>
    public const float AgeWeight = 3f;

    /// <summary>
    /// How many times a word of the title counts. Titles carry the event (who, where, how many), and
    /// many web pages have little else: their bodies are often consent or subscription text.
    /// </summary>
    public const int TitleWeight = 6;

    /// <summary>
    /// How many times a word of the page address's slug (<see cref="Headline.FromUrl"/>) that the title lacks counts: the
    /// slug keeps the story's first headline, which names the place or the victim when the title was rewritten, and it is
    /// often all that is left of a page whose body is a paywall or a video player.
    /// </summary>
    public const int SlugWeight = 6;

    /// <summary>How many times a word of the lead (the first <see cref="LeadWords"/> words of the body) counts (measured: weighting the lead more did not help).</summary>
    public const int LeadWeight = 1;

    /// <summary>The length of the lead in words: where news puts what happened, where and to whom.</summary>
    public const int LeadWords = 60;

    private static readonly Lazy<FrozenDictionary<string, FrozenSet<string>>> s_ignored = new(() =>
        LanguageData.Codes.ToFrozenDictionary(c => c, c => LanguageData.Lines(c, "stopwords.txt")
            .Concat(LanguageData.MonthNames(c))
            .Concat(LanguageData.WeekdayNames(c))
            .Select(w => w.ToLowerInvariant())
            .ToFrozenSet(StringComparer.Ordinal)));

    /// <summary>The weighted terms of a document, as strings (thread-safe).</summary>
    public static Dictionary<string, float> Terms(Document doc)
    {
        var ignored = Ignored(doc.Language);
        var inName = NameMask(doc);
        var tf = new Dictionary<string, (int Count, bool Name)>(StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(doc.Article.Title))
            AddText(Headline.WithoutSiteName(doc.Article.Title), doc.Language, ignored, tf, TitleWeight);
        // The address's slug: the words of the story's first headline that the title no longer has.
        if (Headline.FromUrl(doc.Article.Url) is { } slug)
            AddText(slug, doc.Language, ignored, tf, SlugWeight, skip: [.. tf.Keys]);
        var text = doc.Text;
        int words = 0;
        for (int i = 0; i < doc.Tokens.Count; i++)
        {
            var t = doc.Tokens[i];
            if (t.Kind != TokenKind.Word || t.Length < 3 || doc.IsBoilerplate(t.Start))
                continue;
            var w = text.AsSpan(t.Start, t.Length).ToString().ToLowerInvariant();
            if (ignored.Contains(w) || !w.Any(char.IsLetter))
                continue;
            var stem = AgeTerm(w, doc.Language) ?? Stem(w);
            var prev = tf.GetValueOrDefault(stem);
            tf[stem] = (prev.Count + (words++ < LeadWords ? LeadWeight : 1), prev.Name || (inName is not null && inName[i]));
        }
        var terms = new Dictionary<string, float>(tf.Count, StringComparer.Ordinal);
        foreach (var (term, (count, name)) in tf)
            terms[term] = (1f + MathF.Log(count)) * (term.StartsWith(AgeTermPrefix, StringComparison.Ordinal) ? AgeWeight : name ? NameBoost : 1f);
        // Places by gazetteer id: the same place in any language or spelling (Tiflis, Tbilisi).
        foreach (var group in doc.Places.Where(p => p.Id is not null && !doc.IsBoilerplate(p.Span.Start)).GroupBy(p => p.Id!))
            terms[PlaceTermPrefix + group.Key] = (1f + MathF.Log(group.Count())) * NameBoost;
        foreach (var street in StreetNames.Find(doc, ignored))
            terms[StreetTermPrefix + street] = StreetWeight;
        return terms;
    }

    /// <summary>Interns the terms and gathers the places: the compact signals of one article.</summary>
    public static ArticleSignals From(Document doc, Dictionary<string, float> terms, TermTable table) => Intern(Raw(doc, terms), table);

    /// <summary>
    /// The signals of one article with terms as strings, independent of any <see cref="TermTable"/> (thread-safe):
    /// what a writer keeps until it holds the store's story lock and knows the current table.
    /// </summary>
    public static RawSignals Raw(Document doc, Dictionary<string, float> terms)
    {
        var kept = terms.Count <= MaxTerms
            ? terms
            : terms.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(MaxTerms);
        var places = doc.Places
            .Where(p => !p.Implicit && p.Level >= PlaceLevel.City && p.Id is not null && !doc.IsBoilerplate(p.Span.Start))
            .Select(p => p.Id!)
            .Concat(terms.Keys.Where(k => k.StartsWith(StreetTermPrefix, StringComparison.Ordinal)))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        int? day = doc.Article.Published is { } d ? d.Date.DayNumber + (d.LastDay.DayNumber - d.Date.DayNumber) / 2 : null;
        string[] persons = [.. doc.Entities.Where(e => e.Type == "PER" && !doc.IsBoilerplate(e.Span.Start) && !IsSpeaker(doc, e)
                // A street the entity tagger took for a person ("Sheridan Road"): GVA BCubed 0.912, P 0.967 → 0.970, reconciled
                // 2110 / 1872 → 2112 / 1877. (Leaving out datelines in capitals and names the gazetteer knows as places too:
                // P 0.973 but R 0.857, 0.911.)
                && !StreetNames.EndsWithStreetWord(e.Text, doc.Language))
            .SelectMany(e => NameWords(e.Text).Concat(FullName(e.Text) is { } full ? [full] : []))];
        return new RawSignals(doc.Article.Id, day, [.. kept], places, doc.Language, persons, EventClues.From(doc));
    }

    /// <summary>Interns raw signals in <paramref name="table"/> (terms first, in their order, then person words).</summary>
    public static ArticleSignals Intern(RawSignals raw, TermTable table)
    {
        var pairs = raw.Terms.Select(kv => (Id: table.Intern(kv.Key), W: kv.Value)).OrderBy(p => p.Id).ToArray();
        int[] personTerms = [.. raw.Persons.Select(table.Intern).Distinct().Order()];
        return new ArticleSignals(raw.Id, raw.Day, pairs.Select(p => p.Id).ToArray(), pairs.Select(p => p.W).ToArray(), raw.Places, raw.Language, personTerms, raw.Clues);
    }

    /// <summary>The raw signals of a batch, read on all cores (in the batch's order).</summary>
    public static RawSignals[] Raw(IReadOnlyList<Document> docs)
    {
        var raw = new RawSignals[docs.Count];
        Parallel.For(0, docs.Count, i => raw[i] = Raw(docs[i], Terms(docs[i])));
        return raw;
    }

    /// <summary>The signals of a batch: read on all cores, interned in order on the calling thread.</summary>
    public static ArticleSignals[] From(IReadOnlyList<Document> docs, TermTable table) => [.. Raw(docs).Select(r => Intern(r, table))];

    /// <summary>Convenience for one thread: terms and signals in one call.</summary>
    public static ArticleSignals From(Document doc, TermTable table) => From(doc, Terms(doc), table);

    private static FrozenSet<string> Ignored(string language) =>
        s_ignored.Value.GetValueOrDefault(language) ?? s_ignored.Value.GetValueOrDefault("en") ?? FrozenSet<string>.Empty;

    // The words of a headline, each counting `weight` times (those in `skip` not at all).
    private static void AddText(string title, string language, FrozenSet<string> ignored, Dictionary<string, (int Count, bool Name)> tf, int weight,
        HashSet<string>? skip = null)
    {
        foreach (var chunk in title.Split((char[])[' ', '\t', ',', '.', ':', ';', '!', '?', '"', '\'', '(', ')', '|', '–', '„', '“', '»', '«'], StringSplitOptions.RemoveEmptyEntries))
        {
            // "10-Year-Old Shot": the age is one term; other hyphenated words count by their parts.
            if (AgeTerm(chunk.ToLowerInvariant(), language) is { } age)
            {
                Count(age);
                continue;
            }
            foreach (var raw in chunk.Split('-', StringSplitOptions.RemoveEmptyEntries))
            {
                var w = raw.ToLowerInvariant();
                if (w.Length >= 3 && !ignored.Contains(w) && w.Any(char.IsLetter))
                    Count(Stem(w));
            }
        }

        void Count(string term)
        {
            if (skip?.Contains(term) == true)
                return;
            var prev = tf.GetValueOrDefault(term);
            tf[term] = (prev.Count + weight, prev.Name);
        }
    }

    // Words right before a name that make it a spokesperson's, a reporter's or an official's: the verbs of
    // saying of sources.txt ("said Sgt. Mike Miller", "Donny Moses said") and the speaker-title cues.
    private static readonly Lazy<FrozenDictionary<string, FrozenSet<string>>> s_speakerWords = new(() =>
        LanguageData.Codes.ToFrozenDictionary(c => c, c => Facts.FactLexicon.SourceWordsOf(c, "verb").Where(w => !w.Contains(' '))
            .Concat(Facts.FactLexicon.CueWordsOf(c, "speaker-title")).ToFrozenSet(StringComparer.Ordinal)));

    /// <summary>
    /// A person who speaks of the event rather than takes part in it: a name with a verb of saying or a speaker title
    /// among the two words before it ("said Sgt. Mike Miller", "spokeswoman Alicia Smiley"), a byline ("By Katherine
    /// Jarvis."), or a photo credit ("Elvia Malagon / Chicago Tribune"). Police spokespeople recur across a city's shootings and would tie them as follow-ups
    /// of each other (GVA BCubed 0.911 → 0.912, P 0.963 → 0.967, reconciled killed 2104 → 2110, injured 1870 → 1872;
    /// a verb right after the name too, "Donny Moses said": 2107 / 1874 and 0.911, family members speak of the event).
    /// </summary>
    public static bool IsSpeaker(Document doc, EntityMention e)
    {
        var words = s_speakerWords.Value.GetValueOrDefault(doc.Language);
        if (words is null)
            return false;
        var text = doc.Text.AsSpan();
        var after = text[e.Span.End..Math.Min(text.Length, e.Span.End + 24)].TrimStart(" ,");
        if (after.StartsWith("/"))
            return true;
        int from = Math.Max(0, e.Span.Start - 30);
        var before = text[from..e.Span.Start].TrimEnd(" ,");
        // "By Katherine Jarvis." at the start of a line: the byline; reporters recur across a city's shootings too.
        int lineStart = before.LastIndexOf('\n') + 1;
        var opening = before[lineStart..].Trim();
        if (opening.Length > 0 && char.IsUpper(opening[0]) && s_bylineWords.Value.Contains(opening.ToString().ToLowerInvariant())
            && (lineStart > 0 || from == 0))
            return true;
        for (int k = 0; k < 2 && before.Length > 0; k++)
        {
            int space = before.LastIndexOfAny(' ', '\n');
            var word = before[(space + 1)..].Trim(",.");
            if (words.Contains(word.ToString().ToLowerInvariant()))
                return true;
            before = space < 0 ? [] : before[..space].TrimEnd(" ,");
        }
        return false;
    }

    private static readonly Lazy<FrozenSet<string>> s_bylineWords = Facts.FactLexicon.LazyCueSet("byline");

    private static readonly Lazy<FrozenDictionary<string, string[]>> s_ageWords = new(() =>
        LanguageData.Codes.ToFrozenDictionary(c => c, c => Facts.FactLexicon.CueWordsOf(c, "age-after").ToArray()));

    /// <summary>
    /// The age term of a lower-cased word made of a number and an age word of the language's <c>age-after</c> cues
    /// ("10-year-old", "45-jährigen" → <c>#age:10</c>, <c>#age:45</c>), null for any other word.
    /// </summary>
    public static string? AgeTerm(string word, string language) =>
        Facts.FactLexicon.AgeNumber(word, s_ageWords.Value.GetValueOrDefault(language) ?? s_ageWords.Value.GetValueOrDefault("en") ?? []) is { } age
            ? AgeTermPrefix + age : null;

    // Token index → inside an entity or a named place.
    private static bool[]? NameMask(Document doc)
    {
        if (doc.Entities.Count == 0 && doc.Places.Count == 0)
            return null;
        var spans = doc.Entities.Select(e => e.Span).Concat(doc.Places.Where(p => !p.Implicit).Select(p => p.Span)).OrderBy(s => s.Start).ToList();
        var mask = new bool[doc.Tokens.Count];
        int j = 0;
        for (int i = 0; i < doc.Tokens.Count; i++)
        {
            var t = doc.Tokens[i];
            while (j < spans.Count && spans[j].End <= t.Start)
                j++;
            mask[i] = j < spans.Count && spans[j].Start <= t.Start && t.End <= spans[j].End;
        }
        return mask;
    }

    /// <summary>
    /// A crude, language-neutral stem, enough to join inflections for overlap counting
    /// (Festnahmen/Festnahme, Kasachstans/Kasachstan, shootings/shooting).
    /// </summary>
    public static string Stem(string w)
    {
        foreach (var suffix in (ReadOnlySpan<string>)["ungen", "ings", "en", "es", "er", "s", "n", "e"])
        {
            if (w.Length - suffix.Length >= 4 && w.EndsWith(suffix, StringComparison.Ordinal))
                return w[..^suffix.Length];
        }
        return w;
    }
}
