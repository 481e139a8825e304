using System.Text.Json;
using Lagebild.Ingest;
using Lagebild.Model;
using Lagebild.Pipeline;
using Lagebild.Search;
using Lagebild.Storage;
using Lagebild.Stories;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lagebild.Web;

/// <summary>How the web application runs.</summary>
/// <param name="StorePath">The SQLite store to show.</param>
/// <param name="Urls">Where to listen; 127.0.0.1 unless told otherwise.</param>
/// <param name="IngestToken">When set, POST /api/ingest accepts articles with "Authorization: Bearer TOKEN"; otherwise writing is off.</param>
/// <param name="MaxRequestBytes">The largest request body accepted.</param>
public sealed record WebOptions(string StorePath, string Urls = "http://127.0.0.1:5080", string? IngestToken = null, long MaxRequestBytes = 16 * 1024 * 1024);

/// <summary>
/// <c>lagebild serve</c>: server-rendered pages (stories, story, article, search, entity) and a JSON API under
/// <c>/api</c> with an OpenAPI document, over one store. Read-only unless an ingest token is configured.
/// </summary>
public static class WebApp
{
    private static readonly JsonSerializerOptions s_json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static WebApplication Create(WebOptions options, IArticleStore store)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = options.MaxRequestBytes;
            k.Limits.MaxRequestLineSize = 8 * 1024;
            k.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            k.AddServerHeader = false;
        });
        builder.Services.AddSingleton(new SituationCache(store));
        var app = builder.Build();
        var cache = app.Services.GetRequiredService<SituationCache>();
        app.Use(async (context, next) =>
        {
            context.Response.Headers["X-Content-Type-Options"] = "nosniff";
            context.Response.Headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'";
            context.Response.Headers["Referrer-Policy"] = "no-referrer";
            await next(context);
        });

        app.MapGet("/", () => HtmlResult(Pages.Stories(cache.Current)));
        app.MapGet("/story/{id}", (string id) => cache.Current.ById.TryGetValue(id, out var story)
            ? HtmlResult(Pages.Story(story, story.Articles.Select(a => store.Article(a.Id)).Where(a => a is not null).ToDictionary(a => a!.Id, a => a!)))
            : HtmlResult(Pages.NotFound($"no story {id}"), 404));
        app.MapGet("/article/{id}", (string id) =>
        {
            var a = store.Article(id);
            if (a is null)
                return HtmlResult(Pages.NotFound($"no article {id}"), 404);
            var entities = store.Entities(articleId: id).GetValueOrDefault(id) ?? [];
            return HtmlResult(Pages.Article(a, store.Facts(id), entities, cache.Current.ByArticle.GetValueOrDefault(id)));
        });
        app.MapGet("/search", (HttpRequest r) =>
        {
            string q = r.Query["q"].ToString();
            var (filter, error) = Filter(r);
            var hits = q.Length == 0 || error is not null ? [] : Searcher.Search(store, q, filter!, 50, cache.Current.StoryOfArticle);
            return HtmlResult(Pages.SearchPage(q, hits, error, cache.Current.ById.ToDictionary(kv => kv.Key, kv => kv.Value.Title)));
        });
        app.MapGet("/entity/{id}", (string id) =>
        {
            var mentions = EntityMentions(store, id);
            return mentions.Count == 0 ? HtmlResult(Pages.NotFound($"no entity {id}"), 404) : HtmlResult(Pages.Entity(id, mentions, cache.Current));
        });

        // JSON API
        app.MapGet("/api/stories", () => JsonLines(cache.Current.Stories.Select(StoryJson.ToJsonLine)));
        app.MapGet("/api/stories/{id}", (string id) => cache.Current.ById.TryGetValue(id, out var story)
            ? Results.Text(StoryJson.ToJsonLine(story), "application/json; charset=utf-8")
            : Results.Json(new { error = $"no story {id}" }, s_json, statusCode: 404));
        app.MapGet("/api/articles/{id}", (string id) =>
        {
            var a = store.Article(id);
            if (a is null)
                return Results.Json(new { error = $"no article {id}" }, s_json, statusCode: 404);
            return Results.Json(new
            {
                id = a.Id, title = a.Title, published = a.Published?.ToString(), source = a.Source, url = a.Url, language = a.Language,
                agencies = a.Agencies, credits = a.Credits, captions = a.Captions, duplicate_of = a.DuplicateOf, story = cache.Current.ByArticle.GetValueOrDefault(a.Id)?.Id,
                text = a.Text,
                facts = store.Facts(id).Select(f => new
                {
                    kind = FactKinds.Name(f.Fact.Kind), count = new { value = f.Fact.Count.Value, qualifier = FactKinds.Name(f.Fact.Count.Qualifier), min = f.Fact.Count.Min, max = f.Fact.Count.Max },
                    additional = f.Fact.Additional, cumulative = f.Fact.Cumulative, place = f.Fact.Place?.Name, place_id = f.Fact.Place?.Id,
                    time = f.Fact.Time?.Resolved?.ToString(), source = f.Fact.Source?.Text, evidence = f.Sentence, in_title = f.Fact.InTitle,
                }),
                entities = (store.Entities(articleId: id).GetValueOrDefault(id) ?? []).Select(e => new { id = e.Id, type = e.Type, name = e.Name, aliases = e.Aliases, mentions = e.Mentions.Count }),
            }, s_json);
        });
        app.MapGet("/api/search", (HttpRequest r) =>
        {
            string q = r.Query["q"].ToString();
            var (filter, error) = Filter(r);
            if (error is not null)
                return Results.Json(new { error }, s_json, statusCode: 400);
            var hits = q.Length == 0 ? [] : Searcher.Search(store, q, filter!, 50, cache.Current.StoryOfArticle);
            return Results.Json(hits.Select(h => new
            {
                article = h.ArticleId, title = h.Title, published = h.Published?.ToString(), story = h.Story, score = Math.Round(h.Score, 4), snippet = h.Snippet,
                highlights = h.Highlights.Select(m => new { start = m.Start, end = m.End }),
            }), s_json);
        });
        app.MapGet("/api/entities/{id}", (string id) =>
        {
            var mentions = EntityMentions(store, id);
            if (mentions.Count == 0)
                return Results.Json(new { error = $"no entity {id}" }, s_json, statusCode: 404);
            var e = mentions[0].Entity;
            return Results.Json(new
            {
                id, type = e.Type, name = e.Name, aliases = mentions.SelectMany(m => m.Entity.Aliases.Prepend(m.Entity.Name)).Distinct(),
                articles = mentions.Select(m => m.ArticleId), stories = mentions.Select(m => cache.Current.ByArticle.GetValueOrDefault(m.ArticleId)?.Id).Where(s => s is not null).Distinct(),
                place = e.Place is { } p ? new { id = p.Id, country = p.Country, lat = p.Lat, lon = p.Lon } : null,
            }, s_json);
        });
        app.MapGet("/api/openapi.json", () => Results.Text(OpenApi.Document(options.IngestToken is not null), "application/json; charset=utf-8"));
        app.MapPost("/api/ingest", async (HttpRequest r) =>
        {
            if (options.IngestToken is null)
                return Results.Json(new { error = "ingest is disabled: start serve with --token" }, s_json, statusCode: 403);
            if (r.Headers.Authorization.ToString() != "Bearer " + options.IngestToken)
                return Results.Json(new { error = "missing or wrong bearer token" }, s_json, statusCode: 401);
            string body;
            try
            {
                using var reader = new StreamReader(r.Body, System.Text.Encoding.UTF8);
                body = await reader.ReadToEndAsync();
            }
            catch (Microsoft.AspNetCore.Http.BadHttpRequestException e)
            {
                return Results.Json(new { error = e.Message }, s_json, statusCode: 413);
            }
            return Results.Json(Ingest(store, body), s_json);
        });
        return app;
    }

    private static IResult HtmlResult(string html, int status = 200) => Results.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);

    private static IResult JsonLines(IEnumerable<string> objects) => Results.Text("[" + string.Join(",", objects) + "]", "application/json; charset=utf-8");

    private static (SearchFilter?, string?) Filter(HttpRequest r)
    {
        DateOnly? from = null, to = null;
        if (r.Query["from"].ToString() is { Length: > 0 } f)
        {
            if (!PartialDate.TryParse(f, out var d)) return (null, $"not a date: {f}");
            from = d.Date;
        }
        if (r.Query["to"].ToString() is { Length: > 0 } t)
        {
            if (!PartialDate.TryParse(t, out var d)) return (null, $"not a date: {t}");
            to = d.LastDay;
        }
        FactKind? kind = null;
        if (r.Query["kind"].ToString() is { Length: > 0 } k)
        {
            if (!FactKinds.TryParse(k, out FactKind fk)) return (null, $"unknown kind: {k}");
            kind = fk;
        }
        static string? Opt(string s) => s.Length == 0 ? null : s;
        return (new SearchFilter(from, to, Opt(r.Query["place"].ToString()), Opt(r.Query["entity"].ToString()), kind, Opt(r.Query["source"].ToString())), null);
    }

    private static List<(string ArticleId, Lagebild.Linking.Entity Entity)> EntityMentions(IArticleStore store, string id) =>
        store.Entities(entityId: id).SelectMany(kv => kv.Value.Select(e => (kv.Key, e))).ToList();

    // Articles posted as JSON Lines (or one plain text): analysed, stored, clustered.
    private static object Ingest(IArticleStore store, string body)
    {
        var reader = new ArticleReader(new ReadOptions { Stdin = new StringReader(body) });
        var problems = new List<string>();
        var docs = new List<Document>();
        foreach (var o in reader.Read(["-"]))
        {
            if (o.Problem is { } p)
                problems.Add(p.ToString());
            else
                docs.Add(DefaultPipeline.Shared.Process(o.Article!));
        }
        var results = store.AddRange(docs);
        using var indexer = new StoryIndexer(store);
        for (int i = 0; i < docs.Count; i++)
        {
            if (results[i].Status is AddStatus.Stored or AddStatus.Updated or AddStatus.Duplicate)
                indexer.Add(docs[i], recluster: results[i].Status == AddStatus.Updated);
        }
        indexer.Commit();
        return new { articles = docs.Count, stored = results.Count(x => x.Status == AddStatus.Stored), duplicates = results.Count(x => x.Status == AddStatus.Duplicate), problems };
    }
}
