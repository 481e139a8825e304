using Lagebild.Model;
using Lagebild.Pipeline;

namespace Lagebild.Tests.Pipeline;

public sealed class PipelineBuilderTests
{
    private sealed class Stage(string name, string[] requires, string[] assigns) : IPipelineComponent
    {
        public string Name => name;
        public IReadOnlyList<string> Requires => requires;
        public IReadOnlyList<string> Assigns => assigns;
        public List<string> Seen { get; } = [];
        public void Process(Document document) => Seen.Add(document.Article.Id);
    }

    [Fact]
    public void Build_refuses_a_component_whose_requirement_no_earlier_component_assigns()
    {
        var builder = new PipelineBuilder().Add(new Stage("b", ["x"], ["y"])).Add(new Stage("a", [], ["x"]));
        var e = Assert.Throws<InvalidOperationException>(() => builder.Build());
        Assert.Contains("'b' requires layer 'x'", e.Message);
    }

    [Fact]
    public void Duplicate_component_names_are_refused()
    {
        var builder = new PipelineBuilder().Add(new Stage("a", [], ["x"]));
        Assert.Throws<ArgumentException>(() => builder.Add(new Stage("a", [], ["y"])));
    }

    [Fact]
    public void Built_pipeline_runs_components_in_order_and_records_layers()
    {
        var a = new Stage("a", [], ["x"]);
        var b = new Stage("b", ["x"], ["y"]);
        var pipeline = new PipelineBuilder().Add(a).Add(b).Build();
        var doc = pipeline.Process(new Article { Id = "1", Text = "t", Origin = "o", Format = "text" });
        Assert.Equal(["1"], a.Seen);
        Assert.Equal(["1"], b.Seen);
        Assert.Equal(new HashSet<string> { "x", "y" }, doc.Layers);
    }

    [Fact]
    public void Default_pipeline_assigns_every_layer()
    {
        var doc = DefaultPipeline.Shared.Process(new Article { Id = "1", Text = "In Almaty wurden 20 Menschen festgenommen.", Origin = "o", Format = "text" });
        Assert.Superset(new HashSet<string> { Layers.Boilerplate, Layers.Language, Layers.Tokens, Layers.Sentences, Layers.Places, Layers.Facts }, doc.Layers);
        Assert.Single(doc.Facts);
    }
}
