"""The anonymizer removes every known identity and every State, and keeps the substance (docs/anonymity.md)."""

import pytest

from feedback.anonymizer import PLACEHOLDERS, Anonymizer, Finding, Identity, Redaction, namelike
from participants.countries import COUNTRIES

REGISTRY = (
    Identity("Ingrid Marie Johansson", "ingrid.johansson@mfa.no", "+47 22 24 36 00", country="NO"),
    Identity("María José García López", "mjgarcia@rree.gob.pe", "+51 1 204 2400", country="PE"),
    Identity(
        "Jean-Pierre van der Berg",
        "jp.vanderberg@pcsab.org",
        "+41 22 917 12 34",
        "https://www.pcsab.org",
        "Pacific Customs and Security Advisory Board",
        "PCSAB",
    ),
    Identity("Aoife Ní Bhriain", "aoife@safe-forum.eu", organisation="Security and Arms Forum Europe", acronym="SAFE"),
    Identity("Milagros Winkelried Salazar", country="PE"),
    Identity("Theresa May", "t.may@fco.gov.uk", country="GB"),
    Identity("Hope Young", organisation="Arms Control Trust", acronym="ACT"),
    Identity("Gordon Page"),
    Identity("Martin Best"),
    Identity("Grant Field"),
    Identity("Anna Müller", country="DE"),
    Identity("Ahmed al-Hassan"),
    Identity("Seán O'Brien"),
    Identity("Wei Xu", country="CN"),
    Identity("Min-jun Choi", country="KR"),
    Identity(full_name="Olga Petrova"),  # a deleted participant's tombstone
    Identity(),
)


@pytest.fixture(scope="module")
def anonymizer() -> Anonymizer:
    return Anonymizer.build(REGISTRY)


def redacted(anonymizer: Anonymizer, text: str) -> str:
    return anonymizer.redact(text).text


# ---- people ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "Ingrid Marie Johansson",
        "Ingrid Johansson",
        "INGRID JOHANSSON",
        "ingrid johansson",
        "JOHANSSON Ingrid Marie",
        "JOHANSSON, Ingrid",
        "Johansson",
        "María José García López",
        "Maria Jose Garcia Lopez",
        "Garcia Lopez",
        "GARCÍA LÓPEZ, María José",
        "WINKELRIED SALAZAR Milagros",
        "Milagros Winkelried",
    ],
)
def test_a_registered_name_goes_in_any_order_case_or_accent_spelling(anonymizer, name):
    text = f"We thank {name} for the comments on Article 11."

    assert redacted(anonymizer, text) == "We thank [a participant] for the comments on Article 11."


@pytest.mark.parametrize("form", ["Ms. JOHANSSON", "Ms Johansson", "Ambassador Johansson", "Dr. I. Johansson"])
def test_a_title_goes_with_the_name(anonymizer, form):
    assert redacted(anonymizer, f"{form} agreed.") == "[a participant] agreed."


@pytest.mark.parametrize("form", ["I. Johansson", "I.M. Johansson", "I. M. Johansson", "I Johansson"])
def test_initials_go_with_the_surname(anonymizer, form):
    assert redacted(anonymizer, f"As {form} said, the template is long.") == (
        "As [a participant] said, the template is long."
    )


@pytest.mark.parametrize(
    "form",
    [
        "Jean-Pierre van der Berg",
        "J-P van der Berg",
        "J.-P. van der Berg",
        "Mr van der Berg",
        "Jean Pierre Vanderberg",
        "JP van der Berg",
    ],
)
def test_hyphens_and_particles_go_with_the_name(anonymizer, form):
    assert redacted(anonymizer, f"{form} tested the import.") == "[a participant] tested the import."


@pytest.mark.parametrize(
    "form",
    [
        "Aoife Ní Bhriain",
        "Aoife Ni Bhriain",
        "Ms Ní Bhriain",
        "Ahmed al-Hassan",
        "Ahmed Al Hassan",
        "Mr. Alhassan",
        "Seán O'Brien",
        "Sean O’Brien",  # noqa: RUF001
        "OBrien",
    ],
)
def test_irish_and_arabic_particles_go_with_the_name(anonymizer, form):
    assert redacted(anonymizer, f"Thanks to {form} for this.") == "Thanks to [a participant] for this."


@pytest.mark.parametrize("form", ["Anna Müller", "Anna Muller", "Anna Mueller", "MÜLLER Anna"])
def test_umlauts_match_every_spelling(anonymizer, form):
    assert redacted(anonymizer, f"{form} agreed.") == "[a participant] agreed."


def test_a_distinctive_given_name_alone_goes(anonymizer):
    assert redacted(anonymizer, "Ingrid and Milagros agreed.") == "[a participant] and [a participant] agreed."


def test_a_possessive_keeps_its_apostrophe_s(anonymizer):
    assert redacted(anonymizer, "Ingrid's idea and PCSAB’s view.") == (  # noqa: RUF001
        "[a participant]'s idea and [an organisation]’s view."  # noqa: RUF001
    )


def test_a_name_split_over_a_line_break_goes(anonymizer):
    assert redacted(anonymizer, "Ingrid\nJohansson said so.") == "[a participant] said so."
    assert redacted(anonymizer, "We asked Johans-\nson about it.") == "We asked [a participant] about it."
    assert redacted(anonymizer, "\nWe asked Johans-\nson.") == "\nWe asked [a participant]."  # a first line left blank


def test_a_two_letter_surname_goes_with_its_given_name_in_any_case(anonymizer):
    assert redacted(anonymizer, "Wei Xu and wei xu agreed.") == "[a participant] and [a participant] agreed."


def test_a_compound_given_name_of_ordinary_words_goes(anonymizer):
    assert redacted(anonymizer, "Min-jun agreed with CHOI Min-jun.") == ("[a participant] agreed with [a participant].")


def test_a_name_signing_off_on_its_own_line_goes(anonymizer):
    assert redacted(anonymizer, "Thanks.\nKind regards,\nHope") == "Thanks.\nKind regards,\n[a participant]"
    assert redacted(anonymizer, "Best,\nGrant Field") == "Best,\n[a participant]"
    assert redacted(anonymizer, "We hope so. Best, Hope") == "We hope so. Best, [a participant]"


def test_a_name_written_as_one_word_goes(anonymizer):
    assert redacted(anonymizer, "Ask @IngridJohansson or ijohansson.") == "Ask [a participant] or [a participant]."


def test_a_deleted_participants_tombstone_still_removes_the_name(anonymizer):
    assert redacted(anonymizer, "Olga Petrova raised this.") == "[a participant] raised this."


def test_a_blank_identity_changes_nothing(anonymizer):
    text = "The online reporting tool is slow."

    assert anonymizer.redact(text) == Redaction(text, ())


# ---- surnames that are ordinary words ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The deadline is 31 May 2027.",
        "Reports are due in May.",
        "See page 4 of the guidance.",
        "This is best practice.",
        "Best practice is to export to CSV.",
        "The grant paid for training.",
        "Young people read the reports.",
        "The field is mandatory.",
        "A Grant agreement was signed.",
        "The Page layout is fine.",
        "May I suggest a French version?",
        "We hope the tool will improve.",
    ],
)
def test_a_surname_that_is_an_ordinary_word_stays_outside_a_name_context(anonymizer, text):
    assert redacted(anonymizer, text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ms May said the 31 May deadline is tight.", "[a participant] said the 31 May deadline is tight."),
        ("Theresa May agreed.", "[a participant] agreed."),
        ("T. May agreed.", "[a participant] agreed."),
        ("Page's proposal is good.", "[a participant]'s proposal is good."),
        ("Young noted that the tool is slow.", "[a participant] noted that the tool is slow."),
        ("Hope Young agreed.", "[a participant] agreed."),
        ("Grant Field agreed.", "[a participant] agreed."),
        ("It was reviewed by Page and others.", "It was reviewed by [a participant] and others."),
        ("Johansson, Young and Best agreed.", "[a participant], [a participant] and [a participant] agreed."),
        ("Mr. BEST disagreed.", "[a participant] disagreed."),
        ("Best, who chairs the group, disagreed.", "[a participant], who chairs the group, disagreed."),
    ],
)
def test_a_surname_that_is_an_ordinary_word_goes_in_a_name_context(anonymizer, text, expected):
    assert redacted(anonymizer, text) == expected


# ---- organisations, e-mails, phones, websites --------------------------------------------------


def test_an_organisation_name_and_acronym_go(anonymizer):
    text = "The Pacific Customs and Security Advisory Board (PCSAB) tested it; pcsab agreed."

    assert redacted(anonymizer, text) == "[an organisation] ([an organisation]) tested it; [an organisation] agreed."


def test_an_acronym_that_is_a_word_goes_only_in_its_exact_case(anonymizer):
    text = "SAFE and ACT support safe storage and the act of reporting; the Act is separate."

    assert redacted(anonymizer, text) == (
        "[an organisation] and [an organisation] support safe storage and the act of reporting; the Act is separate."
    )


def test_an_organisation_of_ordinary_words_goes_only_when_capitalised(anonymizer):
    assert redacted(anonymizer, "The Arms Control Trust agreed.") == "[an organisation] agreed."
    assert redacted(anonymizer, "We need arms control trust.") == "We need arms control trust."


@pytest.mark.parametrize(
    "address",
    [
        "ingrid.johansson@mfa.no",
        "j.doe@example.org",
        "j.doe at example dot org",
        "j.doe [at] example [dot] org",
        "jdoe(at)example.org",
        "jdoe at example.org",
        "J.DOE [AT] EXAMPLE [DOT] ORG",
        "ingrid dot johansson at mfa dot no",
    ],
)
def test_e_mails_go_even_when_written_to_dodge_spam_filters(anonymizer, address):
    assert redacted(anonymizer, f"Write to {address} please.") == "Write to [e-mail] please."


@pytest.mark.parametrize(
    "number",
    [
        "+41 22 917 12 34",
        "+41 (0)22 917 12 34",
        "022 917 12 34",
        "022.917.12.34",
        "0041 22 917 1234",
        "(202) 555-0143",
        "202-555-0143",
        "917 12 34",
        "+47 22 24 36 00",
    ],
)
def test_phone_numbers_go_in_international_and_national_formats(anonymizer, number):
    assert redacted(anonymizer, f"Call {number} today.") == "Call [phone] today."


@pytest.mark.parametrize(
    "text",
    [
        "Figures for 2026-2027 are due on 2027-05-31 or 31.05.2027.",
        "See ATT/CSP12.WGTR/2026/CHAIR/836 and Article 11(2).",
        "Version v2.1.3 exported 1 200 000 rows, 45.5% of the total.",
        "Articles 7, 11 and 13 apply since 2014.",
    ],
)
def test_years_dates_references_and_amounts_are_not_phone_numbers(anonymizer, text):
    assert redacted(anonymizer, text) == text


@pytest.mark.parametrize("site", ["https://www.pcsab.org/reports", "www.pcsab.org", "pcsab.org", "example.net"])
def test_websites_and_bare_domains_go(anonymizer, site):
    assert redacted(anonymizer, f"See {site} for more.") == "See [website] for more."


def test_the_domain_of_a_participants_e_mail_goes(anonymizer):
    assert redacted(anonymizer, "Everyone at rree.gob.pe agreed.") == "Everyone at [website] agreed."


def test_file_names_and_abbreviations_are_not_websites(anonymizer):
    text = "Attach report.pdf or data.xlsx, e.g. the README.md file, i.e. the schema."

    assert redacted(anonymizer, text) == text


# ---- States ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "Peru",
        "the Republic of Peru",
        "the UK",
        "the U.K.",
        "the United Kingdom",
        "Great Britain",
        "Türkiye",
        "Turkey",
        "Viet Nam",
        "Vietnam",
        "Côte d'Ivoire",
        "Cote d'Ivoire",
        "Ivory Coast",
        "the USA",
        "the United States of America",
        "Holland",
        "Burma",
        "Swaziland",
        "Czechia",
        "the Czech Republic",
        "the DRC",
        "the Republic of Korea",
        "South Korea",
        "the Holy See",
        "the State of Palestine",
        "Taiwan",
        "Kosovo",
        "Hong Kong",
        "Puerto Rico",
        "the Netherlands",
        "Bolivia (Plurinational State of)",
    ],
)
def test_country_names_aliases_and_official_names_go(anonymizer, name):
    assert redacted(anonymizer, f"In {name}, the tool is used.") == "In [a State], the tool is used."


def test_every_state_in_the_gazetteer_goes_by_every_name(anonymizer):
    leaks = []
    for country in COUNTRIES:
        for name in country.names:
            text = f"The report of {name} is late."
            if name in redacted(anonymizer, text):
                leaks.append(name)

    assert leaks == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("As Peru, we agree.", "As [a State], we agree."),
        ("Norway's practice differs.", "[a State]'s practice differs."),
        ("The delegation of Peru agreed.", "The delegation of [a State] agreed."),
        ("The Peruvian delegation agreed.", "The [national] delegation agreed."),
        ("Norwegian officials agreed.", "[national] officials agreed."),
        ("The French delegation agreed.", "The [national] delegation agreed."),
        ("In Spanish practice it differs.", "In [national] practice it differs."),
        ("The Peruvians agreed.", "The [nationals] agreed."),
    ],
)
def test_a_state_goes_however_it_is_named(anonymizer, text, expected):
    assert redacted(anonymizer, text) == expected


def test_an_iso_code_in_brackets_goes_with_its_state(anonymizer):
    assert redacted(anonymizer, "Peru (PE) and Norway (NO) agreed.") == "[a State] and [a State] agreed."


def test_every_demonym_goes_before_a_people_noun(anonymizer):
    leaks = []
    for country in COUNTRIES:
        for demonym in country.demonyms:
            text = f"The {demonym} delegation asked for it."
            if demonym in redacted(anonymizer, text):
                leaks.append(demonym)

    assert leaks == []


@pytest.mark.parametrize(
    "text",
    [
        "A French version would help.",
        "We need translations into Arabic and Spanish.",
        "The guidance exists in Russian.",
        "An English-only interface is a barrier.",
        "The Chinese translation is late.",
        "Spanish-speaking users asked for it.",
        "It is available in Arabic, Chinese, French, Russian and Spanish.",
        "French and Spanish versions are needed.",
        "Brazilian Portuguese spellings differ.",
    ],
)
def test_a_demonym_used_as_a_language_stays(anonymizer, text):
    assert redacted(anonymizer, text) == text


@pytest.mark.parametrize(
    "text",
    [
        "The turkey and the china were on the table.",
        "Please let us know.",
        "The Caribbean and Central Asia use the Inter-American Convention.",
        "The Organization of American States reports too.",
        "States Parties and Signatory States asked the ATT Secretariat.",
    ],
)
def test_words_and_regions_that_look_like_states_stay(anonymizer, text):
    assert redacted(anonymizer, text) == text


def test_the_us_abbreviation_goes_in_capitals(anonymizer):
    assert redacted(anonymizer, "The US agreed.") == "[a State] agreed."


def test_other_abbreviations_go_in_any_case(anonymizer):
    assert redacted(anonymizer, "the uk and usa agreed") == "[a State] and [a State] agreed"


@pytest.mark.parametrize(
    "text",
    [
        "The guidance in French and Spanish lags behind the English version.",
        "A Spanish-language version exists; Russian speakers use the English text.",
        "Translation into French, Spanish and Arabic is planned.",
    ],
)
def test_languages_after_a_preposition_stay_whatever_verb_follows(anonymizer, text):
    assert redacted(anonymizer, text) == text


# ---- people who never registered ------------------------------------------------------------------


@pytest.mark.parametrize(
    "form",
    [
        "Ambassador Okonkwo",
        "Dr. Smith",
        "Ms. Fitzgerald-Hayes",
        "Prof. A. Lindgren",
        "H.E. Mr. Ali bin Salman",
        "Colonel Abernathy",
        "Minister Kuznetsova",
    ],
)
def test_an_unregistered_name_after_a_title_goes(anonymizer, form):
    assert redacted(anonymizer, f"{form} raised the issue.") == "[a person] raised the issue."


@pytest.mark.parametrize(
    "text",
    [
        "The Director General and the Secretary General attended.",
        "The Chair's draft report went to the General Assembly.",
        "The WGTR Chair and the ATT Secretariat use CSV Export.",
        "Dr. and Mrs. are titles.",
    ],
)
def test_titles_and_acronyms_without_a_name_stay(anonymizer, text):
    assert redacted(anonymizer, text) == text


def test_a_registered_acronym_beside_a_given_name_stays_an_organisation(anonymizer):
    assert redacted(anonymizer, "As a member of PCSAB, Ingrid agreed.") == (
        "As a member of [an organisation], [a participant] agreed."
    )


def test_a_phone_keeps_the_closing_bracket_of_the_sentence(anonymizer):
    assert redacted(anonymizer, "(tel. +41 22 917 12 34) agreed") == "(tel. [phone]) agreed"


def test_an_upper_case_surname_beside_a_given_name_goes(anonymizer):
    assert redacted(anonymizer, "OKONKWO Chidi and Chidi OKONKWO agreed.") == "[a person] and [a person] agreed."


# ---- substance ------------------------------------------------------------------------------------


def test_substance_survives(anonymizer):
    text = (
        "The online reporting tool should pre-fill Article 11 and Article 13(3) data from the annual report; "
        "the Excel, CSV, XML and JSON exports of ATT/CSP12.WGTR/2026/CHAIR/836 (v2.1) are used by 45% of "
        "States Parties for 2026-2027, says the ATT Secretariat to the WGTR at CSP12 on Monday 12 May."
    )

    assert redacted(anonymizer, text) == text


# ---- the contract ---------------------------------------------------------------------------------


def test_findings_point_into_the_original_text_in_order(anonymizer):
    text = "Ingrid Johansson (PCSAB, pcsab.org) from Peru."

    findings = anonymizer.scan(text)

    assert [f.kind for f in findings] == ["person", "organisation", "url", "country"]
    assert all(text[f.start : f.end] == f.text for f in findings)
    assert findings[0] == Finding("person", 0, 16, "Ingrid Johansson", "[a participant]")


def test_scan_finds_exactly_what_redact_replaces(anonymizer):
    text = "Ms May of SAFE (t.may@fco.gov.uk, +44 20 7008 1500) spoke for the UK."

    assert anonymizer.scan(text) == anonymizer.redact(text).findings


@pytest.mark.parametrize(
    "text",
    [
        "Ms May said the SAFE approach of Peru's delegation is best practice.",
        "The the Netherlands' and a PCSAB view; Ingrid Johansson's and Young's.",
        "[a participant] and [a State] and [an organisation] wrote [e-mail].",
    ],
)
def test_a_redacted_text_scans_clean(anonymizer, text):
    assert anonymizer.scan(redacted(anonymizer, text)) == ()


def test_placeholders_never_trigger(anonymizer):
    text = " ".join(PLACEHOLDERS) + " " + "'s ".join(PLACEHOLDERS)

    assert anonymizer.scan(text) == ()
    assert anonymizer.suspicious(text) == ()


def test_suspicious_flags_unknown_capitalised_words_left_in_place(anonymizer):
    findings = anonymizer.suspicious("We met Kowalczyk and the ATT Secretariat on Monday about Excel.")

    assert [(f.text, f.certain) for f in findings] == [("Kowalczyk", False)]


def test_the_gate_reads_a_prefix_and_ordinary_words_as_a_word_and_a_hyphenated_name_as_a_name():
    text = "Pre-filling, Co-operation and Mid-cycle reviews helped; Bi-Yun, Co-Pierre and Jean-Luc disagreed."

    assert [f.text for f in namelike.scan(text)] == ["Bi-Yun", "Co-Pierre", "Jean-Luc"]


def test_suspicious_ignores_substance_and_what_redact_removes(anonymizer):
    text = "Ingrid Johansson used Excel, CSV and XML for Article 11 in the WGTR, CSP12 and the Annex in June."

    assert anonymizer.suspicious(text) == ()


def test_a_registry_of_ten_thousand_identities_builds_and_redacts():
    """Build time is measured by `make bench` (anonymizer_build_10k_seconds), not asserted here."""
    registry = [
        Identity(
            f"Given{n} Family{n}",
            f"given{n}@org{n % 300}.org",
            f"+41 22 {n:07d}",
            "",
            f"Organisation number {n % 500}",
            f"ORG{n % 500}",
        )
        for n in range(10_000)
    ]

    anonymizer = Anonymizer.build(registry)

    assert redacted(anonymizer, "Given42 Family42 agreed.") == "[a participant] agreed."
    assert redacted(anonymizer, "Write to given9999@org99.org or ORG7.") == "Write to [e-mail] or [an organisation]."


# ---- the generated corpus -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus():
    from tests.corpus.generate import generate

    return generate(seed=2026, identities=3000, texts=1500)


def test_the_corpus_is_the_same_for_the_same_seed(corpus):
    from tests.corpus.generate import generate

    again = generate(seed=2026, identities=3000, texts=1500)

    assert again == corpus


def test_the_corpus_leaks_nothing_and_keeps_the_substance(corpus):
    from tests.corpus.generate import score

    anonymizer = Anonymizer.build(corpus.identities)

    redactions = [anonymizer.redact(sample.text) for sample in corpus.samples]

    result = score(corpus.samples, [[(f.start, f.end) for f in r.findings] for r in redactions])
    assert result.leaks == ()
    assert result.kept_rate >= 0.99
    assert result.leak_total > 5000
