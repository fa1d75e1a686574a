"""Dataclasses that unpickle fast: what the build cache holds by the ten thousand."""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

T = TypeVar("T")


def pickled_by_fields(cls: type[T]) -> type[T]:
    """Pickle instances of the dataclass ``cls`` as the arguments of its constructor.

    A dataclass with slots unpickles through a generic ``__setstate__`` that
    looks its fields up again for every object. The plans hold tens of thousands
    of small objects, and every build that takes them from the cache reads them
    all: this halves that (0.10 s to 0.05 s for the guide's 144 plans). Fields
    not given to the constructor are made again by it (``__post_init__``).
    """
    names = tuple(f.name for f in dataclasses.fields(cls) if f.init)  # type: ignore[arg-type]

    def reduce(self: T) -> tuple[type[T], tuple[Any, ...]]:
        return cls, tuple(getattr(self, name) for name in names)

    setattr(cls, "__reduce__", reduce)  # noqa: B010  assigned after the class is made
    return cls
