using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Lagebild.Linking;
using Lagebild.Model;

namespace Lagebild.Cli.Commands;

/// <summary><c>lagebild entities PATH… --format jsonl</c>: the normalised entities of each article, one JSON line per article.</summary>
internal static class EntitiesCommand
{
    private static readonly JsonWriterOptions s_json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create(CommandContext ctx)
    {
        var paths = CommandContext.PathsArgument(ArgumentArity.OneOrMore, "Files, folders (recursive), http(s) URLs, or - for stdin");
        var format = new Option<string>("--format") { Description = "Output format", DefaultValueFactory = _ => "jsonl", HelpName = "jsonl" };
        format.AcceptOnlyFromAmong("jsonl");
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No summary line on stderr" };
        var cmd = new Command("entities", "List each article's people, places and organisations, normalised (one entity per person, acronym and long form together, places with gazetteer id and coordinates), as JSON Lines")
        {
            paths, format, quiet,
        };
        ctx.Read.AddTo(cmd);
        cmd.SetAction(parsed =>
        {
            var sw = Stopwatch.StartNew();
            var tally = new Analysis.Tally();
            int entities = 0;
            foreach (var batch in Analysis.Batches(ctx.Reader(parsed).Read(parsed.GetValue(paths)!), ctx.Warn, tally))
            {
                foreach (var doc in batch)
                {
                    var list = EntityNormaliser.Normalise(doc);
                    entities += list.Count;
                    ctx.Io.Out.WriteLine(ToJson(doc, list));
                }
            }
            if (!parsed.GetValue(quiet))
                ctx.Io.Error.WriteLine($"entities: {tally.Articles} articles, {entities} entities, {tally.Problems} problems in {sw.Elapsed.TotalSeconds:F2} s");
            return tally.Articles == 0 ? ExitCodes.BadInput : ExitCodes.Ok;
        });
        return cmd;
    }

    private static string ToJson(Document doc, IReadOnlyList<Entity> entities)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, s_json))
        {
            w.WriteStartObject();
            w.WriteString("article", doc.Article.Id);
            w.WriteString("language", doc.Language);
            w.WriteStartArray("entities");
            foreach (var e in entities)
            {
                w.WriteStartObject();
                EntityJson.WriteHead(w, e.Id, e.Type, e.Name, e.Aliases);
                w.WriteStartArray("mentions");
                foreach (var m in e.Mentions)
                {
                    w.WriteStartObject();
                    w.WriteNumber("start", m.Start);
                    w.WriteNumber("end", m.End);
                    w.WriteString("text", doc.Slice(m));
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                EntityJson.WritePlace(w, e.Place);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
