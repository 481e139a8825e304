using System.Globalization;
using System.Text.RegularExpressions;
using Lagebild.Model;

namespace Lagebild.Tests.Facts;

/// <summary>
/// One golden example from a spec file (Specs/facts.*.md): a headline, an input text, optional
/// metadata, and the exact list of expected facts. Format:
/// <code>
/// ## name of the example
/// published: 2022-01-10          (optional; YYYY, YYYY-MM or YYYY-MM-DD)
/// min-count: 1                   (optional; the extractor's --min-count, default 2)
/// > Input sentence(s); several "> " lines are joined with a newline.
/// - arrested almost 1700 additional place=Almaty
/// - killed dozens place=- time="am Sonntag"@2022-01-09/day source="Innenministerium"
/// - none
/// </code>
/// A fact line: KIND QUALIFIER [VALUE] [additional] [cumulative] [place=NAME|-] [time="TEXT"@DATE/PRECISION|-] [source="TEXT"|-].
/// Kind, qualifier, value, additional and cumulative are always checked; place, time and source only where given.
/// </summary>
public sealed record FactSpec(string File, int Line, string Name, string Text, string? Published, IReadOnlyList<ExpectedFact> Expected)
{
    public int MinCount { get; init; } = 2;

    public override string ToString() => $"{File}:{Line} {Name}";

    public static IReadOnlyList<FactSpec> Load(string path)
    {
        var specs = new List<FactSpec>();
        var lines = System.IO.File.ReadAllLines(path);
        string file = Path.GetFileName(path);
        string? name = null;
        int startLine = 0;
        string? published = null;
        int minCount = 2;
        var text = new List<string>();
        var expected = new List<ExpectedFact>();
        void Flush()
        {
            if (name is null)
                return;
            if (text.Count == 0)
                throw new FormatException($"{file}:{startLine}: example '{name}' has no '> ' input line");
            if (expected.Count == 0)
                throw new FormatException($"{file}:{startLine}: example '{name}' has no '- ' expectation (write '- none' for no facts)");
            specs.Add(new FactSpec(file, startLine, name, string.Join("\n", text), published, expected.Where(e => e is not null).ToList()!) { MinCount = minCount });
            text.Clear();
            expected.Clear();
            published = null;
            minCount = 2;
        }
        for (int i = 0; i < lines.Length; i++)
        {
            var l = lines[i];
            if (l.StartsWith("## ", StringComparison.Ordinal))
            {
                Flush();
                name = l[3..].Trim();
                startLine = i + 1;
            }
            else if (name is null)
            {
                continue;
            }
            else if (l.StartsWith("> ", StringComparison.Ordinal) || l == ">")
            {
                text.Add(l.Length > 2 ? l[2..] : "");
            }
            else if (l.StartsWith("published:", StringComparison.Ordinal))
            {
                published = l["published:".Length..].Trim();
            }
            else if (l.StartsWith("min-count:", StringComparison.Ordinal))
            {
                minCount = int.Parse(l["min-count:".Length..].Trim(), CultureInfo.InvariantCulture);
            }
            else if (l.StartsWith("- ", StringComparison.Ordinal))
            {
                var body = l[2..].Trim();
                if (body == "none")
                    expected.Add(null!);
                else
                    expected.Add(ExpectedFact.Parse(body, $"{file}:{i + 1}"));
            }
        }
        Flush();
        return specs;
    }
}

/// <summary>An expected fact in a spec; null members are not checked.</summary>
public sealed record ExpectedFact(FactKind Kind, CountQualifier Qualifier, long? Value, bool Additional, bool Cumulative,
    bool CheckPlace, string? Place, bool CheckTime, string? TimeText, string? TimeDate, string? TimePrecision, bool CheckSource, string? Source)
{
    private static readonly Regex s_attr = new(@"(?<key>place|time|source)=(?:""(?<q>[^""]*)""(?:@(?<date>[0-9W-]+)?/(?<prec>\w+))?|(?<bare>[^\s""]+))", RegexOptions.CultureInvariant);

    public static ExpectedFact Parse(string body, string where)
    {
        var words = body.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2 || !FactKinds.TryParse(words[0], out FactKind kind) || !FactKinds.TryParse(words[1], out CountQualifier q))
            throw new FormatException($"{where}: expected 'KIND QUALIFIER …', got '{body}'");
        string rest = words.Length > 2 ? words[2] : "";
        long? value = null;
        var head = rest.Split(' ', 2);
        if (head[0].Length > 0 && long.TryParse(head[0], NumberStyles.None, CultureInfo.InvariantCulture, out long v))
        {
            value = v;
            rest = head.Length > 1 ? head[1] : "";
        }
        var e = new ExpectedFact(kind, q, value, false, false, false, null, false, null, null, null, false, null);
        foreach (Match m in s_attr.Matches(rest))
        {
            string key = m.Groups["key"].Value;
            string? val = m.Groups["q"].Success ? m.Groups["q"].Value : m.Groups["bare"].Value;
            if (val == "-")
                val = null;
            e = key switch
            {
                "place" => e with { CheckPlace = true, Place = val },
                "source" => e with { CheckSource = true, Source = val },
                _ => e with { CheckTime = true, TimeText = val, TimeDate = m.Groups["date"].Success ? m.Groups["date"].Value : null, TimePrecision = m.Groups["prec"].Success ? m.Groups["prec"].Value : null },
            };
        }
        var flags = s_attr.Replace(rest, "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        foreach (var f in flags)
        {
            e = f switch
            {
                "additional" => e with { Additional = true },
                "cumulative" => e with { Cumulative = true },
                _ => throw new FormatException($"{where}: unknown word '{f}' in '{body}'"),
            };
        }
        return e;
    }

    /// <summary>Differences between this expectation and an actual fact; empty when it matches.</summary>
    public List<string> Differences(Fact f)
    {
        var d = new List<string>();
        if (f.Kind != Kind) d.Add($"kind {FactKinds.Name(f.Kind)} ≠ {FactKinds.Name(Kind)}");
        if (f.Count.Qualifier != Qualifier) d.Add($"qualifier {FactKinds.Name(f.Count.Qualifier)} ≠ {FactKinds.Name(Qualifier)}");
        if (f.Count.Value != Value) d.Add($"value {f.Count.Value?.ToString() ?? "null"} ≠ {Value?.ToString() ?? "null"}");
        if (f.Additional != Additional) d.Add($"additional {f.Additional} ≠ {Additional}");
        if (f.Cumulative != Cumulative) d.Add($"cumulative {f.Cumulative} ≠ {Cumulative}");
        if (CheckPlace && f.Place?.Name != Place) d.Add($"place {f.Place?.Name ?? "-"} ≠ {Place ?? "-"}");
        if (CheckSource && f.Source?.Text != Source) d.Add($"source {f.Source?.Text ?? "-"} ≠ {Source ?? "-"}");
        if (CheckTime)
        {
            if (TimeText is null && f.Time is not null) d.Add($"time {f.Time.Text} ≠ -");
            if (TimeText is not null && f.Time?.Text != TimeText) d.Add($"time text {f.Time?.Text ?? "-"} ≠ {TimeText}");
            if (TimeText is not null && f.Time is not null)
            {
                if (f.Time.Resolved?.ToString() != TimeDate) d.Add($"time date {f.Time.Resolved?.ToString() ?? "-"} ≠ {TimeDate ?? "-"}");
                string prec = PartialDate.PrecisionName(f.Time.Resolved?.Precision ?? f.Time.Precision);
                if (TimePrecision is not null && prec != TimePrecision) d.Add($"time precision {prec} ≠ {TimePrecision}");
            }
        }
        return d;
    }

    public override string ToString()
    {
        var s = $"{FactKinds.Name(Kind)} {FactKinds.Name(Qualifier)}{(Value is long v ? " " + v : "")}{(Additional ? " additional" : "")}{(Cumulative ? " cumulative" : "")}";
        if (CheckPlace) s += $" place={Place ?? "-"}";
        if (CheckTime) s += $" time=\"{TimeText}\"@{TimeDate}/{TimePrecision}";
        if (CheckSource) s += $" source=\"{Source}\"";
        return s;
    }
}
