using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace Lagebild.Web;

/// <summary>
/// The world's country outlines as SVG path data in an equirectangular projection (x = longitude + 180,
/// y = 90 − latitude, in degrees), decoded once from the Natural Earth TopoJSON of the npm package
/// world-atlas that the build embeds. Empty when the build could not fetch it (the map then shows only a grid).
/// </summary>
public static class WorldMap
{
    private static readonly Lazy<string> s_paths = new(Load);

    /// <summary>One SVG path "d" attribute with every country outline (viewBox 0 0 360 180).</summary>
    public static string Paths => s_paths.Value;

    /// <summary>Whether the outline was embedded.</summary>
    public static bool HasOutline => s_paths.Value.Length > 0;

    private static string Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("world/countries-110m.json");
        if (stream is null)
            return "";
        using var doc = JsonDocument.Parse(stream);
        var root = doc.RootElement;
        var scale = root.GetProperty("transform").GetProperty("scale");
        var translate = root.GetProperty("transform").GetProperty("translate");
        double sx = scale[0].GetDouble(), sy = scale[1].GetDouble(), tx = translate[0].GetDouble(), ty = translate[1].GetDouble();
        // Arcs are delta-encoded quantised positions.
        var arcs = new List<List<(double X, double Y)>>();
        foreach (var arc in root.GetProperty("arcs").EnumerateArray())
        {
            var points = new List<(double, double)>();
            long x = 0, y = 0;
            foreach (var p in arc.EnumerateArray())
            {
                x += p[0].GetInt64();
                y += p[1].GetInt64();
                double lon = x * sx + tx, lat = y * sy + ty;
                points.Add((lon + 180, 90 - lat));
            }
            arcs.Add(points);
        }
        var sb = new StringBuilder();
        var ic = CultureInfo.InvariantCulture;
        void Ring(JsonElement ring)
        {
            bool first = true;
            double lastX = 0;
            foreach (var index in ring.EnumerateArray())
            {
                int i = index.GetInt32();
                var points = i >= 0 ? arcs[i] : Enumerable.Reverse(arcs[~i]).ToList();
                foreach (var (px, py) in first ? points : points.Skip(1))
                {
                    // A jump across the antimeridian moves instead of drawing a line across the map.
                    bool jump = !first && Math.Abs(px - lastX) > 180;
                    sb.Append(first || jump ? 'M' : 'L').Append(px.ToString("0.##", ic)).Append(' ').Append(py.ToString("0.##", ic));
                    first = false;
                    lastX = px;
                }
            }
            sb.Append('Z');
        }
        foreach (var g in root.GetProperty("objects").GetProperty("countries").GetProperty("geometries").EnumerateArray())
        {
            if (!g.TryGetProperty("arcs", out var a))
                continue;
            switch (g.GetProperty("type").GetString())
            {
                case "Polygon":
                    foreach (var ring in a.EnumerateArray())
                        Ring(ring);
                    break;
                case "MultiPolygon":
                    foreach (var polygon in a.EnumerateArray())
                        foreach (var ring in polygon.EnumerateArray())
                            Ring(ring);
                    break;
            }
        }
        return sb.ToString();
    }
}
