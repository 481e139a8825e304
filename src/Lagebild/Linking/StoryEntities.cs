namespace Lagebild.Linking;

/// <summary>
/// One entity of a story: the same person, place or organisation across the story's articles.
/// </summary>
/// <param name="Id">The id of its fullest form (see <see cref="Entity.Id"/>).</param>
/// <param name="Type">PER, LOC or ORG.</param>
/// <param name="Name">The fullest name any article uses.</param>
/// <param name="Aliases">Every other form, in order of first use.</param>
/// <param name="Articles">The articles that mention it, in story order.</param>
/// <param name="Mentions">How many times the articles mention it.</param>
/// <param name="Place">Its gazetteer entry, for places.</param>
public sealed record StoryEntity(string Id, string Type, string Name, IReadOnlyList<string> Aliases, IReadOnlyList<string> Articles, int Mentions, EntityPlace? Place);

/// <summary>
/// Joins the entities of a story's articles (each already normalised within its article by
/// <see cref="EntityNormaliser"/>) into story entities: the same id or the same form is one entity, a
/// lone surname joins the one full name of the story that ends in it ("Tokajew" → "Kassym-Schomart
/// Tokajew"), and an acronym joins the organisation another article defines it for ("OVKS" →
/// "Organisation des Vertrags über kollektive Sicherheit"). Stateless; thread-safe.
/// </summary>
public static class StoryEntities
{
    public static IReadOnlyList<StoryEntity> Join(IEnumerable<(string ArticleId, IReadOnlyList<Entity> Entities)> articles)
    {
        var groups = new List<Group>();
        foreach (var (articleId, entities) in articles)
        {
            foreach (var e in entities)
            {
                var forms = e.Aliases.Prepend(e.Name).Select(Key).ToHashSet();
                var g = groups.FirstOrDefault(x => x.Type == e.Type && (x.Ids.Contains(e.Id) || x.Keys.Overlaps(forms)));
                if (g is null)
                    groups.Add(g = new Group(e.Type));
                g.Add(articleId, e, forms);
            }
        }
        // A lone word joins the single full name of the story it ends ("Tokajew", "Lewis").
        foreach (var single in groups.Where(g => g.Type == "PER" && !g.Name.Contains(' ')).ToList())
        {
            var full = groups.Where(g => g != single && g.Type == "PER" && g.Names.Any(n => n.Contains(' ') && LastWord(n) == single.Name)).ToList();
            if (full.Count != 1)
                continue;
            full[0].Absorb(single);
            groups.Remove(single);
        }
        return groups
            .Select(g => g.ToStoryEntity())
            .OrderByDescending(e => e.Articles.Count)
            .ThenByDescending(e => e.Mentions)
            .ThenBy(e => e.Name, StringComparer.Ordinal)
            .ToList();
    }

    private static string Key(string s) => string.Join(' ', s.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string LastWord(string s) => s[(s.LastIndexOf(' ') + 1)..];

    private sealed class Group(string type)
    {
        public string Type { get; } = type;
        public HashSet<string> Ids { get; } = new(StringComparer.Ordinal);
        public HashSet<string> Keys { get; } = new(StringComparer.Ordinal);
        public List<string> Names { get; } = [];
        public List<string> Canonical { get; } = [];
        public List<string> Articles { get; } = [];
        public int Mentions;
        public EntityPlace? Place;
        public Dictionary<string, string> IdOf { get; } = new(StringComparer.Ordinal);

        // The name the articles themselves chose most often (each article's canonical form), the fullest on ties.
        public string Name => Canonical.GroupBy(n => n).OrderByDescending(g => g.Count())
            .ThenByDescending(g => g.Key.Count(char.IsWhiteSpace)).ThenByDescending(g => g.Key.Length).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key).FirstOrDefault() ?? "";

        public void Add(string articleId, Entity e, HashSet<string> keys)
        {
            Canonical.Add(e.Name);
            IdOf.TryAdd(e.Name, e.Id);
            Ids.Add(e.Id);
            Keys.UnionWith(keys);
            foreach (var n in e.Aliases.Prepend(e.Name))
            {
                if (!Names.Contains(n))
                    Names.Add(n);
            }
            if (!Articles.Contains(articleId))
                Articles.Add(articleId);
            Mentions += e.Mentions.Count;
            Place ??= e.Place;
        }

        public void Absorb(Group other)
        {
            Canonical.AddRange(other.Canonical);
            foreach (var (name, id) in other.IdOf)
                IdOf.TryAdd(name, id);
            Ids.UnionWith(other.Ids);
            Keys.UnionWith(other.Keys);
            foreach (var n in other.Names.Where(n => !Names.Contains(n)))
                Names.Add(n);
            foreach (var a in other.Articles.Where(a => !Articles.Contains(a)))
                Articles.Add(a);
            Mentions += other.Mentions;
        }

        public StoryEntity ToStoryEntity()
        {
            string name = Name;
            return new StoryEntity(IdOf[name], Type, name, Names.Where(n => n != name).ToList(), Articles, Mentions, Place);
        }
    }
}
