"""The drawn cases of a case space: drawn by hypothesis once, then kept.

Derandomised, hypothesis draws the same cases from the same space on every
run (the draws never depend on the solution: a check never raises into it).
So they are drawn once and kept, in this process and in the cache dir: a
later `check` neither imports hypothesis (about 0.2 s, a third of the
import floor) nor runs its engine. The key covers the space, the count and
hypothesis' version; a missing, foreign or damaged file means "draw again".
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

# Bumped when the way cases are drawn changes (the strategy, the settings).
DRAW_FORMAT = 1


@dataclass(frozen=True)
class Case:
    """One drawn case: named sizes, a seed for the values, a scale, and whether inputs are all zero."""

    sizes: Mapping[str, int]
    seed: int = 0
    scale: float = 1.0
    zero: bool = False
    extra: Mapping[str, Any] = field(default_factory=dict)

    def __getitem__(self, name: str) -> int:
        return self.sizes[name]

    def __str__(self) -> str:
        text = ", ".join(f"{k}={v}" for k, v in self.sizes.items())
        if self.zero:
            return f"{text}, all-zero inputs"
        return f"{text}, values scaled by {self.scale:g}" if self.scale != 1.0 else text


@dataclass(frozen=True)
class CaseSpace:
    """What `cases()` describes: sizes in inclusive ranges, value scales, all-zero inputs or not."""

    ranges: tuple[tuple[str, int, int], ...]
    scales: tuple[float, ...]
    zero: bool

    def strategy(self) -> SearchStrategy[Case]:
        from hypothesis import strategies as st

        names = [name for name, _, _ in self.ranges]
        return st.builds(
            Case,
            sizes=st.tuples(*(st.integers(lo, hi) for _, lo, hi in self.ranges)).map(
                lambda drawn: dict(zip(names, drawn, strict=True))
            ),
            seed=st.integers(0, 2**20),
            scale=st.sampled_from(self.scales),
            zero=st.sampled_from((False,) * 5 + (True,)) if self.zero else st.just(False),
        )


_kept: dict[tuple[CaseSpace, int], list[Case]] = {}


def drawn_cases(
    space: CaseSpace,
    count: int,
    draw: Callable[[CaseSpace, int], list[Case]],
    folder: Path | None,
) -> list[Case]:
    """The cases `draw(space, count)` gives, from memory, the cache file, or drawn now."""
    if (space, count) in _kept:
        return _kept[space, count]
    key = _key(space, count)
    found = _load(folder, key)
    if found is None:
        found = draw(space, count)
        _store(folder, key, found)
    _kept[space, count] = found
    return found


def _key(space: CaseSpace, count: int) -> str:
    try:
        version = metadata.version("hypothesis")
    except metadata.PackageNotFoundError:
        version = "?"
    text = json.dumps([DRAW_FORMAT, version, count, space.ranges, space.scales, space.zero])
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def _path(folder: Path, key: str) -> Path:
    return folder / f"drawn-cases-{key}.json"


def _load(folder: Path | None, key: str) -> list[Case] | None:
    if folder is None:
        return None
    try:
        with _path(folder, key).open("rb") as file:
            if os.fstat(file.fileno()).st_uid != os.getuid():
                return None  # another user's file could steer the grading: draw instead
            rows = json.loads(file.read())
        return [_case(row) for row in rows]
    except (OSError, ValueError, TypeError, KeyError):
        return None


def _case(row: dict[str, Any]) -> Case:
    sizes = row["sizes"]
    if not isinstance(sizes, dict) or not all(isinstance(v, int) for v in sizes.values()):
        raise TypeError("sizes")
    return Case(
        sizes=sizes, seed=int(row["seed"]), scale=float(row["scale"]), zero=bool(row["zero"])
    )


def _store(folder: Path | None, key: str, found: list[Case]) -> None:
    if folder is None:
        return
    rows = [
        {"sizes": dict(c.sizes), "seed": c.seed, "scale": c.scale, "zero": c.zero} for c in found
    ]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", dir=folder, prefix=".drawn-", suffix=".json", delete=False
        ) as file:
            json.dump(rows, file)
        os.replace(file.name, _path(folder, key))  # readers never see half a file
    except OSError:
        pass  # read-only or full: the next run draws again
