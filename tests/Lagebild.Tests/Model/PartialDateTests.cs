using Lagebild.Model;

namespace Lagebild.Tests.Model;

public sealed class PartialDateTests
{
    [Theory]
    [InlineData("2022", "2022", DatePrecision.Year)]
    [InlineData("2022-01", "2022-01", DatePrecision.Month)]
    [InlineData("2022-01-09", "2022-01-09", DatePrecision.Day)]
    [InlineData("2022-01-10T00:30:00+01:00", "2022-01-10", DatePrecision.Day)]
    [InlineData("Mon, 10 Jan 2022 23:30:00 -0500", "2022-01-10", DatePrecision.Day)]
    [InlineData("Sun, 06 Apr 2025 09:00:00 GMT", "2025-04-06", DatePrecision.Day)]
    public void Parses_with_the_precision_and_the_publishers_day(string text, string expected, DatePrecision precision)
    {
        Assert.True(PartialDate.TryParse(text, out var d));
        Assert.Equal(expected, d.ToString());
        Assert.Equal(precision, d.Precision);
    }

    [Theory]
    [InlineData("")]
    [InlineData("gestern")]
    [InlineData("2022-13")]
    [InlineData("32.1.2022")]
    public void Non_dates_are_refused_without_throwing(string text) => Assert.False(PartialDate.TryParse(text, out _));

    [Fact]
    public void A_month_covers_its_days_and_a_week_starts_on_Monday()
    {
        var month = PartialDate.Month(2022, 1);
        Assert.True(month.Covers(new DateOnly(2022, 1, 31)));
        Assert.False(month.Covers(new DateOnly(2022, 2, 1)));
        var week = PartialDate.Week(new DateOnly(2022, 1, 9));
        Assert.Equal(new DateOnly(2022, 1, 3), week.Date);
        Assert.Equal("2022-W01", week.ToString());
    }
}
