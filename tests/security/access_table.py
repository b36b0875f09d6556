"""The declared access matrix: what every role gets from every URL of the project.

Each `Case` names a URL, the objects it is asked about (`@name` is an object of the test world, see
world.py) and, per role, the outcome of a GET. For a role whose GET is refused, the test also sends a
POST and expects the same refusal with nothing written. POST-only views say what a POST gets, role by
role (`ALLOWED` roles send it too, rolled back afterwards: neither refused nor a server error).

Roles: `anonymous`; `applicant` (registered, not approved), `declined`, and `withdrawn` and `removed`
(approved once, then left);
approved participants `owner` and `state_party` (States Parties: only they see restricted rounds, §9)
and one of each other category; `chair`, `secretariat`, `superuser`, each with a verified second
factor, and the same three without one (`*_no_2fa`). The objects that belong to a participant
(responses, pseudonyms, the feed token, the reset link) belong to `owner`.

Admin pages are declared by pattern at the end: every changelist, add, change, history and delete
page of every registered model is requested, so a newly registered model is covered at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Outcomes, as the test classifies a response.
OK = "200"
LOGIN = "login"  # redirected to the login page
TWO_FACTOR = "two-factor"  # redirected to give (or set up) the second factor
DENIED = "403"
NOT_FOUND = "404"
NOT_ALLOWED = "405"  # wrong HTTP method
BAD_REQUEST = "400"
REDIRECT = "redirect"  # redirected somewhere else (a role's own page, the next step...)
ALLOWED = "allowed"  # a POST the role may make: sent, and must not be refused
ALLOWED_THEN_TWO_FACTOR = "allowed, then two-factor"  # allowed, and ends on the second factor's set-up page

REFUSALS = frozenset({LOGIN, TWO_FACTOR, DENIED, NOT_FOUND})

PARTY = ("owner", "state_party")
OTHERS = (
    "signatory_state",
    "observer_state",
    "international_organisation",
    "regional_organisation",
    "civil_society",
    "industry",
)
UNVERIFIED = ("chair_no_2fa", "secretariat_no_2fa", "superuser_no_2fa")
GROUPS = {
    "anonymous": ("anonymous",),
    "not approved": ("applicant", "withdrawn", "declined", "removed"),
    "States Parties": PARTY,
    "other participants": OTHERS,
    "chair": ("chair",),
    "secretariat": ("secretariat", "superuser"),
    "unverified staff": UNVERIFIED,
}


def expect(
    *,
    anonymous: str = LOGIN,
    applicant: str = DENIED,
    withdrawn: str | None = None,
    party: str = DENIED,
    others: str | None = None,
    chair: str = DENIED,
    secretariat: str = DENIED,
    unverified: str = TWO_FACTOR,
    **roles: str,
) -> dict[str, str]:
    """Outcomes by group of roles: `withdrawn` (and `declined`, `removed`) defaults to `applicant`,
    `others` to `party`, the superuser to `secretariat`; any single role can be overridden by name."""
    table = {"anonymous": anonymous, "applicant": applicant}
    table.update(dict.fromkeys(("withdrawn", "declined", "removed"), withdrawn or applicant))
    table.update(dict.fromkeys(PARTY, party))
    table.update(dict.fromkeys(OTHERS, others or party))
    table.update(chair=chair, secretariat=secretariat, superuser=secretariat)
    table.update(dict.fromkeys(UNVERIFIED, unverified))
    table.update(roles)
    return table


EVERYONE = expect(anonymous=OK, applicant=OK, party=OK, chair=OK, secretariat=OK, unverified=OK)  # public pages
SECRETARIAT = expect(secretariat=OK)
CHAIR_AND_SECRETARIAT = expect(chair=OK, secretariat=OK)
PARTICIPANTS = expect(party=OK)  # approved participants only
READERS = expect(party=OK, chair=OK, secretariat=OK)  # round material (§15)
# A round (or its material) everyone who may read round material sees; applicants are refused by scope.
ROUND_FOR_ALL = expect(applicant=NOT_FOUND, party=OK, chair=OK, secretariat=OK)
# A restricted round (§9): States Parties, the Chair and the Secretariat; other participants get a 404.
ROUND_FOR_PARTIES = expect(applicant=NOT_FOUND, party=OK, others=NOT_FOUND, chair=OK, secretariat=OK)
# A draft round: only the Secretariat knows it exists.
ROUND_FOR_SECRETARIAT = expect(applicant=NOT_FOUND, party=NOT_FOUND, chair=NOT_FOUND, secretariat=OK)
ALL_METHODS_REFUSED = dict.fromkeys(expect(), NOT_ALLOWED)


def post_only(**groups: str) -> dict[str, str]:
    """A POST-only view: GET is refused for everyone; POST outcomes by group (allowed roles: ALLOWED)."""
    return expect(**groups)


@dataclass(frozen=True)
class Case:
    name: str  # the URL name (or the route, for an unnamed pattern)
    get: dict[str, str]
    kwargs: dict[str, object] = field(default_factory=dict)
    post: dict[str, str] | None = None  # POST-only views: the POST outcomes
    data: dict[str, object] = field(default_factory=dict)  # what a refused POST sends
    about: str = ""  # which object, when a URL is asked about several

    @property
    def label(self) -> str:
        return f"{self.name}[{self.about}]" if self.about else self.name


R = "round_id"
LOGGED_IN_REDIRECT = expect(applicant=REDIRECT, party=REDIRECT, chair=REDIRECT, secretariat=REDIRECT)


def round_cases(name: str, *, kw: dict | None = None, **per_round: dict[str, str]) -> list[Case]:
    """One case per round of the world (open, restricted, summarised, draft) that the URL is asked about."""
    return [
        Case(name, outcome, {R: f"@{which}_round", **(kw or {})}, about=which) for which, outcome in per_round.items()
    ]


def chair_round_cases(name: str, kw: dict | None = None) -> list[Case]:
    """The Chair's pseudonymous pages: readable rounds (open, closed, summarised); never a draft."""
    return round_cases(
        name,
        kw=kw,
        open=CHAIR_AND_SECRETARIAT,
        restricted=CHAIR_AND_SECRETARIAT,
        summarised=CHAIR_AND_SECRETARIAT,
        draft=expect(chair=NOT_FOUND, secretariat=NOT_FOUND),
    )


SECRETARIAT_POST = post_only(secretariat=ALLOWED)
CHAIR_POST = post_only(chair=ALLOWED, secretariat=ALLOWED)

CASES: list[Case] = [
    # --- Public pages, accounts and tokens ----------------------------------------------------------------
    Case("home", EVERYONE),
    Case("favicon.ico", dict.fromkeys(EVERYONE, REDIRECT)),
    # The user guides describe the product, not anyone's data: public, like the home page.
    Case("user_guide_index", EVERYONE),
    Case("user_guide", EVERYONE, {"role": "secretariat"}),
    Case("user_guide_image", EVERYONE, {"name": "expert-home.png"}),
    Case("dashboard", LOGGED_IN_REDIRECT),
    Case("login", expect(anonymous=OK, applicant=REDIRECT, party=REDIRECT, chair=REDIRECT, secretariat=REDIRECT)),
    Case("logout", ALL_METHODS_REFUSED),  # logging out is a POST, which anyone may make
    Case("account", expect(applicant=OK, party=OK, chair=OK, secretariat=OK)),
    Case("two_factor", expect(applicant=OK, party=OK, chair=OK, secretariat=OK, unverified=OK)),
    Case("two_factor_backup_codes", LOGGED_IN_REDIRECT),  # GET goes back; the codes are made by a POST
    Case(
        "two_factor_enrol_send",  # mails the set-up link to the logged-in account's own address
        ALL_METHODS_REFUSED,
        # Staff still without a second factor are sent back to its set-up page, which says the link is on its way.
        post=post_only(
            applicant=ALLOWED, party=ALLOWED, chair=ALLOWED, secretariat=ALLOWED, unverified=ALLOWED_THEN_TWO_FACTOR
        ),
    ),
    Case(
        "two_factor_enrol",  # a forged set-up link: refused; those who have a device go to their account page
        expect(applicant=REDIRECT, party=REDIRECT, chair=REDIRECT, secretariat=REDIRECT, unverified=BAD_REQUEST),
        {"token": "unknown"},
        about="a forged link",
    ),
    Case("password_reset", EVERYONE),
    Case("password_reset_done", EVERYONE),
    Case(
        "password_reset_confirm",
        dict.fromkeys(EVERYONE, REDIRECT),  # the token is the key: on to the form that sets the password
        {"uidb64": "@reset_uid", "token": "@reset_token"},
        about="someone's valid link",
    ),
    Case("password_reset_confirm", EVERYONE, {"uidb64": "@reset_uid", "token": "forged-token"}, about="forged"),
    Case("password_reset_complete", EVERYONE),
    Case("password_change", expect(applicant=OK, party=OK, chair=OK, secretariat=OK)),
    Case("password_change_done", expect(applicant=OK, party=OK, chair=OK, secretariat=OK)),
    Case(
        "participants:register",
        expect(
            anonymous=OK, applicant=REDIRECT, party=REDIRECT, chair=REDIRECT, secretariat=REDIRECT, unverified=REDIRECT
        ),
    ),
    Case("participants:register_done", EVERYONE),
    Case("participants:confirm_email", EVERYONE, {"token": "@confirmation_token"}, about="applicant's link"),
    Case("participants:confirm_email", dict.fromkeys(EVERYONE, BAD_REQUEST), {"token": "forged"}, about="forged"),
    Case("participants:accept_invitation", EVERYONE, {"token": "@invitation_token"}, about="pending"),
    Case("participants:accept_invitation", dict.fromkeys(EVERYONE, NOT_FOUND), {"token": "unknown"}, about="unknown"),
    # --- Applicants and participants: their own records only ----------------------------------------------
    Case(
        "participants:application_status",
        expect(applicant=OK, party=OK, chair=NOT_FOUND, secretariat=NOT_FOUND),
    ),
    Case(
        "participants:resend_confirmation",
        ALL_METHODS_REFUSED,
        post=post_only(applicant=ALLOWED, party=ALLOWED, chair=NOT_FOUND, secretariat=NOT_FOUND),
    ),
    Case("participants:profile", PARTICIPANTS, data={"section": "details", "full_name": "Changed"}),
    Case("participants:withdraw", PARTICIPANTS, data={"reason": "leaving"}),
    Case("participants:download_data", PARTICIPANTS),
    Case(
        "participants:request_erasure",  # anyone with a participant record, approved or not
        expect(applicant=OK, party=OK, chair=NOT_FOUND, secretariat=NOT_FOUND),
        data={"password": "correct horse battery staple", "confirm": "on"},
    ),
    # --- Invitations: the Chair and the Secretariat; the Chair only their own ------------------------------
    Case("participants:invitation_list", CHAIR_AND_SECRETARIAT),
    Case(
        "participants:invite",
        CHAIR_AND_SECRETARIAT,
        data={"email": "new@example.org", "category": "industry", "full_name": "New Person", "organisation": "Co"},
    ),
    *[
        Case(
            f"participants:{action}_invitation",
            ALL_METHODS_REFUSED,
            {"pk": f"@{inviter}_invitation"},
            post=post_only(chair=ALLOWED if inviter == "chair" else NOT_FOUND, secretariat=ALLOWED),
            about=f"by the {inviter}",
        )
        for action in ("resend", "revoke")
        for inviter in ("secretariat", "chair")
    ],
    # --- The Secretariat's people pages ---------------------------------------------------------------------
    Case("participants:participant_list", SECRETARIAT),
    *[Case("participants:export", SECRETARIAT, {"fmt": fmt}, about=fmt) for fmt in ("csv", "xlsx", "json", "xml")],
    Case("participants:export", expect(secretariat=NOT_FOUND), {"fmt": "exe"}, about="unknown format"),
    Case("participants:participant_detail", SECRETARIAT, {"pk": "@owner_participant"}),
    Case(
        "participants:decide",
        ALL_METHODS_REFUSED,
        {"pk": "@applicant_participant"},
        post=SECRETARIAT_POST,
        data={"decision": "approve"},
    ),
    Case(
        "participants:review_change",
        ALL_METHODS_REFUSED,
        {"pk": "@owner_participant"},
        post=SECRETARIAT_POST,
        data={"accept": "1"},
    ),
    *[
        Case(f"participants:{name}", ALL_METHODS_REFUSED, {"pk": "@owner_participant"}, post=SECRETARIAT_POST)
        for name in ("unlock", "reset_second_factor")
    ],
    Case("participants:erase", SECRETARIAT, {"pk": "@owner_participant"}, data={"confirm": "on"}),
    Case("participants:vetting_queue", SECRETARIAT),
    Case("participants:audit_trail", SECRETARIAT),
    Case("participants:audit_trail_csv", SECRETARIAT),
    # --- Rounds ----------------------------------------------------------------------------------------------
    Case("consult:round_list", CHAIR_AND_SECRETARIAT),
    Case("consult:secretariat_dashboard", SECRETARIAT),
    Case("consult:round_create", SECRETARIAT, data={"title": "Sneaky round"}),
    *round_cases(
        "consult:round_detail",
        open=ROUND_FOR_ALL,
        restricted=ROUND_FOR_PARTIES,
        summarised=ROUND_FOR_ALL,
        draft=ROUND_FOR_SECRETARIAT,
    ),
    *round_cases(
        "consult:round_ics",
        open=ROUND_FOR_ALL,
        restricted=ROUND_FOR_PARTIES,
        summarised=ROUND_FOR_ALL,
        draft=ROUND_FOR_SECRETARIAT,
    ),
    *round_cases("consult:round_edit", draft=SECRETARIAT, open=SECRETARIAT, summarised=expect(secretariat=REDIRECT)),
    *round_cases("consult:round_schedule", draft=SECRETARIAT, open=expect(secretariat=REDIRECT)),
    *round_cases("consult:round_open", draft=SECRETARIAT),
    *round_cases("consult:round_close", open=SECRETARIAT),
    Case("consult:round_cancel", SECRETARIAT, {R: "@draft_round"}, data={"reason": "no"}),
    *round_cases("consult:questionnaire", draft=SECRETARIAT, restricted=SECRETARIAT),
    Case("consult:question_add", SECRETARIAT, {R: "@draft_round"}, data={"key": "sneaky", "text": "?", "kind": "text"}),
    Case("consult:questionnaire_copy", ALL_METHODS_REFUSED, {R: "@draft_round"}, post=SECRETARIAT_POST),
    Case("consult:question_edit", SECRETARIAT, {"question_id": "@draft_question"}, data={"text": "Changed?"}),
    Case("consult:question_delete", SECRETARIAT, {"question_id": "@draft_question"}),
    Case("consult:question_retire", ALL_METHODS_REFUSED, {"question_id": "@open_question"}, post=SECRETARIAT_POST),
    Case(
        "consult:question_move",
        ALL_METHODS_REFUSED,
        {"question_id": "@draft_question"},
        post=SECRETARIAT_POST,
        data={"direction": "up"},
    ),
    # --- Documents: only through permission-checked views (§15) --------------------------------------------
    Case("consult:library", READERS),
    Case("consult:document_add", SECRETARIAT, {R: "@draft_round"}, data={"title": "Sneaky"}),
    *[
        Case(name, outcome, {"document_id": f"@{which}_document"}, about=which)
        for name in ("consult:document_detail", "consult:document_download")
        for which, outcome in (
            ("open", ROUND_FOR_ALL),
            ("restricted", ROUND_FOR_PARTIES),
            ("summarised", ROUND_FOR_ALL),
            ("draft", ROUND_FOR_SECRETARIAT),
        )
    ],
    *[
        Case(
            "consult:document_version_download",
            outcome,
            {"document_id": f"@{which}_document", "number": 1},
            about=which,
        )
        for which, outcome in (("restricted", ROUND_FOR_PARTIES), ("draft", ROUND_FOR_SECRETARIAT))
    ],
    Case(
        "consult:document_version_download",
        expect(applicant=NOT_FOUND, party=NOT_FOUND, chair=NOT_FOUND, secretariat=NOT_FOUND),
        {"document_id": "@open_document", "number": 9},
        about="no such version",
    ),
    Case("consult:document_version_add", SECRETARIAT, {"document_id": "@restricted_document"}),
    Case("consult:document_remove", ALL_METHODS_REFUSED, {"document_id": "@open_document"}, post=SECRETARIAT_POST),
    # --- Calendars: the per-round file needs a login; the feed's secret token is its key -------------------
    Case("consult:calendar", PARTICIPANTS),
    Case("consult:subscriptions", PARTICIPANTS, data={"frequency": "weekly"}),
    Case("consult:calendar_feed_reset", ALL_METHODS_REFUSED, post=post_only(party=ALLOWED)),
    Case("consult:calendar_feed", EVERYONE, {"token": "@owner_feed_token"}, about="owner's token"),
    Case(
        "consult:calendar_feed",
        dict.fromkeys(EVERYONE, NOT_FOUND),
        {"token": "@withdrawn_feed_token"},
        about="a withdrawn participant's token",
    ),
    Case("consult:calendar_feed", dict.fromkeys(EVERYONE, NOT_FOUND), {"token": "guessed"}, about="guessed"),
    # --- Meetings: time polls, replies, attendance (names for the Secretariat only) ---------------------
    Case("meetings:poll_create", expect(secretariat=REDIRECT), {R: "@meeting_round"}),  # a poll exists: to it
    Case("meetings:poll_results", CHAIR_AND_SECRETARIAT, {R: "@meeting_round"}),
    Case("meetings:poll_decide", SECRETARIAT, {R: "@meeting_round", "slot_id": "@meeting_slot"}),
    *[
        Case(f"meetings:poll_{action}", ALL_METHODS_REFUSED, {R: "@meeting_round"}, post=SECRETARIAT_POST)
        for action in ("close", "cancel")
    ],
    Case("meetings:poll_answer", PARTICIPANTS, {"poll_id": "@meeting_poll"}),
    Case("meetings:reply", EVERYONE, {"token": "@owner_reply_token"}, about="owner's link"),  # a POST confirms
    Case("meetings:reply", dict.fromkeys(EVERYONE, NOT_FOUND), {"token": "forged"}, about="forged"),
    Case(
        "meetings:reply_on_site",
        ALL_METHODS_REFUSED,
        {R: "@meeting_round"},
        post=post_only(party=ALLOWED),
        data={"answer": "declined"},
    ),
    Case("meetings:attendance", SECRETARIAT, {R: "@meeting_round"}, data={"attended": "1"}),
    Case("meetings:capacity", ALL_METHODS_REFUSED, {R: "@meeting_round"}, post=SECRETARIAT_POST),
    Case("feedback:meeting_notes", CHAIR_AND_SECRETARIAT, {R: "@meeting_round"}, data={"points": "x", "version": 1}),
    *[
        Case(f"feedback:meeting_notes_{action}", ALL_METHODS_REFUSED, {R: "@meeting_round"}, post=CHAIR_POST)
        for action in ("approve", "reopen")
    ],
    # The ESP's inbound webhook (calendar replies): POST only, behind anymail's basic-auth secret.
    Case(
        "anymail:postmark_inbound_webhook",
        ALL_METHODS_REFUSED,
        post=dict.fromkeys(EVERYONE, BAD_REQUEST),  # no secret: refused by anymail before any handler runs
    ),
    # --- Planning set-up ------------------------------------------------------------------------------------
    Case("consult:setup", SECRETARIAT),
    Case(
        "consult:cycle_create", SECRETARIAT, data={"name": "Sneaky", "starts_on": "2030-01-01", "ends_on": "2030-12-31"}
    ),
    Case("consult:cycle_edit", SECRETARIAT, {"cycle_id": "@current_cycle"}),
    # --- The Secretariat's report per cycle (the Chair reads it) and the follow-up ------------------------
    # The world has no generated report and no follow-up action: the pages that need one answer 404.
    Case("report:list", CHAIR_AND_SECRETARIAT),
    Case("report:detail", CHAIR_AND_SECRETARIAT, {"cycle_id": "@current_cycle"}),
    Case("report:progress", expect(chair=NOT_FOUND, secretariat=NOT_FOUND), {"cycle_id": "@current_cycle"}),
    Case("report:generate", ALL_METHODS_REFUSED, {"cycle_id": "@current_cycle"}, post=SECRETARIAT_POST),
    *[
        Case(
            f"report:{name}", ALL_METHODS_REFUSED, {"cycle_id": "@current_cycle"}, post=post_only(secretariat=NOT_FOUND)
        )
        for name in ("texts", "approve", "reopen")
    ],
    Case(
        "report:export", expect(chair=NOT_FOUND, secretariat=NOT_FOUND), {"cycle_id": "@current_cycle", "fmt": "docx"}
    ),
    Case("report:follow_ups", CHAIR_AND_SECRETARIAT),
    Case("report:follow_up_new", SECRETARIAT),
    Case("report:follow_up_edit", expect(secretariat=NOT_FOUND), {"follow_up_id": 999999}),
    Case(
        "report:follow_up_delete", ALL_METHODS_REFUSED, {"follow_up_id": 999999}, post=post_only(secretariat=NOT_FOUND)
    ),
    Case("report:mine", PARTICIPANTS),
    Case("consult:tool_create", SECRETARIAT, data={"name": "Sneaky tool"}),
    Case("consult:tool_edit", SECRETARIAT, {"tool_id": "@tool"}),
    Case("consult:att_meeting_create", SECRETARIAT),
    Case("consult:att_meeting_edit", SECRETARIAT, {"meeting_id": "@att_meeting"}),
    # --- Answering: approved participants, their own response only -----------------------------------------
    Case("feedback:participant_dashboard", PARTICIPANTS),
    *round_cases(
        "feedback:answer",
        open=expect(applicant=DENIED, party=OK),
        restricted=expect(party=OK, others=NOT_FOUND),
        summarised=expect(party=OK),  # read-only: what they sent
        draft=expect(party=NOT_FOUND),
    ),
    *[
        Case(
            "feedback:autosave",
            ALL_METHODS_REFUSED,
            {R: f"@{which}_round"},
            post=post,
            data={"version": 0, "q_improve": "Overwritten?"},
            about=which,
        )
        for which, post in (
            ("restricted", post_only(party=ALLOWED, others=NOT_FOUND)),
            ("draft", post_only(party=NOT_FOUND)),
        )
    ],
    # --- Questionnaire files: a participant's own copy pre-filled, blank for the Chair and the Secretariat ---
    *[
        Case("feedback:questionnaire_file", outcome, {R: f"@{which}_round", "fmt": fmt}, about=f"{which} {fmt}")
        for fmt in ("docx", "xlsx")
        for which, outcome in (
            ("open", expect(applicant=NOT_FOUND, party=OK, chair=OK, secretariat=OK)),
            ("restricted", ROUND_FOR_PARTIES),
            ("summarised", ROUND_FOR_ALL),
            ("draft", ROUND_FOR_SECRETARIAT),
        )
    ],
    Case(
        "feedback:questionnaire_file",
        expect(applicant=NOT_FOUND, party=NOT_FOUND, chair=NOT_FOUND, secretariat=NOT_FOUND),
        {R: "@open_round", "fmt": "exe"},
        about="unknown format",
    ),
    *[
        Case(
            "feedback:upload_answers",
            ALL_METHODS_REFUSED,
            {R: f"@{which}_round"},
            post=post,
            data={"questionnaire": ""},
            about=which,
        )
        for which, post in (
            ("open", post_only(party=ALLOWED)),
            ("restricted", post_only(party=ALLOWED, others=NOT_FOUND)),
            ("draft", post_only(party=NOT_FOUND)),
        )
    ],
    Case("feedback:record_offline_file", ALL_METHODS_REFUSED, {R: "@open_round"}, post=SECRETARIAT_POST),
    # The questionnaire as a participant will see it: the Chair and the Secretariat, before it opens too.
    *round_cases(
        "feedback:preview",
        meeting=CHAIR_AND_SECRETARIAT,  # scheduled, not open yet
        open=CHAIR_AND_SECRETARIAT,
        restricted=CHAIR_AND_SECRETARIAT,
        draft=expect(chair=NOT_FOUND, secretariat=OK),
    ),
    # --- The Chair's pseudonymous review, exports, and the Secretariat's identity pages ---------------------
    Case("feedback:chair_dashboard", CHAIR_AND_SECRETARIAT),
    *round_cases(
        "feedback:round_progress",
        restricted=CHAIR_AND_SECRETARIAT,
        summarised=CHAIR_AND_SECRETARIAT,
        draft=expect(chair=NOT_FOUND, secretariat=OK),  # the Secretariat follows its own drafts
    ),
    *chair_round_cases("feedback:response_list"),
    *round_cases(
        "feedback:question_index",  # on to the first question
        restricted=expect(chair=REDIRECT, secretariat=REDIRECT),
        draft=expect(chair=NOT_FOUND, secretariat=NOT_FOUND),
    ),
    *round_cases("feedback:question_detail", kw={"key": "improve"}, restricted=CHAIR_AND_SECRETARIAT),
    *round_cases(
        "feedback:response_detail",
        kw={"pseudonym": "@restricted_pseudonym"},
        restricted=CHAIR_AND_SECRETARIAT,
    ),
    Case(
        "feedback:response_detail",
        expect(chair=NOT_FOUND, secretariat=NOT_FOUND),
        {R: "@restricted_round", "pseudonym": "@open_pseudonym"},
        about="a pseudonym of another round",
    ),
    *[
        Case("feedback:export_answers", CHAIR_AND_SECRETARIAT, {R: "@restricted_round", "fmt": fmt}, about=fmt)
        for fmt in ("csv", "xlsx", "json", "xml")
    ],
    Case(
        "feedback:export_identities",
        ALL_METHODS_REFUSED,
        {R: "@open_round"},
        post=SECRETARIAT_POST,
        data={"fmt": "xml"},
    ),
    Case(
        "feedback:export_answers",
        expect(chair=NOT_FOUND, secretariat=NOT_FOUND),
        {R: "@draft_round", "fmt": "csv"},
        about="draft",
    ),
    Case("feedback:send_reminders", ALL_METHODS_REFUSED, {R: "@open_round"}, post=SECRETARIAT_POST),
    Case("feedback:record_offline", SECRETARIAT, {R: "@open_round"}),
    *round_cases("feedback:respondents", restricted=SECRETARIAT, draft=SECRETARIAT),
    Case(
        "feedback:original_file",
        SECRETARIAT,
        {R: "@summarised_round", "pseudonym": "@summarised_pseudonym"},
        about="offline letter",
    ),
    Case(
        "feedback:original_file",
        expect(secretariat=NOT_FOUND),
        {R: "@open_round", "pseudonym": "@open_pseudonym"},
        about="web answer: no file",
    ),
    # --- Files given in answers: the original to its owner and the Secretariat only; the Chair only ever
    # gets a copy the Secretariat released, and an unreleased file looks missing to it.
    Case("feedback:answer_files", CHAIR_AND_SECRETARIAT, {R: "@open_round"}),
    Case(
        "feedback:own_answer_file",
        expect(party=NOT_FOUND, owner=OK),
        {R: "@open_round", "token": "@owner_file"},
        about="the owner's file",
    ),
    Case(
        "feedback:answer_file_original",
        SECRETARIAT,
        {R: "@open_round", "token": "@owner_file"},
        about="unreleased",
    ),
    Case(
        "feedback:answer_file_original",
        SECRETARIAT,
        {R: "@open_round", "token": "@released_file"},
        about="released",
    ),
    Case(
        "feedback:answer_file_reviewed",
        expect(chair=NOT_FOUND, secretariat=NOT_FOUND),
        {R: "@open_round", "token": "@owner_file"},
        about="unreleased",
    ),
    Case(
        "feedback:answer_file_reviewed",
        CHAIR_AND_SECRETARIAT,
        {R: "@open_round", "token": "@released_file"},
        about="released",
    ),
    Case(
        "feedback:answer_file_reviewed",
        expect(chair=NOT_FOUND, secretariat=NOT_FOUND),
        {R: "@restricted_round", "token": "@released_file"},
        about="a file of another round",
    ),
    *[
        Case(
            f"feedback:answer_file_{action}",
            ALL_METHODS_REFUSED,
            {R: "@open_round", "token": "@released_file"},
            post=SECRETARIAT_POST,
            about="released",
        )
        for action in ("release", "withdraw")
    ],
    # --- Summaries --------------------------------------------------------------------------------------------
    *round_cases(
        "summary:detail",
        summarised=CHAIR_AND_SECRETARIAT,
        open=CHAIR_AND_SECRETARIAT,  # says the summary comes once the round closes
        draft=expect(chair=NOT_FOUND, secretariat=OK),
    ),
    *round_cases("summary:progress", summarised=CHAIR_AND_SECRETARIAT),
    Case("summary:edit_question", CHAIR_AND_SECRETARIAT, {R: "@summarised_round", "number": 1}),
    *[
        Case(f"summary:{action}", ALL_METHODS_REFUSED, {R: "@summarised_round"}, post=CHAIR_POST)
        for action in ("generate", "edit", "appendix", "approve", "reopen", "publish")
    ],
    *[
        Case("summary:export", CHAIR_AND_SECRETARIAT, {R: "@summarised_round", "fmt": fmt}, about=fmt)
        for fmt in ("md", "html", "docx", "json")
    ],
    Case(
        "summary:export",
        expect(chair=NOT_FOUND, secretariat=NOT_FOUND),
        {R: "@draft_round", "fmt": "md"},
        about="draft",
    ),
    # --- The Chair's analysis: themes, coding, suggestions, coded data ----------------------------------------
    *chair_round_cases("analysis:overview"),
    Case("analysis:theme_create", ALL_METHODS_REFUSED, {R: "@restricted_round"}, post=CHAIR_POST, data={"name": "X"}),
    Case("analysis:theme", CHAIR_AND_SECRETARIAT, {R: "@restricted_round", "theme_id": "@restricted_theme"}),
    Case(
        "analysis:theme",
        expect(chair=NOT_FOUND, secretariat=NOT_FOUND),
        {R: "@restricted_round", "theme_id": "@open_theme"},
        about="a theme of another round",
    ),
    *round_cases(
        "analysis:question",
        kw={"key": "improve"},
        restricted=CHAIR_AND_SECRETARIAT,
        summarised=CHAIR_AND_SECRETARIAT,
    ),
    Case(
        "analysis:question",
        expect(chair=NOT_FOUND, secretariat=NOT_FOUND),
        {R: "@draft_round", "key": "q1"},
        about="draft",
    ),
    Case("analysis:code", expect(chair=REDIRECT, secretariat=REDIRECT), {R: "@restricted_round", "key": "improve"}),
    Case(
        "analysis:code_answer",
        CHAIR_AND_SECRETARIAT,
        {R: "@restricted_round", "key": "improve", "pseudonym": "@restricted_pseudonym"},
        data={"theme": "1", "new_theme": "Written by a refused role?"},
    ),
    Case(
        "analysis:code_answer",
        expect(chair=NOT_FOUND, secretariat=NOT_FOUND),
        {R: "@restricted_round", "key": "improve", "pseudonym": "@open_pseudonym"},
        about="a pseudonym of another round",
    ),
    Case("analysis:suggestions", CHAIR_AND_SECRETARIAT, {R: "@restricted_round", "key": "improve"}),
    *[
        Case("analysis:export_coding", CHAIR_AND_SECRETARIAT, {R: "@restricted_round", "fmt": fmt}, about=fmt)
        for fmt in ("csv", "xlsx")
    ],
    Case(
        "analysis:export_coding",
        expect(chair=NOT_FOUND, secretariat=NOT_FOUND),
        {R: "@draft_round", "fmt": "csv"},
        about="draft",
    ),
    Case("analysis:import_coding", ALL_METHODS_REFUSED, {R: "@restricted_round"}, post=CHAIR_POST),
]

# --- The admin, by pattern ------------------------------------------------------------------------------------

# Who reaches the admin at all: verified staff with the admin flag. Everyone else is refused the same way
# on every admin URL, whatever the model: the Chair has no admin; staff without their second factor are
# sent to give it first. For the two roles marked ADMIN, see ADMIN_MODELS and ADMIN_OTHER_PAGES.
ADMIN = "admin"
ADMIN_ROLES = expect(secretariat=ADMIN)

# The pages each model offers the Secretariat, and the superuser when different. A page not listed is
# refused (403).
ADMIN_PAGES = ("changelist", "add", "change", "history", "delete")
ADMIN_MODELS: dict[str, dict[str, tuple[str, ...]]] = {
    "auth.group": {"secretariat": (), "superuser": ADMIN_PAGES},
    "axes.accessattempt": {"secretariat": ("changelist", "change", "history")},
    "axes.accesslog": {"secretariat": ("changelist", "change", "history")},
    "participants.user": {"secretariat": ("changelist", "add", "change", "history")},
    "participants.participant": {"secretariat": ("changelist", "change", "history")},
    "participants.invitation": {"secretariat": ("changelist", "change", "history")},
    "participants.auditevent": {"secretariat": ("changelist", "change", "history")},
    "participants.outboundemail": {"secretariat": ("changelist", "change", "history")},
    "consult.cycle": {"secretariat": ADMIN_PAGES},
    "consult.tool": {"secretariat": ADMIN_PAGES},
    "consult.attmeeting": {"secretariat": ADMIN_PAGES},
    "consult.round": {"secretariat": ("changelist", "change", "history")},
    "consult.document": {"secretariat": ("changelist", "change", "history", "delete")},
    "consult.documentdownload": {"secretariat": ("changelist", "change", "history")},
    "feedback.submission": {"secretariat": ("changelist", "change", "history")},
}

# Admin URLs that are not a model page: name (or route) -> outcome for verified staff with the admin flag.
ADMIN_OTHER_PAGES: dict[str, str] = {
    "admin:index": OK,
    "admin:app_list": OK,
    "admin:login": REDIRECT,  # already in: on to the admin
    "admin:logout": NOT_ALLOWED,  # logging out is a POST
    "admin:password_change": OK,
    "admin:password_change_done": OK,
    "admin:autocomplete": DENIED,  # no autocomplete fields are configured
    "admin:jsi18n": OK,
    "admin:view_on_site": NOT_FOUND,  # no model has a public page
    "admin:auth_user_password_change": OK,
    "admin:participants_participant_import": OK,
    "admin:participants_participant_process_import": NOT_ALLOWED,
    "admin:participants_participant_export": OK,
    "admin:feedback_submission_import": OK,
    "admin:feedback_submission_process_import": NOT_ALLOWED,
    "admin:<object>": REDIRECT,  # the old change URL without /change/ redirects to it
    "admin:<catch-all>": NOT_FOUND,
}
