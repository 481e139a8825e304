using Lagebild.Model;
using Lagebild.Pipeline;

namespace Lagebild.Entities;

/// <summary>
/// Pipeline stage "entities": tags each sentence with the German NER model and adds the PER, LOC and ORG
/// spans to <see cref="Document.Entities"/>. Documents detected as another language than German are left
/// alone (the model is German). The model loads on first use; immutable and thread-safe.
/// </summary>
public sealed class EntityRecognizer : IPipelineComponent
{
    /// <summary>The layer this component assigns.</summary>
    public const string Layer = "entities";

    private readonly Lazy<NerTagger> _tagger;

    /// <summary>Uses the shipped model (<see cref="NerTagger.Default"/>), loaded on the first document.</summary>
    public EntityRecognizer()
        : this(new Lazy<NerTagger>(() => NerTagger.Default))
    {
    }

    public EntityRecognizer(NerTagger tagger)
        : this(new Lazy<NerTagger>(tagger))
    {
    }

    private EntityRecognizer(Lazy<NerTagger> tagger) => _tagger = tagger;

    public string Name => "entities";
    public IReadOnlyList<string> Requires => [Layers.Tokens, Layers.Sentences];
    public IReadOnlyList<string> Assigns => [Layer];

    public void Process(Document document)
    {
        if (document.Language is not ("de" or "und"))
            return;
        var tagger = _tagger.Value;
        var words = new List<string>(64);
        int[] ids = new int[64];
        foreach (var sentence in document.Sentences)
        {
            words.Clear();
            for (int i = sentence.FirstToken; i < sentence.EndToken; i++)
                words.Add(document.Slice(document.Tokens[i]));
            if (words.Count == 0)
                continue;
            if (ids.Length < words.Count)
                ids = new int[words.Count * 2];
            tagger.Tag(words, ids);
            for (int i = 0; i < words.Count; i++)
            {
                if (!NerLabels.IsBegin(ids[i]) && !NerLabels.IsInside(ids[i]))
                    continue;
                int type = NerLabels.TypeOf(ids[i]), end = i + 1;
                while (end < words.Count && NerLabels.IsInside(ids[end]) && NerLabels.TypeOf(ids[end]) == type)
                    end++;
                var span = new TextSpan(document.Tokens[sentence.FirstToken + i].Start, document.Tokens[sentence.FirstToken + end - 1].End);
                document.Entities.Add(new EntityMention(span, NerLabels.Types[type], document.Slice(span)));
                i = end - 1;
            }
        }
    }
}
