using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Lagebild.Cli;
using Lagebild.Evaluation;

namespace Lagebild.Tests.Evaluation;

/// <summary>
/// The GVA killed/injured evaluation on small invented documents, incidents and predictions (no GVA text):
/// the scoring rules, the mention heuristic, the input errors and the CLI front end.
/// </summary>
public sealed class GvaEvaluationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lagebild-gva-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Doc(string id, string incident, string text) =>
        JsonSerializer.Serialize(new { doc_id = id, incident_id = incident, title = "t", dct = "2016-01-01", url = "u", text });

    private static string Incident(string id, int killed, int injured) =>
        JsonSerializer.Serialize(new { incident_id = id, date = "2016-01-01", num_killed = killed, num_injured = injured, participants = Array.Empty<object>() });

    private static string Fact(string article, string kind, long? value, bool additional = false, string qualifier = "exact") =>
        JsonSerializer.Serialize(new { article, kind, count = new { value, qualifier }, additional, cumulative = false, place = (object?)null });

    private static GvaReport Evaluate(IEnumerable<string> docs, IEnumerable<string> incidents, IEnumerable<string> preds) =>
        GvaEvaluation.Evaluate(new StringReader(string.Join('\n', docs)), new StringReader(string.Join('\n', incidents)), new StringReader(string.Join('\n', preds)));

    private const string KilledText = "Police said three people were killed in the shooting.";
    private const string NoCountText = "A shooting happened downtown on Friday night.";

    // --- scoring rules ---

    [Fact]
    public void The_prediction_is_the_largest_value_among_non_additional_facts()
    {
        // facts 2, 3 and an additional 5: the prediction is 3 (not the first, 2, nor the additional 5)
        var r = Evaluate(
            [Doc("a", "i1", KilledText)],
            [Incident("i1", 3, 0)],
            [Fact("a", "killed", 2), Fact("a", "killed", 5, additional: true), Fact("a", "killed", 3)]);
        Assert.Equal((1, 1, 1), (r.Killed.All.N, r.Killed.All.Correct, r.Killed.All.Predicted));

        var wrong = Evaluate(
            [Doc("a", "i1", KilledText)],
            [Incident("i1", 5, 0)],
            [Fact("a", "killed", 2), Fact("a", "killed", 5, additional: true), Fact("a", "killed", 3)]);
        Assert.Equal(0, wrong.Killed.All.Correct);
        Assert.Equal(new GvaConfusion(3, 5, 1), Assert.Single(wrong.Killed.All.Errors));
    }

    [Fact]
    public void No_prediction_is_correct_only_when_the_gold_is_zero()
    {
        var r = Evaluate(
            [Doc("zero", "i0", NoCountText), Doc("two", "i2", NoCountText), Doc("wrong", "i0b", NoCountText)],
            [Incident("i0", 0, 0), Incident("i2", 2, 0), Incident("i0b", 0, 0)],
            [Fact("wrong", "killed", 1)]);
        var all = r.Killed.All;
        Assert.Equal(3, all.N);
        Assert.Equal(1, all.Correct); // "zero": none vs 0
        Assert.Equal(1, all.Predicted);
        Assert.Equal(0, all.CorrectWhenPredicted);
        Assert.Equal(1.0 / 3, all.Accuracy, 6);
        Assert.Equal(1.0 / 3, all.Coverage, 6);
        Assert.Contains(new GvaConfusion(null, 2, 1), all.Errors);
        Assert.Contains(new GvaConfusion(1, 0, 1), all.Errors);
        Assert.True(GvaEvaluation.IsCorrect(null, 0));
        Assert.False(GvaEvaluation.IsCorrect(null, 1));
        Assert.False(GvaEvaluation.IsCorrect(0.5, 0));
    }

    [Fact]
    public void Vague_counts_are_ignored()
    {
        var r = Evaluate(
            [Doc("a", "i1", KilledText), Doc("b", "i2", KilledText)],
            [Incident("i1", 0, 0), Incident("i2", 4, 0)],
            [Fact("a", "killed", null, qualifier: "dozens"), Fact("b", "killed", null, qualifier: "several"), Fact("b", "killed", 4)]);
        Assert.Equal(1, r.Killed.All.Predicted); // only b, from its valued fact
        Assert.Equal(2, r.Killed.All.Correct);   // a: none vs 0; b: 4 vs 4
    }

    [Fact]
    public void Killed_and_injured_are_scored_separately()
    {
        var r = Evaluate(
            [Doc("a", "i1", "Two people were injured in the shooting.")],
            [Incident("i1", 0, 2)],
            [Fact("a", "killed", 2), Fact("a", "arrested", 7)]);
        Assert.Equal(0, r.Killed.All.Correct);   // 2 killed predicted, gold 0
        Assert.Equal(0, r.Injured.All.Predicted); // the killed fact is not an injured prediction
        Assert.Equal(0, r.Injured.All.Correct);   // none vs 2
        Assert.Equal(1, r.Injured.Mentioning.N);
        Assert.Equal(0, r.Killed.Mentioning.N);
    }

    [Fact]
    public void The_mentioning_subset_holds_only_articles_whose_text_gives_a_count()
    {
        var r = Evaluate(
            [Doc("m", "i1", KilledText), Doc("n", "i2", NoCountText)],
            [Incident("i1", 3, 0), Incident("i2", 1, 0)],
            [Fact("m", "killed", 3)]);
        Assert.Equal((1, 1), (r.Killed.Mentioning.N, r.Killed.Mentioning.Correct));
        Assert.Equal((2, 1), (r.Killed.All.N, r.Killed.All.Correct));
        Assert.Equal(1.0, r.Killed.Mentioning.Accuracy);
        Assert.Equal(0.5, r.Killed.All.Accuracy);
    }

    [Fact]
    public void An_article_under_several_incidents_takes_their_common_gold_or_is_not_scored()
    {
        var r = Evaluate(
            [Doc("a", "i1", KilledText), Doc("a", "i2", KilledText)],
            [Incident("i1", 3, 1), Incident("i2", 3, 2)],
            [Fact("a", "killed", 3), Fact("a", "injured", 1)]);
        Assert.Equal((1, 2, 1), (r.Articles, r.DocumentLines, r.MultiIncidentArticles));
        Assert.Equal((1, 1), (r.Killed.All.N, r.Killed.All.Correct)); // both incidents say 3 killed
        Assert.Equal(0, r.Injured.All.N);                              // 1 vs 2 injured: ambiguous
        Assert.Equal(1, r.Injured.AmbiguousGold);
    }

    [Fact]
    public void Incident_level_takes_the_most_frequent_article_prediction()
    {
        var r = Evaluate(
            [Doc("a", "i1", KilledText), Doc("b", "i1", KilledText), Doc("c", "i1", KilledText), Doc("d", "i2", NoCountText)],
            [Incident("i1", 2, 0), Incident("i2", 0, 0)],
            [Fact("a", "killed", 2), Fact("b", "killed", 2), Fact("c", "killed", 5)]);
        Assert.Equal((2, 2), (r.Killed.IncidentsAll.N, r.Killed.IncidentsAll.Correct)); // i1: 2 (2 votes to 1); i2: none vs 0
        Assert.Equal(1, r.Killed.IncidentsMentioning.N);
        Assert.Equal((4, 3), (r.Killed.All.N, r.Killed.All.Correct)); // per article, c (5) is wrong
    }

    [Fact]
    public void Predictions_for_unknown_articles_and_documents_of_unknown_incidents_are_counted_not_scored()
    {
        var r = Evaluate(
            [Doc("a", "i1", KilledText), Doc("b", "nope", KilledText)],
            [Incident("i1", 3, 0)],
            [Fact("a", "killed", 3), Fact("zzz", "killed", 3), Fact("b", "killed", 3)]);
        Assert.Equal((1, 1, 3, 2), (r.Articles, r.SkippedDocuments, r.PredictionLines, r.PredictionsForUnknownArticles));
    }

    // --- the mention heuristic ---

    [Theory]
    [InlineData("Two people were killed and three others were injured.", true, true)]
    [InlineData("The shooting left 1 man dead.", true, false)]
    [InlineData("Police said 12 people were wounded, 2 of them critically.", false, true)]
    [InlineData("No one was hurt.", false, true)]
    [InlineData("Four were shot, one fatally.", true, true)]
    [InlineData("A dozen people were hospitalized after the party.", false, true)]
    [InlineData("Three men were shot dead outside the bar.", true, false)]          // shot dead is not an injured cue
    [InlineData("Two brothers were shot and killed on Sunday.", true, false)]
    public void Mentions_are_found_per_figure(string text, bool killed, bool injured)
    {
        Assert.Equal(killed, GvaEvaluation.MentionsCount(text, GvaFigure.Killed));
        Assert.Equal(injured, GvaEvaluation.MentionsCount(text, GvaFigure.Injured));
    }

    [Theory]
    [InlineData("A 23-year-old man was shot Tuesday.")]                       // age
    [InlineData("A man was shot at 3 p.m. near the park.")]                    // time
    [InlineData("A man was shot at 11:45 near the park.")]                     // clock time
    [InlineData("The victim was shot in the 300 block of Main Street.")]       // address
    [InlineData("A man died on May 9 after being shot.")]                      // date
    [InlineData("It was the deadliest year since 2016, when a man was killed.")] // year
    [InlineData("He was shot 5 times and later died.")]                        // times
    [InlineData("A woman was injured.\nPolice arrested 2 suspects.")]          // other sentence
    [InlineData("Two suspects were arrested in the case, police said, after a long search that ended when officers found the man injured.")] // too far
    [InlineData("Anyone with information about the homicide should call 911 or 555-1234.")]
    [InlineData("The man, who was wounded, had a $500 bill and a .40 caliber gun.")]
    public void Numbers_that_are_not_counts_or_stand_too_far_are_not_mentions(string text)
    {
        Assert.False(GvaEvaluation.MentionsCount(text, GvaFigure.Killed));
        Assert.False(GvaEvaluation.MentionsCount(text, GvaFigure.Injured));
    }

    [Fact]
    public void The_window_is_six_tokens()
    {
        Assert.Equal(6, GvaEvaluation.Window);
        Assert.True(GvaEvaluation.MentionsCount("Three a b c d e killed.", GvaFigure.Killed));    // 6 tokens apart
        Assert.False(GvaEvaluation.MentionsCount("Three a b c d e f killed.", GvaFigure.Killed)); // 7 tokens apart
    }

    // --- bad input ---

    [Fact]
    public void A_prediction_line_that_is_not_JSON_is_named_by_its_line_blank_lines_included()
    {
        var e = Assert.Throws<GvaInputException>(() => Evaluate(
            [Doc("a", "i1", KilledText)], [Incident("i1", 3, 0)], [Fact("a", "killed", 3), "", "not json"]));
        Assert.Equal(("predictions", 3), (e.Input, e.Line));
        Assert.StartsWith("predictions: line 3: not JSON", e.Message);
    }

    [Theory]
    [InlineData("incidents", """{"incident_id":"i2","num_killed":"two","num_injured":0}""", "\"num_killed\" must be a non-negative integer")]
    [InlineData("incidents", """{"incident_id":"i1","num_killed":1,"num_injured":0}""", "incident i1 is listed twice (first on line 1)")]
    [InlineData("documents", """{"incident_id":"i1","text":"x"}""", "missing \"doc_id\"")]
    [InlineData("documents", """["a"]""", "expected a JSON object, found an array")]
    [InlineData("predictions", """{"article":"a","kind":"killed","count":{"value":"3"}}""", "\"count.value\" must be a number or null")]
    [InlineData("predictions", """{"kind":"killed","count":{"value":3}}""", "missing \"article\"")]
    public void Bad_lines_name_the_input_and_line_two(string input, string badLine, string message)
    {
        string[] docs = [Doc("a", "i1", KilledText)], incidents = [Incident("i1", 3, 0)], preds = [Fact("a", "killed", 3)];
        switch (input)
        {
            case "incidents": incidents = [.. incidents, badLine]; break;
            case "documents": docs = [.. docs, badLine]; break;
            default: preds = [.. preds, badLine]; break;
        }
        var e = Assert.Throws<GvaInputException>(() => Evaluate(docs, incidents, preds));
        Assert.StartsWith($"{input}: line 2: {message}", e.Message);
    }

    [Fact]
    public void Files_are_read_gzipped_or_plain_and_errors_name_the_path()
    {
        string docs = WriteGz("docs.jsonl.gz", Doc("a", "i1", KilledText));
        string incidents = WriteGz("inc.jsonl.gz", Incident("i1", 3, 0));
        string preds = Write("pred.jsonl", Fact("a", "killed", 3) + "\n");
        var r = GvaEvaluation.Evaluate(docs, incidents, preds);
        Assert.Equal((1, 1), (r.Killed.All.N, r.Killed.All.Correct));

        string bad = Write("bad.jsonl", Fact("a", "killed", 3) + "\n{oops\n");
        var e = Assert.Throws<GvaInputException>(() => GvaEvaluation.Evaluate(docs, incidents, bad));
        Assert.StartsWith($"{bad}: line 2: not JSON", e.Message);
        Assert.Throws<FileNotFoundException>(() => GvaEvaluation.Evaluate(docs, Path.Combine(_dir, "missing.gz"), preds));
    }

    [Fact]
    public void Report_text_and_json_carry_the_figures()
    {
        var r = Evaluate(
            [Doc("m", "i1", KilledText), Doc("n", "i2", NoCountText)],
            [Incident("i1", 3, 0), Incident("i2", 1, 0)],
            [Fact("m", "killed", 3)]);
        string text = r.ToText();
        Assert.Matches(@"killed\s+article\s+mentioning\s+1\s+1\.000\s+1\.000\s+1\.000", text);
        Assert.Matches(@"killed\s+article\s+all\s+2\s+0\.500\s+1\.000\s+0\.500", text);
        Assert.Contains("none→1 ×1", text);
        using var json = JsonDocument.Parse(r.ToJson());
        var all = json.RootElement.GetProperty("figures").GetProperty("killed").GetProperty("articles").GetProperty("all");
        Assert.Equal(2, all.GetProperty("n").GetInt32());
        Assert.Equal(0.5, all.GetProperty("accuracy").GetDouble());
        var err = Assert.Single(all.GetProperty("errors").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, err.GetProperty("pred").ValueKind);
        Assert.Equal(1, err.GetProperty("gold").GetInt32());
    }

    // --- CLI ---

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = global::Lagebild.Cli.Cli.Run(args, new CliIo(stdout, stderr) { Env = _ => null, In = new StringReader("") });
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Cli_prints_the_table_or_json_and_reports_bad_input_in_one_line()
    {
        string docs = WriteGz("docs.jsonl.gz", Doc("a", "i1", KilledText));
        string incidents = Write("inc.jsonl", Incident("i1", 3, 0) + "\n");
        string preds = Write("pred.jsonl", Fact("a", "killed", 3) + "\n");

        var (code, output, err) = Run("eval", "gva", "--documents", docs, "--incidents", incidents, preds);
        Assert.Equal((ExitCodes.Ok, ""), (code, err));
        Assert.Matches(@"killed\s+article\s+mentioning\s+1\s+1\.000", output);

        (code, output, _) = Run("eval", "gva", "--documents", docs, "--incidents", incidents, preds, "--json");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal(1, JsonDocument.Parse(output).RootElement.GetProperty("articles").GetInt32());

        string missing = Path.Combine(_dir, "nope.jsonl");
        (code, _, err) = Run("eval", "gva", "--documents", docs, "--incidents", incidents, missing);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal($"lagebild: {missing}: no such file", err.TrimEnd());

        string bad = Write("bad.jsonl", Fact("a", "killed", 3) + "\n\n[1]\n");
        (code, _, err) = Run("eval", "gva", "--documents", docs, "--incidents", incidents, bad);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.StartsWith($"lagebild: {bad}: line 3: expected a JSON object", err);
        Assert.Single(err.TrimEnd().Split('\n'));
        Assert.DoesNotContain("   at ", err);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    private string WriteGz(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        using var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest);
        gz.Write(Encoding.UTF8.GetBytes(text + "\n"));
        return path;
    }
}
