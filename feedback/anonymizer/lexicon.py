"""Word lists the rules consult: common English, substance, names, titles, particles, languages."""

from __future__ import annotations

from pathlib import Path

from feedback.anonymizer.text import fold_tokens

DATA = Path(__file__).with_name("data")


def words(text: str) -> frozenset[str]:
    """Return the set of space-separated words in text (keeps long word lists readable)."""
    return frozenset(text.split())


def _read_words(name: str) -> list[str]:
    """Read a data file: one entry a line or many a line, '#' starts a comment."""
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def _load_substance() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Return (single folded tokens, multi-token folded phrases, core phrases never removed)."""
    tokens, phrases, core = set(), set(), set()
    for line in _read_words("substance.txt"):
        is_core = line.startswith("!")
        folded = " ".join(fold_tokens(line.lstrip("!")))
        (phrases if " " in folded else tokens).add(folded)
        if is_core:
            core.add(folded)
    return frozenset(tokens), frozenset(phrases), frozenset(core)


_BRITISH_ENDINGS = (
    ("ization", "isation"),
    ("izations", "isations"),
    ("ize", "ise"),
    ("izes", "ises"),
    ("ized", "ised"),
    ("izing", "ising"),
    ("yze", "yse"),
    ("yzed", "ysed"),
    ("yzes", "yses"),
    ("yzing", "ysing"),
    ("ter", "tre"),
    ("ters", "tres"),
    ("ber", "bre"),
    ("bers", "bres"),
    ("or", "our"),
    ("ors", "ours"),
    ("ense", "ence"),
    ("enses", "ences"),
    ("eled", "elled"),
    ("eling", "elling"),
)


def _with_british_spellings(american: list[str]) -> frozenset[str]:
    """Add the British spellings the word list lacks ("organisation", "centre", "colour", "defence").

    Over-generating is harmless ("motour" will never be typed); a missing one would make an ordinary
    word look like a distinctive name.
    """
    found = set(american)
    for word in american:
        for ending, british in _BRITISH_ENDINGS:
            if word.endswith(ending) and len(word) > len(ending) + 2:
                found.add(word[: -len(ending)] + british)
    return frozenset(found)


COMMON_WORDS: frozenset[str] = _with_british_spellings(_read_words("common_words.txt"))
SUBSTANCE_TOKENS, SUBSTANCE_PHRASES, CORE_TERMS = _load_substance()
NAME_LEXICON: frozenset[str] = frozenset(word for line in _read_words("names.txt") for word in line.split())

MONTHS = words(
    "january february march april may june july august september october november december"
    " jan feb mar apr jun jul aug sep sept oct nov dec"
)
WEEKDAYS = words("monday tuesday wednesday thursday friday saturday sunday")

# Lower-case name particles: part of a surname ("van der Berg", "Ní Bhriain"), never a name alone.
PARTICLES = words(
    "van von der den de del della dello dei degli di da das dos do du des la le las los lo y e i"
    " bin bint ibn ben al el ul ud ni nic mac mc o d l t ter ten op het zu zum af av"
)

# Prefixes that stand only before a hyphen ("Pre-filling", "Co-operation", "Mid-cycle"): a hyphenated
# word made of one of these and ordinary words is an ordinary word.
HYPHEN_PREFIXES = words("pre co ex mid bi tri")

# Titles before a name. Strong ones make the next capitalised word a name even if it is an
# ordinary word ("Ms May"); weak ones are also job words, so the next word must look like a name.
STRONG_TITLES = sorted(
    words(
        "Mr Mrs Ms Miss Mx Mister Dr Doctor Prof Professor Sir Dame Ambassador Amb Excellency"
        " Mme Mlle Madame Monsieur Sr Sra Srta Señor Señora Senor Senora Sheikh Shaikh Herr Frau"
        " Colonel Col Lt Lieutenant Brigadier Brig Admiral Adm Sgt Sergeant Capt Maj Gen Cdr Rev"
        " Reverend Senator Dott H.E."
    )
)
WEAK_TITLES = sorted(
    words(
        "Minister President Vice-President Director Director-General Secretary Judge Justice General"
        " Major Captain Commander Chief Chair Chairperson Chairman Chairwoman Commissioner Governor"
        " Mayor Inspector Officer Counsellor Counselor Consul Attaché Attache Deputy Representative"
        " Delegate Adviser Advisor Coordinator Head Father Brother Sister Lord Lady King Queen Prince"
        " Princess Dean Rector Expert Colleague Rapporteur Facilitator"
    )
)

# Verbs that, right after a capitalised ordinary word, show the word is a person ("Field noted").
REPORTING_VERBS = words(
    "said says say noted notes note suggested suggests proposed proposes argued argues recommended"
    " recommends asked asks wrote writes added adds stressed stresses explained explains mentioned"
    " mentions observed observes commented remarked replied replies responded confirmed clarified"
    " insisted warned cautioned urged requested wants wanted wished wishes prefers preferred"
    " believes believed thinks thought feels felt considers considered emphasised emphasized"
    " emphasises emphasizes highlighted highlights underlined questioned queried welcomed welcomes"
    " supported supports objected objects presented presents shared shares raised raises agreed"
    " agrees disagreed disagrees indicated indicates stated reported reports pointed recalled"
    " recalls acknowledged acknowledges expressed expresses informed offered offers volunteered"
    " described describes told tells shared drafted submitted sent circulated led chaired"
)

# Words after which a capitalised word is not a name but part of the phrase ("the Grant scheme").
DETERMINERS = words(
    "the a an this that these those our their its his her my your each every any some no which whose what"
)

# Nouns after a language-like demonym that show it names a language ("a French version").
LANGUAGE_NOUNS = words(
    "version versions translation translations translated translating translator translators"
    " text texts language languages speaking speaker speakers only original originals edition"
    " editions interpretation interpreter interpreters subtitles subtitle keyboard keyboards"
    " alphabet script scripts spelling grammar terminology glossary glossaries word words term"
    " terms course courses proficiency skills fluency literacy interface interfaces ui locale"
    " localisation localization labels label dictionary wording speaking-countries copy copies"
    " equivalent equivalents transcription transliteration characters"
)
# Nouns after a demonym that show it speaks of a State or its people ("in Spanish practice").
PEOPLE_NOUNS = words(
    "delegation delegations government governments authorities authority officials official ministry"
    " ministries mission missions experts expert representative representatives colleagues colleague"
    " practice practices law laws legislation position positions proposal proposals view views"
    " national nationals customs army armed forces military police exporters exporter importers"
    " industry industries companies company manufacturers embassy embassies administration presidency"
    " team teams partners counterparts people citizens agency agencies minister ministers report"
    " reports system systems approach contribution submission submissions side perspective experience"
    " model regulations procedures data figures statistics exports imports transfers court courts"
    " parliament diplomats diplomat staff officers officer point focal contact institutions institute"
    " community communities society state states nation ngos industry's government's"
)
# Words before it that show the same ("translations into Arabic", "in Russian").
LANGUAGE_PREPOSITIONS = words(
    "in into from to speak speaks spoke speaking read reads write writes understand understands"
    " fluent native plain translate translated translating via"
)
# Words that may follow "in French" without turning it into "in French practice".
FUNCTION_WORDS = words(
    "and or but as is are was were be been too also only please for by with at on which that so"
    " then if when because while where the a an would should could will can may must not nor"
    " than either neither"
)
# Words that may follow a name mid-sentence ("reviewed by Young and", "asked Page whether").
NAME_FOLLOWERS = (
    FUNCTION_WORDS
    | REPORTING_VERBS
    | words(
        "whether about to from in of who whom whose had has have did does do might shall again herself"
        " himself themselves earlier later today yesterday during after before regarding recently"
        " previously kindly personally directly here there also it this us me him her them all both"
        " said says himself mentioned"
    )
)
# Language names that are not demonyms; they anchor lists like "Arabic, French and Spanish".
PURE_LANGUAGES = words(
    "english arabic hindi swahili persian farsi urdu hebrew bengali amharic latin catalan basque"
    " tamil hausa yoruba zulu xhosa punjabi gujarati marathi telugu malay tagalog pashto dari"
    " kurdish berber tigrinya wolof lingala kinyarwanda quechua guarani aymara creole esperanto"
    " cantonese mandarin"
)

# Acronyms common in this field that are never taken for an upper-case surname.
KNOWN_ACRONYMS = words(
    "att wgtr wgeti wgtu csp vtf un unga unsc unroca unoda unidir unodc unlirec unrcpd unrec salw"
    " manpads poa iti osce eu au ecowas sadc caricom sica oas cifta nato sipri iansa icrc ngo ngos"
    " cso csos io ios ddr ssr wmd mtcr nsg csv tsv xml json pdf docx xlsx xls doc html api url sdmx"
    " iso utf sql ui ux faq it id ict gdpr sop sops kpi kpis mou mous tor tors fyi asap eta cc bcc"
    " ok pc os ip vpn sso mfa otp usb gb mb kb tb ms pm am cet cest utc gmt ceo cfo cto hq hr"
    " pr qa it r&d ai ml nb ps pps ie eg etc vs no nos ref refs p pp vol ed eds"
)

# Local parts and labels of addresses that say nothing about who sent them.
GENERIC_ADDRESS_WORDS = words(
    "info contact office admin secretariat mail email enquiries inquiries hello team support"
    " webmaster noreply no-reply reply press media news gmail yahoo hotmail outlook live icloud"
    " proton protonmail gmx web mailbox www"
)

# Given names that are also dictionary words. A registered name made only of dictionary words is a name
# when written in full only if it starts with one of these ("Hope Young", "Grant Field"); otherwise it
# needs a name context ("Validation Messages" the registrant, not the validation messages of a form).
GIVEN_WORDS = words(
    "hope grace faith will mark rose dawn joy iris bill guy pat sue summer rich frank grant may june april"
    " august jack ivy lily daisy heather holly ruby amber pearl violet robin hunter mason carter taylor dean"
    " drew gene earl art bob martin gordon page field young best chase rex victor jean miles ray norman"
    " ken sky rain star angel autumn chance cliff dale don eve glen gray hazel jay jewel rocky rusty"
    " sandy stone sunny tony wade warren wendy"
)
