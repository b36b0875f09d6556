"""`is_<value>` properties for a model's choice fields, so templates ask the model, not strings.

`{% if round.is_open %}` cannot go out of step with the states the way `{% if round.state == "open" %}`
can: rename a state and the template fails loudly instead of silently never matching.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.db import models

ModelT = TypeVar("ModelT", bound=type)


def state_flags(field: str, choices: type[models.TextChoices]) -> Callable[[ModelT], ModelT]:
    """Class decorator: one read-only `is_<value>` property per choice of `field`."""

    def decorate(cls: ModelT) -> ModelT:
        for value in choices.values:
            name = f"is_{value}"
            if name in cls.__dict__:
                raise TypeError(f"{cls.__name__}.{name} is defined twice")
            setattr(cls, name, property(_flag(field, value), doc=f"{field} is {value!r}"))
        return cls

    return decorate


def _flag(field: str, value: str) -> Callable[[Any], bool]:
    return lambda instance: getattr(instance, field) == value
