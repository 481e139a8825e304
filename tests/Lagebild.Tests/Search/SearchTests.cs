using System.Text.Json;
using Lagebild.Cli;
using Lagebild.Model;
using Lagebild.Search;
using Lagebild.Storage;
using Lagebild.Tests.Storage;

namespace Lagebild.Tests.Search;

public sealed class SearchTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lagebild-search-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static HashSet<string> Terms(string word, string? language = null) => SearchAnalyzer.Default.Terms(word.ToLowerInvariant(), language).ToHashSet();

    [Theory]
    [InlineData("Festnahmen", "festgenommen", "de")]
    [InlineData("Festnahme", "Massenfestnahmen", "de")]
    [InlineData("Kasachstans", "Kasachstan", "de")]
    [InlineData("Toten", "getötet", "de")]
    [InlineData("arrests", "detained", "en")]
    [InlineData("shootings", "shot", "en")]
    public void Forms_of_one_word_share_a_term(string query, string document, string language)
    {
        var q = Terms(query);
        var d = Terms(document, language);
        Assert.True(q.Overlaps(d), $"{query} {string.Join(",", q)} / {document} {string.Join(",", d)}");
    }

    [Fact]
    public void Function_words_and_unrelated_words_do_not_match()
    {
        Assert.Empty(Terms("und", "de"));
        Assert.False(Terms("Festnahmen").Overlaps(Terms("verletzt", "de")));
        Assert.Empty(Searcher.QueryTerms("der die das"));
    }

    private SqliteStore Store()
    {
        var store = SqliteStore.Open(Path.Combine(_dir, "s.db"));
        store.Add(Docs.Analyse("almaty", "In Almaty wurden am Sonntag 300 Menschen festgenommen, teilte das Innenministerium mit.", PartialDate.Day(2022, 1, 10), "Festnahmen in Almaty"));
        store.Add(Docs.Analyse("flood", "Nach dem Hochwasser in Celje wurden 12 Tote geborgen, 300 Menschen wurden evakuiert.", PartialDate.Day(2025, 3, 10)));
        store.Add(Docs.Analyse("rally", "Police detained dozens of demonstrators in Tbilisi, the interior ministry said.", PartialDate.Day(2025, 4, 6), "Tbilisi rally"));
        return store;
    }

    [Fact]
    public void The_store_finds_articles_by_any_form_and_filters_them()
    {
        using var store = Store();
        Assert.Equal(["almaty"], Searcher.Search(store, "Festnahmen", new SearchFilter()).Select(h => h.ArticleId));
        Assert.Equal(["flood"], Searcher.Search(store, "Toten Celje", new SearchFilter()).Select(h => h.ArticleId)); // every word must match
        Assert.Empty(Searcher.Search(store, "Festnahmen Celje", new SearchFilter()));
        Assert.Equal(["rally"], Searcher.Search(store, "arrests", new SearchFilter()).Select(h => h.ArticleId));
        Assert.Empty(Searcher.Search(store, "Festnahmen", new SearchFilter(From: new DateOnly(2023, 1, 1))));
        Assert.Single(Searcher.Search(store, "Festnahmen", new SearchFilter(Kind: FactKind.Arrested, Place: "Almaty", Source: "Innenministerium")));
        Assert.Empty(Searcher.Search(store, "Festnahmen", new SearchFilter(Kind: FactKind.Killed)));
        // Query syntax of FTS5 is never interpreted: quotes and operators are words or nothing.
        Assert.Empty(Searcher.Search(store, "\"festnahmen\" OR * NEAR(", new SearchFilter()));
    }

    [Fact]
    public void A_snippet_marks_the_matching_words()
    {
        using var store = Store();
        var hit = Assert.Single(Searcher.Search(store, "festgenommen", new SearchFilter()));
        var mark = Assert.Single(hit.Highlights);
        Assert.Equal("festgenommen", hit.Snippet[mark.Start..mark.End]);
    }

    [Fact]
    public void The_command_prints_hits_as_JSON_Lines_and_fails_cleanly()
    {
        using (Store()) { }
        string db = Path.Combine(_dir, "s.db");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = global::Lagebild.Cli.Cli.Run(["search", "Festnahmen", "--store", db, "--format", "jsonl"], new CliIo(stdout, stderr) { Env = _ => null });
        Assert.Equal(ExitCodes.Ok, code);
        var hit = JsonDocument.Parse(stdout.ToString().Trim()).RootElement;
        Assert.Equal("almaty", hit.GetProperty("article").GetString());
        Assert.Equal("Festnahmen in Almaty", hit.GetProperty("title").GetString());
        var h = hit.GetProperty("highlights")[0];
        Assert.Equal("festgenommen", hit.GetProperty("snippet").GetString()![h.GetProperty("start").GetInt32()..h.GetProperty("end").GetInt32()]);
        Assert.Equal(ExitCodes.Usage, global::Lagebild.Cli.Cli.Run(["search", "x", "--kind", "robbed", "--store", db], new CliIo(new StringWriter(), new StringWriter())));
        Assert.Equal(ExitCodes.BadInput, global::Lagebild.Cli.Cli.Run(["search", "x", "--store", Path.Combine(_dir, "none.db")], new CliIo(new StringWriter(), new StringWriter()) { Env = _ => null }));
    }
}
