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
}
