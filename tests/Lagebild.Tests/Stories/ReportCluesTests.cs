using Lagebild.Model;
using Lagebild.Stories;

namespace Lagebild.Tests.Stories;

public sealed class ReportCluesTests
{
    private static Document Doc(string text, PartialDate? published) => Lagebild.Pipeline.DefaultPipeline.Shared.Process(new Article
    {
        Id = "x", Text = text, Published = published, Origin = "test", Format = "text",
    });

    [Fact]
    public void A_day_precise_publication_date_is_the_report_day()
    {
        var clues = ReportClues.From(Doc("Am Sonntag wurden 40 Menschen festgenommen.", PartialDate.Day(2022, 1, 10)));
        Assert.Equal(new DateOnly(2022, 1, 10), clues.AsOf(null));
    }

    [Fact]
    public void A_month_article_reports_as_of_its_printed_date_and_the_weekdays_near_it()
    {
        var clues = ReportClues.From(Doc("Foto (9.1.2022). Noch am Sonntag wurden 300 Menschen festgenommen, am Montag weitere.", PartialDate.Month(2022, 1)));
        Assert.Equal(new DateOnly(2022, 1, 9), clues.Printed);
        Assert.Equal([1, 7], clues.Weekdays);
        Assert.Equal(new DateOnly(2022, 1, 10), clues.AsOf(null)); // Monday after Sunday 9.1.
    }

    [Fact]
    public void Without_its_own_date_an_article_reads_its_weekdays_near_the_story_anchor()
    {
        var clues = ReportClues.From(Doc("Kasachische Medien berichteten am Mittwoch über 10.000 Festnahmen.", PartialDate.Month(2022, 1)));
        Assert.Null(clues.AsOf(null)); // never a day invented
        Assert.Equal(new DateOnly(2022, 1, 12), clues.AsOf(new DateOnly(2022, 1, 10)));
        Assert.Null(ReportClues.From(Doc("Am Mittwoch.", PartialDate.Month(2022, 2))).AsOf(new DateOnly(2022, 1, 10))); // outside its month
    }

    [Fact]
    public void An_announced_day_does_not_date_the_report_but_this_day_does()
    {
        var announced = ReportClues.From(Doc("Am Mittwoch berichteten Medien darüber. Der Abzug soll am Donnerstag beginnen.", PartialDate.Month(2022, 1)));
        Assert.Equal([3], announced.Weekdays);
        var thisDay = ReportClues.From(Doc("Ursprünglich sollte der Flughafen an diesem Montag wieder öffnen.", PartialDate.Month(2022, 1)));
        Assert.Equal([1], thisDay.Weekdays);
    }
}
