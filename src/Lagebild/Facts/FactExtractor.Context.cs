using Lagebild.Model;

namespace Lagebild.Facts;

// Where, when and according to whom: the place, time and source of a fact.
public sealed partial class FactExtractor
{
    private sealed partial class DocState
    {
        private FactPlace? Place(Sentence s, CountPhrase c, FactKind kind, int clauseStart, int clauseEnd, bool arrival)
        {
            bool InSource(PlaceMention p) => _sourceSpans.Any(span => span.Contains(p.Span.Start));
            bool IsAttribute(PlaceMention p)
            {
                int next = TokenAfter(p.Span.End);
                return next >= 0 && IsCue(next, "place-attribute");
            }
            var tokens = _doc.Tokens;
            if (ClauseHasCue(clauseStart, clauseEnd, "nationwide") && _storyCountry is not null)
            {
                var name = _storyCountryMention?.Name ?? Places.Gazetteer.Default.CountryName(_storyCountry, Lex.Language);
                var country = _storyCountryMention;
                return name is null ? null : new FactPlace(name, _storyCountry, country?.Lat, country?.Lon) { Id = "iso:" + _storyCountry };
            }
            int bestRankOf(PlaceMention p) => Direction(p, kind, arrival);
            PlaceMention? Best(int from, int to)
            {
                var span = new TextSpan(tokens[from].Start, tokens[to - 1].End);
                PlaceMention? best = null;
                int bestRank = int.MinValue;
                int countAt = tokens[c.First].Start;
                // Places are in text order: start at the first one inside the span.
                var places = _doc.Places;
                int lo = 0, hi = places.Count;
                while (lo < hi)
                {
                    int mid = (lo + hi) >>> 1;
                    if (places[mid].Span.Start < span.Start)
                        lo = mid + 1;
                    else
                        hi = mid;
                }
                for (int k = lo; k < places.Count && places[k].Span.Start < span.End; k++)
                {
                    var p = places[k];
                    if (p.Implicit || _doc.IsBoilerplate(p.Span.Start) || InSource(p) || IsAttribute(p))
                        continue; // "berichteten Belgrader Medien", "die in Großbritannien ansässige Beobachtungsstelle"
                    // Troops are sent to a place and withdrawn from one: the place after "nach"/"aus" is the one meant.
                    // The other end of a movement (where troops come from, where refugees head) only when nothing else is named.
                    int rank = Direction(p, kind, arrival);
                    if (rank <= -2)
                        continue; // where they are heading is not where they are counted
                    if (best is null || rank > bestRank || (rank == bestRank && (p.Level > best.Level
                        || (p.Level == best.Level && Math.Abs(p.Span.Start - countAt) < Math.Abs(best.Span.Start - countAt)))))
                    {
                        best = p;
                        bestRank = rank;
                    }
                }
                return best;
            }
            var place = Best(clauseStart, clauseEnd);
            // "Die Regierung in Washington bestätigte, dass zwei US-Bürger getötet wurden": the reporting clause's
            // place is not the event's, so a subordinate clause does not borrow from the rest of the sentence.
            if (IsCue(clauseStart, "complement") && clauseStart > s.FirstToken)
                return place is null ? null : new FactPlace(place.Name, place.Country, place.Lat, place.Lon) { Id = place.Id };
            if (place is null || bestRankOf(place) < 0)
            {
                var wider = Best(s.FirstToken, s.EndToken);
                if (wider is not null && (place is null || bestRankOf(wider) >= 0))
                    place = wider;
            }
            return place is null ? null : new FactPlace(place.Name, place.Country, place.Lat, place.Lon) { Id = place.Id };
        }

        // Troops are sent to a place and withdrawn from one: 1 for that end of the movement, -1 for the other, 0 otherwise.
        // arrival: the trigger is an arrival or shelter verb ("kamen aus Kroatien an"), whose origin is not the place at all.
        private int Direction(PlaceMention p, FactKind kind, bool arrival)
        {
            if (kind is not (FactKind.TroopsDeployed or FactKind.TroopsWithdrawn or FactKind.Displaced or FactKind.Evacuated))
                return 0;
            int idx = _doc.Tokens.BinarySearch(new Token(p.Span.Start, p.Span.Start, TokenKind.Word), TokenStartComparer.Instance) - 1;
            while (idx > 0 && IsCue(idx, "determiner"))
                idx--; // "aus dem Irak"
            if (idx < 0)
                return 0;
            bool to = IsCue(idx, "to-place"), from = IsCue(idx, "from-place");
            if (kind is FactKind.Displaced or FactKind.Evacuated)
            {
                // counted where they are, not where they came from or head for ("Richtung Österreich", "die Fahrt nach Deutschland")
                bool heading = IsCue(idx, "heading-to") || (to && idx > 0 && IsCue(idx - 1, "journey"));
                return heading || (from && arrival) ? -2 : from ? -1 : 0;
            }
            bool towards = kind == FactKind.TroopsDeployed;
            return to ? (towards ? 1 : -1) : from ? (towards ? -1 : 1) : 0;
        }

        private sealed class TokenStartComparer : IComparer<Token>
        {
            public static readonly TokenStartComparer Instance = new();

            public int Compare(Token a, Token b) => a.Start.CompareTo(b.Start);
        }

        private FactTime? Time(Sentence s, CountPhrase c, int clauseStart, int clauseEnd)
        {
            TimeMention? best = null;
            bool bestInClause = false;
            // _times is in text order: start at the first mention of this sentence.
            int lo = 0, hi = _times.Count;
            while (lo < hi)
            {
                int mid = (lo + hi) >>> 1;
                if (_times[mid].FirstToken < s.FirstToken)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            for (int k = lo; k < _times.Count && _times[k].FirstToken < s.EndToken; k++)
            {
                var t = _times[k];
                if (t.LastToken >= s.EndToken || InBoilerplate(t.FirstToken))
                    continue;
                bool inClause = t.FirstToken >= clauseStart && t.LastToken < clauseEnd;
                if (best is null || (inClause && !bestInClause)
                    || (inClause == bestInClause && Math.Abs(t.FirstToken - c.First) < Math.Abs(best.FirstToken - c.First)))
                {
                    best = t;
                    bestInClause = inClause;
                }
            }
            return best?.Time;
        }

        // The first token starting at or after offset, or -1.
        private int TokenAfter(int offset)
        {
            int idx = _doc.Tokens.BinarySearch(new Token(offset, offset, TokenKind.Word), TokenStartComparer.Instance);
            if (idx < 0)
                idx = ~idx;
            return idx < _doc.Tokens.Count ? idx : -1;
        }

        private static FactSource? Source(List<SourceMention> sources, CountPhrase c)
        {
            SourceMention? best = null;
            foreach (var m in sources)
            {
                if (best is null || Math.Abs(m.FirstToken - c.First) < Math.Abs(best.FirstToken - c.First))
                    best = m;
            }
            return best?.Source;
        }
    }
}
