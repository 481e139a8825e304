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
        // Markup nested thousands of levels deep makes the HTML parser itself slow and its recursive walks
        // overflow the stack: such a page is read by stripping its tags, without building a DOM.
        if (MarkupDepth(html) > MaxParsedDepth)
        {
            string stripped = TextNormal.Clean(StripTags(html)).Trim();
            return stripped.Length == 0 ? (null, "no readable article text") : (new Page(stripped, null, null, null, null, null, null), null);
        }
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

        // Readability's scoring walks ancestors for every node: on pathologically deep markup (thousands of
        // nested elements, a hostile or broken page) it takes minutes. Such a page is read as its plain text.
        if (MaxDepth(doc.Body) > MaxReadableDepth)
        {
            string plain = TextNormal.Clean(doc.Body.TextContent).Trim();
            return plain.Length == 0
                ? (null, "no readable article text")
                : (new Page(plain, titleTag, published, TextNormal.CleanOptional(metaAuthor), TextNormal.CleanOptional(siteName), lang, canonical), null);
        }

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

    /// <summary>Deeper nesting in the raw markup than this is not parsed into a DOM at all (see <see cref="Extract"/>).</summary>
    internal const int MaxParsedDepth = 2000;

    private static readonly HashSet<string> s_voidElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    };

    // The nesting depth of the raw markup, estimated in one pass over the tags (void and self-closing tags do not nest).
    internal static int MarkupDepth(string html)
    {
        int depth = 0, max = 0;
        for (int i = html.IndexOf('<'); i >= 0 && i + 1 < html.Length; i = html.IndexOf('<', i + 1))
        {
            char c = html[i + 1];
            if (c == '/')
            {
                depth = Math.Max(0, depth - 1);
                continue;
            }
            if (!char.IsLetter(c))
                continue;
            int end = html.IndexOf('>', i + 1);
            if (end < 0)
                break;
            int nameEnd = i + 1;
            while (nameEnd < end && char.IsLetterOrDigit(html[nameEnd]))
                nameEnd++;
            if (html[end - 1] == '/' || s_voidElements.Contains(html[(i + 1)..nameEnd]))
                continue;
            if (++depth > max)
                max = depth;
        }
        return max;
    }

    // Text without tags, scripts or styles, entities decoded; block tags become line breaks.
    internal static string StripTags(string html)
    {
        var sb = new System.Text.StringBuilder(html.Length / 2);
        int i = 0;
        while (i < html.Length)
        {
            int lt = html.IndexOf('<', i);
            if (lt < 0)
            {
                sb.Append(html, i, html.Length - i);
                break;
            }
            sb.Append(html, i, lt - i);
            int gt = html.IndexOf('>', lt);
            if (gt < 0)
                break;
            var tag = html.AsSpan(lt + 1, gt - lt - 1);
            foreach (var skip in (ReadOnlySpan<string>)["script", "style"])
            {
                if (tag.StartsWith(skip, StringComparison.OrdinalIgnoreCase))
                {
                    int close = html.IndexOf("</" + skip, gt, StringComparison.OrdinalIgnoreCase);
                    gt = close < 0 ? html.Length - 1 : Math.Max(gt, html.IndexOf('>', close) is var e && e >= 0 ? e : html.Length - 1);
                    break;
                }
            }
            if (tag.StartsWith("p", StringComparison.OrdinalIgnoreCase) || tag.StartsWith("/p", StringComparison.OrdinalIgnoreCase) || tag.StartsWith("br", StringComparison.OrdinalIgnoreCase))
                sb.Append('\n');
            i = gt + 1;
        }
        return System.Net.WebUtility.HtmlDecode(sb.ToString());
    }

    /// <summary>Deeper element nesting than this is not real page structure; the page is read as plain text.</summary>
    internal const int MaxReadableDepth = 256;

    // The deepest element nesting below root, without recursion (the markup may be deeper than the stack).
    private static int MaxDepth(IElement root)
    {
        int max = 0;
        var stack = new Stack<(IElement Element, int Depth)>();
        stack.Push((root, 0));
        while (stack.Count > 0)
        {
            var (e, depth) = stack.Pop();
            if (depth > max)
                max = depth;
            if (max > MaxReadableDepth)
                return max;
            foreach (var child in e.Children)
                stack.Push((child, depth + 1));
        }
        return max;
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
