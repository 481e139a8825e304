using System.Globalization;
using Lagebild.Model;
using Lagebild.Stories;

namespace Lagebild.Exports;

/// <summary>
/// One event in the ACLED sense: a story's figures at one place. <see cref="Figures"/> holds the best figure
/// per kind (the reconciled one; a vague figure counts with its lower bound, the conservative reading).
/// </summary>
public sealed record EventRow(
    string EventId, string Story, string Title, PartialDate? Date, string? Country, string? Place, string? PlaceId, double? Lat, double? Lon,
    IReadOnlyDictionary<FactKind, Figure> Figures, IReadOnlyList<string> Sources, IReadOnlyList<string> Articles, string Notes)
{
    /// <summary>The figure's number for a table: its value, or its lower bound when vague or bounded from below.</summary>
    public static long Number(Figure f) => f.Count.Value ?? f.Count.Min;
}

/// <summary>Turns stories into event rows: one per story and place, in story order, then by place. Stateless.</summary>
public static class EventTable
{
    public static IReadOnlyList<EventRow> Build(IEnumerable<StoryView> stories)
    {
        var rows = new List<EventRow>();
        foreach (var story in stories)
        {
            string? storyCountry = story.Timeline.Select(f => f.Fact.Place?.Country).Where(c => c is not null)
                .GroupBy(c => c).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault();
            int n = 0;
            foreach (var group in story.Figures.Where(f => !f.Additional).GroupBy(f => f.PlaceId ?? f.Place ?? "", StringComparer.Ordinal))
            {
                var figures = group.GroupBy(f => f.Kind).ToDictionary(g => g.Key, g => g.OrderByDescending(f => f.Claims.Count).First());
                var claims = group.SelectMany(f => f.Claims).ToList();
                var place = claims.Select(c => c.Fact.Place).FirstOrDefault(p => p is not null);
                var days = group.Select(f => f.EventDay).Where(d => d is not null).Select(d => d!.Value).Order().ToList();
                PartialDate? date = days.Count > 0 ? new PartialDate(days[0], DatePrecision.Day) : story.FirstSeen;
                var notes = figures.Values.Where(f => f.Status is FigureStatus.Rising or FigureStatus.Conflicting)
                    .Select(f => $"{FactKinds.Name(f.Kind)}: {f.Note}").ToList();
                if (figures.Values.Any(f => f.Count.IsVague))
                    notes.Add("vague figures count with their lower bound");
                rows.Add(new EventRow(
                    $"{story.Id}#{(++n).ToString(CultureInfo.InvariantCulture)}", story.Id, story.Title, date,
                    place?.Country ?? storyCountry, place?.Name, place?.Id, place?.Lat, place?.Lon, figures,
                    claims.Select(c => c.Source).Where(s => s is not null).Select(s => s!).Distinct().ToList(),
                    claims.Select(c => c.ArticleId).Distinct().ToList(),
                    string.Join(" | ", notes)));
            }
        }
        return rows;
    }
}
