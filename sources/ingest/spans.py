"""Which of many spans contain a point or overlap a range, without scanning them all.

Quotes, mentions, treaty names and date phrases of an article are each sorted
and mostly disjoint; asking "which ones are in this sentence?" for every
sentence by a full scan made a long article quadratic. Spans are kept sorted
by start with the running maximum of their ends, so a query walks back from
the range only as far as a span can still reach it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

T = TypeVar("T")


class SpanIndex(Generic[T]):
    def __init__(self, items: Iterable[T], span: Callable[[T], tuple[int, int]]):
        pairs = sorted(((span(item), n, item) for n, item in enumerate(items)), key=lambda x: x[:2])
        self._starts = [p[0][0] for p in pairs]
        self._ends = [p[0][1] for p in pairs]
        self._items = [p[2] for p in pairs]
        self._reach: list[int] = []
        reach = None
        for end in self._ends:
            reach = end if reach is None else max(reach, end)
            self._reach.append(reach)

    def __len__(self) -> int:
        return len(self._items)

    def overlapping(self, start: int, end: int) -> list[T]:
        """Items whose span overlaps [start, end), in order of their start."""
        found = []
        i = bisect_left(self._starts, end) - 1
        while i >= 0 and self._reach[i] > start:
            if self._ends[i] > start:
                found.append(self._items[i])
            i -= 1
        found.reverse()
        return found

    def containing(self, point: int) -> list[T]:
        """Items with start <= point < end."""
        found = []
        i = bisect_right(self._starts, point) - 1
        while i >= 0 and self._reach[i] > point:
            if self._ends[i] > point:
                found.append(self._items[i])
            i -= 1
        found.reverse()
        return found

    def starting_in(self, start: int, end: int) -> list[T]:
        """Items whose span starts in [start, end)."""
        return self._items[bisect_left(self._starts, start) : bisect_left(self._starts, end)]

    def first_starting_after(self, point: int) -> int:
        """Position (for ``items_from``) of the first item starting after ``point``."""
        return bisect_right(self._starts, point)

    def iter_from(self, position: int):
        for i in range(position, len(self._items)):
            yield self._items[i]


class Disjoint:
    """Non-overlapping spans taken so far, for "is this range still free?" in log time."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()):
        self._starts: list[int] = []
        self._ends: list[int] = []
        for s, e in spans:
            self.add(s, e)

    def free(self, start: int, end: int) -> bool:
        i = bisect_right(self._starts, start)
        if i and self._ends[i - 1] > start:
            return False
        return not (i < len(self._starts) and self._starts[i] < end)

    def add(self, start: int, end: int) -> None:
        i = bisect_right(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)
