using System.Diagnostics;
using Lagebild.Ingest;
using Lagebild.Model;
using Lagebild.Storage;
using Xunit.Abstractions;

namespace Lagebild.Tests.Storage;

public sealed class SqliteStoreTests(ITestOutputHelper output) : StoreContractTests(output)
{
    private readonly StoreDir _dir = new();

    public override void Dispose() => _dir.Dispose();

    private string StorePath => _dir.File("lagebild.db");

    protected override IArticleStore OpenStore() => SqliteStore.Open(StorePath, _clock);

    protected override object? Outside(string sql) => Raw.Scalar(StorePath, sql);

    [Fact]
    public async Task A_writer_waits_for_another_connections_write_lock()
    {
        using var store = OpenStore();
        var doc = Docs.Analyse("a", "In Almaty wurden 12 Menschen verletzt.");
        using var other = Raw.Open(StorePath);
        using var tx = other.BeginTransaction(deferred: false); // holds the write lock
        var release = Task.Run(async () =>
        {
            await Task.Delay(300);
            tx.Commit();
        });

        var sw = Stopwatch.StartNew();
        var result = store.Add(doc);
        sw.Stop();
        await release;
        Output.WriteLine($"Add waited {sw.ElapsedMilliseconds} ms");

        Assert.Equal(AddStatus.Stored, result.Status);
        Assert.True(sw.ElapsedMilliseconds >= 200, $"Add returned after {sw.ElapsedMilliseconds} ms while the lock was held");
    }

    [Fact]
    public void An_empty_file_is_migrated_to_the_current_schema()
    {
        File.WriteAllBytes(StorePath, []);
        using (var store = OpenStore())
        {
            Assert.Equal(CurrentVersion, store.SchemaVersion);
            Assert.Equal(new StoreCounts(0, 0, 0), store.Counts());
        }

        Assert.Equal(CurrentVersion, Raw.Long(StorePath, "PRAGMA user_version"));
        Assert.Equal(0x4C414745L, Raw.Long(StorePath, "PRAGMA application_id"));
        Assert.Equal("wal", Raw.Scalar(StorePath, "PRAGMA journal_mode"));
        foreach (var table in new[] { "articles", "facts", "minhash_bands", "search_index", "article_stories", "article_entities" })
            Assert.Equal(1L, Raw.Long(StorePath, $"SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '{table}'"));
    }

    [Fact]
    public void Missing_directories_are_created()
    {
        string path = Path.Combine(_dir.Path, "a", "b", "store.db");

        using (var store = SqliteStore.Open(path, _clock))
            store.Add(Docs.Analyse("a", "In Almaty wurden 12 Menschen verletzt."));

        Assert.True(File.Exists(path));
        using var reopened = SqliteStore.Open(path);
        Assert.Equal(1, reopened.Counts().Articles);
    }

    [Fact]
    public void A_store_with_a_newer_schema_is_refused()
    {
        using (OpenStore())
        {
        }
        long newer = CurrentVersion + 1;
        Raw.Execute(StorePath, $"PRAGMA user_version = {newer}");

        var ex = Assert.Throws<StoreException>(() => OpenStore());

        Assert.Equal($"store schema version {newer} is newer than this lagebild (knows {CurrentVersion}); upgrade lagebild", ex.Message);
        Assert.Equal(newer, Raw.Long(StorePath, "PRAGMA user_version"));
    }

    [Fact]
    public void A_text_file_is_refused_and_left_alone()
    {
        const string content = "id,text\n1,In Almaty wurden 12 Menschen verletzt.\n";
        File.WriteAllText(StorePath, content);

        var ex = Assert.Throws<StoreException>(() => OpenStore());

        Assert.Equal($"{StorePath} is not a Lagebild store (not an SQLite database)", ex.Message);
        Assert.Equal(content, File.ReadAllText(StorePath));
    }

    [Fact]
    public void A_directory_is_refused()
    {
        var ex = Assert.Throws<StoreException>(() => SqliteStore.Open(_dir.Path, _clock));

        Assert.Equal($"{_dir.Path} is a directory, not a Lagebild store file", ex.Message);
    }

    [Fact]
    public void Another_programs_sqlite_database_is_refused_and_left_alone()
    {
        Raw.Execute(StorePath, "CREATE TABLE notes (body TEXT)");

        var ex = Assert.Throws<StoreException>(() => OpenStore());

        Assert.Contains("is not a Lagebild store", ex.Message);
        Assert.Equal(0L, Raw.Long(StorePath, "SELECT count(*) FROM sqlite_schema WHERE name = 'articles'"));
        Assert.Equal(0L, Raw.Long(StorePath, "PRAGMA user_version"));
    }

    [Fact]
    public void An_older_store_is_migrated_and_keeps_its_data()
    {
        // A store as a build that knew only v1 left it: the later columns absent, user_version 1.
        using (var store = OpenStore())
            store.Add(Docs.Analyse("a", Docs.Rich, PartialDate.Day(2022, 1, 10)));
        Raw.Execute(StorePath, "ALTER TABLE facts DROP COLUMN place_id");
        Raw.Execute(StorePath, "ALTER TABLE facts DROP COLUMN in_title");
        Raw.Execute(StorePath, "DROP TABLE article_stories; DROP TABLE story_merges; DROP TABLE story_state; DROP TABLE article_entities; DROP TABLE search_index");
        Raw.Execute(StorePath, "PRAGMA user_version = 1");
        Assert.Equal(1L, Raw.Long(StorePath, "PRAGMA user_version"));
        Assert.Equal(0L, Raw.Long(StorePath, "SELECT count(*) FROM pragma_table_info('facts') WHERE name = 'place_id'"));

        using (var store = OpenStore())
        {
            Assert.Equal(CurrentVersion, store.SchemaVersion);
            Assert.Equal(Docs.Rich, store.Article("a")!.Text);
            Assert.NotEmpty(store.Facts("a"));
            Assert.All(store.Facts("a"), f => Assert.Null(f.Fact.Place?.Id)); // written before ids were stored
            Assert.Equal(["a"], store.UnclusteredArticles()); // stored before stories: clustered on the next ingest
        }
        Assert.Equal(CurrentVersion, Raw.Long(StorePath, "PRAGMA user_version"));
        Assert.Equal(1L, Raw.Long(StorePath, "SELECT count(*) FROM pragma_table_info('facts') WHERE name = 'place_id'"));

        // A later build's migration: this build refuses the store afterwards.
        var next = SqliteMigration.Script((int)CurrentVersion + 1, "add notes", "CREATE TABLE notes (article TEXT, body TEXT)");
        using (var store = SqliteStore.Open(StorePath, _clock, [.. SqliteSchema.Migrations, next]))
            Assert.Equal(CurrentVersion + 1, store.SchemaVersion);
        Assert.Equal(1L, Raw.Long(StorePath, "SELECT count(*) FROM sqlite_schema WHERE name = 'notes'"));
        Assert.Contains($"knows {CurrentVersion}", Assert.Throws<StoreException>(() => OpenStore()).Message);
    }

    private static long CurrentVersion => SqliteSchema.Migrations.Count;

    [Fact]
    public void A_failing_migration_rolls_back_every_step()
    {
        using (var current = OpenStore())
            current.Add(Docs.Analyse("a", "In Almaty wurden 12 Menschen verletzt."));
        int v = (int)CurrentVersion;
        var next = SqliteMigration.Script(v + 1, "add notes", "CREATE TABLE notes (body TEXT)");
        var broken = SqliteMigration.Script(v + 2, "broken step", "ALTER TABLE no_such_table ADD COLUMN x TEXT");

        var ex = Assert.Throws<StoreException>(() => SqliteStore.Open(StorePath, _clock, [.. SqliteSchema.Migrations, next, broken]));

        Assert.Contains($"migration to schema version {v + 2} (broken step) failed", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
        Assert.Equal(CurrentVersion, Raw.Long(StorePath, "PRAGMA user_version"));
        Assert.Equal(0L, Raw.Long(StorePath, "SELECT count(*) FROM sqlite_schema WHERE name = 'notes'"));
        using var store = OpenStore();
        Assert.Equal(1, store.Counts().Articles);
    }

    [Fact]
    public void The_search_index_holds_originals_only_and_follows_updates()
    {
        using var store = OpenStore();
        store.Add(Docs.Analyse("wire", Docs.Wire, title: "Unruhen"));
        store.Add(Docs.Analyse("copy", Docs.WireEdited, title: "Unruhen"));
        store.Add(Docs.Analyse("flood", Docs.Other));
        const string match = "SELECT group_concat(a.id) FROM search_index JOIN articles a ON a.seq = search_index.rowid WHERE search_index MATCH ";

        Assert.Equal("wire", Raw.Scalar(StorePath, match + "'unruh'"));
        Assert.Equal(2L, Raw.Long(StorePath, "SELECT count(*) FROM search_index"));
        Assert.Equal(0L, Raw.Long(StorePath, "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'articles_fts%'")); // the v1 index is gone (v8)

        store.Add(Docs.Analyse("flood", "In Almaty wurden 12 Menschen verletzt."));

        Assert.Equal(2L, Raw.Long(StorePath, "SELECT count(*) FROM search_index"));
        Assert.Equal("flood", Raw.Scalar(StorePath, match + "'verletzt'"));
    }

}
