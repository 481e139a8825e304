using Lagebild.Entities;

namespace Lagebild.Tests.Entities;

/// <summary>Corpus readers on small inline samples of each format, the label mapping and BIO repair.</summary>
public sealed class NerCorpusTests
{
    private static List<NerSentence> Read(string text, out NerFormat format, NerReadStats? stats = null)
    {
        format = NerCorpus.Detect(new StringReader(text));
        return NerCorpus.Read(new StringReader(text), format, stats).ToList();
    }

    [Fact]
    public void Reads_two_column_CoNLL_with_comments_and_sentence_breaks()
    {
        var sentences = Read("# document = seg-001\nFamilie\tO\nPalacz\tB-PER\n,\tO\n\nin\tO\nBerlin\tB-LOC\n", out var format);
        Assert.Equal(NerFormat.Conll, format);
        Assert.Equal(2, sentences.Count);
        Assert.Equal(["Familie", "Palacz", ","], sentences[0].Tokens);
        Assert.Equal(["O", "B-PER", "O"], sentences[0].Tags);
        Assert.Equal(["O", "B-LOC"], sentences[1].Tags);
    }

    [Fact]
    public void Reads_space_separated_LER_and_maps_fine_classes()
    {
        var text = "Der O\nRichter O\nMüller B-RR\nam O\nBundesgerichtshof B-GRT\nin O\nKarlsruhe B-ST\nnach O\n§ B-GS\n5 I-GS\nGmbHG I-GS\n\n";
        var s = Assert.Single(Read(text, out _));
        Assert.Equal(["O", "O", "B-PER", "O", "B-ORG", "O", "B-LOC", "O", "O", "O", "O"], s.Tags);
    }

    [Fact]
    public void Reads_MobIE_CoNLL_2003_with_DOCSTART_and_fine_types()
    {
        var text = "-DOCSTART- -672197903662907392- O O\n\nRT\tNN\tI-NN\tO\n@PolizeiMuenchen\tNN\tI-NN\tB-organization\nauf\tAPPR\tI-AP\tO\nder\tART\tI-AR\tO\nA9\tNN\tI-NN\tB-location-route\nbei\tAPPR\tI-AP\tO\nGarching\tNE\tI-NE\tB-location-city\num\tAPPR\tI-AP\tO\n10:00\tCARD\tI-CA\tB-time\n\n";
        var s = Assert.Single(Read(text, out var format));
        Assert.Equal(NerFormat.Conll, format);
        Assert.Equal(["O", "B-ORG", "O", "O", "O", "O", "B-LOC", "O", "O"], s.Tags);
    }

    [Fact]
    public void Reads_GermEval_TSV_second_column_outer_tags_and_drops_deriv_part_OTH()
    {
        var text = "#\thttp://www.n-tv.de/politik/x.html\t[2009-09-02]\t\n1\tDie\tO\tO\n2\tdeutschen\tB-LOCderiv\tO\n3\tEU-Budget\tB-ORGpart\tO\n4\tADAC\tB-ORG\tB-ORG\n5\tEurospeedway\tB-ORG\tO\n6\tLausitz\tI-ORG\tB-LOC\n7\tHarry\tB-OTH\tB-PER\n\n";
        var s = Assert.Single(Read(text, out var format));
        Assert.Equal(NerFormat.GermEval, format);
        Assert.Equal(["Die", "deutschen", "EU-Budget", "ADAC", "Eurospeedway", "Lausitz", "Harry"], s.Tokens);
        Assert.Equal(["O", "O", "O", "B-ORG", "B-ORG", "I-ORG", "O"], s.Tags);
    }

    [Fact]
    public void Reads_HIPE_TSV_with_EndOfSentence_and_HumanProd_as_O()
    {
        var text = "TOKEN\tNE-COARSE-LIT\tNE-COARSE-METO\tNE-FINE-LIT\tNE-FINE-METO\tNE-FINE-COMP\tNE-NESTED\tNEL-LIT\tNEL-METO\tMISC\n"
            + "# hipe2022:document_id = doc-1\n"
            + "Johann\tB-PER\t_\tO\t_\t_\tO\tNIL\t_\t_\n"
            + "Brandl\tI-PER\t_\tO\t_\t_\tO\tNIL\t_\tNoSpaceAfter\n"
            + ".\tO\t_\tO\t_\t_\tO\t_\t_\tEndOfSentence\n"
            + "Neue\tB-HumanProd\t_\tO\t_\t_\tO\t_\t_\t_\n"
            + "Freie\tI-HumanProd\t_\tO\t_\t_\tO\t_\t_\t_\n"
            + "Wien\tB-LOC\t_\tO\t_\t_\tO\tQ1741\t_\tEndOfSentence\n";
        var sentences = Read(text, out var format);
        Assert.Equal(NerFormat.Hipe, format);
        Assert.Equal(2, sentences.Count);
        Assert.Equal(["B-PER", "I-PER", "O"], sentences[0].Tags);
        Assert.Equal(["O", "O", "B-LOC"], sentences[1].Tags);
    }

    [Fact]
    public void Reads_SmartData_Avro_JSON_by_tokenising_the_text_and_mapping_mentions()
    {
        var line = """{"id":"d1","text":{"string":"Bei Siemens in München streiken 300 Beschäftigte. Max Weber sprach."},"conceptMentions":{"array":[{"span":{"start":4,"end":11},"type":"ORGANIZATION_COMPANY"},{"span":{"start":15,"end":22},"type":"LOCATION_CITY"},{"span":{"start":32,"end":35},"type":"NUMBER"},{"span":{"start":50,"end":59},"type":"PERSON"}]}}""";
        var stats = new NerReadStats();
        var sentences = Read(line + "\n", out var format, stats);
        Assert.Equal(NerFormat.SmartDataJson, format);
        Assert.Equal(2, sentences.Count);
        Assert.Equal(["Bei", "Siemens", "in", "München", "streiken", "300", "Beschäftigte", "."], sentences[0].Tokens);
        Assert.Equal(["O", "B-ORG", "O", "B-LOC", "O", "O", "O", "O"], sentences[0].Tags);
        Assert.Equal(["B-PER", "I-PER", "O", "O"], sentences[1].Tags);
        Assert.Empty(stats.UnknownLabels);
    }

    [Theory]
    [InlineData("B-PER", "B-PER")]
    [InlineData("I-LOC", "I-LOC")]
    [InlineData("B-AN", "B-PER")]
    [InlineData("I-RR", "I-PER")]
    [InlineData("B-LDS", "B-LOC")]
    [InlineData("B-STR", "B-LOC")]
    [InlineData("B-INN", "B-ORG")]
    [InlineData("B-MRK", "B-ORG")]
    [InlineData("B-GS", "O")]
    [InlineData("B-LOCderiv", "O")]
    [InlineData("I-ORGpart", "O")]
    [InlineData("B-OTH", "O")]
    [InlineData("B-HumanProd", "O")]
    [InlineData("B-MISC", "O")]
    [InlineData("B-location-stop", "B-LOC")]
    [InlineData("B-location-route", "O")]
    [InlineData("B-ORGANIZATION_COMPANY", "B-ORG")]
    [InlineData("B-org-position", "O")]
    [InlineData("O", "O")]
    public void Maps_corpus_labels_to_PER_LOC_ORG(string tag, string expected)
    {
        Assert.Equal(expected, NerLabels.Map(tag, out bool known));
        Assert.True(known);
    }

    [Fact]
    public void Unknown_labels_become_O_and_are_counted()
    {
        Assert.Equal("O", NerLabels.Map("B-FOO", out bool known));
        Assert.False(known);
        var stats = new NerReadStats();
        Read("a\tB-FOO\nb\tO\n", out _, stats);
        Assert.Equal(1, stats.UnknownLabels["B-FOO"]);
    }

    [Fact]
    public void Repairs_BIO()
    {
        var tags = new List<string> { "I-PER", "I-PER", "O", "I-LOC", "B-ORG", "I-LOC" };
        NerLabels.Repair(tags);
        Assert.Equal(["B-PER", "I-PER", "O", "B-LOC", "B-ORG", "B-LOC"], tags);

        Span<int> ids = [NerLabels.Id("I-ORG"), NerLabels.Id("I-ORG"), NerLabels.Id("I-PER")];
        NerLabels.Repair(ids);
        Assert.Equal(["B-ORG", "I-ORG", "B-PER"], ids.ToArray().Select(i => NerLabels.All[i]));
    }

    [Fact]
    public void Spans_and_scores_follow_score_ner_py()
    {
        var gold = new[] { "B-PER", "I-PER", "O", "B-LOC", "O", "B-ORG" };
        var pred = new[] { "B-PER", "I-PER", "O", "B-LOC", "I-LOC", "O" };
        Assert.Equal([(0, 2, "PER"), (3, 4, "LOC"), (5, 6, "ORG")], NerLabels.Spans(gold));
        var score = new NerScore();
        score.Add(gold, pred);
        Assert.Equal(new Prf(1, 1, 2), score.Micro);
        Assert.Equal(1, score.Of("PER").F1);
    }

    [Fact]
    public void Noise_share_flags_OCR_broken_words()
    {
        Assert.Equal(0, NerCorpus.NoiseShare(["Die", "Stadt", "Wien", "."]));
        Assert.True(NerCorpus.NoiseShare(["HmnObristcn", "B3rlin", "und"]) > 0.6);
    }
}
