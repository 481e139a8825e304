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
        return new Command("eval", "Evaluate output against gold data") { facts };
    }

    private static IEnumerable<string> ReadAll(TextReader reader)
    {
        while (reader.ReadLine() is { } line)
            yield return line;
    }
}
