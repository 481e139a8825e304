using System.Net;
using System.Text;
using Lagebild.Ingest;
using Lagebild.Model;

namespace Lagebild.Tests.Ingest;

/// <summary>A temporary folder, deleted on dispose.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "lagebild-ingest-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string relative, string content, Encoding? encoding = null)
    {
        string full = Prepare(relative);
        System.IO.File.WriteAllText(full, content, encoding ?? new UTF8Encoding(false));
        return full;
    }

    public string Bytes(string relative, byte[] content)
    {
        string full = Prepare(relative);
        System.IO.File.WriteAllBytes(full, content);
        return full;
    }

    private string Prepare(string relative)
    {
        string full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        return full;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

internal static class Run
{
    public static List<ReadOutcome> Read(params string[] inputs) => new ArticleReader().Read(inputs).ToList();

    public static List<ReadOutcome> Read(ReadOptions options, params string[] inputs) => new ArticleReader(options).Read(inputs).ToList();

    public static List<Article> Articles(this IEnumerable<ReadOutcome> outcomes) =>
        outcomes.Where(o => o.Article is not null).Select(o => o.Article!).ToList();

    public static List<InputProblem> Problems(this IEnumerable<ReadOutcome> outcomes) =>
        outcomes.Where(o => o.Problem is not null).Select(o => o.Problem!).ToList();

    /// <summary>Every outcome has exactly one of article and problem, and every message is one line.</summary>
    public static void AssertWellFormed(this IEnumerable<ReadOutcome> outcomes)
    {
        foreach (var o in outcomes)
        {
            Assert.True((o.Article is null) != (o.Problem is null));
            if (o.Problem is { } p)
            {
                Assert.DoesNotContain('\n', p.ToString());
                Assert.DoesNotContain(" at Lagebild.", p.Message); // no stack trace
            }
        }
    }
}

/// <summary>An HTTP handler answering from a function, for URL tests without a network.</summary>
internal sealed class FakeHttp : HttpMessageHandler
{
    private readonly Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> _respond;

    public FakeHttp(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> respond) => _respond = respond;

    public List<string> Requested { get; } = [];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (Requested)
            Requested.Add(request.RequestUri!.ToString());
        return _respond(request, cancellationToken);
    }

    public static HttpResponseMessage Ok(string body, string mediaType) => new(HttpStatusCode.OK)
    {
        Content = new StringContent(body, new UTF8Encoding(false), mediaType),
    };

    public static HttpClient Client(Func<HttpRequestMessage, HttpResponseMessage> respond) =>
        new(new FakeHttp((r, _) => Task.FromResult(respond(r))));
}
