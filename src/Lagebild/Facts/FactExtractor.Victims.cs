using Lagebild.Model;

namespace Lagebild.Facts;

// One victim without a count (only with counts of one reported): "the shooting death of a 13-year-old",
// "he was pronounced dead", "is in critical condition". The patterns are the language's victims.txt.
public sealed partial class FactExtractor
{
    private sealed partial class DocState
    {
        /// <summary>
        /// When the article gives no figure of killed, the first sentence that tells of one dead gives killed 1;
        /// when it gives neither dead nor injured, the first that tells of one hurt gives injured 1.
        /// </summary>
        public void OneVictimWithoutCount()
        {
            if (_minCount != 1 || Lex.VictimPatterns.Count == 0)
                return;
            bool killed = Facts.Any(r => r.Fact.Kind == FactKind.Killed && !r.Fact.Additional);
            ReadFact? one = null;
            // An article that counts its injured and tells of a death further down most often recalls an earlier
            // shooting ("…since 15-year-old DeKayla Dansberry was stabbed to death there on May 14").
            int killedWithin = Facts.Any(r => r.Fact.Kind == FactKind.Injured && !r.Fact.Additional && r.Fact.Count.Min >= 2) ? LeadSentences : int.MaxValue;
            if (!killed && FirstVictim(FactKind.Killed, killedWithin, 1) is { } dead)
            {
                Facts.Add(one = dead);
                killed = true;
            }
            // "a murder-suicide": at least two dead, where the article counts fewer; one dead read inside its words
            // ("fatal shooting" in "double fatal shooting") goes.
            if (!Facts.Any(r => r.Fact.Kind == FactKind.Killed && !r.Fact.Additional && r.Fact.Count.Min >= 2)
                && FirstVictim(FactKind.Killed, killedWithin, 2) is { } several)
            {
                Facts.Add(several);
                if (one is not null && one.Fact.CountSpan.Start >= several.Fact.TriggerSpan.Start && one.Fact.CountSpan.End <= several.Fact.TriggerSpan.End)
                    Facts.Remove(one);
            }
            // Beside the dead, only someone named as another one ("killing Lewis and critically wounding the other man").
            if (!Facts.Any(r => r.Fact.Kind == FactKind.Injured && !r.Fact.Additional) && FirstVictim(FactKind.Injured, int.MaxValue, 1, otherOnly: killed) is { } hurt)
                Facts.Add(hurt);
        }

        private const int LeadSentences = 3;

        // The first match, sentence by sentence, of the kind's patterns for one victim (least 1) or for several (least ≥ 2).
        private ReadFact? FirstVictim(FactKind kind, int within, long least, bool otherOnly = false)
        {
            if (!Lex.VictimPatterns.TryGetValue(kind, out var patterns))
                return null;
            int sentenceIndex = 0;
            foreach (var s in _doc.Sentences)
            {
                if (sentenceIndex >= within)
                    break;
                if (s.TokenCount == 0 || InBoilerplate(s.FirstToken) && InBoilerplate(s.EndToken - 1))
                    continue;
                int start = _doc.Tokens[s.FirstToken].Start;
                string text = _doc.Text[start.._doc.Tokens[s.EndToken - 1].End];
                foreach (var p in patterns)
                {
                    if ((p.Least >= 2) == (least >= 2) && p.MayMatch(text) && Victim(s, start, text, p, kind, sentenceIndex == 0) is { } fact
                        && (!otherOnly || NamesSomeoneElse(_doc.Text.AsSpan(fact.Fact.CountSpan.Start, fact.Fact.CountSpan.Length))))
                        return fact;
                }
                sentenceIndex++;
            }
            return null;
        }

        private ReadFact? Victim(Sentence s, int start, string text, VictimPattern pattern, FactKind kind, bool inLead)
        {
            for (var m = pattern.Regex.Match(text); m.Success; m = m.NextMatch())
            {
                var trigger = m.Groups["trigger"];
                if (trigger.Index >= 4 && text.AsSpan(trigger.Index - 4, 4) is var before && before[..3].Equals("non", StringComparison.OrdinalIgnoreCase) && before[3] is '-' or ' ')
                    continue; // "a non-fatal shooting"
                var victim = m.Groups["victim"] is { Success: true } v ? v : trigger;
                int first = LowerBound(_doc.Tokens, start + victim.Index);
                int last = LowerBound(_doc.Tokens, start + victim.Index + victim.Length) - 1;
                int triggerToken = LowerBound(_doc.Tokens, start + trigger.Index);
                int matchFirst = LowerBound(_doc.Tokens, start + m.Index);
                if (last < first || first >= s.EndToken || InBoilerplate(first) || InBoilerplate(triggerToken))
                    continue;
                if (Denied(Math.Max(s.FirstToken, Math.Min(matchFirst, first) - 1), Math.Max(first, triggerToken > s.FirstToken ? triggerToken - 1 : first) + 1))
                    continue; // "no person was killed", "no one was hurt"
                if (ClauseHasCue(s.FirstToken, triggerToken, "hypothetical"))
                    continue; // "it could have hit her in the heart and killed her", "not able to say if the man had died"
                var clauses = Clauses(s);
                var (clauseStart, clauseEnd) = clauses[first - s.FirstToken];
                var c = new CountPhrase(first, last, new Count(pattern.Least, pattern.Least > 1 ? CountQualifier.AtLeast : CountQualifier.Exact), false);
                var sources = _g.Sources.Find(_doc, _lower, s.FirstToken, s.EndToken);
                var fact = new Fact
                {
                    Kind = kind,
                    Count = c.Count,
                    Place = Place(s, c, kind, clauseStart, clauseEnd, arrival: false),
                    Time = Time(s, c, clauseStart, clauseEnd),
                    Source = Source(sources, c),
                    Evidence = new TextSpan(start, _doc.Tokens[s.EndToken - 1].End),
                    CountSpan = new TextSpan(_doc.Tokens[first].Start, _doc.Tokens[last].End),
                    TriggerSpan = new TextSpan(start + trigger.Index, start + trigger.Index + trigger.Length),
                };
                return new ReadFact(fact, inLead, RefersBack: false);
            }
            return null;
        }
    }
}
