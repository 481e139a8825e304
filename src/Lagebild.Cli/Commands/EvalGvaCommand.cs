using System.CommandLine;
using Lagebild.Evaluation;

namespace Lagebild.Cli.Commands;

/// <summary>
/// <c>lagebild eval gva [--documents FILE] [--incidents FILE] PRED [--json]</c>: per-article exact accuracy of the
/// killed and injured figures on the Gun Violence Archive articles (see <see cref="GvaEvaluation"/> for the rules).
/// </summary>
internal static class EvalGvaCommand
{
    private const string DataFolder = "../shared/data/gva-gun-violence-news";

    public static Command Create(CommandContext ctx)
    {
        var pred = new Argument<string>("PRED") { Description = "Predicted facts, JSON Lines as written by `lagebild extract` (article = doc_id), gzip or plain, or - for stdin (plain)" };
        var documents = new Option<string>("--documents")
        {
            Description = "GVA documents {doc_id, incident_id, text, …}, JSON Lines, gzip or plain",
            DefaultValueFactory = _ => Path.Combine(DataFolder, "documents.jsonl.gz"),
            HelpName = "FILE",
        };
        var incidents = new Option<string>("--incidents")
        {
            Description = "GVA incidents {incident_id, num_killed, num_injured, …}, JSON Lines, gzip or plain",
            DefaultValueFactory = _ => Path.Combine(DataFolder, "incidents.jsonl.gz"),
            HelpName = "FILE",
        };
        var json = new Option<bool>("--json") { Description = "Print the report as one JSON object" };
        var top = new Option<int>("--errors")
        {
            Description = "How many of the most common (pred, gold) errors to list per subset",
            DefaultValueFactory = _ => 6,
            HelpName = "N",
        };
        top.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 0)
                r.AddError("--errors must be zero or more");
        });
        var cmd = new Command("gva",
            "Per-article exact accuracy of killed and injured figures against the Gun Violence Archive incident gold, "
            + "for articles whose text mentions a count and for all articles")
        {
            pred, documents, incidents, json, top,
        };
        cmd.SetAction(parsed =>
        {
            string docs = parsed.GetValue(documents)!, incs = parsed.GetValue(incidents)!, predPath = parsed.GetValue(pred)!;
            foreach (var path in predPath == "-" ? new[] { incs, docs } : [incs, docs, predPath])
            {
                if (!File.Exists(path))
                    throw new CliException($"{path}: no such file");
            }
            GvaReport report;
            try
            {
                if (predPath == "-")
                {
                    using var d = GvaEvaluation.OpenText(docs);
                    using var i = GvaEvaluation.OpenText(incs);
                    report = GvaEvaluation.Evaluate(d, i, ctx.Io.In ?? Console.In, parsed.GetValue(top), docs, incs, "stdin");
                }
                else
                {
                    report = GvaEvaluation.Evaluate(docs, incs, predPath, parsed.GetValue(top));
                }
            }
            catch (GvaInputException e)
            {
                throw new CliException(e.Message);
            }
            catch (FileNotFoundException e)
            {
                throw new CliException(e.Message);
            }
            ctx.Io.Out.Write(parsed.GetValue(json) ? report.ToJson() + "\n" : report.ToText());
            return ExitCodes.Ok;
        });
        return cmd;
    }

    /// <summary><c>lagebild eval gva-stories STORIES</c>: BCubed of the stories and per-incident accuracy of their reconciled figures.</summary>
    public static Command CreateStories(CommandContext ctx)
    {
        var pred = new Argument<string>("STORIES") { Description = "Stories, JSON Lines as written by `lagebild stories` (articles = doc_ids)" };
        var documents = new Option<string>("--documents") { Description = "GVA documents, JSON Lines, gzip or plain", DefaultValueFactory = _ => Path.Combine(DataFolder, "documents.jsonl.gz"), HelpName = "FILE" };
        var incidents = new Option<string>("--incidents") { Description = "GVA incidents, JSON Lines, gzip or plain", DefaultValueFactory = _ => Path.Combine(DataFolder, "incidents.jsonl.gz"), HelpName = "FILE" };
        var cmd = new Command("gva-stories", "Story-level GVA scores: BCubed of the stories against the incidents, and per incident the exact accuracy of the reconciled killed and injured figures")
        {
            pred, documents, incidents,
        };
        cmd.SetAction(parsed =>
        {
            string docs = parsed.GetValue(documents)!, incs = parsed.GetValue(incidents)!, path = parsed.GetValue(pred)!;
            foreach (var p in new[] { docs, incs, path })
            {
                if (!File.Exists(p))
                    throw new CliException($"{p}: no such file");
            }
            try
            {
                using var d = GvaEvaluation.OpenText(docs);
                using var i = GvaEvaluation.OpenText(incs);
                using var s = GvaEvaluation.OpenText(path);
                ctx.Io.Out.Write(GvaStoryEvaluation.Evaluate(d, i, s).ToText());
            }
            catch (GvaInputException e)
            {
                throw new CliException(e.Message);
            }
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
