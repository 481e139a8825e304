using Lagebild.Model;
using Lagebild.Pipeline;

namespace Lagebild.Facts;

/// <summary>
/// Reads facts from the headline when the article has one apart from its body (JSON Lines, HTML, feeds):
/// the headline is analysed as a text of its own in the article's language (tokens, sentences, places,
/// facts), and a figure the body does not already give is added with <see cref="Fact.InTitle"/> set.
/// One claim, one fact: a figure that headline and body both give stays the body's where the body tells it in its lead
/// (the first <see cref="LeadChars"/> characters); told only further down, the headline's fact stands for it, the report's
/// news rather than a line below (GVA reconciled killed 2090 → 2100, injured 1850 → 1856). Many pages carry the
/// event only in their headline ("4 wounded in Orange County shooting"). Thread-safe.
/// </summary>
public sealed class TitleFactReader(FactExtractor extractor, params IPipelineComponent[] textStages) : IPipelineComponent
{
    /// <summary>Where a report's lead ends: a figure in the headline or starting before this character is the report's own news.</summary>
    public const int LeadChars = 250;

    public string Name => "title-facts";
    public IReadOnlyList<string> Requires => [Layers.Facts, Layers.Language];
    public IReadOnlyList<string> Assigns => [];

    public void Process(Document doc)
    {
        var title = doc.Article.Title;
        if (string.IsNullOrWhiteSpace(title) || StartsWithTitle(doc.Text, title))
            return;
        var head = new Document(doc.Article with { Text = title, Title = title }) { Language = doc.Language };
        foreach (var stage in textStages)
        {
            stage.Process(head);
            foreach (var layer in stage.Assigns)
                head.Layers.Add(layer);
        }
        extractor.Process(head);
        var body = doc.Facts.ToList();
        // "4 shot in Orange County" over a body that tells of one dead: the headline's hit less the body's dead
        // (a headline with a dead figure of its own was read on its own already).
        bool headDead = head.Facts.Any(k => k.Kind == FactKind.Killed);
        foreach (var read in head.Facts)
        {
            var f = headDead
                ? read with { InTitle = true }
                : extractor.LessTheDead(read with { InTitle = true }, title, body, doc.Language, doc.Article.Published);
            if (f.Count.Value == 0)
                continue;
            if (doc.Facts.FirstOrDefault(b => b.Kind == f.Kind && b.Count == f.Count) is { } same)
            {
                if (same.InTitle || same.Evidence.Start < LeadChars)
                    continue;
                doc.Facts.Remove(same); // told only further down the body: the headline's claim is the report's news
            }
            doc.Facts.Add(f);
        }
    }

    // The body repeats the headline (the seed format, many text files): its facts are the body's already.
    private static bool StartsWithTitle(string text, string title)
    {
        var t = title.Trim();
        return text.AsSpan().TrimStart().StartsWith(t.AsSpan(0, Math.Min(t.Length, 60)), StringComparison.OrdinalIgnoreCase);
    }
}
