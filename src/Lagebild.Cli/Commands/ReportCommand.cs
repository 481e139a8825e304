using System.CommandLine;
using Lagebild.Cli.Rendering;
using Lagebild.Ingest;
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
        cmd.SetAction(parsed =>
        {
            var inputs = parsed.GetValue(paths) ?? [];
            var (articles, facts, origin) = inputs.Length > 0 ? FromInputs(ctx, parsed, inputs) : FromStore(ctx, ctx.StorePath(parsed));
            if (articles.Count == 0)
                throw new CliException(inputs.Length > 0 ? "no article could be read" : $"the store {origin} holds no articles; run `lagebild ingest PATH…` first");
            var stories = SituationBuilder.Build(articles, facts);
            new ReportRenderer(ctx.Io, parsed.GetValue(width)).Render(stories, origin);
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static (List<SituationArticle>, List<SituationFact>, string) FromInputs(CommandContext ctx, ParseResult parsed, string[] inputs)
    {
        var articles = new List<SituationArticle>();
        var facts = new List<SituationFact>();
        var duplicates = new DuplicateIndex();
        var tally = new Analysis.Tally();
        foreach (var batch in Analysis.Batches(ctx.Reader(parsed).Read(inputs), ctx.Warn, tally))
        {
            foreach (var doc in batch)
            {
                var a = doc.Article;
                var dup = duplicates.Add(a.Id, a.Text);
                articles.Add(new SituationArticle(a.Id, a.Title, a.Published, a.Source, a.Url, doc.Language, doc.Agencies, doc.Credits, doc.Captions, dup?.OfId, a.Text));
                if (dup is null)
                    facts.AddRange(doc.Facts.Select(f => new SituationFact(a.Id, f, doc.Slice(f.Evidence), a.Published)));
            }
        }
        return (articles, facts, string.Join(", ", inputs));
    }

    private static (List<SituationArticle>, List<SituationFact>, string) FromStore(CommandContext ctx, string path)
    {
        if (!File.Exists(path))
            throw new CliException($"no store at {path}; run `lagebild ingest PATH…` first (or pass --store FILE)");
        using var store = ctx.OpenStore(path);
        var stored = store.Articles();
        var articles = stored.Select(a => new SituationArticle(a.Id, a.Title, a.Published, a.Source, a.Url, a.Language, a.Agencies, a.Credits, a.Captions, a.DuplicateOf, a.Text)).ToList();
        var published = stored.ToDictionary(a => a.Id, a => a.Published);
        var facts = store.Facts().Select(f => new SituationFact(f.ArticleId, f.Fact, f.Sentence, published.GetValueOrDefault(f.ArticleId))).ToList();
        return (articles, facts, path);
    }
}
