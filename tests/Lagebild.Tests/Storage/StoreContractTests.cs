using System.Diagnostics;
using Lagebild.Ingest;
using Lagebild.Model;
using Lagebild.Storage;
using Xunit.Abstractions;

namespace Lagebild.Tests.Storage;

/// <summary>
/// The contract of <see cref="IArticleStore"/>, run against every backend (<see cref="SqliteStoreTests"/>,
/// <see cref="PostgresStoreTests"/>): each test opens its stores through <see cref="OpenStore"/>, which gives a fresh,
/// empty store the first time in a test and the same store again after that.
/// </summary>
public abstract class StoreContractTests(ITestOutputHelper output) : IDisposable
{
    private protected readonly ManualClock _clock = new(Docs.T0);

    protected ITestOutputHelper Output => output;

    /// <summary>Opens the test's store (another instance on the same database each call).</summary>
    protected abstract IArticleStore OpenStore();

    /// <summary>The first value of <paramref name="sql"/> read on another connection (outside any open transaction of the store).</summary>
    protected abstract object? Outside(string sql);

    private long OutsideLong(string sql) => Convert.ToInt64(Outside(sql), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>How many article rows another connection sees now.</summary>
    private long ArticlesSeenByAnotherConnection() => OutsideLong("SELECT count(*) FROM articles");

    /// <summary>The most a batch of about a thousand documents may take to store (a floor against regressions, not a benchmark).</summary>
    protected virtual int ThousandDocumentsBudgetMs => 5000;

    public virtual void Dispose()
    {
    }

    // ---- round trip -------------------------------------------------------------------------

    [SkippableFact]
    public void Every_fact_field_survives_the_round_trip()
    {
        var doc = Docs.Analyse("rich", Docs.Rich, PartialDate.Day(2022, 1, 10));
        // The text must exercise every field, or the equality below proves little.
        Assert.True(doc.Facts.Count >= 5);
        Assert.Contains(doc.Facts, f => f.Additional && f.Count.Qualifier == CountQualifier.Almost);
        Assert.Contains(doc.Facts, f => f.Cumulative);
        Assert.Contains(doc.Facts, f => f.Count.Value is null);
        Assert.Contains(doc.Facts, f => f.Place is { Lat: not null, Lon: not null, Country: not null });
        Assert.Contains(doc.Facts, f => f.Time?.Resolved?.Precision == DatePrecision.Week);
        Assert.Contains(doc.Facts, f => f.Time?.Resolved?.Precision == DatePrecision.Day);
        Assert.Contains(doc.Facts, f => f.Source is { Cue.Length: > 0 });
        Assert.Contains(doc.Facts, f => f.Place is null);
        Assert.Contains(doc.Facts, f => f.Time is null);
        Assert.Contains(doc.Facts, f => f.Source is null);
        var unresolved = Docs.Analyse("undated", "Am Sonntag wurden in Almaty 30 Menschen getötet.");
        Assert.Contains(unresolved.Facts, f => f.Time is { Resolved: null, Precision: DatePrecision.Day });

        using (var store = OpenStore())
        {
            store.Add(doc);
            store.Add(unresolved);
        }
        using var reopened = OpenStore();

        foreach (var d in new[] { doc, unresolved })
        {
            var expected = d.Facts.OrderBy(f => f.Evidence.Start).ThenBy(f => d.Facts.IndexOf(f)).ToList();
            var stored = reopened.Facts(d.Article.Id);
            Assert.Equal(expected, stored.Select(s => s.Fact)); // record equality: every field, nested records included
            foreach (var s in stored)
            {
                Assert.Equal(d.Article.Id, s.ArticleId);
                Assert.Equal(d.Slice(s.Fact, s.Fact.Evidence), s.Sentence);
            }
        }
        Assert.Equal(doc.Facts.Count + unresolved.Facts.Count, reopened.Facts().Count);
    }

    [SkippableFact]
    public void Article_metadata_survives_the_round_trip()
    {
        var doc = Docs.Analyse("meta", Docs.Rich, PartialDate.Day(2022, 1, 10), title: "Unruhen in Kasachstan",
            url: "https://example.org/a/1", source: "Der Standard", author: "A. Autorin", origin: "feed.xml:3");
        Assert.NotEmpty(doc.Credits);

        using (var store = OpenStore())
            Assert.Equal(new AddResult("meta", AddStatus.Stored), store.Add(doc));
        using var reopened = OpenStore();
        var a = reopened.Article("meta");

        Assert.NotNull(a);
        Assert.Equal("Unruhen in Kasachstan", a.Title);
        Assert.Equal(PartialDate.Day(2022, 1, 10), a.Published);
        Assert.Equal("https://example.org/a/1", a.Url);
        Assert.Equal("Der Standard", a.Source);
        Assert.Equal("A. Autorin", a.Author);
        Assert.Equal("de", a.Language);
        Assert.Equal("feed.xml:3", a.Origin);
        Assert.Equal("text", a.Format);
        Assert.Equal(Docs.Rich, a.Text);
        Assert.Equal(["dpa", "AFP"], a.Agencies);
        Assert.Equal(doc.Credits, a.Credits);
        Assert.Equal(doc.Captions, a.Captions);
        Assert.Null(a.DuplicateOf);
        Assert.False(a.IsDuplicate);
        Assert.Equal(0, a.Similarity);
        Assert.Equal(Docs.T0, a.IngestedAt);
        Assert.Null(reopened.Article("nope"));
    }

    [SkippableFact]
    public void Published_dates_keep_their_precision_and_order_the_articles()
    {
        using var store = OpenStore();
        store.AddRange(
        [
            Docs.Analyse("undated", "Ein Text ohne Datum."),
            Docs.Analyse("day", "Ein Text vom Tag.", PartialDate.Day(2022, 1, 9)),
            Docs.Analyse("month", "Ein Text aus dem Monat.", PartialDate.Month(2022, 1)),
            Docs.Analyse("year", "Ein Text aus dem Jahr.", PartialDate.Year(2021)),
            Docs.Analyse("week", "Ein Text aus der Woche.", PartialDate.Week(new DateOnly(2022, 1, 5))),
        ]);

        Assert.Equal(PartialDate.Month(2022, 1), store.Article("month")!.Published);
        Assert.Equal(DatePrecision.Month, store.Article("month")!.Published!.Value.Precision);
        Assert.Equal(PartialDate.Year(2021), store.Article("year")!.Published);
        Assert.Equal(PartialDate.Week(new DateOnly(2022, 1, 5)), store.Article("week")!.Published);
        Assert.Equal(PartialDate.Day(2022, 1, 9), store.Article("day")!.Published);
        Assert.Null(store.Article("undated")!.Published);
        Assert.Equal("2022-01", Outside("SELECT published FROM articles WHERE id = 'month'"));
        Assert.Equal("month", Outside("SELECT published_precision FROM articles WHERE id = 'month'"));
        // By first day: 2021 < 2022-01 (Jan 1) < week of Jan 3 < Jan 9; undated last.
        Assert.Equal(["year", "month", "week", "day", "undated"], store.Articles().Select(a => a.Id));
    }

    // ---- idempotence and updates ------------------------------------------------------------

    [SkippableFact]
    public void Adding_the_same_article_again_is_unchanged_and_writes_nothing()
    {
        using var store = OpenStore();
        var doc = Docs.Analyse("a", Docs.Rich, PartialDate.Day(2022, 1, 10));
        Assert.Equal(AddStatus.Stored, store.Add(doc).Status);
        var before = store.Counts();
        _clock.Now = Docs.T0.AddHours(5);

        var again = store.Add(Docs.Analyse("a", Docs.Rich, PartialDate.Day(2022, 1, 10), title: "new title"));

        Assert.Equal(new AddResult("a", AddStatus.Unchanged), again);
        Assert.Equal(before, store.Counts());
        Assert.Equal(doc.Facts.Count, before.Facts);
        Assert.Equal(Docs.T0, store.Article("a")!.IngestedAt); // not rewritten
        Assert.Null(store.Article("a")!.Title); // metadata alone is not a change
    }

    [SkippableFact]
    public void Same_id_with_changed_text_is_updated_and_its_facts_replaced()
    {
        using var store = OpenStore();
        store.Add(Docs.Analyse("a", "In der Stadt Almaty sind knapp 1700 weitere Menschen festgenommen worden."));
        Assert.Equal(FactKind.Arrested, Assert.Single(store.Facts("a")).Fact.Kind);
        _clock.Now = Docs.T0.AddDays(1);

        const string corrected = "In der Stadt Almaty wurden 12 Menschen verletzt.";
        var result = store.Add(Docs.Analyse("a", corrected));

        Assert.Equal(new AddResult("a", AddStatus.Updated), result);
        var fact = Assert.Single(store.Facts("a"));
        Assert.Equal(FactKind.Injured, fact.Fact.Kind);
        Assert.Equal(12, fact.Fact.Count.Value);
        Assert.Equal(corrected, store.Article("a")!.Text);
        Assert.Equal(Docs.T0.AddDays(1), store.Article("a")!.IngestedAt);
        Assert.Equal(new StoreCounts(1, 0, 1), store.Counts());
    }

    [SkippableFact]
    public void Whitespace_only_change_is_an_update_because_fact_offsets_move()
    {
        using var store = OpenStore();
        store.Add(Docs.Analyse("a", "In Almaty wurden 12 Menschen verletzt."));
        var result = store.Add(Docs.Analyse("a", "  In Almaty wurden 12 Menschen verletzt."));

        Assert.Equal(AddStatus.Updated, result.Status);
        Assert.Equal(2, Assert.Single(store.Facts("a")).Fact.Evidence.Start);
    }

    // ---- duplicates -------------------------------------------------------------------------

    [SkippableFact]
    public void Exact_copy_under_another_id_is_linked_without_text_or_facts()
    {
        using var store = OpenStore();
        var original = Docs.Analyse("orig", Docs.Rich, PartialDate.Day(2022, 1, 10));
        store.Add(original);
        // Same text, whitespace and case changed: still an exact duplicate.
        string copyText = "  " + Docs.Rich.ToUpperInvariant().Replace(" ", "  ", StringComparison.Ordinal);
        var copy = Docs.Analyse("copy", copyText, PartialDate.Day(2022, 1, 11), url: "https://example.org/copy", source: "Kurier");

        var result = store.Add(copy);

        Assert.Equal(new AddResult("copy", AddStatus.Duplicate, "orig", 1.0), result);
        var link = store.Article("copy")!;
        Assert.Null(link.Text);
        Assert.Equal("orig", link.DuplicateOf);
        Assert.Equal(1.0, link.Similarity);
        Assert.Equal("https://example.org/copy", link.Url);
        Assert.Equal("Kurier", link.Source);
        Assert.Equal(PartialDate.Day(2022, 1, 11), link.Published);
        Assert.Empty(store.Facts("copy"));
        Assert.Equal(new StoreCounts(1, 1, original.Facts.Count), store.Counts());
        Assert.Equal(original.Facts.Count, store.Facts().Count);
        Assert.Equal(1L, OutsideLong("SELECT count(*) FROM articles WHERE text IS NOT NULL"));
        Assert.Equal(["orig", "copy"], store.Articles().Select(a => a.Id));
    }

    [SkippableFact]
    public void A_copied_body_under_another_headline_keeps_the_headline_s_facts_only()
    {
        using var store = OpenStore();
        const string paywall = "Sign in with your account to keep reading. By registering you agree to our terms of service and privacy policy. Already have an account? We have sent a link to your address.";
        store.Add(Docs.Analyse("first", paywall, PartialDate.Day(2016, 11, 7), title: "4 people wounded in Orange County shooting"));
        var copy = Docs.Analyse("second", paywall, PartialDate.Day(2016, 11, 8), title: "3 men killed in Lakewood shooting");
        Assert.Contains(copy.Facts, f => f.InTitle);

        Assert.Equal(AddStatus.Duplicate, store.Add(copy).Status);

        var kept = Assert.Single(store.Facts("second"));
        Assert.Equal((FactKind.Killed, 3L, true), (kept.Fact.Kind, kept.Fact.Count.Value!.Value, kept.Fact.InTitle));
        Assert.Equal(FactKind.Injured, Assert.Single(store.Facts("first")).Fact.Kind);
    }

    [SkippableFact]
    public void A_copy_of_a_copy_points_at_the_original()
    {
        using var store = OpenStore();
        store.Add(Docs.Analyse("orig", Docs.Wire));
        store.Add(Docs.Analyse("copy1", Docs.WireEdited));

        var exact = store.Add(Docs.Analyse("copy2", Docs.WireEdited));

        Assert.Equal("orig", exact.DuplicateOf);
        Assert.Equal(AddStatus.Duplicate, exact.Status);
    }

    [SkippableFact]
    public void Near_copy_with_a_few_words_changed_is_a_duplicate()
    {
        Assert.NotEqual(Docs.Wire, Docs.WireEdited);
        using var store = OpenStore();
        var original = Docs.Analyse("dpa-1", Docs.Wire, PartialDate.Day(2022, 1, 10));
        store.Add(original);

        var result = store.Add(Docs.Analyse("standard-7", Docs.WireEdited, PartialDate.Day(2022, 1, 10)));

        Assert.Equal(AddStatus.Duplicate, result.Status);
        Assert.Equal("dpa-1", result.DuplicateOf);
        Assert.InRange(result.Similarity, DuplicateIndex.NearThreshold, 0.999);
        Assert.Null(store.Article("standard-7")!.Text);
        Assert.Equal(result.Similarity, store.Article("standard-7")!.Similarity);
        Assert.Equal(new StoreCounts(1, 1, original.Facts.Count), store.Counts());
    }

    [SkippableFact]
    public void Different_text_is_stored_as_an_original()
    {
        using var store = OpenStore();
        store.Add(Docs.Analyse("wire", Docs.Wire));

        var result = store.Add(Docs.Analyse("flood", Docs.Other));

        Assert.Equal(new AddResult("flood", AddStatus.Stored), result);
        Assert.Equal(Docs.Other, store.Article("flood")!.Text);
        Assert.Equal(new StoreCounts(2, 0, store.Facts().Count), store.Counts());
        Assert.NotEmpty(store.Facts("flood"));
    }

    [SkippableFact]
    public void Short_texts_that_differ_by_a_word_are_not_near_duplicates()
    {
        using var store = OpenStore();
        Assert.Equal(AddStatus.Stored, store.Add(Docs.Analyse("a", "In Almaty wurden 12 Menschen verletzt.")).Status);
        Assert.Equal(AddStatus.Stored, store.Add(Docs.Analyse("b", "In Almaty wurden 13 Menschen verletzt.")).Status);
        Assert.Equal(AddStatus.Duplicate, store.Add(Docs.Analyse("c", "in almaty wurden 13 menschen verletzt.")).Status);
    }

    [SkippableFact]
    public void A_copy_whose_text_changes_to_new_content_becomes_an_original()
    {
        using var store = OpenStore();
        store.Add(Docs.Analyse("orig", Docs.Wire));
        Assert.Equal(AddStatus.Duplicate, store.Add(Docs.Analyse("x", Docs.WireEdited)).Status);

        var result = store.Add(Docs.Analyse("x", Docs.Other));

        Assert.Equal(new AddResult("x", AddStatus.Updated), result);
        Assert.Equal(Docs.Other, store.Article("x")!.Text);
        Assert.Null(store.Article("x")!.DuplicateOf);
        Assert.NotEmpty(store.Facts("x"));
        Assert.Equal(2, store.Counts().Articles);
    }

    [SkippableFact]
    public void An_original_whose_text_changes_to_a_copy_of_another_becomes_a_link()
    {
        using var store = OpenStore();
        store.Add(Docs.Analyse("wire", Docs.Wire));
        store.Add(Docs.Analyse("x", Docs.Other));
        Assert.NotEmpty(store.Facts("x"));

        var result = store.Add(Docs.Analyse("x", Docs.WireEdited));

        Assert.Equal(AddStatus.Duplicate, result.Status);
        Assert.Equal("wire", result.DuplicateOf);
        Assert.Null(store.Article("x")!.Text);
        Assert.Empty(store.Facts("x"));
        Assert.Equal(new StoreCounts(1, 1, store.Facts("wire").Count), store.Counts());
    }

    [SkippableFact]
    public void An_original_with_copies_stays_an_original_when_its_text_changes()
    {
        using var store = OpenStore();
        store.Add(Docs.Analyse("other", Docs.Other));
        store.Add(Docs.Analyse("wire", Docs.Wire));
        store.Add(Docs.Analyse("copy", Docs.WireEdited));

        // The original is rewritten to the text of another original: it must not become a copy,
        // or "copy" would point at a copy.
        var result = store.Add(Docs.Analyse("wire", Docs.Other));

        Assert.Equal(new AddResult("wire", AddStatus.Updated), result);
        Assert.Equal(Docs.Other, store.Article("wire")!.Text);
        Assert.Equal("wire", store.Article("copy")!.DuplicateOf);
    }

    // ---- persistence ------------------------------------------------------------------------

    [SkippableFact]
    public void Reopening_keeps_everything_and_finds_duplicates_of_earlier_runs()
    {
        StoreCounts counts;
        List<StoredArticle> articles;
        List<StoredFact> facts;
        using (var first = OpenStore())
        {
            first.Add(Docs.Analyse("wire", Docs.Wire, PartialDate.Day(2022, 1, 10)));
            first.Add(Docs.Analyse("rich", Docs.Rich, PartialDate.Month(2022, 1)));
            counts = first.Counts();
            articles = [.. first.Articles()];
            facts = [.. first.Facts()];
        }

        using var second = OpenStore();
        Assert.Equal(counts, second.Counts());
        Assert.Equal(articles.Select(Describe), second.Articles().Select(Describe));
        Assert.Equal(facts, second.Facts());

        var near = second.Add(Docs.Analyse("near", Docs.WireEdited));
        var exact = second.Add(Docs.Analyse("exact", Docs.Rich));
        var again = second.Add(Docs.Analyse("rich", Docs.Rich, PartialDate.Month(2022, 1)));

        Assert.Equal((AddStatus.Duplicate, "wire"), (near.Status, near.DuplicateOf));
        Assert.Equal(new AddResult("exact", AddStatus.Duplicate, "rich", 1.0), exact);
        Assert.Equal(AddStatus.Unchanged, again.Status);

        // Lists are compared by content; records compare list fields by reference.
        static string Describe(StoredArticle a) =>
            $"{a.Id}|{a.Title}|{a.Published}|{a.Text}|{string.Join(",", a.Agencies)}|{string.Join(",", a.Credits)}|{a.DuplicateOf}|{a.IngestedAt:o}";
    }

    [SkippableFact]
    public void Two_stores_on_one_file_see_each_others_articles()
    {
        using var a = OpenStore();
        using var b = OpenStore();
        a.Add(Docs.Analyse("wire", Docs.Wire));

        var result = b.Add(Docs.Analyse("copy", Docs.WireEdited));

        Assert.Equal("wire", result.DuplicateOf);
        Assert.Equal(new StoreCounts(1, 1, a.Facts().Count), a.Counts());
    }

    // ---- schema and migrations --------------------------------------------------------------

    [SkippableFact]
    public void Place_ids_round_trip()
    {
        using var store = OpenStore();
        store.Add(Docs.Analyse("a", "In der Stadt Almaty wurden 12 Menschen verletzt."));
        Assert.Equal("geonames:1526384", Assert.Single(store.Facts("a")).Fact.Place!.Id);
    }

    // ---- batches ----------------------------------------------------------------------------

    [SkippableFact]
    public void AddRange_applies_add_semantics_in_order_within_the_batch()
    {
        using var store = OpenStore();
        var results = store.AddRange(
        [
            Docs.Analyse("wire", Docs.Wire),
            Docs.Analyse("copy", Docs.WireEdited),
            Docs.Analyse("wire", Docs.Wire),
            Docs.Analyse("flood", Docs.Other),
            Docs.Analyse("flood", "In Almaty wurden 12 Menschen verletzt."),
        ]);

        Assert.Equal(
            [AddStatus.Stored, AddStatus.Duplicate, AddStatus.Unchanged, AddStatus.Stored, AddStatus.Updated],
            results.Select(r => r.Status));
        Assert.Equal(["wire", "copy", "wire", "flood", "flood"], results.Select(r => r.Id));
        Assert.Equal(new StoreCounts(2, 1, store.Facts().Count), store.Counts());
    }

    [SkippableFact]
    public void AddRange_is_one_transaction_all_or_nothing()
    {
        using var store = OpenStore();
        var counts = new List<long>();

        IEnumerable<Document> Batch()
        {
            yield return Docs.Analyse("a", "In Almaty wurden 12 Menschen verletzt.");
            yield return Docs.Analyse("b", Docs.Wire);
            // Another connection sees nothing of the batch before it commits.
            counts.Add(ArticlesSeenByAnotherConnection());
            yield return Docs.Analyse(" ", "Ein Artikel ohne Kennung.");
        }

        var ex = Assert.Throws<ArgumentException>(() => store.AddRange(Batch()));

        Assert.Contains("blank id", ex.Message);
        Assert.Equal([0L], counts);
        Assert.Equal(new StoreCounts(0, 0, 0), store.Counts());
        Assert.Equal(AddStatus.Stored, store.Add(Docs.Analyse("a", "In Almaty wurden 12 Menschen verletzt.")).Status);
    }

    [SkippableFact]
    public void AddRange_of_a_thousand_documents_is_fast()
    {
        string[] cities = ["Almaty", "Schymkent", "Aqtöbe", "Taras", "Pawlodar", "Semei", "Atyrau", "Kostanai"];
        string[] kinds = ["festgenommen", "verletzt", "getötet", "evakuiert"];
        var docs = Enumerable.Range(0, 1000).Select(i => Docs.Analyse(
            $"doc-{i:D4}",
            $"In der Stadt {cities[i % cities.Length]} sind nach Angaben der Polizei {i + 3} Menschen {kinds[i % kinds.Length]} worden. "
            + $"Die Meldung {i} erschien am {1 + i % 28}. Januar. (dpa)",
            PartialDate.Day(2022, 1, 1 + i % 28))).ToList();
        // Plus long texts, so the MinHash path is part of the measurement.
        docs.AddRange(Enumerable.Range(0, 50).Select(i => Docs.Analyse($"wire-{i}", i % 2 == 0 ? Docs.Wire : Docs.WireEdited)));
        using var store = OpenStore();
        store.Add(Docs.Analyse("warm-up", "Ein erster Text."));

        var sw = Stopwatch.StartNew();
        var results = store.AddRange(docs);
        sw.Stop();

        output.WriteLine($"AddRange of {docs.Count} analysed documents: {sw.ElapsedMilliseconds} ms");
        Assert.Equal(docs.Count, results.Count);
        Assert.Equal(1001, results.Count(r => r.Status == AddStatus.Stored));
        Assert.Equal(49, results.Count(r => r.Status == AddStatus.Duplicate && r.DuplicateOf == "wire-0"));
        int storedFacts = docs.Zip(results).Where(p => p.Second.Status == AddStatus.Stored).Sum(p => p.First.Facts.Count);
        Assert.True(storedFacts > 1000);
        Assert.Equal(storedFacts, store.Counts().Facts);
        Assert.True(sw.ElapsedMilliseconds < ThousandDocumentsBudgetMs, $"took {sw.ElapsedMilliseconds} ms");
    }

    // ---- arguments and lifetime -------------------------------------------------------------

    [SkippableFact]
    public void A_blank_id_is_rejected_and_nothing_is_written()
    {
        using var store = OpenStore();

        Assert.Throws<ArgumentException>(() => store.Add(Docs.Analyse("", "In Almaty wurden 12 Menschen verletzt.")));
        Assert.Throws<ArgumentNullException>(() => store.Add(null!));

        Assert.Equal(new StoreCounts(0, 0, 0), store.Counts());
    }

    [SkippableFact]
    public void A_disposed_store_refuses_calls()
    {
        var store = OpenStore();
        store.Dispose();
        store.Dispose();

        Assert.Throws<ObjectDisposedException>(() => store.Counts());
        Assert.Throws<ObjectDisposedException>(() => store.Add(Docs.Analyse("a", "Text.")));
    }

    // ---- stories ----------------------------------------------------------------------------

    [SkippableFact]
    public void Story_updates_are_written_with_their_state_and_bump_the_generation()
    {
        using var store = OpenStore();
        store.AddRange([Docs.Analyse("a", Docs.Wire), Docs.Analyse("b", Docs.Other)]);
        Assert.Equal(["a", "b"], store.UnclusteredArticles().Order());

        long first = store.UpdateStories(view =>
        {
            Assert.Equal(0, view.Generation);
            Assert.Null(view.State());
            Assert.Empty(view.Clustered(["a", "b"]));
            return new StoryWrite([new StoryAssignment("a", "s1", new DateOnly(2022, 1, 10), [1, 3])], [], [1, 2, 3]);
        });
        long second = store.UpdateStories(view =>
        {
            Assert.Equal(1, view.Generation);
            Assert.Equal([1, 2, 3], view.State());
            Assert.Equal(["a"], view.Clustered(["a", "b"]));
            return new StoryWrite([new StoryAssignment("b", "s2", null, []), new StoryAssignment("a", "s2", null, [5])], [new StoryMergeRecord("s2", "s1", "b")], [4]);
        });

        Assert.Equal((1L, 2L), (first, second));
        using var reopened = OpenStore();
        Assert.Equal([4], reopened.StoryState());
        Assert.Equal(2, reopened.StoryAssignmentCount());
        var assignments = reopened.StoryAssignments();
        Assert.Equal(["a:s2:5", "b:s2:"], assignments.Select(x => $"{x.ArticleId}:{x.Story}:{string.Join(',', x.Weekdays)}"));
        Assert.Equal([new StoryMergeRecord("s2", "s1", "b")], reopened.StoryMerges());
        Assert.Empty(reopened.UnclusteredArticles());
    }

    [SkippableFact]
    public void A_failing_story_update_writes_nothing()
    {
        using var store = OpenStore();
        store.Add(Docs.Analyse("a", Docs.Wire));

        Assert.Throws<InvalidOperationException>(() => store.UpdateStories(view => throw new InvalidOperationException("boom")));
        long unchanged = store.UpdateStories(view => null);

        Assert.Equal(0, unchanged);
        Assert.Null(store.StoryState());
        Assert.Equal(["a"], store.UnclusteredArticles());
    }

    [SkippableFact]
    public void Two_indexers_on_one_store_cluster_on_one_state_and_never_twice()
    {
        var a = Docs.Analyse("wire", Docs.Wire, PartialDate.Day(2022, 1, 10));
        var b = Docs.Analyse("wire-2", Docs.Wire.Replace("knapp 1700", "rund 1800", StringComparison.Ordinal) + " Ein Nachsatz.", PartialDate.Day(2022, 1, 10));
        var c = Docs.Analyse("flood", Docs.Other, PartialDate.Day(2022, 1, 11));
        using var s1 = OpenStore();
        using var s2 = OpenStore();
        s1.AddRange([a, b, c]);
        var first = new Lagebild.Stories.StoryIndexer(s1);
        var second = new Lagebild.Stories.StoryIndexer(s2);

        first.Add(a);
        first.Commit();
        second.Add(a); // already clustered by the first: skipped
        second.Add(c);
        second.Commit();
        first.Add(b); // the first must see the second's state before clustering b
        first.Commit();

        Assert.Equal(1, second.SkippedClustered);
        var stories = Lagebild.Stories.StoryIndexer.ResolvedStories(s1);
        Assert.Equal(3, stories.Count);
        Assert.Equal(stories["wire"], stories["wire-2"]);
        Assert.NotEqual(stories["wire"], stories["flood"]);
        Assert.Equal(3, first.Clusterer.Documents);
    }

    [SkippableFact]
    public void Commits_in_the_background_cluster_every_article_once_as_one_commit_at_the_end_would()
    {
        // Reports on two events over three weeks, interleaved; the first indexer commits every 4 articles in the
        // background while articles go on arriving, the second only at the end: same stories, nothing twice.
        var docs = Enumerable.Range(0, 24).Select(i => Docs.Analyse($"r{i:00}",
            (i % 2 == 0 ? Docs.Wire : Docs.Other) + $" Nachtrag {i}.", PartialDate.Day(2022, 1, 10 + i % 20))).ToList();
        using var store = OpenStore();
        store.AddRange(docs);
        using (var background = new Lagebild.Stories.StoryIndexer(store) { CommitEvery = 4, CommitCostRatio = 0 })
        {
            foreach (var d in docs)
                background.Add(d);
            background.Commit();
            Assert.Equal(24, background.Clustered);
            Assert.Equal(24, background.Clusterer.Documents);
        }
        Assert.Equal(24, store.StoryAssignmentCount());
        Assert.Empty(store.UnclusteredArticles());
        var inBackground = Lagebild.Stories.StoryIndexer.ResolvedStories(store);

        // The same articles through one clusterer in the same order.
        var once = new Lagebild.Stories.StoryClusterer();
        var stories = docs.Select(d => once.Add(Lagebild.Stories.StorySignals.From(d, once.Terms)).Story).ToList().Select(once.Resolve).ToList();
        Assert.Equal(docs.Select((d, i) => (d.Article.Id, stories[i])), docs.Select(d => (d.Article.Id, inBackground[d.Article.Id])));
        Assert.Equal(2, stories.Distinct().Count());
    }

    // ---- search and entities ----------------------------------------------------------------

    [SkippableFact]
    public void Search_links_word_forms_and_follows_updates()
    {
        using var store = OpenStore();
        store.Add(Docs.Analyse("wire", Docs.Wire, PartialDate.Day(2022, 1, 10), title: "Unruhen in Kasachstan"));
        store.Add(Docs.Analyse("copy", Docs.WireEdited, title: "Unruhen"));
        store.Add(Docs.Analyse("flood", Docs.Other, PartialDate.Day(2022, 2, 1)));
        static IReadOnlyList<IReadOnlyList<string>> Query(string q) => Lagebild.Search.Searcher.QueryTerms(q);

        Assert.Equal(["wire"], store.Search(Query("Festnahmen"), new SearchFilter(), 10).Select(h => h.ArticleId)); // festgenommen; copies are not indexed
        Assert.Equal(["flood"], store.Search(Query("Regenfälle"), new SearchFilter(), 10).Select(h => h.ArticleId));
        Assert.Empty(store.Search(Query("Regenfälle Almaty"), new SearchFilter(), 10));
        Assert.Empty(store.Search(Query("Festnahmen"), new SearchFilter(From: new DateOnly(2022, 1, 11)), 10));
        Assert.Equal(["wire"], store.Search(Query("Menschen"), new SearchFilter(Place: "Almaty"), 10).Select(h => h.ArticleId));

        store.Add(Docs.Analyse("flood", "In Almaty wurden 12 Menschen verletzt.", PartialDate.Day(2022, 2, 1)));

        Assert.Empty(store.Search(Query("Regenfälle"), new SearchFilter(), 10));
        Assert.Equal(["flood"], store.Search(Query("verletzt"), new SearchFilter(), 10).Select(h => h.ArticleId));
        Assert.Empty(store.Search(Query("\" ' OR 1=1 -- :* & |"), new SearchFilter(), 10));
    }

    [SkippableFact]
    public void Entities_round_trip_by_article_and_by_id()
    {
        var doc = Lagebild.Pipeline.DefaultPipeline.Shared.Process(new Article
        {
            Id = "ent",
            Origin = "test",
            Format = "text",
            Text = "Präsident Kassym-Schomart Tokajew sprach in Almaty mit der Organisation des Vertrags über kollektive Sicherheit.",
            Published = PartialDate.Day(2022, 1, 10),
        });
        using var store = OpenStore();
        store.Add(doc);

        var expected = Lagebild.Linking.EntityNormaliser.Normalise(doc).Select(Describe).ToList();
        Assert.Contains(expected, e => e.StartsWith("PER|") && e.Contains("Tokajew"));
        Assert.Contains(expected, e => e.StartsWith("LOC|Almaty|") && e.EndsWith("|KZ"));

        Assert.Equal(expected, Assert.Single(store.Entities()).Value.Select(Describe));
        Assert.Equal(expected, store.Entities(articleId: "ent")["ent"].Select(Describe));
        var first = store.Entities()["ent"][0];
        Assert.Equal([Describe(first)], store.Entities(entityId: first.Id)["ent"].Select(Describe));
        Assert.Empty(store.Entities(articleId: "none"));

        static string Describe(Lagebild.Linking.Entity e) =>
            $"{e.Type}|{e.Name}|{e.Id}|{string.Join(",", e.Aliases)}|{string.Join(",", e.Mentions)}|{e.Place?.Id}|{e.Place?.Country}";
    }
}
