namespace Lagebild.Model;

/// <summary>
/// One news article as read from any source, before analysis. Every reader produces this shape.
/// <see cref="Text"/> is the body as published, captions and agency tags included; the
/// boilerplate stage marks those parts so facts are not read from them. Immutable.
/// </summary>
public sealed record Article
{
    /// <summary>Stable id: the JSONL/feed id where the source gives one, else the file name without extension.</summary>
    public required string Id { get; init; }

    /// <summary>The body text. Never null; may be empty only for articles that a reader rejects.</summary>
    public required string Text { get; init; }

    public string? Title { get; init; }

    /// <summary>Publication date with its precision, where known.</summary>
    public PartialDate? Published { get; init; }

    public string? Url { get; init; }

    /// <summary>The outlet or feed that published the article (e.g. "Der Standard").</summary>
    public string? Source { get; init; }

    public string? Author { get; init; }

    /// <summary>Language code declared by the source (JSONL "language", HTML lang); detection fills it otherwise.</summary>
    public string? DeclaredLanguage { get; init; }

    /// <summary>Where it was read from: a path, path:line, a URL or "stdin".</summary>
    public required string Origin { get; init; }

    /// <summary>Which reader produced it: seed, text, jsonl, csv, html, feed.</summary>
    public required string Format { get; init; }
}
