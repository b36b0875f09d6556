"""The coded data out to CSV or XLSX for other tools, and theme assignments back in from the same file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from consult.models import Round
from feedback.analysis import coding_files, selectors
from feedback.analysis.models import Theme, ThemeTag
from feedback.analysis.services.errors import CodingFileRejected
from feedback.analysis.services.themes import create_theme
from feedback.redaction import text_cleaner
from participants import audit
from participants.import_errors import RowError
from participants.models import User
from participants.permissions import CHAIR, SECRETARIAT
from participants.policy import require
from participants.roster.files import UnreadableFile, load_dataset


@dataclass(frozen=True)
class CodingFile:
    filename: str
    content_type: str
    content: bytes


@dataclass(frozen=True)
class ImportResult:
    answers: int  # answers whose themes were set
    new_themes: list[str]


def coded_rows(round_: Round) -> list[coding_files.CodedRow]:
    clean = text_cleaner()
    themes = {theme.pk: theme.name for theme in Theme.objects.filter(round=round_)}
    rows = []
    for question in selectors.text_questions(round_):
        for answer in selectors.coded_answers(round_, question, clean=clean):
            names = sorted(themes[theme_id] for theme_id in answer.theme_ids)
            rows.append(coding_files.CodedRow(answer.pseudonym, question.key, answer.text, tuple(names)))
    return rows


@transaction.atomic
def export_coding(*, round_: Round, fmt: str, by: User | None) -> CodingFile:
    """Every free-text answer of the round, anonymized, with its themes. Raises KeyError for another format."""
    require(by, CHAIR, SECRETARIAT)
    content_type = coding_files.FORMATS[fmt]
    rows = coded_rows(round_)
    if fmt == "csv":
        content = coding_files.to_csv(rows)
    else:
        codebook = coding_files.Codebook(
            [(t.name, t.description, t.question.key if t.question else "") for t in selectors.codebook(round_)]
        )
        content = coding_files.to_xlsx(rows, codebook)
    audit.record(actor=by, action="theme.export_coding", target=round_, format=fmt, answers=len(rows))
    return CodingFile(f"consultation-{round_.pk}-coded-answers.{fmt}", content_type, content)


def _table(filename: str, content: bytes) -> list[list[object]]:
    try:
        dataset = load_dataset(content, Path(filename).suffix, name=filename)
    except UnreadableFile as exc:
        raise CodingFileRejected([RowError(0, "", str(exc))]) from exc
    return [list(dataset.headers or []), *[list(row) for row in dataset]]


@transaction.atomic
def import_coding(*, round_id: int, by: User | None, filename: str, content: bytes) -> ImportResult:
    """Set the themes of each answer in the file to those listed (an empty cell removes them); answers not
    in the file keep theirs. Theme names not in the codebook become new themes. All or nothing.

    Raises CodingFileRejected naming every bad row.
    """
    require(by, CHAIR, SECRETARIAT)
    round_ = Round.objects.select_for_update().get(pk=round_id)
    rows, errors = coding_files.read_rows(_table(filename, content))
    plan, errors = _plan(round_, rows, errors)
    if errors:
        raise CodingFileRejected(errors)
    themes = {theme.name.casefold(): theme for theme in Theme.objects.filter(round=round_)}
    new_themes = []
    for name in dict.fromkeys(name for _key, names in plan for name in names):
        if name.casefold() not in themes:
            themes[name.casefold()] = create_theme(round_id=round_.pk, by=by, name=name)
            new_themes.append(themes[name.casefold()].name)
    for (submission_id, question_id), names in plan:
        wanted = {themes[name.casefold()].pk for name in names}
        tags = ThemeTag.objects.filter(submission_id=submission_id, question_id=question_id)
        tags.exclude(theme_id__in=wanted).delete()
        had = set(tags.values_list("theme_id", flat=True))
        ThemeTag.objects.bulk_create(
            [ThemeTag(theme_id=pk, submission_id=submission_id, question_id=question_id) for pk in wanted - had]
        )
    audit.record(actor=by, action="theme.import_coding", target=round_, answers=len(plan), new_themes=new_themes)
    return ImportResult(answers=len(plan), new_themes=new_themes)


def _plan(
    round_: Round, rows: list[tuple[int, coding_files.CodedRow]], errors: list[RowError]
) -> tuple[list[tuple[tuple[int, int], tuple[str, ...]]], list[RowError]]:
    """Check every row against the round; return ((response id, question id), theme names) per row."""
    questions = {question.key: question for question in selectors.text_questions(round_)}
    answered = {
        key: {pseudonym: submission_id for submission_id, pseudonym, _text in selectors.raw_answers(round_, question)}
        for key, question in questions.items()
    }
    tied = {theme.name.casefold(): theme for theme in Theme.objects.filter(round=round_).exclude(question=None)}
    plan, seen, errors = [], {}, list(errors)
    for number, row in rows:
        problem = _row_problem(row, questions, answered, tied, seen.get((row.pseudonym, row.question)))
        if problem:
            errors.append(RowError(number, *problem))
            continue
        seen[row.pseudonym, row.question] = number
        submission_id = answered[row.question][row.pseudonym]
        plan.append(((submission_id, questions[row.question].pk), row.themes))
    return plan, sorted(errors, key=lambda error: error.row)


def _row_problem(row, questions, answered, tied, earlier_row) -> tuple[str, str] | None:
    if row.question not in questions:
        return "question", _("“%(key)s” is not a free-text question of this consultation.") % {"key": row.question}
    if row.pseudonym not in answered[row.question]:
        return "pseudonym", _("Respondent %(number)s gave no answer to “%(key)s”.") % {
            "number": row.pseudonym,
            "key": row.question,
        }
    if earlier_row:
        return "", _("This answer is already in row %(row)s.") % {"row": earlier_row}
    for name in row.themes:
        if len(name) > 80:
            return "themes", _("A theme name is longer than 80 characters: “%(name)s…”.") % {"name": name[:40]}
        theme = tied.get(name.casefold())
        if theme is not None and theme.question.key != row.question:
            return "themes", _("The theme “%(name)s” belongs to question “%(key)s”.") % {
                "name": theme.name,
                "key": theme.question.key,
            }
    return None
