using System.Text.Json;

namespace Lagebild.Linking;

/// <summary>The JSON fields every entity shape shares (the <c>entities</c> command, the stories' entities).</summary>
public static class EntityJson
{
    /// <summary>Writes "id", "type", "name" and "aliases" into the open object.</summary>
    public static void WriteHead(Utf8JsonWriter w, string id, string type, string name, IEnumerable<string> aliases)
    {
        w.WriteString("id", id);
        w.WriteString("type", type);
        w.WriteString("name", name);
        w.WriteStartArray("aliases");
        foreach (var a in aliases)
            w.WriteStringValue(a);
        w.WriteEndArray();
    }

    /// <summary>Writes "place": {id, country, lat, lon, level} when there is one.</summary>
    public static void WritePlace(Utf8JsonWriter w, EntityPlace? place)
    {
        if (place is not { } p)
            return;
        w.WriteStartObject("place");
        if (p.Id is null) w.WriteNull("id"); else w.WriteString("id", p.Id);
        if (p.Country is null) w.WriteNull("country"); else w.WriteString("country", p.Country);
        if (p.Lat is double lat) w.WriteNumber("lat", lat); else w.WriteNull("lat");
        if (p.Lon is double lon) w.WriteNumber("lon", lon); else w.WriteNull("lon");
        w.WriteString("level", p.Level.ToString().ToLowerInvariant());
        w.WriteEndObject();
    }
}
