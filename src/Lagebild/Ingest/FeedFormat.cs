using System.Xml;
using CodeHollow.FeedReader;
using Lagebild.Model;

namespace Lagebild.Ingest;

/// <summary>
/// RSS 0.9x/1.0/2.0 and Atom feeds: each item is an article (id = guid/id, else link; text =
/// the longer of content and description with HTML stripped; published at day precision;
/// source = feed title). With <see cref="ReadOptions.FetchLinkedPages"/> each item's link is
/// fetched and the page's main text used when it is longer.
/// Safety: CodeHollow.FeedReader 1.2.6 parses with <c>XDocument.Parse</c>, which processes DTDs
/// and expands entities (a billion-laughs feed expands to megabytes). So every feed is first
/// read with an <see cref="XmlReader"/> that prohibits DTDs; a feed with <c>&lt;!DOCTYPE</c> is
/// refused before CodeHollow sees it.
/// <para>With <see cref="ReadOptions.FeedItemFilter"/> each item is first named by its id and a version (a hash of
/// the title, link, description and content as published) and left out when the filter says so, before any
/// linked page is fetched (<c>lagebild watch</c> reads only new or changed items this way).</para>
/// </summary>
internal sealed class FeedFormat : IArticleFormat
{
    public string Name => "feed";

    public IEnumerable<ReadOutcome> Read(Source source, ReadContext context)
    {
        string xml = source.ReadAll();
        var (root, error) = CheckXml(xml, context.Options.MaxFileBytes);
        if (error is not null)
        {
            yield return ReadOutcome.Fail(source.Origin, null, error);
            yield break;
        }
        if (root is not ("rss" or "feed" or "RDF" or "rdf"))
        {
            yield return ReadOutcome.Fail(source.Origin, null, $"not an RSS or Atom feed (root element <{root}>)");
            yield break;
        }

        Feed feed;
        try
        {
            feed = FeedReader.ReadFromString(xml);
        }
        catch (Exception e)
        {
            feed = null!;
            error = "unreadable feed: " + e.Message.ReplaceLineEndings(" ");
        }
        if (error is not null)
        {
            yield return ReadOutcome.Fail(source.Origin, null, error);
            yield break;
        }

        string? feedTitle = TextNormal.CleanOptional(HtmlText.FromFragment(feed.Title));
        string? feedLang = TextNormal.LanguageCode(feed.Language);
        int index = 0;
        foreach (var item in feed.Items)
        {
            index++;
            foreach (var o in FromItem(item, index, feedTitle, feedLang, source, context))
                yield return o;
        }
        if (index == 0)
            yield return ReadOutcome.Fail(source.Origin, null, "feed has no items");
    }

    private IEnumerable<ReadOutcome> FromItem(FeedItem item, int index, string? feedTitle, string? feedLang, Source source, ReadContext context)
    {
        string? link = string.IsNullOrWhiteSpace(item.Link) ? null : item.Link.Trim();
        string id = !string.IsNullOrWhiteSpace(item.Id) ? item.Id.Trim() : link ?? $"{source.Stem}-{index}";
        if (context.Options.FeedItemFilter is { } filter && !filter(new FeedItemKey(id, Version(item))))
        {
            source.FilteredItems++;
            yield break;
        }
        string content = HtmlText.FromFragment(item.Content);
        string description = HtmlText.FromFragment(item.Description);
        string text = content.Length >= description.Length ? content : description;
        string? author = TextNormal.CleanOptional(item.Author);

        PartialDate? published = null;
        if (PartialDate.TryParse(item.PublishingDateString, out var d))
            published = d;
        else if (item.PublishingDate is DateTime dt)
            published = PartialDate.Day(dt.Year, dt.Month, dt.Day);

        if (context.Options.FetchLinkedPages && link is not null && WebFetcher.IsWebUrl(link))
        {
            var fetched = context.Web.Fetch(link);
            string? why = fetched.Error;
            if (why is null)
            {
                var (pageText, plan) = TextDecoder.Decode(fetched.Body!, fetched.Charset);
                if (pageText is null)
                    why = "binary content, not text";
                else
                {
                    var (page, problem) = HtmlFormat.Extract(pageText, link, link);
                    why = problem;
                    if (page is not null && page.Text.Length > text.Length)
                    {
                        text = page.Text;
                        author ??= page.Author;
                        published ??= page.Published;
                    }
                }
            }
            if (why is not null)
                yield return ReadOutcome.Fail(link, null, $"linked page of feed item {index} not used: {why}");
        }

        if (text.Length == 0)
        {
            yield return ReadOutcome.Fail(source.Origin, null, $"feed item {index} ({TextNormal.Quote(id, 60)}) has no text; skipped");
            yield break;
        }
        yield return ReadOutcome.Of(new Article
        {
            Id = id,
            Text = text,
            Title = TextNormal.CleanOptional(HtmlText.FromFragment(item.Title)),
            Published = published,
            Url = link,
            Source = feedTitle,
            Author = author,
            DeclaredLanguage = feedLang,
            Origin = source.Origin,
            Format = Name,
        });
    }

    /// <summary>16 hex digits of SHA-256 over what a reader sees of the item: title, link, description, content (as published).</summary>
    internal static string Version(FeedItem item)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var part in new[] { item.Title, item.Link, item.Description, item.Content })
            sb.Append(part ?? "").Append('\u001f');
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(sb.ToString()));
        return Convert.ToHexStringLower(hash, 0, 8);
    }

    /// <summary>
    /// Reads the whole document with DTDs prohibited and no resolver; returns the root element's
    /// local name, or a one-line error. A DOCTYPE is refused at once, before any entity is defined.
    /// </summary>
    internal static (string? Root, string? Error) CheckXml(string xml, long maxChars)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersFromEntities = 1024,
            MaxCharactersInDocument = Math.Max(maxChars, 1024),
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        string? root = null;
        try
        {
            using var r = XmlReader.Create(new StringReader(xml), settings);
            while (r.Read())
            {
                if (root is null && r.NodeType == XmlNodeType.Element)
                    root = r.LocalName;
            }
        }
        catch (XmlException e)
        {
            if (xml.Contains("<!DOCTYPE", StringComparison.OrdinalIgnoreCase) || xml.Contains("<!ENTITY", StringComparison.OrdinalIgnoreCase))
                return (null, "XML with a DTD (<!DOCTYPE>) refused: entity declarations are not allowed in feeds");
            return (null, $"malformed XML: {e.Message.ReplaceLineEndings(" ")}");
        }
        return root is null ? (null, "XML has no root element") : (root, null);
    }
}
