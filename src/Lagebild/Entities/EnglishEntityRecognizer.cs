using System.Collections.Frozen;
using Lagebild.Languages;
using Lagebild.Model;
using Lagebild.Pipeline;
using Lagebild.Places;

namespace Lagebild.Entities;

/// <summary>
/// English entities from capitalisation and lists: runs of capitalised words (with "of", "de", "van"
/// inside) outside headline-cased sentences become PER, LOC or ORG — LOC when the gazetteer knows the
/// name, ORG when it ends in an organisation word ("Police Department", "University") or is an
/// acronym, PER after a title ("Officer", "Mr.") or when its first word is a known first name, and a
/// single word that is the surname of a person already named. Everything else is left out rather
/// than guessed. Immutable and thread-safe.
/// </summary>
public sealed class EnglishEntityRecognizer : IPipelineComponent
{
    private const string Language = "en";
    private const int MaxNameWords = 5;

    private readonly FrozenSet<string> _titles;
    private readonly FrozenSet<string> _orgTails;
    private readonly FrozenSet<string> _orgTypes;
    private readonly FrozenSet<string> _functionWords;
    private readonly FrozenSet<string> _timeWords;
    private readonly FrozenSet<string> _placeStopwords;
    private readonly Lazy<NerLexicon> _names;
    private readonly Gazetteer _gazetteer;

    public EnglishEntityRecognizer(Gazetteer? gazetteer = null)
    {
        var rules = LanguageData.Lines(Language, "entity-rules.txt").Select(l => l.Split(' ', 2)).Where(p => p.Length == 2).ToList();
        _titles = rules.Where(p => p[0] == "person-title").Select(p => p[1]).ToFrozenSet();
        _orgTails = rules.Where(p => p[0] == "org-tail").Select(p => p[1]).ToFrozenSet();
        _orgTypes = rules.Where(p => p[0] == "org-type").Select(p => p[1]).ToFrozenSet();
        _functionWords = LanguageData.Lines(Language, "stopwords.txt").Concat(LanguageData.Lines(Language, "function-words.txt"))
            .Select(w => w.ToLowerInvariant()).ToFrozenSet();
        _timeWords = LanguageData.MonthNames(Language).Concat(LanguageData.WeekdayNames(Language))
            .Select(w => w.ToLowerInvariant()).ToFrozenSet();
        // First names come from the German model's lexicon, which lists first names of many languages.
        _names = new Lazy<NerLexicon>(() => NerTagger.Default.Model.Features.Lexicon);
        _placeStopwords = LanguageData.Lines(Language, "place-stopwords.txt").ToFrozenSet(StringComparer.Ordinal);
        _gazetteer = gazetteer ?? Gazetteer.Default;
    }

    public string Name => "entities-en";
    public IReadOnlyList<string> Requires => [Layers.Tokens, Layers.Sentences, Layers.Language];
    public IReadOnlyList<string> Assigns => [EntityRecognizer.Layer];

    public void Process(Document doc)
    {
        if (doc.Language != Language)
            return;
        var text = doc.Text;
        var tokens = doc.Tokens;
        var surnames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in doc.Sentences)
        {
            if (IsHeadline(doc, s))
                continue;
            for (int i = s.FirstToken; i < s.EndToken; i++)
            {
                if (!IsCapitalised(doc, tokens[i]) || (i == s.FirstToken && _functionWords.Contains(Lower(doc, i))) || _timeWords.Contains(Lower(doc, i).TrimEnd('.')))
                    continue;
                int end = i;
                while (end + 1 < s.EndToken && end - i < MaxNameWords
                       && (IsCapitalised(doc, tokens[end + 1]) || (Lower(doc, end + 1) is "of" or "de" or "van" or "von" && end + 2 < s.EndToken && IsCapitalised(doc, tokens[end + 2])))
                       && !_timeWords.Contains(Lower(doc, end + 1).TrimEnd('.')))
                    end++;
                // "President Barack Obama", "Attorney Mark Heller": a capitalised title opens the run but is not the name.
                int start = i;
                bool titled = false;
                while (start < end && _titles.Contains(Lower(doc, start)))
                {
                    start++;
                    titled = true;
                }
                // "Lohan's": the possessive is not part of the name.
                int nameEnd = tokens[end].End;
                if (doc.View(tokens[end]).EndsWith("'s") || doc.View(tokens[end]).EndsWith("’s"))
                    nameEnd -= 2;
                var span = new TextSpan(tokens[start].Start, nameEnd);
                string name = doc.Slice(span);
                string? type = titled ? "PER" : Classify(doc, start, end, name, surnames);
                if (type is not null)
                {
                    doc.Entities.Add(new EntityMention(span, type, name));
                    if (type == "PER" && end > start)
                        surnames.Add(LastWord(name));
                }
                i = end;
            }
        }
        doc.Entities.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
    }

    private string? Classify(Document doc, int first, int last, string name, HashSet<string> surnames)
    {
        var tokens = doc.Tokens;
        string lastWord = Lower(doc, last).TrimEnd('.');
        // "CELJE, Slovenia (Reuters)": an all-caps dateline is a place, looked up in title case.
        string lookupName = name.All(c => !char.IsLetter(c) || char.IsUpper(c)) && name.Length > 3 ? char.ToUpperInvariant(name[0]) + name[1..].ToLowerInvariant() : name;
        if ((last > first && _orgTails.Contains(lastWord)) || (first == last && IsAcronym(name) && _gazetteer.Lookup(lookupName).IsEmpty))
            return "ORG";
        name = lookupName;
        if (first > 0 && _orgTypes.Contains(Lower(doc, first - 1)))
            return "ORG";
        // Organisations the shared name lists know ("Microsoft", "European Union").
        var firstFlags = _names.Value.Lookup(doc.View(tokens[first])).Flags;
        if ((first == last && firstFlags.HasFlag(LexFlags.Organisation)) || (first < last && firstFlags.HasFlag(LexFlags.MultiOrgFirst)))
            return "ORG";
        foreach (var e in _placeStopwords.Contains(name) ? [] : _gazetteer.Lookup(name))
        {
            if (e.Curated || e.Level != PlaceLevel.City || e.Population >= 15_000)
                return "LOC"; // "Police" (a Polish town) is left out as a place stopword
        }
        if (first > 0 && _titles.Contains(Lower(doc, first - 1)))
            return "PER";
        if (last > first && (_names.Value.Lookup(doc.View(tokens[first])).Flags & (LexFlags.FirstNameOther | LexFlags.FirstNameDe)) != 0)
            return "PER";
        if (first == last && surnames.Contains(name))
            return "PER";
        if (last > first && IsAgeApposition(doc, last + 1))
            return "PER"; // "Jaquise Lewis, 17, was shot": news gives a person's age after the name
        return null;
    }

    // ", 17," or ", 17." after a name: an age in apposition.
    private static bool IsAgeApposition(Document doc, int comma)
    {
        var tokens = doc.Tokens;
        if (comma + 1 >= tokens.Count || doc.View(tokens[comma]) is not ",")
            return false;
        var age = tokens[comma + 1];
        return age.Kind == TokenKind.Number && age.Length <= 3 && int.TryParse(doc.View(age), out int years) && years is > 0 and < 120
            && (comma + 2 >= tokens.Count || doc.View(tokens[comma + 2]) is "," or "." or ";");
    }

    // Headlines capitalise most words: their capitals say nothing about names.
    private bool IsHeadline(Document doc, Sentence s)
    {
        int words = 0, upper = 0;
        for (int i = s.FirstToken; i < s.EndToken; i++)
        {
            if (doc.Tokens[i].Kind != TokenKind.Word || _functionWords.Contains(Lower(doc, i)))
                continue;
            words++;
            if (IsCapitalised(doc, doc.Tokens[i]))
                upper++;
        }
        return words >= 4 && upper >= 0.85 * words; // news sentences full of names still lowercase their verbs
    }

    private static bool IsCapitalised(Document doc, Token t) => t.Kind == TokenKind.Word && char.IsUpper(doc.Text[t.Start]);

    private static string LastWord(string name) => name[(name.LastIndexOf(' ') + 1)..];

    private static bool IsAcronym(string s) => s.Length is >= 2 and <= 6 && s.All(c => char.IsUpper(c) || c == '.');

    private static string Lower(Document doc, int token) => doc.Slice(doc.Tokens[token]).ToLowerInvariant();
}
