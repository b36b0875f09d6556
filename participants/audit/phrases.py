"""The audit trail in words: each app registers how its actions read, and the trail is told as sentences.

An action is registered with a readable name (for the filter) and sentence templates that may use
{actor}, {target} (the object's label when it was recorded) and the event's details by name. Apps
register their own actions in their AppConfig.ready(), so this module knows no higher app.
An action nobody registered still reads sensibly: "Amina Okafor: round.frobnicate on “…”".
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

Template = str | Callable[[Mapping[str, Any]], str]


@dataclass(frozen=True)
class Phrase:
    """How one action reads. `automatic` is used when no one acted (the worker or a command);
    `by_self` when the person acted on their own record; `strip` is removed from the target's label."""

    label: Any
    sentence: Template
    automatic: Template = ""
    by_self: Template = ""
    strip: str = ""
    derive: Callable[[Mapping[str, Any]], Mapping[str, str]] | None = None  # more values from the details
    hide: tuple[str, ...] = ()  # details the sentence already conveys through derived values


@dataclass
class Vocabulary:
    groups: dict[str, Any] = field(default_factory=dict)  # action -> group name
    phrases: dict[str, Phrase] = field(default_factory=dict)
    links: dict[str, str] = field(default_factory=dict)  # target type -> URL name taking the id


VOCABULARY = Vocabulary()


def register(group: Any, phrases: Mapping[str, Phrase], *, links: Mapping[str, str] | None = None) -> None:
    """Add an app's actions (and the pages its targets link to) to the trail's vocabulary."""
    for action, phrase in phrases.items():
        VOCABULARY.groups[action] = group
        VOCABULARY.phrases[action] = phrase
    VOCABULARY.links.update(links or {})


def label_of(action: str) -> str:
    phrase = VOCABULARY.phrases.get(action)
    return str(phrase.label) if phrase else action


def action_choices(present: list[str]) -> list[tuple[str, list[tuple[str, str]]]]:
    """Filter choices grouped by area, readable names in alphabetical order; unregistered actions last."""
    grouped: dict[str, list[tuple[str, str]]] = {}
    for action in sorted(set(VOCABULARY.phrases) | set(present)):
        group = str(VOCABULARY.groups.get(action, _("Other")))
        grouped.setdefault(group, []).append((action, label_of(action)))
    return [(group, sorted(items, key=lambda item: item[1].casefold())) for group, items in sorted(grouped.items())]


@dataclass(frozen=True)
class Sentence:
    html: SafeString
    text: str
    extra: list[str]  # details the sentence does not already say, in words


def describe(event: Any) -> Sentence:
    """The event as a sentence, with the target linked to its page when there is one."""
    phrase = VOCABULARY.phrases.get(event.action)
    values = _values(event, phrase)
    template = _template(event, phrase, values)
    link = _link(event)
    target_html = format_html('<a href="{}">{}</a>', link, values["target"]) if link else values["target"]
    html = format_html(template, **{**values, "target": target_html})
    text = template.format(**values)
    used = {name for name in values if "{" + name + "}" in template}
    hidden = used | set(phrase.hide if phrase else ())
    return Sentence(html=html, text=text, extra=_extra(event.details or {}, hidden))


def actor_name(event: Any) -> str:
    actor = event.actor
    if actor is None:
        return _("The system")
    return actor.name or actor.email


def _values(event: Any, phrase: Phrase | None) -> dict[str, Any]:
    label = event.target_label or _("an item")
    if phrase and phrase.strip:
        label = label.removeprefix(phrase.strip)
    details = {key: _word(value) for key, value in (event.details or {}).items() if key.isidentifier()}
    derived = phrase.derive(event.details or {}) if phrase and phrase.derive else {}
    return {
        **details,
        **{f"{key}_count": len(value) for key, value in (event.details or {}).items() if isinstance(value, list)},
        **derived,
        "actor": actor_name(event),
        "target": label,
        "action": event.action,
        "from_state": event.from_state,
        "to_state": event.to_state,
    }


def _template(event: Any, phrase: Phrase | None, values: Mapping[str, Any]) -> str:
    if phrase is None:
        return "{actor}: {action} · {target}" if event.target_label else "{actor}: {action}"
    chosen = phrase.sentence
    if event.actor is None and phrase.automatic:
        chosen = phrase.automatic
    elif phrase.by_self and event.actor is not None and str(event.actor) == event.target_label:
        chosen = phrase.by_self
    template = str(chosen(values) if callable(chosen) else chosen)
    try:
        template.format(**values)
    except (KeyError, IndexError, ValueError):
        return "{actor}: " + str(phrase.label) + " · {target}"  # an older row without the expected details
    return template


def _link(event: Any) -> str:
    name = VOCABULARY.links.get(event.target_type)
    if not name or not event.target_id.isdigit():
        return ""
    return reverse(name, args=[int(event.target_id)])


HIDDEN_DETAILS = {"sha256", "filters", "messages", "pseudonyms"}


def _extra(details: Mapping[str, Any], used: set[str]) -> list[str]:
    return [
        f"{key.replace('_', ' ').capitalize()}: {_word(value)}"
        for key, value in details.items()
        if key not in used and f"{key}_count" not in used and key not in HIDDEN_DETAILS and not key.endswith("_id")
    ]


def _word(value: Any) -> str:
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return ", ".join(_word(item) for item in value) or "—"
    if isinstance(value, dict):
        return (
            " → ".join(str(value.get(key, "")) for key in ("from", "to"))
            if {"from", "to"} <= set(value)
            else str(value)
        )
    return "—" if value is None or value == "" else str(value)
