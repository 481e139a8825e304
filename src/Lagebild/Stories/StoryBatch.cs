namespace Lagebild.Stories;

/// <summary>
/// Feeds articles to a <see cref="StoryClusterer"/> the way a stream would see them: in publication order
/// (undated articles keep their place after the dated article before them in the input), holding at most
/// <see cref="BufferSize"/> articles to reorder; beyond that, the earliest held article goes on, so memory
/// stays bounded however long the input is (an article more than a buffer late arrives late, which the
/// clusterer allows). <see cref="Finish"/> gives each article's final story (merges resolved) in input order.
/// </summary>
public sealed class StoryBatch(StoryClusterer clusterer, int bufferSize = StoryBatch.DefaultBufferSize)
{
    /// <summary>Articles held for reordering: about 100 MB of signals at most.</summary>
    public const int DefaultBufferSize = 50_000;

    private readonly PriorityQueue<(ArticleSignals Article, int Index), (long Day, int Index)> _held = new();
    private readonly List<string> _stories = [];
    private long _lastDay = long.MinValue;

    public int BufferSize { get; } = bufferSize;

    public StoryClusterer Clusterer { get; } = clusterer;

    /// <summary>Articles added so far.</summary>
    public int Count => _stories.Count;

    public void Add(ArticleSignals article)
    {
        if (article.Day is int d)
            _lastDay = d;
        int index = _stories.Count;
        _stories.Add(null!);
        _held.Enqueue((article, index), (article.Day ?? (_lastDay == long.MinValue ? long.MinValue : _lastDay), index));
        if (_held.Count > BufferSize)
            Release();
    }

    /// <summary>
    /// Clusters what is still held and gives the stories of one article their second look
    /// (<see cref="StoryClusterer.Flush"/>); returns every article's story id (merges resolved), in input order.
    /// </summary>
    public IReadOnlyList<string> Finish()
    {
        while (_held.Count > 0)
            Release();
        // No later article will come: the stories of one article get their second look now.
        Clusterer.Flush();
        var result = new string[_stories.Count];
        for (int i = 0; i < result.Length; i++)
            result[i] = Clusterer.Resolve(_stories[i]);
        return result;
    }

    private void Release()
    {
        var (article, index) = _held.Dequeue();
        _stories[index] = Clusterer.Add(article).Story;
    }

    /// <summary>The order in which a stream would receive the articles (all held at once).</summary>
    public static int[] ArrivalOrder(IReadOnlyList<ArticleSignals> articles)
    {
        var keys = new long[articles.Count];
        long lastDay = long.MinValue;
        for (int i = 0; i < articles.Count; i++)
        {
            if (articles[i].Day is int d)
                lastDay = d;
            keys[i] = articles[i].Day ?? lastDay;
        }
        var order = Enumerable.Range(0, articles.Count).ToArray();
        Array.Sort(order, (a, b) => keys[a] != keys[b] ? keys[a].CompareTo(keys[b]) : a.CompareTo(b));
        return order;
    }

    /// <summary>Each article's story id (final, after merges), in input order, all articles held at once.</summary>
    public static string[] Cluster(IReadOnlyList<ArticleSignals> articles, StoryClusterer clusterer)
    {
        var batch = new StoryBatch(clusterer, int.MaxValue);
        foreach (var a in articles)
            batch.Add(a);
        return [.. batch.Finish()];
    }
}
