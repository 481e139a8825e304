using Lagebild.Ingest;
using Lagebild.Model;
using Lagebild.Storage;
using Lagebild.Stories;

namespace Lagebild.Cli.Commands;

/// <summary>What one or more <see cref="StoreIngest.Add"/> calls did.</summary>
internal sealed class IngestCounts
{
    /// <summary>Articles analysed, facts found, problems met (notices not counted).</summary>
    public Analysis.Tally Read { get; } = new();

    public int Stored;
    public int Updated;
    public int Unchanged;
    public int Duplicates;

    /// <summary>Articles handed to the story indexer (stored, updated and linked copies).</summary>
    public int Clustered;

    public void Count(AddStatus status)
    {
        switch (status)
        {
            case AddStatus.Stored: Stored++; break;
            case AddStatus.Updated: Updated++; break;
            case AddStatus.Unchanged: Unchanged++; break;
            case AddStatus.Duplicate: Duplicates++; break;
        }
    }

    /// <summary>"N stored, N updated, N unchanged, N duplicates linked" as every summary writes it.</summary>
    public string Statuses() => $"{Stored} stored, {Updated} updated, {Unchanged} unchanged, {Duplicates} duplicates linked";
}

/// <summary>
/// The ingest step that <c>ingest</c> and <c>watch</c> share: analyse articles in batches (<see cref="Analysis.Batches"/>),
/// store each batch in one transaction, and cluster what the store took as new (stored, updated, linked copies) into
/// the store's stories; <see cref="Commit"/> writes the stories. Opening loads the store's clusterer state.
/// Not thread-safe; one per store at a time (it holds a <see cref="StoryIndexer"/>), disposed before the store (it
/// waits for a story commit still running in the background).
/// </summary>
internal sealed class StoreIngest : IDisposable
{
    private readonly IArticleStore _store;

    /// <exception cref="CliException">The store's story state cannot be read.</exception>
    public StoreIngest(IArticleStore store, ClusterOptions options)
    {
        _store = store;
        try
        {
            Indexer = new StoryIndexer(store, options);
        }
        catch (StoreException e)
        {
            throw new CliException(e.Message);
        }
    }

    public StoryIndexer Indexer { get; }

    /// <summary>Everything <see cref="Add"/> did so far.</summary>
    public IngestCounts Totals { get; } = new();

    /// <summary>Clusters the stored originals that have no story yet (a run stopped between storing and clustering); returns how many.</summary>
    /// <exception cref="CliException">The store cannot be read or written.</exception>
    public int CatchUp()
    {
        try
        {
            return Indexer.CatchUp(StorySource.Reanalyse);
        }
        catch (StoreException e)
        {
            throw new CliException(e.Message);
        }
    }

    /// <summary>
    /// Analyses, stores and clusters the articles of <paramref name="outcomes"/> in order; problems go to
    /// <paramref name="onProblem"/>. Returns the counts of this call (also added to <see cref="Totals"/>).
    /// </summary>
    /// <param name="afterBatch">Called after each stored batch (progress display), or null.</param>
    /// <exception cref="StoreException">A batch cannot be written; that batch is not kept, earlier ones are.</exception>
    public IngestCounts Add(IEnumerable<ReadOutcome> outcomes, Action<InputProblem> onProblem, Action? afterBatch = null)
    {
        var counts = new IngestCounts();
        // The store's own CPU work (hashes, MinHash, search terms, entities) is done beside the analysis, on all
        // cores, so that the one thread storing batches only writes.
        foreach (var batch in Analysis.Batches(outcomes, p => { Tally(p); onProblem(p); }, counts.Read, prepare: StoreDigest.Prepare))
        {
            var results = _store.AddRange(batch);
            // The story signals of the new articles are read on all cores; clustering then takes them in order.
            var prepared = new (RawSignals, ReportClues)[batch.Count];
            Parallel.For(0, batch.Count, i =>
            {
                if (results[i].Status is AddStatus.Stored or AddStatus.Updated or AddStatus.Duplicate)
                    prepared[i] = StoryIndexer.Prepare(batch[i]);
            });
            for (int i = 0; i < batch.Count; i++)
            {
                var status = results[i].Status;
                counts.Count(status);
                Totals.Count(status);
                if (status is AddStatus.Stored or AddStatus.Updated or AddStatus.Duplicate)
                {
                    Indexer.Add(prepared[i], recluster: status == AddStatus.Updated);
                    counts.Clustered++;
                    Totals.Clustered++;
                }
            }
            Totals.Read.Articles += batch.Count;
            Totals.Read.Facts += batch.Sum(d => d.Facts.Count);
            afterBatch?.Invoke();
        }
        return counts;
    }

    /// <summary>Writes the pending story assignments, merges and clusterer state in one transaction.</summary>
    /// <exception cref="StoreException">The store cannot be written.</exception>
    public void Commit() => Indexer.Commit();

    public void Dispose() => Indexer.Dispose();

    private void Tally(InputProblem p)
    {
        if (!p.IsNotice)
            Totals.Read.Problems++;
    }
}
