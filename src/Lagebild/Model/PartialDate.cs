using System.Globalization;

namespace Lagebild.Model;

/// <summary>How much of a date is known. Ordered from coarse to fine.</summary>
public enum DatePrecision
{
    Year,
    Month,
    Week,
    Day,
}

/// <summary>
/// A calendar date that keeps its precision: <c>2022-01</c> is a month, not 1 January.
/// <see cref="Date"/> is the first day of the period (for <see cref="DatePrecision.Week"/> the Monday).
/// Immutable.
/// </summary>
public readonly record struct PartialDate(DateOnly Date, DatePrecision Precision) : IComparable<PartialDate>
{
    public static PartialDate Day(int year, int month, int day) => new(new DateOnly(year, month, day), DatePrecision.Day);

    public static PartialDate Month(int year, int month) => new(new DateOnly(year, month, 1), DatePrecision.Month);

    public static PartialDate Year(int year) => new(new DateOnly(year, 1, 1), DatePrecision.Year);

    /// <summary>The ISO week containing <paramref name="anyDay"/>.</summary>
    public static PartialDate Week(DateOnly anyDay)
    {
        int offset = ((int)anyDay.DayOfWeek + 6) % 7; // Monday = 0
        return new(anyDay.AddDays(-offset), DatePrecision.Week);
    }

    /// <summary>The last day that still lies in this period.</summary>
    public DateOnly LastDay => Precision switch
    {
        DatePrecision.Year => new DateOnly(Date.Year, 12, 31),
        DatePrecision.Month => Date.AddMonths(1).AddDays(-1),
        DatePrecision.Week => Date.AddDays(6),
        _ => Date,
    };

    public bool Covers(DateOnly day) => day >= Date && day <= LastDay;

    public int CompareTo(PartialDate other)
    {
        int c = Date.CompareTo(other.Date);
        return c != 0 ? c : Precision.CompareTo(other.Precision);
    }

    /// <summary>ISO form at the known precision: <c>2022</c>, <c>2022-01</c>, <c>2022-W01</c>, <c>2022-01-09</c>.</summary>
    public override string ToString() => Precision switch
    {
        DatePrecision.Year => Date.Year.ToString("D4", CultureInfo.InvariantCulture),
        DatePrecision.Month => Date.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        DatePrecision.Week => $"{ISOWeek.GetYear(Date.ToDateTime(TimeOnly.MinValue)):D4}-W{ISOWeek.GetWeekOfYear(Date.ToDateTime(TimeOnly.MinValue)):D2}",
        _ => Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    public static string PrecisionName(DatePrecision p) => p.ToString().ToLowerInvariant();

    /// <summary>
    /// Parses <c>YYYY</c>, <c>YYYY-MM</c>, <c>YYYY-MM-DD</c>, an ISO date-time, or an RFC 822/1123 date as
    /// feeds write it ("Mon, 10 Jan 2022 08:30:00 +0100"). A date-time keeps the calendar day the
    /// publisher wrote, whatever its offset ("2022-01-10T00:30+01:00" is 10 January).
    /// Returns false (never throws) when the text is not a date.
    /// </summary>
    public static bool TryParse(string? text, out PartialDate date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var s = text.Trim();
        var inv = CultureInfo.InvariantCulture;
        if (s.Length == 4 && int.TryParse(s, NumberStyles.None, inv, out int y) && y is >= 1 and <= 9999)
        {
            date = Year(y);
            return true;
        }
        if (DateOnly.TryParseExact(s, "yyyy-MM", inv, DateTimeStyles.None, out var m))
        {
            date = new(m, DatePrecision.Month);
            return true;
        }
        if (DateOnly.TryParseExact(s, "yyyy-MM-dd", inv, DateTimeStyles.None, out var d))
        {
            date = new(d, DatePrecision.Day);
            return true;
        }
        // ISO date-time: the first ten characters are the publisher's calendar day.
        if (s.Length > 10 && s[10] is 'T' or 't' or ' '
            && DateOnly.TryParseExact(s[..10], "yyyy-MM-dd", inv, DateTimeStyles.None, out var day)
            && DateTimeOffset.TryParse(s, inv, DateTimeStyles.AssumeUniversal, out _))
        {
            date = new(day, DatePrecision.Day);
            return true;
        }
        if (s.Length > 10 && !char.IsAsciiDigit(s[4]) && TryRfc822(s, out var rfc))
        {
            date = new(DateOnly.FromDateTime(rfc.DateTime), DatePrecision.Day);
            return true;
        }
        return false;
    }

    private static readonly string[] Rfc822Formats =
    [
        "ddd, d MMM yyyy HH:mm:ss zzz", "ddd, d MMM yyyy HH:mm zzz", "d MMM yyyy HH:mm:ss zzz",
        "ddd, d MMM yyyy HH:mm:ss", "d MMM yyyy HH:mm:ss", "ddd, d MMM yyyy",
    ];

    private static bool TryRfc822(string s, out DateTimeOffset dto)
    {
        // .NET's "zzz" wants "+01:00"; RSS writes "+0100" or a zone name. Rewrite the zone.
        var parts = s.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length >= 4)
        {
            var zone = parts[^1];
            string? offset = zone.ToUpperInvariant() switch
            {
                "GMT" or "UT" or "UTC" or "Z" => "+00:00",
                "EST" => "-05:00", "EDT" => "-04:00", "CST" => "-06:00", "CDT" => "-05:00",
                "MST" => "-07:00", "MDT" => "-06:00", "PST" => "-08:00", "PDT" => "-07:00",
                "CET" => "+01:00", "CEST" => "+02:00",
                _ => zone.Length == 5 && (zone[0] == '+' || zone[0] == '-') && zone[1..].All(char.IsAsciiDigit)
                    ? $"{zone[..3]}:{zone[3..]}" : null,
            };
            if (offset is not null)
                s = string.Join(' ', parts[..^1]) + " " + offset;
        }
        return DateTimeOffset.TryParseExact(s, Rfc822Formats, CultureInfo.InvariantCulture,
            DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal, out dto);
    }
}
