using System.Text;
using System.Text.Json;
using Lagebild.Cli;
using Lagebild.Tests.Support;

namespace Lagebild.Tests.Cli;

/// <summary>The command line, run in-process: outputs, exit codes, and one-line errors for bad input.</summary>
public sealed class CliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lagebild-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args) => CliRunner.Run(args);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    private static string Samples => Path.Combine(SharedData.RepoRoot, "samples");

    [Fact]
    public void Help_lists_the_commands_and_exits_zero()
    {
        var (code, output, _) = Run("--help");
        Assert.Equal(ExitCodes.Ok, code);
        foreach (var cmd in new[] { "extract", "ingest", "report", "eval", "gazetteer" })
            Assert.Contains(cmd, output);
        Assert.Equal(ExitCodes.Ok, Run("extract", "--help").Code);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("extract")]
    [InlineData("extract", "--bogus", "x.txt")]
    [InlineData("extract", "--format", "xml", "x.txt")]
    [InlineData("eval", "facts", "only-one-argument")]
    public void Usage_errors_exit_two_with_a_hint(params string[] args)
    {
        var (code, _, err) = Run(args);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--help", err);
        Assert.DoesNotContain("   at ", err); // no stack trace
    }

    [Fact]
    public void Extract_writes_FACTS_md_lines_named_after_the_file()
    {
        var path = Write("almaty-bericht.txt", " date 2022-01-12 In der Stadt Almaty sind knapp 1700 weitere Menschen festgenommen worden. (dpa)");
        var (code, output, err) = Run("extract", path);
        Assert.Equal(ExitCodes.Ok, code);
        var fact = JsonDocument.Parse(Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries))).RootElement;
        Assert.Equal("almaty-bericht", fact.GetProperty("article").GetString());
        Assert.Equal("arrested", fact.GetProperty("kind").GetString());
        Assert.Equal(1700, fact.GetProperty("count").GetProperty("value").GetInt32());
        Assert.Equal("almost", fact.GetProperty("count").GetProperty("qualifier").GetString());
        Assert.True(fact.GetProperty("additional").GetBoolean());
        Assert.Equal("Almaty", fact.GetProperty("place").GetProperty("name").GetString());
        Assert.Contains("1 articles, 1 facts, 0 problems", err);
    }

    [Fact]
    public void Bad_inputs_give_one_line_each_and_the_valid_article_is_still_processed()
    {
        Write("good.txt", "In Almaty wurden am Montag 300 Menschen festgenommen.");
        Write("empty.txt", "");
        File.WriteAllBytes(Path.Combine(_dir, "binary.txt"), [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0xFF, 0x00, 0x01, 0x02, 0x00, 0x00]);
        File.WriteAllBytes(Path.Combine(_dir, "cut.txt"), [.. Encoding.UTF8.GetBytes("In Zürich wurden 20 Menschen verletzt. Gr"), 0xC3]);
        Write("feed.jsonl", "{\"id\":\"ok\",\"text\":\"In Kiew wurden 40 Menschen getötet.\"}\n{not json\n");
        Write("page.html", "<html><head><title>x</title></head></html>");
        var (code, output, err) = Run("extract", _dir, Path.Combine(_dir, "missing.txt"));
        Assert.Equal(ExitCodes.Ok, code);
        var articles = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("article").GetString()).ToList();
        Assert.Contains("good", articles);
        Assert.Contains("ok", articles);
        Assert.Contains("cut", articles);
        var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.Contains("empty.txt") && l.Contains("empty"));
        Assert.Contains(lines, l => l.Contains("binary.txt") && l.Contains("binary"));
        Assert.Contains(lines, l => l.Contains("cut.txt") && l.Contains("truncated UTF-8"));
        Assert.Contains(lines, l => l.Contains("feed.jsonl:2"));
        Assert.Contains(lines, l => l.Contains("page.html"));
        Assert.Contains(lines, l => l.Contains("missing.txt") && l.Contains("no such file"));
        Assert.DoesNotContain("   at ", err);
    }

    [Fact]
    public void Nothing_readable_exits_one()
    {
        Write("empty.txt", "");
        var (code, output, err) = Run("extract", Path.Combine(_dir, "empty.txt"), Path.Combine(_dir, "nope.txt"));
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal("", output);
        Assert.Contains("0 articles", err);
    }

    [Fact]
    public void Ingest_is_idempotent_and_links_the_wire_copy()
    {
        string store = Path.Combine(_dir, "store", "lagebild.db");
        var first = Run("ingest", Samples, "--store", store);
        Assert.Equal(ExitCodes.Ok, first.Code);
        Assert.Contains("1 duplicates linked", first.Out);
        Assert.Contains("note: ", first.Err); // samples/README.md is skipped with a notice
        var second = Run("ingest", Samples, "--store", store);
        Assert.Equal(ExitCodes.Ok, second.Code);
        Assert.Contains("0 stored", second.Out);
        Assert.Matches(@"\d+ unchanged", second.Out);
        Assert.Contains("stories: 8 articles clustered", first.Out); // the copy is clustered too
        Assert.Contains("stories: 0 articles clustered", second.Out);
        Assert.Equal(first.Out.Split('\n')[2], second.Out.Split('\n')[2]); // same store counts
        Assert.StartsWith("store: ", first.Out.Split('\n')[2]);
    }

    [Fact]
    public void Report_from_the_store_shows_stories_credits_agencies_and_differing_figures()
    {
        string store = Path.Combine(_dir, "r.db");
        Assert.Equal(ExitCodes.Ok, Run("ingest", Samples, "--store", store).Code);
        var (code, output, _) = Run("report", "--store", store, "--width", "200");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("Hochwasser in Slowenien", output);
        Assert.Contains("dpa, AFP", output);
        Assert.Contains("AFP/Marko Horvat", output);
        Assert.Contains("copy of hochwasser-celje-1", output);
        Assert.Contains("Figures, reconciled across reports", output);
        Assert.Contains("rising: 17 (en-celje-floods, 2025-03-11, government) → 19 (hochwasser-celje-2, 2025-03-12, Regierung)", output);
        Assert.Contains("2025-03-09 (Am Sonntag)", output);
    }

    [Fact]
    public void Report_without_a_store_says_what_to_do()
    {
        var (code, _, err) = Run("report", "--store", Path.Combine(_dir, "none.db"));
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("lagebild ingest", err);
        Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void A_file_that_is_not_a_store_is_refused_in_one_line()
    {
        var notStore = Write("notes.db", "just some text, not a database");
        var (code, _, err) = Run("ingest", Samples, "--store", notStore);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("not a Lagebild store", err);
        Assert.DoesNotContain("   at ", err);
    }

    [SkippableFact]
    public void Eval_facts_on_extracted_seeds_gives_strict_f1_one()
    {
        var seeds = SharedData.Require("seeds");
        var gold = SharedData.Require("gold/seeds.json");
        var extracted = Run("extract", seeds, "-o", Path.Combine(_dir, "seeds.jsonl"));
        Assert.Equal(ExitCodes.Ok, extracted.Code);
        var (code, output, _) = Run("eval", "facts", gold, Path.Combine(_dir, "seeds.jsonl"));
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("strict: tp=7 fp=0 fn=0", output);
        Assert.EndsWith("strict f1 1.000", output.TrimEnd());
    }
}
