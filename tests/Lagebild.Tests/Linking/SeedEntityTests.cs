using System.Text.Json;
using Lagebild.Ingest;
using Lagebild.Linking;
using Lagebild.Pipeline;
using Lagebild.Tests.Support;

namespace Lagebild.Tests.Linking;

/// <summary>The entities of both seeds in shared/gold/seeds.json are found, typed and normalised.</summary>
public sealed class SeedEntityTests
{
    private static Dictionary<string, IReadOnlyList<Entity>> Entities()
    {
        var dir = SharedData.Require("seeds");
        return new ArticleReader().Read([dir]).Where(o => o.IsArticle)
            .Select(o => DefaultPipeline.Shared.Process(o.Article!))
            .ToDictionary(d => d.Article.Id, EntityNormaliser.Normalise);
    }

    // A gold name is found when an entity of its type carries it as name or alias, or (people) as the surname.
    private static Entity? Find(IReadOnlyList<Entity> entities, string type, string gold) =>
        entities.FirstOrDefault(e => e.Type == type && (e.Name == gold || e.Aliases.Contains(gold) || (type == "PER" && e.Name.EndsWith(" " + gold, StringComparison.Ordinal))));

    [SkippableFact]
    public void Every_gold_entity_of_both_seeds_is_found_with_its_type()
    {
        var entities = Entities();
        var gold = JsonDocument.Parse(File.ReadAllBytes(SharedData.Require("gold/seeds.json"))).RootElement;
        var missing = new List<string>();
        foreach (var art in gold.GetProperty("articles").EnumerateArray())
        {
            var found = entities[art.GetProperty("article").GetString()!];
            foreach (var type in art.GetProperty("entities").EnumerateObject())
            {
                foreach (var name in type.Value.EnumerateArray().Select(n => n.GetString()!))
                {
                    if (Find(found, type.Name, name) is null)
                        missing.Add($"{art.GetProperty("article").GetString()}: {type.Name} {name}");
                }
            }
        }
        Assert.True(missing.Count == 0, "not found: " + string.Join("; ", missing)
            + "\nentities: " + string.Join("; ", entities.SelectMany(kv => kv.Value.Select(e => $"{kv.Key[..3]} {e.Type} {e.Name} [{string.Join(", ", e.Aliases)}]"))));
    }

    [SkippableFact]
    public void Seed_entities_are_normalised_across_their_forms()
    {
        var first = Entities()["000_c83e155189eeb7b6"];
        Assert.Same(Find(first, "PER", "Tokajew"), Find(first, "PER", "Kassym-Schomart Tokajew"));
        Assert.Same(Find(first, "ORG", "OVKS"), Find(first, "ORG", "Organisation des Vertrags über kollektive Sicherheit"));
        Assert.Equal("iso:KZ", Find(first, "LOC", "Kasachstan")!.Place!.Id);
        Assert.Equal("KZ", Find(first, "LOC", "Almaty")!.Place!.Country);
    }
}
