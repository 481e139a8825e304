using Lagebild.Model;

namespace Lagebild.Pipeline;

/// <summary>
/// A pipeline stage: takes a <see cref="Document"/>, adds its layer(s). Implementations must be
/// thread-safe for concurrent <see cref="Process"/> calls on different documents (hold only
/// immutable state built once).
/// </summary>
public interface IPipelineComponent
{
    /// <summary>Unique name of the component (e.g. "tokenizer").</summary>
    string Name { get; }

    /// <summary>Layers that must exist before this component runs.</summary>
    IReadOnlyList<string> Requires { get; }

    /// <summary>Layers this component adds.</summary>
    IReadOnlyList<string> Assigns { get; }

    void Process(Document document);
}

/// <summary>Layer names components declare in Requires/Assigns.</summary>
public static class Layers
{
    public const string Boilerplate = "boilerplate";
    public const string Language = "language";
    public const string Tokens = "tokens";
    public const string Sentences = "sentences";
    public const string Places = "places";
    public const string Facts = "facts";
}

/// <summary>An immutable, thread-safe sequence of components, built once by <see cref="PipelineBuilder"/> and reused.</summary>
public sealed class AnalysisPipeline
{
    private readonly IPipelineComponent[] _components;

    internal AnalysisPipeline(IPipelineComponent[] components) => _components = components;

    public IReadOnlyList<IPipelineComponent> Components => _components;

    /// <summary>Runs every component on a new document for <paramref name="article"/>.</summary>
    public Document Process(Article article)
    {
        var doc = new Document(article);
        foreach (var c in _components)
        {
            c.Process(doc);
            foreach (var layer in c.Assigns)
                doc.Layers.Add(layer);
        }
        return doc;
    }
}

/// <summary>Collects components and checks their order. Not thread-safe; the built <see cref="AnalysisPipeline"/> is.</summary>
public sealed class PipelineBuilder
{
    private readonly List<IPipelineComponent> _components = [];

    public PipelineBuilder Add(IPipelineComponent component)
    {
        ArgumentNullException.ThrowIfNull(component);
        if (_components.Any(c => c.Name == component.Name))
            throw new ArgumentException($"a component named '{component.Name}' is already in the pipeline", nameof(component));
        _components.Add(component);
        return this;
    }

    /// <summary>Checks that each component's requirements are assigned by an earlier one and returns the pipeline.</summary>
    /// <exception cref="InvalidOperationException">A requirement is not met; the message names the component and layer.</exception>
    public AnalysisPipeline Build()
    {
        var assigned = new HashSet<string>();
        foreach (var c in _components)
        {
            foreach (var r in c.Requires)
            {
                if (!assigned.Contains(r))
                    throw new InvalidOperationException($"component '{c.Name}' requires layer '{r}', which no earlier component assigns");
            }
            assigned.UnionWith(c.Assigns);
        }
        return new AnalysisPipeline([.. _components]);
    }
}
