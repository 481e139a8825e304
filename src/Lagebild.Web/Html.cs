using System.Text;
using System.Text.Encodings.Web;

namespace Lagebild.Web;

/// <summary>Server-rendered HTML: every text from articles goes through <see cref="E"/>; pages work without JavaScript.</summary>
public static class Html
{
    /// <summary>HTML-encodes text (a title of &lt;script&gt; shows as text).</summary>
    public static string E(string? text) => HtmlEncoder.Default.Encode(text ?? "");

    /// <summary>Encodes a value for a URL path segment or query value.</summary>
    public static string U(string? text) => Uri.EscapeDataString(text ?? "");

    public static string Page(string title, string body)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html><html lang=\"de\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        sb.Append("<title>").Append(E(title)).Append(" — Lagebild</title><style>").Append(Css).Append("</style></head><body>");
        sb.Append("<header><a class=\"brand\" href=\"/\">Lagebild</a> <form action=\"/search\" method=\"get\" role=\"search\"><input name=\"q\" type=\"search\" placeholder=\"Suche: Festnahmen, Almaty …\" aria-label=\"search\"><button>Search</button></form></header><main>");
        sb.Append(body);
        sb.Append("</main><footer>Lagebild · map: Natural Earth via world-atlas</footer></body></html>");
        return sb.ToString();
    }

    private const string Css = """
        body{font-family:system-ui,sans-serif;margin:0;color:#1d1d1f;background:#fafafa}
        header{display:flex;gap:1rem;align-items:center;padding:.6rem 1rem;background:#1f3a5f;color:#fff}
        header a.brand{color:#fff;font-weight:700;text-decoration:none;font-size:1.2rem}
        header form{margin-left:auto}header input{padding:.3rem;width:18rem}
        main{max-width:72rem;margin:0 auto;padding:1rem}
        footer{color:#777;font-size:.8rem;padding:1rem;text-align:center}
        table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;background:#fff}
        th,td{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top;font-size:.9rem}
        .status-rising{color:#b35c00;font-weight:600}.status-conflicting{color:#b00020;font-weight:600}.status-agreeing{color:#176b2c}
        .card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:.8rem 1rem;margin:.8rem 0}
        .muted{color:#666;font-size:.85rem} mark{background:#ffe58a} mark.per{background:#cfe3ff} mark.loc{background:#d5f5d5} mark.org{background:#f3d9ff}
        mark.count{background:#ffd0a8;font-weight:600} .snippet{color:#333} svg{background:#fff;border:1px solid #ddd;max-width:100%}
        .text{white-space:pre-wrap;line-height:1.5;background:#fff;padding:1rem;border:1px solid #ddd}
        """;
}
