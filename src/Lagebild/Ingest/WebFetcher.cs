using System.Net.Http.Headers;

namespace Lagebild.Ingest;

/// <summary>A download: the body and its declared type, or why there is none.</summary>
internal sealed record FetchResult(byte[]? Body, string? MediaType, string? Charset, string? Error)
{
    /// <summary>304 Not Modified to a conditional request: no body and no error.</summary>
    public bool NotModified { get; init; }

    /// <summary>The HTTP status, when the server answered.</summary>
    public int? Status { get; init; }

    /// <summary>Retry-After of the response, when it gave one.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>ETag and Last-Modified of the response, or null when it gave neither.</summary>
    public HttpValidators? Validators { get; init; }
}

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

    /// <summary>Downloads <paramref name="url"/>; with <paramref name="known"/> validators the request is conditional (If-None-Match, If-Modified-Since).</summary>
    /// <param name="url">An http(s) URL.</param>
    /// <param name="known">Validators of an earlier response, or null.</param>
    /// <param name="cancel">Stops the download early; it then fails with "cancelled".</param>
    public FetchResult Fetch(string url, HttpValidators? known = null, CancellationToken cancel = default)
    {
        // Task.Run: block on the async client without capturing any synchronisation context.
        return Task.Run(() => FetchAsync(url, known, cancel)).GetAwaiter().GetResult();
    }

    private async Task<FetchResult> FetchAsync(string url, HttpValidators? known, CancellationToken cancel)
    {
        var client = _options.Http ?? SharedClient.Value;
        long max = _options.MaxFileBytes;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        cts.CancelAfter(_options.HttpTimeout);
        int? status = null;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Lagebild", "1.0"));
            request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.8");
            if (known?.ETag is { } etag)
                request.Headers.TryAddWithoutValidation("If-None-Match", etag);
            if (known?.LastModified is { } lastModified)
                request.Headers.TryAddWithoutValidation("If-Modified-Since", lastModified);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token).ConfigureAwait(false);
            status = (int)response.StatusCode;
            var validators = ValidatorsOf(response);
            if (response.StatusCode == System.Net.HttpStatusCode.NotModified && known is not null)
                return new FetchResult(null, null, null, null) { NotModified = true, Status = status, Validators = validators ?? known };
            if (!response.IsSuccessStatusCode)
            {
                return Fail($"HTTP {status} {response.ReasonPhrase ?? response.StatusCode.ToString()}") with
                {
                    Status = status,
                    RetryAfter = RetryAfterOf(response),
                };
            }
            var headers = response.Content.Headers;
            if (headers.ContentLength is long declared && declared > max)
                return Fail($"response is {TextNormal.Size(declared)}, over the {TextNormal.Size(max)} limit (--max-bytes)") with { Status = status };
            await using var stream = await response.Content.ReadAsStreamAsync(cts.Token).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            byte[] chunk = new byte[81920];
            int n;
            while ((n = await stream.ReadAsync(chunk, cts.Token).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + n > max)
                    return Fail($"response is over the {TextNormal.Size(max)} limit (--max-bytes)") with { Status = status };
                buffer.Write(chunk, 0, n);
            }
            return new FetchResult(buffer.ToArray(), headers.ContentType?.MediaType?.ToLowerInvariant(), headers.ContentType?.CharSet, null)
            {
                Status = status,
                Validators = validators,
            };
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return Fail("cancelled");
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

    /// <summary>ETag and Last-Modified exactly as the server sent them (they go back verbatim), or null for neither.</summary>
    private static HttpValidators? ValidatorsOf(HttpResponseMessage response)
    {
        string? etag = response.Headers.TryGetValues("ETag", out var e) ? e.FirstOrDefault() : null;
        string? modified = response.Content.Headers.TryGetValues("Last-Modified", out var m) ? m.FirstOrDefault() : null;
        etag = string.IsNullOrWhiteSpace(etag) ? null : etag.Trim();
        modified = string.IsNullOrWhiteSpace(modified) ? null : modified.Trim();
        return etag is null && modified is null ? null : new HttpValidators(etag, modified);
    }

    /// <summary>Retry-After as a delay (seconds, or a date from now), never negative; null when absent.</summary>
    private static TimeSpan? RetryAfterOf(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is TimeSpan delta)
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (header?.Date is DateTimeOffset date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        return null;
    }

    private static FetchResult Fail(string error) => new(null, null, null, error);
}
