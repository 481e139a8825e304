using System.Globalization;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Lagebild.Ingest;
using Lagebild.Model;
using Npgsql;
using NpgsqlTypes;

namespace Lagebild.Storage;

/// <summary>
/// An <see cref="IArticleStore"/> on a PostgreSQL server, selected by giving the store a connection string
/// (<c>postgres://user@host:5432/lagebild</c> or <c>Host=…;Database=…</c>, see <see cref="ArticleStores"/>). The
/// database is created when it does not exist and the user may create it; the schema is migrated on open
/// (<see cref="PostgresSchema"/>).
/// <para>Several writers: any number of processes may write to one database at once. Adding articles is
/// serialised by a transaction-scoped advisory lock (analysis, the expensive part, runs in each process beside the
/// others), so an id is stored once and a copy always finds its original, whichever process stored that; story
/// updates take a second lock (<see cref="UpdateStories"/>), so writers cluster one after another on one state.
/// Readers never wait for writers.</para>
/// <para>Thread-safety: one connection per store instance, every member takes an internal lock.</para>
/// <para>Durability: PostgreSQL's; a crash of the process loses nothing committed.</para>
/// </summary>
public sealed class PostgresStore : IArticleStore
{
    // Advisory lock keys ("LAGE" + a number): one for schema migration, one for article writes, one for stories.
    private const long SchemaLock = 0x4C414745_0001;
    private const long ArticleLock = 0x4C414745_0002;
    private const long StoryLock = 0x4C414745_0003;

    /// <summary>Seconds a writer waits for another writer's lock before failing.</summary>
    private const int LockTimeoutSeconds = 300;

    private readonly object _gate = new();
    private readonly string _name;
    private readonly TimeProvider _clock;
    private readonly NpgsqlConnection _connection;
    private bool _disposed;

    private PostgresStore(string name, TimeProvider clock, NpgsqlConnection connection, int schemaVersion)
    {
        _name = name;
        _clock = clock;
        _connection = connection;
        SchemaVersion = schemaVersion;
    }

    /// <inheritdoc/>
    public int SchemaVersion { get; }

    /// <summary>The server and database, for messages (never the password).</summary>
    public string Name => _name;

    /// <summary>
    /// Connects, creating the database if it is missing (and the user may), and migrates the schema (under an advisory
    /// lock: of several processes opening a new database together, one migrates and the others find the work done).
    /// </summary>
    /// <exception cref="StoreException">The server cannot be reached, the login fails, the database belongs to another
    /// program or has a newer schema, or a migration failed.</exception>
    public static PostgresStore Open(string connectionString, TimeProvider? clock = null) =>
        Open(connectionString, clock ?? TimeProvider.System, PostgresSchema.Migrations);

    internal static PostgresStore Open(string connectionString, TimeProvider clock, IReadOnlyList<PostgresMigration> migrations)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = Builder(connectionString);
        string name = DisplayName(builder);
        var connection = Connect(builder, name, createDatabase: true);
        try
        {
            int version = Migrate(connection, name, migrations);
            return new PostgresStore(name, clock, connection, version);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>A connection string builder from a keyword string or a <c>postgres://</c> URI.</summary>
    internal static NpgsqlConnectionStringBuilder Builder(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = ArticleStores.IsUri(connectionString)
                ? FromUri(new Uri(connectionString))
                : new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or UriFormatException or FormatException or KeyNotFoundException)
        {
            throw new StoreException($"not a valid PostgreSQL connection string: {StoreRows.OneLine(ex.Message)}", ex);
        }
        if (string.IsNullOrWhiteSpace(builder.Host))
            throw new StoreException("the PostgreSQL connection string names no host (Host=… or postgres://HOST/…)");
        builder.Database ??= "lagebild";
        builder.ApplicationName ??= "lagebild";
        builder.MaxAutoPrepare = 32;
        builder.Pooling = false;
        return builder;
    }

    private static NpgsqlConnectionStringBuilder FromUri(Uri uri)
    {
        var b = new NpgsqlConnectionStringBuilder { Host = uri.Host };
        if (!uri.IsDefaultPort && uri.Port > 0)
            b.Port = uri.Port;
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            b.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2)
                b.Password = Uri.UnescapeDataString(parts[1]);
        }
        string db = Uri.UnescapeDataString(uri.AbsolutePath.Trim('/'));
        if (db.Length > 0)
            b.Database = db;
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            string key = Uri.UnescapeDataString(kv[0]);
            string value = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "";
            b[key switch { "sslmode" => "SSL Mode", "application_name" => "Application Name", "connect_timeout" => "Timeout", _ => key }] = value;
        }
        return b;
    }

    internal static string DisplayName(NpgsqlConnectionStringBuilder b) =>
        $"postgres://{b.Host}:{b.Port.ToString(CultureInfo.InvariantCulture)}/{b.Database}";

    private static NpgsqlConnection Connect(NpgsqlConnectionStringBuilder builder, string name, bool createDatabase)
    {
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            connection.Open();
            // Statements are prepared while the tables are small; a generic plan made then (a sequential scan of an
            // empty table) would stay for the session. Plan each execution for the table as it is.
            Execute(connection, null, "SET plan_cache_mode = force_custom_plan");
            return connection;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidCatalogName && createDatabase)
        {
            connection.Dispose();
            CreateDatabase(builder, name);
            return Connect(builder, name, createDatabase: false);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or SocketException)
        {
            connection.Dispose();
            throw Translate(ex, name, "connecting");
        }
    }

    private static void CreateDatabase(NpgsqlConnectionStringBuilder builder, string name)
    {
        var admin = new NpgsqlConnectionStringBuilder(builder.ConnectionString) { Database = "postgres" };
        try
        {
            using var connection = new NpgsqlConnection(admin.ConnectionString);
            connection.Open();
            using var cmd = connection.CreateCommand();
            // An identifier cannot be a parameter; quote it (doubling quotes) so any name is one identifier.
            cmd.CommandText = "CREATE DATABASE \"" + builder.Database!.Replace("\"", "\"\"") + "\"";
            cmd.ExecuteNonQuery();
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Another process created it first.
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or SocketException)
        {
            throw new StoreException($"store {name}: the database does not exist and cannot be created ({StoreRows.OneLine(ex.Message)}); create it with `createdb {builder.Database}`", ex);
        }
    }

    private static int Migrate(NpgsqlConnection connection, string name, IReadOnlyList<PostgresMigration> migrations)
    {
        int latest = migrations.Count;
        try
        {
            using var tx = connection.BeginTransaction();
            Execute(connection, tx, $"SELECT pg_advisory_xact_lock({SchemaLock})");
            bool hasMeta = Scalar(connection, tx, "SELECT to_regclass('lagebild_meta') IS NOT NULL") is true;
            if (!hasMeta)
            {
                if (Scalar(connection, tx, "SELECT to_regclass('articles') IS NOT NULL") is true)
                    throw new StoreException($"{name} is not a Lagebild store (it has an articles table of another program)");
                Execute(connection, tx, "CREATE TABLE lagebild_meta (key text PRIMARY KEY, value text NOT NULL); INSERT INTO lagebild_meta VALUES ('schema_version', '0')");
            }
            int version = int.Parse((string)Scalar(connection, tx, "SELECT value FROM lagebild_meta WHERE key = 'schema_version'")!, CultureInfo.InvariantCulture);
            if (version > latest)
                throw new StoreException($"store schema version {version} is newer than this lagebild (knows {latest}); upgrade lagebild");
            foreach (var step in migrations)
            {
                if (step.Version <= version)
                    continue;
                try
                {
                    Execute(connection, tx, step.Sql);
                }
                catch (PostgresException ex)
                {
                    throw new StoreException($"store {name}: migration to schema version {step.Version} ({step.Description}) failed: {StoreRows.OneLine(ex.MessageText)}", ex);
                }
                Execute(connection, tx, "UPDATE lagebild_meta SET value = '" + step.Version.ToString(CultureInfo.InvariantCulture) + "' WHERE key = 'schema_version'");
            }
            tx.Commit();
            return latest;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            throw Translate(ex, name, "migrating");
        }
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
        return Write("writing", tx =>
        {
            Execute(_connection, tx, $"SELECT pg_advisory_xact_lock({ArticleLock})", LockTimeoutSeconds);
            var results = new List<AddResult>();
            foreach (var document in documents)
                results.Add(AddOne(tx, document));
            return results;
        });
    }

    private AddResult AddOne(NpgsqlTransaction tx, Document document)
    {
        if (document is null)
            throw new ArgumentNullException(nameof(document), "a batch holds a null document");
        var article = document.Article;
        if (string.IsNullOrWhiteSpace(article.Id))
            throw new ArgumentException($"article from {article.Origin} has a blank id", nameof(document));

        var digest = StoreDigest.Of(document);
        byte[] content = digest.Content;
        ulong exact = digest.Exact;
        ulong[] signature = digest.Signature;
        // One round trip for everything the decision needs; two per article in all (this and the write).
        long[] keys = digest.BandKeys;
        var probe = Probe(tx, article.Id, exact, signature, keys);
        var existing = probe.Existing;
        if (existing is { } e && e.ContentHash.AsSpan().SequenceEqual(content))
            return new AddResult(article.Id, AddStatus.Unchanged, e.DuplicateOf, e.Similarity);

        // An original that has copies stays an original, so a copy never points at a copy.
        var match = existing is { HasCopies: true } ? null : probe.Duplicate;
        long seq = existing?.Seq ?? probe.NextSeq;
        var now = _clock.GetUtcNow();
        using var batch = new NpgsqlBatch(_connection, tx);
        batch.BatchCommands.Add(WriteArticle(existing is null, seq, document, digest.SearchTerms, content, exact, match is null ? signature : null, match?.Id, match?.Similarity ?? 0, now));
        if (existing is not null)
            DeleteDependents(batch, seq);
        InsertFacts(batch, seq, document, headlineOnly: match is not null);
        if (match is null)
        {
            InsertEntities(batch, seq, digest.Entities);
            InsertBands(batch, seq, keys);
        }
        batch.ExecuteNonQuery();
        if (match is { } copyOf)
            return new AddResult(article.Id, AddStatus.Duplicate, copyOf.Id, copyOf.Similarity);
        return new AddResult(article.Id, existing is null ? AddStatus.Stored : AddStatus.Updated);
    }

    private sealed record Existing(long Seq, byte[] ContentHash, string? DuplicateOf, double Similarity, bool HasCopies);

    private sealed record ProbeResult(Existing? Existing, (string Id, double Similarity)? Duplicate, long NextSeq);

    /// <summary>
    /// In one batch: the id's current row, the earliest other original with the same normalised text, else the most
    /// similar near duplicate (earliest on ties), and the next article number (used when the article is new).
    /// </summary>
    private ProbeResult Probe(NpgsqlTransaction tx, string id, ulong exact, ulong[] signature, long[] keys)
    {
        using var batch = new NpgsqlBatch(_connection, tx);
        var existing = new NpgsqlBatchCommand("""
            SELECT a.seq, a.content_hash, a.duplicate_of, a.similarity,
                   EXISTS (SELECT 1 FROM articles c WHERE c.duplicate_of = a.id)
            FROM articles a WHERE a.id = @id
            """);
        existing.Parameters.Add(Text("id", id));
        var exactMatch = new NpgsqlBatchCommand("SELECT id FROM articles WHERE text_hash = @hash AND duplicate_of IS NULL AND id <> @id ORDER BY seq LIMIT 1");
        exactMatch.Parameters.AddWithValue("hash", unchecked((long)exact));
        exactMatch.Parameters.Add(Text("id", id));
        var near = new NpgsqlBatchCommand("""
            SELECT a.seq, a.id, a.minhash
            FROM (SELECT DISTINCT article FROM minhash_bands WHERE band_key = ANY(@keys)) b JOIN articles a ON a.seq = b.article
            WHERE a.duplicate_of IS NULL AND a.id <> @id
            ORDER BY a.seq
            """);
        near.Parameters.AddWithValue("keys", keys);
        near.Parameters.Add(Text("id", id));
        var next = new NpgsqlBatchCommand("SELECT nextval(pg_get_serial_sequence('articles', 'seq'))");
        batch.BatchCommands.Add(existing);
        batch.BatchCommands.Add(exactMatch);
        batch.BatchCommands.Add(near);
        batch.BatchCommands.Add(next);

        using var r = batch.ExecuteReader();
        Existing? found = r.Read()
            ? new Existing(r.GetInt64(0), (byte[])r.GetValue(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetDouble(3), r.GetBoolean(4))
            : null;
        r.NextResult();
        (string, double)? duplicate = r.Read() ? (r.GetString(0), 1.0) : null;
        r.NextResult();
        string? best = null;
        double bestSimilarity = 0;
        while (r.Read())
        {
            if (duplicate is not null || r.IsDBNull(2))
                continue;
            double similarity = DuplicateIndex.Similarity(signature, StoreRows.DecodeSignature((byte[])r.GetValue(2)));
            // Rows come in seq order, so ">" keeps the earliest of equally similar originals.
            if (similarity >= DuplicateIndex.NearThreshold && similarity > bestSimilarity)
            {
                best = r.GetString(1);
                bestSimilarity = similarity;
            }
        }
        duplicate ??= best is null ? null : (best, bestSimilarity);
        r.NextResult();
        r.Read();
        return new ProbeResult(found, duplicate, r.GetInt64(0));
    }

    private static NpgsqlBatchCommand WriteArticle(bool insert, long seq, Document document, string searchTerms, byte[] content, ulong exact, ulong[]? signature,
        string? duplicateOf, double similarity, DateTimeOffset now)
    {
        const string Columns = """
            id, title, published, published_start, published_precision, url, source, author, language, origin, format, text,
            content_hash, text_hash, minhash, agencies, credits, captions, duplicate_of, similarity, ingested_at, search_terms, search_words
            """;
        const string Values = """
            @id, @title, @published, @published_start, @published_precision, @url, @source, @author, @language, @origin, @format, @text,
            @content_hash, @text_hash, @minhash, @agencies, @credits, @captions, @duplicate_of, @similarity, @ingested_at,
            CASE WHEN @text IS NULL THEN NULL ELSE array_to_tsvector(@terms) END,
            CASE WHEN @text IS NULL THEN NULL ELSE to_tsvector(CASE @language WHEN 'de' THEN 'german'::regconfig WHEN 'en' THEN 'english'::regconfig ELSE 'simple'::regconfig END,
                 left(coalesce(@title, '') || ' ' || @text, @search_chars)) END
            """;
        var cmd = new NpgsqlBatchCommand(insert
            ? $"INSERT INTO articles (seq, {Columns}) VALUES (@seq, {Values})"
            : $"UPDATE articles SET ({Columns}) = ROW({Values}) WHERE seq = @seq");
        var a = document.Article;
        var (published, publishedStart, publishedPrecision) = StoreRows.DateParts(a.Published);
        var p = cmd.Parameters;
        p.Add(new NpgsqlParameter("seq", NpgsqlDbType.Bigint) { Value = seq });
        p.Add(Text("id", a.Id));
        p.Add(Text("title", a.Title));
        p.Add(Text("published", published));
        p.Add(new NpgsqlParameter("published_start", NpgsqlDbType.Date) { Value = (object?)publishedStart ?? DBNull.Value });
        p.Add(Text("published_precision", publishedPrecision));
        p.Add(Text("url", a.Url));
        p.Add(Text("source", a.Source));
        p.Add(Text("author", a.Author));
        p.Add(Text("language", document.Language));
        p.Add(Text("origin", a.Origin));
        p.Add(Text("format", a.Format));
        p.Add(Text("text", duplicateOf is null ? a.Text : null));
        p.Add(new NpgsqlParameter("content_hash", NpgsqlDbType.Bytea) { Value = content });
        p.Add(new NpgsqlParameter("text_hash", NpgsqlDbType.Bigint) { Value = unchecked((long)exact) });
        p.Add(new NpgsqlParameter("minhash", NpgsqlDbType.Bytea) { Value = signature is { Length: > 0 } ? StoreRows.EncodeSignature(signature) : DBNull.Value });
        p.Add(Json("agencies", StoreRows.Json(document.Agencies)));
        p.Add(Json("credits", StoreRows.Json(document.Credits)));
        p.Add(Json("captions", StoreRows.Json(document.Captions)));
        p.Add(Text("duplicate_of", duplicateOf));
        p.Add(new NpgsqlParameter("similarity", NpgsqlDbType.Double) { Value = similarity });
        p.Add(new NpgsqlParameter("ingested_at", NpgsqlDbType.TimestampTz) { Value = now.UtcDateTime });
        p.Add(new NpgsqlParameter("terms", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = duplicateOf is null ? Lexemes(searchTerms) : Array.Empty<string>() });
        p.Add(new NpgsqlParameter("search_chars", NpgsqlDbType.Integer) { Value = PostgresSchema.SearchChars });
        return cmd;
    }

    /// <summary>The distinct analysed search terms of a document, as lexemes (empty and over-long ones dropped).</summary>
    private static string[] Lexemes(string searchTerms)
    {
        var terms = new HashSet<string>(StringComparer.Ordinal);
        int bytes = 0;
        foreach (var t in searchTerms.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            // A lexeme is at most 2 KB; a tsvector at most 1 MB: keep well under both.
            if (t.Length > 200 || t.Contains('\0'))
                continue;
            if (terms.Add(t) && (bytes += Encoding.UTF8.GetByteCount(t) + 8) > 600_000)
                break;
        }
        return [.. terms];
    }

    private static void DeleteDependents(NpgsqlBatch batch, long seq)
    {
        foreach (var table in (string[])["facts", "minhash_bands", "article_entities"])
        {
            var c = new NpgsqlBatchCommand($"DELETE FROM {table} WHERE article = @seq");
            c.Parameters.AddWithValue("seq", seq);
            batch.BatchCommands.Add(c);
        }
    }

    // A copy keeps only its headline's facts: its body's are the original's, its headline is its own.
    private static void InsertFacts(NpgsqlBatch batch, long seq, Document document, bool headlineOnly)
    {
        for (int i = 0; i < document.Facts.Count; i++)
        {
            var f = document.Facts[i];
            if (headlineOnly && !f.InTitle)
                continue;
            var (date, dateStart, datePrecision) = StoreRows.DateParts(f.Time?.Resolved);
            var c = new NpgsqlBatchCommand("""
                INSERT INTO facts (article, ordinal, kind, count_value, count_qualifier, additional, cumulative,
                                   place_name, place_country, place_lat, place_lon, place_id,
                                   time_text, time_date, time_date_start, time_date_precision, time_precision,
                                   source_text, source_cue, sentence, evidence_start, evidence_end,
                                   count_start, count_end, trigger_start, trigger_end, in_title)
                VALUES (@article, @ordinal, @kind, @count_value, @count_qualifier, @additional, @cumulative,
                        @place_name, @place_country, @place_lat, @place_lon, @place_id,
                        @time_text, @time_date, @time_date_start, @time_date_precision, @time_precision,
                        @source_text, @source_cue, @sentence, @evidence_start, @evidence_end,
                        @count_start, @count_end, @trigger_start, @trigger_end, @in_title)
                """);
            var p = c.Parameters;
            p.AddWithValue("article", seq);
            p.AddWithValue("ordinal", i);
            p.Add(Text("kind", FactKinds.Name(f.Kind)));
            p.Add(new NpgsqlParameter("count_value", NpgsqlDbType.Bigint) { Value = (object?)f.Count.Value ?? DBNull.Value });
            p.Add(Text("count_qualifier", FactKinds.Name(f.Count.Qualifier)));
            p.AddWithValue("additional", f.Additional);
            p.AddWithValue("cumulative", f.Cumulative);
            p.Add(Text("place_name", f.Place?.Name));
            p.Add(Text("place_country", f.Place?.Country));
            p.Add(Double("place_lat", f.Place?.Lat));
            p.Add(Double("place_lon", f.Place?.Lon));
            p.Add(Text("place_id", f.Place?.Id));
            p.Add(Text("time_text", f.Time?.Text));
            p.Add(Text("time_date", date));
            p.Add(new NpgsqlParameter("time_date_start", NpgsqlDbType.Date) { Value = (object?)dateStart ?? DBNull.Value });
            p.Add(Text("time_date_precision", datePrecision));
            p.Add(Text("time_precision", f.Time is { } t ? PartialDate.PrecisionName(t.Precision) : null));
            p.Add(Text("source_text", f.Source?.Text));
            p.Add(Text("source_cue", f.Source?.Cue));
            p.Add(Text("sentence", document.Slice(f, f.Evidence)));
            p.AddWithValue("evidence_start", f.Evidence.Start);
            p.AddWithValue("evidence_end", f.Evidence.End);
            p.AddWithValue("count_start", f.CountSpan.Start);
            p.AddWithValue("count_end", f.CountSpan.End);
            p.AddWithValue("trigger_start", f.TriggerSpan.Start);
            p.AddWithValue("trigger_end", f.TriggerSpan.End);
            p.AddWithValue("in_title", f.InTitle);
            batch.BatchCommands.Add(c);
        }
    }

    private static void InsertEntities(NpgsqlBatch batch, long seq, IReadOnlyList<StoreDigest.EntityRow>? rows)
    {
        if (rows is null || rows.Count == 0)
            return;
        var entities = rows.Select(r => r.Entity).ToList();
        // One statement per article: the rows as parallel arrays.
        var c = new NpgsqlBatchCommand("""
            INSERT INTO article_entities (article, ordinal, entity_id, type, name, aliases, mentions, place_id, country, lat, lon, level)
            SELECT @article, u.ordinal, u.id, u.type, u.name, u.aliases::jsonb, u.mentions::jsonb, u.place_id, u.country, u.lat, u.lon, u.level
            FROM unnest(@ordinal, @id, @type, @name, @aliases, @mentions, @place_id, @country, @lat, @lon, @level)
                 AS u(ordinal, id, type, name, aliases, mentions, place_id, country, lat, lon, level)
            """);
        var p = c.Parameters;
        p.AddWithValue("article", seq);
        p.AddWithValue("ordinal", Enumerable.Range(0, entities.Count).ToArray());
        p.Add(Texts("id", entities.Select(e => e.Id)));
        p.Add(Texts("type", entities.Select(e => e.Type)));
        p.Add(Texts("name", entities.Select(e => e.Name)));
        p.Add(Texts("aliases", rows.Select(r => r.AliasesJson)));
        p.Add(Texts("mentions", rows.Select(r => r.MentionsJson)));
        p.Add(Texts("place_id", entities.Select(e => e.Place?.Id)));
        p.Add(Texts("country", entities.Select(e => e.Place?.Country)));
        p.Add(new NpgsqlParameter("lat", NpgsqlDbType.Array | NpgsqlDbType.Double) { Value = entities.Select(e => e.Place?.Lat).ToArray() });
        p.Add(new NpgsqlParameter("lon", NpgsqlDbType.Array | NpgsqlDbType.Double) { Value = entities.Select(e => e.Place?.Lon).ToArray() });
        p.Add(Texts("level", entities.Select(e => e.Place?.Level.ToString().ToLowerInvariant())));
        batch.BatchCommands.Add(c);
    }

    private static NpgsqlParameter Texts(string name, IEnumerable<string?> values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values.ToArray() };

    private static void InsertBands(NpgsqlBatch batch, long seq, long[] keys)
    {
        if (keys.Length == 0)
            return; // short texts are matched exactly only
        var c = new NpgsqlBatchCommand("INSERT INTO minhash_bands (band_key, article) SELECT DISTINCT unnest(@keys), @article ON CONFLICT DO NOTHING");
        c.Parameters.AddWithValue("keys", keys);
        c.Parameters.AddWithValue("article", seq);
        batch.BatchCommands.Add(c);
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
            var where = new List<string>();
            for (int i = 0; i < terms.Count; i++)
            {
                // Each alternative quoted as one lexeme: the tsquery syntax never sees user input.
                string query = AnyOf(terms[i]);
                string n = i.ToString(CultureInfo.InvariantCulture);
                where.Add($"(a.search_terms @@ @q{n}::tsquery OR a.search_words @@ to_tsquery('german', @q{n}) OR a.search_words @@ to_tsquery('english', @q{n}))");
                cmd.Parameters.Add(Text("q" + n, query));
            }
            string all = AnyOf(terms.SelectMany(g => g));
            cmd.Parameters.Add(Text("all", all));
            if (filter.From is { } from)
            {
                where.Add("a.published_start >= @from");
                cmd.Parameters.Add(new NpgsqlParameter("from", NpgsqlDbType.Date) { Value = from });
            }
            if (filter.To is { } to)
            {
                where.Add("a.published_start <= @to");
                cmd.Parameters.Add(new NpgsqlParameter("to", NpgsqlDbType.Date) { Value = to });
            }
            if (filter.Kind is { } kind)
            {
                where.Add("EXISTS (SELECT 1 FROM facts f WHERE f.article = a.seq AND f.kind = @kind)");
                cmd.Parameters.Add(Text("kind", FactKinds.Name(kind)));
            }
            if (!string.IsNullOrWhiteSpace(filter.Source))
            {
                where.Add("(a.source ILIKE @source OR EXISTS (SELECT 1 FROM facts f WHERE f.article = a.seq AND f.source_text ILIKE @source))");
                cmd.Parameters.Add(Text("source", "%" + Like(filter.Source.Trim()) + "%"));
            }
            if (!string.IsNullOrWhiteSpace(filter.Place))
            {
                where.Add("""
                    (EXISTS (SELECT 1 FROM facts f WHERE f.article = a.seq AND (f.place_name ILIKE @place OR f.place_id = @placeId))
                     OR EXISTS (SELECT 1 FROM article_entities e WHERE e.article = a.seq AND e.type = 'LOC'
                                AND (e.name ILIKE @place OR e.place_id = @placeId OR e.aliases::text ILIKE @placeAlias)))
                    """);
                cmd.Parameters.Add(Text("place", Like(filter.Place.Trim())));
                cmd.Parameters.Add(Text("placeId", filter.Place.Trim()));
                cmd.Parameters.Add(Text("placeAlias", "%\"" + Like(filter.Place.Trim()) + "\"%"));
            }
            if (!string.IsNullOrWhiteSpace(filter.Entity))
            {
                where.Add("EXISTS (SELECT 1 FROM article_entities e WHERE e.article = a.seq AND (e.name ILIKE @entity OR e.aliases::text ILIKE @entity))");
                cmd.Parameters.Add(Text("entity", "%" + Like(filter.Entity.Trim()) + "%"));
            }
            cmd.CommandText = $"""
                SELECT a.id,
                       ts_rank(a.search_terms, @all::tsquery) + ts_rank(a.search_words, to_tsquery('german', @all) || to_tsquery('english', @all)) AS score
                FROM articles a
                WHERE a.duplicate_of IS NULL AND {string.Join(" AND ", where)}
                ORDER BY score DESC, a.published_start DESC NULLS LAST, a.id LIMIT @limit
                """;
            cmd.Parameters.AddWithValue("limit", Math.Max(1, limit));
            using var r = cmd.ExecuteReader();
            var hits = new List<(string, double)>();
            while (r.Read())
                hits.Add((r.GetString(0), r.GetFloat(1)));
            return (IReadOnlyList<(string, double)>)hits;
        });
    }

    /// <summary>A tsquery text matching any of <paramref name="terms"/>, each quoted as one lexeme (backslashes and quotes escaped).</summary>
    private static string AnyOf(IEnumerable<string> terms) =>
        string.Join(" | ", terms.Distinct().Select(t => "'" + t.Replace("\\", "\\\\").Replace("'", "''") + "'"));

    /// <summary>A LIKE pattern that matches <paramref name="s"/> literally (SQLite's LIKE has no escapes by default, so its wildcards are matched as such there too).</summary>
    private static string Like(string s) => s.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, IReadOnlyList<Lagebild.Linking.Entity>> Entities(string? articleId = null, string? entityId = null) => Read(() =>
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = $"""
            SELECT {StoreRows.EntityColumns}
            FROM article_entities e JOIN articles a ON a.seq = e.article
            WHERE (@article::text IS NULL OR a.id = @article) AND (@entity::text IS NULL OR e.entity_id = @entity)
            ORDER BY a.seq, e.ordinal
            """;
        cmd.Parameters.Add(Text("article", articleId));
        cmd.Parameters.Add(Text("entity", entityId));
        using var r = cmd.ExecuteReader();
        return StoreRows.ReadEntities(r);
    });

    /// <inheritdoc/>
    public IReadOnlyList<StoredArticle> Articles() => Read(() =>
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = $"SELECT {StoreRows.ArticleColumns} FROM articles ORDER BY published_start NULLS LAST, id COLLATE \"C\"";
        using var r = cmd.ExecuteReader();
        return (IReadOnlyList<StoredArticle>)StoreRows.All(r, x => StoreRows.ReadArticle(x, _name));
    });

    /// <inheritdoc/>
    public StoredArticle? Article(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Read(() =>
        {
            using var cmd = _connection.CreateCommand();
            cmd.CommandText = $"SELECT {StoreRows.ArticleColumns} FROM articles WHERE id = @id";
            cmd.Parameters.Add(Text("id", id));
            using var r = cmd.ExecuteReader();
            return r.Read() ? StoreRows.ReadArticle(r, _name) : null;
        });
    }

    /// <inheritdoc/>
    public IReadOnlyList<StoredFact> Facts(string? articleId = null) => Read(() =>
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = $"SELECT {StoreRows.FactColumns} FROM facts f JOIN articles a ON a.seq = f.article"
            + (articleId is null ? "" : " WHERE a.id = @id")
            + " ORDER BY a.published_start NULLS LAST, a.id COLLATE \"C\", f.evidence_start, f.ordinal";
        if (articleId is not null)
            cmd.Parameters.Add(Text("id", articleId));
        using var r = cmd.ExecuteReader();
        return (IReadOnlyList<StoredFact>)StoreRows.All(r, x => StoreRows.ReadFact(x, _name));
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
        return new StoreCounts((int)r.GetInt64(0), (int)r.GetInt64(1), (int)r.GetInt64(2));
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
        return Write("writing stories", tx =>
        {
            Execute(_connection, tx, $"SELECT pg_advisory_xact_lock({StoryLock})", LockTimeoutSeconds);
            long generation = Scalar(_connection, tx, "SELECT generation FROM story_state WHERE id = 1") is long g ? g : 0;
            var write = update(new LockView(this, tx, generation));
            if (write is null)
                return generation;
            WriteStories(tx, write, generation + 1);
            return generation + 1;
        });
    }

    private sealed class LockView(PostgresStore store, NpgsqlTransaction tx, long generation) : StoryLockView
    {
        public long Generation => generation;

        public byte[]? State() => Scalar(store._connection, tx, "SELECT data FROM story_state WHERE id = 1") as byte[];

        public IReadOnlySet<string> Clustered(IReadOnlyCollection<string> articleIds)
        {
            using var cmd = store.Command(tx, "SELECT article FROM article_stories WHERE article = ANY(@ids)");
            cmd.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = articleIds.ToArray() });
            using var r = cmd.ExecuteReader();
            return StoreRows.All(r, x => x.GetString(0)).ToHashSet(StringComparer.Ordinal);
        }
    }

    private void WriteStories(NpgsqlTransaction tx, StoryWrite write, long generation)
    {
        using (var cmd = Command(tx, """
            INSERT INTO article_stories(article, story, printed, weekdays)
            SELECT * FROM unnest(@a, @s, @p, @w)
            ON CONFLICT (article) DO UPDATE SET story = excluded.story, printed = excluded.printed, weekdays = excluded.weekdays
            """))
        {
            var a = write.Assignments;
            cmd.Parameters.Add(new NpgsqlParameter("a", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = a.Select(x => x.ArticleId).ToArray() });
            cmd.Parameters.Add(new NpgsqlParameter("s", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = a.Select(x => x.Story).ToArray() });
            cmd.Parameters.Add(new NpgsqlParameter("p", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = a.Select(x => x.Printed is { } d ? (object)d : DBNull.Value).ToArray() });
            cmd.Parameters.Add(new NpgsqlParameter("w", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = a.Select(x => StoreRows.Weekdays(x.Weekdays)).ToArray() });
            cmd.ExecuteNonQuery();
        }
        using (var cmd = Command(tx, "INSERT INTO story_merges(survivor, absorbed, by_article) SELECT * FROM unnest(@s, @a, @b) ON CONFLICT (absorbed) DO NOTHING"))
        {
            var m = write.Merges;
            cmd.Parameters.Add(new NpgsqlParameter("s", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = m.Select(x => x.Survivor).ToArray() });
            cmd.Parameters.Add(new NpgsqlParameter("a", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = m.Select(x => x.Absorbed).ToArray() });
            cmd.Parameters.Add(new NpgsqlParameter("b", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = m.Select(x => x.ByArticle).ToArray() });
            cmd.ExecuteNonQuery();
        }
        using (var cmd = Command(tx, """
            INSERT INTO story_state(id, documents, data, generation) VALUES (1, @n, @d, @g)
            ON CONFLICT (id) DO UPDATE SET documents = excluded.documents, data = excluded.data, generation = excluded.generation
            """))
        {
            cmd.Parameters.AddWithValue("n", write.Assignments.Count);
            cmd.Parameters.Add(new NpgsqlParameter("d", NpgsqlDbType.Bytea) { Value = write.State });
            cmd.Parameters.AddWithValue("g", generation);
            cmd.ExecuteNonQuery();
        }
    }

    /// <inheritdoc/>
    public int StoryAssignmentCount() => Read(() => (int)(long)Scalar(_connection, null, "SELECT count(*) FROM article_stories")!);

    /// <inheritdoc/>
    public IReadOnlyList<StoryAssignment> StoryAssignments() => Read(() =>
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = "SELECT article, story, printed, weekdays FROM article_stories ORDER BY article COLLATE \"C\"";
        using var r = cmd.ExecuteReader();
        return (IReadOnlyList<StoryAssignment>)StoreRows.All(r, StoreRows.ReadAssignment);
    });

    /// <inheritdoc/>
    public IReadOnlyList<StoryMergeRecord> StoryMerges() => Read(() =>
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = "SELECT survivor, absorbed, by_article FROM story_merges ORDER BY seq";
        using var r = cmd.ExecuteReader();
        return (IReadOnlyList<StoryMergeRecord>)StoreRows.All(r, x => new StoryMergeRecord(x.GetString(0), x.GetString(1), x.GetString(2)));
    });

    /// <inheritdoc/>
    public IReadOnlyList<string> UnclusteredArticles() => Read(() =>
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = """
            SELECT a.id FROM articles a LEFT JOIN article_stories s ON s.article = a.id
            WHERE a.duplicate_of IS NULL AND s.article IS NULL
            ORDER BY a.published_start NULLS LAST, a.seq
            """;
        using var r = cmd.ExecuteReader();
        return (IReadOnlyList<string>)StoreRows.All(r, x => x.GetString(0));
    });

    private static NpgsqlParameter Text(string name, string? value) => new(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value };

    private static NpgsqlParameter Json(string name, string value) => new(name, NpgsqlDbType.Jsonb) { Value = value };

    private static NpgsqlParameter Double(string name, double? value) => new(name, NpgsqlDbType.Double) { Value = (object?)value ?? DBNull.Value };

    private NpgsqlCommand Command(NpgsqlTransaction? tx, string sql) => new(sql, _connection, tx);

    /// <summary>Runs <paramref name="write"/> in one transaction, committed when it returns; a failure rolls everything back.</summary>
    private T Write<T>(string action, Func<NpgsqlTransaction, T> write)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                using var tx = _connection.BeginTransaction();
                var result = write(tx);
                tx.Commit();
                return result;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                throw Translate(ex, _name, action);
            }
        }
    }

    private T Read<T>(Func<T> read)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                return read();
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                throw Translate(ex, _name, "reading");
            }
        }
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, int timeoutSeconds = 30)
    {
        using var cmd = new NpgsqlCommand(sql, connection, tx) { CommandTimeout = timeoutSeconds };
        cmd.ExecuteNonQuery();
    }

    private static object? Scalar(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql)
    {
        using var cmd = new NpgsqlCommand(sql, connection, tx);
        var value = cmd.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    /// <summary>A one-line message for a PostgreSQL failure, naming the store and, where it helps, what to do.</summary>
    private static StoreException Translate(Exception ex, string name, string action)
    {
        if (ex is PostgresException pg)
        {
            return pg.SqlState switch
            {
                PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification =>
                    new StoreException($"store {name}: login refused ({StoreRows.OneLine(pg.MessageText)})", ex),
                PostgresErrorCodes.InsufficientPrivilege => new StoreException($"store {name}: permission denied while {action} ({StoreRows.OneLine(pg.MessageText)})", ex),
                PostgresErrorCodes.DiskFull => new StoreException($"store {name}: disk full while {action}", ex),
                PostgresErrorCodes.QueryCanceled => new StoreException($"store {name} is busy: waited too long for another writer while {action}; try again later", ex),
                PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CannotConnectNow =>
                    new StoreException($"store {name}: the server is shutting down or starting ({action})", ex),
                _ => new StoreException($"store {name}: {action} failed: {StoreRows.OneLine(pg.MessageText)}", ex),
            };
        }
        if (ex is TimeoutException || ex.InnerException is TimeoutException)
            return new StoreException($"store {name}: timed out while {action}; is the server overloaded?", ex);
        if (ex is SocketException || ex.InnerException is SocketException)
            return new StoreException($"cannot connect to PostgreSQL at {name} (is the server running and accepting TCP connections?)", ex);
        return new StoreException($"store {name}: {action} failed: {StoreRows.OneLine(ex.Message)}", ex);
    }

    /// <summary>Closes the connection. Idempotent; later calls throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            _disposed = true;
            _connection.Dispose();
        }
    }
}
