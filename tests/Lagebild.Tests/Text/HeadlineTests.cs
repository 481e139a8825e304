using Lagebild.Text;

namespace Lagebild.Tests.Text;

/// <summary>Site names appended to headlines are dropped; the headline itself stays. Page addresses give their slug's words.</summary>
public sealed class HeadlineTests
{
    [Theory]
    [InlineData("Arrest made in Bourbon Street shooting - KATC.com | Continuous News", "Arrest made in Bourbon Street shooting")]
    [InlineData("2 teens die after triple shooting in Mosby Court - NBC12 - WWBT - Richmond, VA News On Your Side", "2 teens die after triple shooting in Mosby Court")]
    [InlineData("Teen shot to death in Roswell :: WRAL.com", "Teen shot to death in Roswell")]
    [InlineData("Miguel Vazquez « CBS Chicago", "Miguel Vazquez « CBS Chicago")] // two words would be left: kept whole
    [InlineData("Police: 5 shot in downtown Tacoma", "Police: 5 shot in downtown Tacoma")]
    [InlineData("Zwei Tote bei Schüssen in Halle – Polizei sucht Täter mit Hubschraubern, Hunden und Spezialkräften aus drei Ländern", "Zwei Tote bei Schüssen in Halle – Polizei sucht Täter mit Hubschraubern, Hunden und Spezialkräften aus drei Ländern")]
    public void Trailing_site_names_are_dropped(string title, string expected) => Assert.Equal(expected, Headline.WithoutSiteName(title));

    [Theory]
    [InlineData("https://www.example-news.com/news/crime/2016/06/07/girl-4-critical-after-shooting-on-34th-street.html", "girl 4 critical after shooting on 34th street")]
    [InlineData("http://web.archive.org/web/20151030223013/http://www.example.com/local/four-people-shot-behind-church-in-rocky-mount/", "four people shot behind church in rocky mount")]
    [InlineData("https://example.com/story/1-teen-dead-1-injured-in-parking-lot-shooting-388110142.html?utm_source=x#top", "1 teen dead 1 injured in parking lot shooting")]
    [InlineData("https://example.com/Stadt/Schuesse_in_der_Innenstadt_drei_Verletzte", "Schuesse in der Innenstadt drei Verletzte")]
    [InlineData("https://example.com/sch%C3%BCsse-in-halle-zwei-tote", "schüsse in halle zwei tote")]
    public void The_slug_of_a_page_address_reads_as_a_headline(string url, string expected) => Assert.Equal(expected, Headline.FromUrl(url));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("https://example.com")]
    [InlineData("https://example.com/")]
    [InlineData("https://example.com/news/article.php?id=12345")]
    [InlineData("https://example.com/2016/06/07/1234567")]
    [InlineData("https://example.com/local-news")] // two words: a section, not a headline
    [InlineData("not a url at all")]
    [InlineData("https://example.com/%E0%A4%A")] // a broken escape: read as it is, still no slug
    public void An_address_without_a_slug_gives_none(string? url) => Assert.Null(Headline.FromUrl(url));
}
