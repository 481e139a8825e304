using System.Globalization;
using Lagebild.Model;
using Lagebild.Stories;
using Spectre.Console;

namespace Lagebild.Cli.Rendering;

/// <summary>Renders the situation picture in the terminal with Spectre.Console (plain text when redirected).</summary>
internal sealed class ReportRenderer
{
    private const int EvidenceWidth = 70;
    private readonly IAnsiConsole _console;

    public ReportRenderer(CliIo io, int? width)
    {
        _console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(io.Out),
            Ansi = io.OutRedirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = io.OutRedirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
        });
        if (width is int w)
            _console.Profile.Width = Math.Clamp(w, 60, 400);
        else if (io.OutRedirected)
            _console.Profile.Width = 140;
    }

    public void Render(IReadOnlyList<StoryView> stories, string origin)
    {
        int articles = stories.Sum(s => s.Articles.Count), facts = stories.Sum(s => s.Timeline.Count);
        _console.Write(new Rule($"[bold]Lagebild[/] — {stories.Count} stories, {articles} articles, {facts} facts").LeftJustified());
        _console.MarkupLine($"[grey]from {Markup.Escape(origin)}[/]");
        int n = 0;
        foreach (var story in stories)
        {
            n++;
            _console.WriteLine();
            string span = Span(story);
            _console.Write(new Rule($"[bold yellow]Story {n}[/]: {Markup.Escape(story.Title)}").LeftJustified());
            _console.MarkupLine($"[grey]{Markup.Escape(span)} · {story.Articles.Count} article(s) · places: {Markup.Escape(story.Places.Count == 0 ? "—" : string.Join(", ", story.Places))}[/]");
            var named = story.Entities.Where(e => e.Type != "LOC").Take(8).ToList();
            if (named.Count > 0)
                _console.MarkupLine($"[grey]who: {Markup.Escape(string.Join("; ", named.Select(e => $"{e.Name} ({e.Type}{(e.Aliases.Count > 0 ? ", also " + string.Join(", ", e.Aliases.Take(3)) : "")})")))}[/]");
            if (story.Merged.Count > 0)
                _console.MarkupLine($"[grey]merged: {Markup.Escape(string.Join(", ", story.Merged.Select(m => $"{m.Absorbed} (tied by {m.ByArticle})")))}[/]");
            RenderArticles(story);
            if (story.Timeline.Count > 0)
                RenderTimeline(story);
            else
                _console.MarkupLine("[grey]no counted facts in this story[/]");
            RenderFigures(story);
        }
    }

    private void RenderArticles(StoryView story)
    {
        var table = new Table().Border(TableBorder.Simple).Title("[bold]Articles[/]");
        table.AddColumn("published");
        table.AddColumn("article");
        table.AddColumn("lang");
        table.AddColumn("source");
        table.AddColumn("agencies");
        table.AddColumn("photo credits");
        foreach (var a in story.Articles)
        {
            string id = a.DuplicateOf is null ? a.Id : $"{a.Id} (copy of {a.DuplicateOf})";
            table.AddRow(E(a.Published?.ToString() ?? "—"), E(id), E(a.Language), E(a.Source ?? "—"),
                E(a.Agencies.Count == 0 ? "—" : string.Join(", ", a.Agencies)), E(a.Credits.Count == 0 ? "—" : string.Join("; ", a.Credits)));
        }
        _console.Write(table);
    }

    private void RenderTimeline(StoryView story)
    {
        var table = new Table().Border(TableBorder.Simple).Title("[bold]Facts on a timeline[/]");
        table.AddColumn("when");
        table.AddColumn("kind");
        table.AddColumn(new TableColumn("count").RightAligned());
        table.AddColumn("place");
        table.AddColumn("source");
        table.AddColumn("article");
        table.AddColumn(new TableColumn("evidence") { Width = EvidenceWidth });
        foreach (var f in story.Timeline)
        {
            table.AddRow(
                E(When(f)),
                E(FactKinds.Name(f.Fact.Kind) + (f.Fact.Cumulative ? " (total)" : "") + (f.Fact.Additional ? " (+more)" : "")),
                E(Count(f.Fact.Count)),
                E(f.Fact.Place?.Name ?? "—"),
                E(f.Fact.Source?.Text ?? "—"),
                E(f.ArticleId),
                Evidence(f));
        }
        _console.Write(table);
    }

    private void RenderFigures(StoryView story)
    {
        if (story.Figures.Count == 0)
            return;
        var table = new Table().Border(TableBorder.Simple).Title("[bold]Figures, reconciled across reports[/]");
        table.AddColumn("kind");
        table.AddColumn("place");
        table.AddColumn(new TableColumn("figure").RightAligned());
        table.AddColumn("status");
        table.AddColumn(new TableColumn("timeline of claims (as of, article, source)") { Width = EvidenceWidth });
        foreach (var f in story.Figures)
        {
            string claims = string.Join("  →  ", f.Claims.Select(c =>
                $"{Count(c.Count)} ({c.AsOf?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? c.Published?.ToString() ?? "undated"}, {c.ArticleId}{(c.Source is { } s ? ", " + s : "")})"));
            string range = f.Min != f.Max && (f.Min != f.Count.Min || f.Max != f.Count.Max) ? $" [{f.Min.ToString("N0", CultureInfo.InvariantCulture)}–{f.Max.ToString("N0", CultureInfo.InvariantCulture)}]" : "";
            string status = f.Status switch
            {
                FigureStatus.Rising => "[yellow]rising[/]",
                FigureStatus.Conflicting => "[red]conflicting[/]",
                FigureStatus.Agreeing => "[green]agreeing[/]",
                _ => "single",
            };
            table.AddRow(
                E(FactKinds.Name(f.Kind) + (f.Additional ? " (+more)" : "")),
                E(f.Place ?? "—"),
                E(Count(f.Count) + range),
                status,
                E(claims));
        }
        _console.Write(table);
        foreach (var f in story.Figures.Where(f => f.Status is FigureStatus.Rising or FigureStatus.Conflicting))
            _console.MarkupLine($"  [grey]{E(FactKinds.Name(f.Kind))}: {E(f.Note)}[/]");
    }

    private static string When(SituationFact f)
    {
        if (f.Fact.Time is { } t)
            return t.Resolved is { } r ? $"{r} ({t.Text})" : $"{t.Text} (unresolved)";
        return f.Published is { } p ? $"{p} (published)" : "—";
    }

    public static string Count(Count c)
    {
        var inv = CultureInfo.InvariantCulture;
        string v = c.Value is long value ? value.ToString("N0", inv) : "";
        return c.Qualifier switch
        {
            CountQualifier.Exact => v,
            CountQualifier.Approx => "~" + v,
            CountQualifier.Almost => "almost " + v,
            CountQualifier.MoreThan => ">" + v,
            CountQualifier.AtLeast => "≥" + v,
            CountQualifier.AtMost => "≤" + v,
            _ => $"{FactKinds.Name(c.Qualifier)} ({c.Min.ToString("N0", inv)}–{c.Max.ToString("N0", inv)})",
        };
    }

    private static string Span(StoryView story)
    {
        var dates = story.Articles.Where(a => a.Published is not null).Select(a => a.Published!.Value).Order().ToList();
        return dates.Count == 0 ? "undated" : dates[0] == dates[^1] ? dates[0].ToString() : $"{dates[0]} – {dates[^1]}";
    }

    // The evidence sentence with the count highlighted, shortened around it.
    private static string Evidence(SituationFact f)
    {
        string s = f.Sentence;
        if (f.InSentence(f.Fact.CountSpan) is not { } c)
            return E(s);
        int cs = c.Start, ce = c.End;
        int from = Math.Max(0, cs - 80), to = Math.Min(s.Length, ce + 100);
        string pre = (from > 0 ? "…" : "") + s[from..cs], post = s[ce..to] + (to < s.Length ? "…" : "");
        return $"{E(pre)}[bold]{E(s[cs..ce])}[/]{E(post)}";
    }

    private static string E(string s) => Markup.Escape(s);
}
