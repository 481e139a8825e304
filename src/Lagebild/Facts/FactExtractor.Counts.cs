using Lagebild.Model;

namespace Lagebild.Facts;

// Count phrases: numbers, number words, qualifiers, vague multiples and ranges, and what is not a count
// (ages, units, years, identifiers).
public sealed partial class FactExtractor
{
    private sealed partial class DocState
    {
        private CountPhrase? CountAt(int i, int end, bool allowOne = false)
        {
            var tokens = _doc.Tokens;
            if (i > 0 && tokens[i - 1].Kind == TokenKind.Symbol && char.GetUnicodeCategory(_doc.Text[tokens[i - 1].Start]) == System.Globalization.UnicodeCategory.CurrencySymbol)
                return null; // "$24,000"
            if (i > 0 && IsCue(i - 1, "negation"))
                return null; // "no one was killed": none, not one
            if (tokens[i].Kind == TokenKind.Number && tokens[i].Start > 0 && _doc.Text[tokens[i].Start - 1] is '\'' or '’')
                return null; // "in ’91": a year
            var qualifier = CountQualifier.Exact;
            int j = i;
            if (Lex.PreQualifiers.MatchAt(_lower, i, end) is { } pre)
            {
                qualifier = pre.Phrase.Value;
                j = pre.Last + 1;
                if (j >= end)
                    return null;
                // "a call about a person that had been shot": before an article that is no "a dozen" the word is a
                // preposition; the count starts at the article.
                if (IsCue(j, "definite-one") && Lex.FixedCounts.MatchAt(_lower, j, end) is null && Lex.VagueCounts.MatchAt(_lower, j, end) is null)
                    return null;
            }
            bool weitereBefore = i > 0 && IsCue(i - 1, "additional");
            if (j == i && IsCue(i, "additional") && i + 1 < end)
            {
                // "weitere 1700 Menschen"
                var inner = CountAt(i + 1, end, allowOne);
                if (inner is null && _minCount == 1 && IsCue(i, "another-one"))
                    return new CountPhrase(i, i, new Count(1, CountQualifier.Exact), true); // "1 teenager killed, another injured"
                return inner is { } w ? w with { First = i, Weitere = true } : null;
            }
            if (Lex.VagueCounts.MatchAt(_lower, j, end) is { } vague && j == i)
            {
                int last = vague.Last;
                // "mehrere 100" is not vague: the number decides.
                if (last + 1 < end && tokens[last + 1].Kind == TokenKind.Number)
                    return null;
                return new CountPhrase(i, last, new Count(null, vague.Phrase.Value), weitereBefore || NextIsWeitere(last, end));
            }
            if (j == i && Range(i, end) is { } range)
                return range;
            double value;
            int lastTok = j;
            var t = tokens[j];
            if (Lex.FixedCounts.MatchAt(_lower, j, end) is { } fixedCount)
            {
                value = fixedCount.Phrase.Value; // "ein halbes Dutzend"
                lastTok = fixedCount.Last;
            }
            else if (t.Kind == TokenKind.Number)
            {
                if (!_g.Numbers.TryParseDigits(_doc.Text.AsSpan(t.Start, t.Length), out value))
                    return null;
                // "10 000": a space between digit groups. A number token of three chars need not be three digits ("9:4").
                while (lastTok + 1 < end && tokens[lastTok + 1].Kind == TokenKind.Number && tokens[lastTok + 1].Length == 3
                       && tokens[lastTok + 1].Start == tokens[lastTok].End + 1 && _doc.Text[tokens[lastTok].End] == ' ' && value == Math.Floor(value) && value < 1000
                       && _doc.Text.AsSpan(tokens[lastTok + 1].Start, 3) is var group && char.IsAsciiDigit(group[0]) && char.IsAsciiDigit(group[1]) && char.IsAsciiDigit(group[2]))
                {
                    value = value * 1000 + (group[0] - '0') * 100 + (group[1] - '0') * 10 + (group[2] - '0');
                    lastTok++;
                }
            }
            else if (t.Kind == TokenKind.Word && _g.Numbers.TryParseWord(_lower[j], out long wordValue))
            {
                value = wordValue;
            }
            else if (t.Kind == TokenKind.Word && Lex.Multipliers.ContainsKey(_lower[j]) && j > i)
            {
                value = 1; // "mehr als Tausend"
                lastTok = j - 1;
            }
            else if (_minCount == 1 && j == i && IsCue(j, "definite-one") && SingularPersonAhead(j + 1, end))
            {
                value = 1; // "the teenager who was shot and killed"
                if (j + 1 < end && IsCue(j + 1, "other"))
                    lastTok = j + 1; // "the other man": the phrase says someone else
            }
            else if (_personEnds is not null && j == i && _personEnds.TryGetValue(i, out int nameLast) && NamedSubjectStart(i))
            {
                value = 1; // "Darin Booker, 13, died", "citizen Adrian Espinosa, 17, was killed": one named person
                lastTok = IsAgeApposition(nameLast + 1) && nameLast + 3 < end && _doc.Text[tokens[nameLast + 3].Start] == ',' ? nameLast + 3 : nameLast;
                if (lastTok + 1 >= end)
                    return null;
            }
            else if (_minCount == 1 && j == i && IsSentenceStart(i) && IsCue(i, "singular-person") && char.IsUpper(_doc.Text[t.Start]) | char.IsDigit(_doc.Text[t.Start]))
            {
                value = 1; // headline style without an article: "Teen shot in bedroom", "7-year-old accidentally shot"
            }
            else if (_minCount == 1 && j == i && _isHeadline && IsCue(i, "singular-person") && AfterHeadlineNameWords(i))
            {
                value = 1; // "Porterville officer, suspect wounded", "Male Adult and Juvenile Shot": a town or a word before the person
            }
            else if (_minCount == 1 && j == i && i > 0 && (IsCue(i, "singular-person") || IsAgeWord(i)) && (IsCue(i - 1, "finite-verb") || IsCue(i - 1, "result-verb")
                || _isHeadline && Lex.Triggers.MatchAt(_lower, i - 1, i) is not null))
            {
                value = 1; // the object of a verb without an article: "Man shoots grandfather", "kills wife, son", "shooting leaves man, 2 teens
                           // wounded", in headlines after any verb of harm: "after killing wife, 2 young children"
            }
            else
            {
                return null;
            }
            if (lastTok + 1 < end && Lex.Multipliers.TryGetValue(_lower[lastTok + 1], out long mult))
            {
                value *= mult;
                lastTok++;
            }
            if (value != Math.Floor(value) || value < (allowOne ? 1 : _minCount) || value > 1e10)
                return null; // counts of one are not facts; fractions without a multiplier are not counts
            if (lastTok + 1 < end && (IsCue(lastTok + 1, "unit") || _doc.Text[tokens[lastTok + 1].Start] == '%'))
                return null; // "75 %", "5 Prozent"
            // "a two year old child": the age after an article is the person's
            bool article = value == 1 && lastTok == i && IsCue(i, "definite-one") && SpelledAgeEnd(i + 1, end) >= 0;
            if (!article && IsAge(i, lastTok, end) || _personEnds is not null && i > 0 && IsAgeApposition(i - 1))
                return null; // "ages 15 and under", "28 and 31 years old", "im Alter von 45 Jahren"
            return new CountPhrase(i, lastTok, new Count((long)value, qualifier), weitereBefore || NextIsWeitere(lastTok, end));
        }

        // A name opens the clause as its subject: at the sentence start, after a clause boundary, or after a lower-case
        // title noun ("citizen Adrian Espinosa", "player Brennan Weikel"), not after a preposition or a verb.
        private bool NamedSubjectStart(int i)
        {
            if (IsSentenceStart(i) || i > 0 && (IsClauseBoundary(i - 1) || IsCue(i - 1, "speech")))
                return true; // "Police say Christopher Payne, 27, died"
            // Back over at most two title words ("citizen", "Football player", "Chief Deputy") to the start of the clause.
            for (int k = i - 1; k >= Math.Max(0, i - 2); k--)
            {
                if (!IsTitleWord(k))
                    return false;
                if (IsSentenceStart(k) || k > 0 && IsClauseBoundary(k - 1))
                    return true;
            }
            return false;
        }

        // A word that may stand before a name or a person as a title or a place ("citizen", "Chief", "Porterville"): no
        // stopword and no word of harm.
        private bool IsTitleWord(int k) =>
            _doc.Tokens[k].Kind == TokenKind.Word && !Lex.Stopwords.Contains(_lower[k]) && Lex.Triggers.MatchAt(_lower, k, k + 1) is null;

        // In a headline, one or two capitalised words open the sentence right before the token ("Porterville officer"),
        // none of them a trigger, a stopword or a person.
        private bool AfterHeadlineNameWords(int i)
        {
            for (int k = i - 1; k >= Math.Max(0, i - 2); k--)
            {
                if (!IsTitleWord(k) || !char.IsUpper(_doc.Text[_doc.Tokens[k].Start]) || IsCue(k, "singular-person"))
                    return false;
                if (IsSentenceStart(k))
                    return true;
            }
            return false;
        }

        // A singular person noun right after, or after one or two modifiers ("the 13-year-old boy", "the wounded man").
        private bool SingularPersonAhead(int from, int end)
        {
            int limit = from + 3;
            for (int k = from; k < Math.Min(end, limit); k++)
            {
                if (SpelledAgeEnd(k, end) is int old and >= 0)
                {
                    limit += old - k; // "a two year old child": the age is one modifier
                    k = old;
                    continue;
                }
                if (IsCue(k, "singular-person"))
                    return true;
                if (_doc.Tokens[k].Kind != TokenKind.Word && !(_doc.Tokens[k].Kind == TokenKind.Number && k + 1 < end && (IsCue(k + 1, "singular-person") || IsCue(k + 1, "age-after"))))
                    return false; // "the 5 year-old boy": a number only as part of an age
            }
            return false;
        }

        // "two year old", "17 years old" before a noun: an age in three words; the index of its last word, or -1.
        private int SpelledAgeEnd(int k, int end)
        {
            if (k + 2 >= end || !IsCue(k + 1, "age-after") || !IsCue(k + 2, "age-old"))
                return -1;
            return _doc.Tokens[k].Kind == TokenKind.Number || _g.Numbers.TryParseWord(_lower[k], out _) ? k + 2 : -1;
        }

        // "…, one of them fatally", "…, two of whom died": the part of the shot who died.
        private long? FatalPart(int trigger, int end)
        {
            for (int k = trigger + 1; k < end; k++)
            {
                if (CountAt(k, end, allowOne: true) is not { Count.Value: long part } c)
                    continue;
                int n = c.Last + 1;
                if (n + 1 < end && _lower[n] == "of" && _lower[n + 1] is "them" or "whom")
                    n += 2;
                if (n < end && IsCue(n, "fatal-part"))
                    return part;
                k = c.Last;
            }
            return null;
        }

        // An age: an age word right before the number, or one within three words after it.
        private bool IsAge(int first, int last, int end)
        {
            // "aged 15", "at the age of 79", "im Alter von 45"
            if (first > 0 && IsCue(first - 1, "age-before")
                || first > 1 && IsCue(first - 1, "of") && IsCue(first - 2, "age-before"))
                return true;
            // "aged 15 and 17", "im Alter von 15, 16 und 19": back through a list of numbers to an age word
            for (int k = first - 1; k >= Math.Max(0, first - 6); k--)
            {
                var t = _doc.Tokens[k];
                if (t.Kind == TokenKind.Number || IsCue(k, "and") || _doc.Text[t.Start] == ',' || IsCue(k, "of"))
                    continue;
                if (IsCue(k, "age-before"))
                    return true;
                break;
            }
            // "14- and 18-year-olds": a number left hanging by a hyphen shares the age word after it.
            bool hanging = _doc.Tokens[last].End < _doc.Text.Length && _doc.Text[_doc.Tokens[last].End] == '-';
            for (int k = last + 1; k < Math.Min(end, last + 4); k++)
            {
                if (IsCue(k, "age-after") || EndsWithAgeWord(k) || hanging && IsAgeWord(k))
                    return true;
            }
            return false;
        }

        // "3-year-old", "45-jährige": a number and an age word in one token.
        private bool IsAgeWord(int k) => FactLexicon.AgeNumber(_lower[k], Lex.CueWords("age-after")) is not null;

        // "10-year-old", "45-Jährige": the age word is the tail of a hyphenated token.
        private bool EndsWithAgeWord(int k)
        {
            var w = _lower[k];
            int dash = w.LastIndexOf('-');
            return dash > 0 && dash < w.Length - 1 && Lex.Cues("age-after").MatchAt([w[(dash + 1)..]], 0, 1) is not null;
        }

        // "zwischen 20 und 30", "20 bis 30", "between 20 and 30": reported as at least the lower figure,
        // whose FACTS.md bounds [v, 1.5v] stand for the range (FACTS.md has no range qualifier).
        private CountPhrase? Range(int i, int end)
        {
            int k = IsCue(i, "range-start") ? i + 1 : i;
            if (k + 2 >= end || _doc.Tokens[k].Kind != TokenKind.Number || !IsCue(k + 1, "range-join") || _doc.Tokens[k + 2].Kind != TokenKind.Number)
                return null;
            if (k == i && !IsCue(k + 1, "range-join-alone"))
                return null; // "20 und 30" without "zwischen" is two numbers
            var text = _doc.Text;
            if (!_g.Numbers.TryParseDigits(text.AsSpan(_doc.Tokens[k].Start, _doc.Tokens[k].Length), out double low)
                || !_g.Numbers.TryParseDigits(text.AsSpan(_doc.Tokens[k + 2].Start, _doc.Tokens[k + 2].Length), out double high)
                || low < 2 || high <= low || low != Math.Floor(low))
                return null;
            if (low is >= 1800 and <= 2100 && high is >= 1800 and <= 2100 && _doc.Tokens[k].Length == 4)
                return null; // "2015 bis 2016"
            return new CountPhrase(i, k + 2, new Count((long)low, CountQualifier.AtLeast), NextIsWeitere(k + 2, end));
        }

        private bool NextIsWeitere(int last, int end) => last + 1 < end && IsCue(last + 1, "additional");

        private bool IsBareNumber(CountPhrase c) => c.First == c.Last && c.Count.Qualifier == CountQualifier.Exact && _doc.Tokens[c.First].Kind == TokenKind.Number;

        // "seit 2009", "im Jahr 2015": a bare four-digit number without a counted noun.
        private bool IsYear(CountPhrase c)
        {
            if (c.Count.Value is not (>= 1800 and <= 2100) || _doc.Tokens[c.First].Length != 4)
                return false;
            return true;
        }

        // "Artikel 5", "Paragraf 218", "Runde 3": a capitalised noun right before a bare number names, it does not count.
        private bool IsIdentifier(CountPhrase c, int clauseStart)
        {
            int p = c.First - 1;
            if (p < clauseStart || _doc.Tokens[p].Kind != TokenKind.Word || !char.IsUpper(_doc.Text[_doc.Tokens[p].Start]))
                return false;
            if (_times.Any(t => t.FirstToken <= c.First && c.First <= t.LastToken) || Lex.Months.ContainsKey(_lower[p]))
                return true; // "on July 24", "am 12. August", "early October 27": the day of a date
            if (_times.Any(t => t.FirstToken <= p && p <= t.LastToken))
                return false; // "am Sonntag 4.044": a weekday before a count names no thing
            return Lex.Triggers.MatchAt(_lower, p, p + 1) is null;
        }
    }
}
