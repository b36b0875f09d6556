"""Sentences of realistic feedback on the ATT reporting tools.

Slots: {P} a registered person, {PV} a person followed by a reporting verb, {PP} a person's
possessive, {Q} an unregistered titled person, {O} an organisation, {OP} an organisation's
possessive, {C} a State, {CP} a State's possessive, {D} a demonym used as an adjective, {DP} a
demonym for people, {E} an e-mail, {T} a phone number, {W} a website. <<...>> marks substance that
must survive.
"""

WITH_IDENTITIES = (
    "As {P} noted during the <<CSP12>> consultation, the <<online reporting tool>> should pre-fill "
    "<<Article 11>> data from the previous <<annual report>>.",
    "{P} ({O}) suggested adding clearer <<validation messages>> to the <<initial report template>>.",
    "{PV} that the <<Excel>> export drops the <<Annex 2>> columns when the <<CSV>> option is chosen.",
    "{PP} proposal to add a <<search by keyword>> to the <<document library>> has strong support.",
    "We agree with {P} and {P} that the <<guidance on Article 13>> needs worked examples.",
    "The {D} delegation found the <<XML>> export useful but asked for <<JSON>> as well.",
    "{D} officials reported that the <<pre-filling>> of <<Article 15>> data saved them two days.",
    "In {C}, the <<national point of contact>> uses the <<information exchange platform>> monthly.",
    "{CP} practice is to submit the <<annual report>> before <<31 May>> each year.",
    "The delegation of {C} asked whether the <<reporting template>> could accept <<decimal quantities>>.",
    "As {C}, we find the <<drop-down lists>> in the <<online reporting tool>> too long.",
    "The {DP} raised the question of <<highlighting updated content>> between versions.",
    "Please contact {E} or call {T} about the <<XML schema>> for <<Article 11(2)>>.",
    "More details are on {W}, including a <<JSON sample>> for <<Article 13>> reports.",
    "{Q} raised the <<translation of the guidance>> at the <<WGTR>> meeting.",
    "{OP} survey of <<States Parties>> shows that <<45%>> use the <<Excel template>>.",
    "The {O} team tested the <<import function>> with a file of <<1 200 000>> rows.",
    "Colleagues from {O} and {O} would like <<notifications and subscriptions>> for new documents.",
    "{P} of {O} found the <<help text>> for <<Article 17>> unclear.",
    "Thanks to {P}, the {D} team piloted the <<offline template>> in <<2026-2027>>.",
    "{PV} that {C} and {C} report <<small arms and light weapons>> under different categories.",
    "I spoke with {P} ({E}, {T}) about <<version 2.1>> of the <<reporting template>>.",
    "{P}, who chairs the {D} working group, wants the <<Word export>> to keep headings.",
    "The proposal by {P} and the {O} to publish <<machine-readable data>> deserves follow-up.",
    "Our colleague {P} from {C} tested the <<validation rules>> on <<Annex 1>>.",
    "Feedback from the {D} authorities: the <<CSV import>> fails on <<UTF-8>> characters.",
    "{P}\u2019s comments on the <<Article 11>> section were forwarded to the <<ATT Secretariat>>.",
    "Reference: <<ATT/CSP12.WGTR/2026/CHAIR/836>>, comments by {P} ({C}).",
    "{P} and {Q} asked for <<guidance>> on <<transit and trans-shipment>>.",
    "The {DP} and the {DP} both supported <<built-in help>> in the <<online reporting tool>>.",
    "See {W} or write to {E} for the <<offline version>>.",
    "According to {P}, the <<information exchange platform>> should allow <<keyword search>>.",
    "Reviewed by {P}; contact {T} if the <<Excel>> macro fails.",
)

WITHOUT_IDENTITIES = (
    "The deadline of <<31 May 2027>> is tight; see <<page 4>> of the <<guidance>> for <<best practice>>.",
    "A <<French version>> of the <<reporting template>> and <<translations into Arabic and Spanish>> would help.",
    "The <<guidance>> is <<in Russian>> only for <<Article 7>>; an <<English-only>> interface is a barrier.",
    "A <<Chinese translation>> of the <<help text>> was requested by several <<States Parties>>.",
    "<<Young people>> and <<civil society>> should be able to read the <<annual reports>>.",
    "<<Best practice>> is to keep the <<CSV>> and <<XML>> exports in step with the <<Excel template>>.",
    "We <<hope>> the <<field>> for remarks will <<allow long>> explanations.",
    "The <<grant>> from the <<Voluntary Trust Fund>> paid for <<training in the field>>.",
    "<<Safe storage>> of data matters; the <<act of reporting>> should not expose officials.",
    "<<Peace and security>> depend on <<trust>> in the figures; <<care>> is needed with estimates.",
    "The <<radar>> and <<shield>> categories in the <<Annex>> confuse some users.",
    "<<Spanish-speaking>> users asked for the <<Portuguese text>> too.",
    "The <<Latin America>> and <<Caribbean>> workshop used the <<Inter-American Convention>> forms.",
    "Version <<v2.1>> fixed the <<date field>>; <<2026-2027>> figures now import cleanly.",
    "A <<long list>> of <<drop-down values>> slows the <<online reporting tool>> on <<mobile>>.",
    "The <<UN Register>> and the <<Wassenaar Arrangement>> use similar <<categories>>.",
    "<<Strong support>> was expressed for <<pre-filling>> from earlier reports.",
    "On <<Monday 12 May>> the <<WGTR>> discussed <<Article 11(2)>> and <<Article 13(3)>>.",
    "The <<rich text>> editor should <<mark>> changes and show <<page numbers>>.",
    "Reports <<may>> be submitted in <<Word>> or <<PDF>>; <<JSON>> is <<best>> for machines.",
    "<<Brazilian Portuguese>> and <<Canadian French>> spellings should both be accepted.",
    "The <<ATT Secretariat>> will <<grant>> access to the <<restricted area>> on request.",
)

REPORTING_VERBS = ("noted", "said", "suggested", "stressed", "explained", "argued", "observed", "recalled")
PEOPLE_NOUNS = (
    "delegation",
    "officials",
    "experts",
    "authorities",
    "customs officers",
    "representatives",
    "government",
    "mission",
    "ministry",
    "practice",
    "national report",
    "colleagues",
)
