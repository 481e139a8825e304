using System.Diagnostics;

namespace Lagebild.Entities;

/// <summary>What <see cref="ConllTagging.Run"/> did.</summary>
public sealed record ConllTaggingStats(int Sentences, long Tokens, TimeSpan Total, TimeSpan Tagging, bool GermEval)
{
    /// <summary>Tokens per second over the whole loop (reading, tagging, writing).</summary>
    public double TokensPerSecond => Tokens / Math.Max(Total.TotalSeconds, 1e-9);

    /// <summary>Tokens per second in the tagger alone.</summary>
    public double TaggingTokensPerSecond => Tokens / Math.Max(Tagging.TotalSeconds, 1e-9);
}

/// <summary>
/// The <c>lagebild tag --format conll</c> loop: reads one token a line (blank line between sentences) and writes
/// <c>token&lt;TAB&gt;BIO-tag</c> lines in the same order with a blank line after each sentence. The token is the
/// first column (tab-separated, else whitespace-separated), and lines starting with "# " are comments; in a
/// GermEval 2014 TSV (<c>index&lt;TAB&gt;token&lt;TAB&gt;tag&lt;TAB&gt;tag</c>, "#" comment lines) the token is the
/// second column. These are the rules of <c>shared/tools/score_ner.py</c>, so its gold and the output align.
/// </summary>
public static class ConllTagging
{
    /// <summary>Tags everything from <paramref name="input"/> into <paramref name="output"/>.</summary>
    public static ConllTaggingStats Run(TextReader input, TextWriter output, NerTagger tagger)
    {
        var total = Stopwatch.StartNew();
        var tagging = new Stopwatch();
        // Look at the first block (up to the first blank line after a token) to decide the format.
        var head = new List<string>();
        while (input.ReadLine() is { } line)
        {
            head.Add(line);
            if (line.Trim().Length == 0 && head.Any(l => l.Trim().Length > 0 && !l.StartsWith('#')))
                break;
            if (head.Count >= 1000)
                break;
        }
        bool germEval = IsGermEval(head);
        var tokens = new List<string>(64);
        var ids = new int[256];
        // Output is gathered in a buffer and written in large pieces: a console writer flushes on every write.
        var buffer = new System.Text.StringBuilder(1 << 17);
        int sentences = 0;
        long count = 0;

        void Flush()
        {
            if (tokens.Count == 0)
                return;
            if (ids.Length < tokens.Count)
                ids = new int[tokens.Count * 2];
            tagging.Start();
            tagger.Tag(tokens, ids);
            tagging.Stop();
            for (int i = 0; i < tokens.Count; i++)
                buffer.Append(tokens[i]).Append('\t').Append(NerLabels.All[ids[i]]).Append('\n');
            buffer.Append('\n');
            if (buffer.Length > 1 << 16)
            {
                output.Write(buffer);
                buffer.Clear();
            }
            sentences++;
            count += tokens.Count;
            tokens.Clear();
        }

        void Take(string line)
        {
            if (line.Length > 0 && line[^1] == '\r')
                line = line[..^1];
            if (line.Length == 0 || string.IsNullOrWhiteSpace(line))
            {
                Flush();
                return;
            }
            if (germEval ? line[0] == '#' : line.StartsWith("# ", StringComparison.Ordinal))
                return;
            tokens.Add(Token(line, germEval));
        }

        foreach (var line in head)
            Take(line);
        while (input.ReadLine() is { } line)
            Take(line);
        Flush();
        output.Write(buffer);
        output.Flush();
        return new ConllTaggingStats(sentences, count, total.Elapsed, tagging.Elapsed, germEval);
    }

    /// <summary>The token of a line: GermEval's second column, else the first (tab-separated, else whitespace-separated).</summary>
    public static string Token(string line, bool germEval)
    {
        int tab = line.IndexOf('\t');
        if (germEval)
        {
            int next = tab < 0 ? -1 : line.IndexOf('\t', tab + 1);
            return tab < 0 ? line : next < 0 ? line[(tab + 1)..] : line[(tab + 1)..next];
        }
        if (tab >= 0)
            return line[..tab];
        var trimmed = line.AsSpan().TrimStart();
        int space = trimmed.IndexOfAny(' ', '\u00A0');
        return (space < 0 ? trimmed : trimmed[..space]).ToString();
    }

    /// <summary>
    /// True when the first block looks like GermEval 2014: a "#\t" comment line, or every token line has four
    /// tab-separated columns with the index 1, 2, 3 … in the first.
    /// </summary>
    public static bool IsGermEval(IReadOnlyList<string> head)
    {
        int expected = 1, tokenLines = 0;
        foreach (var raw in head)
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("#\t", StringComparison.Ordinal))
                return true;
            if (line.Trim().Length == 0)
            {
                if (tokenLines > 0)
                    break;
                continue;
            }
            if (line.StartsWith("# ", StringComparison.Ordinal))
                continue;
            var cols = line.Split('\t');
            if (cols.Length != 4 || cols[0] != expected.ToString(System.Globalization.CultureInfo.InvariantCulture))
                return false;
            expected++;
            tokenLines++;
        }
        return tokenLines > 0;
    }
}
