using System.Reflection;

namespace Lagebild.Languages;

/// <summary>
/// Reads the language data files embedded from <c>src/Lagebild/Languages/&lt;code&gt;/*.txt</c>.
/// A language is a folder: adding one means adding its files, not code paths.
/// Format of every file: one entry per line, <c>#</c> starts a comment, blank lines ignored.
/// Thread-safe (stateless).
/// </summary>
public static class LanguageData
{
    private const string Prefix = "Languages/";

    /// <summary>Language codes that have a folder with at least one file. Folders starting with "_" hold data shared by all languages.</summary>
    public static IReadOnlyList<string> Codes { get; } = Assembly.GetExecutingAssembly().GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.IndexOf('/', Prefix.Length) > 0 && n[Prefix.Length] != '_')
        .Select(n => n[Prefix.Length..n.IndexOf('/', Prefix.Length)])
        .Distinct()
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>True when <paramref name="code"/> has a file named <paramref name="file"/>.</summary>
    public static bool Has(string code, string file) =>
        Assembly.GetExecutingAssembly().GetManifestResourceInfo($"{Prefix}{code}/{file}") is not null;

    /// <summary>The month names and abbreviations of a language (<c>months.txt</c>: every word after a month's number).</summary>
    public static IEnumerable<string> MonthNames(string code) =>
        Lines(code, "months.txt").SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1));

    /// <summary>The weekday names of a language (<c>time.txt</c> lines "weekday monday 1").</summary>
    public static IEnumerable<string> WeekdayNames(string code) =>
        Lines(code, "time.txt").Select(l => l.Split(' ')).Where(f => f.Length >= 2 && f[0] == "weekday").Select(f => f[1]);

    /// <summary>The entry lines of a data file (comments and blank lines removed, trimmed). Empty when the file is absent.</summary>
    public static IReadOnlyList<string> Lines(string code, string file)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"{Prefix}{code}/{file}");
        if (stream is null)
            return [];
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            int hash = line.IndexOf('#');
            if (hash >= 0 && (hash == 0 || char.IsWhiteSpace(line[hash - 1])))
                line = line[..hash];
            line = line.Trim();
            if (line.Length > 0)
                lines.Add(line);
        }
        return lines;
    }
}
