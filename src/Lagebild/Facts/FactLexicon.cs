using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;
using Lagebild.Languages;
using Lagebild.Model;

namespace Lagebild.Facts;

/// <summary>How a trigger word relates to the count (see <c>triggers.txt</c>).</summary>
public enum TriggerRole
{
    /// <summary>The counted noun is the kind ("32 Tote").</summary>
    Noun,
    /// <summary>A group of people named by what they do or suffer ("Demonstranten", "Flüchtlinge"); a trigger verb of another kind in the clause wins ("Dutzende Demonstranten wurden festgenommen").</summary>
    Group,
    /// <summary>An event noun whose genitive or "von" phrase holds the count ("Festnahme mehrerer hundert Kämpfer").</summary>
    Event,
    /// <summary>A verb or participle in the clause ("wurden getötet").</summary>
    Verb,
}

/// <summary>A trigger entry: kind, role, and the noun class the counted noun must have (or null).</summary>
public sealed record Trigger(FactKind Kind, TriggerRole Role, string? Needs);

/// <summary>
/// A pattern of victims without a count (see <c>victims.txt</c>): one, or at least <paramref name="Least"/> ("a murder-suicide":
/// at least two dead). <paramref name="Needs"/>: words one of which a sentence must hold before the pattern is tried (none: always).
/// </summary>
public sealed record VictimPattern(Regex Regex, long Least, string[] Needs)
{
    /// <summary>True when the text may match: it holds one of <see cref="Needs"/> (case-insensitive), or there are none.</summary>
    public bool MayMatch(string text) => Needs.Length == 0 || FactLexicon.ContainsAny(text, Needs);
}

/// <summary>A number word entry (see <c>numbers.txt</c>).</summary>
public sealed record NumberWord(string Role, long Value);

/// <summary>
/// Everything the facts grammar knows about one language, read from its data folder
/// (<c>Languages/&lt;code&gt;/</c>: numbers, counts, triggers, nouns, cues, sources, time, months).
/// Built once per language; immutable and thread-safe.
/// </summary>
public sealed class FactLexicon
{
    public FactLexicon(string language)
    {
        Language = language;
        var settings = LanguageData.Lines(language, "grammar.txt").Select(l => l.Split(' ', 2)).Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1].Trim());
        NounsCapitalized = settings.GetValueOrDefault("nouns-capitalized") is not ("no" or "false");
        TriggerWindow = int.TryParse(settings.GetValueOrDefault("trigger-window"), out int window) ? window : 0;
        Stopwords = LanguageData.Lines(language, "stopwords.txt").Concat(LanguageData.Lines(language, "function-words.txt"))
            .Select(w => w.ToLowerInvariant()).ToFrozenSet();
        var numbers = NumberLines(language).ToList();
        NumberWords = numbers.Where(f => f.Length == 3 && f[0] != "mult")
            .ToFrozenDictionary(f => f[1].ToLowerInvariant(), f => new NumberWord(f[0], long.Parse(f[2], CultureInfo.InvariantCulture)));
        Multipliers = numbers.Where(f => f.Length == 3 && f[0] == "mult")
            .ToFrozenDictionary(f => f[1].ToLowerInvariant(), f => long.Parse(f[2], CultureInfo.InvariantCulture));
        AndWord = numbers.FirstOrDefault(f => f[0] == "and")?[1];
        GroupSeparator = numbers.FirstOrDefault(f => f[0] == "group")?[1][0] ?? ',';
        DecimalSeparator = numbers.FirstOrDefault(f => f[0] == "decimal")?[1][0] ?? '.';

        var counts = LanguageData.Lines(language, "counts.txt").Select(l => l.Split('=', 2, StringSplitOptions.TrimEntries)).Where(p => p.Length == 2).ToList();
        PreQualifiers = new PhraseSet<CountQualifier>(Parse(counts, "pre"));
        VagueCounts = new PhraseSet<CountQualifier>(Parse(counts, "vague"));
        FixedCounts = new PhraseSet<long>(counts
            .Where(p => p[0].StartsWith("fixed ", StringComparison.Ordinal) && long.TryParse(p[1], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .Select(p => (p[0]["fixed ".Length..], long.Parse(p[1], CultureInfo.InvariantCulture))));

        Triggers = new PhraseSet<Trigger>(LanguageData.Lines(language, "triggers.txt").Select(ParseTrigger));
        var nouns = LanguageData.Lines(language, "nouns.txt").Select(l => l.Split(' ', 2)).Where(p => p.Length == 2).ToList();
        NounClasses = new PhraseSet<string>(nouns.Select(p => (p[1], p[0])));

        var cues = CueLines(language);
        _cues = cues.GroupBy(p => p[0]).ToFrozenDictionary(g => g.Key, g => new PhraseSet<string>(g.Select(p => (p[1], p[0]))));
        _cueWords = cues.GroupBy(p => p[0]).ToFrozenDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(p => p[1].ToLowerInvariant()).ToArray());

        var sources = SourceLines(language);
        string[] sourceWordRoles = ["determiner", "genitive", "joiner"];
        SourceCues = new PhraseSet<string>(sources.Where(p => p[0] != "compound" && !sourceWordRoles.Contains(p[0])).Select(p => (p[1], p[0])));
        _sourceWords = sources.Where(p => sourceWordRoles.Contains(p[0])).GroupBy(p => p[0])
            .ToFrozenDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(p => p[1].ToLowerInvariant()).ToArray());
        SourceCompoundTails = [.. sources.Where(p => p[0] == "compound").Select(p => p[1].ToLowerInvariant())];
        Genders = LanguageData.Lines(language, "genders.txt").Select(l => l.Split(' ', 2)).Where(p => p.Length == 2)
            .ToFrozenDictionary(p => p[1].ToLowerInvariant(), p => p[0]);

        var time = LanguageData.Lines(language, "time.txt").Select(l => l.Split(' ')).ToList();
        Weekdays = time.Where(f => f[0] == "weekday" && f.Length == 3).ToFrozenDictionary(f => f[1], f => int.Parse(f[2], CultureInfo.InvariantCulture));
        TimePhrases = new PhraseSet<(string Role, int Value)>(time
            .Where(f => f[0] is "day" or "week" or "month" && f.Length >= 3)
            .Select(f => (string.Join(' ', f[1..^1]), (f[0], int.Parse(f[^1], CultureInfo.InvariantCulture)))));
        MonthParts = time.Where(f => f[0] == "month-part").Select(f => string.Join(' ', f[1..])).ToFrozenSet();
        VagueDays = new PhraseSet<int>(time.Where(f => f[0] == "vague-day").Select(f => (string.Join(' ', f[1..]), 0)));
        TimeLeads = new PhraseSet<int>(time.Where(f => f[0] == "lead").Select(f => (string.Join(' ', f[1..]), 0)));
        Months = LanguageData.Lines(language, "months.txt").Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .SelectMany(f => f.Skip(1).Select(n => (Name: n.ToLowerInvariant(), Month: int.Parse(f[0], CultureInfo.InvariantCulture))))
            .GroupBy(x => x.Name).ToFrozenDictionary(g => g.Key, g => g.First().Month);
        _victimPatterns = new(() => ParseVictims(LanguageData.Lines(language, "victims.txt")));
    }

    /// <summary>
    /// Per kind, the patterns of victims without a count (<c>victims.txt</c>; used with counts of one reported). Built on
    /// first use: only single-victim reading needs them, and their automata cost memory.
    /// </summary>
    public FrozenDictionary<FactKind, VictimPattern[]> VictimPatterns => _victimPatterns.Value;

    private readonly Lazy<FrozenDictionary<FactKind, VictimPattern[]>> _victimPatterns;

    public string Language { get; }

    /// <summary>True where nouns are capitalised (German): the counted noun is the first capitalised word after a count.</summary>
    public bool NounsCapitalized { get; }

    /// <summary>How many tokens after its noun a trigger verb may stand (0: anywhere in the clause, as in German).</summary>
    public int TriggerWindow { get; }

    /// <summary>Function words (stopwords.txt and function-words.txt): where a noun phrase ends.</summary>
    public FrozenSet<string> Stopwords { get; }
    public FrozenDictionary<string, NumberWord> NumberWords { get; }
    public FrozenDictionary<string, long> Multipliers { get; }
    public string? AndWord { get; }
    public char GroupSeparator { get; }
    public char DecimalSeparator { get; }
    public PhraseSet<CountQualifier> PreQualifiers { get; }
    public PhraseSet<CountQualifier> VagueCounts { get; }

    /// <summary>Phrases that are an exact number ("ein halbes Dutzend" = 6), from <c>counts.txt</c> lines <c>fixed … = N</c>.</summary>
    public PhraseSet<long> FixedCounts { get; }
    public PhraseSet<Trigger> Triggers { get; }
    public PhraseSet<string> NounClasses { get; }
    private readonly FrozenDictionary<string, PhraseSet<string>> _cues;
    private readonly FrozenDictionary<string, IReadOnlyList<string>> _cueWords;
    private static readonly PhraseSet<string> s_none = new([]);

    /// <summary>The cue phrases of one role in <c>cues.txt</c> ("additional", "cumulative", …); empty if the language has none.</summary>
    public PhraseSet<string> Cues(string role) => _cues.GetValueOrDefault(role) ?? s_none;

    /// <summary>The single words of one cue role, lower case (for substring tests such as the protest context).</summary>
    public IReadOnlyList<string> CueWords(string role) => _cueWords.GetValueOrDefault(role) ?? [];
    public PhraseSet<string> SourceCues { get; }
    public string[] SourceCompoundTails { get; }

    private readonly FrozenDictionary<string, IReadOnlyList<string>> _sourceWords;

    /// <summary>Word lists of <c>sources.txt</c> by role: "determiner", "genitive" (articles that mark a genitive), "joiner".</summary>
    public IReadOnlyList<string> SourceWords(string role) => _sourceWords.GetValueOrDefault(role) ?? [];

    /// <summary>Gender (m, f, n, pl, weak) of source nouns by word or compound tail (<c>genders.txt</c>); empty for languages without.</summary>
    public FrozenDictionary<string, string> Genders { get; }
    public FrozenDictionary<string, int> Weekdays { get; }
    public PhraseSet<(string Role, int Value)> TimePhrases { get; }
    public FrozenSet<string> MonthParts { get; }
    public PhraseSet<int> VagueDays { get; }
    public PhraseSet<int> TimeLeads { get; }
    public FrozenDictionary<string, int> Months { get; }

    // The (role, phrase) lines of a language's cues.txt.
    private static List<string[]> CueLines(string language) =>
        LanguageData.Lines(language, "cues.txt").Select(l => l.Split(' ', 2)).Where(p => p.Length == 2).ToList();

    // The (role, phrase) lines of a language's sources.txt.
    private static List<string[]> SourceLines(string language) =>
        LanguageData.Lines(language, "sources.txt").Select(l => l.Split(' ', 2)).Where(p => p.Length == 2).ToList();

    // The fields of a language's numbers.txt lines ("unit two 2", "mult hundred 100", "and and").
    private static IEnumerable<string[]> NumberLines(string language) =>
        LanguageData.Lines(language, "numbers.txt").Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The lower-case phrases of <paramref name="role"/> in one language's <c>sources.txt</c> ("verb": "said", "teilte … mit").</summary>
    public static IEnumerable<string> SourceWordsOf(string language, string role) =>
        SourceLines(language).Where(p => p[0] == role).Select(p => p[1].ToLowerInvariant());

    /// <summary>The lower-case cue phrases of <paramref name="role"/> in one language, without building its lexicon.</summary>
    public static IEnumerable<string> CueWordsOf(string language, string role) =>
        CueLines(language).Where(p => p[0] == role).Select(p => p[1].ToLowerInvariant());

    /// <summary>The lower-case cue phrases of <paramref name="role"/> in every language, without building the lexicons.</summary>
    public static IEnumerable<string> CueWordsOfAllLanguages(string role) => LanguageData.Codes.SelectMany(c => CueWordsOf(c, role));

    /// <summary>The value of a number word of any language's <c>numbers.txt</c> ("two", "zwei"), or of digits; null for other words.</summary>
    public static long? NumberValue(string word) =>
        long.TryParse(word, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long n) ? n
        : s_numberWords.Value.TryGetValue(word.ToLowerInvariant(), out long w) ? w : null;

    private static readonly Lazy<FrozenDictionary<string, long>> s_numberWords = new(() => LanguageData.Codes
        .SelectMany(NumberLines)
        .Where(f => f.Length == 3 && f[0] == "unit" && long.TryParse(f[2], System.Globalization.CultureInfo.InvariantCulture, out _))
        .GroupBy(f => f[1].ToLowerInvariant()).ToFrozenDictionary(g => g.Key, g => long.Parse(g.First()[2], System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>The cue phrases of <paramref name="roles"/> in every language as one set, read on first use.</summary>
    public static Lazy<FrozenSet<string>> LazyCueSet(params string[] roles) =>
        new(() => roles.SelectMany(CueWordsOfAllLanguages).ToFrozenSet(StringComparer.Ordinal));

    /// <summary>True when <paramref name="text"/> holds one of <paramref name="phrases"/> (case-insensitive).</summary>
    public static bool ContainsAny(ReadOnlySpan<char> text, IEnumerable<string> phrases)
    {
        foreach (var phrase in phrases)
        {
            if (text.Contains(phrase, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }

    /// <summary>
    /// The number of a lower-case word made of one to three digits, a hyphen and one of <paramref name="ageWords"/> (the
    /// <c>age-after</c> cues: "10-year-old", "45-jährigen" → "10", "45"); null for any other word.
    /// </summary>
    public static string? AgeNumber(string word, IEnumerable<string> ageWords)
    {
        int digits = 0;
        while (digits < word.Length && char.IsAsciiDigit(word[digits]))
            digits++;
        if (digits is 0 or > 3 || digits + 1 >= word.Length || word[digits] != '-')
            return null;
        var tail = word.AsSpan(digits + 1);
        foreach (var age in ageWords)
        {
            if (tail.Equals(age, StringComparison.Ordinal))
                return word[..digits];
        }
        return null;
    }

    /// <summary>True when the language folder has a facts grammar (a triggers file).</summary>
    public bool HasGrammar => Triggers.Count > 0;

    private static IEnumerable<(string, CountQualifier)> Parse(List<string[]> lines, string role) =>
        from p in lines
        let sp = p[0].IndexOf(' ')
        where sp > 0 && p[0][..sp] == role && FactKinds.TryParse(p[1], out CountQualifier _)
        select (p[0][(sp + 1)..], FactKinds.TryParse(p[1], out CountQualifier q) ? q : default);

    // "define NAME BODY" lines name parts that later lines use as {NAME}; "KIND REGEX" lines are the patterns.
    private static FrozenDictionary<FactKind, VictimPattern[]> ParseVictims(IReadOnlyList<string> lines)
    {
        var parts = new Dictionary<string, string>(StringComparer.Ordinal);
        var patterns = new Dictionary<FactKind, List<(string Pattern, long Least, string[] Needs)>>();
        string Expand(string body, string line) => Regex.Replace(body, @"\{([A-Z]+)\}", m => parts.TryGetValue(m.Groups[1].Value, out var part)
            ? part : throw new FormatException($"victims.txt: {{{m.Groups[1].Value}}} is not defined before '{line}'"));
        foreach (var line in lines)
        {
            var f = line.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
            if (f.Length == 3 && f[0] == "define")
            {
                parts[f[1]] = Expand(f[2], line);
                continue;
            }
            var kindAndPattern = line.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
            var kindAndCount = kindAndPattern[0].Split(':');
            long least = 1;
            if (kindAndPattern.Length != 2 || !FactKinds.TryParse(kindAndCount[0], out FactKind kind)
                || kindAndCount.Length == 2 && !(kindAndCount[1].EndsWith('+') && long.TryParse(kindAndCount[1][..^1], NumberStyles.None, CultureInfo.InvariantCulture, out least) && least >= 1)
                || kindAndCount.Length > 2)
                throw new FormatException($"victims.txt: cannot read '{line}' (expected 'define NAME BODY' or 'KIND[:N+] [needs=WORD,…] REGEX')");
            // "KIND needs=died,dies REGEX": the pattern is tried only on sentences that hold one of the words (a fast
            // pre-check: a pattern that opens with a person phrase could start anywhere, and the regex engine pays for it).
            string body = kindAndPattern[1];
            string[] needs = [];
            if (body.StartsWith("needs=", StringComparison.Ordinal))
            {
                int space = body.IndexOf(' ');
                if (space < 0)
                    throw new FormatException($"victims.txt: cannot read '{line}' (a pattern after needs=… is missing)");
                needs = body[6..space].Split(',', StringSplitOptions.RemoveEmptyEntries);
                body = body[(space + 1)..].TrimStart();
            }
            if (!body.Contains("(?<trigger>", StringComparison.Ordinal))
                throw new FormatException($"victims.txt: '{line}' has no (?<trigger>…) group");
            if (!patterns.TryGetValue(kind, out var list))
                patterns[kind] = list = [];
            list.Add((Expand(body, line), least, needs));
        }
        // Linear-time matching, so no pattern can make a long sentence slow (one alternation of all is too large an
        // automaton; the compiled backtracking engine failed on these patterns).
        return patterns.ToFrozenDictionary(p => p.Key, p => p.Value.Select(x => new VictimPattern(Compile(x.Pattern), x.Least, x.Needs)).ToArray());

        static Regex Compile(string pattern)
        {
            try
            {
                return new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException)
            {
                throw new FormatException($"victims.txt: a pattern cannot be used ({e.Message}): {pattern}", e);
            }
        }
    }

    private static (string, Trigger) ParseTrigger(string line)
    {
        var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string? needs = f.FirstOrDefault(x => x.StartsWith("needs=", StringComparison.Ordinal))?[6..];
        var rest = f.Where(x => !x.StartsWith("needs=", StringComparison.Ordinal)).ToArray();
        if (rest.Length < 3 || !FactKinds.TryParse(rest[^2], out FactKind kind) || !Enum.TryParse<TriggerRole>(rest[^1], true, out var role))
            throw new FormatException($"triggers.txt: cannot read '{line}' (expected FORM KIND ROLE [needs=CLASS])");
        return (string.Join(' ', rest[..^2]), new Trigger(kind, role, needs));
    }
}
