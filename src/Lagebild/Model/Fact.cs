namespace Lagebild.Model;

/// <summary>What a fact counts. The wire names (<see cref="FactKinds.Name(FactKind)"/>) follow FACTS.md.</summary>
public enum FactKind
{
    Arrested,
    Killed,
    Injured,
    TroopsDeployed,
    TroopsWithdrawn,
    Protesters,
    Evacuated,
    Displaced,
    Missing,
}

/// <summary>How a count is qualified. Vague multiples (dozens … several) carry no value.</summary>
public enum CountQualifier
{
    Exact,
    Approx,
    Almost,
    MoreThan,
    AtLeast,
    AtMost,
    Dozens,
    Hundreds,
    Thousands,
    Several,
}

/// <summary>Wire names of kinds and qualifiers, as in FACTS.md.</summary>
public static class FactKinds
{
    public static string Name(FactKind kind) => kind switch
    {
        FactKind.Arrested => "arrested",
        FactKind.Killed => "killed",
        FactKind.Injured => "injured",
        FactKind.TroopsDeployed => "troops_deployed",
        FactKind.TroopsWithdrawn => "troops_withdrawn",
        FactKind.Protesters => "protesters",
        FactKind.Evacuated => "evacuated",
        FactKind.Displaced => "displaced",
        FactKind.Missing => "missing",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool TryParse(string name, out FactKind kind)
    {
        foreach (var k in Enum.GetValues<FactKind>())
        {
            if (Name(k) == name)
            {
                kind = k;
                return true;
            }
        }
        kind = default;
        return false;
    }

    public static string Name(CountQualifier q) => q switch
    {
        CountQualifier.Exact => "exact",
        CountQualifier.Approx => "approx",
        CountQualifier.Almost => "almost",
        CountQualifier.MoreThan => "more_than",
        CountQualifier.AtLeast => "at_least",
        CountQualifier.AtMost => "at_most",
        CountQualifier.Dozens => "dozens",
        CountQualifier.Hundreds => "hundreds",
        CountQualifier.Thousands => "thousands",
        CountQualifier.Several => "several",
        _ => throw new ArgumentOutOfRangeException(nameof(q)),
    };

    public static bool TryParse(string name, out CountQualifier qualifier)
    {
        foreach (var q in Enum.GetValues<CountQualifier>())
        {
            if (Name(q) == name)
            {
                qualifier = q;
                return true;
            }
        }
        qualifier = default;
        return false;
    }
}

/// <summary>
/// A count: a value and a qualifier, with the bounds FACTS.md uses for comparison.
/// Vague multiples have a null <see cref="Value"/>.
/// </summary>
public readonly record struct Count(long? Value, CountQualifier Qualifier)
{
    public bool IsVague => Value is null;

    /// <summary>Smallest number the claim allows (integers; "more than v" starts at v + 1).</summary>
    public long Min => (Qualifier, Value) switch
    {
        (CountQualifier.Dozens, _) => 24,
        (CountQualifier.Hundreds, _) => 200,
        (CountQualifier.Thousands, _) => 2000,
        (CountQualifier.Several, _) => 2,
        (CountQualifier.Approx or CountQualifier.Almost, long v) => (long)Math.Ceiling(v * 0.9),
        (CountQualifier.MoreThan, long v) => v + 1,
        (CountQualifier.AtMost, _) => 0,
        (_, long v) => v,
        _ => 0,
    };

    /// <summary>Largest number the claim allows.</summary>
    public long Max => (Qualifier, Value) switch
    {
        (CountQualifier.Dozens, _) => 99,
        (CountQualifier.Hundreds, _) => 999,
        (CountQualifier.Thousands, _) => 9999,
        (CountQualifier.Several, _) => 9,
        (CountQualifier.Approx, long v) => (long)Math.Floor(v * 1.1),
        (CountQualifier.MoreThan, long v) => Math.Max((long)Math.Floor(v * 1.5), v + 1), // "more than 1" allows 2
        (CountQualifier.AtLeast, long v) => (long)Math.Floor(v * 1.5),
        (_, long v) => v,
        _ => 0,
    };

    public override string ToString()
    {
        string q = FactKinds.Name(Qualifier);
        return Value is long v ? (Qualifier == CountQualifier.Exact ? v.ToString() : $"{q} {v}") : q;
    }
}

/// <summary>The place a fact is about, as named in the text, with its gazetteer resolution where known.</summary>
public sealed record FactPlace(string Name, string? Country, double? Lat, double? Lon)
{
    /// <summary>The gazetteer id of the place, where resolved.</summary>
    public string? Id { get; init; }
}

/// <summary>When a fact happened: the expression as written and its resolution, precision kept.</summary>
/// <param name="Text">The time expression as written ("am Sonntag").</param>
/// <param name="Resolved">The resolved date; null when the article gives no anchor to resolve it against.</param>
/// <param name="Precision">Precision of the expression even where it is unresolved.</param>
public sealed record FactTime(string Text, PartialDate? Resolved, DatePrecision Precision);

/// <summary>A time expression found in the text, with its tokens and resolution.</summary>
public sealed record TimeMention(int FirstToken, int LastToken, TextSpan Span, FactTime Time);

/// <summary>A time of day the text names ("10:30 p.m.", "gegen 22 Uhr", "midnight"): minutes after midnight, 0–1439.</summary>
public sealed record ClockMention(TextSpan Span, int Minutes);

/// <summary>Who a figure is attributed to: normalised name and the cue that introduced it.</summary>
public sealed record FactSource(string Text, string Cue);

/// <summary>
/// One quantified claim an article makes about an event (FACTS.md). Spans are offsets into the
/// document text. Immutable.
/// </summary>
public sealed record Fact
{
    public required FactKind Kind { get; init; }
    public required Count Count { get; init; }
    public bool Additional { get; init; }
    public bool Cumulative { get; init; }
    public FactPlace? Place { get; init; }
    public FactTime? Time { get; init; }
    public FactSource? Source { get; init; }
    /// <summary>Read from the headline (<see cref="Article.Title"/>) rather than the body: the spans are offsets into the title.</summary>
    public bool InTitle { get; init; }
    /// <summary>The sentence the fact is read from.</summary>
    public required TextSpan Evidence { get; init; }
    /// <summary>The count phrase ("knapp 1700").</summary>
    public required TextSpan CountSpan { get; init; }
    /// <summary>The word that gives the kind ("festgenommen", "Tote").</summary>
    public required TextSpan TriggerSpan { get; init; }
}
