using Lagebild.Ingest;

namespace Lagebild.Tests.Ingest;

public class DuplicateIndexTests
{
    private static readonly string[] Vocabulary =
    [
        "Almaty", "Polizei", "Regierung", "Menschen", "wurden", "festgenommen", "Stadt", "Lage", "Präsident", "Proteste",
        "Demonstranten", "Militär", "Soldaten", "verletzt", "getötet", "Medien", "berichteten", "Mittwoch", "Sonntag", "Land",
        "Kasachstan", "Unruhen", "Behörden", "Angaben", "zufolge", "mehr", "als", "und", "die", "der", "in", "mit", "nach",
        "seit", "Tagen", "Zahl", "Opfer", "stieg", "weiter", "Hauptstadt", "Nachrichtenagentur", "meldete", "Abend",
    ];

    /// <summary>A reproducible pseudo-article of <paramref name="words"/> words.</summary>
    private static string Text(int seed, int words)
    {
        var rng = new Random(seed);
        return string.Join(' ', Enumerable.Range(0, words).Select(_ => Vocabulary[rng.Next(Vocabulary.Length)]));
    }

    private static string ChangeWords(string text, params int[] positions)
    {
        var w = text.Split(' ');
        foreach (int p in positions)
            w[p] = "GEÄNDERT" + p;
        return string.Join(' ', w);
    }

    [Fact]
    public void Exact_duplicate_ignores_whitespace_and_case()
    {
        var index = new DuplicateIndex();
        string text = Text(1, 50);

        Assert.Null(index.Add("first", text));
        var m = index.Add("copy", "  " + text.ToUpperInvariant().Replace(" ", " \n\t ") + "\n");

        Assert.Equal(new DuplicateMatch("first", 1.0, true), m);
    }

    [Fact]
    public void Near_duplicate_with_a_few_words_changed_is_found()
    {
        var index = new DuplicateIndex();
        string original = Text(2, 400);
        string edited = ChangeWords(original, 10, 200, 390);

        Assert.Null(index.Add("dpa-1", original));
        var m = index.Add("wire-copy", edited);

        Assert.NotNull(m);
        Assert.Equal("dpa-1", m!.OfId);
        Assert.False(m.Exact);
        Assert.InRange(m.Similarity, DuplicateIndex.NearThreshold, 1.0);
    }

    [Fact]
    public void Different_texts_are_not_linked_and_both_are_indexed()
    {
        var index = new DuplicateIndex();

        Assert.Null(index.Add("a", Text(3, 300)));
        Assert.Null(index.Add("b", Text(4, 300)));
        Assert.Equal(2, index.Count);
    }

    [Fact]
    public void Heavily_edited_text_is_not_a_near_duplicate()
    {
        var index = new DuplicateIndex();
        string original = Text(5, 200);
        // Every 8th word changed: most 5-shingles differ.
        string rewritten = ChangeWords(original, Enumerable.Range(0, 25).Select(i => i * 8).ToArray());

        index.Add("orig", original);

        Assert.Null(index.Add("rewrite", rewritten));
    }

    [Fact]
    public void Short_texts_are_only_matched_exactly()
    {
        var index = new DuplicateIndex();
        const string a = "Knapp 1700 Menschen in Almaty festgenommen, meldet die Polizei am Mittwoch.";
        const string b = "Knapp 1700 Menschen in Almaty festgenommen, meldet die Polizei am Donnerstag.";

        Assert.Empty(DuplicateIndex.Signature(a));
        Assert.Null(index.Add("a", a));
        Assert.Null(index.Add("b", b));
        Assert.True(index.Add("c", a.ToLowerInvariant())!.Exact);
    }

    [Fact]
    public void Signatures_are_deterministic_and_rebuild_an_index()
    {
        string original = Text(6, 300);
        var sig = DuplicateIndex.Signature(original);
        Assert.Equal(DuplicateIndex.HashCount, sig.Length);
        Assert.Equal(sig, DuplicateIndex.Signature(original));
        Assert.Equal(DuplicateIndex.ExactHash(original), DuplicateIndex.ExactHash(" " + original.ToUpperInvariant()));

        var rebuilt = new DuplicateIndex();
        rebuilt.AddSignature("stored", DuplicateIndex.ExactHash(original), sig);

        Assert.Equal("stored", rebuilt.Add("new", ChangeWords(original, 150))!.OfId);
        Assert.True(rebuilt.Add("again", original)!.Exact);
        Assert.Throws<ArgumentException>(() => rebuilt.AddSignature("x", 1, new ulong[3]));
    }

    [Fact]
    public void Concurrent_adds_index_each_distinct_text_once()
    {
        var index = new DuplicateIndex();
        var texts = Enumerable.Range(0, 40).Select(i => Text(100 + i, 120)).ToArray();
        int duplicates = 0;

        Parallel.For(0, 160, i =>
        {
            if (index.Add("t" + i, texts[i % 40]) is not null)
                Interlocked.Increment(ref duplicates);
        });

        Assert.Equal(40, index.Count);
        Assert.Equal(120, duplicates);
    }
}
