using Lagebild.Model;

namespace Lagebild.Tests.Support;

internal static class Describe
{
    public static string Fact(Fact f, Document doc) =>
        $"{FactKinds.Name(f.Kind)} {f.Count}{(f.Additional ? " additional" : "")}{(f.Cumulative ? " cumulative" : "")} place={f.Place?.Name ?? "-"}"
        + $" time={(f.Time is null ? "-" : $"\"{f.Time.Text}\"@{f.Time.Resolved}/{PartialDate.PrecisionName(f.Time.Resolved?.Precision ?? f.Time.Precision)}")}"
        + $" source={f.Source?.Text ?? "-"} «{doc.Slice(f.CountSpan)}»";
}
