using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Lagebild.Model;
using Lagebild.Search;
using Lagebild.Storage;
using Lagebild.Stories;
using Spectre.Console;

namespace Lagebild.Cli.Commands;

/// <summary><c>lagebild search "QUERY" [filters] [--format text|jsonl]</c>: ranked articles of the store with snippets.</summary>
internal static class SearchCommand
{
    private static readonly JsonSerializerOptions s_json = new()
    {
        TypeInfoResolver = SearchJson.Default,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create(CommandContext ctx)
    {
        var query = new Argument<string>("QUERY") { Description = "Words to find, in any of their forms (Festnahmen finds festgenommen); every word must match" };
        var format = new Option<string>("--format") { Description = "text: a list with marked snippets; jsonl: one hit a line", DefaultValueFactory = _ => "text", HelpName = "text|jsonl" };
        format.AcceptOnlyFromAmong("text", "jsonl");
        var limit = new Option<int>("--limit", "-n") { Description = "At most this many hits", DefaultValueFactory = _ => 20, HelpName = "N" };
        limit.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 1) r.AddError("--limit must be 1 or more"); });
        var from = new Option<string?>("--from") { Description = "Published on or after (YYYY-MM-DD, YYYY-MM or YYYY)", HelpName = "DATE" };
        var to = new Option<string?>("--to") { Description = "Published on or before (YYYY-MM-DD, YYYY-MM or YYYY)", HelpName = "DATE" };
        var place = new Option<string?>("--place") { Description = "A place a fact or place entity names (name or gazetteer id)", HelpName = "NAME" };
        var entity = new Option<string?>("--entity") { Description = "A person, place or organisation of the article", HelpName = "NAME" };
        var kind = new Option<string?>("--kind") { Description = "A kind of fact the article has (arrested, killed, injured, …)", HelpName = "KIND" };
        kind.Validators.Add(r => { if (r.GetValueOrDefault<string?>() is { } k && !FactKinds.TryParse(k, out FactKind _)) r.AddError($"--kind: unknown kind '{k}'"); });
        var source = new Option<string?>("--source") { Description = "The outlet, or whom a figure is attributed to", HelpName = "TEXT" };
        foreach (var o in new[] { from, to })
            o.Validators.Add(r => { if (r.GetValueOrDefault<string?>() is { } d && !PartialDate.TryParse(d, out _)) r.AddError($"{o.Name}: not a date: '{d}'"); });
        var cmd = new Command("search", "Search the store's articles: German- and English-aware (lemmas, compounds, stems), filters by date, place, entity, kind of fact and source; ranked, with snippets")
        {
            query, format, limit, from, to, place, entity, kind, source,
        };
        cmd.SetAction(parsed =>
        {
            string path = ctx.StorePath(parsed);
            using var store = ctx.OpenExistingStore(path);
            PartialDate.TryParse(parsed.GetValue(from), out var f);
            PartialDate.TryParse(parsed.GetValue(to), out var t);
            FactKind? k = parsed.GetValue(kind) is { } kn && FactKinds.TryParse(kn, out FactKind fk) ? fk : null;
            var filter = new SearchFilter(
                parsed.GetValue(from) is null ? null : f.Date,
                parsed.GetValue(to) is null ? null : t.LastDay,
                parsed.GetValue(place), parsed.GetValue(entity), k, parsed.GetValue(source));
            IReadOnlyList<SearchHit> hits;
            try
            {
                hits = Searcher.Search(store, parsed.GetValue(query)!, filter, parsed.GetValue(limit), StoryIndexer.ResolvedStories(store));
            }
            catch (StoreException e)
            {
                throw new CliException(e.Message);
            }
            if (parsed.GetValue(format) == "jsonl")
            {
                foreach (var h in hits)
                    ctx.Io.Out.WriteLine(JsonSerializer.Serialize<SearchLine>(new SearchLine(h.ArticleId, h.Title, h.Published?.ToString(), h.Story, Math.Round(h.Score, 4), h.Snippet,
                        h.Highlights.Select(x => new SearchMark(x.Start, x.End)).ToList()), s_json));
            }
            else
            {
                Render(ctx.Io, hits);
            }
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static void Render(CliIo io, IReadOnlyList<SearchHit> hits)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(io.Out),
            Ansi = io.OutRedirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = io.OutRedirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
        });
        if (hits.Count == 0)
        {
            console.MarkupLine("[grey]no article matches[/]");
            return;
        }
        int n = 0;
        foreach (var h in hits)
        {
            console.MarkupLine($"[bold]{++n}.[/] {Markup.Escape(h.Title ?? h.ArticleId)} [grey]({Markup.Escape(h.ArticleId)}, {Markup.Escape(h.Published?.ToString() ?? "undated")}{(h.Story is { } s ? ", " + Markup.Escape(s) : "")}, score {h.Score.ToString("0.00", CultureInfo.InvariantCulture)})[/]");
            // Marked words: bold on a terminal, «…» when redirected.
            var sb = new System.Text.StringBuilder("   ");
            int at = 0;
            foreach (var m in h.Highlights)
            {
                sb.Append(Markup.Escape(h.Snippet[at..m.Start]));
                string word = Markup.Escape(h.Snippet[m.Start..m.End]);
                sb.Append(io.OutRedirected ? $"«{word}»" : $"[bold yellow]{word}[/]");
                at = m.End;
            }
            sb.Append(Markup.Escape(h.Snippet[at..].ReplaceLineEndings(" ")));
            console.MarkupLine(sb.ToString().ReplaceLineEndings(" "));
        }
    }
}

internal sealed record SearchMark(int Start, int End);

internal sealed record SearchLine(string Article, string? Title, string? Published, string? Story, double Score, string Snippet, List<SearchMark> Highlights);

[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.SnakeCaseLower)]
[System.Text.Json.Serialization.JsonSerializable(typeof(SearchLine))]
internal sealed partial class SearchJson : System.Text.Json.Serialization.JsonSerializerContext;
