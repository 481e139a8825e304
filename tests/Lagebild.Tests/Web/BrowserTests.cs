using Lagebild.Tests.Support;
using Microsoft.Playwright;

namespace Lagebild.Tests.Web;

/// <summary>
/// The pages in a real browser (Debian's Chromium through Playwright): the seeds' story with both reports, the
/// rising arrests on the timeline and the places on the map; search; a script in a title shown as text.
/// Screenshots go to docs/screenshots (linked from the README). Without /usr/bin/chromium the tests skip,
/// and fail under CI=true (scripts/test.sh installs it).
/// </summary>
public sealed class BrowserTests(WebFixture web) : IClassFixture<WebFixture>
{
    private const string Chromium = "/usr/bin/chromium";
    private static string Shots => Path.Combine(SharedData.RepoRoot, "docs", "screenshots");

    private static async Task<(IPlaywright, IBrowser, IPage)> Open()
    {
        if (!File.Exists(Chromium))
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
                Assert.Fail($"{Chromium} is missing (CI=true: scripts/test.sh installs Debian's chromium)");
            Skip.If(true, $"{Chromium} is missing; install Debian's chromium to run the browser tests");
        }
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1200, Height = 900 } });
        Directory.CreateDirectory(Shots);
        return (playwright, browser, page);
    }

    [SkippableFact]
    public async Task The_seed_story_page_shows_both_reports_the_rising_arrests_and_the_map()
    {
        Skip.IfNot(web.HasSeeds, "shared data not found: the seeds are needed");
        var (pw, browser, page) = await Open();
        using (pw)
        await using (browser)
        {
            await page.GotoAsync(web.BaseUrl + "/");
            await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "stories.png"), FullPage = false });
            await page.ClickAsync("a[href='/story/story-000_c83e155189eeb7b6']");
            Assert.EndsWith("/story/story-000_c83e155189eeb7b6", page.Url);
            // Both reports.
            Assert.Equal(1, await page.Locator("table a[href='/article/000_c83e155189eeb7b6']").Last.CountAsync());
            Assert.True(await page.Locator("a[href='/article/003_cba02438cf8314ef']").CountAsync() > 0);
            // The rising arrests, with a timeline of two claims: 5,000 then 10,000.
            var arrests = page.Locator(".figure[data-kind='arrested'][data-status='rising']");
            Assert.Equal(1, await arrests.CountAsync());
            var timeline = arrests.Locator("svg.timeline[data-status='rising']");
            Assert.Equal(1, await timeline.CountAsync());
            Assert.Equal(2, await timeline.Locator("circle.claim").CountAsync());
            var labels = await timeline.Locator("text").AllTextContentsAsync();
            Assert.Contains("5,000", labels);
            Assert.Contains("10,000", labels);
            // The places on the map.
            var places = await page.Locator("svg.map circle.place title").AllTextContentsAsync();
            Assert.Contains("Almaty", places);
            Assert.Contains("Kasachstan", places);
            Assert.True(await page.Locator("svg.map path.land").CountAsync() == 1, "the world outline (npm world-atlas) is drawn");
            await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "story.png"), FullPage = true });
        }
    }

    [SkippableFact]
    public async Task Searching_Festnahmen_finds_both_seed_articles()
    {
        Skip.IfNot(web.HasSeeds, "shared data not found: the seeds are needed");
        var (pw, browser, page) = await Open();
        using (pw)
        await using (browser)
        {
            await page.GotoAsync(web.BaseUrl + "/");
            await page.FillAsync("header input[name='q']", "Festnahmen");
            await page.PressAsync("header input[name='q']", "Enter");
            await page.WaitForURLAsync("**/search?q=Festnahmen");
            var hits = await page.Locator(".hit a[href^='/article/']").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
            Assert.Contains("/article/000_c83e155189eeb7b6", hits);
            Assert.Contains("/article/003_cba02438cf8314ef", hits);
            Assert.True(await page.Locator(".hit mark").CountAsync() >= 2);
            Assert.Equal(1, await page.Locator("ul.stories a[href='/story/story-000_c83e155189eeb7b6']").CountAsync()); // both hits, one story
            await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "search.png"), FullPage = false });
        }
    }

    [SkippableFact]
    public async Task A_script_in_a_title_is_shown_as_text_and_never_runs()
    {
        var (pw, browser, page) = await Open();
        using (pw)
        await using (browser)
        {
            bool dialog = false;
            page.Dialog += (_, d) => { dialog = true; _ = d.DismissAsync(); };
            await page.GotoAsync(web.BaseUrl + "/article/xss");
            Assert.Equal("<script>alert(1)</script>", await page.Locator("h1").InnerTextAsync());
            Assert.Contains("<img src=x onerror=alert(2)>", await page.Locator(".text").InnerTextAsync());
            await page.GotoAsync(web.BaseUrl + "/");
            Assert.False(dialog);
            await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "article-escaped.png"), FullPage = false });
        }
    }
}
