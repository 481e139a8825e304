using Lagebild.Model;

namespace Lagebild.Ingest;

/// <summary>
/// The seed format: <c> date 2022-01 </c> then the body. Published keeps the header's precision
/// (2022-01 is a month); Text is the body with leading whitespace trimmed; Id is the file stem.
/// </summary>
internal sealed class SeedFormat : IArticleFormat
{
    public string Name => "seed";

    public IEnumerable<ReadOutcome> Read(Source source, ReadContext context)
    {
        string all = source.ReadAllClean();
        var m = Formats.SeedHeader().Match(all);
        if (!m.Success)
        {
            // Chosen by extension or sniffing but the header is not there after all: plain text.
            foreach (var o in Formats.Text.Read(source, context))
                yield return o;
            yield break;
        }
        string body = all[(m.Index + m.Length)..].TrimStart();
        PartialDate? published = null;
        if (PartialDate.TryParse(m.Groups["date"].Value, out var d))
            published = d;
        else
            yield return ReadOutcome.Fail(source.Origin, 1, $"unparsed date \"{m.Groups["date"].Value}\" in the seed header; article kept without a date");
        if (body.Length == 0)
        {
            yield return ReadOutcome.Fail(source.Origin, null, "seed file has a date header but no text");
            yield break;
        }
        yield return ReadOutcome.Of(new Article
        {
            Id = source.Stem,
            Text = body,
            Published = published,
            Url = source.Url,
            Origin = source.Origin,
            Format = Name,
        });
    }
}

/// <summary>Plain text: the whole text (trimmed) is one article; Id is the file stem; no date.</summary>
internal sealed class PlainTextFormat : IArticleFormat
{
    public string Name => "text";

    public IEnumerable<ReadOutcome> Read(Source source, ReadContext context)
    {
        string text = source.ReadAllClean();
        if (text.Length == 0 || TextNormal.IsBlank(text))
        {
            yield return ReadOutcome.Fail(source.Origin, null, "whitespace-only text, nothing to read");
            yield break;
        }
        yield return ReadOutcome.Of(new Article
        {
            Id = source.Stem,
            Text = text,
            Url = source.Url,
            Origin = source.Origin,
            Format = Name,
        });
    }
}
