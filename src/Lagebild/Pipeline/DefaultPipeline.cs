using Lagebild.Boilerplate;
using Lagebild.Entities;
using Lagebild.Facts;
using Lagebild.Language;
using Lagebild.Places;
using Lagebild.Text;

namespace Lagebild.Pipeline;

/// <summary>The standard analysis pipeline: boilerplate → language → tokens → sentences → entities → places → facts → headline facts.</summary>
public static class DefaultPipeline
{
    private static readonly Lazy<AnalysisPipeline> s_shared = new(() => CreateBuilder().Build());

    /// <summary>A builder holding the standard components, for callers that add or replace stages.</summary>
    /// <param name="minCount">Smallest count the facts stage reports (see <see cref="FactExtractor"/>).</param>
    /// <param name="entities">Whether to recognise people, places and organisations; facts do not need them, so
    /// fact extraction alone runs about half again as fast without.</param>
    public static PipelineBuilder CreateBuilder(int minCount = 2, bool entities = true)
    {
        var builder = new PipelineBuilder()
            .Add(new BoilerplateDetector())
            .Add(new LanguageDetector())
            .Add(new Tokenizer())
            .Add(new SentenceSplitter());
        if (entities)
            builder.Add(new EntityRecognizer()).Add(new EnglishEntityRecognizer()).Add(new EntityRules());
        var facts = new FactExtractor(minCount: minCount);
        return builder
            .Add(new PlaceRecognizer())
            .Add(facts)
            .Add(new TitleFactReader(facts, new BoilerplateDetector(), new Tokenizer(), new SentenceSplitter(), new PlaceRecognizer()));
    }

    private static readonly Lazy<AnalysisPipeline> s_facts = new(() => CreateBuilder(entities: false).Build());

    /// <summary>The standard pipeline without the entity stages: what fact extraction alone needs.</summary>
    public static AnalysisPipeline FactsOnly => s_facts.Value;

    /// <summary>The standard pipeline, built on first use and shared (it is immutable and thread-safe).</summary>
    public static AnalysisPipeline Shared => s_shared.Value;
}
