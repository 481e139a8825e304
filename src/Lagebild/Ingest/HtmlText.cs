using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Lagebild.Ingest;

/// <summary>
/// HTML to plain text: paragraphs and other blocks become blank-line separated, <c>&lt;br&gt;</c>
/// and list items a line break, runs of whitespace one space; scripts and styles are dropped.
/// Iterative (no recursion), so deeply nested markup cannot overflow the stack. Thread-safe.
/// </summary>
internal static class HtmlText
{
    private static readonly HashSet<string> Paragraph = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section", "article", "header", "footer",
        "figure", "figcaption", "table", "ul", "ol", "dl", "pre", "hr", "main", "aside", "nav", "address",
        "form", "details", "summary", "fieldset", "center",
    };

    private static readonly HashSet<string> Line = new(StringComparer.OrdinalIgnoreCase) { "li", "dt", "dd", "tr", "br", "caption" };

    private static readonly HashSet<string> Skip = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object", "embed",
        "button", "select", "input", "textarea", "canvas", "audio", "video",
    };

    /// <summary>The text of an HTML fragment (feed descriptions, extracted article content).</summary>
    public static string FromFragment(string? html)
    {
        if (string.IsNullOrWhiteSpace(html))
            return "";
        // Plain text without markup or entities needs no parser.
        if (html.IndexOf('<') < 0 && html.IndexOf('&') < 0)
            return TextNormal.Clean(CollapseSpaces(html));
        // Pathologically deep markup (a hostile feed item) is not parsed into a DOM: its tags are stripped.
        if (HtmlFormat.MarkupDepth(html) > HtmlFormat.MaxParsedDepth)
            return TextNormal.Clean(CollapseSpaces(HtmlFormat.StripTags(html))).Trim();
        var doc = new HtmlParser().ParseDocument("<!DOCTYPE html><html><body>" + html + "</body></html>");
        return doc.Body is null ? "" : FromNode(doc.Body);
    }

    /// <summary>The text under <paramref name="root"/>, NFC, with <c>\n</c> line ends, trimmed.</summary>
    public static string FromNode(INode root)
    {
        var w = new Writer();
        var stack = new Stack<(INode Node, bool Exit)>();
        stack.Push((root, false));
        while (stack.Count > 0)
        {
            var (node, exit) = stack.Pop();
            if (node is IElement el)
            {
                string name = el.LocalName;
                int breaks = Paragraph.Contains(name) ? 2 : Line.Contains(name) ? 1 : 0;
                if (exit)
                {
                    if (name is "pre")
                        w.Pre--;
                    if (breaks > 0 && !name.Equals("br", StringComparison.OrdinalIgnoreCase))
                        w.Break(breaks);
                    else if (name is "td" or "th")
                        w.Space();
                    continue;
                }
                if (Skip.Contains(name))
                    continue;
                if (breaks > 0)
                    w.Break(breaks);
                if (name is "pre")
                    w.Pre++;
                stack.Push((node, true));
                for (var child = node.LastChild; child is not null; child = child.PreviousSibling)
                    stack.Push((child, false));
            }
            else if (node.NodeType == NodeType.Text)
            {
                w.Text(node.TextContent);
            }
            else if (!exit && node.NodeType is NodeType.Document or NodeType.DocumentFragment)
            {
                for (var child = node.LastChild; child is not null; child = child.PreviousSibling)
                    stack.Push((child, false));
            }
        }
        return TextNormal.Clean(w.ToString());
    }

    private static string CollapseSpaces(string s)
    {
        var w = new Writer();
        w.Text(s);
        return w.ToString();
    }

    /// <summary>Accumulates text with pending spaces and line breaks, so no trailing spaces or runs of blank lines appear.</summary>
    private sealed class Writer
    {
        private readonly StringBuilder _sb = new();
        private int _breaks;
        private bool _space;
        public int Pre;

        public void Break(int n)
        {
            if (_sb.Length == 0)
                return;
            _breaks = Math.Max(_breaks, n);
            _space = false;
        }

        public void Space()
        {
            if (_sb.Length > 0 && _breaks == 0)
                _space = true;
        }

        public void Text(string s)
        {
            foreach (char ch in s)
            {
                if (Pre > 0 && ch is '\n' or '\r')
                {
                    Break(1);
                    continue;
                }
                if (char.IsWhiteSpace(ch) && ch != '\u00A0')
                {
                    Space();
                    continue;
                }
                Flush();
                _sb.Append(ch);
            }
        }

        private void Flush()
        {
            if (_breaks > 0)
            {
                _sb.Append('\n', _breaks);
                _breaks = 0;
                _space = false;
            }
            else if (_space)
            {
                _sb.Append(' ');
                _space = false;
            }
        }

        public override string ToString() => _sb.ToString().Trim();
    }
}
