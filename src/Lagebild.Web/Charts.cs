using System.Globalization;
using System.Text;
using Lagebild.Model;
using Lagebild.Stories;

namespace Lagebild.Web;

/// <summary>Inline SVG drawn on the server: a figure's claims over time by source, and a map of places.</summary>
public static class Charts
{
    private static readonly string[] s_colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"];
    private static readonly CultureInfo s_ic = CultureInfo.InvariantCulture;

    /// <summary>
    /// The claims of one figure on a time axis (as-of day) and a value axis; a line joins them in time order, each
    /// point coloured by its source, so a rising total climbs and conflicting claims stand apart on one day.
    /// </summary>
    public static string Timeline(Figure figure)
    {
        var claims = figure.Claims.Where(c => c.AsOf is not null || c.Published is not null).ToList();
        const int W = 520, H = 180, L = 60, R = 20, T = 20, B = 40;
        var sb = new StringBuilder();
        sb.Append(s_ic, $"<svg class=\"timeline\" role=\"img\" aria-label=\"timeline of {Html.E(FactKinds.Name(figure.Kind))} ({Figure.StatusName(figure.Status)})\" viewBox=\"0 0 {W} {H}\" width=\"{W}\" height=\"{H}\" data-status=\"{Figure.StatusName(figure.Status)}\">");
        if (claims.Count == 0)
            return sb.Append("<text x=\"10\" y=\"20\">no dated claims</text></svg>").ToString();
        int Day(Claim c) => (c.AsOf ?? c.Published!.Value.Date).DayNumber;
        double v(Claim c) => c.Count.Value ?? (c.Count.Min + c.Count.Max) / 2.0;
        int d0 = claims.Min(Day), d1 = claims.Max(Day);
        double maxV = claims.Max(c => Math.Max(v(c), c.Count.Max));
        if (d1 == d0)
            (d0, d1) = (d0 - 1, d1 + 1);
        double X(int day) => L + (W - L - R) * (day - d0) / (double)(d1 - d0);
        double Y(double value) => H - B - (H - T - B) * value / Math.Max(1, maxV);
        // Axes, with the first and last day and the top value.
        sb.Append(s_ic, $"<line x1=\"{L}\" y1=\"{H - B}\" x2=\"{W - R}\" y2=\"{H - B}\" stroke=\"#888\"/><line x1=\"{L}\" y1=\"{T}\" x2=\"{L}\" y2=\"{H - B}\" stroke=\"#888\"/>");
        sb.Append(s_ic, $"<text x=\"{L}\" y=\"{H - B + 16}\" font-size=\"11\">{DateOnly.FromDayNumber(d0):yyyy-MM-dd}</text>");
        sb.Append(s_ic, $"<text x=\"{W - R}\" y=\"{H - B + 16}\" font-size=\"11\" text-anchor=\"end\">{DateOnly.FromDayNumber(d1):yyyy-MM-dd}</text>");
        sb.Append(s_ic, $"<text x=\"{L - 6}\" y=\"{T + 4}\" font-size=\"11\" text-anchor=\"end\">{maxV:N0}</text><text x=\"{L - 6}\" y=\"{H - B}\" font-size=\"11\" text-anchor=\"end\">0</text>");
        var ordered = claims.OrderBy(Day).ToList();
        sb.Append("<polyline fill=\"none\" stroke=\"#999\" stroke-dasharray=\"4 3\" points=\"");
        sb.Append(string.Join(' ', ordered.Select(c => $"{X(Day(c)).ToString("0.#", s_ic)},{Y(v(c)).ToString("0.#", s_ic)}")));
        sb.Append("\"/>");
        var sources = ordered.Select(c => c.Source ?? c.ArticleId).Distinct().ToList();
        foreach (var c in ordered)
        {
            string colour = s_colours[sources.IndexOf(c.Source ?? c.ArticleId) % s_colours.Length];
            double x = X(Day(c)), y = Y(v(c));
            // A range (vague or hedged figure) as a bar, the value as a dot.
            sb.Append(s_ic, $"<line x1=\"{x:0.#}\" y1=\"{Y(c.Count.Min):0.#}\" x2=\"{x:0.#}\" y2=\"{Y(c.Count.Max):0.#}\" stroke=\"{colour}\" stroke-width=\"3\" opacity=\"0.35\"/>");
            sb.Append(s_ic, $"<circle class=\"claim\" cx=\"{x:0.#}\" cy=\"{y:0.#}\" r=\"5\" fill=\"{colour}\"><title>{Html.E($"{c.Count} — {c.ArticleId}{(c.Source is { } s ? ", " + s : "")}, {(c.AsOf?.ToString("yyyy-MM-dd", s_ic) ?? "undated")}")}</title></circle>");
            sb.Append(s_ic, $"<text x=\"{x + 7:0.#}\" y=\"{y - 6:0.#}\" font-size=\"11\">{Html.E(c.Count.Value?.ToString("N0", s_ic) ?? FactKinds.Name(c.Count.Qualifier))}</text>");
        }
        int ly = T;
        foreach (var s in sources.Take(6))
        {
            string colour = s_colours[sources.IndexOf(s) % s_colours.Length];
            sb.Append(s_ic, $"<circle cx=\"{W - 150}\" cy=\"{ly}\" r=\"4\" fill=\"{colour}\"/><text x=\"{W - 142}\" y=\"{ly + 4}\" font-size=\"10\">{Html.E(s.Length > 22 ? s[..21] + "…" : s)}</text>");
            ly += 14;
        }
        return sb.Append("</svg>").ToString();
    }

    /// <summary>A world map (equirectangular) zoomed to the places, each a labelled dot.</summary>
    public static string Map(IReadOnlyList<(string Name, double Lat, double Lon)> places)
    {
        var sb = new StringBuilder();
        if (places.Count == 0)
            return "<p class=\"muted\">no located places</p>";
        // Window: the places' box with a margin, at least 40° × 20°, kept on the world.
        double minX = places.Min(p => p.Lon + 180), maxX = places.Max(p => p.Lon + 180), minY = places.Min(p => 90 - p.Lat), maxY = places.Max(p => 90 - p.Lat);
        double w = Math.Max(40, (maxX - minX) * 1.6 + 10), h = Math.Max(20, (maxY - minY) * 1.6 + 6);
        if (w / h > 2) h = w / 2; else w = h * 2;
        double x0 = Math.Clamp((minX + maxX - w) / 2, 0, Math.Max(0, 360 - w)), y0 = Math.Clamp((minY + maxY - h) / 2, 0, Math.Max(0, 180 - h));
        double r = w / 120;
        sb.Append(s_ic, $"<svg class=\"map\" role=\"img\" aria-label=\"map of the story's places\" viewBox=\"{x0:0.##} {y0:0.##} {w:0.##} {h:0.##}\" width=\"640\" height=\"320\">");
        sb.Append(s_ic, $"<rect x=\"0\" y=\"0\" width=\"360\" height=\"180\" fill=\"#dceefa\"/>");
        if (WorldMap.HasOutline)
            sb.Append(s_ic, $"<path class=\"land\" d=\"{WorldMap.Paths}\" fill=\"#f2efe6\" stroke=\"#9a9a9a\" stroke-width=\"{w / 900:0.###}\"/>");
        for (int lon = -180; lon <= 180; lon += 10)
            sb.Append(s_ic, $"<line x1=\"{lon + 180}\" y1=\"0\" x2=\"{lon + 180}\" y2=\"180\" stroke=\"#c8d8e4\" stroke-width=\"{w / 1500:0.###}\"/>");
        foreach (var (name, lat, lon) in places)
        {
            double x = lon + 180, y = 90 - lat;
            sb.Append(s_ic, $"<circle class=\"place\" cx=\"{x:0.###}\" cy=\"{y:0.###}\" r=\"{r:0.###}\" fill=\"#b00020\"><title>{Html.E(name)}</title></circle>");
            sb.Append(s_ic, $"<text x=\"{x + r * 1.5:0.###}\" y=\"{y + r / 2:0.###}\" font-size=\"{r * 3:0.###}\">{Html.E(name)}</text>");
        }
        return sb.Append("</svg>").ToString();
    }
}
