"""Grading a large class as a job array: `grade --shard K/N`, then `grade merge OUT PARTS...`.

Shard K of N holds the submissions whose place in the list sorted by student
name is K-1 modulo N: the same shares on every machine and every run, each
within one submission of the others in size. `merge` joins the parts' CSV or
JSON files into one, refusing parts of different exercises and students
graded twice, and recomputes the summary from the joined rows.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from lstm_quiz.errors import UsageError
from lstm_quiz.grading.batch import Submission, SubmissionResult, summarize, write_results

_SHARD = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")


@dataclass(frozen=True)
class Shard:
    index: int  # 1-based: the K of K/N
    count: int

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


def parse_shard(text: str) -> Shard:
    """'K/N' with 1 <= K <= N (Slurm: --shard $SLURM_ARRAY_TASK_ID/N with --array=1-N)."""
    match = _SHARD.match(text)
    if not match:
        raise UsageError(f"--shard {text!r}: write K/N, e.g. --shard 2/8 (the 2nd of 8 shares)")
    index, count = int(match.group(1)), int(match.group(2))
    if count < 1 or not 1 <= index <= count:
        raise UsageError(f"--shard {text}: K must be between 1 and N (N at least 1)")
    return Shard(index, count)


def select_shard(submissions: list[Submission], shard: Shard) -> list[Submission]:
    """The shard's share, in name order."""
    ordered = sorted(submissions, key=lambda s: s.name)
    return [s for place, s in enumerate(ordered) if place % shard.count == shard.index - 1]


# ---------------------------------------------------------------- merge

_TYPES = {f.name: f.type for f in fields(SubmissionResult)}
_FORMULA_MARKS = ("=", "+", "-", "@", "\t", "\r")  # batch._cell prefixes these with '


@dataclass
class Part:
    path: Path
    exercise: str
    results: list[SubmissionResult]
    seconds: float | None  # the part's own grading time, when it recorded one


def _from_cell(name: str, value: str) -> Any:
    """A CSV cell back to its SubmissionResult field's value."""
    if value[:1] == "'" and value[1:2] in _FORMULA_MARKS:
        value = value[1:]
    kind = str(_TYPES[name])
    if kind == "int":
        return int(value)
    if kind == "float":
        return float(value)
    if kind == "bool":
        return value.strip().lower() == "true"
    return value


def _result(row: dict[str, Any], where: str, from_csv: bool) -> SubmissionResult:
    known = {k: v for k, v in row.items() if k in _TYPES}
    missing = [name for name in ("student", "verdict") if name not in known]
    if missing:
        raise UsageError(f"{where}: a row has no {missing[0]!r}: is this a 'grade --out' file?")
    if from_csv:
        known = {k: _from_cell(k, v or "") for k, v in known.items()}
    try:
        return SubmissionResult(**known)
    except TypeError as error:
        raise UsageError(f"{where}: a row does not match 'grade --out' ({error})") from None


def read_part(path: Path) -> Part:
    if not path.is_file():
        raise UsageError(f"no such file: {path}")
    suffix = path.suffix.lower()
    try:
        if suffix == ".json":
            data = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or not isinstance(data.get("results"), list):
                raise UsageError(f"{path}: not a 'grade --out FILE.json' file (no results list)")
            results = [_result(row, str(path), False) for row in data["results"]]
            summary = data.get("summary") or {}
            seconds = summary.get("seconds") if isinstance(summary, dict) else None
            return Part(path, str(data.get("exercise") or ""), results, seconds)
        if suffix == ".csv":
            with path.open(encoding="utf-8-sig", newline="") as stream:
                rows = list(csv.DictReader(stream))
            exercises = {row.get("exercise") or "" for row in rows}
            if len(exercises) > 1:
                raise UsageError(
                    f"{path}: rows of several exercises ({', '.join(sorted(exercises))})"
                )
            results = [_result(row, str(path), True) for row in rows]
            return Part(path, exercises.pop() if exercises else "", results, None)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, csv.Error, ValueError) as error:
        if isinstance(error, UsageError):
            raise
        raise UsageError(f"{path}: cannot be read as a grade result ({error})") from None
    raise UsageError(f"{path}: parts must end in .csv or .json")


def merge_parts(parts: list[Part]) -> tuple[str, list[SubmissionResult], float]:
    """(exercise, rows sorted by student, grading seconds added up); UsageError on a conflict."""
    unnamed = [p.path for p in parts if not p.exercise and p.results]
    if unnamed:
        raise UsageError(
            f"{unnamed[0]} does not say which exercise it grades (written by an older lstm-quiz): regrade it"
        )
    exercises = {p.exercise for p in parts if p.results}
    if len(exercises) > 1:
        raise UsageError("the parts grade different exercises: " + ", ".join(sorted(exercises)))
    owner: dict[str, Path] = {}
    rows: list[SubmissionResult] = []
    for part in parts:
        for result in part.results:
            if result.student in owner:
                raise UsageError(
                    f"student {result.student!r} is in two parts ({owner[result.student]} and {part.path}): "
                    "were the shards cut from different runs?"
                )
            owner[result.student] = part.path
            rows.append(result)
    seconds = sum(
        p.seconds if p.seconds is not None else sum(r.seconds for r in p.results) for p in parts
    )
    return (exercises.pop() if exercises else ""), sorted(rows, key=lambda r: r.student), seconds


def run_merge(paths: list[str]) -> int:
    """The `grade merge OUT PARTS...` command."""
    if len(paths) < 2:
        raise UsageError(
            "usage: lstm-quiz grade merge OUT PART [PART ...] (OUT ends in .csv or .json)"
        )
    out, part_paths = Path(paths[0]), [Path(p) for p in paths[1:]]
    if out.suffix.lower() not in (".csv", ".json"):
        raise UsageError(f"merge OUT must end in .csv or .json, not '{out.name}'")
    if len(set(part_paths)) != len(part_paths):
        raise UsageError("a part is given twice")
    exercise, rows, seconds = merge_parts([read_part(p) for p in part_paths])
    summary = summarize(rows, seconds)
    write_results(out, rows, summary, exercise=exercise)
    print(
        f"merged {len(part_paths)} parts: {summary.submissions} submissions of {exercise or '?'}, "
        f"{summary.passed} passed, {summary.failed} failed, {summary.errors} not gradable; "
        f"written to {out}",
        file=sys.stdout,
    )
    return 0
