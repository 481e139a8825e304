using Lagebild.Model;
using Lagebild.Pipeline;
using Lagebild.Tests.Support;

namespace Lagebild.Tests.Facts;

/// <summary>One test per example in Specs/facts.*.md: the facts read from the input must be exactly the expected ones.</summary>
public sealed class GoldenSpecTests
{
    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var spec in AllSpecs.Value)
            data.Add(spec.ToString());
        return data;
    }

    private static readonly Lazy<IReadOnlyList<FactSpec>> AllSpecs = new(() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Specs"), "facts.*.md").Order().SelectMany(FactSpec.Load).ToList());

    [Fact]
    public void Spec_files_hold_at_least_40_German_examples_covering_every_kind_and_qualifier()
    {
        var german = AllSpecs.Value.Where(s => s.File == "facts.de.md").ToList();
        Assert.True(german.Count >= 40, $"only {german.Count} German examples");
        var expected = german.SelectMany(s => s.Expected).ToList();
        foreach (var kind in Enum.GetValues<FactKind>())
            Assert.True(expected.Any(e => e.Kind == kind), $"no German example for kind {FactKinds.Name(kind)}");
        foreach (var q in Enum.GetValues<CountQualifier>())
            Assert.True(expected.Any(e => e.Qualifier == q), $"no German example for qualifier {FactKinds.Name(q)}");
        Assert.Contains(expected, e => e.Additional);
        Assert.Contains(expected, e => e.Cumulative);
    }

    private static readonly Lazy<AnalysisPipeline> s_singles = new(() => DefaultPipeline.CreateBuilder(1, entities: true).Build());

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example(string id)
    {
        var spec = AllSpecs.Value.Single(s => s.ToString() == id);
        PartialDate? published = PartialDate.TryParse(spec.Published, out var p) ? p : null;
        var article = new Article { Id = "spec", Text = spec.Text, Published = published, Origin = spec.File, Format = "spec" };
        var doc = (spec.MinCount == 2 ? DefaultPipeline.Shared : s_singles.Value).Process(article);
        var actual = doc.Facts.ToList();
        var problems = new List<string>();
        var unmatched = new List<ExpectedFact>(spec.Expected);
        foreach (var f in actual.ToList())
        {
            var hit = unmatched.FirstOrDefault(e => e.Differences(f).Count == 0);
            if (hit is not null)
            {
                unmatched.Remove(hit);
                actual.Remove(f);
            }
        }
        foreach (var e in unmatched)
        {
            var nearest = actual.Where(f => f.Kind == e.Kind).Select(f => string.Join("; ", e.Differences(f))).FirstOrDefault();
            problems.Add($"missing: {e}" + (nearest is null ? "" : $" (closest differs: {nearest})"));
        }
        foreach (var f in actual)
            problems.Add($"unexpected: {Describe.Fact(f, doc)}");
        Assert.True(problems.Count == 0, $"{spec}\n  text: {spec.Text}\n  " + string.Join("\n  ", problems));
    }
}
