namespace Lagebild.Stories;

/// <summary>The settings of <see cref="StoryClusterer"/>; the defaults were tuned on the shared GVA articles (see README).</summary>
public sealed record ClusterOptions
{
    /// <summary>An article joins the best story whose score reaches this; otherwise it starts a new story.</summary>
    public double JoinThreshold { get; init; } = 0.24;

    /// <summary>When an article scores this high with two stories, the two merge.</summary>
    public double MergeThreshold { get; init; } = 0.45;

    /// <summary>Time decay: a story <c>d</c> days away from the article counts <c>1 / (1 + d / TimeScaleDays)</c>.</summary>
    public double TimeScaleDays { get; init; } = 7;

    /// <summary>
    /// Follow-ups (trials, sentencing, anniversaries) come weeks or months later and share names, not days:
    /// an article whose undecayed cosine with a story reaches <see cref="FollowUpMinScore"/> decays with this
    /// slower scale instead, when it also shares <see cref="FollowUpNames"/> rare words of person names with
    /// the story (the victim's, the suspect's). 0 turns it off.
    /// </summary>
    public double FollowUpTimeScaleDays { get; init; } = 365;

    /// <summary>See <see cref="FollowUpTimeScaleDays"/>.</summary>
    public double FollowUpMinScore { get; init; } = 0.15;

    /// <summary>A follow-up must share this many rare words of person names with the story (see <see cref="FollowUpTimeScaleDays"/>).</summary>
    public int FollowUpNames { get; init; } = 2;

    /// <summary>
    /// A follow-up that names a street of the story needs only this many rare name words ("Man sentenced in the Tyler
    /// Street killing of Jones"; GVA BCubed 0.902 → 0.903, ECB+ unchanged).
    /// </summary>
    public int FollowUpNamesWithStreet { get; init; } = 1;

    /// <summary>
    /// A follow-up that names a town and a person's age of the story (<see cref="StorySignals.AgeTermPrefix"/>) also needs
    /// only <see cref="FollowUpNamesWithStreet"/> rare name words ("Man, 20, sentenced in killing of 15-year-old Jones in
    /// Dayton"; GVA BCubed 0.909 → 0.911, ECB+ unchanged).
    /// </summary>
    public bool FollowUpAgeWithPlace { get; init; } = true;

    /// <summary>A name word is rare when at most this many articles so far have it.</summary>
    public int RareNameDocuments { get; init; } = 10;

    /// <summary>Exponent of the time decay: below 1 the pull of a story fades slowly for old follow-ups.</summary>
    public double DecayPower { get; init; } = 1;

    /// <summary>A story that got no article for this many days (of article time) is closed: nothing joins it any more and its memory is freed.</summary>
    public int CloseAfterDays { get; init; } = 365;

    /// <summary>Factor on the score when article and story both name specific places and share none.</summary>
    public double PlaceMismatch { get; init; } = 0.7;

    /// <summary>Added to the score when article and story share a specific place and lie at most <see cref="PlaceDays"/> days apart.</summary>
    public double PlaceBonus { get; init; }

    /// <summary>See <see cref="PlaceBonus"/>.</summary>
    public int PlaceDays { get; init; } = 3;

    /// <summary>
    /// Added to the score when article and story name a street in common (<see cref="StreetNames"/>) and lie at most
    /// <see cref="StreetDays"/> days apart: finer than a town, a shared street within days most often means one event.
    /// Measured on GVA: 0 → BCubed 0.899, 0.1 → 0.902 (ECB+ unchanged), 0.15 → 0.903 (but ECB+ train 0.862 → 0.852).
    /// </summary>
    public double StreetBonus { get; init; } = 0.1;

    /// <summary>See <see cref="StreetBonus"/> (GVA: 3 days 0.903, 7 days 0.904, 30 days 0.903).</summary>
    public int StreetDays { get; init; } = 7;

    /// <summary>
    /// For an article in a language the story has no article in yet: the join threshold is multiplied by
    /// this, and a shared specific place within <see cref="PlaceDays"/> days adds <see cref="CrossLanguagePlaceBonus"/>.
    /// Words rarely match across languages; names and places do, so the bar is lower.
    /// </summary>
    public double CrossLanguageFactor { get; init; } = 0.5;

    /// <summary>See <see cref="CrossLanguageFactor"/>.</summary>
    public double CrossLanguagePlaceBonus { get; init; } = 0.1;

    /// <summary>How many of an article's terms (highest weight first) look up candidate stories.</summary>
    public int LookupTerms { get; init; } = 15;

    /// <summary>At most this many candidate stories are scored per article (those sharing most lookup terms).</summary>
    public int MaxCandidates { get; init; } = 100;

    /// <summary>
    /// A lookup term held by more open stories than this looks up nothing: it says little about which story an
    /// article belongs to, and scanning its list would make each article's cost grow with the open window
    /// (500 is the twentieth of 10,000 articles, so streams up to that size are unaffected).
    /// </summary>
    public int MaxLookupStories { get; init; } = 500;

    /// <summary>The most terms a story keeps (its heaviest ones); bounds memory per story.</summary>
    public int MaxStoryTerms { get; init; } = 300;

    /// <summary>
    /// Decides, for a dated article, which candidate story (if any) it joins, instead of the join threshold alone
    /// (<see cref="StoryVerifier"/>); null: the threshold decides. Undated articles and stories are always left to the
    /// threshold: the model was learned on dated reports, and time is among its strongest clues.
    /// </summary>
    public StoryVerifier? Verifier { get; init; } = StoryVerifier.Default;

    /// <summary>Candidates scoring below this fraction of the join threshold are not put to the <see cref="Verifier"/>.</summary>
    public double VerifierMinScore { get; init; } = 0.3;

    /// <summary>
    /// A dated candidate scoring below <see cref="VerifierMinScore"/> (most often one far back in time: the score decays
    /// with the days between) is still put to the <see cref="Verifier"/> when its plain cosine with the article reaches this;
    /// 0 puts none. The verifier weighs the days itself: a trial report months after the shooting can still join it. GVA
    /// BCubed 0.943 → 0.945 at 0.2–0.3 (0.944 at 0.4).
    /// </summary>
    public double VerifierFarCosine { get; init; } = 0.25;

    /// <summary>
    /// A story still made of one dated article gets a second look <see cref="SecondLookDays"/> days later (by the dates of
    /// the articles since) or at the end of a batch (<see cref="StoryClusterer.Flush"/>): its article is put to the
    /// <see cref="Verifier"/> again, against the stories as they are then, and the story merges into the one the verifier
    /// gives at least this probability. A first report with little in it, or one that came before the reports it
    /// belongs with formed their story, finds it that way. 0 gives no second looks. GVA BCubed 0.948 → see README.
    /// </summary>
    public double SecondLookThreshold { get; init; } = 0.42;

    /// <summary>See <see cref="SecondLookThreshold"/>.</summary>
    public int SecondLookDays { get; init; } = 3;

    public static ClusterOptions Default { get; } = new();
}

/// <summary>
/// Where one article went: its story at the time, whether it started it, its score (the best story's; 0 when no
/// story shared its lookup words or could reach the bar, far away in time), and any stories merged because of it.
/// </summary>
public sealed record ClusterDecision(string ArticleId, string Story, bool Created, double Score, IReadOnlyList<string> Merged);

/// <summary>A recorded merge: <see cref="Absorbed"/> continues as <see cref="Survivor"/> from the article <see cref="ByArticle"/> on.</summary>
public sealed record StoryMerge(string Survivor, string Absorbed, string ByArticle);

/// <summary>
/// Streaming story clustering. Articles are added one at a time, normally in publication order (late
/// ones are fine); each joins an open story or starts a new one: a dated article the story its
/// <see cref="ClusterOptions.Verifier"/> finds most probable (if probable enough), an undated one (or any, without a
/// verifier) the best-scoring story when its score reaches the join threshold. The score is the cosine
/// of TF-IDF vectors (article against the story's centroid, with document frequencies counted as the
/// stream goes), times a time decay on the distance between the article's day and the story's span,
/// times a penalty when both name specific places and share none. When an article scores high with
/// two stories they merge: the older id survives and the merge is recorded. Story ids are the id of the
/// story's first article with a <c>story-</c> prefix and never change; <see cref="Resolve"/> maps an
/// absorbed id to its survivor. Stories that got no article for <see cref="ClusterOptions.CloseAfterDays"/>
/// are closed and their vectors freed, so memory is bounded by the open window, not the stream.
/// Not thread-safe.
/// </summary>
public sealed class StoryClusterer(ClusterOptions? options = null)
{
    private sealed class StoryState(int index, string id)
    {
        public int Index { get; } = index;
        public string Id { get; } = id;
        public Dictionary<int, float> Centroid { get; } = [];
        // For a story with articles in several languages: a centroid per language, so that an article is
        // compared with the reports in its own language (a German report does not dilute the English ones).
        public Dictionary<string, Dictionary<int, float>>? ByLanguage;
        public HashSet<int> Persons { get; } = [];
        // What the story's facts say (EventClues) and the age terms of its articles: read by the verifier.
        public HashSet<int> Killed { get; } = [];
        public HashSet<int> Injured { get; } = [];
        public HashSet<int> EventDays { get; } = [];
        public HashSet<int> Ages { get; } = [];
        public HashSet<int> Times { get; } = [];
        // The five above, in the order the saved state holds them (a version 4 state holds the first four).
        public HashSet<int>[] ClueSets => [Killed, Injured, EventDays, Ages, Times];
        public HashSet<string> Places { get; } = new(StringComparer.Ordinal);
        public HashSet<string> Languages { get; } = new(StringComparer.Ordinal);
        public int Articles;
        // The story's article days, sorted and distinct: its first and last day are read off them.
        public int? FirstDay => Days.Count > 0 ? Days[0] : null;
        public int? LastDay => Days.Count > 0 ? Days[^1] : null;
        public List<int> Days { get; } = [];

        // Days from the nearest article of the story (0 when one was published that day).
        public int Gap(int day)
        {
            int i = Days.BinarySearch(day);
            if (i >= 0)
                return 0;
            i = ~i;
            int gap = int.MaxValue;
            if (i < Days.Count)
                gap = Days[i] - day;
            if (i > 0)
                gap = Math.Min(gap, day - Days[i - 1]);
            return gap;
        }

        // The per-language centroids, made on the first article in a second language (until then the
        // union is the one language's centroid).
        public Dictionary<string, Dictionary<int, float>> Split()
        {
            if (ByLanguage is null)
            {
                ByLanguage = new(StringComparer.Ordinal);
                if (Languages.Count > 0)
                    ByLanguage[Languages.First()] = new Dictionary<int, float>(Centroid);
            }
            return ByLanguage;
        }

        // A closed or absorbed story keeps only its id: its collections are emptied and shrunk.
        public void Free()
        {
            Centroid.Clear();
            Centroid.TrimExcess();
            ByLanguage = null;
            Lone = null;
            Persons.Clear();
            Persons.TrimExcess();
            foreach (var set in ClueSets)
            {
                set.Clear();
                set.TrimExcess();
            }
            Places.Clear();
            Places.TrimExcess();
            Languages.Clear();
            Languages.TrimExcess();
            Days.Clear();
            Days.TrimExcess();
        }

        public void AddDay(int day)
        {
            int i = Days.BinarySearch(day);
            if (i < 0)
                Days.Insert(~i, day);
        }
        public bool Closed;
        // The signals of the story's only article while it waits for its second look (ClusterOptions.SecondLookThreshold).
        public ArticleSignals? Lone;
        public double Norm;
        public int NormDocuments;
    }

    private readonly List<StoryState> _stories = [];
    private readonly List<int> _parent = [];
    private readonly Dictionary<int, List<int>> _postings = [];
    private readonly List<int> _df = [];
    private readonly List<StoryMerge> _merges = [];
    private int _documents;
    private int _latestDay = int.MinValue;
    private int _sinceSweep;

    public ClusterOptions Options { get; } = options ?? ClusterOptions.Default;

    /// <summary>The term ids the signals given to <see cref="Add"/> must use (part of the saved state).</summary>
    public TermTable Terms { get; private set; } = new();

    /// <summary>Articles added so far.</summary>
    public int Documents => _documents;

    /// <summary>Stories started so far (merged ones included).</summary>
    public int StoryCount => _stories.Count;

    /// <summary>Stories still open to new articles.</summary>
    public int OpenStories { get; private set; }

    /// <summary>The merges so far, in order.</summary>
    public IReadOnlyList<StoryMerge> Merges => _merges;

    /// <summary>Adds one article; returns its story.</summary>
    public ClusterDecision Add(ArticleSignals article)
    {
        _documents++;
        // Full names count their articles too (they are no terms of the vectors: their counts only tell which are rare).
        foreach (int t in article.Terms.Concat(article.Persons.Where(IsFullName)))
        {
            while (_df.Count <= t)
                _df.Add(0);
            _df[t]++;
        }
        if (article.Day is int today && today > _latestDay)
            _latestDay = today;

        var (weights, vector) = Vectorize(article);
        var scored = ScoreCandidates(article, weights, vector, exclude: null);
        StoryState target;
        bool created = false;
        double best = scored.Count > 0 ? scored[0].Score : 0;
        double mergeBar = Options.MergeThreshold / Options.JoinThreshold;
        var merged = new List<string>();
        // A dated article goes where the verifier puts it (its candidates are also shown to an observer); without a
        // verifier's choice the join threshold decides, among undated stories only where the verifier spoke.
        var verifier = article.Day is not null ? Options.Verifier : null;
        bool verifying = verifier is not null;
        var chosen = article.Day is not null && (verifying || CandidateObserver is not null) ? Verify(verifier, article, vector, scored) : null;
        chosen ??= scored.FirstOrDefault(c => c.Score >= 1 && !(verifying && c.Story.Days.Count > 0)).Story;
        if (chosen is not null)
        {
            target = chosen;
            if (best >= mergeBar)
            {
                // Where the verifier decides, it must also accept the story merged in: two stories alike in words but
                // with other tolls or days stay apart when a third report reads like both.
                foreach (var (other, s, _, _) in scored)
                {
                    if (s < mergeBar)
                        break;
                    if (Find(other.Index) == Find(target.Index) || (verifying && !_accepted.Contains(other)))
                        continue;
                    var (survivor, absorbed) = other.Index < target.Index ? (other, target) : (target, other);
                    Merge(survivor, absorbed, article.Id);
                    merged.Add(absorbed.Id);
                    target = survivor;
                }
            }
        }
        else
        {
            target = new StoryState(_stories.Count, "story-" + article.Id);
            _stories.Add(target);
            _parent.Add(target.Index);
            OpenStories++;
            created = true;
            if (article.Day is not null && Options.Verifier is not null && Options.SecondLookThreshold > 0)
            {
                target.Lone = article;
                _lonely.Enqueue(target.Index);
            }
        }
        Absorb(target, article);
        if (++_sinceSweep >= 2000)
            Sweep();
        LookBack(Options.SecondLookDays);
        return new ClusterDecision(article.Id, target.Id, created, best * Options.JoinThreshold, merged);
    }

    // The article's TF-IDF vector: its weights aligned with its terms, and as arrays with each term's idf.
    private (double[] Weights, ArticleVector Vector) Vectorize(ArticleSignals article)
    {
        var weights = Weigh(article);
        var map = new Dictionary<int, double>(article.Terms.Length);
        for (int i = 0; i < article.Terms.Length; i++)
            map[article.Terms[i]] = weights[i];
        // The vector as arrays in the map's order, each term's idf computed once for all candidates (not once per
        // candidate sharing it): the same values summed in the same order, so scores are exactly as before.
        var vector = new ArticleVector(new int[map.Count], new double[map.Count], new double[map.Count]);
        int k = 0;
        foreach (var (term, y) in map)
        {
            vector.Terms[k] = term;
            vector.Values[k] = y;
            vector.Idfs[k++] = Idf(term);
        }
        return (weights, vector);
    }

    // The candidate stories of the article (but `exclude`) with their scores, best first.
    private List<Scored> ScoreCandidates(ArticleSignals article, double[] weights, ArticleVector vector, StoryState? exclude)
    {
        // Scores are relative to the story's bar (1 = exactly at the join threshold), so that stories in
        // another language, which have a lower bar, compete fairly with same-language ones.
        var scored = new List<Scored>();
        bool farCosine = article.Day is not null && Options.Verifier is not null && Options.VerifierFarCosine > 0;
        foreach (var story in Candidates(article, weights))
        {
            if (story == exclude)
                continue;
            // A story that cannot reach its bar even with a perfect cosine (one far away in time, typically) is not
            // scored: neither a join nor a merge could come of it.
            var fit = FitOf(article, story);
            double bar = Bar(story, fit);
            // (Where the verifier decides, a dated story that close in words is scored however far it is: it may still take it.)
            bool reachable = Adjust(MaxCosine, fit) >= bar;
            if (!reachable && !(farCosine && story.Days.Count > 0))
                continue;
            double cosine = Cosine(vector, story, article.Language);
            if (!reachable && !IsFarEnough(cosine))
                continue;
            double s = cosine > 0 ? Adjust(cosine, fit) : 0;
            if (s > 0)
                scored.Add(new Scored(story, s / bar, fit, cosine));
        }
        // Equal scores go to the older story, so that the order never depends on the order of the candidates.
        scored.Sort((a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Story.Index.CompareTo(b.Story.Index));
        return scored;
    }

    /// <summary>
    /// Gives every story still waiting for its second look (<see cref="ClusterOptions.SecondLookThreshold"/>) that look
    /// now, however recent its article: for the end of a batch, when no later article will come. Returns the merges made.
    /// </summary>
    public int Flush() => LookBack(int.MinValue);

    // Stories of one article started at least `days` days before the latest article get their second look (all of them
    // for int.MinValue), oldest first. Returns the merges made.
    private int LookBack(int days)
    {
        int merges = 0;
        while (_lonely.TryPeek(out int index))
        {
            var story = _stories[index];
            if (story.Lone is { Day: int day } article)
            {
                if (days != int.MinValue && (long)_latestDay - day < days)
                    break;
                story.Lone = null;
                if (SecondLook(story, article))
                    merges++;
            }
            _lonely.Dequeue();
        }
        return merges;
    }

    // The stories waiting for their second look, in the order they started (their Lone is null once they are past it).
    private readonly Queue<int> _lonely = new();

    // The second look of a story of one article: the article put to the verifier again, against the stories as they are
    // now (those started after it included), with the second look's threshold; the story merges into the one it accepts.
    private bool SecondLook(StoryState story, ArticleSignals article)
    {
        // (A state saved under other options can hold waiting stories: without a verifier or with second looks off, none merges.)
        if (story.Closed || Find(story.Index) != story.Index || Options.Verifier is not { } verifier || Options.SecondLookThreshold <= 0)
            return false;
        var (weights, vector) = Vectorize(article);
        var scored = ScoreCandidates(article, weights, vector, exclude: story);
        if (Verify(verifier, article, vector, scored, Options.SecondLookThreshold) is not { } chosen)
            return false;
        var (survivor, absorbed) = chosen.Index < story.Index ? (chosen, story) : (story, chosen);
        Merge(survivor, absorbed, article.Id);
        return true;
    }

    /// <summary>
    /// Called for each dated article with the verifier's features of each candidate story it was put to (story id,
    /// features in <see cref="StoryVerifier.FeatureNames"/> order), before the article joins one: what
    /// <see cref="StoryVerifierTraining"/> learns from. Null (the default) costs nothing.
    /// </summary>
    public Action<ArticleSignals, IReadOnlyList<(string Story, double[] Features)>>? CandidateObserver { get; set; }

    // The verifier's choice among the scored candidates (sorted, best first): the dated story it gives the highest
    // probability at or above its threshold, else null. Without a verifier (an observer only) it only reports the
    // candidates' features.
    private StoryState? Verify(StoryVerifier? verifier, ArticleSignals article, ArticleVector vector, List<Scored> scored, double? threshold = null)
    {
        StoryState? chosen = null;
        double bar = threshold ?? verifier?.Threshold ?? 1;
        double bestP = bar;
        _accepted.Clear();
        var observed = CandidateObserver is null ? null : new List<(string, double[])>();
        Span<double> x = stackalloc double[StoryVerifier.FeatureNames.Count];
        int[] ages = [.. article.Terms.Where(IsAgeTerm)];
        for (int i = 0; i < scored.Count; i++)
        {
            var story = scored[i].Story;
            if (story.Days.Count == 0 || scored[i].Score < Options.VerifierMinScore && !IsFarEnough(scored[i].Cosine))
                continue;
            Features(article, vector, ages, scored, i, x);
            observed?.Add((story.Id, x.ToArray()));
            if (verifier is null)
                continue;
            double p = verifier.Probability(x);
            if (p >= bar)
                _accepted.Add(story);
            if (p >= bestP)
            {
                bestP = p;
                chosen = story;
            }
        }
        if (observed is not null)
            CandidateObserver!(article, observed);
        return chosen;
    }

    // The stories the verifier accepted for the article being added (any may be merged into its story).
    private readonly List<StoryState> _accepted = [];

    // The verifier's features of candidate i (StoryVerifier.FeatureNames order).
    // ages: the article's age terms.
    private void Features(ArticleSignals article, ArticleVector vector, int[] ages, List<Scored> scored, int i, Span<double> x)
    {
        var (story, score, fit, cosine) = scored[i];
        // The best score among the other candidates (scored is sorted, best first).
        double other = i > 0 ? scored[0].Score : scored.Count > 1 ? scored[1].Score : 0;
        var centroid = CentroidFor(story, article.Language);
        int rare = 0;
        for (int k = 0; k < vector.Terms.Length; k++)
        {
            if (_df[vector.Terms[k]] <= RareTermDocuments && centroid.ContainsKey(vector.Terms[k]))
                rare++;
        }
        var clues = article.EventClues;
        bool sameAge = ages.Any(story.Ages.Contains);
        x[0] = score * Options.JoinThreshold;
        x[1] = cosine;
        x[2] = Math.Log(1 + fit.Gap);
        x[3] = fit.SharePlace == true ? 1 : 0;
        x[4] = fit.SharePlace == false ? 1 : 0;
        x[5] = fit.ShareStreet ? 1 : 0;
        x[6] = Math.Min(3, fit.SharedNames);
        x[7] = Math.Log(Math.Max(1, story.Articles));
        x[8] = i == 0 ? 1 : 0;
        x[9] = (score - other) * Options.JoinThreshold;
        (x[10], x[11]) = Agreement(clues.Killed, story.Killed);
        (x[12], x[13]) = Agreement(clues.Injured, story.Injured);
        (x[14], x[15]) = Agreement(clues.Days, story.EventDays);
        x[16] = sameAge ? 1 : 0;
        x[17] = ages.Length > 0 && story.Ages.Count > 0 && !sameAge ? 1 : 0;
        x[18] = Math.Log(1 + rare);
        (x[19], x[20]) = Agreement(clues.Times, story.Times, TimeTolerance);
        x[21] = Math.Min(2, fit.SharedFullNames);
    }

    // A term in at most this many articles so far is rare (the verifier counts the rare terms article and story share).
    private const int RareTermDocuments = 5;

    // (1, 0) when the article and the story share a value; (0, 1) when both have values and share none; else (0, 0).
    private static (double Same, double Other) Agreement(int[] article, HashSet<int> story)
    {
        if (article.Length == 0 || story.Count == 0)
            return (0, 0);
        foreach (int v in article)
        {
            if (story.Contains(v))
                return (1, 0);
        }
        return (0, 1);
    }

    // Agreement of times of day (minutes), two times within `tolerance` minutes of each other (across midnight) counting as one.
    private static (double Same, double Other) Agreement(int[] article, HashSet<int> story, int tolerance)
    {
        if (article.Length == 0 || story.Count == 0)
            return (0, 0);
        foreach (int v in article)
        {
            foreach (int w in story)
            {
                int d = Math.Abs(v - w);
                if (Math.Min(d, 1440 - d) <= tolerance)
                    return (1, 0);
            }
        }
        return (0, 1);
    }

    // Minutes apart at which two times of day still count as one ("about 10 p.m." and "10:15 p.m."). GVA BCubed with the
    // verifier retrained: 0 minutes 0.941, 15 0.943, 30 and 60 0.942.
    private const int TimeTolerance = 15;

    private bool IsAgeTerm(int term) => Terms.Terms[term].StartsWith(StorySignals.AgeTermPrefix, StringComparison.Ordinal);

    private static Dictionary<int, float> CentroidFor(StoryState story, string language) =>
        story.ByLanguage is { } by && by.TryGetValue(language, out var own) ? own : story.Centroid;

    // The join bar: lower for an article in a language the story has no article in yet.
    private double Bar(StoryState story, Fit fit) =>
        story.Languages.Count > 0 && !fit.SameLanguage ? Options.JoinThreshold * Options.CrossLanguageFactor : Options.JoinThreshold;

    /// <summary>The surviving id of a story id (itself unless it was merged away).</summary>
    public string Resolve(string storyId)
    {
        // Story ids are unique; a small map from absorbed id to index keeps this O(1) after merges.
        return _byId.TryGetValue(storyId, out int index) ? _stories[Find(index)].Id : storyId;
    }

    private readonly Dictionary<string, int> _byId = new(StringComparer.Ordinal);

    private double Idf(int term) => Math.Log((_documents + 1.0) / (_df[term] + 1.0)) + 1.0;

    // The article's TF-IDF vector, unit length, aligned with article.Terms.
    private double[] Weigh(ArticleSignals a)
    {
        var v = new double[a.Terms.Length];
        double norm = 0;
        for (int i = 0; i < v.Length; i++)
        {
            v[i] = a.Weights[i] * Idf(a.Terms[i]);
            norm += v[i] * v[i];
        }
        norm = Math.Sqrt(norm);
        if (norm > 0)
        {
            for (int i = 0; i < v.Length; i++)
                v[i] /= norm;
        }
        return v;
    }

    // Open stories that share the article's heaviest terms, those sharing most first, at most MaxCandidates.
    // Terms in more than a twentieth of all articles, or held by more than MaxLookupStories open stories, look up
    // nothing (once there are enough articles to tell): the work per article stays bounded as the stream grows.
    private List<StoryState> Candidates(ArticleSignals a, double[] vector)
    {
        // Shared-term counts per story in an array indexed by story (zeroed again after use), and the stories hit.
        if (_hitCounts.Length < _stories.Count)
            Array.Resize(ref _hitCounts, Math.Max(_stories.Count, 2 * _hitCounts.Length));
        var hit = _hitStories;
        hit.Clear();
        var order = Enumerable.Range(0, a.Terms.Length).OrderByDescending(i => vector[i]).Take(Options.LookupTerms);
        foreach (int i in order)
        {
            int term = a.Terms[i];
            if (_documents > 1000 && _df[term] > _documents / 20)
                continue;
            if (!_postings.TryGetValue(term, out var list) || (_documents > 1000 && list.Count > Options.MaxLookupStories))
                continue;
            foreach (int s in list)
            {
                int root = Find(s);
                if (_stories[root].Closed)
                    continue;
                if (_hitCounts[root]++ == 0)
                    hit.Add(root);
            }
        }
        int max = Options.MaxCandidates;
        var result = new List<StoryState>(Math.Min(hit.Count, max));
        if (hit.Count <= max)
        {
            foreach (int story in hit)
                result.Add(_stories[story]);
        }
        else
        {
            // Those sharing most lookup terms, the newer story first among equals (their order does not matter: the
            // scores are sorted with a tie-break). In linear time: the count at which the cut falls, then those above
            // it and the newest at it.
            int top = 0;
            foreach (int story in hit)
                top = Math.Max(top, _hitCounts[story]);
            var atLeast = new int[top + 2];
            foreach (int story in hit)
                atLeast[_hitCounts[story]]++;
            for (int c = top - 1; c >= 0; c--)
                atLeast[c] += atLeast[c + 1];
            int cut = top;
            while (atLeast[cut] < max)
                cut--;
            var atCut = new List<int>();
            foreach (int story in hit)
            {
                if (_hitCounts[story] > cut)
                    result.Add(_stories[story]);
                else if (_hitCounts[story] == cut)
                    atCut.Add(story);
            }
            atCut.Sort();
            for (int k = atCut.Count - 1; k >= 0 && result.Count < max; k--)
                result.Add(_stories[atCut[k]]);
        }
        foreach (int story in hit)
            _hitCounts[story] = 0;
        return result;
    }

    private int[] _hitCounts = new int[64];
    private readonly List<int> _hitStories = [];

    private sealed record ArticleVector(int[] Terms, double[] Values, double[] Idfs);

    // How an article stands to a story apart from their words, read before the dot product: the days between them,
    // whether the slower follow-up decay may apply (they share rare names), whether both name gazetteer places and share
    // one, and whether they name a street in common.
    private readonly record struct Fit(int Gap, bool FollowUp, bool? SharePlace, bool SameLanguage, bool ShareStreet, int SharedNames, int SharedFullNames);

    // A candidate story as scored for an article: its score relative to its bar, how they stand apart from their words,
    // and their plain cosine.
    private readonly record struct Scored(StoryState Story, double Score, Fit Fit, double Cosine);

    // Whether a candidate below the verifier's least score is still put to it (VerifierFarCosine).
    private bool IsFarEnough(double cosine) => Options.VerifierFarCosine > 0 && cosine >= Options.VerifierFarCosine;

    private static bool IsStreet(string p) => p.StartsWith(StorySignals.StreetTermPrefix, StringComparison.Ordinal);

    private Fit FitOf(ArticleSignals a, StoryState story)
    {
        bool shareStreet = a.Places.Any(p => IsStreet(p) && story.Places.Contains(p));
        var (shared, sharedFull) = SharedRareNames(a, story);
        return new(
            a.Day is int day && story.Days.Count > 0 ? story.Gap(day) : 0,
            Options.FollowUpTimeScaleDays > 0
                && (shared >= Options.FollowUpNames || shared >= Options.FollowUpNamesWithStreet && (shareStreet || Options.FollowUpAgeWithPlace && ShareAge(a, story) && SharesTown(a, story))),
            a.Places.Any(p => !IsStreet(p)) && story.Places.Any(p => !IsStreet(p)) ? SharesTown(a, story) : null,
            story.Languages.Contains(a.Language),
            shareStreet,
            shared,
            sharedFull);
    }

    // The cosine is at most 1, or a little more while a story's cached norm lags the document frequencies (it is
    // recomputed once they moved on by a tenth: each idf is then at most 1 + ln 1.1 < 1.1 times the one in the norm).
    private const double MaxCosine = 1.1;

    // The plain cosine of the article with the story (its centroid in the article's language, where it keeps one).
    private double Cosine(ArticleVector vector, StoryState story, string language)
    {
        var centroid = CentroidFor(story, language);
        double dot = 0;
        for (int i = 0; i < vector.Terms.Length; i++)
        {
            if (centroid.TryGetValue(vector.Terms[i], out float w))
                dot += w * vector.Idfs[i] * vector.Values[i];
        }
        if (dot == 0)
            return 0;
        double norm = ReferenceEquals(centroid, story.Centroid) ? StoryNorm(story) : Norm(centroid);
        return norm == 0 ? 0 : dot / norm;
    }

    // The cosine with time decay and the place penalty or bonus; grows with the cosine.
    private double Adjust(double cosine, Fit fit)
    {
        double scale = fit.FollowUp && cosine >= Options.FollowUpMinScore
            ? Math.Max(Options.TimeScaleDays, Options.FollowUpTimeScaleDays) : Options.TimeScaleDays;
        double score = cosine / Math.Pow(1 + fit.Gap / scale, Options.DecayPower);
        if (fit.SharePlace == false)
            score *= Options.PlaceMismatch;
        else if (fit.SharePlace == true && fit.Gap <= Options.PlaceDays)
            score += Options.PlaceBonus + (fit.SameLanguage ? 0 : Options.CrossLanguagePlaceBonus);
        if (fit.ShareStreet && fit.Gap <= Options.StreetDays)
            score += Options.StreetBonus;
        return score;
    }

    // Whether the article names an age (StorySignals.AgeTermPrefix) the story's terms hold.
    private bool ShareAge(ArticleSignals a, StoryState story)
    {
        foreach (int t in a.Terms)
        {
            if (IsAgeTerm(t) && story.Centroid.ContainsKey(t))
                return true;
        }
        return false;
    }

    private static bool SharesTown(ArticleSignals a, StoryState story) => a.Places.Any(p => !IsStreet(p) && story.Places.Contains(p));

    // The rare words of person names and the rare full names ("#per:shawn johnson") article and story share.
    private (int Words, int FullNames) SharedRareNames(ArticleSignals a, StoryState story)
    {
        int words = 0, full = 0;
        foreach (int t in a.Persons)
        {
            if (story.Persons.Contains(t) && t < _df.Count && _df[t] <= Options.RareNameDocuments)
            {
                if (IsFullName(t))
                    full++;
                else
                    words++;
            }
        }
        return (words, full);
    }

    private bool IsFullName(int term) => Terms.Terms[term].StartsWith(StorySignals.FullNamePrefix, StringComparison.Ordinal);

    private double Norm(Dictionary<int, float> centroid)
    {
        double norm = 0;
        foreach (var (term, w) in centroid)
        {
            double x = w * Idf(term);
            norm += x * x;
        }
        return Math.Sqrt(norm);
    }

    // The length of the story's TF-IDF vector, cached; recomputed when the story changed or the
    // document frequencies moved on by a tenth since.
    private double StoryNorm(StoryState story)
    {
        if (story.NormDocuments > 0 && _documents <= story.NormDocuments * 1.1)
            return story.Norm;
        story.Norm = Norm(story.Centroid);
        story.NormDocuments = _documents;
        return story.Norm;
    }

    private void Absorb(StoryState story, ArticleSignals a)
    {
        story.NormDocuments = 0;
        if (story.Articles > 0)
            story.Lone = null;
        story.Persons.UnionWith(a.Persons);
        var clues = a.EventClues;
        story.Killed.UnionWith(clues.Killed);
        story.Injured.UnionWith(clues.Injured);
        story.EventDays.UnionWith(clues.Days);
        story.Times.UnionWith(clues.Times);
        foreach (int t in a.Terms)
        {
            if (IsAgeTerm(t))
                story.Ages.Add(t);
        }
        _byId.TryAdd(story.Id, story.Index);
        story.Articles++;
        Dictionary<int, float>? own = null;
        if (story.ByLanguage is not null || (story.Languages.Count > 0 && !story.Languages.Contains(a.Language)))
        {
            var by = story.Split();
            if (!by.TryGetValue(a.Language, out own))
                by[a.Language] = own = [];
        }
        for (int i = 0; i < a.Terms.Length; i++)
        {
            int t = a.Terms[i];
            if (!story.Centroid.TryGetValue(t, out float w))
                Post(t, story.Index);
            story.Centroid[t] = w + a.Weights[i];
            if (own is not null)
                own[t] = own.GetValueOrDefault(t) + a.Weights[i];
        }
        story.Places.UnionWith(a.Places);
        story.Languages.Add(a.Language);
        if (a.Day is int day)
            story.AddDay(day);
        Trim(story);
    }

    private void Post(int term, int story)
    {
        if (!_postings.TryGetValue(term, out var list))
            _postings[term] = list = [];
        list.Add(story);
    }

    // Keeps the story's heaviest terms (by centroid weight times idf) once it holds twice the cap.
    private void Trim(StoryState story)
    {
        Trim(story.Centroid);
        if (story.ByLanguage is { } by)
        {
            foreach (var centroid in by.Values)
                Trim(centroid);
        }
    }

    private void Trim(Dictionary<int, float> centroid)
    {
        if (centroid.Count <= 2 * Options.MaxStoryTerms)
            return;
        var keep = centroid.OrderByDescending(kv => kv.Value * Idf(kv.Key)).Take(Options.MaxStoryTerms).Select(kv => kv.Key).ToHashSet();
        foreach (var term in centroid.Keys.Where(t => !keep.Contains(t)).ToList())
            centroid.Remove(term);
    }

    private void Merge(StoryState survivor, StoryState absorbed, string byArticle)
    {
        survivor.NormDocuments = 0;
        survivor.Lone = absorbed.Lone = null;
        survivor.Persons.UnionWith(absorbed.Persons);
        var survivorClues = survivor.ClueSets;
        var absorbedClues = absorbed.ClueSets;
        for (int k = 0; k < survivorClues.Length; k++)
            survivorClues[k].UnionWith(absorbedClues[k]);
        _parent[absorbed.Index] = survivor.Index;
        foreach (var (term, w) in absorbed.Centroid)
        {
            if (!survivor.Centroid.TryGetValue(term, out float have))
                Post(term, survivor.Index);
            survivor.Centroid[term] = have + w;
        }
        if (survivor.ByLanguage is not null || absorbed.ByLanguage is not null || !survivor.Languages.SetEquals(absorbed.Languages))
        {
            var into = survivor.Split();
            foreach (var (language, centroid) in absorbed.Split())
            {
                if (!into.TryGetValue(language, out var target))
                    into[language] = target = [];
                foreach (var (term, w) in centroid)
                    target[term] = target.GetValueOrDefault(term) + w;
            }
        }
        survivor.Articles += absorbed.Articles;
        survivor.Places.UnionWith(absorbed.Places);
        survivor.Languages.UnionWith(absorbed.Languages);
        foreach (int day in absorbed.Days)
            survivor.AddDay(day);
        absorbed.Free();
        absorbed.Closed = true;
        OpenStories--;
        _merges.Add(new StoryMerge(survivor.Id, absorbed.Id, byArticle));
        Trim(survivor);
    }

    private const int StateVersion = 6;

    /// <summary>Writes the whole state (terms, frequencies, stories, merges) so that a later process can go on where this one stopped.</summary>
    public void Save(Stream stream)
    {
        using var gz = new System.IO.Compression.GZipStream(stream, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true);
        using var w = new BinaryWriter(gz, System.Text.Encoding.UTF8, leaveOpen: true);
        w.Write("lagebild-stories");
        w.Write(StateVersion);
        w.Write(_documents);
        w.Write(_latestDay);
        w.Write(Terms.Count);
        for (int t = 0; t < Terms.Count; t++)
        {
            w.Write(Terms.Terms[t]);
            w.Write(t < _df.Count ? _df[t] : 0);
        }
        w.Write(_stories.Count);
        foreach (var st in _stories)
        {
            w.Write(st.Id);
            w.Write(_parent[st.Index]);
            w.Write(st.Closed);
            w.Write(st.Articles);
            w.Write(st.FirstDay ?? int.MinValue);
            w.Write(st.LastDay ?? int.MinValue);
            w.Write(st.Days.Count);
            foreach (int d in st.Days)
                w.Write(d);
            w.Write(st.Places.Count);
            foreach (var p in st.Places)
                w.Write(p);
            w.Write(st.Languages.Count);
            foreach (var l in st.Languages)
                w.Write(l);
            w.Write(st.Centroid.Count);
            foreach (var (term, weight) in st.Centroid)
            {
                w.Write(term);
                w.Write(weight);
            }
            w.Write(st.Persons.Count);
            foreach (int term in st.Persons)
                w.Write(term);
            foreach (var set in st.ClueSets)
            {
                w.Write(set.Count);
                foreach (int v in set)
                    w.Write(v);
            }
            w.Write(st.ByLanguage?.Count ?? 0);
            foreach (var (language, centroid) in st.ByLanguage ?? [])
            {
                w.Write(language);
                w.Write(centroid.Count);
                foreach (var (term, weight) in centroid)
                {
                    w.Write(term);
                    w.Write(weight);
                }
            }
            w.Write(st.Lone is not null);
            if (st.Lone is { } lone)
                WriteSignals(w, lone);
        }
        w.Write(_merges.Count);
        foreach (var m in _merges)
        {
            w.Write(m.Survivor);
            w.Write(m.Absorbed);
            w.Write(m.ByArticle);
        }
    }

    // The signals of an article waiting for its second look (dated: only those wait).
    private static void WriteSignals(BinaryWriter w, ArticleSignals a)
    {
        w.Write(a.Id);
        w.Write(a.Day ?? int.MinValue);
        w.Write(a.Language);
        Ints(a.Terms);
        foreach (float x in a.Weights)
            w.Write(x);
        w.Write(a.Places.Length);
        foreach (var p in a.Places)
            w.Write(p);
        Ints(a.Persons);
        var clues = a.EventClues;
        Ints(clues.Killed);
        Ints(clues.Injured);
        Ints(clues.Days);
        Ints(clues.Times);

        void Ints(int[] values)
        {
            w.Write(values.Length);
            foreach (int v in values)
                w.Write(v);
        }
    }

    private static ArticleSignals ReadSignals(BinaryReader r)
    {
        var id = r.ReadString();
        int day = r.ReadInt32();
        var language = r.ReadString();
        var terms = Ints();
        var weights = new float[terms.Length];
        for (int k = 0; k < weights.Length; k++)
            weights[k] = r.ReadSingle();
        var places = new string[Count()];
        for (int k = 0; k < places.Length; k++)
            places[k] = r.ReadString();
        var persons = Ints();
        var clues = new EventClues(Ints(), Ints(), Ints(), Ints());
        return new ArticleSignals(id, day == int.MinValue ? null : day, terms, weights, places, language, persons, clues);

        // A waiting article holds at most a few hundred of each (StorySignals.MaxTerms): more is a damaged state, not one to allocate.
        int Count()
        {
            int n = r.ReadInt32();
            return n is >= 0 and <= 1_000_000 ? n : throw new InvalidDataException($"a waiting article's count {n} is out of range");
        }

        int[] Ints()
        {
            var values = new int[Count()];
            for (int k = 0; k < values.Length; k++)
                values[k] = r.ReadInt32();
            return values;
        }
    }

    /// <summary>Reads a state written by <see cref="Save"/>; the options are the caller's.</summary>
    /// <exception cref="InvalidDataException">The data is not a story state of this version.</exception>
    public static StoryClusterer Load(Stream stream, ClusterOptions? options = null)
    {
        try
        {
            using var gz = new System.IO.Compression.GZipStream(stream, System.IO.Compression.CompressionMode.Decompress, leaveOpen: true);
            using var r = new BinaryReader(gz, System.Text.Encoding.UTF8, leaveOpen: true);
            if (r.ReadString() != "lagebild-stories")
                throw new InvalidDataException("not a story state");
            int version = r.ReadInt32();
            if (version is < 1 or > StateVersion)
                throw new InvalidDataException($"story state version {version} is not one this build reads (1–{StateVersion})");
            var c = new StoryClusterer(options);
            c._documents = r.ReadInt32();
            c._latestDay = r.ReadInt32();
            int terms = r.ReadInt32();
            for (int t = 0; t < terms; t++)
            {
                c.Terms.Intern(r.ReadString());
                c._df.Add(r.ReadInt32());
            }
            int stories = r.ReadInt32();
            for (int i = 0; i < stories; i++)
            {
                var st = new StoryState(i, r.ReadString());
                c._stories.Add(st);
                c._parent.Add(r.ReadInt32());
                st.Closed = r.ReadBoolean();
                st.Articles = r.ReadInt32();
                r.ReadInt32(); // first and last day: kept in the format, read off the days below
                r.ReadInt32();
                int days = r.ReadInt32();
                for (int k = 0; k < days; k++)
                    st.Days.Add(r.ReadInt32());
                int places = r.ReadInt32();
                for (int k = 0; k < places; k++)
                    st.Places.Add(r.ReadString());
                int languages = r.ReadInt32();
                for (int k = 0; k < languages; k++)
                    st.Languages.Add(r.ReadString());
                int weights = r.ReadInt32();
                for (int k = 0; k < weights; k++)
                    st.Centroid[r.ReadInt32()] = r.ReadSingle();
                int persons = version >= 2 ? r.ReadInt32() : 0;
                for (int k = 0; k < persons; k++)
                    st.Persons.Add(r.ReadInt32());
                if (version >= 4)
                {
                    foreach (var set in st.ClueSets.Take(version >= 5 ? 5 : 4))
                    {
                        int count = r.ReadInt32();
                        for (int k = 0; k < count; k++)
                            set.Add(r.ReadInt32());
                    }
                }
                int byLanguage = version >= 3 ? r.ReadInt32() : 0;
                for (int k = 0; k < byLanguage; k++)
                {
                    var centroid = new Dictionary<int, float>();
                    (st.ByLanguage ??= new(StringComparer.Ordinal))[r.ReadString()] = centroid;
                    int n = r.ReadInt32();
                    for (int e = 0; e < n; e++)
                        centroid[r.ReadInt32()] = r.ReadSingle();
                }
                if (version >= 6 && r.ReadBoolean())
                {
                    st.Lone = ReadSignals(r);
                    c._lonely.Enqueue(i);
                }
                c._byId[st.Id] = i;
                if (!st.Closed)
                    c.OpenStories++;
            }
            int merges = r.ReadInt32();
            for (int i = 0; i < merges; i++)
                c._merges.Add(new StoryMerge(r.ReadString(), r.ReadString(), r.ReadString()));
            foreach (var st in c._stories.Where(s => !s.Closed))
            {
                foreach (int term in st.Centroid.Keys)
                    c.Post(term, st.Index);
            }
            return c;
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or ArgumentException)
        {
            throw new InvalidDataException("the story state is damaged: " + e.Message, e);
        }
    }

    private int Find(int x)
    {
        while (_parent[x] != x)
        {
            _parent[x] = _parent[_parent[x]];
            x = _parent[x];
        }
        return x;
    }

    // Closes stories that fell out of the window and drops closed stories from the postings.
    private void Sweep()
    {
        _sinceSweep = 0;
        if (_latestDay == int.MinValue)
            return;
        foreach (var story in _stories)
        {
            if (!story.Closed && story.LastDay is int last && _latestDay - last > Options.CloseAfterDays)
            {
                story.Closed = true;
                story.Free();
                OpenStories--;
            }
        }
        foreach (var (term, list) in _postings.ToList())
        {
            list.RemoveAll(s => _stories[Find(s)].Closed);
            if (list.Count == 0)
                _postings.Remove(term);
        }
    }
}
