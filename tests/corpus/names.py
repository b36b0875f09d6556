"""Name and organisation pools for the generated registry, by culture (deliberately varied)."""

from __future__ import annotations

# culture: (given names, surnames). Surnames may carry particles, hyphens and accents.
CULTURES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "nordic": (
        ("Ingrid Marie", "Astrid", "Lars", "Henrik", "Sigrid", "Nils", "Freya", "Bjørn", "Søren", "Åsa",
         "Kari", "Torbjørn", "Liv", "Eirik", "Solveig"),
        ("Johansson", "Lindqvist", "Bjørnstad", "Haugen", "Søndergaard", "Åberg", "Nyström", "Halvorsen",
         "Gunnarsdóttir", "Þórsson", "Kjærgaard", "Lindahl"),
    ),
    "german": (
        ("Jürgen", "Anna", "Lukas", "Mareike", "Katrin", "Jörg", "Annegret", "Wolfram", "Dörte", "Götz"),
        ("Müller", "Schröder", "Weiß", "Groß", "Böhm", "Köhler", "Strauß", "Hoffmann-Kühn", "Nüßlein",
         "von Lüttichau", "Brückner"),
    ),
    "french": (
        ("Jean-Pierre", "Marie-Claire", "Amélie", "Benoît", "Hélène", "François", "Anaïs", "Gaëlle",
         "Jérôme", "Ségolène"),
        ("Lefèvre", "Dubois", "Bérenger", "de la Croix", "Fontaine", "Château-Renaud", "Lévêque",
         "d'Aubigné", "Mézières"),
    ),
    "hispanic": (
        ("María José", "José Luis", "Milagros", "Ximena", "Joaquín", "Ángela", "Íñigo", "Guadalupe",
         "Rocío", "Begoña", "Maximiliano"),
        ("García López", "Winkelried Salazar", "Pérez de Cuéllar", "Núñez", "Ibáñez", "Fernández Ochoa",
         "Quispe Mamani", "Huamán", "Echeverría", "Zúñiga"),
    ),
    "lusophone": (
        ("João", "Conceição", "Gonçalo", "Luíza", "Thiago", "Adélia", "Sebastião"),
        ("da Silva", "dos Santos", "Magalhães", "Gonçalves", "Assunção", "Brandão", "Figueiredo"),
    ),
    "dutch": (
        ("Jan", "Pieter", "Maartje", "Sanne", "Joost", "Femke", "Sjoerd", "Anouk"),
        ("van der Berg", "de Vries", "van Dijk", "ter Horst", "van den Broek", "Timmermans", "Bakhuizen",
         "van 't Hof"),
    ),
    "irish": (
        ("Aoife", "Siobhán", "Niamh", "Caoimhe", "Seán", "Pádraig", "Oisín", "Gráinne"),
        ("Ní Bhriain", "Ó Súilleabháin", "O'Brien", "Mac Giolla Phádraig", "McCarthy", "Ní Dhomhnaill",
         "Ó Conchúir"),
    ),
    "arabic": (
        ("Mohammed", "Fatima", "Khalid", "Layla", "Yousef", "Noura", "Abdulaziz", "Hessa", "Tariq", "Rania"),
        ("al-Hassan", "Al-Amiri", "El-Sayed", "Abdel-Rahman", "bin Salman", "Al Nahyan", "Haddad",
         "Bouazizi", "Al-Shammari", "Qasimi"),
    ),
    "african": (
        ("Chidi", "Ngozi", "Kwame", "Abena", "Thandiwe", "Sipho", "Amadou", "Fatoumata", "Wanjiru",
         "Tendai", "Oluwaseun", "Mamadou"),
        ("Okonkwo", "Adeyemi", "Mensah", "Diallo", "Ndlovu", "Traoré", "Mutua", "Kamara", "Nkurunziza",
         "Ouédraogo", "Mwangi", "Tshabalala", "Asante-Darko"),
    ),
    "east_asian": (
        ("Xiaoming", "Hiroshi", "Yuki", "Ji-hoon", "Min-jun", "Haruka", "Jianguo", "Seo-yeon", "Takeshi"),
        ("Tanaka", "Kobayashi", "Zhang", "Wang", "Watanabe", "Yamaguchi", "Choi", "Nakamura", "Xu"),
    ),
    "south_se_asian": (
        ("Priya", "Arjun", "Siti Nurhaliza", "Thanh Huong", "Rajesh", "Anjali", "Nguyen Van", "Dewi",
         "Somchai", "Kavitha"),
        ("Sharma", "Gupta", "Rahman", "Wijesinghe", "Nguyễn", "Trần", "Suryadi", "Chatterjee",
         "Srisawat", "Ramakrishnan"),
    ),
    "slavic": (
        ("Oleksandr", "Katarzyna", "Miroslav", "Zdeněk", "Ljubica", "Dragana", "Wojciech", "Ilya",
         "Svetlana", "Radosław"),
        ("Kowalczyk", "Wiśniewski", "Dvořák", "Novaković", "Shevchenko", "Szczepański", "Przybylski",
         "Karadžić-Ilić", "Ivanova", "Łukaszewicz"),
    ),
    "greek_turkish": (
        ("Dimitrios", "Eleni", "Konstantinos", "Ayşe", "Çağlar", "Şükrü", "Gülşen"),
        ("Papadopoulos", "Georgiou", "Karamanlis", "Yılmaz", "Öztürk", "Çelik", "Kılıçdaroğlu"),
    ),
}

# Names that are ordinary English words: they may only be removed in a name context.
WORD_GIVEN_NAMES = ("Hope", "Grace", "Faith", "Will", "Mark", "Rose", "Dawn", "Joy", "Iris", "Bill", "Guy",
                    "Pat", "Sue", "Summer", "Rich", "Frank")
WORD_SURNAMES = ("May", "Page", "Field", "Best", "Grant", "Young", "Long", "Rich", "Love", "Hope", "Strong",
                 "Hill", "King", "Bell", "Ward", "Wood", "Stone", "Fox", "Green", "Brown", "White",
                 "Black", "Moss", "Cook", "Little", "Short", "Price", "Sharp", "Bird", "Frost", "Snow",
                 "Wise", "Swift", "Marsh", "Lamb", "Mills", "Banks", "Rivers", "Power", "Noble", "Hall",
                 "Parks", "Church", "Park", "Song")

# People never registered, met only after a title ("Ambassador Okonkwo-Achebe").
UNREGISTERED_SURNAMES = ("Okafor-Achebe", "Villanueva", "Lindgren", "Abernathy", "Kuznetsova", "Delacroix",
                         "Mbeki", "Takahashi", "Fitzgerald", "Szabó", "Ferreira", "Haddadi", "Rasmussen")

ORG_WORDS = (
    ("Pacific", "Caribbean", "Andean", "Sahel", "Baltic", "Danube", "Mekong", "Great Lakes", "Nordic",
     "Gulf", "Balkan", "Southern Cone", "Horn of Africa", "Central Asian", "Indian Ocean"),
    ("Customs", "Arms Control", "Export Control", "Security", "Transparency", "Small Arms", "Disarmament",
     "Border Management", "Peace", "Conflict Prevention", "Trade Compliance", "Firearms"),
    ("Advisory Board", "Institute", "Network", "Forum", "Centre", "Council", "Observatory", "Initiative",
     "Commission", "Alliance", "Foundation", "Research Group"),
)
# Organisations whose acronym is an ordinary word: the acronym only goes in its exact case.
WORD_ACRONYM_ORGS = (
    ("Security and Arms Forum Europe", "SAFE"),
    ("Arms Control Trust", "ACT"),
    ("Centre for Arms Reporting Excellence", "CARE"),
    ("Transparency Reporting Unit for States", "TRUST"),
    ("Partnership for Export and Arms Control Education", "PEACE"),
    ("Small Holdings and Import Exchange Lab", "SHIELD"),
    ("Regional Arms Data Alliance", "RADAR"),
)
