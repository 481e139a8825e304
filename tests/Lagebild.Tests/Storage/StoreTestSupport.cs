using Lagebild.Model;
using Lagebild.Pipeline;
using Microsoft.Data.Sqlite;

namespace Lagebild.Tests.Storage;

/// <summary>A temporary folder for store files, deleted (with WAL side files) on dispose.</summary>
internal sealed class StoreDir : IDisposable
{
    public StoreDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "lagebild-store-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>A clock the test sets by hand.</summary>
internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>Analysed documents built from short German texts written for these tests.</summary>
internal static class Docs
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Facts with every field in use: place with coordinates, day and week times, sources, additional, cumulative, vague count.</summary>
    public const string Rich =
        "Foto: Reuters/Pavel Mikheyev\n"
        + "In der Stadt Almaty sind knapp 1700 weitere Menschen festgenommen worden. "
        + "Am Sonntag wurden in Almaty nach Angaben des Innenministeriums insgesamt 164 Menschen getötet. "
        + "Laut Polizei wurden am Montag mehr als 2000 Menschen verletzt. "
        + "In der vergangenen Woche wurden in Almaty 30 Menschen getötet. "
        + "Dutzende Soldaten wurden am 9. Januar in die Stadt Almaty entsandt. (dpa, AFP)";

    /// <summary>About 230 words of one agency text, long enough for MinHash near-duplicate detection.</summary>
    public const string Wire =
        "In der von Unruhen betroffenen Stadt Almaty sind knapp 1700 weitere Menschen festgenommen worden. "
        + "Nach Angaben des Innenministeriums wurden am Sonntag insgesamt 164 Menschen getötet. "
        + "Die Regierung in der Hauptstadt sprach von einem Versuch, die staatliche Ordnung zu stürzen, und verhängte den Ausnahmezustand über das ganze Land. "
        + "Auslöser der Proteste war eine drastische Erhöhung der Preise für Flüssiggas zu Jahresbeginn, die viele Familien in der ölreichen Region Mangistau hart getroffen hatte. "
        + "Von dort breiteten sich die Kundgebungen binnen weniger Tage auf zahlreiche Städte aus. "
        + "In Almaty stürmten Demonstranten den Amtssitz des Bürgermeisters und setzten mehrere Verwaltungsgebäude in Brand. "
        + "Der Flughafen der Stadt blieb nach den Ausschreitungen mehrere Tage geschlossen, Flüge wurden umgeleitet oder gestrichen. "
        + "Der Präsident bat ein von Russland geführtes Militärbündnis um Unterstützung und erteilte den Sicherheitskräften den Befehl, ohne Vorwarnung zu schießen. "
        + "Menschenrechtsorganisationen kritisierten diesen Schritt scharf und forderten eine unabhängige Untersuchung der Todesfälle. "
        + "Beobachter rechnen damit, dass die politische Führung ihre Macht in den kommenden Monaten weiter festigen wird. "
        + "Viele Geschäfte in der Innenstadt öffneten erst am Dienstag wieder, nachdem das Internet über Tage hinweg abgeschaltet gewesen war. "
        + "Banken zahlten an den Automaten nur begrenzte Beträge aus, und vor den Supermärkten bildeten sich lange Schlangen. (dpa)";

    /// <summary><see cref="Wire"/> as another outlet ran it: two words changed.</summary>
    public static readonly string WireEdited = Wire
        .Replace("hart getroffen", "schwer getroffen", StringComparison.Ordinal)
        .Replace("lange Schlangen", "lange Warteschlangen", StringComparison.Ordinal);

    /// <summary>Another long text on another event, sharing no sentence with <see cref="Wire"/>.</summary>
    public const string Other =
        "Nach schweren Regenfällen im Süden des Landes sind nach Angaben der Behörden mindestens 40 Menschen ums Leben gekommen. "
        + "Rettungskräfte suchten am Mittwoch weiter nach Vermissten, viele Dörfer waren nur noch mit Hubschraubern zu erreichen. "
        + "Die Regierung stellte Soforthilfe für die betroffenen Gemeinden bereit und kündigte an, beschädigte Straßen und Brücken rasch instand zu setzen. "
        + "Meteorologen warnten vor weiteren Unwettern in den kommenden Tagen und riefen die Bevölkerung auf, die Ufer der Flüsse zu meiden. (AFP)";

    public static Document Analyse(string id, string text, PartialDate? published = null, string? title = null,
        string? url = null, string? source = null, string? author = null, string origin = "test") =>
        DefaultPipeline.Shared.Process(new Article
        {
            Id = id,
            Text = text,
            Title = title,
            Published = published,
            Url = url,
            Source = source,
            Author = author,
            Origin = origin,
            Format = "text",
        });
}

/// <summary>Direct SQL on a store file, to check what the store wrote.</summary>
internal static class Raw
{
    public static SqliteConnection Open(string path)
    {
        var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        c.Open();
        return c;
    }

    public static object? Scalar(string path, string sql)
    {
        using var c = Open(path);
        return Scalar(c, sql);
    }

    public static object? Scalar(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }

    public static void Execute(string path, string sql)
    {
        using var c = Open(path);
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    public static long Long(string path, string sql) => Convert.ToInt64(Scalar(path, sql));
}
