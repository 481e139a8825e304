using Lagebild.Model;

namespace Lagebild.Benchmarks;

/// <summary>
/// Inputs of the component benchmarks: short news articles written for these benchmarks (the places are real,
/// the events, people and figures are invented), at the length of a typical agency report (about 2,000
/// characters), in German and English, and one as an HTML page with the navigation and footer of a news site.
/// </summary>
public static class Samples
{
    public const string FloodTitle = "Hochwasser in Niederösterreich: Hunderte Menschen in Sicherheit gebracht";

    public const string Flood = """
        St. Pölten (APA) – Nach tagelangen Regenfällen sind in Niederösterreich am Dienstag rund 450 Menschen aus ihren Häusern in Sicherheit gebracht worden. Wie die Landeswarnzentrale mitteilte, traten in der Nacht mehrere Flüsse über die Ufer, am stärksten betroffen war das Traisental südlich von St. Pölten.
        Mehr als 1.200 Feuerwehrleute waren nach Angaben des Landesfeuerwehrkommandos im Einsatz, unterstützt von 300 Soldaten des Bundesheeres. In Lilienfeld und Wilhelmsburg wurden Notquartiere in Turnhallen eingerichtet. Zwei Menschen wurden leicht verletzt, als ihr Auto auf einer überfluteten Landstraße bei Traisen von der Strömung erfasst wurde; sie konnten sich selbst auf das Dach retten und wurden von einem Hubschrauber geborgen.
        Landeshauptfrau-Stellvertreter Martin Gruber sprach am Nachmittag in Wilhelmsburg von einem „Jahrhundertereignis für das Tal“. Man werde den Betroffenen rasch und unbürokratisch helfen, sagte er. Laut Bürgermeisterin Anna Steiner stehen in ihrer Gemeinde etwa 80 Keller unter Wasser.
        Die ÖBB stellten den Zugverkehr auf der Traisentalbahn bis auf Weiteres ein, zwischen St. Pölten und Freiland verkehren Ersatzbusse. Auch die B20 ist an mehreren Stellen gesperrt. Der Wetterdienst Geosphere Austria rechnet erst ab Donnerstag mit einer Entspannung; bis dahin könnten nochmals bis zu 60 Liter Regen pro Quadratmeter fallen.
        Foto: APA/Helmut Fohringer Ein Feuerwehrmann trägt eine ältere Frau durch das Wasser in Wilhelmsburg.
        """;

    public const string ProtestTitle = "Proteste in Tiflis: Polizei nimmt Dutzende Demonstranten fest";

    public const string Protest = """
        Tiflis – Bei Protesten gegen ein umstrittenes Mediengesetz hat die georgische Polizei in der Nacht auf Freitag mindestens 37 Menschen festgenommen. Das teilte das Innenministerium in Tiflis mit. Tausende Demonstrantinnen und Demonstranten hatten sich vor dem Parlament auf dem Rustaweli-Boulevard versammelt, die Polizei setzte Wasserwerfer und Tränengas ein.
        Nach Angaben der Ombudsstelle wurden 14 Demonstranten und drei Journalisten verletzt, einer von ihnen musste im Krankenhaus behandelt werden. Das Ministerium sprach von sechs verletzten Polizisten. Die Opposition warf der Regierung vor, friedliche Proteste gewaltsam aufzulösen.
        Das Gesetz verpflichtet Organisationen, die mehr als 20 Prozent ihrer Mittel aus dem Ausland erhalten, sich als „Agenten ausländischer Einflussnahme“ registrieren zu lassen. Kritiker sehen darin eine Nachahmung eines russischen Gesetzes. Die Europäische Union hatte Georgien zuletzt mehrfach aufgefordert, den Entwurf zurückzuziehen; Georgien ist seit Dezember Beitrittskandidat.
        Präsidentin Salome Surabischwili kündigte ein Veto an, das Parlament kann dieses jedoch mit einfacher Mehrheit überstimmen. Am Samstag wollen die Organisatoren erneut demonstrieren, erwartet werden laut den Veranstaltern mehr als 50.000 Teilnehmer. (dpa, Reuters)
        """;

    public const string FireTitle = "Großbrand in Lagerhalle bei Linz";

    public const string Fire = """
        Linz – Ein Großbrand in einer Lagerhalle im Industriegebiet von Linz hat am Sonntagabend einen Einsatz von elf Feuerwehren ausgelöst. Das Feuer war gegen 19 Uhr aus bisher ungeklärter Ursache ausgebrochen, teilte die Polizei Oberösterreich am Montag mit. Rund 150 Einsatzkräfte kämpften die ganze Nacht gegen die Flammen.
        Wegen der starken Rauchentwicklung wurden die Bewohner der umliegenden Stadtteile aufgefordert, Fenster und Türen geschlossen zu halten. 40 Menschen aus einem benachbarten Wohnheim wurden vorsorglich evakuiert und in einer Schule untergebracht. Verletzt wurde nach ersten Erkenntnissen niemand.
        Die Halle gehört einem Logistikunternehmen, das dort vor allem Kunststoffteile lagerte. Der Schaden dürfte laut einem Sprecher des Unternehmens im zweistelligen Millionenbereich liegen. Brandermittler des Landeskriminalamts nahmen am Montag ihre Arbeit auf; Hinweise auf Brandstiftung gebe es derzeit nicht, hieß es.
        """;

    public const string StormTitle = "Storm leaves thousands without power in Ohio";

    public const string Storm = """
        COLUMBUS, Ohio (AP) — A line of severe thunderstorms tore through central Ohio on Tuesday night, killing two people and leaving more than 80,000 homes and businesses without power, officials said Wednesday.
        A 67-year-old man died when a tree fell on his car near Delaware, and a woman was killed in Marion County after high winds collapsed part of a barn, according to the Ohio Emergency Management Agency. At least 11 other people were injured, three of them seriously.
        Governor Mike DeWine said crews from four neighbouring states were helping to restore electricity. "This will take days, not hours," he told reporters in Columbus. AEP Ohio said about 35,000 customers were still without power by Wednesday evening.
        The National Weather Service confirmed that at least two tornadoes touched down, one near the town of Galion with winds of up to 110 mph. Schools in several districts remained closed on Wednesday.
        """;

    /// <summary>The German flood report as a news site's page: head, navigation, article, related links, footer.</summary>
    public static string FloodPage { get; } = $$"""
        <!DOCTYPE html>
        <html lang="de"><head><meta charset="utf-8"><title>{{FloodTitle}} – Beispielzeitung</title>
        <meta property="og:title" content="{{FloodTitle}}"><meta property="og:site_name" content="Beispielzeitung">
        <meta property="article:published_time" content="2024-09-17T14:05:00+02:00"><meta name="author" content="Lena Berger">
        <link rel="stylesheet" href="/style.css"><script>window.dataLayer = window.dataLayer || [];</script></head>
        <body><header><nav><ul><li><a href="/">Start</a></li><li><a href="/inland">Inland</a></li><li><a href="/welt">Welt</a></li>
        <li><a href="/wirtschaft">Wirtschaft</a></li><li><a href="/sport">Sport</a></li><li><a href="/kultur">Kultur</a></li></ul></nav>
        <form action="/suche"><input name="q" placeholder="Suche"></form></header>
        <main><article><h1>{{FloodTitle}}</h1><p class="byline">Von Lena Berger, 17. September 2024</p>
        {{string.Concat(Flood.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => "<p>" + System.Net.WebUtility.HtmlEncode(p) + "</p>\n"))}}
        </article>
        <aside><h2>Mehr zum Thema</h2><ul><li><a href="/a/1">Pegelstände: Die aktuelle Lage an Donau und Traisen</a></li>
        <li><a href="/a/2">Versicherungen: Was bei Hochwasserschäden zu tun ist</a></li><li><a href="/a/3">Kommentar: Vorsorge kostet weniger als Wiederaufbau</a></li></ul></aside></main>
        <footer><p>© 2024 Beispielzeitung</p><a href="/impressum">Impressum</a> <a href="/datenschutz">Datenschutz</a> <a href="/abo">Abo</a></footer>
        </body></html>
        """;

    public static Article Article(string id, string title, string text, string language, DateOnly day) => new()
    {
        Id = id,
        Title = title,
        Text = text.Replace("\r", "", StringComparison.Ordinal).Trim(),
        Published = new PartialDate(day, DatePrecision.Day),
        DeclaredLanguage = language,
        Source = "Beispielzeitung",
        Origin = "bench:" + id,
        Format = "jsonl",
    };

    /// <summary>The four articles, dated one day apart.</summary>
    public static IReadOnlyList<Article> All { get; } =
    [
        Article("flood", FloodTitle, Flood, "de", new DateOnly(2024, 9, 17)),
        Article("protest", ProtestTitle, Protest, "de", new DateOnly(2024, 5, 3)),
        Article("fire", FireTitle, Fire, "de", new DateOnly(2024, 3, 11)),
        Article("storm", StormTitle, Storm, "en", new DateOnly(2024, 6, 5)),
    ];
}
