using BenchmarkDotNet.Attributes;
using Lagebild.Ingest;
using Lagebild.Model;
using Lagebild.Pipeline;
using Lagebild.Storage;
using Lagebild.Stories;

namespace Lagebild.Benchmarks;

/// <summary>
/// One analysis stage at a time, on one article of <see cref="Samples"/>: the stages before it ran once in the
/// setup, and each call starts from a copy of that document (copying the layers costs well under a microsecond
/// per kilobyte, small beside every stage measured here).
/// </summary>
[MemoryDiagnoser]
public class StageBenchmarks
{
    private Document _beforeTokens = null!, _beforeEntities = null!, _beforePlaces = null!, _beforeFacts = null!;
    private IPipelineComponent[] _tokens = null!, _entities = null!, _places = null!, _facts = null!;
    private Article _article = null!;

    /// <summary>Which sample: the German flood report (2.1 kB, facts and places), the German protest report, the English storm report.</summary>
    [Params("flood", "protest", "storm")]
    public string Article { get; set; } = "flood";

    [GlobalSetup]
    public void Setup()
    {
        _article = Samples.All.Single(a => a.Id == Article);
        _tokens = Stages.Range("tokenizer", "entities");
        _entities = Stages.Range("entities", "places");
        _places = Stages.Range("places", "facts");
        _facts = Stages.Range("facts");
        _beforeTokens = Stages.Before(_article, "tokenizer");
        _beforeEntities = Stages.Before(_article, "entities");
        _beforePlaces = Stages.Before(_article, "places");
        _beforeFacts = Stages.Before(_article, "facts");
    }

    [Benchmark(Description = "tokens + sentences")]
    public int TokensAndSentences() => Run(_beforeTokens, _tokens).Sentences.Count;

    [Benchmark(Description = "entities (NER model, English rules, entity rules)")]
    public int Entities() => Run(_beforeEntities, _entities).Entities.Count;

    [Benchmark(Description = "places")]
    public int Places() => Run(_beforePlaces, _places).Places.Count;

    [Benchmark(Description = "facts + headline facts")]
    public int Facts() => Run(_beforeFacts, _facts).Facts.Count;

    [Benchmark(Description = "whole pipeline, one article")]
    public int Pipeline() => DefaultPipeline.Shared.Process(_article).Facts.Count;

    private static Document Run(Document before, IPipelineComponent[] stages)
    {
        var doc = Stages.Copy(before);
        Stages.Run(doc, stages);
        return doc;
    }
}

/// <summary>Reading: an HTML page (SmartReader main text, metadata) and a JSON Lines line.</summary>
[MemoryDiagnoser]
public class ReadBenchmarks
{
    private readonly ArticleReader _reader = new();
    private string _jsonl = "";

    [GlobalSetup]
    public void Setup()
    {
        var a = Samples.All[0];
        _jsonl = System.Text.Json.JsonSerializer.Serialize(new { id = a.Id, published = "2024-09-17", title = a.Title, text = a.Text, language = "de" }) + "\n";
    }

    [Benchmark(Description = "HTML page → article")]
    public int Html() => _reader.ReadText(Samples.FloodPage, "page.html").Count(o => o.Article is not null);

    [Benchmark(Description = "JSON Lines line → article")]
    public int JsonLine() => _reader.ReadText(_jsonl, "articles.jsonl").Count(o => o.Article is not null);
}

/// <summary>Story clustering: the signals of one analysed article, and saving the clusterer state (3,000 articles held).</summary>
[MemoryDiagnoser]
public class StoryBenchmarks
{
    private Document _doc = null!;
    private StoryClusterer _clusterer = null!;

    [GlobalSetup]
    public void Setup()
    {
        var docs = Corpus.Articles(3000).AsParallel().AsOrdered().Select(DefaultPipeline.Shared.Process).ToArray();
        _clusterer = new StoryClusterer();
        foreach (var d in docs)
            _clusterer.Add(StorySignals.From(d, _clusterer.Terms));
        _doc = docs[^1];
    }

    [Benchmark(Description = "story signals of one article (terms, places, names)")]
    public int Signals() => StorySignals.From(_doc, StorySignals.Terms(_doc), new TermTable()).Terms.Length;

    [Benchmark(Description = "report clues of one article (printed date, weekdays)")]
    public int Clues() => ReportClues.From(_doc).Weekdays.Count;

    [Benchmark(Description = "clusterer state save (3,000 articles held)")]
    public long Save()
    {
        using var ms = new MemoryStream();
        _clusterer.Save(ms);
        return ms.Length;
    }
}

/// <summary>
/// Adding 1,000 articles (100 a day; real German news when ../shared is present) to a story clusterer that already
/// holds 2,000; each iteration starts from a freshly filled clusterer.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(1)]
public class StoryAddBenchmarks
{
    private const int Held = 2000, Added = 1000;
    private Document[] _docs = [];
    private StoryClusterer _clusterer = null!;
    private ArticleSignals[] _signals = [];

    [GlobalSetup]
    public void Setup() =>
        _docs = Corpus.Articles(Held + Added).AsParallel().AsOrdered().Select(DefaultPipeline.Shared.Process).ToArray();

    [IterationSetup]
    public void Fill()
    {
        _clusterer = new StoryClusterer();
        foreach (var d in _docs.Take(Held))
            _clusterer.Add(StorySignals.From(d, _clusterer.Terms));
        _signals = [.. _docs.Skip(Held).Select(d => StorySignals.From(d, _clusterer.Terms))];
    }

    [Benchmark(Description = "clusterer add, per article (2,000 held)", OperationsPerInvoke = Added)]
    public int Add()
    {
        int created = 0;
        foreach (var s in _signals)
            created += _clusterer.Add(s).Created ? 1 : 0;
        return created;
    }
}

/// <summary>The SQLite store: one AddRange of 128 analysed articles (the CLI's batch) into a fresh store file.</summary>
[MemoryDiagnoser]
[InvocationCount(1)]
public class StoreBenchmarks
{
    private const int Batch = 128;
    private Document[] _docs = [];
    private string _dir = "";
    private SqliteStore? _store;

    [GlobalSetup]
    public void Setup()
    {
        _docs = Corpus.Articles(Batch).AsParallel().AsOrdered().Select(DefaultPipeline.Shared.Process).ToArray();
        _dir = Directory.CreateTempSubdirectory("lagebild-bench-store").FullName;
    }

    [IterationSetup]
    public void Open()
    {
        foreach (var f in Directory.GetFiles(_dir))
            File.Delete(f);
        _store = SqliteStore.Open(Path.Combine(_dir, "store.db"));
    }

    [IterationCleanup]
    public void Close() => _store?.Dispose();

    [GlobalCleanup]
    public void Remove() => Directory.Delete(_dir, recursive: true);

    [Benchmark(Description = "SQLite AddRange, per article (batch of 128)", OperationsPerInvoke = Batch)]
    public int AddRange() => _store!.AddRange(_docs).Count;
}
