using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Lagebild.Model;

namespace Lagebild.Ingest;

/// <summary>
/// An HTML page: SmartReader (Readability) finds the main text; paragraphs are kept as blank
/// lines. Metadata is read from the page before SmartReader rewrites the DOM: published date
/// (<c>article:published_time</c> and similar meta tags, <c>&lt;time datetime&gt;</c>, then
/// SmartReader's own), <c>&lt;html lang&gt;</c>, site name, author, canonical URL. A page with no
/// text gives the problem "no readable article text".
/// </summary>
internal sealed class HtmlFormat : IArticleFormat
{
    public string Name => "html";

    public IEnumerable<ReadOutcome> Read(Source source, ReadContext context)
    {
        var result = Extract(source.ReadAll(), source.Url, source.Origin);
        if (result.Problem is not null)
        {
            yield return ReadOutcome.Fail(source.Origin, null, result.Problem);
            yield break;
        }
        var p = result.Page!;
        yield return ReadOutcome.Of(new Article
        {
            Id = source.Stem,
            Text = p.Text,
            Title = p.Title,
            Published = p.Published,
            Url = source.Url ?? p.CanonicalUrl,
            Source = p.SiteName,
            Author = p.Author,
            DeclaredLanguage = p.Language,
            Origin = source.Origin,
            Format = Name,
        });
    }

    /// <summary>What a page yields: main text and metadata.</summary>
    internal sealed record Page(string Text, string? Title, PartialDate? Published, string? Author, string? SiteName, string? Language, string? CanonicalUrl);

    /// <summary>Main text and metadata of a page, or why there is none. Never throws for bad markup.</summary>
    internal static (Page? Page, string? Problem) Extract(string html, string? url, string origin)
    {
        IHtmlDocument doc = new HtmlParser().ParseDocument(html);
        if (doc.Body is null || TextNormal.IsBlank(doc.Body.TextContent))
            return (null, "no readable article text (the page has no body text)");

        // Metadata first: SmartReader removes and rewrites nodes as it works.
        var published = PublishedFromMarkup(doc);
        string? lang = TextNormal.LanguageCode(doc.DocumentElement?.GetAttribute("lang") ?? doc.DocumentElement?.GetAttribute("xml:lang"));
        string? siteName = Meta(doc, "og:site_name");
        string? metaAuthor = Meta(doc, "author") ?? Meta(doc, "article:author");
        string? canonical = doc.QuerySelector("link[rel=canonical]")?.GetAttribute("href") ?? Meta(doc, "og:url");
        if (canonical is not null && !Uri.TryCreate(canonical, UriKind.Absolute, out _))
            canonical = null;
        string? titleTag = TextNormal.CleanOptional(doc.Title);

        // SmartReader needs an absolute URI to resolve links; a file gets its file: URI.
        string uri = url ?? (Path.IsPathFullyQualified(origin) || File.Exists(origin) ? new Uri(Path.GetFullPath(origin)).AbsoluteUri : "file:///stdin");
        SmartReader.Article art;
        using (var reader = new SmartReader.Reader(uri, doc))
            art = reader.GetArticle();

        string text = "";
        if (!string.IsNullOrWhiteSpace(art.Content))
            text = HtmlText.FromFragment(art.Content);
        if (text.Length == 0 && !string.IsNullOrWhiteSpace(art.TextContent))
            text = TextNormal.Clean(art.TextContent).Trim();
        if (text.Length == 0)
            return (null, "no readable article text");

        if (published is null && art.PublicationDate is DateTime dt)
            published = PartialDate.Day(dt.Year, dt.Month, dt.Day);
        lang ??= TextNormal.LanguageCode(art.Language);
        return (new Page(
            text,
            TextNormal.CleanOptional(art.Title) ?? titleTag,
            published,
            TextNormal.CleanOptional(art.Author) ?? TextNormal.CleanOptional(art.Byline) ?? TextNormal.CleanOptional(metaAuthor),
            TextNormal.CleanOptional(siteName) ?? TextNormal.CleanOptional(art.SiteName),
            lang,
            canonical), null);
    }

    private static readonly string[] DateMetaNames =
    [
        "article:published_time", "og:published_time", "datepublished", "date", "pubdate", "publishdate",
        "dc.date", "dc.date.issued", "dcterms.date", "dcterms.created", "sailthru.date",
    ];

    private static PartialDate? PublishedFromMarkup(IHtmlDocument doc)
    {
        foreach (var name in DateMetaNames)
        {
            if (PartialDate.TryParse(Meta(doc, name), out var d))
                return d;
        }
        // <time itemprop=datePublished>, <time pubdate>, then the first <time datetime>.
        IElement? time = null;
        foreach (var t in doc.QuerySelectorAll("time[datetime]"))
        {
            if (t.HasAttribute("pubdate") || string.Equals(t.GetAttribute("itemprop"), "datePublished", StringComparison.OrdinalIgnoreCase))
            {
                time = t;
                break;
            }
            time ??= t;
        }
        return PartialDate.TryParse(time?.GetAttribute("datetime"), out var td) ? td : null;
    }

    /// <summary>The content of the first meta tag whose property, name or itemprop equals <paramref name="key"/> (any case).</summary>
    private static string? Meta(IHtmlDocument doc, string key)
    {
        foreach (var m in doc.QuerySelectorAll("meta"))
        {
            var k = m.GetAttribute("property") ?? m.GetAttribute("name") ?? m.GetAttribute("itemprop");
            if (k is not null && k.Equals(key, StringComparison.OrdinalIgnoreCase))
            {
                var v = m.GetAttribute("content");
                if (!string.IsNullOrWhiteSpace(v))
                    return v.Trim();
            }
        }
        return null;
    }
}
