using Lagebild.Model;
using Lagebild.Pipeline;

namespace Lagebild.Tests.Facts;

/// <summary>Time expressions are resolved against the article's date and never invent a day.</summary>
public sealed class TimeResolutionTests
{
    private static FactTime? TimeOf(string text, string? published)
    {
        var doc = DefaultPipeline.Shared.Process(new Article
        {
            Id = "t", Text = text, Origin = "test", Format = "text",
            Published = PartialDate.TryParse(published, out var p) ? p : null,
        });
        return Assert.Single(doc.Facts).Time;
    }

    [Fact]
    public void Weekday_resolves_to_the_latest_such_day_up_to_a_day_precise_publication()
    {
        var t = TimeOf("Am Montag wurden in Almaty 300 Menschen festgenommen.", "2022-01-12");
        Assert.Equal("Am Montag", t!.Text);
        Assert.Equal(PartialDate.Day(2022, 1, 10), t.Resolved);
    }

    [Fact]
    public void Weekday_stays_unresolved_with_only_a_month()
    {
        var t = TimeOf("Am Montag wurden in Almaty 300 Menschen festgenommen.", "2022-01");
        Assert.Null(t!.Resolved);
        Assert.Equal(DatePrecision.Day, t.Precision);
    }

    [Fact]
    public void A_printed_date_in_a_caption_anchors_weekdays_when_the_publication_is_a_month()
    {
        const string text = "AFP/Max Muster Eine Straße in Almaty (9.1.2022)\n\nNoch am Sonntag wurden in Almaty 300 Menschen festgenommen.";
        var t = TimeOf(text, "2022-01");
        Assert.Equal(PartialDate.Day(2022, 1, 9), t!.Resolved);
    }

    [Fact]
    public void Relative_week_keeps_week_precision()
    {
        var t = TimeOf("In der vergangenen Woche wurden in Almaty 300 Menschen festgenommen.", "2022-01-12");
        Assert.Equal(DatePrecision.Week, t!.Resolved!.Value.Precision);
        Assert.Equal("2022-W01", t.Resolved.ToString());
    }

    [Fact]
    public void Day_and_month_without_a_year_take_the_most_recent_year()
    {
        var t = TimeOf("Am 28. Dezember wurden in Almaty 300 Menschen festgenommen.", "2022-01-12");
        Assert.Equal(PartialDate.Day(2021, 12, 28), t!.Resolved);
    }
}
