using System.CommandLine;
using System.Text.Json;
using Lagebild.Evaluation;

namespace Lagebild.Cli.Commands;

/// <summary><c>lagebild eval facts GOLD PRED</c>: the figures of shared/tools/score_facts.py, computed here.</summary>
internal static class EvalCommand
{
    public static Command Create(CommandContext ctx)
    {
        var gold = new Argument<string>("GOLD") { Description = "Gold facts file (schema gold-facts/1)" };
        var pred = new Argument<string>("PRED") { Description = "Predicted facts, JSON Lines (as written by `lagebild extract`), or - for stdin" };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "List every false positive and false negative" };
        var facts = new Command("facts", "Score predicted facts against gold facts: loose (kind, count) and strict (also place) precision, recall, F1") { gold, pred, verbose };
        facts.SetAction(parsed =>
        {
            var io = ctx.Io;
            string goldPath = parsed.GetValue(gold)!, predPath = parsed.GetValue(pred)!;
            JsonDocument goldDoc;
            try
            {
                goldDoc = JsonDocument.Parse(File.ReadAllBytes(goldPath));
                if (!goldDoc.RootElement.TryGetProperty("articles", out _))
                    throw new CliException($"{goldPath}: not a gold facts file (no \"articles\")");
            }
            catch (JsonException e)
            {
                throw new CliException($"{goldPath}: not JSON ({e.Message})");
            }
            catch (FileNotFoundException)
            {
                throw new CliException($"{goldPath}: no such file");
            }
            IEnumerable<string> lines;
            if (predPath == "-")
                lines = ReadAll(io.In ?? Console.In);
            else if (File.Exists(predPath))
                lines = File.ReadLines(predPath);
            else
                throw new CliException($"{predPath}: no such file");
            FactEvaluation result;
            try
            {
                result = FactScorer.Score(goldDoc, lines);
            }
            catch (FormatException e)
            {
                throw new CliException($"{predPath}: {e.Message}");
            }
            if (parsed.GetValue(verbose))
            {
                foreach (var e in result.Errors)
                    io.Out.WriteLine("  " + e);
            }
            io.Out.WriteLine($"loose: {result.Loose}");
            io.Out.WriteLine($"strict: {result.Strict}");
            io.Out.WriteLine($"strict f1 {result.Strict.F1:F3}".Replace(',', '.'));
            return ExitCodes.Ok;
        });
        return new Command("eval", "Evaluate output against gold data") { facts, AnchorCommand(ctx), GoldCommand(ctx), EvalGvaCommand.Create(ctx), EvalGvaCommand.CreateStories(ctx) };
    }

    private static Option<string[]> DataOption() => new("--data")
    {
        Description = "Where the annotated articles are read from (files or folders, as for extract)",
        Required = true,
        AllowMultipleArgumentsPerToken = true,
        HelpName = "PATH",
    };

    private static Option<string> OutOption() => new("--output", "-o") { Description = "File to write", Required = true, HelpName = "FILE" };

    // Annotation tools: snippets → offsets (so the repo holds no article text), offsets → gold-facts/1.
    private static Command AnchorCommand(CommandContext ctx)
    {
        var scratch = new Argument<string>("SCRATCH") { Description = "Annotations whose evidence is a quoted snippet of the article (JSON Lines)" };
        var data = DataOption();
        var output = OutOption();
        var cmd = new Command("anchor", "Turn snippet evidence into character ranges and add each article's text hash (see Lagebild.Evaluation.Annotations)") { scratch, data, output };
        ctx.Read.AddTo(cmd);
        cmd.SetAction(parsed =>
        {
            var texts = Texts(ctx, parsed, parsed.GetValue(data)!);
            var (lines, errors) = Annotations.Anchor(ReadLines(parsed.GetValue(scratch)!), texts);
            foreach (var e in errors)
                ctx.Io.Error.WriteLine($"lagebild: {e}");
            File.WriteAllLines(parsed.GetValue(output)!, lines);
            ctx.Io.Out.WriteLine($"anchor: {lines.Count} articles written, {errors.Count} snippets not placed");
            return errors.Count == 0 ? ExitCodes.Ok : ExitCodes.BadInput;
        });
        return cmd;
    }

    private static Command GoldCommand(CommandContext ctx)
    {
        var annotations = new Argument<string>("ANNOTATIONS") { Description = "Anchored annotations (JSON Lines with evidence ranges)" };
        var data = DataOption();
        var output = OutOption();
        var cmd = new Command("gold", "Build a gold-facts/1 file (for eval facts and score_facts.py) from anchored annotations and the articles") { annotations, data, output };
        ctx.Read.AddTo(cmd);
        cmd.SetAction(parsed =>
        {
            var texts = Texts(ctx, parsed, parsed.GetValue(data)!);
            System.Text.Json.Nodes.JsonObject gold;
            try
            {
                gold = Annotations.BuildGold(ReadLines(parsed.GetValue(annotations)!), texts, $"built from {parsed.GetValue(annotations)} by lagebild eval gold");
            }
            catch (FormatException e)
            {
                throw new CliException($"{parsed.GetValue(annotations)}: {e.Message}");
            }
            File.WriteAllText(parsed.GetValue(output)!, gold.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
            int facts = gold["articles"]!.AsArray().Sum(a => a!["facts"]!.AsArray().Count);
            ctx.Io.Out.WriteLine($"gold: {gold["articles"]!.AsArray().Count} articles, {facts} facts → {parsed.GetValue(output)}");
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static Dictionary<string, string> Texts(CommandContext ctx, ParseResult parsed, string[] data)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var o in ctx.Reader(parsed).Read(data))
        {
            if (o.Article is { } a)
                texts.TryAdd(a.Id, a.Text);
            else if (o.Problem is { IsNotice: false } p)
                ctx.Warn(p);
        }
        if (texts.Count == 0)
            throw new CliException("no article could be read from --data");
        return texts;
    }

    private static IEnumerable<string> ReadLines(string path) =>
        File.Exists(path) ? File.ReadLines(path) : throw new CliException($"{path}: no such file");

    private static IEnumerable<string> ReadAll(TextReader reader)
    {
        while (reader.ReadLine() is { } line)
            yield return line;
    }
}
