namespace Lagebild.Tests.Support;

/// <summary>
/// Finds <c>../shared</c> relative to the repository root (the folder holding Lagebild.sln).
/// Where it is absent, tests that need it skip with a visible reason; under <c>CI=true</c> its absence fails them.
/// </summary>
internal static class SharedData
{
    public static string RepoRoot { get; } = FindRoot();

    /// <summary>The shared folder, or null when it is absent.</summary>
    public static string? Root
    {
        get
        {
            var path = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));
            return Directory.Exists(path) ? path : null;
        }
    }

    /// <summary>The path of <paramref name="relative"/> under shared/; skips (or fails under CI) when it is missing.</summary>
    public static string Require(string relative)
    {
        var root = Root;
        var path = root is null ? null : Path.Combine(root, relative);
        if (path is not null && (File.Exists(path) || Directory.Exists(path)))
            return path;
        string reason = $"shared data not found: {Path.Combine(RepoRoot, "..", "shared", relative)}";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Assert.Fail(reason + " (CI=true: the shared data must be present)");
        Skip.If(true, reason);
        return null!;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Lagebild.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"no Lagebild.sln above {AppContext.BaseDirectory}");
    }
}
