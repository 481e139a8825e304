namespace Lagebild.Stories;

/// <summary>
/// Clusters a finished set of articles the way a stream would see them: in publication order
/// (undated articles keep their place after the dated article before them in the input), then
/// returns each article's final story (merges resolved) in input order.
/// </summary>
public static class StoryBatch
{
    /// <summary>The order in which a stream would receive the articles: by day, ties and undated by input position.</summary>
    public static int[] ArrivalOrder(IReadOnlyList<ArticleSignals> articles)
    {
        var keys = new long[articles.Count];
        long lastDay = articles.FirstOrDefault(a => a.Day is not null)?.Day ?? 0;
        for (int i = 0; i < articles.Count; i++)
        {
            if (articles[i].Day is int d)
                lastDay = d;
            keys[i] = lastDay;
        }
        var order = Enumerable.Range(0, articles.Count).ToArray();
        Array.Sort(order, (a, b) => keys[a] != keys[b] ? keys[a].CompareTo(keys[b]) : a.CompareTo(b));
        return order;
    }

    /// <summary>Each article's story id (final, after merges), in input order.</summary>
    public static string[] Cluster(IReadOnlyList<ArticleSignals> articles, StoryClusterer clusterer)
    {
        var stories = new string[articles.Count];
        foreach (int i in ArrivalOrder(articles))
            stories[i] = clusterer.Add(articles[i]).Story;
        for (int i = 0; i < stories.Length; i++)
            stories[i] = clusterer.Resolve(stories[i]);
        return stories;
    }
}
