using System.CommandLine;
using Lagebild.Cli.Rendering;
using Lagebild.Pipeline;
using Lagebild.Stories;

namespace Lagebild.Cli.Commands;

/// <summary><c>lagebild report [PATH…]</c>: the situation picture of the given articles, or of the store when no path is given.</summary>
internal static class ReportCommand
{
    public static Command Create(CommandContext ctx)
    {
        var paths = CommandContext.PathsArgument(ArgumentArity.ZeroOrMore, "Files, folders, URLs or - to analyse now; none: report the store");
        var width = new Option<int?>("--width") { Description = "Output width in columns (default: the terminal's, or 140 when redirected)" };
        var cmd = new Command("report", "Show the situation picture: per story its articles (credits, agencies), its facts on a timeline with source, place, time and evidence, and figures that differ between reports")
        {
            paths, width,
        };
        ctx.Read.AddTo(cmd);
        var settings = new ClusterCommand.Settings();
        settings.AddTo(cmd);
        cmd.SetAction(parsed =>
        {
            var inputs = parsed.GetValue(paths) ?? [];
            var options = settings.Options(parsed);
            var source = inputs.Length > 0
                ? StorySource.FromInputs(ctx, parsed, inputs, options, DefaultPipeline.Shared)
                : StorySource.FromStore(ctx, ctx.StorePath(parsed), options);
            if (source.Articles.Count == 0)
                throw new CliException(inputs.Length > 0 ? "no article could be read" : $"the store {source.Origin} holds no articles; run `lagebild ingest PATH…` first");
            var stories = SituationBuilder.Build(source.Articles, source.Facts, source.Merges);
            new ReportRenderer(ctx.Io, parsed.GetValue(width)).Render(stories, source.Origin);
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
