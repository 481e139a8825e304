using Lagebild.Ingest;
using Lagebild.Model;
using Lagebild.Pipeline;
using Lagebild.Storage;
using Lagebild.Stories;
using Lagebild.Tests.Support;
using Lagebild.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Lagebild.Tests.Web;

/// <summary>
/// A store with the two seeds, the samples and an article titled with a script tag, served on 127.0.0.1 at a
/// free port for the whole test class. Without ../shared the seeds are left out (the tests that need them skip).
/// </summary>
public sealed class WebFixture : IAsyncLifetime
{
    public const string Token = "test-token";
    private readonly string _dir = Directory.CreateTempSubdirectory("lagebild-web-").FullName;
    private WebApplication? _app;
    private SqliteStore? _store;

    public string BaseUrl { get; private set; } = "";

    public bool HasSeeds { get; private set; }

    public async Task InitializeAsync()
    {
        _store = SqliteStore.Open(Path.Combine(_dir, "web.db"));
        var inputs = new List<string> { Path.Combine(SharedData.RepoRoot, "samples") };
        if (SharedData.Root is { } shared)
        {
            inputs.Add(Path.Combine(shared, "seeds"));
            HasSeeds = true;
        }
        var docs = new ArticleReader().Read(inputs).Where(o => o.IsArticle).Select(o => DefaultPipeline.Shared.Process(o.Article!)).ToList();
        docs.Add(DefaultPipeline.Shared.Process(new Article
        {
            Id = "xss", Title = "<script>alert(1)</script>", Text = "<img src=x onerror=alert(2)> In Almaty wurden 40 Menschen festgenommen.",
            Published = PartialDate.Day(2022, 1, 11), Origin = "test", Format = "jsonl", DeclaredLanguage = "de",
        }));
        var results = _store.AddRange(docs);
        using var indexer = new StoryIndexer(_store);
        for (int i = 0; i < docs.Count; i++)
        {
            if (results[i].Status != AddStatus.Unchanged)
                indexer.Add(docs[i]);
        }
        indexer.Commit();
        _app = WebApp.Create(new WebOptions(Path.Combine(_dir, "web.db"), "http://127.0.0.1:0", Token, MaxRequestBytes: 64 * 1024), _store);
        await _app.StartAsync();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync();
        _store?.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
