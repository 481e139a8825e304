using System.Net.Http.Headers;

namespace Lagebild.Ingest;

/// <summary>A download: the body and its declared type, or why there is none.</summary>
internal sealed record FetchResult(byte[]? Body, string? MediaType, string? Charset, string? Error);

/// <summary>
/// Downloads URLs with a time limit (<see cref="ReadOptions.HttpTimeout"/> for headers and body
/// together) and a size cap (<see cref="ReadOptions.MaxFileBytes"/>). Failures come back as a
/// one-line <see cref="FetchResult.Error"/>, never as exceptions. Thread-safe.
/// </summary>
internal sealed class WebFetcher
{
    // One client for the process: HttpClient is meant to be reused. The per-request token
    // enforces the timeout, so the client's own is off.
    private static readonly Lazy<HttpClient> SharedClient = new(() => new HttpClient(new SocketsHttpHandler
    {
        AutomaticDecompression = System.Net.DecompressionMethods.All,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    });

    private readonly ReadOptions _options;

    public WebFetcher(ReadOptions options) => _options = options;

    public static bool IsWebUrl(string input) =>
        Uri.TryCreate(input, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps);

    public FetchResult Fetch(string url)
    {
        // Task.Run: block on the async client without capturing any synchronisation context.
        return Task.Run(() => FetchAsync(url)).GetAwaiter().GetResult();
    }

    private async Task<FetchResult> FetchAsync(string url)
    {
        var client = _options.Http ?? SharedClient.Value;
        long max = _options.MaxFileBytes;
        using var cts = new CancellationTokenSource(_options.HttpTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Lagebild", "1.0"));
            request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.8");
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                return Fail($"HTTP {(int)response.StatusCode} {response.ReasonPhrase ?? response.StatusCode.ToString()}");
            var headers = response.Content.Headers;
            if (headers.ContentLength is long declared && declared > max)
                return Fail($"response is {TextNormal.Size(declared)}, over the {TextNormal.Size(max)} limit (--max-bytes)");
            await using var stream = await response.Content.ReadAsStreamAsync(cts.Token).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            byte[] chunk = new byte[81920];
            int n;
            while ((n = await stream.ReadAsync(chunk, cts.Token).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + n > max)
                    return Fail($"response is over the {TextNormal.Size(max)} limit (--max-bytes)");
                buffer.Write(chunk, 0, n);
            }
            return new FetchResult(buffer.ToArray(), headers.ContentType?.MediaType?.ToLowerInvariant(), headers.ContentType?.CharSet, null);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            return Fail(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"timed out after {_options.HttpTimeout.TotalSeconds:0.###} s"));
        }
        catch (HttpRequestException e)
        {
            return Fail("request failed: " + OneLine(e.InnerException?.Message ?? e.Message));
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or NotSupportedException or UriFormatException)
        {
            return Fail("request failed: " + OneLine(e.Message));
        }
    }

    private static string OneLine(string s) => s.ReplaceLineEndings(" ").Trim();

    private static FetchResult Fail(string error) => new(null, null, null, error);
}
