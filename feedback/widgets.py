"""Widgets for the questionnaire's ranking and grid questions: one labelled control per item or row,
so both work without JavaScript, with a keyboard, and on a phone (rows stack, nothing scrolls sideways)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class _Rows(forms.MultiWidget):
    """One sub-widget per row, each shown with its row's label."""

    def __init__(self, labels: list[str], widgets: list[forms.Widget], attrs: dict | None = None) -> None:
        self.labels = labels
        super().__init__(widgets, attrs)

    def decompress(self, value: Any) -> list[Any]:
        return list(value) if isinstance(value, list | tuple) else [None] * len(self.labels)

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["rows"] = list(zip(self.labels, context["widget"]["subwidgets"], strict=True))
        return context


class RankingWidget(_Rows):
    """A rank box (1, 2, 3...) beside each item."""

    template_name = "feedback/widgets/ranking.html"

    def __init__(self, labels: list[str], attrs: dict | None = None) -> None:
        ranks = [("", _("No rank")), *((str(rank), str(rank)) for rank in range(1, len(labels) + 1))]
        super().__init__(labels, [forms.Select(choices=ranks) for _label in labels], attrs)


class GridWidget(_Rows):
    """One row of radio buttons on the scale for each statement."""

    template_name = "feedback/widgets/grid.html"

    def __init__(self, labels: list[str], scale: list[tuple[str, str]], attrs: dict | None = None) -> None:
        super().__init__(labels, [forms.RadioSelect(choices=scale) for _label in labels], attrs)
