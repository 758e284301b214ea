/// Raw material for demo data: German and international names, real towns
/// with their postal codes and dialling codes.
enum DemoNames {
    static let germanSurnames = [
        "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
        "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann",
        "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner", "Schmitz", "Krause", "Meier",
        "Lehmann", "Schmid", "Schulze", "Maier", "Köhler", "Herrmann", "König", "Walter", "Mayer", "Huber",
        "Kaiser", "Fuchs", "Peters", "Lang", "Scholz", "Möller", "Weiß", "Jung", "Hahn", "Schubert",
        "Vogel", "Friedrich", "Keller", "Günther", "Frank", "Berger", "Winkler", "Roth", "Beck", "Lorenz",
        "Baumann", "Franke", "Albrecht", "Schuster", "Simon", "Ludwig", "Böhm", "Winter", "Kraus", "Martin",
        "Schumacher", "Krämer", "Vogt", "Stein", "Jäger", "Otto", "Sommer", "Groß", "Seidel", "Heinrich",
        "Brandt", "Haas", "Schreiber", "Graf", "Schulte", "Dietrich", "Ziegler", "Kuhn", "Kühn", "Pohl",
        "Engel", "Horn", "Busch", "Bergmann", "Thomas", "Voigt", "Sauer", "Arnold", "Wolff", "Pfeiffer",
    ]
    static let internationalSurnames = [
        "Dubois", "Lefèvre", "García", "Fernández", "Rossi", "Bianchi", "Novák", "Kowalski", "Wiśniewski",
        "Nielsen", "Jørgensen", "Andersson", "Öztürk", "Yılmaz", "O'Brien", "Murphy", "Smith", "Jones",
        "Papadopoulos", "Horváth", "Dvořák", "Søndergaard", "Peña", "Gonçalves", "Janssen", "De Vries",
    ]
    static let firstNames = [
        "Jürgen", "Jörg", "Günter", "Uwe", "Björn", "Sören", "Thomas", "Michael", "Andreas", "Stefan",
        "Sabine", "Jürgen", "Ursula", "Käthe", "Anna", "Lena", "Marie", "Sophie", "Hannah", "Lea",
        "Karl-Heinz", "Hans-Jürgen", "Claudia", "Birgit", "Dörte", "Gülay", "Ayşe", "Mehmet", "Zoë", "Chloé",
        "José", "François", "Renée", "Małgorzata", "Ilse", "Frieda", "Matthias", "Tobias", "Julia", "Katrin",
        "Niklas", "Jonas", "Felix", "Lukas", "Maximilian", "Paul", "Emma", "Mia", "Laura", "Jana",
    ]
    static let companyForms = ["GmbH", "GmbH & Co. KG", "AG", "KG", "e.K.", "OHG", "UG (haftungsbeschränkt)", "GbR"]
    static let trades = [
        "Bäckerei", "Metzgerei", "Schreinerei", "Elektro", "Sanitär", "Autohaus", "Druckerei", "Gärtnerei",
        "Steuerberatung", "Ingenieurbüro", "Spedition", "Malerbetrieb", "Optik", "Apotheke am Markt",
        "Buchhandlung", "Weinhandlung", "Brauerei", "Möbelhaus", "Reisebüro", "Kanzlei",
    ]
    static let companyWords = [
        "Technik", "Logistik", "Handel", "Software", "Systeme", "Bau", "Consulting", "Medien", "Energie",
        "Maschinenbau", "Feinkost", "Textil", "Holz", "Metallbau", "Werkzeuge", "Immobilien", "Solar",
    ]
    static let asianStreets = ["丸の内1-1-1", "銀座4-6-16", "南京东路100号", "淮海中路222号", "세종대로 110", "테헤란로 152", "西新宿2-8-1"]
    /// Companies from outside the Latin script, as real customer lists have them.
    static let cjkCompanies = [
        ("山田商事株式会社", "山田 太郎", "JP"), ("東京精機株式会社", "佐藤 花子", "JP"), ("大阪貿易有限会社", "鈴木 一郎", "JP"),
        ("北京华通科技有限公司", "王 伟", "CN"), ("上海明远贸易有限公司", "李 娜", "CN"), ("深圳新星电子", "张 敏", "CN"),
        ("서울무역 주식회사", "김 민준", "KR"), ("부산해운", "이 서연", "KR"),
    ]
    /// (city, the range its postal codes are drawn from, country, phone
    /// prefix). Real ranges, so that a Milano customer has a Milano code
    /// (20121–20162) and not one of Hamburg's.
    static let towns: [(city: String, postal: ClosedRange<Int>, country: String, phone: String)] = [
        ("Berlin", 10115...14199, "DE", "+49 30"), ("Hamburg", 20095...22769, "DE", "+49 40"), ("München", 80331...81929, "DE", "+49 89"),
        ("Köln", 50667...51149, "DE", "+49 221"), ("Frankfurt am Main", 60306...60599, "DE", "+49 69"), ("Stuttgart", 70173...70629, "DE", "+49 711"),
        ("Düsseldorf", 40210...40629, "DE", "+49 211"), ("Leipzig", 4103...4357, "DE", "+49 341"), ("Nürnberg", 90402...90491, "DE", "+49 911"),
        ("Dresden", 1067...1328, "DE", "+49 351"), ("Hannover", 30159...30669, "DE", "+49 511"), ("Bremen", 28195...28779, "DE", "+49 421"),
        ("Münster", 48143...48167, "DE", "+49 251"), ("Lübeck", 23552...23570, "DE", "+49 451"), ("Würzburg", 97070...97084, "DE", "+49 931"),
        ("Göttingen", 37073...37085, "DE", "+49 551"), ("Saarbrücken", 66111...66133, "DE", "+49 681"), ("Osnabrück", 49074...49090, "DE", "+49 541"),
        ("Wien", 1010...1230, "AT", "+43 1"), ("Graz", 8010...8063, "AT", "+43 316"), ("Zürich", 8001...8099, "CH", "+41 44"),
        ("Genève", 1201...1209, "CH", "+41 22"), ("Paris", 75001...75020, "FR", "+33 1"), ("Lyon", 69001...69009, "FR", "+33 4"),
        ("Amsterdam", 1011...1109, "NL", "+31 20"), ("Kraków", 30001...31999, "PL", "+48 12"), ("Praha", 11000...19900, "CZ", "+420 2"),
        ("København", 1050...2450, "DK", "+45 3"), ("Milano", 20121...20162, "IT", "+39 02"), ("Madrid", 28001...28055, "ES", "+34 91"),
    ]
    static let streets = [
        "Hauptstraße", "Bahnhofstraße", "Schulstraße", "Gartenstraße", "Dorfstraße", "Lindenstraße", "Goethestraße",
        "Schillerstraße", "Kirchstraße", "Am Markt", "Königsallee", "Mühlenweg", "Birkenweg", "Friedrichstraße",
        "Rosenstraße", "Wiesenweg", "Am Hafen", "Industriestraße", "Marktplatz", "Gutenbergstraße",
    ]

    /// ASCII for e-mail addresses: umlauts the German way, other accents
    /// dropped, blanks and punctuation removed ("Jürgen" → "juergen").
    static func ascii(_ text: String) -> String {
        if let known = asciiNames[text] { return known }
        return asciiForm(text)
    }

    static func asciiForm(_ text: String) -> String {
        let alias = TextFolding.searchAlias(text)
        let words = TextFolding.tokens(alias.isEmpty ? text : alias)
        return words.joined().filter { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }

    /// The ASCII forms of every name above, computed once: seeding asks for
    /// them millions of times.
    static let asciiNames: [String: String] = {
        var table: [String: String] = [:]
        for name in germanSurnames + internationalSurnames + firstNames + companyWords + trades {
            table[name] = asciiForm(name)
        }
        return table
    }()
}
