using Lagebild.Model;
using Lagebild.Pipeline;
using Lagebild.Places;

namespace Lagebild.Tests.Places;

public sealed class PlaceRecognizerTests
{
    private static List<PlaceMention> Places(string text) =>
        DefaultPipeline.Shared.Process(new Article { Id = "t", Text = text, Origin = "test", Format = "text" }).Places;

    [Fact]
    public void German_exonym_after_a_cue_noun_resolves_to_its_city()
    {
        var p = Assert.Single(Places("Aus der Gebietshauptstadt Schymkent wurden Festnahmen gemeldet."), p => !p.Implicit);
        Assert.Equal(("Schymkent", PlaceLevel.City, "KZ"), (p.Name, p.Level, p.Country));
        Assert.Equal(42.3, p.Lat!.Value, 1);
    }

    [Fact]
    public void Country_adjective_is_an_implicit_country_mention()
    {
        var p = Assert.Single(Places("Die südkasachische Polizei meldete nichts."));
        Assert.True(p.Implicit);
        Assert.Equal(("Kasachstan", "KZ"), (p.Name, p.Country));
    }

    [Fact]
    public void Small_town_needs_a_cue_but_countries_do_not()
    {
        var places = Places("Lampedusa ist eine Insel. In Lampedusa kamen Boote an. Syrien bleibt instabil.");
        Assert.Equal(["Lampedusa", "Lampedusa", "Syrien"], places.Select(p => p.Name));
        var common = Places("Das Essen war gut, sagte er nach Hause kommend.");
        Assert.DoesNotContain(common, p => p.Name == "Essen");
    }

    [Fact]
    public void Gazetteer_has_usual_German_country_names_and_demonyms()
    {
        var g = Gazetteer.Default;
        Assert.Equal("Kasachstan", g.CountryName("KZ", "de"));
        Assert.Equal("Syrien", g.CountryName("SY", "de"));
        Assert.Equal("KZ", g.Demonym("kasachischen"));
        Assert.Equal("KZ", g.Demonym("südkasachischen"));
        Assert.Null(g.Demonym("kasachstan"));
    }

    [Fact]
    public void A_region_after_an_ambiguous_town_picks_the_town_in_it()
    {
        var texas = Places("Three people were killed in Paris, Texas on Sunday.").First(p => p.Name == "Paris");
        Assert.Equal("US", texas.Country);
        var france = Places("Three people were killed in Paris on Sunday.").First(p => p.Name == "Paris");
        Assert.Equal("FR", france.Country);
        Assert.StartsWith("geonames:", france.Id);
    }
}
