using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Lagebild.Ingest;
using Lagebild.Model;
using Microsoft.Data.Sqlite;

namespace Lagebild.Storage;

/// <summary>
/// The default <see cref="IArticleStore"/>: one SQLite file (WAL journal, foreign keys on),
/// created with its directory on first use and migrated to the current schema on open.
/// Duplicate lookup runs in SQL against persisted signatures (exact text hash, MinHash band
/// keys), so it works across runs and processes without loading the store into memory.
/// <para>Thread-safety: every member takes an internal lock, so one instance may be shared by
/// threads (calls are serialised; use one instance per thread for parallel reads). Several
/// processes may open the same file: readers never block, and a writer waits up to 5 s for
/// another process's write transaction before failing with <see cref="StoreException"/>.</para>
/// <para>Durability: <c>synchronous=NORMAL</c> in WAL mode: a crash of the process loses
/// nothing committed; a power failure may lose the last transactions, never corrupt the file.</para>
/// </summary>
public sealed class SqliteStore : IArticleStore
{
    /// <summary>Milliseconds a writer waits for another connection's lock.</summary>
    private const int BusyTimeoutMs = 5000;

    // Near-duplicate candidates come from DuplicateIndex.BandKeys, the banding the in-memory index
    // uses, so both find the same candidates. The keys are persisted: changing them needs a
    // migration that rebuilds minhash_bands.
    private static readonly byte[] SqliteHeader = "SQLite format 3\0"u8.ToArray();
    
    private readonly object _gate = new();
    private readonly string _path;
    private readonly TimeProvider _clock;
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _findExisting;
    private readonly SqliteCommand _findExact;
    private readonly SqliteCommand _findNear;
    private readonly SqliteCommand _insertArticle;
    private readonly SqliteCommand _updateArticle;
    private readonly SqliteCommand _deleteFacts;
    private readonly SqliteCommand _deleteBands;
    private readonly SqliteCommand _insertFact;
    private readonly SqliteCommand _insertBand;
    private readonly SqliteCommand _insertEntity;
    private readonly SqliteCommand _deleteEntities;
    private readonly SqliteCommand _indexTerms;
    private readonly SqliteCommand _unindexTerms;
    private readonly SqliteCommand[] _writeCommands;
    private bool _disposed;

    private SqliteStore(string path, TimeProvider clock, SqliteConnection connection, int schemaVersion)
    {
        _path = path;
        _clock = clock;
        _connection = connection;
        SchemaVersion = schemaVersion;

        _findExisting = Command("""
            SELECT a.seq, a.content_hash, a.duplicate_of, a.similarity,
                   EXISTS (SELECT 1 FROM articles c WHERE c.duplicate_of = a.id)
            FROM articles a WHERE a.id = $id
            """, "$id");
        _findExact = Command("""
            SELECT id FROM articles
            WHERE text_hash = $hash AND duplicate_of IS NULL AND seq <> $self
            ORDER BY seq LIMIT 1
            """, "$hash", "$self");
        _findNear = Command("""
            SELECT seq, id, minhash FROM articles
            WHERE seq IN (SELECT article FROM minhash_bands
                          WHERE band_key IN ($b0, $b1, $b2, $b3, $b4, $b5, $b6, $b7, $b8, $b9, $b10, $b11, $b12, $b13, $b14, $b15))
              AND duplicate_of IS NULL AND seq <> $self
            ORDER BY seq
            """, [.. Enumerable.Range(0, DuplicateIndex.Bands).Select(b => "$b" + b.ToString(CultureInfo.InvariantCulture)), "$self"]);
        _insertArticle = Command("""
            INSERT INTO articles (id, title, published, published_start, published_precision, url, source, author,
                                  language, origin, format, text, content_hash, text_hash, minhash,
                                  agencies, credits, captions, duplicate_of, similarity, ingested_at)
            VALUES ($id, $title, $published, $published_start, $published_precision, $url, $source, $author,
                    $language, $origin, $format, $text, $content_hash, $text_hash, $minhash,
                    $agencies, $credits, $captions, $duplicate_of, $similarity, $ingested_at)
            RETURNING seq
            """, ArticleParameters);
        _updateArticle = Command("""
            UPDATE articles SET id = $id, title = $title, published = $published, published_start = $published_start,
                published_precision = $published_precision, url = $url, source = $source, author = $author,
                language = $language, origin = $origin, format = $format, text = $text, content_hash = $content_hash,
                text_hash = $text_hash, minhash = $minhash, agencies = $agencies, credits = $credits, captions = $captions,
                duplicate_of = $duplicate_of, similarity = $similarity, ingested_at = $ingested_at
            WHERE seq = $seq
            """, [.. ArticleParameters, "$seq"]);
        _deleteFacts = Command("DELETE FROM facts WHERE article = $seq", "$seq");
        _deleteBands = Command("DELETE FROM minhash_bands WHERE article = $seq", "$seq");
        _insertFact = Command("""
            INSERT INTO facts (article, ordinal, kind, count_value, count_qualifier, additional, cumulative,
                               place_name, place_country, place_lat, place_lon, place_id,
                               time_text, time_date, time_date_start, time_date_precision, time_precision,
                               source_text, source_cue, sentence, evidence_start, evidence_end,
                               count_start, count_end, trigger_start, trigger_end, in_title)
            VALUES ($article, $ordinal, $kind, $count_value, $count_qualifier, $additional, $cumulative,
                    $place_name, $place_country, $place_lat, $place_lon, $place_id,
                    $time_text, $time_date, $time_date_start, $time_date_precision, $time_precision,
                    $source_text, $source_cue, $sentence, $evidence_start, $evidence_end,
                    $count_start, $count_end, $trigger_start, $trigger_end, $in_title)
            """, "$article", "$ordinal", "$kind", "$count_value", "$count_qualifier", "$additional", "$cumulative",
            "$place_name", "$place_country", "$place_lat", "$place_lon", "$place_id",
            "$time_text", "$time_date", "$time_date_start", "$time_date_precision", "$time_precision",
            "$source_text", "$source_cue", "$sentence", "$evidence_start", "$evidence_end",
            "$count_start", "$count_end", "$trigger_start", "$trigger_end", "$in_title");
        _insertBand = Command("INSERT OR IGNORE INTO minhash_bands (band_key, article) VALUES ($key, $article)", "$key", "$article");
        _insertEntity = Command("""
            INSERT INTO article_entities (article, ordinal, entity_id, type, name, aliases, mentions, place_id, country, lat, lon, level)
            VALUES ($article, $ordinal, $id, $type, $name, $aliases, $mentions, $place_id, $country, $lat, $lon, $level)
            """, "$article", "$ordinal", "$id", "$type", "$name", "$aliases", "$mentions", "$place_id", "$country", "$lat", "$lon", "$level");
        _deleteEntities = Command("DELETE FROM article_entities WHERE article = $seq", "$seq");
        _indexTerms = Command("INSERT INTO search_index(rowid, terms) VALUES ($seq, $terms)", "$seq", "$terms");
        _unindexTerms = Command("DELETE FROM search_index WHERE rowid = $seq", "$seq");
        _writeCommands = [_findExisting, _findExact, _findNear, _insertArticle, _updateArticle, _deleteFacts, _deleteBands, _insertFact, _insertBand, _insertEntity, _deleteEntities, _indexTerms, _unindexTerms];
    }

    private static readonly string[] ArticleParameters =
    [
        "$id", "$title", "$published", "$published_start", "$published_precision", "$url", "$source", "$author",
        "$language", "$origin", "$format", "$text", "$content_hash", "$text_hash", "$minhash",
        "$agencies", "$credits", "$captions", "$duplicate_of", "$similarity", "$ingested_at",
    ];

    /// <inheritdoc/>
    public int SchemaVersion { get; }

    /// <summary>The store file, as given to <see cref="Open(string, TimeProvider?)"/>.</summary>
    public string Path => _path;

    /// <summary>
    /// Opens the store at <paramref name="path"/>, creating the file and its directory if
    /// missing and migrating an older schema (in one transaction; another process opening the
    /// same file at the same time waits for it).
    /// </summary>
    /// <param name="path">The store file.</param>
    /// <param name="clock">Source of <see cref="StoredArticle.IngestedAt"/>; <see cref="TimeProvider.System"/> by default.</param>
    /// <exception cref="StoreException">The file is not a Lagebild store, its schema is newer than this
    /// build knows, a migration failed, or the file or directory cannot be opened or created.</exception>
    public static SqliteStore Open(string path, TimeProvider? clock = null) =>
        Open(path, clock ?? TimeProvider.System, SqliteSchema.Migrations);

    /// <summary>Opens with an explicit migration list (tests exercise upgrades with it).</summary>
    internal static SqliteStore Open(string path, TimeProvider clock, IReadOnlyList<SqliteMigration> migrations)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(clock);
        for (int i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
                throw new InvalidOperationException($"migration {i} has version {migrations[i].Version}, expected {i + 1}");
        }

        string full;
        try
        {
            full = System.IO.Path.GetFullPath(path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new StoreException($"{path} is not a valid store path: {ex.Message}", ex);
        }
        if (Directory.Exists(full))
            throw new StoreException($"{path} is a directory, not a Lagebild store file");
        string? dir = System.IO.Path.GetDirectoryName(full);
        try
        {
            if (!string.IsNullOrEmpty(dir))
                Directory.CreateDirectory(dir);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"cannot create the directory of store {path}: {ex.Message}", ex);
        }
        CheckHeader(full, path);

        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // The store holds its one connection for its lifetime; pooling would keep the file
            // open after Dispose and leave the WAL un-checkpointed.
            Pooling = false,
            ForeignKeys = true,
            DefaultTimeout = BusyTimeoutMs / 1000,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            // Wait for other processes' locks instead of failing at once (PRAGMAs take no parameters; a code constant).
            Execute(connection, null, "PRAGMA busy_timeout = " + BusyTimeoutMs.ToString(CultureInfo.InvariantCulture));
            int version = Migrate(connection, path, migrations);
            return new SqliteStore(path, clock, connection, version);
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw Translate(ex, path, "opening");
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Refuses files that are not SQLite before SQLite touches them (an empty file is a new store).</summary>
    private static void CheckHeader(string full, string path)
    {
        if (!File.Exists(full))
            return;
        try
        {
            using var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (stream.Length == 0)
                return;
            Span<byte> head = stackalloc byte[SqliteHeader.Length];
            int read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            if (read < head.Length || !head.SequenceEqual(SqliteHeader))
                throw new StoreException($"{path} is not a Lagebild store (not an SQLite database)");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"cannot read store {path}: {ex.Message}", ex);
        }
    }

    /// <summary>Checks that the file is ours, then runs the missing migration steps. Returns the resulting version.</summary>
    private static int Migrate(SqliteConnection connection, string path, IReadOnlyList<SqliteMigration> migrations)
    {
        int latest = migrations.Count;
        long appId = Scalar(connection, null, "PRAGMA application_id");
        int version = (int)Scalar(connection, null, "PRAGMA user_version");
        bool empty = Scalar(connection, null, "SELECT count(*) FROM sqlite_schema") == 0;
        // A fresh file has no id and no tables; anything else without our id belongs to another program.
        if (appId != SqliteSchema.ApplicationId && !(appId == 0 && version == 0 && empty))
            throw new StoreException($"{path} is not a Lagebild store (an SQLite database of another program)");
        if (version > latest)
            throw Newer(version, latest);

        // journal_mode cannot change inside a transaction; WAL lets readers run beside a writer.
        Execute(connection, null, "PRAGMA journal_mode = WAL");
        Execute(connection, null, "PRAGMA synchronous = NORMAL");
        // A 64 MiB page cache (SQLite's default is 2 MiB) and a checkpoint every 32 MiB of WAL (default 4 MiB): in a
        // large store each batch touches index pages all over the file; keeping them in memory and copying a page
        // rewritten by several batches back once per checkpoint, not once per batch, made ingest of 100,000
        // articles 10-15 % faster (commit and duplicate probe), for about 70 MiB more memory.
        Execute(connection, null, "PRAGMA cache_size = -65536");
        Execute(connection, null, "PRAGMA wal_autocheckpoint = 8192");
        if (version == latest)
            return version;

        // BEGIN IMMEDIATE: of two processes opening an old store together, one migrates and the
        // other waits, then finds the work done when it re-reads the version.
        using var tx = connection.BeginTransaction(deferred: false);
        version = (int)Scalar(connection, tx, "PRAGMA user_version");
        if (version > latest)
            throw Newer(version, latest);
        foreach (var step in migrations)
        {
            if (step.Version <= version)
                continue;
            try
            {
                step.Apply(connection, tx);
            }
            catch (SqliteException ex)
            {
                throw new StoreException(
                    $"store {path}: migration to schema version {step.Version} ({step.Description}) failed: {StoreRows.OneLine(ex.Message)}", ex);
            }
            // PRAGMAs take no parameters; the value is a version number from this code, not input.
            Execute(connection, tx, "PRAGMA user_version = " + step.Version.ToString(CultureInfo.InvariantCulture));
        }
        Execute(connection, tx, "PRAGMA application_id = " + SqliteSchema.ApplicationId.ToString(CultureInfo.InvariantCulture));
        tx.Commit();
        return latest;

        static StoreException Newer(int version, int latest) =>
            new($"store schema version {version} is newer than this lagebild (knows {latest}); upgrade lagebild");
    }

    /// <inheritdoc/>
    public AddResult Add(Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return AddRange([document])[0];
    }

    /// <inheritdoc/>
    public IReadOnlyList<AddResult> AddRange(IEnumerable<Document> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            SqliteTransaction? tx = null;
            try
            {
                // IMMEDIATE: take the write lock up front, so the busy timeout applies; a deferred
                // transaction that reads first cannot wait for a lock upgrade and fails at once.
                tx = _connection.BeginTransaction(deferred: false);
                foreach (var cmd in _writeCommands)
                    cmd.Transaction = tx;
                var results = new List<AddResult>();
                foreach (var document in documents)
                    results.Add(AddOne(document));
                tx.Commit();
                return results;
            }
            catch (SqliteException ex)
            {
                throw Translate(ex, _path, "writing");
            }
            finally
            {
                foreach (var cmd in _writeCommands)
                    cmd.Transaction = null;
                tx?.Dispose(); // rolls back unless committed
            }
        }
    }

    private AddResult AddOne(Document document)
    {
        if (document is null)
            throw new ArgumentNullException(nameof(document), "a batch holds a null document");
        var article = document.Article;
        if (string.IsNullOrWhiteSpace(article.Id))
            throw new ArgumentException($"article from {article.Origin} has a blank id", nameof(document));

        // Change detection uses the exact bytes: fact offsets point into this text, so even a
        // whitespace edit (same normalised hash) must replace the facts.
        var digest = StoreDigest.Of(document);
        byte[] content = digest.Content;
        var existing = FindExisting(article.Id);
        if (existing is { } e && e.ContentHash.AsSpan().SequenceEqual(content))
            return new AddResult(article.Id, AddStatus.Unchanged, e.DuplicateOf, e.Similarity);

        ulong exact = digest.Exact;
        ulong[] signature = digest.Signature;
        // An original that has copies stays an original, so a copy never points at a copy.
        var match = existing is { HasCopies: true } ? null : FindDuplicate(exact, signature, digest.BandKeys, existing?.Seq ?? 0);
        var now = _clock.GetUtcNow();

        if (match is { } copyOf)
        {
            long seq = WriteArticle(existing?.Seq, document, content, exact, null, copyOf.Id, copyOf.Similarity, now);
            if (existing is not null)
                DeleteDependents(seq);
            InsertFacts(seq, document, headlineOnly: true);
            return new AddResult(article.Id, AddStatus.Duplicate, copyOf.Id, copyOf.Similarity);
        }

        long self = WriteArticle(existing?.Seq, document, content, exact, signature, null, 0, now);
        if (existing is not null)
            DeleteDependents(self);
        InsertFacts(self, document);
        InsertEntities(self, digest.Entities);
        IndexTerms(self, digest.SearchTerms);
        InsertBands(self, digest.BandKeys);
        return new AddResult(article.Id, existing is null ? AddStatus.Stored : AddStatus.Updated);
    }

    private sealed record Existing(long Seq, byte[] ContentHash, string? DuplicateOf, double Similarity, bool HasCopies);

    private Existing? FindExisting(string id)
    {
        Set(_findExisting, "$id", id);
        using var r = _findExisting.ExecuteReader();
        if (!r.Read())
            return null;
        return new Existing(r.GetInt64(0), (byte[])r.GetValue(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetDouble(3), r.GetInt64(4) != 0);
    }

    /// <summary>The earliest original with the same normalised text, else the most similar near duplicate (earliest on ties).</summary>
    private (string Id, double Similarity)? FindDuplicate(ulong exact, ulong[] signature, long[] keys, long self)
    {
        Set(_findExact, "$hash", unchecked((long)exact));
        Set(_findExact, "$self", self);
        if (_findExact.ExecuteScalar() is string exactId)
            return (exactId, 1.0);
        if (signature.Length == 0)
            return null;

        for (int b = 0; b < DuplicateIndex.Bands; b++)
            _findNear.Parameters[b].Value = keys[b];
        Set(_findNear, "$self", self);
        string? best = null;
        double bestSimilarity = 0;
        using var r = _findNear.ExecuteReader();
        while (r.Read())
        {
            if (r.IsDBNull(2))
                continue;
            double similarity = DuplicateIndex.Similarity(signature, StoreRows.DecodeSignature((byte[])r.GetValue(2)));
            // Rows come in seq order, so ">" keeps the earliest of equally similar originals.
            if (similarity >= DuplicateIndex.NearThreshold && similarity > bestSimilarity)
            {
                best = r.GetString(1);
                bestSimilarity = similarity;
            }
        }
        return best is null ? null : (best, bestSimilarity);
    }

    private long WriteArticle(long? seq, Document document, byte[] content, ulong exact, ulong[]? signature,
        string? duplicateOf, double similarity, DateTimeOffset now)
    {
        var cmd = seq is null ? _insertArticle : _updateArticle;
        var a = document.Article;
        var (published, publishedStart, publishedPrecision) = StoreRows.DateParts(a.Published);
        Set(cmd, "$id", a.Id);
        Set(cmd, "$title", a.Title);
        Set(cmd, "$published", published);
        Set(cmd, "$published_start", StoreRows.Printed(publishedStart));
        Set(cmd, "$published_precision", publishedPrecision);
        Set(cmd, "$url", a.Url);
        Set(cmd, "$source", a.Source);
        Set(cmd, "$author", a.Author);
        Set(cmd, "$language", document.Language);
        Set(cmd, "$origin", a.Origin);
        Set(cmd, "$format", a.Format);
        Set(cmd, "$text", duplicateOf is null ? a.Text : null);
        Set(cmd, "$content_hash", content);
        Set(cmd, "$text_hash", unchecked((long)exact));
        Set(cmd, "$minhash", signature is { Length: > 0 } ? StoreRows.EncodeSignature(signature) : null);
        Set(cmd, "$agencies", StoreRows.Json(document.Agencies));
        Set(cmd, "$credits", StoreRows.Json(document.Credits));
        Set(cmd, "$captions", StoreRows.Json(document.Captions));
        Set(cmd, "$duplicate_of", duplicateOf);
        Set(cmd, "$similarity", similarity);
        Set(cmd, "$ingested_at", now.ToUniversalTime().ToString("o", CultureInfo.InvariantCulture));
        if (seq is long existing)
        {
            Set(cmd, "$seq", existing);
            cmd.ExecuteNonQuery();
            return existing;
        }
        return (long)cmd.ExecuteScalar()!;
    }

    private void DeleteDependents(long seq)
    {
        Set(_deleteFacts, "$seq", seq);
        _deleteFacts.ExecuteNonQuery();
        Set(_deleteBands, "$seq", seq);
        _deleteBands.ExecuteNonQuery();
        Set(_deleteEntities, "$seq", seq);
        _deleteEntities.ExecuteNonQuery();
        Set(_unindexTerms, "$seq", seq);
        _unindexTerms.ExecuteNonQuery();
    }

    private void IndexTerms(long seq, string terms)
    {
        Set(_indexTerms, "$seq", seq);
        Set(_indexTerms, "$terms", terms);
        _indexTerms.ExecuteNonQuery();
    }

    /// <inheritdoc/>
    public IReadOnlyList<(string ArticleId, double Score)> Search(IReadOnlyList<IReadOnlyList<string>> terms, SearchFilter filter, int limit)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(filter);
        if (terms.Count == 0 || terms.Any(g => g.Count == 0))
            return [];
        return Read(() =>
        {
            using var cmd = _connection.CreateCommand();
            var where = new List<string> { "search_index MATCH $match" };
            // Every term quoted: the query language of FTS5 never sees user syntax.
            cmd.Parameters.AddWithValue("$match", string.Join(" AND ", terms.Select(g => "(" + string.Join(" OR ", g.Distinct().Select(t => "\"" + t.Replace("\"", "\"\"") + "\"")) + ")")));
            if (filter.From is { } from)
            {
                where.Add("a.published_start >= $from");
                cmd.Parameters.AddWithValue("$from", from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }
            if (filter.To is { } to)
            {
                where.Add("a.published_start <= $to");
                cmd.Parameters.AddWithValue("$to", to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }
            if (filter.Kind is { } kind)
            {
                where.Add("EXISTS (SELECT 1 FROM facts f WHERE f.article = a.seq AND f.kind = $kind)");
                cmd.Parameters.AddWithValue("$kind", FactKinds.Name(kind));
            }
            if (!string.IsNullOrWhiteSpace(filter.Source))
            {
                where.Add("(a.source LIKE $source OR EXISTS (SELECT 1 FROM facts f WHERE f.article = a.seq AND f.source_text LIKE $source))");
                cmd.Parameters.AddWithValue("$source", "%" + filter.Source.Trim() + "%");
            }
            if (!string.IsNullOrWhiteSpace(filter.Place))
            {
                where.Add("""
                    (EXISTS (SELECT 1 FROM facts f WHERE f.article = a.seq AND (f.place_name LIKE $place OR f.place_id = $placeId))
                     OR EXISTS (SELECT 1 FROM article_entities e WHERE e.article = a.seq AND e.type = 'LOC' AND (e.name LIKE $place OR e.place_id = $placeId OR e.aliases LIKE $placeAlias)))
                    """);
                cmd.Parameters.AddWithValue("$place", filter.Place.Trim());
                cmd.Parameters.AddWithValue("$placeId", filter.Place.Trim());
                cmd.Parameters.AddWithValue("$placeAlias", "%\"" + filter.Place.Trim() + "\"%");
            }
            if (!string.IsNullOrWhiteSpace(filter.Entity))
            {
                where.Add("EXISTS (SELECT 1 FROM article_entities e WHERE e.article = a.seq AND (e.name LIKE $entity OR e.aliases LIKE $entityAlias))");
                cmd.Parameters.AddWithValue("$entity", "%" + filter.Entity.Trim() + "%");
                cmd.Parameters.AddWithValue("$entityAlias", "%" + filter.Entity.Trim() + "%");
            }
            cmd.CommandText = $"""
                SELECT a.id, bm25(search_index) AS score FROM search_index JOIN articles a ON a.seq = search_index.rowid
                WHERE {string.Join(" AND ", where)}
                ORDER BY score, a.published_start DESC, a.id LIMIT $limit
                """;
            cmd.Parameters.AddWithValue("$limit", Math.Max(1, limit));
            using var r = cmd.ExecuteReader();
            var hits = new List<(string, double)>();
            while (r.Read())
                hits.Add((r.GetString(0), -r.GetDouble(1)));
            return (IReadOnlyList<(string, double)>)hits;
        });
    }

    private void InsertEntities(long seq, IReadOnlyList<StoreDigest.EntityRow>? entities)
    {
        if (entities is null)
            return;
        for (int i = 0; i < entities.Count; i++)
        {
            var e = entities[i].Entity;
            Set(_insertEntity, "$article", seq);
            Set(_insertEntity, "$ordinal", i);
            Set(_insertEntity, "$id", e.Id);
            Set(_insertEntity, "$type", e.Type);
            Set(_insertEntity, "$name", e.Name);
            Set(_insertEntity, "$aliases", entities[i].AliasesJson);
            Set(_insertEntity, "$mentions", entities[i].MentionsJson);
            Set(_insertEntity, "$place_id", e.Place?.Id);
            Set(_insertEntity, "$country", e.Place?.Country);
            Set(_insertEntity, "$lat", e.Place?.Lat);
            Set(_insertEntity, "$lon", e.Place?.Lon);
            Set(_insertEntity, "$level", e.Place?.Level.ToString().ToLowerInvariant());
            _insertEntity.ExecuteNonQuery();
        }
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, IReadOnlyList<Lagebild.Linking.Entity>> Entities(string? articleId = null, string? entityId = null) => Read(() =>
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = $"""
            SELECT {StoreRows.EntityColumns}
            FROM article_entities e JOIN articles a ON a.seq = e.article
            WHERE ($article IS NULL OR a.id = $article) AND ($entity IS NULL OR e.entity_id = $entity)
            ORDER BY a.seq, e.ordinal
            """;
        cmd.Parameters.AddWithValue("$article", (object?)articleId ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$entity", (object?)entityId ?? DBNull.Value);
        using var r = cmd.ExecuteReader();
        return StoreRows.ReadEntities(r);
    });

    // A copy keeps only its headline's facts: its body's are the original's, its headline is its own.
    private void InsertFacts(long seq, Document document, bool headlineOnly = false)
    {
        var cmd = _insertFact;
        for (int i = 0; i < document.Facts.Count; i++)
        {
            var f = document.Facts[i];
            if (headlineOnly && !f.InTitle)
                continue;
            Set(cmd, "$article", seq);
            Set(cmd, "$ordinal", i);
            Set(cmd, "$kind", FactKinds.Name(f.Kind));
            Set(cmd, "$count_value", f.Count.Value);
            Set(cmd, "$count_qualifier", FactKinds.Name(f.Count.Qualifier));
            Set(cmd, "$additional", f.Additional);
            Set(cmd, "$cumulative", f.Cumulative);
            Set(cmd, "$place_name", f.Place?.Name);
            Set(cmd, "$place_country", f.Place?.Country);
            Set(cmd, "$place_lat", f.Place?.Lat);
            Set(cmd, "$place_lon", f.Place?.Lon);
            Set(cmd, "$place_id", f.Place?.Id);
            var (date, dateStart, datePrecision) = StoreRows.DateParts(f.Time?.Resolved);
            Set(cmd, "$time_text", f.Time?.Text);
            Set(cmd, "$time_date", date);
            Set(cmd, "$time_date_start", StoreRows.Printed(dateStart));
            Set(cmd, "$time_date_precision", datePrecision);
            Set(cmd, "$time_precision", f.Time is { } t ? PartialDate.PrecisionName(t.Precision) : null);
            Set(cmd, "$source_text", f.Source?.Text);
            Set(cmd, "$source_cue", f.Source?.Cue);
            Set(cmd, "$sentence", document.Slice(f, f.Evidence));
            Set(cmd, "$evidence_start", f.Evidence.Start);
            Set(cmd, "$evidence_end", f.Evidence.End);
            Set(cmd, "$count_start", f.CountSpan.Start);
            Set(cmd, "$count_end", f.CountSpan.End);
            Set(cmd, "$trigger_start", f.TriggerSpan.Start);
            Set(cmd, "$trigger_end", f.TriggerSpan.End);
            Set(cmd, "$in_title", f.InTitle ? 1 : 0);
            cmd.ExecuteNonQuery();
        }
    }

    private void InsertBands(long seq, long[] keys)
    {
        // Short texts have no signature and no keys: they are matched exactly only.
        Set(_insertBand, "$article", seq);
        foreach (long key in keys)
        {
            Set(_insertBand, "$key", key);
            _insertBand.ExecuteNonQuery();
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<StoredArticle> Articles() => Read(() =>
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = ArticleSelect + " ORDER BY published_start IS NULL, published_start, id";
        using var r = cmd.ExecuteReader();
        var list = new List<StoredArticle>();
        while (r.Read())
            list.Add(StoreRows.ReadArticle(r, _path));
        return list;
    });

    /// <inheritdoc/>
    public StoredArticle? Article(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Read(() =>
        {
            using var cmd = _connection.CreateCommand();
            cmd.CommandText = ArticleSelect + " WHERE id = $id";
            cmd.Parameters.AddWithValue("$id", id);
            using var r = cmd.ExecuteReader();
            return r.Read() ? StoreRows.ReadArticle(r, _path) : null;
        });
    }

    /// <inheritdoc/>
    public IReadOnlyList<StoredFact> Facts(string? articleId = null) => Read(() =>
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = FactSelect
            + (articleId is null ? "" : " WHERE a.id = $id")
            + " ORDER BY a.published_start IS NULL, a.published_start, a.id, f.evidence_start, f.ordinal";
        if (articleId is not null)
            cmd.Parameters.AddWithValue("$id", articleId);
        using var r = cmd.ExecuteReader();
        var list = new List<StoredFact>();
        while (r.Read())
            list.Add(StoreRows.ReadFact(r, _path));
        return list;
    });

    /// <inheritdoc/>
    public StoreCounts Counts() => Read(() =>
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = """
            SELECT (SELECT count(*) FROM articles WHERE duplicate_of IS NULL),
                   (SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL),
                   (SELECT count(*) FROM facts)
            """;
        using var r = cmd.ExecuteReader();
        r.Read();
        return new StoreCounts(r.GetInt32(0), r.GetInt32(1), r.GetInt32(2));
    });

    /// <inheritdoc/>
    public byte[]? StoryState() => Read(() =>
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = "SELECT data FROM story_state WHERE id = 1";
        return cmd.ExecuteScalar() as byte[];
    });

    /// <inheritdoc/>
    public long UpdateStories(Func<StoryLockView, StoryWrite?> update)
    {
        ArgumentNullException.ThrowIfNull(update);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                // IMMEDIATE: the write lock is the story lock; another process's update waits for it.
                using var tx = _connection.BeginTransaction(deferred: false);
                long generation;
                using (var cmd = _connection.CreateCommand())
                {
                    cmd.Transaction = tx;
                    cmd.CommandText = "SELECT generation FROM story_state WHERE id = 1";
                    generation = cmd.ExecuteScalar() is long g ? g : 0;
                }
                var write = update(new LockView(this, tx, generation));
                if (write is null)
                    return generation;
                WriteStories(tx, write, generation + 1);
                tx.Commit();
                return generation + 1;
            }
            catch (SqliteException ex)
            {
                throw Translate(ex, _path, "writing stories");
            }
        }
    }

    private sealed class LockView(SqliteStore store, SqliteTransaction tx, long generation) : StoryLockView
    {
        public long Generation => generation;

        public byte[]? State()
        {
            using var cmd = store._connection.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = "SELECT data FROM story_state WHERE id = 1";
            return cmd.ExecuteScalar() as byte[];
        }

        public IReadOnlySet<string> Clustered(IReadOnlyCollection<string> articleIds)
        {
            var found = new HashSet<string>(StringComparer.Ordinal);
            using var cmd = store._connection.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = "SELECT 1 FROM article_stories WHERE article = $a";
            var a = cmd.Parameters.Add("$a", SqliteType.Text);
            foreach (var id in articleIds)
            {
                a.Value = id;
                if (cmd.ExecuteScalar() is not null)
                    found.Add(id);
            }
            return found;
        }
    }

    private void WriteStories(SqliteTransaction tx, StoryWrite write, long generation)
    {
        using (var cmd = _connection.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = """
                INSERT INTO article_stories(article, story, printed, weekdays) VALUES ($a, $s, $p, $w)
                ON CONFLICT(article) DO UPDATE SET story = excluded.story, printed = excluded.printed, weekdays = excluded.weekdays
                """;
            var a = cmd.Parameters.Add("$a", SqliteType.Text);
            var st = cmd.Parameters.Add("$s", SqliteType.Text);
            var p = cmd.Parameters.Add("$p", SqliteType.Text);
            var w = cmd.Parameters.Add("$w", SqliteType.Text);
            foreach (var x in write.Assignments)
            {
                a.Value = x.ArticleId;
                st.Value = x.Story;
                p.Value = StoreRows.Printed(x.Printed) ?? (object)DBNull.Value;
                w.Value = StoreRows.Weekdays(x.Weekdays);
                cmd.ExecuteNonQuery();
            }
        }
        using (var cmd = _connection.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = "INSERT OR IGNORE INTO story_merges(survivor, absorbed, by_article) VALUES ($s, $a, $b)";
            var sv = cmd.Parameters.Add("$s", SqliteType.Text);
            var ab = cmd.Parameters.Add("$a", SqliteType.Text);
            var by = cmd.Parameters.Add("$b", SqliteType.Text);
            foreach (var m in write.Merges)
            {
                sv.Value = m.Survivor;
                ab.Value = m.Absorbed;
                by.Value = m.ByArticle;
                cmd.ExecuteNonQuery();
            }
        }
        using (var cmd = _connection.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = """
                INSERT INTO story_state(id, documents, data, generation) VALUES (1, $n, $d, $g)
                ON CONFLICT(id) DO UPDATE SET documents = excluded.documents, data = excluded.data, generation = excluded.generation
                """;
            cmd.Parameters.AddWithValue("$n", write.Assignments.Count);
            cmd.Parameters.AddWithValue("$d", write.State);
            cmd.Parameters.AddWithValue("$g", generation);
            cmd.ExecuteNonQuery();
        }
    }

    /// <inheritdoc/>
    public int StoryAssignmentCount() => Read(() => (int)Scalar(_connection, null, "SELECT count(*) FROM article_stories"));

    /// <inheritdoc/>
    public IReadOnlyList<StoryAssignment> StoryAssignments() => Read(() =>
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = "SELECT article, story, printed, weekdays FROM article_stories ORDER BY article";
        using var r = cmd.ExecuteReader();
        var list = new List<StoryAssignment>();
        while (r.Read())
        {
            list.Add(StoreRows.ReadAssignment(r));
        }
        return list;
    });

    /// <inheritdoc/>
    public IReadOnlyList<StoryMergeRecord> StoryMerges() => Read(() =>
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = "SELECT survivor, absorbed, by_article FROM story_merges ORDER BY seq";
        using var r = cmd.ExecuteReader();
        var list = new List<StoryMergeRecord>();
        while (r.Read())
            list.Add(new StoryMergeRecord(r.GetString(0), r.GetString(1), r.GetString(2)));
        return list;
    });

    /// <inheritdoc/>
    public IReadOnlyList<string> UnclusteredArticles() => Read(() =>
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = """
            SELECT a.id FROM articles a LEFT JOIN article_stories s ON s.article = a.id
            WHERE a.duplicate_of IS NULL AND s.article IS NULL
            ORDER BY a.published_start IS NULL, a.published_start, a.seq
            """;
        using var r = cmd.ExecuteReader();
        var list = new List<string>();
        while (r.Read())
            list.Add(r.GetString(0));
        return list;
    });

    private const string ArticleSelect = "SELECT " + StoreRows.ArticleColumns + " FROM articles";

    private const string FactSelect = "SELECT " + StoreRows.FactColumns + " FROM facts f JOIN articles a ON a.seq = f.article";

    private T Read<T>(Func<T> read)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                return read();
            }
            catch (SqliteException ex)
            {
                throw Translate(ex, _path, "reading");
            }
        }
    }

    private SqliteCommand Command(string sql, params string[] parameters)
    {
        var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        foreach (var name in parameters)
            cmd.Parameters.Add(new SqliteParameter { ParameterName = name, Value = DBNull.Value });
        cmd.Prepare();
        return cmd;
    }

    private static void Set(SqliteCommand cmd, string name, object? value) =>
        cmd.Parameters[name].Value = value ?? DBNull.Value;

    private static void Execute(SqliteConnection connection, SqliteTransaction? tx, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static long Scalar(SqliteConnection connection, SqliteTransaction? tx, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>A one-line message for an SQLite failure, naming the store and, where it helps, what to do.</summary>
    private static StoreException Translate(SqliteException ex, string path, string action) =>
        (ex.SqliteErrorCode & 0xFF) switch
        {
            5 or 6 => new StoreException($"store {path} is locked by another process (waited {BusyTimeoutMs / 1000} s while {action}); try again later", ex),
            8 => new StoreException($"store {path} is read-only", ex),
            10 => new StoreException($"store {path}: I/O error while {action}", ex),
            11 => new StoreException($"store {path} is damaged (database disk image is malformed)", ex),
            13 => new StoreException($"store {path}: disk full while {action}", ex),
            14 => new StoreException($"cannot open store {path} (check the path and its permissions)", ex),
            26 => new StoreException($"{path} is not a Lagebild store (not an SQLite database)", ex),
            _ => new StoreException($"store {path}: {action} failed: {StoreRows.OneLine(ex.Message)}", ex),
        };

    /// <summary>Closes the file. Idempotent; later calls on the store throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            _disposed = true;
            foreach (var cmd in _writeCommands)
                cmd.Dispose();
            _connection.Dispose();
        }
    }
}
