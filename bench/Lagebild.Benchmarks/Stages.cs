using Lagebild.Model;
using Lagebild.Pipeline;

namespace Lagebild.Benchmarks;

/// <summary>Helpers for running one pipeline stage on its own: the stages before it run once, and each measured call starts from a copy.</summary>
public static class Stages
{
    /// <summary>The shared pipeline's components from the one named <paramref name="first"/> up to (not including) <paramref name="stop"/>.</summary>
    public static IPipelineComponent[] Range(string first, string? stop = null)
    {
        var all = DefaultPipeline.Shared.Components;
        int from = IndexOf(all, first);
        int to = stop is null ? all.Count : IndexOf(all, stop);
        return [.. all.Skip(from).Take(to - from)];
    }

    /// <summary>A document for <paramref name="article"/> with every stage before <paramref name="stage"/> run.</summary>
    public static Document Before(Article article, string stage)
    {
        var all = DefaultPipeline.Shared.Components;
        var doc = new Document(article);
        Run(doc, all.Take(IndexOf(all, stage)));
        return doc;
    }

    public static void Run(Document doc, IEnumerable<IPipelineComponent> components)
    {
        foreach (var c in components)
        {
            c.Process(doc);
            foreach (var layer in c.Assigns)
                doc.Layers.Add(layer);
        }
    }

    /// <summary>A fresh document holding the layers of <paramref name="doc"/> (the lists copied, their items shared: they are immutable).</summary>
    public static Document Copy(Document doc)
    {
        var copy = new Document(doc.Article) { Language = doc.Language };
        copy.Boilerplate.AddRange(doc.Boilerplate);
        copy.Tokens.AddRange(doc.Tokens);
        copy.Sentences.AddRange(doc.Sentences);
        copy.Entities.AddRange(doc.Entities);
        copy.Places.AddRange(doc.Places);
        copy.Facts.AddRange(doc.Facts);
        copy.Layers.UnionWith(doc.Layers);
        return copy;
    }

    private static int IndexOf(IReadOnlyList<IPipelineComponent> all, string name)
    {
        for (int i = 0; i < all.Count; i++)
        {
            if (all[i].Name == name)
                return i;
        }
        throw new ArgumentException($"no pipeline stage named '{name}' (stages: {string.Join(", ", all.Select(c => c.Name))})", nameof(name));
    }
}
