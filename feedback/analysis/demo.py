"""Demo coding for `make run`: a codebook for the closed round and its answers tagged, so the summary
shows themes with counts and quotes (idempotent: a round that has themes is left alone)."""

from __future__ import annotations

from consult.models import QuestionKind, Round
from feedback.analysis import selectors, services
from feedback.analysis.models import Theme
from participants.models import User
from participants.permissions import CHAIR

# Theme name, description, and words that mark an answer as raising it (demo only: the Chair codes by hand).
THEMES = [
    ("Guidance beside the tables", "Guidance and examples where the data is entered.", ("guidance", "examples")),
    ("Nil reports", "A quick way to report that there was nothing to report.", ("nil",)),
    ("Category definitions", "Clearer categories of conventional arms.", ("categor",)),
    ("Excel template", "A spreadsheet version that goes back into the online tool.", ("excel",)),
]


def seed(closed_round: Round) -> None:
    closed_round.refresh_from_db()
    if Theme.objects.filter(round=closed_round).exists():
        return
    chair = User.objects.filter(groups__name=CHAIR).order_by("pk").first()
    question = closed_round.questions.filter(kind=QuestionKind.TEXT).order_by("order").first()
    if question is None:
        return
    themes = [
        (services.create_theme(round_id=closed_round.pk, by=chair, name=name, description=about), words)
        for name, about, words in THEMES
    ]
    for _submission, pseudonym, text in selectors.raw_answers(closed_round, question):
        chosen = {theme.pk for theme, words in themes if any(word in text.lower() for word in words)}
        if chosen:
            services.set_answer_themes(
                round_id=closed_round.pk, by=chair, pseudonym=pseudonym, question_key=question.key, theme_ids=chosen
            )
