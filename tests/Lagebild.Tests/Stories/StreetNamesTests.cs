using Lagebild.Model;
using Lagebild.Pipeline;
using Lagebild.Stories;

namespace Lagebild.Tests.Stories;

/// <summary>Street names for story clustering, English and German.</summary>
public sealed class StreetNamesTests
{
    private static IReadOnlyCollection<string> Streets(string text, string language) =>
        StreetNames.Find(DefaultPipeline.Shared.Process(new Article { Id = "s", Text = text, DeclaredLanguage = language, Origin = "test", Format = "text" }),
            new HashSet<string>(["the", "on", "in", "der", "die", "in"]));

    [Fact]
    public void English_streets_are_read_with_their_street_word_in_one_form()
    {
        var found = Streets("Police responded to the 1000 block of Tyler Street on Monday. The victim ran to Rivermont Ave. and collapsed near East 20th Street. On Main Street, nothing happened.", "en");
        Assert.Equal(["east 20th street", "main street", "rivermont avenue", "tyler street"], found.Order());
    }

    [Fact]
    public void German_streets_are_compounds_or_an_adjective_before_Strasse()
    {
        var found = Streets("Die Polizei sperrte die Hauptstraße und die Berliner Straße, nachdem in der Gartenstraße Schüsse fielen.", "de");
        Assert.Equal(["berliner straße", "gartenstraße", "hauptstraße"], found.Order());
    }

    [Fact]
    public void Lower_case_street_words_and_bare_street_words_are_no_street()
    {
        Assert.Empty(Streets("He crossed the street and drove down the road to a place near the court.", "en"));
    }

    [Theory]
    [InlineData("Sheridan Road", "en", true)]
    [InlineData("Earl St.", "en", true)]
    [InlineData("Ronald Williams", "en", false)]
    [InlineData("Road", "en", false)]
    [InlineData("Hauptstraße", "de", true)]
    [InlineData("Hans Müller", "de", false)]
    public void A_name_ending_in_a_street_word_is_a_street(string name, string language, bool street) =>
        Assert.Equal(street, StreetNames.EndsWithStreetWord(name, language));
}
