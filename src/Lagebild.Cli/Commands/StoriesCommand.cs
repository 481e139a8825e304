using System.CommandLine;
using Lagebild.Pipeline;
using Lagebild.Stories;

namespace Lagebild.Cli.Commands;

/// <summary><c>lagebild stories [PATH…] --format jsonl</c>: one line per story with its reconciled figures.</summary>
internal static class StoriesCommand
{
    public static Command Create(CommandContext ctx)
    {
        var source = new StorySource.Arguments("Files, folders, URLs or - to analyse now; none: the stories of the store");
        var format = new Option<string>("--format") { Description = "Output format", DefaultValueFactory = _ => "jsonl", HelpName = "jsonl" };
        format.AcceptOnlyFromAmong("jsonl");
        var output = new Option<string?>("--output", "-o") { Description = "Write to FILE instead of stdout", HelpName = "FILE" };
        var cmd = new Command("stories", "Print stories as JSON Lines: articles, places, first/last seen, and figures reconciled across sources (agreeing, rising, conflicting) with their claims")
        {
            format, output,
        };
        source.AddTo(cmd, ctx);
        cmd.SetAction(parsed =>
        {
            var stories = source.Stories(ctx, parsed);
            using var writer = parsed.GetValue(output) is { } path ? new StreamWriter(path, false, new System.Text.UTF8Encoding(false)) : null;
            var target = writer ?? ctx.Io.Out;
            foreach (var story in stories)
                target.WriteLine(StoryJson.ToJsonLine(story));
            target.Flush();
            return ExitCodes.Ok;
        });
        return cmd;
    }

    /// <summary>The --min-count option of commands that analyse articles now (FACTS.md default 2).</summary>
    internal static Option<int> MinCountOption()
    {
        var minCount = new Option<int>("--min-count")
        {
            Description = "Smallest count reported when analysing inputs: 2 follows FACTS.md (counts of one are not facts); 1 also reports single victims",
            DefaultValueFactory = _ => 2,
            HelpName = "N",
        };
        minCount.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
                r.AddError("--min-count must be 1 or more");
        });
        return minCount;
    }

    internal static AnalysisPipeline Pipeline(int minCount) => minCount == 2 ? DefaultPipeline.Shared : DefaultPipeline.CreateBuilder(minCount, entities: true).Build();
}
