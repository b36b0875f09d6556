"""Name sources for the red-team suite, kept apart from tests/corpus/ on purpose: other cultures, invented
names built from syllables, other organisation words, and registrants who try to damage other people's text."""

from __future__ import annotations

# Real given names and surnames from cultures the corpus generator does not draw from.
GIVEN = (
    "Nino",
    "Giorgi",
    "Tamar",
    "Karthik",
    "Meenakshi",
    "Aroha",
    "Tamati",
    "Zsófia",
    "Bence",
    "Thị Lan",
    "Tsehay",
    "Yonas",
    "Killa",
    "Inti",
    "Iñaki",
    "Amaia",
    "Çağlar",
    "Elif Naz",
    "Małgorzata",
    "Wojciech",
    "Oyelaran",
    "Chiamaka",
    "Bolat",
    "Aigerim",
    "Sione",
    "Losaline",
    "Dagny",
    "Ragnhild",
    "Hoang Anh",
    "Nomvula",
)
SURNAMES = (
    "Beridze",
    "Kapanadze",
    "Subramaniam",
    "Venkataraman",
    "Ngata",
    "Te Rangi",
    "Szabó",
    "Kovács-Tóth",
    "Gebremedhin",
    "Mamani",
    "Quispe Huanca",
    "Etxeberria",
    "Yıldız",  # noqa: RUF001
    "Wójcik",
    "Brzęczyszczykiewicz",
    "Adeyemi-Okafor",
    "Nurpeisova",
    "Taufa",
    "Løvaas",
    "Þorvaldsdóttir",
    "de la Fuente",
    "van den Akker",
    "bin Rashid",
    "Mac Giolla Phádraig",
    "al-Qasimi",
    "Abd el-Nour",
    "dos Santos Lima",
    "Ó Conchúir",
)
SYLLABLES = ("ka", "zo", "mir", "tel", "vau", "ren", "osk", "ibe", "lun", "dra", "quo", "xen", "uth", "pav")

ORG_HEADS = ("Institute", "Observatory", "Consortium", "Alliance", "Foundation", "Centre", "Bureau", "Collective")
ORG_TOPICS = ("Arms Transfer Data", "Export Licensing", "Small Arms Tracing", "Border Control", "Stockpile Safety")
ORG_PLACES = ("Andean", "Baltic", "Sahelian", "Pacific Rim", "Danubian", "Great Lakes")
COMPANY_WORDS = ("Veltrix", "Norandal", "Quastel", "Brimford", "Okaview", "Tessaly")
LEGAL_FORMS = ("Ltd", "GmbH", "S.A.", "Inc.", "plc", "AB")

# Registrants who try to hurt other people's text: ordinary phrases, labels, markup, one letter.
ADVERSARIAL_NAMES = (
    "Validation Messages",
    "Best Practice",
    "Annual Report",
    "Drop Down",
    "State Party",
    "Observer State",
    "Regional Organisation",
    "Civil Society",
    "Online Reporting",
    '<img src=x onerror="alert(1)">',
    '"><script>steal()</script>',
    "{{7*7}} ${jndi}",
    "A",
    "X Y",
)
# Substance that those names must not remove (and other substance the suite checks is kept).
SUBSTANCE = (
    "validation messages",
    "Validation Messages",
    "best practice",
    "the annual report",
    "drop down list",
    "each State Party",
    "observer State",
    "regional organisation",
    "civil society",
    "online reporting",
    "the img tag",
    "an onerror handler",
    "the script element",
    "alert users",
    "a steal of a price",
    "Article 11",
    "Article 13(3)",
    "31 May 2027",
    "page 4",
    "version 2.1",
    "the XML schema",
    "a French version",
    "translations into Arabic",
    "in Russian",
    "the CSV export",
    "drop-down menu",
    "Excel template",
    "the information exchange platform",
    "a yes or no answer",
    "rated 4 of 5",
)
