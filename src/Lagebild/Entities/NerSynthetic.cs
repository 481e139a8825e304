using System.Text;
using System.Text.RegularExpressions;

namespace Lagebild.Entities;

/// <summary>
/// Synthetic training sentences for the news domain the corpora lack: sentence templates written for this
/// project in the style of German news and encyclopedia prose, with slots filled from the name resources
/// (person names from first-name and surname lists, places from the gazetteer and the hand-written lists,
/// organisations from the hand-written list and name patterns such as "Universität {city}"). A form of
/// distant supervision: the templates teach contexts, the fillers teach that any name can stand there.
/// </summary>
public static partial class NerSynthetic
{
    /// <summary>
    /// Templates: {PER}, {LOC}, {ORG} are entity slots; {SUR} is a bare surname (PER), {CITY} a town (LOC),
    /// {COUNTRY} a country (LOC). Everything else is O. Lower-case words and inflected forms as news write them.
    /// </summary>
    public static readonly string[] Templates =
    [
        "{PER} sagte am Montag in {CITY}, man werde die Gespräche fortsetzen.",
        "Nach Angaben von {ORG} wurden bei dem Unfall drei Menschen verletzt.",
        "{PER} ( {ORG} ) kritisierte den Beschluss scharf.",
        "Der Vorsitzende der {ORG}, {PER}, kündigte seinen Rücktritt an.",
        "{SUR} wurde 1956 in {CITY} geboren und studierte später in {CITY}.",
        "Das Spiel gegen {ORG} endete 2:1, das Siegtor erzielte {PER} in der 89. Minute.",
        "{PER} ist ein deutscher Schauspieler und Regisseur.",
        "Die Firma {ORG} mit Sitz in {CITY} beschäftigt rund 3000 Mitarbeiter.",
        "In {COUNTRY} sind bei schweren Unwettern mindestens zwölf Menschen ums Leben gekommen.",
        "Bundeskanzlerin {PER} traf sich in {CITY} mit dem Präsidenten von {COUNTRY}.",
        "Laut {ORG} stieg der Umsatz im dritten Quartal um vier Prozent.",
        "{PER} gewann das Rennen vor {PER} und {PER}.",
        "Die Polizei in {CITY} sucht nach Zeugen.",
        "Er spielte zunächst für {ORG}, bevor er 2004 zu {ORG} wechselte.",
        "{SUR} sagte der Zeitung, er sei von der Entscheidung überrascht worden.",
        "Der Fluss fließt durch {LOC} und mündet bei {CITY} in den {LOC}.",
        "Am Wochenende demonstrierten in {CITY} tausende Menschen gegen die Pläne der Regierung.",
        "Die Ausstellung ist bis Ende März im Museum in {CITY} zu sehen.",
        "{ORG} und {ORG} wollen künftig enger zusammenarbeiten.",
        "Die Band {ORG} veröffentlichte im Herbst ihr neues Album.",
        "Seine Frau {PER} starb 1998 in {CITY}.",
        "Nach dem Abitur in {CITY} studierte {SUR} Rechtswissenschaften an der {ORG}.",
        "Wie ein Sprecher von {ORG} mitteilte, wird die Strecke zwischen {CITY} und {CITY} gesperrt.",
        "Trainer {PER} war mit der Leistung seiner Mannschaft zufrieden.",
        "Die Gemeinde liegt etwa 20 Kilometer südlich von {CITY}.",
        "{PER} und {PER} gründeten das Unternehmen 1999 in {CITY}.",
        "Der Ort gehört zum Landkreis {CITY} in {LOC}.",
        "Im Finale unterlag {PER} der Titelverteidigerin {PER} in drei Sätzen.",
        "Die Regierung von {COUNTRY} wies die Vorwürfe zurück.",
        "{ORG} hat Klage beim {ORG} eingereicht.",
        "„ Wir sind sehr zufrieden “ , sagte {PER} nach dem Spiel.",
        "Das Buch von {PER} erschien 2011 im Verlag {ORG}.",
        "Die Verhandlungen zwischen {COUNTRY} und {COUNTRY} wurden in {CITY} fortgesetzt.",
        "{PER}, Sprecher von {ORG}, bestätigte den Vorfall.",
        "Der Konzern {ORG} will in {LOC} ein neues Werk bauen.",
        "Bei der Wahl in {LOC} erreichte die {ORG} 23 Prozent der Stimmen.",
        "Die Kirche in {CITY} wurde im 14. Jahrhundert erbaut.",
        "Der Zug von {CITY} nach {CITY} fiel wegen eines Defekts aus.",
        "{PER} war von 1990 bis 1998 Bürgermeister von {CITY}.",
        "Nach Ansicht von {PER} hat {ORG} zu spät reagiert.",
        "Ein Mann aus {CITY} ist bei einem Unfall auf der A 7 schwer verletzt worden.",
        "Die Mannschaft von {ORG} reist am Freitag nach {CITY}.",
        "{PER} (* 12. Mai 1948 in {CITY}) ist ein deutscher Politiker ({ORG}).",
        "Der Film wurde in {CITY} und {LOC} gedreht.",
        "{ORG} meldete am Dienstag Insolvenz an.",
        "Auch {PER} äußerte sich zu den Vorwürfen.",
        "Die Universität {CITY} zählt zu den ältesten Hochschulen in {COUNTRY}.",
        "Vor dem Landgericht {CITY} hat der Prozess gegen einen 34-Jährigen begonnen.",
        "In {LOC} leben rund zwei Millionen Menschen.",
        "{PER} wurde mit dem Preis der {ORG} ausgezeichnet.",
        "Dem Bericht zufolge soll {SUR} mehrere Millionen Euro erhalten haben.",
        "Der Abgeordnete {PER} forderte eine Untersuchung.",
        "Mit {PER} und {PER} stehen zwei Neulinge im Kader.",
        "Die Ermittlungen führt die Staatsanwaltschaft {CITY}.",
        "Nach Informationen des {ORG} plant die Regierung ein neues Gesetz.",
        "Die Aktie von {ORG} verlor an der Börse in {CITY} fast fünf Prozent.",
        "Zuvor hatte {PER} bereits in {COUNTRY} und {COUNTRY} gearbeitet.",
        "Seit 2010 lebt sie mit ihrem Mann in {CITY}.",
        "Der Flughafen {CITY} musste am Morgen vorübergehend geschlossen werden.",
        "{PER} übernimmt den Vorsitz von {PER}.",
        "Der Gipfel in {CITY} endete ohne Einigung.",
        "Im Jahr 1871 wurde {CITY} Teil von {LOC}.",
        "Die Partei {ORG} stellt seit der Wahl den Ministerpräsidenten.",
        "{SUR} erzielte zwei Tore für {ORG}.",
        "Sie war mit dem Maler {PER} verheiratet.",
        "Am Donnerstag besucht {PER} die Stadt {CITY}.",
        "Das Album erreichte Platz drei der Charts in {COUNTRY}.",
        "Die Bauarbeiten in der Innenstadt von {CITY} dauern noch bis zum Sommer.",
        "Ein Sprecher der Polizei {CITY} sagte, die Lage sei unter Kontrolle.",
        "Er arbeitete als Journalist für {ORG} in {CITY}.",
        "Laut {PER} von der {ORG} ist die Studie nicht aussagekräftig.",
        "Die Grenze zwischen {COUNTRY} und {COUNTRY} bleibt geschlossen.",
        "{ORG} übernimmt den Konkurrenten {ORG} für 1,2 Milliarden Euro.",
        "Die Zeitung {ORG} berichtete zuerst über den Fall.",
        "{PER}, der frühere Außenminister, ist im Alter von 87 Jahren gestorben.",
        "Er gilt als einer der wichtigsten Komponisten aus {LOC}.",
        "Nahe {CITY} stießen zwei Lastwagen zusammen.",
        "Die Schule in {CITY} wurde nach {PER} benannt.",
        "Das Treffen mit Vertretern von {ORG} fand in {CITY} statt.",
        "Präsident {PER} ernannte {PER} zum neuen Minister.",
        "Die Expedition führte von {LOC} über {LOC} nach {LOC}.",
        "{PER} spielt seit 2015 für {ORG}.",
        "Wegen des Streiks bei {ORG} fielen zahlreiche Flüge aus.",
        "Hier lebte und arbeitete {PER} bis zu seinem Tod.",
        "Die {ORG} lehnte eine Stellungnahme ab.",
        "Aus {COUNTRY} kamen im vergangenen Jahr deutlich mehr Touristen.",
        "Das Konzert von {PER} in {CITY} war ausverkauft.",
        "{PER} und seine Frau {PER} haben zwei Kinder.",
        "Die Strecke verläuft entlang der {LOC} bis {CITY}.",
        "Nach Angaben der {ORG} wurden 45 Personen festgenommen.",
    ];

    /// <summary>Organisation name patterns filled with a city or surname.</summary>
    public static readonly string[] OrganisationPatterns =
    [
        "Universität {CITY}", "FC {CITY}", "SV {CITY}", "VfB {CITY}", "TSV {CITY}", "Stadtwerke {CITY}", "Landgericht {CITY}", "Amtsgericht {CITY}",
        "Sparkasse {CITY}", "Volksbank {CITY}", "Theater {CITY}", "Klinikum {CITY}", "Hochschule {CITY}", "{SUR} AG", "{SUR} GmbH", "{SUR} & Co.",
        "{SUR} Group", "Bank {SUR}", "Verlag {SUR}", "Stiftung {SUR}", "Polizei {CITY}", "Staatstheater {CITY}", "Technische Universität {CITY}",
    ];

    [GeneratedRegex(@"\{(PER|LOC|ORG|SUR|CITY|COUNTRY)\}")]
    private static partial Regex SlotRegex();

    /// <summary>Name pools the generator draws from.</summary>
    public sealed class Pools
    {
        public List<string> FirstNames { get; } = [];
        public List<string> Surnames { get; } = [];
        public List<string> Cities { get; } = [];
        public List<string> Countries { get; } = [];
        public List<string> Regions { get; } = [];
        public List<string> Organisations { get; } = [];
    }

    /// <summary>Generates <paramref name="count"/> tagged sentences (deterministic for a seed).</summary>
    public static List<NerSentence> Generate(Pools pools, int count, int seed)
    {
        var rng = new Random(seed);
        var result = new List<NerSentence>(count);
        var text = new StringBuilder();
        var mentions = new List<(int, int, string)>();
        for (int n = 0; n < count; n++)
        {
            var template = Templates[rng.Next(Templates.Length)];
            text.Clear();
            mentions.Clear();
            int last = 0;
            foreach (Match m in SlotRegex().Matches(template))
            {
                text.Append(template, last, m.Index - last);
                var (value, type) = Fill(m.Groups[1].Value, pools, rng);
                mentions.Add((text.Length, text.Length + value.Length, type));
                text.Append(value);
                last = m.Index + m.Length;
            }
            text.Append(template, last, template.Length - last);
            foreach (var s in NerCorpus.FromText(text.ToString(), mentions))
                result.Add(s with { Source = "synthetic" });
        }
        return result;
    }

    private static (string Value, string Type) Fill(string slot, Pools p, Random rng)
    {
        string Pick(List<string> list) => list.Count == 0 ? "Muster" : list[rng.Next(list.Count)];
        switch (slot)
        {
            case "PER":
                return rng.Next(5) switch
                {
                    0 => (Pick(p.Surnames), "PER"),
                    1 => ($"{Pick(p.FirstNames)} {Pick(p.FirstNames)} {Pick(p.Surnames)}", "PER"),
                    _ => ($"{Pick(p.FirstNames)} {Pick(p.Surnames)}", "PER"),
                };
            case "SUR":
                return (Pick(p.Surnames), "PER");
            case "CITY":
                return (Pick(p.Cities), "LOC");
            case "COUNTRY":
                return (Pick(p.Countries), "LOC");
            case "LOC":
                return rng.Next(3) switch { 0 => (Pick(p.Cities), "LOC"), 1 => (Pick(p.Countries), "LOC"), _ => (Pick(p.Regions), "LOC") };
            default:
                if (rng.Next(3) == 0)
                {
                    var pattern = OrganisationPatterns[rng.Next(OrganisationPatterns.Length)];
                    return (pattern.Replace("{CITY}", Pick(p.Cities)).Replace("{SUR}", Pick(p.Surnames)), "ORG");
                }
                return (Pick(p.Organisations), "ORG");
        }
    }
}
