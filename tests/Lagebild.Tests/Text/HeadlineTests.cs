using Lagebild.Text;

namespace Lagebild.Tests.Text;

/// <summary>Site names appended to headlines are dropped; the headline itself stays.</summary>
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
}
