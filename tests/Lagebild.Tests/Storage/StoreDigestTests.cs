using Lagebild.Storage;

namespace Lagebild.Tests.Storage;

public sealed class StoreDigestTests
{
    [Fact]
    public void A_prepared_digest_is_the_one_the_store_takes_and_equals_one_computed_late()
    {
        var prepared = Docs.Analyse("a", Docs.Wire);
        StoreDigest.Prepare(prepared);
        var first = StoreDigest.Of(prepared);
        Assert.Same(first, StoreDigest.Of(prepared));

        var late = StoreDigest.Of(Docs.Analyse("a", Docs.Wire));
        Assert.Equal(late.Content, first.Content);
        Assert.Equal(late.Exact, first.Exact);
        Assert.Equal(late.Signature, first.Signature);
        Assert.Equal(late.BandKeys, first.BandKeys);
        Assert.Equal(late.SearchTerms, first.SearchTerms);
        Assert.NotEmpty(first.BandKeys);
        Assert.Contains("almaty", first.SearchTerms.Split(' '));
        Assert.Equal(late.Entities!.Select(e => (e.Entity.Id, e.AliasesJson, e.MentionsJson)), first.Entities!.Select(e => (e.Entity.Id, e.AliasesJson, e.MentionsJson)));
        Assert.NotEmpty(first.Entities!);
    }

    [Fact]
    public void A_short_text_has_no_signature_and_no_band_keys()
    {
        var digest = StoreDigest.Of(Docs.Analyse("s", "Kurz."));
        Assert.Empty(digest.Signature);
        Assert.Empty(digest.BandKeys);
    }
}
