"""Hot read queries built and compiled once per database connection; each call binds its own values.

Building a queryset (filter, annotate, select_related) and compiling it to SQL costs the ORM more CPU
than the database spends answering a lookup by key: on the pages every participant opens at a deadline
(the questionnaire, its autosave, the dashboard) it was the larger part of the page's own work. A
`PreparedQuery` builds its queryset once with placeholder values, keeps the SQL and the compiler, and
on each call puts the real values in the placeholders' places and lets Django's own iterables make
the objects, so the results are exactly what the queryset would give.

The builder must depend on its arguments only (no clock, no setting, no user): whatever else it reads
is frozen at the first call. Arguments are keys (integers, for columns of 32 bits or more) or lists of
keys, compiled once per length of each list; a builder whose SQL would hold one inline (a slice) or
drop it (a column too small for the placeholders), or that prefetches (more than one query), is
refused when it is first compiled.
"""

from __future__ import annotations

import copy
import inspect
import itertools
import operator
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet

T = TypeVar("T")

# Placeholders no key takes in practice, each one distinct: just under the largest 32-bit integer, so
# that they fit every integer column and a slice by one is still a (refused) LIMIT, not an error.
_PLACEHOLDER_BASE = 2**31 - 1000

Keys = int | list[int]  # an argument: a key, or a list of keys (one plan per length of the list)


def _shape(values: dict[str, Keys]) -> tuple[int | None, ...]:
    return tuple(len(value) if isinstance(value, list | tuple) else None for value in values.values())


class _Plan:
    """The compiled query of one connection and one shape of arguments: its SQL, its parameters and
    which of them are arguments (a list argument takes one parameter per key)."""

    def __init__(self, build: Callable[..., QuerySet], names: tuple[str, ...], shape: tuple[int | None, ...]) -> None:
        placeholders: dict[str, Keys] = {}
        where: dict[int, tuple[str, int | None]] = {}  # placeholder -> (argument, index in its list)
        numbers = itertools.count(_PLACEHOLDER_BASE)
        for name, length in zip(names, shape, strict=True):
            if length is None:
                placeholders[name] = next(numbers)
                where[placeholders[name]] = (name, None)
            else:
                placeholders[name] = [next(numbers) for _ in range(length)]
                where.update({number: (name, index) for index, number in enumerate(placeholders[name])})
        queryset = build(**placeholders)
        if queryset._prefetch_related_lookups or queryset._known_related_objects:
            raise ValueError("A prepared query runs one SQL statement: no prefetch_related, no related manager.")
        self.queryset = queryset
        self.compiler = queryset.query.get_compiler(using=queryset.db)
        try:
            self.sql, params = self.compiler.as_sql()
        except EmptyResultSet:
            if 0 not in shape:  # not an empty list: a placeholder out of its column's range, say
                raise
            self.sql, params, where = "", (), {}  # `pk__in=[]`: every call of this shape finds nothing
        self.params = list(params)
        self.slots = [(position, *where[value]) for position, value in enumerate(self.params) if value in where]
        unbound = {where[number][0] for number in set(where) - {value for value in self.params if value in where}}
        unbound |= {where[number][0] for number in where if str(number) in self.sql}
        if unbound:
            raise ValueError(f"Arguments not bound as SQL parameters: {sorted(unbound)}.")

    def bound(self, values: dict[str, Keys]) -> _BoundQuerySet:
        """What the queryset's iterable reads, with a compiler that answers the kept SQL and these values."""
        params = list(self.params)
        for position, name, index in self.slots:
            value = values[name]
            params[position] = value if index is None else value[index]
        compiler = copy.copy(self.compiler)
        compiler.as_sql = lambda *args, **kwargs: (self.sql, tuple(params))
        return _BoundQuerySet(self.queryset, compiler)


class _BoundQuery:
    """The queryset's query, except that its compiler is the prepared one."""

    def __init__(self, query: Any, compiler: Any) -> None:
        self._query = query
        self._compiler = compiler

    def get_compiler(self, *args: Any, **kwargs: Any) -> Any:
        return self._compiler

    def __getattr__(self, name: str) -> Any:
        return getattr(self._query, name)


class _BoundQuerySet:
    """As much of a QuerySet as Django's iterables (models, values, values_list) read."""

    def __init__(self, queryset: QuerySet, compiler: Any) -> None:
        self.db = queryset.db
        self.model = queryset.model
        self.query = _BoundQuery(queryset.query, compiler)
        self._known_related_objects: dict = {}
        self._fields = queryset._fields

    def results(self, iterable_class: Any) -> list:
        return list(iterable_class(self))


class PreparedQuery(Generic[T]):
    """`PreparedQuery(lambda round_id: Round.objects.filter(pk=round_id))(round_id=5)` is a list of rounds.

    An argument is a key or a list of keys (`pk__in=keys`); a builder may depend on a list's length."""

    def __init__(self, build: Callable[..., QuerySet[T]], *, using: str = DEFAULT_DB_ALIAS) -> None:
        self.build = build
        self.names = tuple(inspect.signature(build).parameters)
        self.using = using

    def _plan(self, shape: tuple[int | None, ...]) -> _Plan:
        plans = connections[self.using].__dict__.setdefault("_prepared_queries", {})
        plan = plans.get((self, shape))
        if plan is None:
            plan = plans[self, shape] = _Plan(self.build, self.names, shape)
        return plan

    def __call__(self, **values: Keys) -> list[T]:
        if set(values) != set(self.names):
            raise TypeError(f"Expected the arguments {self.names}, got {tuple(values)}.")
        keys = {name: _keys(values[name]) for name in self.names}
        plan = self._plan(_shape(keys))
        return plan.bound(keys).results(plan.queryset._iterable_class) if plan.sql else []

    def one(self, **values: Keys) -> T | None:
        """The first result, or None: for a lookup by key."""
        found = self(**values)
        return found[0] if found else None


def _keys(value: Keys) -> Keys:
    """A key or a list of keys, never text or a float (operator.index refuses them)."""
    return [operator.index(key) for key in value] if isinstance(value, list | tuple) else operator.index(value)
