using Lagebild.Model;

namespace Lagebild.Storage;

/// <summary>
/// Persistent store of analysed articles: article metadata and text, their facts, and the
/// duplicate signatures that let a later run recognise copies of what is already stored.
/// <para><see cref="SqliteStore"/> is the default (one file); other backends (PostgreSQL)
/// implement the same contract, so callers depend on this interface only.</para>
/// <para>Duplicates: an article whose text equals an already stored original after
/// whitespace and case normalisation (exact), or whose MinHash similarity to one is at least
/// <see cref="Lagebild.Ingest.DuplicateIndex.NearThreshold"/> (near, e.g. wire copies of one
/// agency text), is kept as a link row only: its metadata and a pointer to the original, no
/// text, and only the facts of its own headline (<see cref="Lagebild.Model.Fact.InTitle"/>: a copied body
/// under another headline, such as a paywall page, still tells its headline's figures). Copies always
/// point at an original, never at another copy.</para>
/// <para>Errors: storage failures (locked, disk full, damaged file, newer schema) throw
/// <see cref="StoreException"/> with a one-line message; invalid arguments throw
/// <see cref="ArgumentException"/>. Implementations document their thread-safety.</para>
/// </summary>
public interface IArticleStore : IDisposable
{
    /// <summary>The schema version of the open store (after any migration on open).</summary>
    int SchemaVersion { get; }

    /// <summary>
    /// Stores one analysed article with its facts and duplicate signatures, in one transaction.
    /// <list type="bullet">
    /// <item><see cref="AddStatus.Stored"/>: a new original (text, facts and signatures written).</item>
    /// <item><see cref="AddStatus.Unchanged"/>: the id is stored with the same text; nothing is written
    /// (metadata changes alone do not count as a change).</item>
    /// <item><see cref="AddStatus.Duplicate"/>: the text duplicates a stored original; a link row
    /// is written (new, or replacing the id's earlier version). <see cref="AddResult.DuplicateOf"/>
    /// names the original.</item>
    /// <item><see cref="AddStatus.Updated"/>: the id was stored with another text; it now holds the
    /// new text as an original and its facts are replaced.</item>
    /// </list>
    /// </summary>
    /// <exception cref="ArgumentException">The document is null or its article id is blank.</exception>
    /// <exception cref="StoreException">The store cannot be written.</exception>
    AddResult Add(Document document);

    /// <summary>
    /// Adds many articles in one transaction, with the semantics of <see cref="Add"/> applied in
    /// order (a later document may duplicate an earlier one of the same batch). All or nothing:
    /// if any document fails, none of the batch is kept and the exception propagates.
    /// </summary>
    IReadOnlyList<AddResult> AddRange(IEnumerable<Document> documents);

    /// <summary>All articles, originals and duplicates, ordered by publication date (undated last), then id.</summary>
    IReadOnlyList<StoredArticle> Articles();

    /// <summary>The article with this id, or null.</summary>
    StoredArticle? Article(string id);

    /// <summary>
    /// Facts of one article, or of all articles when <paramref name="articleId"/> is null: in the
    /// article order of <see cref="Articles"/>, then by evidence start. Duplicates have only their headline's facts.
    /// </summary>
    IReadOnlyList<StoredFact> Facts(string? articleId = null);

    /// <summary>How many originals, duplicates and facts the store holds.</summary>
    StoreCounts Counts();

    /// <summary>The story clusterer's saved state (opaque bytes), or null before the first clustering.</summary>
    byte[]? StoryState();

    /// <summary>
    /// Runs one story update under the store's story lock, so that several writers (threads or processes) cluster
    /// one after another, each on the state the previous one wrote. <paramref name="update"/> is called inside a
    /// write transaction with a view of the current state (its generation, the state bytes, which articles already
    /// have a story) and returns what to write: assignments (new or replacing an article's earlier one), the merges
    /// so far (known ones are kept) and the new state, or null to write nothing. The write bumps the generation.
    /// If <paramref name="update"/> throws, nothing is written and the exception propagates.
    /// </summary>
    /// <returns>The generation of the state after the update.</returns>
    long UpdateStories(Func<StoryLockView, StoryWrite?> update);

    /// <summary>How many articles have a story (cheap: no rows are read).</summary>
    int StoryAssignmentCount();

    /// <summary>Every clustered article's assignment, story ids as assigned (resolve merges with <see cref="StoryMerges"/>).</summary>
    IReadOnlyList<StoryAssignment> StoryAssignments();

    /// <summary>The merges in the order they happened.</summary>
    IReadOnlyList<StoryMergeRecord> StoryMerges();

    /// <summary>
    /// Each original's normalised entities (analysed with the entity stages), by article id: of one article, or
    /// only the entities with one id (in every article that has it), or all when both are null.
    /// </summary>
    IReadOnlyDictionary<string, IReadOnlyList<Lagebild.Linking.Entity>> Entities(string? articleId = null, string? entityId = null);

    /// <summary>
    /// Full-text search over originals: articles holding, for every group of <paramref name="terms"/>, at least one
    /// of its terms (the alternatives of one query word, as <c>Search.SearchAnalyzer</c> makes them), best first
    /// (BM25), filtered; at most <paramref name="limit"/>.
    /// </summary>
    IReadOnlyList<(string ArticleId, double Score)> Search(IReadOnlyList<IReadOnlyList<string>> terms, SearchFilter filter, int limit);

    /// <summary>Ids of originals that have no story yet, in publication order (undated last).</summary>
    IReadOnlyList<string> UnclusteredArticles();
}

/// <summary>What search results must also satisfy; null members do not filter.</summary>
/// <param name="From">Published on or after (the first day of the publication period).</param>
/// <param name="To">Published on or before.</param>
/// <param name="Place">A place a fact or a place entity of the article names (name or gazetteer id).</param>
/// <param name="Entity">A person, place or organisation of the article (part of its name or another form).</param>
/// <param name="Kind">A kind of fact the article has.</param>
/// <param name="Source">The outlet, or a source a fact is attributed to (part of it).</param>
public sealed record SearchFilter(DateOnly? From = null, DateOnly? To = null, string? Place = null, string? Entity = null, FactKind? Kind = null, string? Source = null);

/// <summary>An article's story and the clues to the day it reports as of (see <c>Stories.ReportClues</c>).</summary>
/// <param name="ArticleId">The article.</param>
/// <param name="Story">Its story id as assigned.</param>
/// <param name="Printed">The latest full date the article prints within its publication period.</param>
/// <param name="Weekdays">The weekdays it names, ISO numbers (Monday 1).</param>
public sealed record StoryAssignment(string ArticleId, string Story, DateOnly? Printed, IReadOnlyList<int> Weekdays);

/// <summary>What a story update sees while it holds the store's story lock.</summary>
public interface StoryLockView
{
    /// <summary>How many story updates the store has seen (0 before the first): a writer whose state has this generation is current.</summary>
    long Generation { get; }

    /// <summary>The saved clusterer state, or null before the first update.</summary>
    byte[]? State();

    /// <summary>Of <paramref name="articleIds"/>, those that already have a story.</summary>
    IReadOnlySet<string> Clustered(IReadOnlyCollection<string> articleIds);
}

/// <summary>What a story update writes.</summary>
public sealed record StoryWrite(IReadOnlyList<StoryAssignment> Assignments, IReadOnlyList<StoryMergeRecord> Merges, byte[] State);

/// <summary>A recorded merge: <paramref name="Absorbed"/> continues as <paramref name="Survivor"/>.</summary>
public sealed record StoryMergeRecord(string Survivor, string Absorbed, string ByArticle);

/// <summary>What <see cref="IArticleStore.Add"/> did with an article.</summary>
public enum AddStatus
{
    /// <summary>New original: text, facts and signatures written.</summary>
    Stored,
    /// <summary>Same id and same text already stored; nothing written.</summary>
    Unchanged,
    /// <summary>Same id with changed text: text and facts replaced.</summary>
    Updated,
    /// <summary>A copy of a stored original: recorded as a link with its headline's facts, text and body facts not stored.</summary>
    Duplicate,
}

/// <summary>Outcome of adding one article.</summary>
/// <param name="Id">The article id.</param>
/// <param name="Status">What was done.</param>
/// <param name="DuplicateOf">The original this article copies, when it is (or already was) a duplicate.</param>
/// <param name="Similarity">Estimated similarity to <paramref name="DuplicateOf"/> (1 for exact copies), else 0.</param>
public sealed record AddResult(string Id, AddStatus Status, string? DuplicateOf = null, double Similarity = 0);

/// <summary>
/// An article as stored: the <see cref="Article"/> metadata, the detected language, and the
/// agencies, credits and captions found in its boilerplate. Duplicates have a null
/// <c>Text</c>, the id of their original in <c>DuplicateOf</c> and its <c>Similarity</c>.
/// <c>IngestedAt</c> is when the current version of the row was written (UTC).
/// </summary>
public sealed record StoredArticle(
    string Id,
    string? Title,
    PartialDate? Published,
    string? Url,
    string? Source,
    string? Author,
    string Language,
    string Origin,
    string Format,
    string? Text,
    IReadOnlyList<string> Agencies,
    IReadOnlyList<string> Credits,
    IReadOnlyList<string> Captions,
    string? DuplicateOf,
    double Similarity,
    DateTimeOffset IngestedAt)
{
    /// <summary>True for a link row that points at an original.</summary>
    public bool IsDuplicate => DuplicateOf is not null;
}

/// <summary>A stored fact with its article id and the text of its evidence sentence.</summary>
public sealed record StoredFact(string ArticleId, Fact Fact, string Sentence);

/// <summary>Sizes of a store.</summary>
/// <param name="Articles">Originals (articles whose text is stored).</param>
/// <param name="Duplicates">Link rows for copies.</param>
/// <param name="Facts">Facts stored: all of the originals', and the headline facts of copies.</param>
public sealed record StoreCounts(int Articles, int Duplicates, int Facts);
