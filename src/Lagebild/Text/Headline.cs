namespace Lagebild.Text;

/// <summary>Headline helpers. Stateless and thread-safe.</summary>
public static class Headline
{
    private static readonly string[] Separators = [" - ", " | ", " :: ", " — ", " – ", " « ", " // "];

    /// <summary>The most words a trailing site name has ("KSLA News 12 Shreveport, Louisiana News Weather &amp; Sports").</summary>
    public const int MaxSiteNameWords = 8;

    /// <summary>
    /// The headline without the site names pages append to it ("Arrest made in Bourbon Street shooting - KATC.com |
    /// Continuous News" → "Arrest made in Bourbon Street shooting"): a last segment after a separator (" - ", " | ",
    /// " :: ", dashes, " « ") of at most <see cref="MaxSiteNameWords"/> words is dropped, again and again, as long as at
    /// least three words stay before it. Pages of one outlet share that suffix, and it says nothing of the event.
    /// </summary>
    public static string WithoutSiteName(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        var head = title.Trim();
        while (true)
        {
            int cut = -1, sepLength = 0;
            foreach (var sep in Separators)
            {
                int at = head.LastIndexOf(sep, StringComparison.Ordinal);
                if (at > cut)
                    (cut, sepLength) = (at, sep.Length);
            }
            if (cut <= 0 || Words(head.AsSpan(cut + sepLength)) > MaxSiteNameWords || Words(head.AsSpan(0, cut)) < 3)
                return head;
            head = head[..cut].TrimEnd();
        }
    }

    private static int Words(ReadOnlySpan<char> s)
    {
        int n = 0;
        bool inWord = false;
        foreach (var c in s)
        {
            bool letter = char.IsLetterOrDigit(c);
            if (letter && !inWord)
                n++;
            inWord = letter;
        }
        return n;
    }

    /// <summary>The fewest words a URL's slug must have to count as a headline.</summary>
    public const int MinSlugWords = 3;

    /// <summary>
    /// The words of the slug in a news page's address, which most outlets make from the headline the story first had
    /// ("…/2016/06/07/girl-4-critical-after-shooting-on-34th-street.html" → "girl 4 critical after shooting on 34th
    /// street"), else null: the path segment with most words joined by hyphens or underscores, without a file extension
    /// or a trailing numeric id, when it has at least <see cref="MinSlugWords"/> words with letters. An archived address
    /// ("https://web.archive.org/web/2015…/http://…") is read for the page it archives.
    /// </summary>
    public static string? FromUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
            return null;
        var u = url.Trim();
        // The archived page's own address (an archive puts it after its own prefix).
        int scheme = u.IndexOf("://", StringComparison.Ordinal);
        int archived = scheme < 0 ? -1 : u.IndexOf("://", scheme + 3, StringComparison.Ordinal);
        if (archived > 0)
        {
            int start = archived;
            while (start > 0 && char.IsAsciiLetter(u[start - 1]))
                start--;
            u = u[start..];
            scheme = archived - start;
        }
        if (scheme < 0)
            return null;
        int pathStart = u.IndexOf('/', scheme + 3);
        if (pathStart < 0)
            return null;
        int end = u.IndexOfAny(['?', '#'], pathStart);
        var path = end < 0 ? u[pathStart..] : u[pathStart..end];
        string? best = null;
        int bestWords = 0;
        foreach (var segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var seg = Uri.UnescapeDataString(segment);
            int dot = seg.LastIndexOf('.');
            if (dot > 0 && seg.Length - dot <= 5 && seg[(dot + 1)..].All(char.IsLetter))
                seg = seg[..dot];
            var words = seg.Split(['-', '_', '+', ' '], StringSplitOptions.RemoveEmptyEntries).ToList();
            // A trailing id ("…-388110142") is the site's, not the headline's.
            while (words.Count > 0 && words[^1].Length >= 5 && words[^1].All(char.IsAsciiDigit))
                words.RemoveAt(words.Count - 1);
            int lettered = words.Count(w => w.Any(char.IsLetter));
            if (lettered > bestWords)
                (best, bestWords) = (string.Join(' ', words), lettered);
        }
        return bestWords >= MinSlugWords ? best : null;
    }
}
