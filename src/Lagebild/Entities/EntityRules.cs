using System.Collections.Frozen;
using Lagebild.Languages;
using Lagebild.Model;
using Lagebild.Pipeline;

namespace Lagebild.Entities;

/// <summary>
/// Completes and cleans the entity layer with rules the statistical model does not learn from its
/// training data (<c>Languages/&lt;code&gt;/entity-rules.txt</c>): an acronym's long form defined next to it
/// ("Organisation des Vertrags über kollektive Sicherheit (OVKS)") is an organisation; a name after an
/// organisation noun ("im Sender Echo Moskwy") is one; listed heads ("das Präsidialamt") are;
/// mentions in photo credits and agency tags are dropped (they are metadata; captions keep theirs). Runs after every
/// recogniser. Immutable and thread-safe.
/// </summary>
public sealed class EntityRules : IPipelineComponent
{
    private const int MaxLongFormWords = 10;

    private sealed record Rules(string[] OrgHeads, FrozenSet<string> OrgTypes, FrozenSet<string> FunctionWords);

    private readonly FrozenDictionary<string, Rules> _rules;

    public EntityRules()
    {
        _rules = LanguageData.Codes.ToFrozenDictionary(c => c, c =>
        {
            var lines = LanguageData.Lines(c, "entity-rules.txt").Select(l => l.Split(' ', 2)).Where(p => p.Length == 2).ToList();
            return new Rules(
                [.. lines.Where(p => p[0] == "org-head").Select(p => p[1])],
                lines.Where(p => p[0] == "org-type").Select(p => p[1]).ToFrozenSet(),
                LanguageData.Lines(c, "stopwords.txt").Concat(LanguageData.Lines(c, "function-words.txt")).Select(w => w.ToLowerInvariant()).ToFrozenSet());
        });
    }

    public string Name => "entity-rules";
    public IReadOnlyList<string> Requires => [Layers.Tokens, Layers.Sentences, Layers.Boilerplate, EntityRecognizer.Layer];
    public IReadOnlyList<string> Assigns => [];

    public void Process(Document doc)
    {
        // Credits and agency tags are metadata; a caption's names ("eine Filiale der Sberbank") are the story's.
        doc.Entities.RemoveAll(m => doc.Boilerplate.Any(b => b.Kind is BoilerplateKind.Credit or BoilerplateKind.AgencyTag && b.Span.Overlaps(m.Span)));
        PartCompounds(doc);
        if (!_rules.TryGetValue(doc.Language, out var rules))
            return;
        var text = doc.Text;
        var tokens = doc.Tokens;
        var added = new List<EntityMention>();
        for (int i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            // "(OVKS)": the words before it whose initials spell it are its long form.
            if (text[t.Start] == '(' && i + 2 < tokens.Count && text[tokens[i + 2].Start] == ')' && IsAcronym(doc.View(tokens[i + 1])))
            {
                string acronym = doc.Slice(tokens[i + 1]);
                if (LongForm(doc, i, acronym, rules) is { } longForm)
                {
                    added.Add(new EntityMention(longForm, "ORG", doc.Slice(longForm)));
                    added.Add(new EntityMention(tokens[i + 1].Span, "ORG", acronym));
                }
            }
            if (t.Kind != TokenKind.Word)
                continue;
            var lower = doc.View(t).ToString().ToLowerInvariant();
            // "im Sender Echo Moskwy": up to three capitalised words after an organisation noun.
            if (rules.OrgTypes.Contains(lower) && i + 1 < tokens.Count && IsName(doc, tokens[i + 1]))
            {
                int end = i + 1;
                while (end + 1 < tokens.Count && end - i < 3 && IsName(doc, tokens[end + 1]) && !HasBreak(text, tokens[end].End, tokens[end + 1].Start))
                    end++;
                var span = new TextSpan(tokens[i + 1].Start, tokens[end].End);
                added.Add(new EntityMention(span, "ORG", doc.Slice(span)));
            }
            // "das Präsidialamt", "des Innenministeriums"
            if (char.IsUpper(text[t.Start]) && i > 0 && rules.FunctionWords.Contains(doc.View(tokens[i - 1]).ToString().ToLowerInvariant())
                && rules.OrgHeads.Any(h => lower.EndsWith(h, StringComparison.Ordinal) || lower.EndsWith(h + "s", StringComparison.Ordinal)))
                added.Add(new EntityMention(t.Span, "ORG", doc.Slice(t)));
        }
        foreach (var m in added)
        {
            // A rule's organisation replaces what the model made of the same words.
            doc.Entities.RemoveAll(e => e.Span.Overlaps(m.Span));
            doc.Entities.Add(m);
        }
        doc.Entities.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
    }

    // "OVKS-Friedenstruppen", "OVKS-Generalsekretär": a compound with an organisation is not the organisation
    // (GermEval's ORGpart), but the acronym inside it is a mention of it. "Ex-Sowjetrepublik" is no name at all.
    private static void PartCompounds(Document doc)
    {
        for (int k = doc.Entities.Count - 1; k >= 0; k--)
        {
            var m = doc.Entities[k];
            int dash = m.Text.IndexOf('-');
            if (m.Text.Contains(' ') || dash <= 0 || dash == m.Text.Length - 1)
                continue;
            var head = m.Text.AsSpan(0, dash);
            if (head is "Ex" or "ex" or "Anti" or "Pro" or "Nicht")
            {
                doc.Entities.RemoveAt(k);
                continue;
            }
            if (m.Type == "ORG" && IsAcronym(head) && char.IsUpper(m.Text[dash + 1]) && !IsAcronym(m.Text.AsSpan(dash + 1)))
                doc.Entities[k] = new EntityMention(new TextSpan(m.Span.Start, m.Span.Start + dash), "ORG", head.ToString());
        }
    }

    private static bool IsAcronym(ReadOnlySpan<char> s)
    {
        if (s.Length is < 2 or > 8)
            return false;
        foreach (var c in s)
        {
            if (!(char.IsUpper(c) || char.IsDigit(c)))
                return false;
        }
        return true;
    }

    private static bool IsName(Document doc, Token t) => t.Kind == TokenKind.Word && char.IsUpper(doc.Text[t.Start]);

    private static bool HasBreak(string text, int from, int to) => text.AsSpan(from, to - from).IndexOfAny('\n', '\r') >= 0;

    // Walk back from "(" over words; the shortest run whose initials (function words skipped) spell the acronym.
    private static TextSpan? LongForm(Document doc, int paren, string acronym, Rules rules)
    {
        var tokens = doc.Tokens;
        var initials = new List<char>();
        for (int k = paren - 1; k >= 0 && paren - k <= MaxLongFormWords; k--)
        {
            var t = tokens[k];
            if (t.Kind != TokenKind.Word)
                return null;
            var word = doc.View(t);
            if (!rules.FunctionWords.Contains(word.ToString().ToLowerInvariant()))
            {
                foreach (var part in word.ToString().Split('-', StringSplitOptions.RemoveEmptyEntries))
                    initials.Insert(0, char.ToUpperInvariant(part[0]));
                if (initials.Count > acronym.Length)
                    return null;
            }
            if (initials.Count == acronym.Length && string.Concat(initials) == acronym && char.IsUpper(doc.Text[t.Start]))
                return new TextSpan(t.Start, tokens[paren - 1].End);
        }
        return null;
    }
}
