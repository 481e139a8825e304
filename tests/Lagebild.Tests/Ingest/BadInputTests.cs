using System.Diagnostics;
using System.Text;
using Lagebild.Ingest;

namespace Lagebild.Tests.Ingest;

public class BadInputTests
{
    [Fact]
    public void Each_bad_file_gives_one_problem_and_good_files_in_the_same_run_are_read()
    {
        using var dir = new TempDir();
        string good1 = dir.File("gut1.txt", "Erster guter Text.");
        string empty = dir.File("leer.txt", "");
        string blank = dir.File("blank.txt", "  \n\t\r\n  ");
        string binary = dir.Bytes("bild.txt", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52]);
        string missing = Path.Combine(dir.Path, "gibt-es-nicht.txt");
        string good2 = dir.File("gut2.txt", "Zweiter guter Text.");

        var outcomes = Run.Read(good1, empty, blank, binary, missing, good2);
        outcomes.AssertWellFormed();

        Assert.Equal(["gut1", "gut2"], outcomes.Articles().Select(a => a.Id));
        var problems = outcomes.Problems();
        Assert.Equal(
            [
                $"{empty}: empty file",
                $"{blank}: whitespace-only file, no text",
                $"{binary}: binary file, not text",
                $"{missing}: no such file or directory",
            ],
            problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Random_bytes_without_nul_are_binary()
    {
        var rng = new Random(7);
        var bytes = new byte[4096];
        rng.NextBytes(bytes);
        for (int i = 0; i < bytes.Length; i++)
            bytes[i] = bytes[i] == 0 ? (byte)1 : bytes[i];
        using var dir = new TempDir();
        string path = dir.Bytes("rauschen.txt", bytes);

        Assert.Equal("binary file, not text", Assert.Single(Run.Read(path)).Problem!.Message);
    }

    [Fact]
    public void Large_whitespace_file_is_a_problem_not_an_article()
    {
        using var dir = new TempDir();
        string path = dir.File("viel-leer.txt", new string(' ', 20_000) + "\n");

        var p = Assert.Single(Run.Read(path)).Problem;

        Assert.NotNull(p);
        Assert.Contains("whitespace", p!.Message);
    }

    [Fact]
    public void File_over_the_limit_is_refused_with_sizes()
    {
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, "riesig.txt");
        using (var fs = File.Create(path))
            fs.SetLength(70L * 1024 * 1024); // sparse: no 70 MB written

        var p = Assert.Single(Run.Read(path)).Problem;

        Assert.Equal($"{path}: file is 70 MB, over the 64 MB limit (--max-bytes)", p!.ToString());
    }

    [Fact]
    public void Custom_limit_is_named_in_the_message()
    {
        using var dir = new TempDir();
        string path = dir.File("zwei-kb.txt", new string('a', 2048));

        var p = Assert.Single(Run.Read(new ReadOptions { MaxFileBytes = 1024 }, path)).Problem;

        Assert.Equal("file is 2 KB, over the 1 KB limit (--max-bytes)", p!.Message);
    }

    [Fact]
    public void A_50_MB_text_file_is_read_quickly_in_one_piece()
    {
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, "gross.txt");
        string line = "In der von Unruhen betroffenen Stadt Almaty wurden knapp 1700 Menschen festgenommen; Zürich, Straße.\r\n";
        long target = 50L * 1024 * 1024;
        long lines = target / Encoding.UTF8.GetByteCount(line);
        using (var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16))
        {
            for (long i = 0; i < lines; i++)
                w.Write(line);
        }

        var sw = Stopwatch.StartNew();
        var outcomes = Run.Read(path);
        sw.Stop();

        Assert.Empty(outcomes.Problems());
        var a = Assert.Single(outcomes.Articles());
        Assert.Equal(lines * (line.Length - 1) - 1, a.Text.Length); // CRLF → LF, final newline trimmed
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(10), $"took {sw.Elapsed}");
    }

    [SkippableFact]
    public void Unreadable_file_is_permission_denied()
    {
        Skip.If(!OperatingSystem.IsLinux() || Environment.UserName == "root", "root can read any file");
        using var dir = new TempDir();
        string path = dir.File("geheim.txt", "Geheim.");
        if (OperatingSystem.IsLinux())
            File.SetUnixFileMode(path, UnixFileMode.None);

        Assert.Equal("permission denied", Assert.Single(Run.Read(path)).Problem!.Message);
    }

    [Fact]
    public void Exceptions_are_described_in_one_line()
    {
        Assert.Equal("permission denied", ArticleReader.Describe(new UnauthorizedAccessException("Access to the path '/x' is denied.")));
        Assert.Equal("no such file or directory", ArticleReader.Describe(new FileNotFoundException("gone")));
        Assert.Equal("read error: disk\non fire".Replace("\n", " "), ArticleReader.Describe(new IOException("disk\non fire")));
        Assert.DoesNotContain('\n', ArticleReader.Describe(new InvalidOperationException("a\nb")));
    }

    [Fact]
    public void Empty_input_name_and_unsupported_scheme_are_problems()
    {
        var problems = Run.Read("", "ftp://example.org/x.txt").Problems();

        Assert.Equal("empty input name", problems[0].Message);
        Assert.Contains("unsupported URL scheme", problems[1].Message);
    }

    [Fact]
    public void ReadText_refuses_binary_and_empty_content()
    {
        var reader = new ArticleReader();

        Assert.Equal("empty input", Assert.Single(reader.ReadText("", "x")).Problem!.Message);
        Assert.Equal("binary data, not text", Assert.Single(reader.ReadText("ab\0cd\u0001\u0002", "x")).Problem!.Message);
    }
}
