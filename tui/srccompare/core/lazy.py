"""An attribute computed on first use and then kept, without a lock.

``functools.cached_property`` takes a lock on every first use before Python 3.12;
the flag detectors make tens of thousands of short-lived cells and pairs, each
asking a few such attributes once, and that lock was measured at about 7% of
their time. Objects here are never shared between threads while being built.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar, overload

T = TypeVar("T")


class lazy(Generic[T]):
    """``@lazy`` on a method: the first read calls it and stores the value in the instance's
    ``__dict__``, where later reads find it without calling anything (a non-data descriptor)."""

    def __init__(self, func: Callable[[Any], T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> lazy[T]: ...

    @overload
    def __get__(self, instance: object, owner: type | None = None) -> T: ...

    def __get__(self, instance: object | None, owner: type | None = None) -> T | lazy[T]:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.func(instance)
        return value
