using Lagebild.Ingest;
using Lagebild.Model;
using Lagebild.Pipeline;

namespace Lagebild.Cli.Commands;

/// <summary>
/// Reads inputs and analyses articles on all cores while keeping input order: articles are taken in
/// batches, each batch is analysed in parallel, and results are handed on in order. Memory stays
/// bounded by one batch.
/// </summary>
internal static class Analysis
{
    public const int BatchSize = 128;

    /// <summary>Counts of a run, for summaries and exit codes.</summary>
    public sealed class Tally
    {
        public int Articles;
        public int Problems;
        public int Facts;
    }

    public static IEnumerable<IReadOnlyList<Document>> Batches(IEnumerable<ReadOutcome> outcomes, Action<InputProblem> onProblem, Tally tally, AnalysisPipeline? pipeline = null)
    {
        pipeline ??= DefaultPipeline.Shared;
        var batch = new List<Article>(BatchSize);
        foreach (var o in outcomes)
        {
            if (o.Problem is { } p)
            {
                if (!p.IsNotice)
                    tally.Problems++;
                onProblem(p);
                continue;
            }
            batch.Add(o.Article!);
            if (batch.Count == BatchSize)
            {
                yield return Analyse(pipeline, batch, tally);
                batch.Clear();
            }
        }
        if (batch.Count > 0)
            yield return Analyse(pipeline, batch, tally);
    }

    private static Document[] Analyse(AnalysisPipeline pipeline, List<Article> batch, Tally tally)
    {
        var docs = new Document[batch.Count];
        Parallel.For(0, batch.Count, i => docs[i] = pipeline.Process(batch[i]));
        tally.Articles += docs.Length;
        tally.Facts += docs.Sum(d => d.Facts.Count);
        return docs;
    }
}
