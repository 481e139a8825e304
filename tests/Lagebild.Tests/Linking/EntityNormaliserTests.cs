using Lagebild.Linking;
using Lagebild.Model;
using Lagebild.Pipeline;

namespace Lagebild.Tests.Linking;

public sealed class EntityNormaliserTests
{
    // The places layer runs as usual; person and organisation mentions are given by hand, so these tests
    // pin the normaliser, not the model.
    private static Document Analyse(string text, params (string Text, string Type, int Occurrence)[] mentions)
    {
        var doc = DefaultPipeline.Shared.Process(new Article { Id = "t", Text = text, Origin = "test", Format = "text" });
        doc.Entities.Clear(); // the model's mentions are replaced by the given ones
        foreach (var (mention, type, occurrence) in mentions)
        {
            int at = -1;
            for (int k = 0; k <= occurrence; k++)
                at = text.IndexOf(mention, at + 1, StringComparison.Ordinal);
            Assert.True(at >= 0, mention);
            doc.Entities.Add(new EntityMention(new TextSpan(at, at + mention.Length), type, mention));
        }
        doc.Entities.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
        return doc;
    }

    [Fact]
    public void A_surname_and_its_genitive_join_the_full_name()
    {
        const string text = "Präsident Kassym-Schomart Tokajew sprach. Tokajew lobte den Einsatz auf Bitten Tokajews.";
        var doc = Analyse(text, ("Kassym-Schomart Tokajew", "PER", 0), ("Tokajew", "PER", 1), ("Tokajews", "PER", 0));
        var person = Assert.Single(EntityNormaliser.Normalise(doc), e => e.Type == "PER");
        Assert.Equal("Kassym-Schomart Tokajew", person.Name);
        Assert.Equal(3, person.Mentions.Count);
        Assert.Contains("Tokajews", person.Aliases);
    }

    [Fact]
    public void An_acronym_joins_the_long_form_it_abbreviates()
    {
        const string text = "Die Organisation des Vertrags über kollektive Sicherheit (OVKS) entsandte Truppen. Die OVKS zieht ab.";
        var doc = Analyse(text, ("Organisation des Vertrags über kollektive Sicherheit", "ORG", 0), ("OVKS", "ORG", 0), ("OVKS", "ORG", 1));
        var org = Assert.Single(EntityNormaliser.Normalise(doc), e => e.Type == "ORG");
        Assert.Equal("Organisation des Vertrags über kollektive Sicherheit", org.Name);
        Assert.Equal(["OVKS"], org.Aliases);
        Assert.Equal(3, org.Mentions.Count);
    }

    [Fact]
    public void Two_people_with_different_surnames_stay_apart()
    {
        const string text = "Stanislaw Sas traf Nursultan Nasarbajew. Sas sprach zuerst.";
        var doc = Analyse(text, ("Stanislaw Sas", "PER", 0), ("Nursultan Nasarbajew", "PER", 0), ("Sas", "PER", 1));
        var people = EntityNormaliser.Normalise(doc).Where(e => e.Type == "PER").ToList();
        Assert.Equal(2, people.Count);
        Assert.Equal(2, people.Single(p => p.Name == "Stanislaw Sas").Mentions.Count);
    }

    [Fact]
    public void Places_are_resolved_and_a_country_adjective_is_a_mention_of_its_country()
    {
        const string text = "In der kasachischen Stadt Almaty wurden Menschen festgenommen. Kasachstan schickte Soldaten.";
        var entities = EntityNormaliser.Normalise(Analyse(text));
        var kz = Assert.Single(entities, e => e.Place?.Id == "iso:KZ");
        Assert.Equal("Kasachstan", kz.Name);
        Assert.Equal(2, kz.Mentions.Count); // "kasachischen" and "Kasachstan"
        var almaty = Assert.Single(entities, e => e.Name == "Almaty");
        Assert.Equal("KZ", almaty.Place!.Country);
        Assert.StartsWith("geonames:", almaty.Place.Id);
    }
}
