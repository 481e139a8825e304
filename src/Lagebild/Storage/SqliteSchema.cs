using Microsoft.Data.Sqlite;

namespace Lagebild.Storage;

/// <summary>One schema migration: brings a store from <c>Version - 1</c> to <paramref name="Version"/>.</summary>
/// <param name="Version">The version the store has after this step (1 = initial schema).</param>
/// <param name="Description">What the step changes, for error messages.</param>
/// <param name="Apply">Runs the step inside the migration transaction.</param>
internal sealed record SqliteMigration(int Version, string Description, Action<SqliteConnection, SqliteTransaction> Apply)
{
    /// <summary>A step that is one SQL script.</summary>
    public static SqliteMigration Script(int version, string description, string sql) =>
        new(version, description, (connection, tx) =>
        {
            using var cmd = connection.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = sql;
            cmd.ExecuteNonQuery();
        });
}

/// <summary>
/// The SQLite schema as an ordered list of migrations. The store's version is
/// <c>PRAGMA user_version</c>; <c>PRAGMA application_id</c> marks the file as a Lagebild store.
/// Append new steps at the end; never edit a released step (stores in the field ran it).
/// </summary>
internal static class SqliteSchema
{
    /// <summary>"LAGE" in ASCII: tells a Lagebild store from other SQLite files.</summary>
    public const int ApplicationId = 0x4C414745;

    /// <summary>
    /// v1. <c>articles</c> holds originals (text not null) and duplicate links (text null,
    /// duplicate_of set) in one table so an id is unique across both. <c>seq</c> is the insertion
    /// order, used for "earliest original wins" and as the compact key of facts and bands.
    /// Dates are stored three ways: display form at its precision ("2022-01", "2022-W01"), the
    /// first day ("2022-01-01", which sorts), and the precision name.
    /// <c>minhash_bands</c> holds 16 LSH band keys per original (see SqliteStore.BandKeys), so a
    /// near-duplicate lookup reads only the candidates sharing a band; the candidates are then
    /// checked against their full signature in <c>articles.minhash</c>.
    /// </summary>
    private const string V1 = """
        CREATE TABLE articles (
            seq                 INTEGER PRIMARY KEY,
            id                  TEXT NOT NULL UNIQUE,
            title               TEXT,
            published           TEXT,
            published_start     TEXT,
            published_precision TEXT,
            url                 TEXT,
            source              TEXT,
            author              TEXT,
            language            TEXT NOT NULL,
            origin              TEXT NOT NULL,
            format              TEXT NOT NULL,
            text                TEXT,
            content_hash        BLOB NOT NULL,
            text_hash           INTEGER NOT NULL,
            minhash             BLOB,
            agencies            TEXT NOT NULL DEFAULT '[]',
            credits             TEXT NOT NULL DEFAULT '[]',
            captions            TEXT NOT NULL DEFAULT '[]',
            duplicate_of        TEXT REFERENCES articles(id),
            similarity          REAL NOT NULL DEFAULT 0,
            ingested_at         TEXT NOT NULL,
            CHECK ((duplicate_of IS NULL) = (text IS NOT NULL)),
            CHECK (similarity >= 0 AND similarity <= 1),
            CHECK ((published IS NULL) = (published_start IS NULL) AND (published IS NULL) = (published_precision IS NULL))
        );
        CREATE INDEX articles_text_hash ON articles(text_hash);
        CREATE INDEX articles_duplicate_of ON articles(duplicate_of);
        CREATE INDEX articles_published ON articles(published_start, id);

        CREATE TABLE facts (
            article             INTEGER NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
            ordinal             INTEGER NOT NULL,
            kind                TEXT NOT NULL,
            count_value         INTEGER,
            count_qualifier     TEXT NOT NULL,
            additional          INTEGER NOT NULL,
            cumulative          INTEGER NOT NULL,
            place_name          TEXT,
            place_country       TEXT,
            place_lat           REAL,
            place_lon           REAL,
            time_text           TEXT,
            time_date           TEXT,
            time_date_start     TEXT,
            time_date_precision TEXT,
            time_precision      TEXT,
            source_text         TEXT,
            source_cue          TEXT,
            sentence            TEXT NOT NULL,
            evidence_start      INTEGER NOT NULL,
            evidence_end        INTEGER NOT NULL,
            count_start         INTEGER NOT NULL,
            count_end           INTEGER NOT NULL,
            trigger_start       INTEGER NOT NULL,
            trigger_end         INTEGER NOT NULL,
            PRIMARY KEY (article, ordinal),
            CHECK ((time_text IS NULL) = (time_precision IS NULL)),
            CHECK ((source_text IS NULL) = (source_cue IS NULL))
        );
        CREATE INDEX facts_kind ON facts(kind);

        CREATE TABLE minhash_bands (
            band_key            INTEGER NOT NULL,
            article             INTEGER NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
            PRIMARY KEY (band_key, article)
        ) WITHOUT ROWID;
        CREATE INDEX minhash_bands_article ON minhash_bands(article);

        -- Full-text index over originals only (external content: the text is not stored twice).
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, content='articles', content_rowid='seq', tokenize='unicode61 remove_diacritics 2');
        CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles WHEN new.duplicate_of IS NULL BEGIN
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
        END;
        CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles WHEN old.duplicate_of IS NULL BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
        END;
        -- One trigger, two statements: the old entry must be removed before the new one is added.
        CREATE TRIGGER articles_fts_update AFTER UPDATE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
                SELECT 'delete', old.seq, old.title, old.text WHERE old.duplicate_of IS NULL;
            INSERT INTO articles_fts(rowid, title, text)
                SELECT new.seq, new.title, new.text WHERE new.duplicate_of IS NULL;
        END;
        """;

    /// <summary>The migrations this build knows, in order, versions 1, 2, … without gaps.</summary>
    public static IReadOnlyList<SqliteMigration> Migrations { get; } =
    [
        SqliteMigration.Script(1, "initial schema", V1),
        SqliteMigration.Script(2, "gazetteer id of a fact's place", "ALTER TABLE facts ADD COLUMN place_id TEXT;"),
        SqliteMigration.Script(3, "stories", V3),
        SqliteMigration.Script(4, "facts read from the headline", "ALTER TABLE facts ADD COLUMN in_title INTEGER NOT NULL DEFAULT 0;"),
        SqliteMigration.Script(5, "entities", V5),
        new(6, "search index", CreateSearchIndex),
        SqliteMigration.Script(7, "generation of the story state (several writers)", "ALTER TABLE story_state ADD COLUMN generation INTEGER NOT NULL DEFAULT 0;"),
        SqliteMigration.Script(8, "drop the v1 full-text index (search reads search_index)", """
            DROP TRIGGER IF EXISTS articles_fts_insert;
            DROP TRIGGER IF EXISTS articles_fts_delete;
            DROP TRIGGER IF EXISTS articles_fts_update;
            DROP TABLE IF EXISTS articles_fts;
            """),
    ];

    /// <summary>
    /// v6. <c>search_index</c>: each original's title and text as search terms (<c>Search.SearchAnalyzer</c>:
    /// lemmas, compound tails, light stems), rowid = the article's seq; filled for the articles already stored.
    /// </summary>
    private static void CreateSearchIndex(SqliteConnection connection, SqliteTransaction tx)
    {
        using (var create = connection.CreateCommand())
        {
            create.Transaction = tx;
            create.CommandText = "CREATE VIRTUAL TABLE search_index USING fts5(terms, tokenize='unicode61 remove_diacritics 0');";
            create.ExecuteNonQuery();
        }
        var rows = new List<(long Seq, string Terms)>();
        using (var read = connection.CreateCommand())
        {
            read.Transaction = tx;
            read.CommandText = "SELECT seq, title, text, language FROM articles WHERE duplicate_of IS NULL";
            using var r = read.ExecuteReader();
            while (r.Read())
                rows.Add((r.GetInt64(0), SearchTerms(r.IsDBNull(1) ? null : r.GetString(1), r.GetString(2), r.GetString(3))));
        }
        using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = "INSERT INTO search_index(rowid, terms) VALUES ($seq, $terms)";
        var seq = insert.Parameters.Add("$seq", SqliteType.Integer);
        var terms = insert.Parameters.Add("$terms", SqliteType.Text);
        foreach (var (s, t) in rows)
        {
            seq.Value = s;
            terms.Value = t;
            insert.ExecuteNonQuery();
        }
    }

    /// <summary>The search terms of an article, space-separated, title first.</summary>
    public static string SearchTerms(string? title, string text, string language, IReadOnlyList<Lagebild.Model.Token>? textTokens = null)
    {
        var analyzer = Lagebild.Search.SearchAnalyzer.Default;
        var body = textTokens is null ? analyzer.Analyze(text, language) : analyzer.Analyze(text, textTokens, language);
        return string.Join(' ', analyzer.Analyze(title ?? "", language).Concat(body).Select(t => t.Term));
    }

    /// <summary>
    /// v5. Each original's normalised entities (<c>Linking.EntityNormaliser</c>): id, type, canonical name,
    /// other forms and mention spans as JSON, and the gazetteer entry of places. Articles stored before v5,
    /// or analysed without the entity stages, have none.
    /// </summary>
    private const string V5 = """
        CREATE TABLE article_entities (
            article    INTEGER NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
            ordinal    INTEGER NOT NULL,
            entity_id  TEXT NOT NULL,
            type       TEXT NOT NULL,
            name       TEXT NOT NULL,
            aliases    TEXT NOT NULL DEFAULT '[]',
            mentions   TEXT NOT NULL DEFAULT '[]',
            place_id   TEXT,
            country    TEXT,
            lat        REAL,
            lon        REAL,
            level      TEXT,
            PRIMARY KEY (article, ordinal)
        );
        CREATE INDEX article_entities_id ON article_entities(entity_id);
        """;

    /// <summary>
    /// v3. Stories: each clustered original's story id and its report-time clues (printed date, weekdays
    /// named); merges in the order they happened; the story clusterer's state, written in the same
    /// transaction as the assignments it produced, so the two never disagree. Originals without a row in
    /// <c>article_stories</c> are not clustered yet (stored before v3, or by a run that stopped).
    /// </summary>
    private const string V3 = """
        CREATE TABLE article_stories (
            article   TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            story     TEXT NOT NULL,
            printed   TEXT,
            weekdays  TEXT NOT NULL DEFAULT ''
        ) WITHOUT ROWID;
        CREATE INDEX article_stories_story ON article_stories(story);
        CREATE TABLE story_merges (
            seq        INTEGER PRIMARY KEY,
            survivor   TEXT NOT NULL,
            absorbed   TEXT NOT NULL UNIQUE,
            by_article TEXT NOT NULL
        );
        CREATE TABLE story_state (
            id        INTEGER PRIMARY KEY CHECK (id = 1),
            documents INTEGER NOT NULL,
            data      BLOB NOT NULL
        );
        """;
}
