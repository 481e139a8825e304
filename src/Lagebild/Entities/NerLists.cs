namespace Lagebild.Entities;

/// <summary>
/// Hand-written word lists for gazetteer features, written for this project from general knowledge
/// (not taken from any corpus or evaluation set). They only become features: a name in a list is
/// evidence the model weighs, never a decision. Used at training time; the trained model carries
/// the resulting word flags in its lexicon.
/// </summary>
internal static class NerLists
{
    /// <summary>
    /// Well-known organisations German news names: parties, state bodies, international bodies,
    /// companies, clubs, media, unions, armed groups. Multi-word names are matched as token sequences.
    /// </summary>
    public static readonly string[] Organisations =
    [
        // Parties (DE, AT, CH, EU, elsewhere)
        "SPD", "CDU", "CSU", "FDP", "AfD", "Grünen", "Grüne", "Bündnis 90", "Linke", "Linkspartei", "Die Linke", "NPD", "Piratenpartei", "Freie Wähler",
        "BSW", "ÖVP", "SPÖ", "FPÖ", "NEOS", "BZÖ", "SVP", "SP", "FDP.Die Liberalen", "CVP", "Republikaner", "Demokraten", "Labour", "Tories",
        "Konservativen", "Front National", "Rassemblement National", "Fidesz", "PiS", "Likud", "ANC", "Kommunistische Partei", "KPdSU", "SED", "PDS",
        // German state bodies
        "Bundestag", "Bundesrat", "Bundesregierung", "Bundeswehr", "Bundesverfassungsgericht", "Bundesgerichtshof", "Bundesverwaltungsgericht",
        "Bundesfinanzhof", "Bundessozialgericht", "Bundesarbeitsgericht", "Bundespatentgericht", "Bundesanwaltschaft", "Bundeskanzleramt",
        "Auswärtiges Amt", "Bundespolizei", "Bundeskriminalamt", "BKA", "BND", "Bundesnachrichtendienst", "Verfassungsschutz", "Bundesamt für Verfassungsschutz",
        "Bundesagentur für Arbeit", "Arbeitsagentur", "Statistisches Bundesamt", "Destatis", "Bundeskartellamt", "Bundesbank", "Bundesnetzagentur",
        "Bundesinnenministerium", "Bundesfinanzministerium", "Bundesgesundheitsministerium", "Bundesverteidigungsministerium", "Verteidigungsministerium",
        "Innenministerium", "Finanzministerium", "Außenministerium", "Justizministerium", "Wirtschaftsministerium", "Kultusministerium",
        "Landtag", "Abgeordnetenhaus", "Bürgerschaft", "Senat", "Stadtrat", "Bundesversammlung", "Robert Koch-Institut", "Robert-Koch-Institut", "RKI",
        "Nationalrat", "Bundesheer", "Verfassungsgerichtshof", "Bundesamt für Migration und Flüchtlinge", "BAMF", "Stasi", "Wehrmacht", "Reichstag", "Gestapo", "SS",
        // International bodies
        "EU", "Europäische Union", "Europäischen Union", "EU-Kommission", "Europäische Kommission", "Europäischen Kommission", "Europaparlament",
        "Europäisches Parlament", "Europäischen Parlament", "Europäischen Parlaments", "Europarat", "Europäischer Rat", "Europäischen Rat", "Europäische Zentralbank", "Europäischen Zentralbank", "EZB",
        "Europäischer Gerichtshof", "Europäischen Gerichtshof", "EuGH", "Europäischer Gerichtshof für Menschenrechte", "EGMR",
        "UN", "UNO", "Vereinte Nationen", "Vereinten Nationen", "UN-Sicherheitsrat", "Sicherheitsrat", "Uno-Sicherheitsrat", "UNHCR", "Unicef", "UNICEF", "Unesco", "UNESCO",
        "WHO", "Weltgesundheitsorganisation", "IWF", "Internationaler Währungsfonds", "Internationale Währungsfonds", "Weltbank", "WTO", "Welthandelsorganisation", "OECD", "OPEC", "Opec",
        "NATO", "Nato", "OSZE", "G7", "G8", "G20", "ASEAN", "Afrikanische Union", "Arabische Liga", "OVKS", "IAEA", "IAEO", "Internationale Atomenergiebehörde",
        "Internationaler Strafgerichtshof", "Internationale Strafgerichtshof", "Interpol", "Europol", "Frontex", "Rotes Kreuz", "Roten Kreuz", "Roten Kreuzes", "DRK", "IKRK",
        "Greenpeace", "Amnesty International", "Amnesty", "Human Rights Watch", "Ärzte ohne Grenzen", "Caritas", "Diakonie", "Malteser", "Johanniter", "Technisches Hilfswerk", "THW",
        "FBI", "CIA", "NSA", "Pentagon", "Kongress", "Repräsentantenhaus", "Weißes Haus", "Weiße Haus", "Weißen Haus", "Kreml", "Duma", "Knesset", "Unterhaus", "Oberhaus",
        "Vatikan", "Heiliger Stuhl", "Katholische Kirche", "Evangelische Kirche", "EKD", "Zentralrat der Juden",
        // Armed and militant groups
        "Taliban", "Hamas", "Hisbollah", "Al-Kaida", "Al Kaida", "IS", "Islamischer Staat", "Islamischen Staat", "Islamischen Staates", "Boko Haram", "PKK", "RAF", "ETA", "IRA",
        // Sports bodies and clubs
        "IOC", "FIFA", "UEFA", "DFB", "DFL", "DOSB", "NOK", "ADAC", "FC Bayern", "FC Bayern München", "Bayern München", "Borussia Dortmund", "BVB", "Borussia Mönchengladbach",
        "Schalke", "Schalke 04", "FC Schalke 04", "Werder Bremen", "Werder", "Hamburger SV", "HSV", "VfB Stuttgart", "Hertha BSC", "Hertha", "Eintracht Frankfurt",
        "1. FC Köln", "FC Köln", "Bayer Leverkusen", "VfL Wolfsburg", "VfL Bochum", "Union Berlin", "1. FC Union Berlin", "RB Leipzig", "SC Freiburg", "FSV Mainz 05", "Mainz 05",
        "TSG Hoffenheim", "Hannover 96", "1. FC Nürnberg", "1. FC Kaiserslautern", "FC St. Pauli", "St. Pauli", "Dynamo Dresden", "Fortuna Düsseldorf", "Arminia Bielefeld",
        "Rapid Wien", "Austria Wien", "Red Bull Salzburg", "FC Basel", "Grasshoppers", "Young Boys",
        "Real Madrid", "FC Barcelona", "Barcelona", "Atlético Madrid", "Manchester United", "Manchester City", "FC Liverpool", "FC Chelsea", "FC Arsenal",
        "Juventus Turin", "Juventus", "AC Mailand", "Inter Mailand", "AS Rom", "SSC Neapel", "Paris Saint-Germain", "Ajax Amsterdam", "Galatasaray", "Fenerbahçe",
        // Companies
        "Siemens", "Volkswagen", "VW", "BMW", "Daimler", "Mercedes-Benz", "Mercedes", "Audi", "Porsche", "Opel", "Bosch", "BASF", "Bayer", "SAP", "Allianz", "Munich Re",
        "Deutsche Bank", "Commerzbank", "Dresdner Bank", "Postbank", "DZ Bank", "KfW", "Sparkasse", "Deutsche Telekom", "Telekom", "Deutsche Bahn", "Bahn", "DB", "Lufthansa",
        "Deutsche Post", "Post", "DHL", "Adidas", "Puma", "Aldi", "Lidl", "Edeka", "Rewe", "Metro", "Karstadt", "Kaufhof", "Otto", "Zalando", "Henkel", "Beiersdorf", "Merck",
        "Continental", "Thyssenkrupp", "ThyssenKrupp", "Krupp", "RWE", "Eon", "E.ON", "EnBW", "Vattenfall", "Uniper", "Infineon", "Fresenius", "Heidelberg Cement", "Linde",
        "Google", "Alphabet", "Apple", "Microsoft", "Facebook", "Meta", "Amazon", "Twitter", "IBM", "Intel", "Nokia", "Samsung", "Sony", "Toyota", "Honda", "Nissan", "Hyundai",
        "General Motors", "GM", "Ford", "Chrysler", "Fiat", "Renault", "Peugeot", "Tesla", "Yahoo", "eBay", "Netflix", "Uber", "Airbnb", "Huawei", "Alibaba", "Tencent",
        "Ryanair", "Easyjet", "Air Berlin", "Air France", "KLM", "British Airways", "Airbus", "Boeing", "EADS", "Shell", "BP", "Exxon", "ExxonMobil", "Gazprom", "Rosneft",
        "Goldman Sachs", "JP Morgan", "JPMorgan", "Morgan Stanley", "Lehman Brothers", "UBS", "Credit Suisse", "Nestlé", "Novartis", "Roche", "ABB", "Swatch", "Erste Group",
        "Raiffeisen", "OMV", "Voestalpine", "Red Bull", "Coca-Cola", "McDonald's", "Starbucks", "Walmart", "Ikea", "IKEA", "H&M", "Zara", "Unilever", "Nike", "Pfizer", "Biontech", "BioNTech",
        // Media
        "ARD", "ZDF", "RTL", "Sat.1", "ProSieben", "NDR", "WDR", "SWR", "BR", "MDR", "HR", "RBB", "SR", "Deutschlandfunk", "Deutsche Welle", "ORF", "SRF", "BBC", "CNN", "Fox News", "Al Jazeera",
        "Spiegel", "Der Spiegel", "Spiegel Online", "Focus", "Stern", "Bild", "Bild-Zeitung", "FAZ", "Frankfurter Allgemeine Zeitung", "Frankfurter Allgemeine", "Süddeutsche Zeitung", "Süddeutsche", "SZ",
        "taz", "Die Zeit", "Zeit", "Welt", "Die Welt", "Welt am Sonntag", "Handelsblatt", "Tagesspiegel", "Berliner Zeitung", "Frankfurter Rundschau", "Kurier", "Krone", "Kronen Zeitung",
        "Der Standard", "Standard", "Die Presse", "Presse", "Neue Zürcher Zeitung", "NZZ", "New York Times", "Washington Post", "Wall Street Journal", "Financial Times", "Guardian", "Times",
        "Le Monde", "dpa", "AFP", "Reuters", "AP", "APA", "KNA", "epd", "SDA", "Bloomberg", "Tass", "Itar-Tass", "Xinhua", "Interfax",
        // Unions, associations, science, churches
        "Verdi", "IG Metall", "DGB", "GDL", "EVG", "Marburger Bund", "BDI", "DIHK", "BDA", "Mittelstandsunion", "Bund der Steuerzahler", "Stiftung Warentest",
        "Max-Planck-Gesellschaft", "Max-Planck-Institut", "Fraunhofer-Gesellschaft", "Helmholtz-Gemeinschaft", "Deutsche Forschungsgemeinschaft", "DFG", "Nasa", "NASA", "Esa", "ESA",
        "Harvard", "Harvard University", "Stanford", "MIT", "Oxford", "Cambridge", "Sorbonne", "ETH Zürich", "ETH", "LMU", "TU München", "TU Berlin", "TU Dresden", "Charité", "Humboldt-Universität",
        "Freie Universität", "FU Berlin", "Universität Wien", "Uni Wien", "Bauhaus", "Wikipedia", "Wikimedia", "Linux", "Mozilla",
    ];

    /// <summary>Words that make up organisation names ("Verband", "GmbH", "Universität"): a cue, not a name.</summary>
    public static readonly string[] OrganisationCues =
    [
        "AG", "GmbH", "KG", "OHG", "e.V.", "eV", "SE", "mbH", "Inc.", "Inc", "Ltd.", "Ltd", "Corp.", "Corporation", "Co.", "LLC", "S.A.", "Holding", "Group", "Gruppe", "Konzern",
        "Verein", "Verband", "Bund", "Bundesverband", "Partei", "Bank", "Sparkasse", "Versicherung", "Universität", "Uni", "Hochschule", "Fachhochschule", "Institut", "Akademie",
        "Ministerium", "Bundesministerium", "Amt", "Bundesamt", "Landesamt", "Behörde", "Agentur", "Gericht", "Landgericht", "Amtsgericht", "Oberlandesgericht", "Verwaltungsgericht",
        "Landessozialgericht", "Finanzgericht", "Arbeitsgericht", "Staatsanwaltschaft", "Polizeipräsidium", "Polizeidirektion", "Stiftung", "Gesellschaft", "Genossenschaft", "Club", "Klub",
        "FC", "SV", "TSV", "VfB", "VfL", "SC", "SG", "TuS", "BSC", "Eintracht", "Borussia", "Sportverein", "Klinik", "Klinikum", "Krankenhaus", "Zeitung", "Rundfunk", "Fernsehen", "Verlag",
        "Kommission", "Rat", "Parlament", "Regierung", "Gewerkschaft", "Kirche", "Gemeinde", "Schule", "Gymnasium", "Museum", "Theater", "Oper", "Orchester", "Philharmoniker",
        "Werke", "Werft", "Airlines", "Airways", "Bahn", "Verkehrsbetriebe", "Stadtwerke", "Kammer", "Handelskammer", "Union", "Liga", "Allianz", "Front", "Bewegung", "Armee", "Miliz",
        "Brigade", "Regiment", "Division", "Ensemble", "Band", "Chor", "Senat", "Ausschuss", "Komitee", "Komittee", "Zentrale", "Dienst", "Office", "Council", "Foundation", "Association",
        "Society", "Company", "Bundesanstalt", "Landesregierung", "Stadtverwaltung", "Fraktion", "Landesverband", "Kreisverband", "Ortsverband", "Betriebsrat",
    ];

    /// <summary>Titles and roles that stand before or beside a person's name ("Kanzlerin Merkel", "Dr. Müller").</summary>
    public static readonly string[] PersonCues =
    [
        "Herr", "Herrn", "Frau", "Dr.", "Prof.", "Professor", "Professorin", "Präsident", "Präsidentin", "Präsidenten", "Kanzler", "Kanzlerin", "Bundeskanzler", "Bundeskanzlerin",
        "Bundespräsident", "Bundespräsidentin", "Minister", "Ministerin", "Ministerpräsident", "Ministerpräsidentin", "Bürgermeister", "Bürgermeisterin", "Oberbürgermeister",
        "Oberbürgermeisterin", "Landrat", "Landrätin", "Trainer", "Trainerin", "Chef", "Chefin", "Sprecher", "Sprecherin", "Papst", "König", "Königin", "Prinz", "Prinzessin", "Fürst",
        "Fürstin", "Graf", "Gräfin", "Kaiser", "Kaiserin", "Herzog", "Herzogin", "Sir", "Lord", "Lady", "Senator", "Senatorin", "Abgeordnete", "Abgeordneter", "Vorsitzende", "Vorsitzender",
        "Parteichef", "Parteichefin", "Regierungschef", "Regierungschefin", "Staatschef", "Premierminister", "Premierministerin", "Premier", "Außenminister", "Außenministerin",
        "Innenminister", "Innenministerin", "Finanzminister", "Finanzministerin", "Regisseur", "Regisseurin", "Schauspieler", "Schauspielerin", "Sänger", "Sängerin", "Autor", "Autorin",
        "Schriftsteller", "Schriftstellerin", "Maler", "Malerin", "Komponist", "Dirigent", "Stürmer", "Torwart", "Torhüter", "Kapitän", "Spieler", "Spielerin", "Direktor", "Direktorin",
        "Pfarrer", "Pastor", "Bischof", "Erzbischof", "Kardinal", "General", "Oberst", "Major", "Hauptmann", "Leutnant", "Kommissar", "Kommissarin", "Richter", "Richterin", "Anwalt",
        "Anwältin", "Rechtsanwalt", "Rechtsanwältin", "Staatsanwalt", "Staatsanwältin", "Angeklagte", "Angeklagter", "Mr.", "Mrs.", "Ms.", "Mister", "Monsieur", "Madame", "Signor",
        "Sohn", "Tochter", "Vater", "Mutter", "Bruder", "Schwester", "Ehefrau", "Ehemann", "Witwe", "Geschäftsführer", "Geschäftsführerin", "Vorstandschef", "Vorstandschefin",
        "Gründer", "Gründerin", "Historiker", "Politiker", "Politikerin", "Sozialdemokrat", "Christdemokrat", "Diktator", "Zar", "Scheich", "Emir", "Ayatollah", "Imam", "Rabbiner",
    ];

    /// <summary>Words that head place names or stand before them ("Stadt", "Landkreis", "-straße" is a suffix feature).</summary>
    public static readonly string[] LocationCues =
    [
        "Stadt", "Gemeinde", "Dorf", "Ortsteil", "Stadtteil", "Kreis", "Landkreis", "Bezirk", "Region", "Provinz", "Bundesland", "Bundesstaat", "Kanton", "Hauptstadt", "Metropole",
        "Großstadt", "Kleinstadt", "Insel", "Halbinsel", "Fluss", "See", "Meer", "Berg", "Gebirge", "Tal", "Küste", "Hafen", "Flughafen", "Bahnhof", "Hauptbahnhof", "Straße", "Platz",
        "Allee", "Gasse", "Weg", "Viertel", "Kiez", "Vorort", "Grenze", "Oblast", "County", "Distrikt", "Departement", "Republik", "Königreich", "Emirat", "Land",
    ];

    /// <summary>
    /// German names of regions, continents, landscapes, rivers, seas and mountains that the GeoNames-derived
    /// gazetteer lists only under English names or not at all.
    /// </summary>
    public static readonly string[] Places =
    [
        // Länder, Bundesländer, Kantone (German names)
        "Baden-Württemberg", "Bayern", "Berlin", "Brandenburg", "Bremen", "Hamburg", "Hessen", "Mecklenburg-Vorpommern", "Niedersachsen", "Nordrhein-Westfalen", "NRW",
        "Rheinland-Pfalz", "Saarland", "Sachsen", "Sachsen-Anhalt", "Schleswig-Holstein", "Thüringen", "Burgenland", "Kärnten", "Niederösterreich", "Oberösterreich",
        "Salzburg", "Steiermark", "Tirol", "Vorarlberg", "Wien", "Aargau", "Appenzell", "Basel", "Bern", "Freiburg", "Genf", "Glarus", "Graubünden", "Jura", "Luzern", "Neuenburg",
        "Nidwalden", "Obwalden", "Schaffhausen", "Schwyz", "Solothurn", "St. Gallen", "Tessin", "Thurgau", "Uri", "Waadt", "Wallis", "Zug", "Zürich",
        // Continents and large regions
        "Europa", "Afrika", "Asien", "Amerika", "Nordamerika", "Südamerika", "Lateinamerika", "Mittelamerika", "Australien", "Ozeanien", "Antarktis", "Arktis", "Eurasien",
        "Nahost", "Naher Osten", "Nahen Osten", "Mittlerer Osten", "Mittleren Osten", "Fernost", "Ferner Osten", "Fernen Osten", "Balkan", "Skandinavien", "Baltikum", "Kaukasus",
        "Sibirien", "Zentralasien", "Südostasien", "Westafrika", "Ostafrika", "Nordafrika", "Südafrika", "Maghreb", "Sahara", "Sahel", "Karibik", "Mitteleuropa", "Osteuropa",
        "Westeuropa", "Südeuropa", "Nordeuropa", "Ostdeutschland", "Westdeutschland", "Süddeutschland", "Norddeutschland", "Mitteldeutschland", "Oberbayern", "Niederbayern",
        "Franken", "Oberfranken", "Unterfranken", "Mittelfranken", "Schwaben", "Oberpfalz", "Westfalen", "Rheinland", "Ruhrgebiet", "Ruhrpott", "Sauerland", "Eifel", "Harz",
        "Schwarzwald", "Allgäu", "Emsland", "Ostfriesland", "Lausitz", "Vogtland", "Erzgebirge", "Uckermark", "Prignitz", "Vorpommern", "Mecklenburg", "Pfalz", "Hunsrück",
        "Odenwald", "Spessart", "Rhön", "Breisgau", "Bodenseeregion", "Südtirol", "Osttirol", "Elsass", "Lothringen", "Schlesien", "Ostpreußen", "Pommern", "Böhmen", "Mähren",
        "Galizien", "Bukowina", "Siebenbürgen", "Krim", "Donbass", "Donbas", "Tschetschenien", "Dagestan", "Kurdistan", "Gazastreifen", "Gaza", "Westjordanland", "Golanhöhen",
        "Sinai", "Kaschmir", "Tibet", "Xinjiang", "Taiwan", "Hongkong", "Macau", "Kosovo", "Bosnien", "Herzegowina", "Transnistrien", "Abchasien", "Südossetien", "Darfur",
        "Katalonien", "Baskenland", "Andalusien", "Bretagne", "Normandie", "Provence", "Korsika", "Sizilien", "Sardinien", "Toskana", "Lombardei", "Venetien", "Bayerischer Wald",
        "Kalifornien", "Texas", "Florida", "Alaska", "Hawaii", "Schottland", "Wales", "England", "Nordirland", "Irland", "Flandern", "Wallonien", "Holland", "Lappland", "Grönland",
        // Rivers, seas, lakes, mountains
        "Rhein", "Donau", "Elbe", "Main", "Mosel", "Oder", "Neiße", "Spree", "Havel", "Weser", "Ems", "Neckar", "Isar", "Inn", "Saale", "Ruhr", "Lahn", "Themse", "Seine", "Wolga",
        "Nil", "Amazonas", "Mississippi", "Jangtse", "Euphrat", "Tigris", "Jordan", "Nordsee", "Ostsee", "Mittelmeer", "Schwarzes Meer", "Schwarzen Meer", "Atlantik", "Pazifik",
        "Indischer Ozean", "Indischen Ozean", "Ärmelkanal", "Adria", "Ägäis", "Bodensee", "Chiemsee", "Gardasee", "Genfer See", "Alpen", "Pyrenäen", "Karpaten", "Himalaya",
        "Anden", "Rocky Mountains", "Zugspitze", "Matterhorn", "Mont Blanc", "Brocken", "Feldberg", "Großglockner", "Mount Everest",
        // German exonyms of cities that GeoNames lists under local names
        "Mailand", "Neapel", "Venedig", "Florenz", "Turin", "Genua", "Lissabon", "Brüssel", "Kopenhagen", "Athen", "Bukarest", "Belgrad", "Warschau", "Krakau", "Danzig",
        "Breslau", "Stettin", "Posen", "Königsberg", "Kaliningrad", "Prag", "Pressburg", "Preßburg", "Laibach", "Agram", "Kiew", "Lemberg", "Charkiw", "Charkow", "Odessa",
        "Minsk", "Moskau", "Sankt Petersburg", "St. Petersburg", "Peking", "Neu-Delhi", "Tokio", "Teheran", "Damaskus", "Bagdad", "Kairo", "Jerusalem", "Tel Aviv", "Mekka",
        "Istanbul", "Ankara", "Den Haag", "Antwerpen", "Lüttich", "Straßburg", "Nizza", "Marseille", "Rom", "Wilna", "Riga", "Reval", "Tallinn", "Nikosia", "Valletta",
    ];
}
