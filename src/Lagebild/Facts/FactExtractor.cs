using System.Collections.Frozen;
using Lagebild.Languages;
using Lagebild.Model;
using Lagebild.Pipeline;

namespace Lagebild.Facts;

/// <summary>
/// Reads counted event facts (FACTS.md) from the analysed text of languages that have a facts
/// grammar (<c>Languages/&lt;code&gt;/triggers.txt</c>). Per sentence outside boilerplate it finds count
/// phrases, decides what each counts (the counted noun, an event noun before it, or a trigger verb
/// in its clause), and attaches qualifier, <c>additional</c>, <c>cumulative</c>, place, time and source.
/// One claim is one fact: repeats of the same kind, count and place are merged.
/// Immutable and thread-safe.
/// </summary>
public sealed partial class FactExtractor : IPipelineComponent
{
    private const int MaxNounDistance = 4;
    private const int GappedClauseMaxTokens = 5;

    private readonly FrozenDictionary<string, Grammar> _grammars;

    private sealed record Grammar(FactLexicon Lex, NumberParser Numbers, TimeTagger Times, SourceTagger Sources, ClockTagger Clock);

    /// <summary>Builds grammars for every language folder that has one (or for <paramref name="languages"/>).</summary>
    private readonly int _minCount;

    /// <param name="languages">Languages to build grammars for; null: every language folder that has one.</param>
    /// <param name="minCount">Smallest count reported. FACTS.md says counts of one are not facts (2, the default);
    /// 1 also reports single victims ("a man was killed"), as incident datasets count them.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minCount"/> is below 1.</exception>
    public FactExtractor(IEnumerable<string>? languages = null, int minCount = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minCount, 1);
        _minCount = minCount;
        _grammars = (languages ?? LanguageData.Codes)
            .Select(c => new FactLexicon(c))
            .Where(l => l.HasGrammar)
            .ToFrozenDictionary(l => l.Language, l => new Grammar(l, new NumberParser(l), new TimeTagger(l), new SourceTagger(l), new ClockTagger(l.Language)));
    }

    public string Name => "facts";
    public IReadOnlyList<string> Requires => [Layers.Tokens, Layers.Sentences, Layers.Boilerplate, Layers.Language, Layers.Places];
    public IReadOnlyList<string> Assigns => [Layers.Facts];

    /// <summary>Languages this extractor reads facts in.</summary>
    public IReadOnlyCollection<string> Languages => _grammars.Keys;

    public void Process(Document doc)
    {
        if (!_grammars.TryGetValue(doc.Language, out var g))
            return;
        var lower = new string[doc.Tokens.Count];
        for (int i = 0; i < lower.Length; i++)
            lower[i] = doc.Text.Substring(doc.Tokens[i].Start, doc.Tokens[i].Length).ToLowerInvariant();
        var state = new DocState(doc, lower, g, _minCount);
        doc.Times.AddRange(state.Times);
        doc.Clocks.AddRange(g.Clock.Find(doc.Text));
        foreach (var s in doc.Sentences)
            state.Sentence(s);
        state.OneVictimWithoutCount();
        var merged = Merge(state.Facts).ToList();
        if (_minCount == 1)
            merged = OneVictim(merged, doc);
        bool headline = IsHeadlineOnly(doc);
        doc.Facts.AddRange(merged.Select(f => PlusTheShooter(LessTheDead(f, doc.Text, merged, g.Lex, headline, doc.Article.Published), doc.Text, g.Lex, headline)).Where(f => f.Count.Value != 0));
    }

    /// <summary>
    /// "A man shot his daughter and killed her mother before turning the gun on himself": the shooter died too, so the
    /// dead of the sentence are one more than its count (<c>shooter-died</c> cues after the trigger; not where
    /// <c>shooter-counted</c> says the count holds him, nor for a count that is the shooter himself). GVA articles with
    /// "turned the gun on himself": the shooter is among the incident's dead in 34 of 40.
    /// </summary>
    private static Fact PlusTheShooter(Fact fact, string text, FactLexicon lex, bool headline)
    {
        if (fact is not { Kind: FactKind.Killed, Additional: false, Cumulative: false, Count: { Qualifier: CountQualifier.Exact, Value: long dead } }
            || fact.TriggerSpan.End > fact.Evidence.End || lex.CueWords("shooter-died").Count == 0)
            return fact;
        var after = text.AsSpan(fact.TriggerSpan.End, fact.Evidence.End - fact.TriggerSpan.End);
        var sentence = text.AsSpan(fact.Evidence.Start, fact.Evidence.Length);
        var count = text.AsSpan(fact.CountSpan.Start, fact.CountSpan.Length);
        if (count.EndsWith("self", StringComparison.OrdinalIgnoreCase) || text.AsSpan(fact.TriggerSpan.Start, fact.TriggerSpan.Length).Contains("suicide", StringComparison.OrdinalIgnoreCase))
            return fact;
        // "killed his wife and then himself": a bare reflexive after the dead; a headline's list counts it already (HeadlineList).
        bool died = FactLexicon.ContainsAny(after, lex.CueWords("shooter-died")) || !headline && FactLexicon.ContainsAny(after, lex.CueWords("shooter-also"));
        return died && !FactLexicon.ContainsAny(sentence, lex.CueWords("shooter-counted"))
            ? fact with { Count = fact.Count with { Value = dead + 1 } }
            : fact;
    }

    /// <summary>
    /// "Four people were shot. … One man died at the scene": a word that counts everyone hit (<c>all-hit</c> cues:
    /// "shot") counts the dead too, so the injured are the hit less the killed figure the article gives in another
    /// sentence, or later in the same one ("2 teens shot in Phoenix, 1 killed"; GVA reconciled injured 1836 → 1848, per
    /// article 0.627 → 0.638); "one fatally" (<c>fatal-part</c>) is read already. With several killed figures, the first
    /// after the hit; where it is not below the hit, the figure stays. <paramref name="text"/> is the text the fact's spans point into.
    /// </summary>
    public Fact LessTheDead(Fact fact, string text, IEnumerable<Fact> facts, string language, PartialDate? published = null) =>
        _grammars.TryGetValue(language, out var g) ? LessTheDead(fact, text, facts, g.Lex, published: published) : fact;

    // An undated hit is of the days before the report; the dead dated more than this many days before it are of another event.
    private const int UndatedHitRecallDays = 7;

    private static Fact LessTheDead(Fact fact, string text, IEnumerable<Fact> facts, FactLexicon lex, bool headline = false, PartialDate? published = null)
    {
        if (fact is not { Kind: FactKind.Injured, Additional: false, Count: { Qualifier: CountQualifier.Exact, Value: long hit } }
            || !lex.CueWords("all-hit").Contains(text[fact.TriggerSpan.Start..fact.TriggerSpan.End].ToLowerInvariant()))
            return fact;
        // "Four people were shot, one fatally": the fatal part is taken off already (the count is below its number).
        if (FactLexicon.NumberValue(FirstWord(text.AsSpan(fact.CountSpan.Start, fact.CountSpan.Length)).ToString()) > hit)
            return fact;
        // "Two other teens … were also shot": others than the dead, already.
        if (fact.TriggerSpan.Start > fact.CountSpan.Start && text.AsSpan(fact.CountSpan.Start, fact.TriggerSpan.Start - fact.CountSpan.Start) is var between
            && (HasAlsoCue(between) || HasCueWord(between, lex.CueWords("other").Contains)))
            return fact;
        // The dead of an earlier day are another shooting ("a vigil for a man killed last week", hit "late Thursday"; an undated
        // hit is of the day the report appeared: "a person was killed there in November of 2012").
        // A headline's hit is the body's hit of the same count, and of its day ("Four men shot near the park" … "Four men were
        // shot … Tuesday night"); not a count of the hurt told beside the dead ("three were shot dead and four others wounded").
        var hitDay = fact.Time?.Resolved ?? (fact.InTitle ? facts.FirstOrDefault(o => o is { Kind: FactKind.Injured, InTitle: false, Additional: false } && o.Count.Value == hit
            && o.Time?.Resolved is not null && !facts.Any(k => k.Kind == FactKind.Killed && k.Evidence == o.Evidence))?.Time?.Resolved : null);
        var dead = facts.Where(k => k is { Kind: FactKind.Killed, Additional: false, Count: { Qualifier: CountQualifier.Exact, Value: > 0 } }
                && (k.InTitle != fact.InTitle || k.Evidence != fact.Evidence || k.CountSpan.Start > fact.TriggerSpan.End
                    && !lex.CueWords("fatal-part").Contains(text[k.TriggerSpan.Start..k.TriggerSpan.End].ToLowerInvariant()))
                && !(k.Time?.Resolved is { } killedOn && (hitDay is { } hitOn ? killedOn.LastDay.DayNumber < hitOn.Date.DayNumber - 1
                    : published is { } p && killedOn.LastDay.DayNumber < p.Date.DayNumber - UndatedHitRecallDays)))
            .ToList();
        var values = dead.Select(k => k.Count.Value!.Value).Distinct().ToList();
        if (values.Count > 1)
        {
            // Several figures of the dead: the first one told after the hit, in the same part of the text (headline or
            // body; GVA injured per article 0.638 → 0.648, reconciled 1848 → 1850).
            var next = dead.Where(k => k.InTitle == fact.InTitle && k.CountSpan.Start > fact.CountSpan.Start).MinBy(k => k.CountSpan.Start);
            values = next is not null ? [next.Count.Value!.Value] : hit > 1 && values.Contains(hit) ? [hit] : values;
        }
        // Everyone hit died: none is left hurt; for one hit, unless the sentence tells the dead apart ("Officer shot, suspect killed").
        bool apart = hit == 1 && dead.Any(k => SideBySide(k, fact, f => text[f.CountSpan.Start..f.CountSpan.End], headline: headline));
        return values is [long killed] && (killed < hit || killed == hit && !apart) ? fact with { Count = fact.Count with { Value = hit - killed } } : fact;
    }

    // Counts of one (only reported with --min-count 1): "a man was shot … he died", "the victim was shot
    // and killed" name one victim twice, once hurt and once dead. An article whose only figures of harm are
    // one killed and one injured most often tells of one dead victim (in the GVA incidents, 616 such
    // incidents have one dead and none injured against 75 with one of each), so the injured one is dropped; so too
    // beside "at least two" dead of a murder-suicide whose victim the article names.
    // "Another" ("1 teenager killed, another injured") is someone else by its word: that one stays, and so does one
    // counted beside the dead in their sentence ("A man was killed and a woman was injured"), and one "also" shot.
    private static List<Fact> OneVictim(List<Fact> facts, Document doc)
    {
        var killed = facts.Where(f => f.Kind == FactKind.Killed && !f.Additional).ToList();
        var injured = facts.Where(f => f.Kind == FactKind.Injured && !f.Additional).ToList();
        if (killed.Any(k => k.Count is { Value: 1, Qualifier: CountQualifier.Exact }) && killed.All(k => k.Count.Min <= 2)
            && injured.Count == 1 && injured[0].Count is { Value: 1, Qualifier: CountQualifier.Exact }
            && !NamesAnother(injured[0], doc.Text, 0)
            && !killed.Any(k => k.Count.Qualifier == CountQualifier.Exact && SideBySide(k, injured[0], f => doc.Text[f.CountSpan.Start..f.CountSpan.End],
                headline: IsHeadlineOnly(doc))))
            facts.Remove(injured[0]);
        // "Mark Mata shot his wife and child before killing himself": one shot as the object of the verb, named by a
        // possessive (his wife, her son), beside the dead is most often one of them (GVA injured 1806 → 1810 incidents);
        // not where its sentence counts the dead apart ("shot his daughter and killed her mother").
        if (killed.Any(k => k.Count.Qualifier is CountQualifier.Exact or CountQualifier.AtLeast))
            facts.RemoveAll(f => f is { Kind: FactKind.Injured, Additional: false, Count: { Value: 1, Qualifier: CountQualifier.Exact } }
                && f.TriggerSpan.End <= f.CountSpan.Start
                && !killed.Any(k => k.Evidence == f.Evidence && k.InTitle == f.InTitle && k.CountSpan != f.CountSpan)
                && s_possessive.Value.Contains(FirstWord(doc.Text.AsSpan(f.CountSpan.Start, f.CountSpan.Length)).ToString().ToLowerInvariant()));
        return facts;
    }

    /// <summary>
    /// Two facts of one sentence with counts of their own, the later one bringing in someone new ("A man was killed and
    /// a woman was injured"; <c>new-person</c> cues or a number): they count different people. "An 11-year-old boy is
    /// dead after the child accidentally shot himself" names one. <paramref name="countText"/> gives a fact's count phrase.
    /// </summary>
    public static bool SideBySide(Fact a, Fact b, Func<Fact, string> countText, bool headline = false)
    {
        if (a.InTitle != b.InTitle || a.Evidence != b.Evidence || a.CountSpan.Start == b.CountSpan.Start)
            return false; // one count phrase read twice ("the death of a teenager who was shot") is one person
        var (earlier, later) = a.CountSpan.Start > b.CountSpan.Start ? (b, a) : (a, b);
        var phrase = countText(later).AsSpan();
        var word = FirstWord(phrase);
        if (word.Length == 0)
            return false;
        var lower = word.ToString().ToLowerInvariant();
        // "killing a 6-year-old boy and wounding his father": the hurt named by a possessive after the dead is kin of the dead.
        if (earlier.Kind == FactKind.Killed && later.Kind == FactKind.Injured && s_possessive.Value.Contains(lower))
            return true;
        // A headline drops its articles: "Man dead, woman injured", "Officer shot, suspect killed" name two.
        return char.IsAsciiDigit(word[0]) || s_newPerson.Value.Contains(lower) || HasCueWord(phrase, s_other.Value.Contains)
            || (headline || a.InTitle) && char.IsLetter(word[0]) && !s_known.Value.Contains(lower);
    }

    // The document is a headline read on its own (TitleFactReader): its text is its title.
    private static bool IsHeadlineOnly(Document doc) => doc.Article.Title is { Length: > 0 } title && doc.Text == title;

    private static readonly Lazy<FrozenSet<string>> s_known = FactLexicon.LazyCueSet("determiner", "possessive", "subject-pronoun", "reflexive");

    /// <summary>
    /// The fact counts one more person by its own words: "another" as the subject before its verb ("1 killed, another
    /// injured"; not "shot another man", whose victim may be the dead one), or "also" between its count and its verb
    /// ("… was also shot"). <paramref name="text"/> holds the fact's spans from <paramref name="offset"/> on (the document
    /// text, or the fact's sentence).
    /// </summary>
    public static bool NamesAnother(Fact f, ReadOnlySpan<char> text, int offset)
    {
        int count = f.CountSpan.Start - offset, countEnd = f.CountSpan.End - offset, trigger = f.TriggerSpan.Start - offset;
        return count >= 0 && countEnd <= text.Length && count < trigger && IsAnotherOne(text[count..countEnd])
            || countEnd >= 0 && trigger > countEnd && trigger <= text.Length && HasAlsoCue(text[countEnd..trigger]);
    }

    /// <summary>The count phrase says someone else: "another victim", "the other man" (<c>another-one</c> and <c>other</c> cues).</summary>
    public static bool NamesSomeoneElse(ReadOnlySpan<char> countPhrase) =>
        IsAnotherOne(FirstWord(countPhrase)) || HasCueWord(countPhrase, s_other.Value.Contains);

    internal static ReadOnlySpan<char> FirstWord(ReadOnlySpan<char> phrase)
    {
        phrase = phrase.Trim();
        int end = phrase.IndexOfAny(' ', '\n');
        return end < 0 ? phrase : phrase[..end];
    }

    private static readonly Lazy<FrozenSet<string>> s_other = FactLexicon.LazyCueSet("other");

    private static readonly Lazy<FrozenSet<string>> s_newPerson = FactLexicon.LazyCueSet("new-person");

    /// <summary>True when the words hold an <c>also</c> cue of any language ("was also shot"): one more person.</summary>
    public static bool HasAlsoCue(ReadOnlySpan<char> words) => HasCueWord(words, s_also.Value.Contains);

    private static bool HasCueWord(ReadOnlySpan<char> words, Func<string, bool> isCue)
    {
        foreach (var range in words.SplitAny(' ', '\n', ','))
        {
            var w = words[range].Trim();
            if (w.Length > 0 && isCue(w.ToString().ToLowerInvariant()))
                return true;
        }
        return false;
    }

    private static readonly Lazy<FrozenSet<string>> s_possessive = FactLexicon.LazyCueSet("possessive");

    private static readonly Lazy<FrozenSet<string>> s_also = FactLexicon.LazyCueSet("also");

    /// <summary>True when a count phrase is a word for one more person ("another", the <c>another-one</c> cues of any language).</summary>
    public static bool IsAnotherOne(ReadOnlySpan<char> countText) => s_anotherOne.Value.Contains(countText.Trim().ToString().ToLowerInvariant());

    private static readonly Lazy<FrozenSet<string>> s_anotherOne = FactLexicon.LazyCueSet("another-one");

    // One claim, one fact: the same kind, count and place said twice (headline and body) is one fact;
    // the first mention stays and takes the time and source a later mention adds.
    /// <summary>A fact as read, with what merging needs to know about where it stood.</summary>
    private sealed record ReadFact(Fact Fact, bool InLead, bool RefersBack);

    private static IEnumerable<Fact> Merge(List<ReadFact> facts)
    {
        var kept = new List<ReadFact>();
        foreach (var read in facts)
        {
            var f = read.Fact;
            // The same kind and count again is the same claim when the places agree, or when one names none and
            // is the headline or lead, or refers back ("Die rund 2.100 Menschen"); otherwise two equal figures
            // for different places stay two facts.
            int at = kept.FindIndex(k => k.Fact.Kind == f.Kind && k.Fact.Count == f.Count && k.Fact.Additional == f.Additional
                && (k.Fact.Place?.Name == f.Place?.Name || (k.Fact.Place is null || f.Place is null) && (k.InLead || read.RefersBack)));
            if (at < 0)
            {
                kept.Add(read);
                continue;
            }
            var k = kept[at].Fact;
            kept[at] = kept[at] with { Fact = k with { Place = k.Place ?? f.Place, Time = k.Time ?? f.Time, Source = k.Source ?? f.Source } };
        }
        return kept.Select(r => r.Fact);
    }

    /// <summary>A count phrase: tokens [First, Last], its count, and the token of "weitere" if any.</summary>
    private readonly record struct CountPhrase(int First, int Last, Count Count, bool Weitere);

    private sealed partial class DocState
    {
        private readonly Document _doc;
        private readonly string[] _lower;
        private readonly Grammar _g;
        private readonly TimeTagger.Anchor _anchor;
        private readonly List<TimeMention> _times;

        /// <summary>The document's time expressions, in text order.</summary>
        public IReadOnlyList<TimeMention> Times => _times;
        private readonly string? _storyCountry;
        private readonly PlaceMention? _storyCountryMention;
        private Fact? _previousSentenceLast;
        private int _consumedUntil = -1;
        // Where the triggers of the sentence's facts so far start: a trigger before a count that an earlier count of the
        // sentence took is that count's ("one male shot to death and two others with gunshot wounds").
        private readonly HashSet<int> _usedTriggers = [];
        private int _sentenceIndex; // of sentences with text outside boilerplate: 0 is the headline or lead
        private List<TextSpan> _sourceSpans = [];
        private readonly bool _refugeeContext;
        private readonly bool _protestContext;
        // The document is a headline read on its own (TitleFactReader): lists use commas for "and".
        private readonly bool _isHeadline;

        public List<ReadFact> Facts { get; } = [];

        private readonly int _minCount;

        public DocState(Document doc, string[] lower, Grammar g, int minCount)
        {
            _minCount = minCount;
            _isHeadline = IsHeadlineOnly(doc);
            _doc = doc;
            _lower = lower;
            _g = g;
            _anchor = g.Times.FindAnchor(doc, lower);
            _refugeeContext = CueWordCount(0, lower.Length, "refugee-context") >= RefugeeContextMentions;
            _protestContext = CueWordCount(0, lower.Length, "protest-context") >= 1;
            _times = g.Times.Find(doc, lower, _anchor);
            var countries = doc.Places.Where(p => p.Country is not null).GroupBy(p => p.Country!).OrderByDescending(gr => gr.Count()).FirstOrDefault();
            _storyCountry = countries?.Key;
            _storyCountryMention = countries?.Where(p => p.Level == PlaceLevel.Country && !p.Implicit).GroupBy(p => p.Name).OrderByDescending(gr => gr.Count()).FirstOrDefault()?.First();
            if (minCount == 1 && !g.Lex.NounsCapitalized)
                _personEnds = PersonTokens(doc);
        }

        // Single-victim mode in a language without capitalised nouns: where a person's name starts (token) → its last token.
        private readonly Dictionary<int, int>? _personEnds;

        private static Dictionary<int, int> PersonTokens(Document doc)
        {
            var ends = new Dictionary<int, int>();
            var tokens = doc.Tokens;
            foreach (var e in doc.Entities)
            {
                if (e.Type != "PER")
                    continue;
                int first = LowerBound(tokens, e.Span.Start);
                if (first >= tokens.Count || tokens[first].Start != e.Span.Start)
                    continue;
                int last = first;
                while (last + 1 < tokens.Count && tokens[last + 1].End <= e.Span.End)
                    last++;
                ends[first] = last;
            }
            return ends;
        }

        private static int LowerBound(IReadOnlyList<Token> tokens, int start)
        {
            int lo = 0, hi = tokens.Count;
            while (lo < hi)
            {
                int mid = (lo + hi) / 2;
                if (tokens[mid].Start < start)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            return lo;
        }

        // ", 13," after a name: an age in apposition ("Darin Booker, 13, died"), read as part of the name's clause.
        private bool IsAgeApposition(int comma)
        {
            var tokens = _doc.Tokens;
            return comma > 0 && comma + 1 < tokens.Count
                && tokens[comma].Kind == TokenKind.Punctuation && _doc.Text[tokens[comma].Start] == ','
                && tokens[comma + 1].Kind == TokenKind.Number && tokens[comma + 1].Length <= 3
                && (comma + 2 == tokens.Count || tokens[comma + 2].Kind == TokenKind.Punctuation && _doc.Text[tokens[comma + 2].Start] is ',' or '.' or ';' or ')')
                && tokens[comma - 1].Kind == TokenKind.Word && char.IsUpper(_doc.Text[tokens[comma - 1].Start]);
        }

        private FactLexicon Lex => _g.Lex;

        // Arrivals, crossings and shelter counts are displacement figures only in an article about people on the
        // move ("Knapp 3.500 Menschen überquerten die Grenze"); three mentions of refugees or asylum make it one.
        private const int RefugeeContextMentions = 3;

        // Tokens in [from, to) that contain a cue word of the role ("Flüchtlingsunterkunft" contains "flüchtling").
        private int CueWordCount(int from, int to, string role)
        {
            var cues = _g.Lex.CueWords(role);
            int n = 0;
            for (int k = from; k < to; k++)
            {
                foreach (var cue in cues)
                {
                    if (_lower[k].Contains(cue, StringComparison.Ordinal))
                    {
                        n++;
                        break;
                    }
                }
            }
            return n;
        }

        // ", ages 3 and 5, and …": the token after the apposition's closing comma when an "and" follows it, else null;
        // ", 41-year-old Lee Brandenburg, and …": an age word and the person's name set off by commas, likewise.
        private int? ListApposition(int k, int end)
        {
            if (k + 2 >= end || _doc.Text[_doc.Tokens[k].Start] != ',')
                return null;
            bool ages = IsCue(k + 1, "age-before"), named = !ages && IsAgeWord(k + 1);
            if (!ages && !named)
                return null;
            for (int m = k + 2; m < Math.Min(end - 1, k + 9); m++)
            {
                if (_doc.Text[_doc.Tokens[m].Start] == ',')
                    return IsCue(m + 1, "and") ? m + 1 : null;
                bool fits = ages ? _doc.Tokens[m].Kind == TokenKind.Number || IsCue(m, "and")
                    : _doc.Tokens[m].Kind == TokenKind.Word && char.IsUpper(_doc.Text[_doc.Tokens[m].Start]);
                if (!fits)
                    return null;
            }
            return null;
        }

        // "a mother of two", "Father of 5": a bare number after a person and "of".
        private bool IsParentOf(CountPhrase c) => c.First == c.Last && c.First >= 2 && IsCue(c.First - 1, "of") && IsCue(c.First - 2, "singular-person")
            && (c.Last + 1 >= _lower.Length || Lex.NounClasses.MatchAt(_lower, c.Last + 1, c.Last + 2) is null);

        private bool InBoilerplate(int token) => _doc.IsBoilerplate(_doc.Tokens[token].Start);

        public void Sentence(Sentence s)
        {
            if (s.TokenCount == 0 || (InBoilerplate(s.FirstToken) && InBoilerplate(s.EndToken - 1)))
            {
                return;
            }
            var clauses = Clauses(s);
            var counts = new List<CountPhrase>();
            for (int i = s.FirstToken; i < s.EndToken; i++)
            {
                if (InBoilerplate(i))
                    continue;
                if (CountAt(i, s.EndToken) is { } c)
                {
                    counts.Add(c);
                    i = c.Last;
                }
            }
            // Counts of things ("drei Notquartiere") are no one's figure: they do not bound another count's trigger search.
            // Nor do the children of a parent ("Father of 5 killed").
            var bounding = counts.Where(c => !IsInert(c, s.EndToken) && !IsParentOf(c)).ToList();
            var sentenceFacts = new List<Fact>();
            var sources = _g.Sources.Find(_doc, _lower, s.FirstToken, s.EndToken);
            _sourceSpans = [.. sources.Select(m => new TextSpan(_doc.Tokens[m.FirstToken].Start, _doc.Tokens[m.LastToken].End))];
            _consumedUntil = -1;
            _usedTriggers.Clear();
            for (int ci = 0; ci < counts.Count; ci++)
            {
                var c = counts[ci];
                if (c.First <= _consumedUntil)
                    continue; // summed into the previous count ("zwei Männer und zwei Frauen")
                var (cs, ce) = clauses[c.First - s.FirstToken];
                int prevEnd = cs, nextStart = ce;
                foreach (var b in bounding)
                {
                    if (b.Last < c.First)
                        prevEnd = b.Last + 1;
                    else if (b.First > c.Last)
                    {
                        nextStart = b.First;
                        break;
                    }
                }
                var fact = Read(s, c, Math.Max(cs, prevEnd), Math.Min(ce, nextStart), cs, ce, sentenceFacts, sources);
                // "One man was critically injured and three others were wounded": others of the same kind are more of them (the
                // first count's trigger after it, the count no object of "of": not "the fatal shooting of one person and
                // wounding of three others").
                if (fact is { Additional: false, Count: { Qualifier: CountQualifier.Exact, Value: long more } } && c.Last + 1 < s.EndToken && IsCue(c.Last + 1, "other")
                    && sentenceFacts.LastOrDefault(f => f.Kind == fact.Kind) is { Additional: false, Count: { Qualifier: CountQualifier.Exact, Value: long first } } before
                    && before.TriggerSpan.Start > before.CountSpan.End
                    && counts.Find(o => _doc.Tokens[o.First].Start == before.CountSpan.Start) is var firstCount && !(firstCount.First > 0 && IsCue(firstCount.First - 1, "of")))
                {
                    sentenceFacts.Remove(before);
                    Facts.RemoveAll(r => ReferenceEquals(r.Fact, before));
                    fact = fact with { Count = new Count(first + more, CountQualifier.Exact), CountSpan = new TextSpan(before.CountSpan.Start, fact.CountSpan.End) };
                }
                if (fact is not null)
                {
                    sentenceFacts.Add(fact);
                    _usedTriggers.Add(fact.TriggerSpan.Start);
                    Facts.Add(new ReadFact(fact, InLead: _sentenceIndex == 0, RefersBack: c.First > s.FirstToken && IsCue(c.First - 1, "definite")));
                }
            }
            ShareCoordinatedTime(sentenceFacts);
            _sentenceIndex++;
            if (sentenceFacts.Count > 0)
                _previousSentenceLast = sentenceFacts[^1];
            else if (counts.Count > 0)
                _previousSentenceLast = null;
        }

        // "a May 25 shooting that killed one and injured three others entered pleas today": the second of two joined verbs
        // with their counts tells of the same event, at the first one's time (not at the nearer "today").
        private void ShareCoordinatedTime(List<Fact> sentenceFacts)
        {
            for (int i = 1; i < sentenceFacts.Count; i++)
            {
                var (first, second) = (sentenceFacts[i - 1], sentenceFacts[i]);
                if (first.Time is null || first.Time == second.Time || first.Kind == second.Kind || first.CountSpan.End > second.TriggerSpan.Start
                    || first.TriggerSpan.End > first.CountSpan.Start)
                    continue;
                var between = _doc.Text.AsSpan(first.CountSpan.End, second.TriggerSpan.Start - first.CountSpan.End).Trim().ToString();
                if (!Lex.CueWords("and").Any(a => between.Equals(a, StringComparison.OrdinalIgnoreCase)))
                    continue;
                var shared = second with { Time = first.Time };
                sentenceFacts[i] = shared;
                int at = Facts.FindIndex(r => ReferenceEquals(r.Fact, second));
                if (at >= 0)
                    Facts[at] = Facts[at] with { Fact = shared };
            }
        }

        // For each token of the sentence, the clause [start, end) it sits in. Clauses end at , ; : ( ) and dashes.
        private (int, int)[] Clauses(Sentence s)
        {
            var result = new (int, int)[s.TokenCount];
            int start = s.FirstToken;
            for (int i = s.FirstToken; i <= s.EndToken; i++)
            {
                if (i == s.EndToken || IsClauseBoundary(i))
                {
                    for (int k = start; k < i; k++)
                        result[k - s.FirstToken] = (start, i);
                    if (i < s.EndToken)
                        result[i - s.FirstToken] = (i, i + 1);
                    start = i + 1;
                }
            }
            return result;
        }

        private bool IsClauseBoundary(int i)
        {
            if (_personEnds is not null && (IsAgeApposition(i) || i >= 2 && IsAgeApposition(i - 2) && _doc.Text[_doc.Tokens[i].Start] == ','))
                return false;
            var t = _doc.Tokens[i];
            return t.Kind == TokenKind.Punctuation && _doc.Text[t.Start] is ',' or ';' or ':' or '(' or ')' or '–' or '—' or '-' or '[' or ']';
        }

        private bool IsCue(int i, string role) => Lex.Cues(role).MatchAt(_lower, i, i + 1) is not null;

        // A negation or "nearly" in tokens [from, to): what follows did not happen ("no one", "nearly killed").
        private bool Denied(int from, int to) => ClauseHasCue(from, to, "negation") || ClauseHasCue(from, to, "not-quite");

        private bool ClauseHasCue(int from, int to, string role)
        {
            for (int k = from; k < to; k++)
            {
                if (Lex.Cues(role).MatchAt(_lower, k, to) is not null)
                    return true;
            }
            return false;
        }

        private Fact? Read(Sentence s, CountPhrase c, int searchStart, int searchEnd, int clauseStart, int clauseEnd, List<Fact> sentenceFacts, List<SourceMention> sources)
        {
            var tokens = _doc.Tokens;
            // "was shot by one of the friends": the count after "by" is the agent, not the victims.
            if (c.First > clauseStart && IsCue(c.First - 1, "agent"))
                return null;
            // "darunter drei Kinder", "99 davon": part of a group already counted.
            for (int k = Math.Max(clauseStart, c.First - 3); k < c.First; k++)
            {
                if (IsCue(k, "subset"))
                    return null;
            }
            if (c.Last + 1 < clauseEnd && IsCue(c.Last + 1, "subset"))
                return null;
            var (noun, npTriggers) = Lex.NounsCapitalized ? CapitalisedNoun(c, clauseEnd) : ListedNoun(c, clauseEnd);
            // "the 911 caller's father": an emergency number counts people only with their noun right after it.
            if (c.First == c.Last && IsCue(c.First, "not-a-count") && noun != c.Last + 1)
                return null;
            // "he was shot to death three years ago at 24": a bare number after "at" is an age.
            if (noun < 0 && c.First > clauseStart && IsCue(c.First - 1, "age-at") && IsBareNumber(c))
                return null;

            string? nounClass = null;
            Trigger? trigger = null;
            int triggerToken = -1;
            if (noun >= 0)
            {
                if (NounTrigger(noun) is { } nt && (nt.Phrase.Value.Needs is null || nt.Phrase.Value.Needs.EndsWith("-context", StringComparison.Ordinal) && Satisfies(nt.Phrase.Value, "person")))
                {
                    trigger = nt.Phrase.Value;
                    triggerToken = noun;
                    // "Dutzende Demonstranten wurden festgenommen": what happened to the group is the fact.
                    if (trigger.Role == TriggerRole.Group && VerbTrigger(c, noun, "person", searchStart, searchEnd) is ({ } verb, int vt) && verb.Kind != trigger.Kind)
                        (trigger, triggerToken) = (verb, vt);
                }
                nounClass = Lex.NounClasses.MatchAt(_lower, noun, noun + 1)?.Phrase.Value;
                if (trigger is null && nounClass is null)
                    return null; // "vier weitere Sowjetrepubliken", "5 Prozent", "300 Euro"
            }
            else if (IsBareNumber(c) && (IsYear(c) || IsIdentifier(c, clauseStart) || IsCue(c.First, "not-a-count")))
            {
                return null;
            }

            // "riefen einige Demonstranten": people who speak are not a count of the event.
            int headEnd = noun >= 0 ? noun : c.Last;
            if (Lex.NounsCapitalized && c.First > clauseStart && IsCue(c.First - 1, "speech") || headEnd + 1 < clauseEnd && IsCue(headEnd + 1, "speech"))
                return null; // English "said three people were arrested" introduces what was said, so only the speakers after count
            // "pro 1.000 Einwohner zehn Asylwerber", "vielleicht 500 Flüchtlinge": rates and maybes are not counts of an event.
            if (ClauseHasCue(clauseStart, clauseEnd, "rate") || ClauseHasCue(clauseStart, clauseEnd, "hypothetical"))
                return null;
            // "Angriff auf vier Männer", "Unterkunft für 500 Flüchtlinge": a count inside such a phrase is not what happened.
            if (noun >= 0 && trigger is null && npTriggers.Count == 0 && c.First > clauseStart && IsCue(c.First - 1, "blocking-preposition"))
                return null;

            // "a mother of two": the children a parent has are no count of the event.
            if (noun < 0 && c.First == c.Last && c.First - 2 >= clauseStart && IsParentOf(c))
                return null;
            // "zwei Männer und zwei Frauen", "three men and a teenager": one group, one count.
            var count = c.Count;
            // "he and three others were shot": the one named by the pronoun is one more.
            if (noun >= 0 && c.First - 2 >= clauseStart && IsCue(c.First - 1, "and") && IsCue(c.First - 2, "subject-pronoun") && IsCue(noun, "other")
                && count is { Value: long others, Qualifier: CountQualifier.Exact })
                count = new Count(others + 1, CountQualifier.Exact);
            int npEnd = noun >= 0 ? noun : c.Last;
            if (noun >= 0 && nounClass is not null && trigger is null && count.Value is long total && !count.IsVague)
            {
                int k = SkipGenitive(noun + 1, clauseEnd);
                // "Two children, ages 3 and 5, and their mother": past the ages (or an age and a name) set off by commas, the list
                // goes on.
                int groupEnd = clauseEnd;
                bool pastApposition = false;
                if (ListApposition(k, s.EndToken) is int after)
                {
                    k = after;
                    groupEnd = Clauses(s)[k - s.FirstToken].Item2;
                    pastApposition = true;
                }
                while (k + 1 < groupEnd && IsCue(k, "and"))
                {
                    if (_minCount == 1 && total == 1 && IsCue(k + 1, "singular-person") && Lex.NounClasses.MatchAt(_lower, k + 1, k + 2) is not null)
                    {
                        total++; // "a mother and daughter were shot": a second person without an article
                        npEnd = k + 1;
                        k = SkipGenitive(k + 2, groupEnd);
                        continue;
                    }
                    if (_minCount == 1 && total == 1 && IsAgeWord(k + 1))
                    {
                        // "an 18-year-old woman and 3-year-old girl were shot", "… and 3-year-old were injured"
                        total++;
                        npEnd = k + 2 < groupEnd && Lex.NounClasses.MatchAt(_lower, k + 2, k + 3) is not null ? k + 2 : k + 1;
                        k = SkipGenitive(npEnd + 1, groupEnd);
                        continue;
                    }
                    // "a mother and her two children": past a possessive
                    int at = k + 2 < groupEnd && IsCue(k + 1, "possessive") ? k + 2 : k + 1;
                    // "her husband and their son": the possessive itself is one person's article
                    if ((CountAt(at, groupEnd, allowOne: true) ?? (at == k + 2 && (total == 1 || pastApposition) && SingularPersonAhead(at, groupEnd) ? new CountPhrase(k + 1, k + 1, new Count(1, CountQualifier.Exact), false) : null))
                        is not { Count: { Value: long more, Qualifier: CountQualifier.Exact } } next)
                        break;
                    var (n2, _) = Lex.NounsCapitalized ? CapitalisedNoun(next, groupEnd) : ListedNoun(next, groupEnd);
                    if (n2 < 0 || Lex.NounClasses.MatchAt(_lower, n2, n2 + 1) is null || NounTrigger(n2) is not null)
                        break; // "1.816 Flüchtlinge und 205 Asylwerber" are two groups
                    total += more;
                    npEnd = n2;
                    k = SkipGenitive(n2 + 1, groupEnd);
                }
                if (npEnd != noun)
                {
                    count = new Count(total, count.Qualifier);
                    _consumedUntil = npEnd;
                    clauseEnd = groupEnd; // past an apposition the group ends in a later clause
                    searchEnd = clauseEnd; // the absorbed counts no longer bound the trigger search
                }
            }
            else if (noun < 0 && _personEnds is not null && count is { Value: 1, Qualifier: CountQualifier.Exact } && PeopleAfter(c, clauseEnd) is var (people, peopleEnd) && people > 1)
            {
                count = new Count(people, CountQualifier.Exact); // "Jose Garcia III, 20, and Feliberto Ponce, 17, were shot": two
                npEnd = peopleEnd;
                _consumedUntil = peopleEnd;
                searchEnd = clauseEnd;
            }
            // "Agent Lee Tartt and the male suspect were killed", "he injured himself and a juvenile": a named person or a
            // reflexive right before "and" is one more.
            if (count is { Value: 1, Qualifier: CountQualifier.Exact } && c.First - 2 >= clauseStart && IsCue(c.First - 1, "and")
                && (_personEnds is not null && _personEnds.ContainsValue(c.First - 2) || IsCue(c.First - 2, "reflexive")))
                count = new Count(2, CountQualifier.Exact);
            // A headline's list of single persons with commas: "Mother, toddler killed in shooting", "Man shoots 2 women, young
            // girl", one count (a count of more than one with its person noun: GVA injured 1899 → 1903). (In body
            // sentences, lists of bare nouns, "a mother, father, and toddler", cost GVA 2 dead and 6 hurt incidents: appositions.)
            if (count is { Value: long listStart, Qualifier: CountQualifier.Exact } && (listStart == 1 || nounClass is not null)
                && npEnd == (noun >= 0 ? noun : c.Last) && _isHeadline
                && HeadlineList(npEnd, s.EndToken) is var (listed, listEnd) && listed > 0)
            {
                count = new Count(listStart + listed, CountQualifier.Exact);
                npEnd = listEnd;
                _consumedUntil = listEnd;
                clauseEnd = Clauses(s)[listEnd - s.FirstToken].Item2;
                searchEnd = clauseEnd;
            }

            // An event noun before the count: "die Festnahme mehrerer hundert Kämpfer", "Abzug von 2000 Soldaten".
            if (trigger is null)
            {
                int before = c.First - 1;
                if (before >= clauseStart && IsCue(before, "of"))
                    before--;
                if (before >= clauseStart && NounTrigger(before) is { } ev && ev.Phrase.Value.Role is TriggerRole.Event or TriggerRole.Noun
                    && Satisfies(ev.Phrase.Value, nounClass))
                {
                    trigger = ev.Phrase.Value;
                    triggerToken = before;
                }
            }
            bool cumulative = false;
            // "Die Zahl der Toten stieg auf 158": the count is of the noun after "Zahl der".
            if (trigger is null && (noun < 0 || nounClass is not null))
            {
                for (int k = clauseStart; k < c.First; k++)
                {
                    // "Zahl der Toten" names the kind after the cue; "death toll" is cue and kind at once.
                    if (Lex.Cues("total-of").MatchAt(_lower, k, c.First) is { } m
                        && ((m.Last + 1 < c.First ? NounTrigger(m.Last + 1) : null) ?? Lex.Triggers.MatchAt(_lower, m.First, m.Last + 1, p => p.Value.Role != TriggerRole.Verb)) is { } of)
                    {
                        trigger = of.Phrase.Value;
                        triggerToken = of.First;
                        cumulative = true;
                        break;
                    }
                }
            }
            // "Nach 8.750 Asylsuchenden am Montag sank die Zahl auf knapp 6.000": the bare "Zahl" is the last figure's kind.
            if (trigger is null && noun < 0 && (sentenceFacts.Count > 0 ? sentenceFacts[^1] : _previousSentenceLast) is { } last
                && BareTotal(clauseStart, c.First))
            {
                trigger = new Trigger(last.Kind, TriggerRole.Noun, null);
                cumulative = last.Cumulative;
            }
            if (trigger is null)
            {
                foreach (var adj in npTriggers)
                {
                    if (Satisfies(adj.Phrase.Value, nounClass))
                    {
                        trigger = adj.Phrase.Value;
                        triggerToken = adj.First;
                        break;
                    }
                }
            }
            if (trigger is null)
            {
                (trigger, triggerToken) = VerbTrigger(c, npEnd, nounClass, searchStart, searchEnd);
                // "Die meisten, rund 4.560 Menschen, überquerten …", "Hunderte Kleinsparer, die …, haben demonstriert":
                // a subject set off by commas takes its verb from the next main clause.
                // Only a noun phrase does so: a bare number between commas is an apposition ("Jeremy Taylor, 54, was shot").
                // Where the subject is the whole clause ("Two victims,"), past up to MaxAppositions clauses between commas that
                // give no verb of the kind ("Two victims, a 25-year-old man and a 26-year-old man, died at the scene").
                int hops = clauseEnd == npEnd + 1 ? MaxAppositions : 0;
                for (int from = clauseEnd, hop = 0; trigger is null && noun >= 0 && hop <= hops && from < s.EndToken; hop++)
                {
                    if (NextMainClause(s, from) is not var (ns, ne) || ns >= ne)
                        break;
                    (trigger, triggerToken) = VerbTrigger(c, npEnd, nounClass, ns, ne, otherClause: hop > 0);
                    if (trigger is not null && triggerToken < ns)
                        trigger = null;
                    if (trigger is not null && hop > 0)
                        _consumedUntil = Math.Max(_consumedUntil, ns - 1); // the people in the apposition are these
                    if (ne >= s.EndToken || _doc.Text[_doc.Tokens[ne].Start] != ',')
                        break;
                    from = ne;
                }
                // "three men shot Byers", "Drei Männer erschossen einen Polizisten": the counted people did it.
                if (trigger is not null && triggerToken > npEnd && (triggerToken == npEnd + 1 || !Lex.NounsCapitalized)
                    && !HasPassiveAuxiliary(npEnd + 1, triggerToken) && IsActiveWithObject(triggerToken, Math.Max(searchEnd, clauseEnd)))
                    return null;
            }
            // "Dort kamen am Samstag 4.490 Menschen über die Grenzen, am Sonntag 4.044": a bare count in a short
            // clause without its own verb continues the figure just before it.
            // A lone number between commas is an apposition ("Troy Smothers, 29,"), not a gapped clause.
            if (trigger is null && noun < 0 && sentenceFacts.Count > 0 && clauseStart > s.FirstToken
                && clauseEnd - clauseStart is >= 2 and <= GappedClauseMaxTokens
                && _doc.Text[_doc.Tokens[clauseStart - 1].Start] == ',')
            {
                var before = sentenceFacts[^1];
                trigger = new Trigger(before.Kind, TriggerRole.Verb, null);
            }
            if (trigger is null)
                return null;
            if (trigger.Kind == FactKind.Protesters && noun >= 0 && _lower[noun].EndsWith("teilnehmer", StringComparison.Ordinal) && CueWordCount(s.FirstToken, s.EndToken, "protest-context") == 0)
                return null; // "Teilnehmer" of a conference are not protesters

            if (triggerToken > 0 && triggerToken != c.First && Denied(triggerToken - 1, triggerToken))
                return null; // "bullets that nearly killed his father-in-law", "two men were not hurt"
            var kind = trigger.Kind;
            if (kind == FactKind.Injured && count.Value is long shot && FatalPart(triggerToken, s.EndToken) is long fatal && fatal < shot)
                count = count with { Value = shot - fatal }; // "Ten people were shot, one of them fatally": nine injured
            else if (kind == FactKind.Injured && triggerToken >= 0 && (DiedAfterwards(triggerToken, clauseEnd) || ClauseHasCue(triggerToken + 1, s.EndToken, "all-dead")))
            {
                // "one of five people shot … has died": the part died, the rest of the shot are hurt.
                if (c.First - 2 >= clauseStart && IsCue(c.First - 1, "of") && CountAt(c.First - 2, c.First, allowOne: true) is { Count.Value: long part }
                    && count.Value is long all && part < all)
                    count = count with { Value = all - part };
                else
                    kind = FactKind.Killed; // "a young child was shot and later died": the shot died
            }
            if (count.Value == 1 && kind is not (FactKind.Killed or FactKind.Injured or FactKind.Arrested or FactKind.Missing))
                return null; // counts of one are single victims, arrests or missing people ("a two-year-old was airlifted to the hospital" evacuates no one)
            if (count.Qualifier == CountQualifier.Exact && ClauseHasCue(clauseStart, clauseEnd, "approaching"))
                count = count with { Qualifier = CountQualifier.Almost };
            cumulative |= ClauseHasCue(clauseStart, clauseEnd, "cumulative");

            // "weitere" is "more on top" unless it follows a figure of another kind ("32 Tote, 80 weitere verletzt").
            var previous = sentenceFacts.Count > 0 ? sentenceFacts[^1] : _previousSentenceLast;
            bool additional = c.Weitere && (previous is null || previous.Kind == kind) && !OtherKindBefore(s.FirstToken, c.First, kind);

            var evidence = new TextSpan(_doc.Tokens[s.FirstToken].Start, _doc.Tokens[s.EndToken - 1].End);
            var countSpan = new TextSpan(tokens[c.First].Start, tokens[c.Last].End);
            return new Fact
            {
                Kind = kind,
                Count = count,
                Additional = additional,
                Cumulative = cumulative,
                Place = Place(s, c, kind, clauseStart, clauseEnd, arrival: trigger.Needs == "refugee-context"),
                Time = Time(s, c, clauseStart, clauseEnd),
                Source = Source(sources, c),
                Evidence = evidence,
                CountSpan = countSpan,
                TriggerSpan = triggerToken >= 0 ? tokens[triggerToken].Span : countSpan,
            };
        }

        // A headline lists people with commas where a sentence has "and": "Man, baby found dead", "Woman, 1-year-old boy
        // wounded", "Mother, father, and toddler dead". How many more single persons follow, and where the last ends.
        private (long More, int Last) HeadlineList(int last, int end)
        {
            long more = 0;
            while (last + 2 < end && (IsCue(last + 1, "and") || _doc.Tokens[last + 1].Kind == TokenKind.Punctuation && _doc.Text[_doc.Tokens[last + 1].Start] is ',' or '&'
                || IsCue(last + 1, "then") && IsCue(last + 2, "reflexive")))
            {
                int j = last + 2;
                if (IsCue(j, "and"))
                    j++; // ", and toddler"
                if (j < end && IsCue(j, "definite-one"))
                    j++;
                if (j >= end)
                    break; // "Man, and" at the end of the headline: no one more
                int found = -1;
                // "Mother, 2 children found dead": a number of people
                if (CountAt(j, end) is { Count: { Value: long several, Qualifier: CountQualifier.Exact } } group && several > 1
                    && ListedNoun(group, end).Noun is int groupNoun && groupNoun >= 0 && Lex.NounClasses.MatchAt(_lower, groupNoun, groupNoun + 1) is not null)
                {
                    more += several;
                    last = groupNoun;
                    continue;
                }
                for (int m = j; m < Math.Min(end, j + 3); m++)
                {
                    if (IsCue(m, "singular-person") || IsCue(m, "reflexive"))
                    {
                        found = m;
                        break;
                    }
                    if (_doc.Tokens[m].Kind is not (TokenKind.Word or TokenKind.Number) || Lex.Triggers.MatchAt(_lower, m, m + 1) is not null || IsCue(m, "finite-verb"))
                        break; // "Bullet kills man, grazes child": a second verb, not a second person
                }
                if (found < 0)
                    break;
                more++;
                last = found;
            }
            return (more, last);
        }

        // One person followed by more single people ("and Feliberto Ponce, 17,", "and her brother Daveon, 15,", "and a
        // 23-year-old man"): how many people the phrase names, and its last token (counts of one reported, languages with
        // lower-case nouns).
        private (long People, int Last) PeopleAfter(CountPhrase c, int clauseEnd)
        {
            long people = 1;
            int last = c.Last;
            var names = _personEnds!;
            while (last + 2 < clauseEnd && IsCue(last + 1, "and"))
            {
                int start = last + 2, end;
                if (names.TryGetValue(start, out int nameLast))
                    end = nameLast; // "and Feliberto Ponce"
                else if (CountAt(start, clauseEnd, allowOne: true) is { Count: { Value: 1, Qualifier: CountQualifier.Exact } } next
                         && ListedNoun(next, clauseEnd).Noun is int noun && noun >= 0
                         && (Lex.NounClasses.MatchAt(_lower, noun, noun + 1) is not null || IsCue(noun, "singular-person") || names.ContainsKey(noun)))
                    end = names.TryGetValue(noun, out int nl) ? nl : noun; // "and a 23-year-old man", "and her brother Daveon"
                else
                    break;
                if (names.TryGetValue(end + 1, out int named))
                    end = named; // "her brother Daveon"
                if (IsAgeApposition(end + 1) && end + 3 < clauseEnd)
                    end += 3; // ", 15,"
                people++;
                last = end;
            }
            return (people, last);
        }

        // "ein Polizist wurde getötet, zwei weitere wurden verletzt": an earlier trigger of another kind makes "weitere" mean "others".
        private bool OtherKindBefore(int from, int to, FactKind kind)
        {
            foreach (var m in Lex.Triggers.FindAll(_lower, from, to))
            {
                if (m.Last < to && m.Phrase.Value.Kind != kind)
                    return true;
            }
            return false;
        }

        // German: the counted noun is the first capitalised word after the count, past adjectives, quotes and "weitere".
        private (int Noun, List<PhraseSet<Trigger>.Match> Adjectives) CapitalisedNoun(CountPhrase c, int clauseEnd)
        {
            var tokens = _doc.Tokens;
            var npTriggers = new List<PhraseSet<Trigger>.Match>();
            for (int k = c.Last + 1; k < clauseEnd && k <= c.Last + MaxNounDistance; k++)
            {
                var t = tokens[k];
                if (t.Kind == TokenKind.Quote)
                    continue;
                if (t.Kind != TokenKind.Word)
                    break;
                if (char.IsUpper(_doc.Text[t.Start]))
                {
                    // "Berufs- und Zeitsoldaten": a truncated compound shares the last part's head
                    if (_doc.Text[t.End - 1] == '-' && k + 2 < clauseEnd && IsCue(k + 1, "and") && char.IsUpper(_doc.Text[tokens[k + 2].Start]))
                        return (k + 2, npTriggers);
                    return (k, npTriggers);
                }
                if (IsCue(k, "additional") || IsCue(k, "np-joiner"))
                    continue;
                if (!IsAdjective(_lower[k]))
                    break;
                if (Lex.Triggers.MatchAt(_lower, k, k + 1) is { } adj)
                    npTriggers.Add(adj); // "300 verletzte Polizisten", "neun festgenommenen Personen": any role, as an adjective
            }
            return (-1, npTriggers);
        }

        // English and other lower-case-noun languages: the counted noun is a listed noun or kind word within a few
        // words ("three police officers", "two dead"); a function word first means the count stands alone
        // ("two were killed"); an unlisted word before a function word is a noun of no interest ("five cars").
        private (int Noun, List<PhraseSet<Trigger>.Match> Adjectives) ListedNoun(CountPhrase c, int clauseEnd)
        {
            var tokens = _doc.Tokens;
            var npTriggers = new List<PhraseSet<Trigger>.Match>();
            int unknown = -1;
            for (int k = c.Last + 1; k < clauseEnd && k <= c.Last + MaxNounDistance; k++)
            {
                var t = tokens[k];
                if (t.Kind == TokenKind.Quote)
                    continue;
                if (SpelledAgeEnd(k, clauseEnd) is int old and >= 0)
                {
                    k = old; // "a 17 year old boy"
                    continue;
                }
                if (t.Kind != TokenKind.Word)
                    break;
                if (Lex.NounClasses.MatchAt(_lower, k, clauseEnd) is { } n)
                {
                    // "a 21-year-old man": an age before the noun modifies it; the noun is the head.
                    if (n.Last + 1 < clauseEnd && Lex.NounClasses.MatchAt(_lower, n.Last + 1, clauseEnd) is { } head)
                        return (head.Last, npTriggers);
                    return (n.Last, npTriggers);
                }
                if (Lex.Triggers.MatchAt(_lower, k, k + 1) is { } tr)
                {
                    if (IsShotNoun(k))
                        break; // "a shot was fired"
                    if (tr.Phrase.Value.Role != TriggerRole.Verb)
                        return (k, npTriggers); // "two dead", "3 injuries"
                    // "two wounded officers": a participle before the noun; "2 shot dead": the whole phrase.
                    var whole = Lex.Triggers.MatchAt(_lower, k, clauseEnd, IsVerb) ?? tr;
                    if (IsCue(whole.Last, "finite-verb") || IsCue(whole.First, "finite-verb"))
                        break; // "Man shoots 16-year-old girl", "fatally shoots": the verb, not a participle of the noun after it
                    npTriggers.Add(whole);
                    k = whole.Last;
                    continue;
                }
                if (IsCue(k, "manner") && k + 1 < clauseEnd && Lex.Triggers.MatchAt(_lower, k + 1, k + 2) is not null)
                    continue; // "two critically injured": how, not who
                if (IsCue(k, "additional") || Lex.Stopwords.Contains(_lower[k]))
                    break;
                unknown = k;
            }
            return (unknown, npTriggers);
        }

        // "20 Kämpfer der prosyrischen Kräfte sowie 19 Rebellen": past a genitive attribute of the noun.
        private int SkipGenitive(int k, int end)
        {
            if (k >= end || !(IsCue(k, "genitive")))
                return k;
            for (int j = k + 1; j < end && j <= k + 4; j++)
            {
                if (_doc.Tokens[j].Kind != TokenKind.Word)
                    return k;
                if (char.IsUpper(_doc.Text[_doc.Tokens[j].Start]))
                    return j + 1;
            }
            return k;
        }

        // A count whose noun is a thing ("drei Notquartiere", "fünf Autos") can carry no fact.
        private bool IsInert(CountPhrase c, int end)
        {
            var (noun, _) = Lex.NounsCapitalized ? CapitalisedNoun(c, end) : ListedNoun(c, end);
            return noun >= 0 && NounTrigger(noun) is null && Lex.NounClasses.MatchAt(_lower, noun, noun + 1) is null;
        }

        // How many clauses between commas a subject that is its whole clause may pass to reach its verb.
        private const int MaxAppositions = 2;

        // The main clause after a subject set off by commas: past relative and subordinate clauses and
        // "darunter …" asides ("…, die … verloren haben, haben … demonstriert"). Only commas are crossed.
        private (int Start, int End)? NextMainClause(Sentence s, int from)
        {
            var clauses = Clauses(s);
            int k = from;
            while (k < s.EndToken)
            {
                if (IsClauseBoundary(k))
                {
                    if (_doc.Text[_doc.Tokens[k].Start] != ',')
                        return null;
                    k++;
                    continue;
                }
                var (cs, ce) = clauses[k - s.FirstToken];
                if (!IsCue(cs, "subordinate") && !IsCue(cs, "subset"))
                    return (cs, ce);
                k = ce;
            }
            return null;
        }

        // "die Zahl" not followed by a genitive ("die Zahl der Haftbefehle" names its own kind).
        private bool BareTotal(int from, int to)
        {
            for (int k = from; k < to; k++)
            {
                if (IsCue(k, "total-bare") && !(k + 1 < to && IsCue(k + 1, "determiner")))
                    return true;
            }
            return false;
        }

        private static bool IsVerb(PhraseSet<Trigger>.Phrase p) => p.Value.Role == TriggerRole.Verb;

        // Where nouns are capitalised, "Verletzten" is a noun and "verletzten" a verb; only the first word of a sentence may be either.
        private bool VerbFits(PhraseSet<Trigger>.Match m) =>
            (!Lex.NounsCapitalized || !char.IsUpper(_doc.Text[_doc.Tokens[m.First].Start]) || IsSentenceStart(m.First)) && !IsShotNoun(m.First);

        // "when the shot rang out", "a shot was fired": after a determiner (shot-determiner cues) the word (shot-noun) is the
        // noun, not the verb; unless a person follows ("the shot man").
        private bool IsShotNoun(int k) =>
            k > 0 && IsCue(k, "shot-noun") && IsCue(k - 1, "shot-determiner") && !(k + 1 < _lower.Length && IsCue(k + 1, "singular-person"));

        private bool IsSentenceStart(int token) => token == 0 || _doc.Tokens[token - 1].Kind == TokenKind.Punctuation && _doc.Text[_doc.Tokens[token - 1].Start] is '.' or '!' or '?' or ':'
            || _doc.Text.AsSpan(_doc.Tokens[token - 1].End, _doc.Tokens[token].Start - _doc.Tokens[token - 1].End).Contains('\n');

        /// <summary>A noun, group or event trigger at token k (capitalised where nouns are).</summary>
        private PhraseSet<Trigger>.Match? NounTrigger(int k)
        {
            if (Lex.NounsCapitalized && !char.IsUpper(_doc.Text[_doc.Tokens[k].Start]))
                return null;
            return Lex.Triggers.MatchAt(_lower, k, k + 1, p => p.Value.Role != TriggerRole.Verb);
        }

        // After an injury verb, "and later died", "died at the hospital" in the same clause: the shot died.
        private bool DiedAfterwards(int trigger, int clauseEnd)
        {
            int from = Lex.Triggers.MatchAt(_lower, trigger, clauseEnd) is { } m ? m.Last + 1 : trigger + 1;
            // "Teenager shot, killed in East Lake": a headline's listed verbs, the last one the outcome.
            // "Grandmother shot, and killed, by her daughter": an "and" after the comma too.
            int next = from + 1 < _lower.Length && IsCue(from + 1, "and") ? from + 2 : from + 1;
            if (next < _lower.Length && _doc.Tokens[from].Kind == TokenKind.Punctuation && _doc.Text[_doc.Tokens[from].Start] == ','
                && Lex.Triggers.MatchAt(_lower, next, next + 1) is { Phrase.Value: { Kind: FactKind.Killed, Role: TriggerRole.Verb } })
                return true;
            for (int k = from; k < clauseEnd; k++)
            {
                if (Lex.Cues("fatal-after").MatchAt(_lower, k, clauseEnd) is not null)
                    return !DeadCountedApart(from, k);
            }
            return false;
        }

        // "Seven people were injured and at least one person has died": a number of its own right before the cue of death
        // (up to three tokens: "one person has died") counts the dead apart from the hurt.
        private bool DeadCountedApart(int from, int cue)
        {
            for (int j = Math.Max(from, cue - 3); j < cue; j++)
            {
                if (CountAt(j, cue, allowOne: true) is { } c && !IsCue(c.Last, "definite-one") && !(c.First > 0 && Lex.Months.ContainsKey(_lower[c.First - 1]))
                    && IsNumberToken(c.Last))
                    return true;
            }
            return false;
        }

        // "two men who were killed", "the teenager who had been shot": a relative pronoun right after the counted
        // noun, in the passive, describes the counted people; their verb is the figure's.
        private bool IsPassiveRelative(int k, int after, int limit) =>
            k == after + 1 && IsCue(k, "subordinate")
            && (k + 1 < limit && IsCue(k + 1, "passive-aux") || k + 2 < limit && IsCue(k + 2, "passive-aux"));

        // The auxiliary that ends a relative clause opening at k ("who entered the home | were wounded"): the first one
        // after the clause's own words, before any comma or other clause break; null where there is none.
        private int? MainAuxiliaryAfter(int k, int limit)
        {
            for (int i = k + 2; i < limit; i++)
            {
                var t = _doc.Tokens[i];
                if (t.Kind == TokenKind.Punctuation || IsCue(i, "clause-break"))
                    return null;
                if (IsCue(i, "passive-aux"))
                    return i;
            }
            return null;
        }

        // Digits or a number word ("7", "seven"), not an article that counts one.
        private bool IsNumberToken(int k) => _doc.Tokens[k].Kind == TokenKind.Number || _g.Numbers.TryParseWord(_lower[k], out _);

        // "were", "was" between the counted noun and its verb: passive voice, whatever follows the verb.
        private bool HasPassiveAuxiliary(int from, int to)
        {
            for (int k = from; k < to; k++)
            {
                if (IsCue(k, "passive-aux"))
                    return true;
            }
            return false;
        }

        // A verb directly followed by its object ("shot Byers", "erschossen einen Polizisten") is active voice; a day or a month
        // is no object ("two others hurt Wednesday").
        private bool IsActiveWithObject(int trigger, int end)
        {
            int k = Lex.Triggers.MatchAt(_lower, trigger, end) is { } m ? m.Last + 1 : trigger + 1;
            if (k >= end)
                return false;
            // "shot and critically injured his brother": the object follows the second verb (not after "dead and injured").
            if (IsCue(k, "and") && k + 1 < end && (IsCue(trigger, "all-hit") || IsCue(trigger, "finite-verb")))
            {
                int next = IsCue(k + 1, "manner") ? k + 2 : k + 1;
                if (next < end && Lex.Triggers.MatchAt(_lower, next, end, IsVerb) is not null)
                    return IsActiveWithObject(next, end);
            }
            var t = _doc.Tokens[k];
            if (IsCue(k, "reflexive"))
                return false; // "shot himself": the one who did it is the one hurt
            if (k + 1 < end && IsCue(k + 1, "repetition"))
                return false; // "was shot three times", "shot multiple times"
            // "shoots 16-year-old girl", "shoots grandfather", "shoots other child": a person as the object
            return IsCue(k, "object-start") || IsNumberToken(k)
                || _minCount == 1 && (IsAgeWord(k) || IsCue(k, "singular-person") || IsCue(k, "other"))
                || (!Lex.NounsCapitalized && t.Kind == TokenKind.Word && char.IsUpper(_doc.Text[t.Start]) && !Lex.Weekdays.ContainsKey(_lower[k]) && !Lex.Months.ContainsKey(_lower[k]));
        }

        private bool Satisfies(Trigger t, string? nounClass) => t.Needs switch
        {
            null => true,
            "refugee-context" => _refugeeContext && nounClass is null or "person",
            "protest-context" => _protestContext && nounClass is null or "person",
            _ => t.Needs == nounClass,
        };

        // The trigger verb of a count: the nearest one after it (German puts participles and verb particles
        // last: "wurden … getötet", "nahm … fest" around the count), else the nearest before; never past another count.
        private (Trigger?, int) VerbTrigger(CountPhrase c, int noun, string? nounClass, int from, int to, bool otherClause = false)
        {
            int after = noun >= 0 ? noun : c.Last;
            // A trigger right before the count governs it: "killing two", "verletzte 30 Menschen".
            int adjacent = c.First - 1 >= from && IsCue(c.First - 1, "of") ? c.First - 2 : c.First - 1; // "assistiert von 120 Soldaten"
            foreach (var m in Lex.Triggers.FindAll(_lower, Math.Max(from, c.First - 5), c.First, IsVerb))
            {
                if (m.Last == adjacent && VerbFits(m) && Satisfies(m.Phrase.Value, nounClass) && !InBoilerplate(m.First))
                    return (m.Phrase.Value, m.First);
            }
            (Trigger?, int) best = (null, -1);
            int bestDistance = int.MaxValue;
            int clauseTo = to;
            int skipFrom = -1, skipTo = -1; // a relative clause whose triggers are someone else's
            // Where the trigger follows its noun closely (English), a relative clause or a far verb belongs to someone else.
            if (Lex.TriggerWindow > 0)
            {
                // In the main clause after a subject set off by commas, the window starts with that clause.
                int windowAfter = otherClause ? from - 1 : after;
                int limit = Math.Min(to, windowAfter + 1 + Lex.TriggerWindow);
                for (int k = windowAfter + 1; k < limit; k++)
                {
                    if (IsCue(k, "clause-break") && !IsPassiveRelative(k, windowAfter, limit))
                    {
                        // "Three troopers who entered the home were wounded": past a relative clause right after the
                        // counted people, their own verb follows the auxiliary that ends it.
                        if (k == windowAfter + 1 && IsCue(k, "subordinate") && MainAuxiliaryAfter(k, Math.Min(clauseTo, k + 1 + 2 * Lex.TriggerWindow)) is int main)
                        {
                            skipFrom = k;
                            skipTo = main;
                            limit = Math.Min(clauseTo, main + 1 + Lex.TriggerWindow);
                            k = main;
                            continue;
                        }
                        limit = k;
                        break;
                    }
                }
                to = Math.Max(windowAfter + 1, limit);
            }
            if (Lex.TriggerWindow > 0)
            {
                // Backwards too: a trigger before the count but behind "while" or "who" is about someone else.
                int start = Math.Max(from, c.First - Lex.TriggerWindow);
                for (int k = c.First - 1; k >= start; k--)
                {
                    if (IsCue(k, "clause-break"))
                    {
                        start = k + 1;
                        break;
                    }
                }
                from = start;
            }
            foreach (var m in Lex.Triggers.FindAll(_lower, from, to, IsVerb, extendTo: clauseTo))
            {
                if (!VerbFits(m) || !Satisfies(m.Phrase.Value, nounClass) || InBoilerplate(m.First))
                    continue;
                if (m.First >= skipFrom && m.First < skipTo)
                    continue; // inside a relative clause ("who shot a boy were arrested")
                if (m.First >= c.First && m.First <= after && m.Last <= after)
                    continue; // inside the count phrase and its noun ("verletzte" as an adjective is handled there)
                if (m.Last < c.First && _usedTriggers.Contains(_doc.Tokens[m.First].Start))
                    continue; // an earlier count's trigger
                // Rank by where the trigger ends relative to the count; triggers behind the count rank first.
                int distance = m.Last > after ? m.Last - after : 1000 + (c.First - m.Last);
                if (distance < bestDistance)
                {
                    bestDistance = distance;
                    best = (m.Phrase.Value, m.Phrase.HasGap ? m.Last : m.First);
                }
            }
            return best;
        }

        private static bool IsAdjective(string w) => w.Length > 3 && (w.EndsWith('e') || w.EndsWith("en") || w.EndsWith("er") || w.EndsWith("es") || w.EndsWith("em"));

    }
}
