using System.Net;
using System.Text;
using System.Text.Json;
using Lagebild.Tests.Support;

namespace Lagebild.Tests.Web;

/// <summary>The pages and the JSON API over HTTP: content, escaping, limits and the ingest token.</summary>
public sealed class WebApiTests(WebFixture web) : IClassFixture<WebFixture>
{
    private static readonly HttpClient s_http = new();

    private async Task<(HttpStatusCode Status, string Body)> Get(string path)
    {
        using var r = await s_http.GetAsync(web.BaseUrl + path);
        return (r.StatusCode, await r.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_stories_page_lists_the_stories_with_their_figures()
    {
        var (status, html) = await Get("/");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Hochwasser in Slowenien", html);
        Assert.Contains("status-rising", html);
        Assert.Contains("status-conflicting", html); // the Tbilisi injured
    }

    [Fact]
    public async Task Article_text_is_escaped_everywhere()
    {
        var (_, article) = await Get("/article/xss");
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", article);
        Assert.DoesNotContain("<script>", article);
        Assert.DoesNotContain("<img src=x", article);
        var (_, stories) = await Get("/");
        Assert.DoesNotContain("<script>", stories);
        var (_, search) = await Get("/search?q=" + Uri.EscapeDataString("<script>"));
        Assert.DoesNotContain("<script>", search);
    }

    [Theory]
    [InlineData("/article/..%2F..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/story/..%2Fweb.db")]
    [InlineData("/entity/%00")]
    public async Task Unknown_and_traversing_ids_are_not_found(string path)
    {
        var (status, body) = await Get(path);
        Assert.True(status is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{path}: {status}"); // Kestrel refuses a NUL itself
        Assert.DoesNotContain("root:", body);
    }

    [Fact]
    public async Task The_API_gives_stories_articles_search_and_an_OpenAPI_document()
    {
        var (status, stories) = await Get("/api/stories");
        Assert.Equal(HttpStatusCode.OK, status);
        var list = JsonDocument.Parse(stories).RootElement;
        Assert.True(list.GetArrayLength() >= 2);
        string id = list[0].GetProperty("story").GetString()!;
        var (s1, one) = await Get("/api/stories/" + Uri.EscapeDataString(id));
        Assert.Equal(HttpStatusCode.OK, s1);
        Assert.Equal(id, JsonDocument.Parse(one).RootElement.GetProperty("story").GetString());
        var (s2, article) = await Get("/api/articles/xss");
        Assert.Equal(HttpStatusCode.OK, s2);
        Assert.Equal("<script>alert(1)</script>", JsonDocument.Parse(article).RootElement.GetProperty("title").GetString());
        var (s3, search) = await Get("/api/search?q=festgenommen&kind=arrested");
        Assert.Equal(HttpStatusCode.OK, s3);
        Assert.Contains(JsonDocument.Parse(search).RootElement.EnumerateArray(), h => h.GetProperty("article").GetString() == "xss");
        Assert.Equal(HttpStatusCode.BadRequest, (await Get("/api/search?q=x&kind=robbed")).Status);
        var (s4, openapi) = await Get("/api/openapi.json");
        Assert.Equal(HttpStatusCode.OK, s4);
        var doc = JsonDocument.Parse(openapi).RootElement;
        Assert.StartsWith("3.", doc.GetProperty("openapi").GetString());
        foreach (var path in new[] { "/api/stories", "/api/stories/{id}", "/api/articles/{id}", "/api/search", "/api/entities/{id}", "/api/ingest" })
            Assert.True(doc.GetProperty("paths").TryGetProperty(path, out _), path);
        Assert.Equal(HttpStatusCode.NotFound, (await Get("/api/stories/nope")).Status);
    }

    [Fact]
    public async Task Ingest_needs_the_token_and_keeps_to_the_size_limit()
    {
        var line = JsonSerializer.Serialize(new { id = "posted", text = "In Celje wurden 30 Menschen evakuiert.", published = "2025-03-13", language = "de" });
        using var none = await s_http.PostAsync(web.BaseUrl + "/api/ingest", new StringContent(line, Encoding.UTF8, "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        using var wrong = new HttpRequestMessage(HttpMethod.Post, web.BaseUrl + "/api/ingest") { Content = new StringContent(line) };
        wrong.Headers.Add("Authorization", "Bearer nope");
        Assert.Equal(HttpStatusCode.Unauthorized, (await s_http.SendAsync(wrong)).StatusCode);
        using var ok = new HttpRequestMessage(HttpMethod.Post, web.BaseUrl + "/api/ingest") { Content = new StringContent(line) };
        ok.Headers.Add("Authorization", "Bearer " + WebFixture.Token);
        using var response = await s_http.SendAsync(ok);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("stored").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await Get("/article/posted")).Status);
        using var big = new HttpRequestMessage(HttpMethod.Post, web.BaseUrl + "/api/ingest") { Content = new StringContent(new string('x', 200_000)) };
        big.Headers.Add("Authorization", "Bearer " + WebFixture.Token);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await s_http.SendAsync(big)).StatusCode);
    }
}
