namespace Lagebild.Model;

/// <summary>
/// An analysed article: one text and the annotation layers over it (boilerplate, sentences,
/// tokens, places, facts), all as spans into <see cref="Text"/>. Pipeline components fill the
/// layers in order; after the pipeline returns, treat the document as read-only.
/// Not thread-safe while it is being processed.
/// </summary>
public sealed class Document
{
    public Document(Article article)
    {
        Article = article ?? throw new ArgumentNullException(nameof(article));
    }

    public Article Article { get; }

    /// <summary>The text every span refers to (the article body).</summary>
    public string Text => Article.Text;

    /// <summary>ISO 639-1 code ("de", "en") or "und" when undetermined. Set by the language stage.</summary>
    public string Language { get; set; } = "und";

    /// <summary>Captions, credits, agency tags: excluded from fact reading.</summary>
    public List<BoilerplateSpan> Boilerplate { get; } = [];

    public List<Token> Tokens { get; } = [];

    public List<Sentence> Sentences { get; } = [];

    /// <summary>Place names found in the text and resolved against the gazetteer.</summary>
    public List<PlaceMention> Places { get; } = [];

    public List<Fact> Facts { get; } = [];

    /// <summary>The time expressions the fact reader found (all of them, boilerplate included), resolved against the article's date where it can.</summary>
    public List<TimeMention> Times { get; } = [];

    /// <summary>The times of day the fact reader found ("10:30 p.m."), boilerplate included, in text order.</summary>
    public List<ClockMention> Clocks { get; } = [];

    /// <summary>Named entities (PER, LOC, ORG) found by the entity recogniser, in text order.</summary>
    public List<EntityMention> Entities { get; } = [];

    /// <summary>The annotation layers assigned so far (names from <see cref="Lagebild.Pipeline.Layers"/>).</summary>
    public HashSet<string> Layers { get; } = [];

    public ReadOnlySpan<char> this[TextSpan span] => Text.AsSpan(span.Start, span.Length);

    public string Slice(TextSpan span) => Text.Substring(span.Start, span.Length);

    public string Slice(Token token) => Text.Substring(token.Start, token.Length);

    /// <summary>The text a fact's span points into: the title for a headline fact, else the body.</summary>
    public string Slice(Fact fact, TextSpan span) => (fact.InTitle ? Article.Title ?? "" : Text).Substring(span.Start, span.Length);

    public ReadOnlySpan<char> View(Token token) => Text.AsSpan(token.Start, token.Length);

    /// <summary>Agencies named in agency tags, in order, without duplicates.</summary>
    public IReadOnlyList<string> Agencies => Distinct(BoilerplateKind.AgencyTag);

    /// <summary>Photo credits, in order, without duplicates.</summary>
    public IReadOnlyList<string> Credits => Distinct(BoilerplateKind.Credit);

    /// <summary>Photo captions, in order.</summary>
    public IReadOnlyList<string> Captions => Distinct(BoilerplateKind.Caption);

    private TextSpan[] _boilerplateMerged = [];
    private int _boilerplateVersion = -1;

    /// <summary>True when <paramref name="offset"/> lies in boilerplate. O(log n): a long article can have thousands of captions.</summary>
    public bool IsBoilerplate(int offset)
    {
        if (Boilerplate.Count == 0)
            return false;
        if (_boilerplateVersion != Boilerplate.Count)
        {
            // Merge the spans once into sorted, disjoint ranges; recomputed only if a stage adds more.
            var sorted = Boilerplate.Select(b => b.Span).OrderBy(b => b.Start).ToList();
            var merged = new List<TextSpan>(sorted.Count);
            foreach (var span in sorted)
            {
                if (merged.Count > 0 && span.Start <= merged[^1].End)
                    merged[^1] = new TextSpan(merged[^1].Start, Math.Max(merged[^1].End, span.End));
                else
                    merged.Add(span);
            }
            _boilerplateMerged = [.. merged];
            _boilerplateVersion = Boilerplate.Count;
        }
        int lo = 0, hi = _boilerplateMerged.Length - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            var m = _boilerplateMerged[mid];
            if (offset < m.Start)
                hi = mid - 1;
            else if (offset >= m.End)
                lo = mid + 1;
            else
                return true;
        }
        return false;
    }

    private List<string> Distinct(BoilerplateKind kind)
    {
        var list = new List<string>();
        foreach (var b in Boilerplate)
        {
            if (b.Kind != kind)
                continue;
            foreach (var v in kind == BoilerplateKind.AgencyTag ? b.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [b.Value])
            {
                if (!list.Contains(v, StringComparer.OrdinalIgnoreCase))
                    list.Add(v);
            }
        }
        return list;
    }
}

/// <summary>A named entity in the text: its span, its type ("PER", "LOC", "ORG") and its text as written.</summary>
public sealed record EntityMention(TextSpan Span, string Type, string Text);

/// <summary>How specific a place is; higher is more specific.</summary>
public enum PlaceLevel
{
    Country = 0,
    Region = 1,
    City = 2,
    Locality = 3,
}

/// <summary>A place named in the text ("Almaty"), or implied by an adjective ("kasachischen") or "landesweit".</summary>
/// <param name="Span">Where the mention sits.</param>
/// <param name="Name">The name to report (the form in the text, or the country name for adjectives).</param>
/// <param name="Level">How specific the place is.</param>
/// <param name="Country">ISO 3166-1 alpha-2 code, where known.</param>
/// <param name="Lat">Latitude, where known.</param>
/// <param name="Lon">Longitude, where known.</param>
/// <param name="Implicit">True for adjectives and "landesweit": they name a place without naming it.</param>
public sealed record PlaceMention(TextSpan Span, string Name, PlaceLevel Level, string? Country, double? Lat, double? Lon, bool Implicit)
{
    /// <summary>The gazetteer id of the resolved place (<c>geonames:N</c>, <c>admin1:CC.X</c>, <c>iso:CC</c>), where known.</summary>
    public string? Id { get; init; }
}
