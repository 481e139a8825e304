using Lagebild.Entities;
using Lagebild.Model;
using Lagebild.Pipeline;
using Lagebild.Text;

namespace Lagebild.Tests.Entities;

/// <summary>A tiny training run, model save/load, the tagger and the pipeline component.</summary>
public sealed class NerModelTests
{
    private static readonly string[] s_people = ["Anna", "Bernd", "Clara", "Dieter", "Erika", "Frank", "Gisela", "Horst"];
    private static readonly string[] s_places = ["Aachen", "Bonn", "Celle", "Dessau", "Essen", "Fulda", "Gera", "Hagen"];
    private static readonly string[] s_orgs = ["Alpha", "Beta", "Gamma", "Delta", "Omega", "Sigma"];

    /// <summary>Toy pattern: "Herr X wohnt in Y bei der Firma Z AG ." with PER, LOC, ORG.</summary>
    private static List<NerSentence> Toy(int count, int seed)
    {
        var rng = new Random(seed);
        var list = new List<NerSentence>();
        for (int i = 0; i < count; i++)
        {
            string p = s_people[rng.Next(s_people.Length)], l = s_places[rng.Next(s_places.Length)], o = s_orgs[rng.Next(s_orgs.Length)];
            list.Add(new NerSentence(["Herr", p, "wohnt", "in", l, "bei", "der", "Firma", o, "AG", "."],
                ["O", "B-PER", "O", "O", "B-LOC", "O", "O", "O", "B-ORG", "I-ORG", "O"]));
        }
        return list;
    }

    private static NerModel TrainToy() =>
        NerTrainer.Train(Toy(200, 1), Toy(20, 2), NerLexicon.Empty, new NerTrainOptions { Epochs = 3, Bits = 16 });

    [Fact]
    public void A_tiny_training_run_learns_the_toy_pattern_and_generalises_to_new_names()
    {
        var tagger = new NerTagger(TrainToy());
        var tags = tagger.Tag(["Herr", "Zacharias", "wohnt", "in", "Zwickau", "bei", "der", "Firma", "Kappa", "AG", "."]);
        Assert.Equal(["O", "B-PER", "O", "O", "B-LOC", "O", "O", "O", "B-ORG", "I-ORG", "O"], tags);
        Assert.Empty(tagger.Tag([]));
    }

    [Fact]
    public void Save_and_load_round_trip_keeps_the_lexicon_and_the_predictions()
    {
        var lexicon = new NerLexiconBuilder().AddClusters([new WordCluster("Bonn", 5, 5, 1, 2, 3)]).AddProjectGazetteer().Build();
        var model = NerTrainer.Train(Toy(200, 1), null, lexicon, new NerTrainOptions { Epochs = 2, Bits = 16 });
        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;
        var loaded = NerModel.Load(stream);

        Assert.Equal(lexicon.Count, loaded.Features.Lexicon.Count);
        Assert.True(loaded.Features.Lexicon.TryGet("Bonn", out var bonn));
        Assert.Equal(new WordInfo(1, 2, 3, lexicon.Lookup("Bonn").Flags, 5), bonn);
        Assert.True(bonn.Flags.HasFlag(LexFlags.City));
        var sentences = Toy(30, 3);
        foreach (var s in sentences)
            Assert.Equal(new NerTagger(model).Tag(s.Tokens), new NerTagger(loaded).Tag(s.Tokens));
    }

    [Fact]
    public void Loading_something_else_fails_with_a_clear_message()
    {
        Assert.Throws<InvalidDataException>(() => NerModel.Load(new MemoryStream("not a model"u8.ToArray())));
    }

    [Fact]
    public void The_tagger_is_thread_safe()
    {
        var tagger = new NerTagger(TrainToy());
        var sentences = Toy(400, 4);
        var expected = sentences.Select(s => tagger.Tag(s.Tokens)).ToList();
        var actual = new IReadOnlyList<string>[sentences.Count];
        Parallel.For(0, sentences.Count, i => actual[i] = tagger.Tag(sentences[i].Tokens));
        for (int i = 0; i < sentences.Count; i++)
            Assert.Equal(expected[i], actual[i]);
    }

    [Fact]
    public void Output_is_always_valid_BIO()
    {
        var tagger = new NerTagger(TrainToy());
        var tags = tagger.Tag(["AG", "AG", "Firma", "Herr", "in", "Herr", "AG"]);
        for (int i = 0; i < tags.Count; i++)
        {
            if (tags[i].StartsWith("I-"))
                Assert.True(i > 0 && tags[i - 1] != "O" && tags[i - 1][2..] == tags[i][2..], string.Join(" ", tags));
        }
    }

    [Fact]
    public void The_recogniser_adds_entity_mentions_with_spans_and_runs_in_the_default_pipeline()
    {
        var component = new EntityRecognizer(new NerTagger(TrainToy()));
        var pipeline = new PipelineBuilder().Add(new Tokenizer()).Add(new SentenceSplitter()).Add(component).Build();
        var text = "Herr Bernd wohnt in Essen bei der Firma Gamma AG. Herr Clara wohnt in Fulda bei der Firma Beta AG.";
        var doc = pipeline.Process(new Article { Id = "t", Text = text, Origin = "test", Format = "text" });
        Assert.Contains(EntityRecognizer.Layer, doc.Layers);
        Assert.Equal(
            [("PER", "Bernd"), ("LOC", "Essen"), ("ORG", "Gamma AG"), ("PER", "Clara"), ("LOC", "Fulda"), ("ORG", "Beta AG")],
            doc.Entities.Select(e => (e.Type, e.Text)));
        Assert.All(doc.Entities, e => Assert.Equal(e.Text, text[e.Span.Start..e.Span.End]));
        Assert.Contains(DefaultPipeline.CreateBuilder().Build().Components, c => c.Name == "entities");
    }

    [Fact]
    public void The_recogniser_skips_documents_in_other_languages()
    {
        var doc = new Document(new Article { Id = "t", Text = "Herr Bernd wohnt in Essen.", Origin = "test", Format = "text" }) { Language = "en" };
        new Tokenizer().Process(doc);
        new SentenceSplitter().Process(doc);
        new EntityRecognizer(new NerTagger(TrainToy())).Process(doc);
        Assert.Empty(doc.Entities);
    }

    [Fact]
    public void Synthetic_sentences_are_tagged_from_their_slots()
    {
        var pools = new NerSynthetic.Pools();
        pools.FirstNames.Add("Karla");
        pools.Surnames.Add("Kolumna");
        pools.Cities.Add("Bad Kleinen");
        pools.Countries.Add("Ruritanien");
        pools.Regions.Add("Oberland");
        pools.Organisations.Add("Muster AG");
        var sentences = NerSynthetic.Generate(pools, 50, 1);
        Assert.True(sentences.Count >= 50);
        foreach (var s in sentences)
        {
            for (int i = 0; i < s.Tokens.Length; i++)
            {
                if (s.Tokens[i] is "Karla")
                    Assert.EndsWith("PER", s.Tags[i]);
                if (s.Tokens[i] is "Ruritanien")
                    Assert.EndsWith("LOC", s.Tags[i]);
            }
        }
    }
}
