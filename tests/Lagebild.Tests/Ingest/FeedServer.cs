using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lagebild.Tests.Ingest;

/// <summary>
/// A real HTTP server on 127.0.0.1 (Kestrel, a free port) serving documents the test changes between polls, with
/// optional ETag / Last-Modified (answering 304 to a matching conditional request), a status to fail with, and a
/// log of every request.
/// </summary>
internal sealed class FeedServer : IDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Route> _routes = new(StringComparer.Ordinal);

    public FeedServer()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.Run(Answer);
        _app.StartAsync().GetAwaiter().GetResult();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }

    public string BaseUrl { get; }

    public ConcurrentQueue<Request> Requests { get; } = new();

    /// <summary>What the server answers for one path; change it between polls.</summary>
    public sealed class Route
    {
        public string Body { get; set; } = "";
        public string ContentType { get; set; } = "application/rss+xml; charset=utf-8";
        public int Status { get; set; } = 200;
        public string? ETag { get; set; }
        public string? LastModified { get; set; }
        public int? RetryAfterSeconds { get; set; }
    }

    /// <summary>One request as received, and the status it got.</summary>
    public sealed record Request(string Path, string? IfNoneMatch, string? IfModifiedSince, int Status);

    /// <summary>Serves <paramref name="route"/> at <paramref name="path"/>; returns its absolute URL.</summary>
    public string Serve(string path, Route route)
    {
        _routes[path] = route;
        return BaseUrl + path;
    }

    public int Count(string path) => Requests.Count(r => r.Path == path);

    private async Task Answer(HttpContext context)
    {
        string path = context.Request.Path.Value ?? "/";
        string? ifNoneMatch = context.Request.Headers.IfNoneMatch.FirstOrDefault();
        string? ifModifiedSince = context.Request.Headers.IfModifiedSince.FirstOrDefault();
        int status;
        if (!_routes.TryGetValue(path, out var route))
        {
            status = 404;
        }
        else if (route.Status != 200)
        {
            status = route.Status;
            if (route.RetryAfterSeconds is int s)
                context.Response.Headers.RetryAfter = s.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else if ((route.ETag is not null && ifNoneMatch == route.ETag) || (route.ETag is null && route.LastModified is not null && ifModifiedSince == route.LastModified))
        {
            status = 304;
        }
        else
        {
            status = 200;
        }
        Requests.Enqueue(new Request(path, ifNoneMatch, ifModifiedSince, status));
        context.Response.StatusCode = status;
        if (route?.ETag is not null && status is 200 or 304)
            context.Response.Headers.ETag = route.ETag;
        if (route?.LastModified is not null && status is 200 or 304)
            context.Response.Headers.LastModified = route.LastModified;
        if (status == 200)
        {
            context.Response.ContentType = route!.ContentType;
            await context.Response.WriteAsync(route.Body);
        }
        else if (status >= 400)
        {
            await context.Response.WriteAsync("error");
        }
    }

    public void Dispose() => _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
