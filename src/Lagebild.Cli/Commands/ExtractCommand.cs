using System.CommandLine;
using System.Diagnostics;
using Lagebild.Facts;
using Lagebild.Pipeline;

namespace Lagebild.Cli.Commands;

/// <summary><c>lagebild extract PATH… --format jsonl</c>: facts as JSON Lines (FACTS.md), no store involved.</summary>
internal static class ExtractCommand
{
    public static Command Create(CommandContext ctx)
    {
        var paths = CommandContext.PathsArgument(ArgumentArity.OneOrMore, "Files, folders (recursive), http(s) URLs, or - for stdin");
        var format = new Option<string>("--format") { Description = "Output format", DefaultValueFactory = _ => "jsonl", HelpName = "jsonl" };
        format.AcceptOnlyFromAmong("jsonl");
        var output = new Option<string?>("--output", "-o") { Description = "Write facts to FILE instead of stdout", HelpName = "FILE" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No summary line on stderr" };
        var minCount = StoriesCommand.MinCountOption();
        var cmd = new Command("extract", "Read articles and print their facts as JSON Lines, one fact per line (article = file name without extension, or the JSONL id)")
        {
            paths, format, output, quiet, minCount,
        };
        ctx.Read.AddTo(cmd);
        cmd.SetAction(parsed =>
        {
            var io = ctx.Io;
            var sw = Stopwatch.StartNew();
            string? outPath = parsed.GetValue(output);
            using var writer = outPath is null ? null : new StreamWriter(outPath, false, new System.Text.UTF8Encoding(false));
            var target = writer ?? io.Out;
            var tally = new Analysis.Tally();
            int min = parsed.GetValue(minCount);
            // Single victims are often named ("Darin Booker, 13, died"): that reading needs the entity stages.
            var pipeline = min == 2 ? DefaultPipeline.FactsOnly : DefaultPipeline.CreateBuilder(min, entities: min == 1).Build();
            foreach (var batch in Analysis.Batches(ctx.Reader(parsed).Read(parsed.GetValue(paths)!), ctx.Warn, tally, pipeline))
            {
                foreach (var doc in batch)
                {
                    foreach (var fact in doc.Facts)
                        target.WriteLine(FactJson.ToJsonLine(doc.Article.Id, fact, doc));
                }
            }
            target.Flush();
            if (!parsed.GetValue(quiet))
                io.Error.WriteLine($"extract: {tally.Articles} articles, {tally.Facts} facts, {tally.Problems} problems in {sw.Elapsed.TotalSeconds:F2} s ({tally.Articles / Math.Max(sw.Elapsed.TotalSeconds, 1e-3):0.#} articles/s)");
            return tally.Articles == 0 ? ExitCodes.BadInput : ExitCodes.Ok;
        });
        return cmd;
    }
}
