using System.Globalization;

namespace Lagebild.Ingest;

/// <summary>One step of a read run: a file, a URL, stdin, or a problem found while listing folders.</summary>
internal sealed record PlanItem(PlanKind Kind, string Input, long Size = 0, bool Explicit = false, InputProblem? Problem = null);

internal enum PlanKind { File, Url, Stdin, Problem }

/// <summary>
/// Expands the inputs of a run into files (folders recursively, entries sorted by name with
/// ordinal comparison so runs are reproducible), URLs and stdin. Hidden entries (name starting
/// with '.') are skipped silently; files with unknown extensions are counted and reported once
/// per named folder; unreadable folders and symlink loops become problems. Not thread-safe
/// (one instance per run).
/// </summary>
internal sealed class InputPlanner
{
    private const int MaxDepth = 256;

    private readonly List<PlanItem> _plan = [];

    public List<PlanItem> Plan(IEnumerable<string> inputs)
    {
        foreach (var input in inputs)
        {
            if (string.IsNullOrWhiteSpace(input))
            {
                _plan.Add(Problem(input ?? "", "empty input name"));
                continue;
            }
            if (input == "-")
            {
                _plan.Add(new PlanItem(PlanKind.Stdin, "stdin"));
                continue;
            }
            if (WebFetcher.IsWebUrl(input))
            {
                _plan.Add(new PlanItem(PlanKind.Url, input));
                continue;
            }
            try
            {
                if (Directory.Exists(input))
                    WalkRoot(input);
                else if (File.Exists(input))
                    _plan.Add(new PlanItem(PlanKind.File, input, SafeLength(input), Explicit: true));
                else if (input.Contains("://", StringComparison.Ordinal))
                    _plan.Add(Problem(input, "unsupported URL scheme (only http and https are read)"));
                else
                    _plan.Add(Problem(input, "no such file or directory"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                _plan.Add(Problem(input, ArticleReader.Describe(e)));
            }
        }
        return _plan;
    }

    private static PlanItem Problem(string origin, string message) => new(PlanKind.Problem, origin, Problem: new InputProblem(origin, null, message));

    private static long SafeLength(string path)
    {
        try
        {
            return new FileInfo(path).Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    private void WalkRoot(string root)
    {
        var skipped = new Dictionary<string, int>(StringComparer.Ordinal);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var chain = new List<string>();
        Walk(root, Normal(root), chain, visited, skipped, 0);
        if (skipped.Count > 0)
        {
            int total = skipped.Values.Sum();
            var parts = skipped.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
                .Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} ×{kv.Value}"));
            var notice = Problem(root, string.Create(CultureInfo.InvariantCulture,
                $"skipped {total} file{(total == 1 ? "" : "s")} with unknown extensions ({string.Join(", ", parts)})"));
            _plan.Add(notice with { Problem = notice.Problem! with { IsNotice = true } });
        }
    }

    private void Walk(string dir, string canonical, List<string> chain, HashSet<string> visited, Dictionary<string, int> skipped, int depth)
    {
        if (depth > MaxDepth)
        {
            _plan.Add(Problem(dir, $"folders nested more than {MaxDepth} deep; not read"));
            return;
        }
        visited.Add(canonical);
        chain.Add(canonical);
        try
        {
            List<FileSystemInfo> entries;
            try
            {
                entries = new DirectoryInfo(dir).EnumerateFileSystemInfos().ToList();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _plan.Add(Problem(dir, ArticleReader.Describe(e)));
                return;
            }
            entries.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            foreach (var entry in entries)
            {
                if (entry.Name.StartsWith('.'))
                    continue; // hidden
                string path = Path.Join(dir, entry.Name);
                if (entry is DirectoryInfo sub)
                {
                    string target;
                    try
                    {
                        target = Canonical(canonical, sub.Name);
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        _plan.Add(Problem(path, ArticleReader.Describe(e)));
                        continue;
                    }
                    if (chain.Contains(target))
                        _plan.Add(Problem(path, $"directory loop: links back to {target}; not followed"));
                    else if (visited.Contains(target))
                        _plan.Add(Problem(path, $"links to {target}, which is already read; not read twice"));
                    else
                        Walk(path, target, chain, visited, skipped, depth + 1);
                    continue;
                }
                string ext = Path.GetExtension(entry.Name).ToLowerInvariant();
                if (!Formats.IsKnownExtension(ext))
                {
                    string key = ext.Length == 0 ? "(no extension)" : ext;
                    skipped[key] = skipped.GetValueOrDefault(key) + 1;
                    continue;
                }
                long size = 0;
                try
                {
                    size = entry is FileInfo fi ? fi.Length : 0;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // A dangling symlink: reading it reports the problem.
                }
                _plan.Add(new PlanItem(PlanKind.File, path, size));
            }
        }
        finally
        {
            chain.RemoveAt(chain.Count - 1);
        }
    }

    /// <summary>
    /// The directory's path with symlinks resolved, built from its parent's resolved path so a
    /// link such as <c>loop -> ..</c> maps onto a folder already on the chain.
    /// </summary>
    private static string Canonical(string parentCanonical, string name)
    {
        string c = Path.Join(parentCanonical, name);
        for (int hops = 0; hops < 40; hops++)
        {
            string? link = new DirectoryInfo(c).LinkTarget;
            if (link is null)
                break;
            c = Normal(Path.IsPathRooted(link) ? link : Path.Combine(Path.GetDirectoryName(c) ?? "/", link));
        }
        return c;
    }

    private static string Normal(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
}
