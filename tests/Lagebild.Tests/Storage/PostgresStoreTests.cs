using Lagebild.Storage;
using Lagebild.Tests.Support;
using Npgsql;
using Xunit.Abstractions;

namespace Lagebild.Tests.Storage;

/// <summary>The store contract on PostgreSQL (a throwaway server, <see cref="PostgresServer"/>), and what only this backend has.</summary>
public sealed class PostgresStoreTests(ITestOutputHelper output) : StoreContractTests(output)
{
    private string? _database;

    private string Database => _database ??= PostgresServer.NewDatabase();

    protected override IArticleStore OpenStore() => PostgresStore.Open(Database, _clock);

    protected override object? Outside(string sql) => Scalar(Database, sql);

    // Two round trips per article to a server process that shares the two cores with the test.
    protected override int ThousandDocumentsBudgetMs => 15000;

    private static object? Scalar(string connectionString, string sql)
    {
        using var c = new NpgsqlConnection(connectionString);
        c.Open();
        using var cmd = new NpgsqlCommand(sql, c);
        return cmd.ExecuteScalar();
    }

    [SkippableFact]
    public void A_missing_database_is_created_and_migrated()
    {
        using var store = OpenStore();

        Assert.Equal(PostgresSchema.Migrations.Count, store.SchemaVersion);
        Assert.Equal("1", Scalar(Database, "SELECT value FROM lagebild_meta WHERE key = 'schema_version'"));
        Assert.Equal(new StoreCounts(0, 0, 0), store.Counts());
    }

    [SkippableFact]
    public void A_postgres_uri_opens_the_same_store_as_keywords()
    {
        using (var store = OpenStore())
            store.Add(Docs.Analyse("a", "In Almaty wurden 12 Menschen verletzt."));
        var b = new NpgsqlConnectionStringBuilder(Database);

        using var viaUri = ArticleStores.Open($"postgres://{b.Username}@{b.Host}:{b.Port}/{b.Database}");

        Assert.IsType<PostgresStore>(viaUri);
        Assert.Equal(1, viaUri.Counts().Articles);
        Assert.Equal($"postgres://{b.Host}:{b.Port}/{b.Database}", ArticleStores.Describe($"postgres://{b.Username}:secret@{b.Host}:{b.Port}/{b.Database}"));
    }

    [SkippableFact]
    public void A_store_with_a_newer_schema_is_refused()
    {
        using (OpenStore())
        {
        }
        Scalar(Database, "UPDATE lagebild_meta SET value = '99' WHERE key = 'schema_version'");

        var ex = Assert.Throws<StoreException>(() => OpenStore());

        Assert.Equal($"store schema version 99 is newer than this lagebild (knows {PostgresSchema.Migrations.Count}); upgrade lagebild", ex.Message);
    }

    [SkippableFact]
    public void Another_programs_database_is_refused_and_left_alone()
    {
        using (OpenStore())
        {
        }
        Scalar(Database, "DROP TABLE lagebild_meta");

        var ex = Assert.Throws<StoreException>(() => OpenStore());

        Assert.Contains("is not a Lagebild store", ex.Message);
        Assert.Equal(false, Scalar(Database, "SELECT to_regclass('lagebild_meta') IS NOT NULL"));
    }

    [SkippableFact]
    public void A_failing_migration_rolls_back_every_step()
    {
        using (var store = OpenStore())
            store.Add(Docs.Analyse("a", "In Almaty wurden 12 Menschen verletzt."));
        var next = new PostgresMigration(2, "add notes", "CREATE TABLE notes (body text)");
        var broken = new PostgresMigration(3, "broken step", "ALTER TABLE no_such_table ADD COLUMN x text");

        var ex = Assert.Throws<StoreException>(() => PostgresStore.Open(Database, _clock, [.. PostgresSchema.Migrations, next, broken]));

        Assert.Contains("migration to schema version 3 (broken step) failed", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
        Assert.Equal("1", Scalar(Database, "SELECT value FROM lagebild_meta WHERE key = 'schema_version'"));
        Assert.Equal(false, Scalar(Database, "SELECT to_regclass('notes') IS NOT NULL"));
        using var again = OpenStore();
        Assert.Equal(1, again.Counts().Articles);
    }

    [SkippableFact]
    public void Stores_opened_at_once_on_a_new_database_migrate_it_once()
    {
        string db = Database;
        var stores = new IArticleStore[6];

        Parallel.For(0, stores.Length, i => stores[i] = PostgresStore.Open(db, _clock));

        try
        {
            Assert.All(stores, s => Assert.Equal(PostgresSchema.Migrations.Count, s.SchemaVersion));
            Assert.Equal(1L, Scalar(db, "SELECT count(*) FROM lagebild_meta"));
        }
        finally
        {
            foreach (var s in stores)
                s?.Dispose();
        }
    }

    [SkippableFact]
    public void Writers_on_several_connections_store_each_article_once()
    {
        string db = Database;
        var docs = Enumerable.Range(0, 60).Select(i => Docs.Analyse($"a{i}", $"In der Stadt Almaty wurden am Montag {i + 2} Menschen verletzt. Meldung Nummer {i}.")).ToList();
        docs.Add(Docs.Analyse("wire", Docs.Wire));
        docs.Add(Docs.Analyse("copy", Docs.WireEdited));
        var results = new List<AddResult>[4];

        // Four writers, each adding every article in its own order and batches.
        Parallel.For(0, 4, w =>
        {
            using var store = PostgresStore.Open(db, _clock);
            var order = docs.OrderBy(d => (d.Article.Id.GetHashCode() ^ (w * 7919)) & 0xffff).ToList();
            results[w] = [.. order.Chunk(5 + w).SelectMany(store.AddRange)];
        });

        using var check = OpenStore();
        Assert.Equal(new StoreCounts(61, 1, check.Facts().Count), check.Counts());
        Assert.Equal(61, results.SelectMany(r => r).Count(r => r.Status == AddStatus.Stored));
        Assert.True(results.SelectMany(r => r).Count(r => r.Status == AddStatus.Duplicate) >= 1);
        Assert.Equal(1, new[] { "wire", "copy" }.Count(id => check.Article(id)!.IsDuplicate));
    }

    [SkippableFact]
    public void An_unreachable_server_is_one_clear_line()
    {
        var ex = Assert.Throws<StoreException>(() => ArticleStores.Open("postgres://nobody@127.0.0.1:1/lagebild"));

        Assert.StartsWith("cannot connect to PostgreSQL at postgres://127.0.0.1:1/lagebild", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [SkippableFact]
    public void A_malformed_connection_string_is_one_clear_line()
    {
        var ex = Assert.Throws<StoreException>(() => ArticleStores.Open("Host=127.0.0.1;Bogus Key=1"));

        Assert.StartsWith("not a valid PostgreSQL connection string", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }
}
