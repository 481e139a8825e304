using System.Buffers.Binary;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Lagebild.Ingest;
using Lagebild.Model;

namespace Lagebild.Storage;

/// <summary>
/// Row reading and value encoding shared by the store backends: both select the same columns in the same order
/// (<see cref="ArticleColumns"/>, <see cref="FactColumns"/>, <see cref="EntityColumns"/>), so one reader turns a row
/// into a record whatever the database. Values whose column types differ by backend (a day as text in SQLite and as
/// <c>date</c> in PostgreSQL, a timestamp as ISO text or <c>timestamptz</c>, a flag as integer or boolean) are read
/// by their runtime type.
/// </summary>
internal static class StoreRows
{
    public static readonly JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Columns of <c>articles</c> read by <see cref="ReadArticle"/>, in order.</summary>
    public const string ArticleColumns = """
        id, title, published_start, published_precision, url, source, author, language, origin, format,
        text, agencies, credits, captions, duplicate_of, similarity, ingested_at
        """;

    /// <summary>Columns of <c>facts f</c> joined with <c>articles a</c> read by <see cref="ReadFact"/>, in order.</summary>
    public const string FactColumns = """
        a.id, f.kind, f.count_value, f.count_qualifier, f.additional, f.cumulative,
        f.place_name, f.place_country, f.place_lat, f.place_lon,
        f.time_text, f.time_date_start, f.time_date_precision, f.time_precision,
        f.source_text, f.source_cue, f.sentence, f.evidence_start, f.evidence_end,
        f.count_start, f.count_end, f.trigger_start, f.trigger_end, f.place_id, f.in_title
        """;

    /// <summary>Columns of <c>article_entities e</c> joined with <c>articles a</c> read by <see cref="ReadEntity"/>, in order.</summary>
    public const string EntityColumns = "a.id, e.entity_id, e.type, e.name, e.aliases, e.mentions, e.place_id, e.country, e.lat, e.lon, e.level";

    public static StoredArticle ReadArticle(DbDataReader r, string store) => new(
        Id: r.GetString(0),
        Title: NullableString(r, 1),
        Published: ReadDate(r, 2, 3, store),
        Url: NullableString(r, 4),
        Source: NullableString(r, 5),
        Author: NullableString(r, 6),
        Language: r.GetString(7),
        Origin: r.GetString(8),
        Format: r.GetString(9),
        Text: NullableString(r, 10),
        Agencies: ReadList(r, 11, store),
        Credits: ReadList(r, 12, store),
        Captions: ReadList(r, 13, store),
        DuplicateOf: NullableString(r, 14),
        Similarity: r.GetDouble(15),
        IngestedAt: ReadTimestamp(r, 16));

    public static StoredFact ReadFact(DbDataReader r, string store)
    {
        string kindName = r.GetString(1);
        string qualifierName = r.GetString(3);
        if (!FactKinds.TryParse(kindName, out FactKind kind))
            throw Invalid(store, $"unknown fact kind '{kindName}'");
        if (!FactKinds.TryParse(qualifierName, out CountQualifier qualifier))
            throw Invalid(store, $"unknown count qualifier '{qualifierName}'");
        var fact = new Fact
        {
            Kind = kind,
            Count = new Count(r.IsDBNull(2) ? null : r.GetInt64(2), qualifier),
            Additional = Flag(r, 4),
            Cumulative = Flag(r, 5),
            Place = r.IsDBNull(6) ? null : new FactPlace(r.GetString(6), NullableString(r, 7),
                NullableDouble(r, 8), NullableDouble(r, 9)) { Id = NullableString(r, 23) },
            Time = r.IsDBNull(10) ? null : new FactTime(r.GetString(10), ReadDate(r, 11, 12, store), ParsePrecision(r.GetString(13), store)),
            Source = r.IsDBNull(14) ? null : new FactSource(r.GetString(14), r.GetString(15)),
            Evidence = new TextSpan(r.GetInt32(17), r.GetInt32(18)),
            CountSpan = new TextSpan(r.GetInt32(19), r.GetInt32(20)),
            TriggerSpan = new TextSpan(r.GetInt32(21), r.GetInt32(22)),
            InTitle = Flag(r, 24),
        };
        return new StoredFact(r.GetString(0), fact, r.GetString(16));
    }

    /// <summary>One entity row: (article id, entity).</summary>
    public static (string Article, Lagebild.Linking.Entity Entity) ReadEntity(DbDataReader r)
    {
        var aliases = JsonSerializer.Deserialize<List<string>>(r.GetString(4)) ?? [];
        var mentions = (JsonSerializer.Deserialize<List<int[]>>(r.GetString(5)) ?? []).Where(m => m.Length == 2).Select(m => new TextSpan(m[0], m[1])).ToList();
        Lagebild.Linking.EntityPlace? place = r.IsDBNull(10) ? null : new Lagebild.Linking.EntityPlace(NullableString(r, 6), NullableString(r, 7),
            NullableDouble(r, 8), NullableDouble(r, 9), Enum.TryParse<PlaceLevel>(r.GetString(10), true, out var level) ? level : PlaceLevel.Locality);
        return (r.GetString(0), new Lagebild.Linking.Entity(r.GetString(1), r.GetString(2), r.GetString(3), aliases, mentions, place));
    }

    /// <summary>Entity rows grouped by article, in row order.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<Lagebild.Linking.Entity>> ReadEntities(DbDataReader r)
    {
        var result = new Dictionary<string, IReadOnlyList<Lagebild.Linking.Entity>>(StringComparer.Ordinal);
        while (r.Read())
        {
            var (article, entity) = ReadEntity(r);
            if (!result.TryGetValue(article, out var list))
                result[article] = list = new List<Lagebild.Linking.Entity>();
            ((List<Lagebild.Linking.Entity>)list).Add(entity);
        }
        return result;
    }

    /// <summary>An assignment row: article, story, printed day, weekdays (comma-separated).</summary>
    public static StoryAssignment ReadAssignment(DbDataReader r)
    {
        DateOnly? printed = r.IsDBNull(2) ? null : Day(r.GetValue(2));
        var weekdays = r.GetString(3).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToList();
        return new StoryAssignment(r.GetString(0), r.GetString(1), printed, weekdays);
    }

    /// <summary>Every row of <paramref name="r"/> read with <paramref name="read"/>.</summary>
    public static List<T> All<T>(DbDataReader r, Func<DbDataReader, T> read)
    {
        var list = new List<T>();
        while (r.Read())
            list.Add(read(r));
        return list;
    }

    public static string? Printed(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Weekdays(IReadOnlyList<int> weekdays) => string.Join(',', weekdays);

    public static string Json<T>(T value) => JsonSerializer.Serialize(value, JsonOptions);

    /// <summary>An entity's mention spans as JSON pairs.</summary>
    public static string Mentions(Lagebild.Linking.Entity e) => JsonSerializer.Serialize(e.Mentions.Select(m => new[] { m.Start, m.End }));

    /// <summary>The search terms of a document as the store indexes them (title first).</summary>
    public static string SearchTerms(Document document) =>
        SqliteSchema.SearchTerms(document.Article.Title, document.Text, document.Language,
            document.Layers.Contains(Lagebild.Pipeline.Layers.Tokens) ? document.Tokens : null);

    /// <summary>(display form, first day, precision name) of a date, all null when there is none.</summary>
    public static (string? Display, DateOnly? Start, string? Precision) DateParts(PartialDate? date) =>
        date is { } d ? (d.ToString(), d.Date, PartialDate.PrecisionName(d.Precision)) : (null, null, null);

    public static byte[] EncodeSignature(ulong[] signature)
    {
        var bytes = new byte[signature.Length * sizeof(ulong)];
        for (int i = 0; i < signature.Length; i++)
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(i * sizeof(ulong)), signature[i]);
        return bytes;
    }

    public static ulong[] DecodeSignature(byte[] bytes)
    {
        if (bytes.Length != DuplicateIndex.HashCount * sizeof(ulong))
            return []; // similarity 0: never a match
        var signature = new ulong[DuplicateIndex.HashCount];
        for (int i = 0; i < signature.Length; i++)
            signature[i] = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(i * sizeof(ulong)));
        return signature;
    }

    public static StoreException Invalid(string store, string what) =>
        new($"store {store} holds an {what} (written by a newer lagebild, or edited by hand?)");

    public static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();

    private static string? NullableString(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static double? NullableDouble(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDouble(i);

    private static bool Flag(DbDataReader r, int i) => r.GetValue(i) switch
    {
        bool b => b,
        var v => Convert.ToInt64(v, CultureInfo.InvariantCulture) != 0,
    };

    private static IReadOnlyList<string> ReadList(DbDataReader r, int i, string store)
    {
        try
        {
            return JsonSerializer.Deserialize<string[]>(r.GetString(i), JsonOptions) ?? [];
        }
        catch (JsonException ex)
        {
            throw Invalid(store, $"malformed JSON list in column {r.GetName(i)}: {ex.Message}");
        }
    }

    private static PartialDate? ReadDate(DbDataReader r, int startColumn, int precisionColumn, string store)
    {
        if (r.IsDBNull(startColumn))
            return null;
        var day = Day(r.GetValue(startColumn)) ?? throw Invalid(store, $"invalid date '{r.GetValue(startColumn)}'");
        return new PartialDate(day, ParsePrecision(r.GetString(precisionColumn), store));
    }

    private static DateOnly? Day(object value) => value switch
    {
        DateOnly d => d,
        DateTime t => DateOnly.FromDateTime(t),
        string s when DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) => d,
        _ => null,
    };

    private static DateTimeOffset ReadTimestamp(DbDataReader r, int i) => r.GetValue(i) switch
    {
        DateTime t => new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)),
        DateTimeOffset o => o,
        var v => DateTimeOffset.ParseExact(Convert.ToString(v, CultureInfo.InvariantCulture)!, "o", CultureInfo.InvariantCulture, DateTimeStyles.None),
    };

    private static DatePrecision ParsePrecision(string name, string store) => name switch
    {
        "year" => DatePrecision.Year,
        "month" => DatePrecision.Month,
        "week" => DatePrecision.Week,
        "day" => DatePrecision.Day,
        _ => throw Invalid(store, $"unknown date precision '{name}'"),
    };
}
