using System.Globalization;
using System.Text;
using Lagebild.Model;
using Lagebild.Search;
using Lagebild.Storage;
using Lagebild.Stories;
using static Lagebild.Web.Html;

namespace Lagebild.Web;

/// <summary>The HTML pages: stories, a story, an article, search and an entity. Every article text is encoded.</summary>
public static class Pages
{
    private static readonly CultureInfo s_ic = CultureInfo.InvariantCulture;

    public static string Stories(SituationCache.Snapshot s)
    {
        var sb = new StringBuilder("<h1>Stories</h1>");
        sb.Append(s_ic, $"<p class=\"muted\">{s.Stories.Count} stories, {s.Stories.Sum(x => x.Articles.Count)} articles</p>");
        sb.Append("<h2>Newest</h2>");
        foreach (var story in s.Stories.OrderByDescending(x => x.LastSeen?.LastDay ?? DateOnly.MinValue).ThenBy(x => x.Id, StringComparer.Ordinal).Take(20))
            sb.Append(StoryCard(story));
        sb.Append("<h2>Biggest</h2>");
        foreach (var story in s.Stories.OrderByDescending(x => x.Articles.Count).ThenBy(x => x.Id, StringComparer.Ordinal).Take(20))
            sb.Append(StoryCard(story));
        return Page("Stories", sb.ToString());
    }

    private static string StoryCard(StoryView story)
    {
        var sb = new StringBuilder("<div class=\"card\">");
        sb.Append(s_ic, $"<a href=\"/story/{U(story.Id)}\"><strong>{E(story.Title)}</strong></a> <span class=\"muted\">{E(Span(story))} · {story.Articles.Count} article(s) · {E(string.Join(", ", story.Places.Take(5)))}</span>");
        var main = story.Figures.Where(f => !f.Additional).Take(6).ToList();
        if (main.Count > 0)
        {
            sb.Append("<div>");
            sb.Append(string.Join(" · ", main.Select(f => $"{E(FactKinds.Name(f.Kind))} {E(f.Place ?? "")} <strong>{E(f.Count.ToString())}</strong> <span class=\"status-{Figure.StatusName(f.Status)}\">{Figure.StatusName(f.Status)}</span>")));
            sb.Append("</div>");
        }
        return sb.Append("</div>").ToString();
    }

    private static string Span(StoryView s) => s.FirstSeen is null ? "undated" : s.FirstSeen == s.LastSeen ? s.FirstSeen.ToString()! : $"{s.FirstSeen} – {s.LastSeen}";

    public static string Story(StoryView story, IReadOnlyDictionary<string, StoredArticle> articles)
    {
        var sb = new StringBuilder();
        sb.Append(s_ic, $"<h1>{E(story.Title)}</h1><p class=\"muted\">{E(story.Id)} · {E(Span(story))} · {story.Articles.Count} article(s)</p>");
        if (story.Merged.Count > 0)
            sb.Append(s_ic, $"<p class=\"muted\">merged: {E(string.Join(", ", story.Merged.Select(m => $"{m.Absorbed} (tied by {m.ByArticle})")))}</p>");

        sb.Append("<h2>Figures</h2>");
        foreach (var f in story.Figures)
        {
            sb.Append(s_ic, $"<div class=\"card figure\" data-kind=\"{FactKinds.Name(f.Kind)}\" data-status=\"{Figure.StatusName(f.Status)}\"><strong>{E(FactKinds.Name(f.Kind))}{(f.Additional ? " (more on top)" : "")}</strong> {E(f.Place ?? "")}: <strong>{E(f.Count.ToString())}</strong>");
            if (f.Min != f.Count.Min || f.Max != f.Count.Max)
                sb.Append(s_ic, $" <span class=\"muted\">range {f.Min:N0}–{f.Max:N0}</span>");
            sb.Append(s_ic, $" <span class=\"status-{Figure.StatusName(f.Status)}\">{Figure.StatusName(f.Status)}</span><div class=\"muted\">{E(f.Note)}</div>");
            if (f.Claims.Count > 1)
                sb.Append(Charts.Timeline(f));
            sb.Append("<table><tr><th>as of</th><th>article</th><th>claim</th><th>source</th><th>evidence</th></tr>");
            foreach (var c in f.Claims)
                sb.Append(s_ic, $"<tr><td>{E(c.AsOf?.ToString("yyyy-MM-dd", s_ic) ?? c.Published?.ToString() ?? "—")}</td><td><a href=\"/article/{U(c.ArticleId)}\">{E(c.ArticleId)}</a></td><td>{E(c.Count.ToString())}</td><td>{E(c.Source ?? "—")}</td><td>{E(c.Sentence)}</td></tr>");
            sb.Append("</table></div>");
        }

        var located = story.Timeline.Where(f => f.Fact.Place is { Lat: not null, Lon: not null })
            .Select(f => (f.Fact.Place!.Name, f.Fact.Place.Lat!.Value, f.Fact.Place.Lon!.Value))
            .Concat(story.Entities.Where(e => e.Place is { Lat: not null, Lon: not null }).Select(e => (e.Name, e.Place!.Lat!.Value, e.Place.Lon!.Value)))
            .GroupBy(p => p.Item1).Select(g => g.First()).ToList();
        sb.Append("<h2>Places</h2>").Append(Charts.Map(located));

        sb.Append("<h2>Facts on a timeline</h2><table><tr><th>when</th><th>kind</th><th>count</th><th>place</th><th>source</th><th>article</th><th>evidence</th></tr>");
        foreach (var f in story.Timeline)
        {
            sb.Append(s_ic, $"<tr><td>{E(f.When?.ToString() ?? "—")}</td><td>{E(FactKinds.Name(f.Fact.Kind))}{(f.Fact.Cumulative ? " (total)" : "")}{(f.Fact.Additional ? " (+)" : "")}</td><td>{E(f.Fact.Count.ToString())}</td>");
            sb.Append(s_ic, $"<td>{E(f.Fact.Place?.Name ?? "—")}</td><td>{E(f.Fact.Source?.Text ?? "—")}</td><td><a href=\"/article/{U(f.ArticleId)}\">{E(f.ArticleId)}</a></td><td>{Evidence(f)}</td></tr>");
        }
        sb.Append("</table>");

        sb.Append("<h2>Articles</h2><table><tr><th>published</th><th>article</th><th>outlet</th><th>agencies</th><th>photo credits</th></tr>");
        foreach (var a in story.Articles)
        {
            string outlet = a.Source ?? (articles.TryGetValue(a.Id, out var sa) && sa.Url is { } url && Uri.TryCreate(url, UriKind.Absolute, out var u) ? u.Host : "—");
            sb.Append(s_ic, $"<tr><td>{E(a.Published?.ToString() ?? "—")}</td><td><a href=\"/article/{U(a.Id)}\">{E(a.Title ?? a.Id)}</a>{(a.DuplicateOf is { } d ? $" <span class=\"muted\">(copy of {E(d)})</span>" : "")}</td>");
            sb.Append(s_ic, $"<td>{E(outlet)}</td><td>{E(string.Join(", ", a.Agencies))}</td><td>{E(string.Join("; ", a.Credits))}</td></tr>");
        }
        sb.Append("</table>");

        sb.Append("<h2>Entities</h2><ul>");
        foreach (var e in story.Entities.Take(40))
            sb.Append(s_ic, $"<li><a href=\"/entity/{U(e.Id)}\">{E(e.Name)}</a> <span class=\"muted\">{E(e.Type)}{(e.Aliases.Count > 0 ? ", also " + E(string.Join(", ", e.Aliases)) : "")} · {e.Articles.Count} article(s)</span></li>");
        sb.Append("</ul>");
        return Page(story.Title, sb.ToString());
    }

    // The evidence sentence with the count marked.
    private static string Evidence(SituationFact f)
    {
        string s = f.Sentence;
        if (f.InSentence(f.Fact.CountSpan) is not { } c)
            return E(s);
        return $"{E(s[..c.Start])}<mark class=\"count\">{E(s[c.Start..c.End])}</mark>{E(s[c.End..])}";
    }

    public static string Article(StoredArticle a, IReadOnlyList<StoredFact> facts, IReadOnlyList<Lagebild.Linking.Entity> entities, StoryView? story)
    {
        var sb = new StringBuilder();
        sb.Append(s_ic, $"<h1>{E(a.Title ?? a.Id)}</h1><p class=\"muted\">{E(a.Id)} · {E(a.Published?.ToString() ?? "undated")} · {E(a.Source ?? "")} · {E(a.Language)}");
        if (story is not null)
            sb.Append(s_ic, $" · story <a href=\"/story/{U(story.Id)}\">{E(story.Title)}</a>");
        sb.Append("</p>");
        if (a.Url is { } url && Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https")
            sb.Append(s_ic, $"<p><a rel=\"noopener noreferrer nofollow\" href=\"{E(u.AbsoluteUri)}\">{E(u.Host)}</a></p>");
        if (a.Agencies.Count + a.Credits.Count > 0)
            sb.Append(s_ic, $"<p class=\"muted\">agencies: {E(string.Join(", ", a.Agencies))} · photo credits: {E(string.Join("; ", a.Credits))}</p>");
        if (a.DuplicateOf is { } original)
            sb.Append(s_ic, $"<p>A copy of <a href=\"/article/{U(original)}\">{E(original)}</a>.</p>");
        // Marks: entity mentions and the facts' counts, never overlapping.
        var marks = new List<(int Start, int End, string Class)>();
        foreach (var f in facts.Where(f => !f.Fact.InTitle))
            marks.Add((f.Fact.CountSpan.Start, f.Fact.CountSpan.End, "count"));
        foreach (var e in entities)
            foreach (var m in e.Mentions)
                marks.Add((m.Start, m.End, e.Type.ToLowerInvariant()));
        string text = a.Text ?? "";
        var sbText = new StringBuilder();
        int at = 0;
        foreach (var m in marks.Where(m => m.Start >= 0 && m.End <= text.Length && m.Start < m.End).OrderBy(m => m.Start).ThenBy(m => m.Class == "count" ? 0 : 1))
        {
            if (m.Start < at)
                continue;
            sbText.Append(E(text[at..m.Start])).Append(s_ic, $"<mark class=\"{m.Class}\">").Append(E(text[m.Start..m.End])).Append("</mark>");
            at = m.End;
        }
        sbText.Append(E(text[at..]));
        sb.Append("<div class=\"text\">").Append(sbText).Append("</div>");
        sb.Append("<h2>Facts</h2><table><tr><th>kind</th><th>count</th><th>place</th><th>time</th><th>source</th><th>evidence</th></tr>");
        foreach (var f in facts)
            sb.Append(s_ic, $"<tr><td>{E(FactKinds.Name(f.Fact.Kind))}</td><td>{E(f.Fact.Count.ToString())}</td><td>{E(f.Fact.Place?.Name ?? "—")}</td><td>{E(f.Fact.Time?.Text ?? "—")}</td><td>{E(f.Fact.Source?.Text ?? "—")}</td><td>{E(f.Sentence)}</td></tr>");
        sb.Append("</table><h2>Entities</h2><ul>");
        foreach (var e in entities)
            sb.Append(s_ic, $"<li><a href=\"/entity/{U(e.Id)}\">{E(e.Name)}</a> <span class=\"muted\">{E(e.Type)}</span></li>");
        sb.Append("</ul>");
        return Page(a.Title ?? a.Id, sb.ToString());
    }

    public static string SearchPage(string query, IReadOnlyList<SearchHit> hits, string? error, IReadOnlyDictionary<string, string>? titles = null)
    {
        var sb = new StringBuilder();
        sb.Append(s_ic, $"<h1>Search</h1><form action=\"/search\" method=\"get\"><input name=\"q\" value=\"{E(query)}\" aria-label=\"query\"> <input name=\"from\" placeholder=\"from YYYY-MM-DD\" size=\"12\"> <input name=\"to\" placeholder=\"to\" size=\"12\"> <input name=\"place\" placeholder=\"place\" size=\"10\"> <input name=\"entity\" placeholder=\"entity\" size=\"10\"> <input name=\"kind\" placeholder=\"kind\" size=\"8\"> <input name=\"source\" placeholder=\"source\" size=\"10\"> <button>Search</button></form>");
        if (error is not null)
            sb.Append(s_ic, $"<p class=\"status-conflicting\">{E(error)}</p>");
        if (query.Length > 0)
            sb.Append(s_ic, $"<p class=\"muted\">{hits.Count} hit(s) for “{E(query)}”</p>");
        // The stories the hits belong to, most hits first: search finds stories through their articles.
        var stories = hits.Where(h => h.Story is not null).GroupBy(h => h.Story!).OrderByDescending(g => g.Count()).ToList();
        if (stories.Count > 0 && titles is not null)
        {
            sb.Append("<h2>Stories</h2><ul class=\"stories\">");
            foreach (var g in stories)
                sb.Append(s_ic, $"<li><a href=\"/story/{U(g.Key)}\">{E(titles.GetValueOrDefault(g.Key) ?? g.Key)}</a> <span class=\"muted\">{g.Count()} hit(s)</span></li>");
            sb.Append("</ul><h2>Articles</h2>");
        }
        foreach (var h in hits)
        {
            sb.Append(s_ic, $"<div class=\"card hit\"><a href=\"/article/{U(h.ArticleId)}\"><strong>{E(h.Title ?? h.ArticleId)}</strong></a> <span class=\"muted\">{E(h.ArticleId)} · {E(h.Published?.ToString() ?? "undated")}");
            if (h.Story is { } story)
                sb.Append(s_ic, $" · <a href=\"/story/{U(story)}\">story</a>");
            sb.Append("</span><div class=\"snippet\">");
            int at = 0;
            foreach (var m in h.Highlights)
            {
                sb.Append(E(h.Snippet[at..m.Start])).Append("<mark>").Append(E(h.Snippet[m.Start..m.End])).Append("</mark>");
                at = m.End;
            }
            sb.Append(E(h.Snippet[at..])).Append("</div></div>");
        }
        return Page(query.Length > 0 ? "Search: " + query : "Search", sb.ToString());
    }

    public static string Entity(string id, IReadOnlyList<(string ArticleId, Lagebild.Linking.Entity Entity)> mentions, SituationCache.Snapshot s)
    {
        var first = mentions[0].Entity;
        var sb = new StringBuilder();
        sb.Append(s_ic, $"<h1>{E(first.Name)}</h1><p class=\"muted\">{E(first.Type)} · {E(id)}</p>");
        var forms = mentions.SelectMany(m => m.Entity.Aliases.Prepend(m.Entity.Name)).Distinct().ToList();
        sb.Append(s_ic, $"<p>Also written: {E(string.Join(", ", forms))}</p>");
        if (first.Place is { } p)
            sb.Append(s_ic, $"<p class=\"muted\">{E(p.Id)} · {E(p.Country)} · {p.Lat?.ToString("0.####", s_ic)}, {p.Lon?.ToString("0.####", s_ic)}</p>");
        sb.Append("<h2>Stories</h2><ul>");
        foreach (var story in mentions.Select(m => s.ByArticle.GetValueOrDefault(m.ArticleId)).Where(x => x is not null).Distinct())
            sb.Append(s_ic, $"<li><a href=\"/story/{U(story!.Id)}\">{E(story.Title)}</a></li>");
        sb.Append("</ul><h2>Articles</h2><ul>");
        foreach (var (article, e) in mentions)
            sb.Append(s_ic, $"<li><a href=\"/article/{U(article)}\">{E(article)}</a> <span class=\"muted\">{e.Mentions.Count} mention(s)</span></li>");
        return Page(first.Name, sb.Append("</ul>").ToString());
    }

    public static string NotFound(string what) => Page("Not found", $"<h1>Not found</h1><p>{E(what)}</p>");
}
