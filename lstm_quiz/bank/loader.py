"""Finds question files, merges banks and reports every problem.

The bank is the shipped `question_bank/` folder plus the folders given with
`--bank DIR` and `$LSTM_QUIZ_BANK_PATH`. Each folder holds one YAML file per
topic (sub-folders are searched too) and may hold a `topics.yaml` that adds
topics and tags to the shipped vocabulary. An id used twice anywhere is an
error naming both places.
"""

from __future__ import annotations

import gc
from collections.abc import Sequence
from pathlib import Path

from lstm_quiz import paths
from lstm_quiz.bank.models import VOCABULARY_FILE, Bank, Question, Vocabulary
from lstm_quiz.bank.problems import BankError, Problem, display_path
from lstm_quiz.errors import UsageError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from lstm_quiz.bank.validate import FileResult

QUESTION_SUFFIXES = (".yaml", ".yml")


class BankReport:
    """The outcome of checking a set of question files."""

    def __init__(self, vocabulary: Vocabulary, problems: list[Problem]) -> None:
        self.vocabulary = vocabulary
        self.problems = problems
        self.questions: list[Question] = []
        self.files: list[Path] = []  # question files checked
        self.entries = 0  # question entries checked, valid or not
        self.all_ids: set[str] = set()  # every id seen, in targets and context

    @property
    def ok(self) -> bool:
        return not self.problems

    def bank(self) -> Bank:
        return Bank(tuple(self.questions), self.vocabulary, tuple(self.files))


def bank_dirs(cli_values: list[str] | None = None) -> list[Path]:
    """The shipped bank, then --bank folders, then $LSTM_QUIZ_BANK_PATH folders."""
    return [paths.shipped_bank_dir(), *paths.extra_dirs(cli_values, paths.ENV_BANK_PATH)]


def load_bank(extra: list[str] | None = None) -> Bank:
    """The merged bank; raises `BankError` listing every problem when there is any.

    A bank checked before, whose files have not changed since, comes from the
    cache (see `lstm_quiz.bank.cache`) without parsing any YAML.
    """
    from lstm_quiz.bank import cache

    dirs = bank_dirs(extra)
    vocab, questions = _expand(dirs)
    key = cache.cache_key([paths.shipped_bank_dir() / VOCABULARY_FILE, *vocab, *questions])
    folder = paths.cache_dir()
    cached = cache.load(folder, key)
    if cached is not None:
        return cached
    report = check_paths(dirs)
    if report.problems:
        raise BankError(report.problems)
    bank = report.bank()
    cache.store(folder, key, bank)
    return bank


def question_files(folder: Path) -> list[Path]:
    """The question files of a folder and its sub-folders (not topics.yaml, not hidden)."""
    found = [
        p
        for p in folder.rglob("*")
        if p.suffix in QUESTION_SUFFIXES
        and p.name != VOCABULARY_FILE
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
        and p.is_file()
    ]
    return sorted(found)


def _expand(targets: Sequence[Path]) -> tuple[list[Path], list[Path]]:
    """(vocabulary files, question files) named by files and folders, in order, once each."""
    vocab: list[Path] = []
    questions: list[Path] = []
    for target in targets:
        if target.is_dir():
            if (target / VOCABULARY_FILE).is_file():
                vocab.append(target / VOCABULARY_FILE)
            questions += question_files(target)
        elif target.is_file():
            if target.name == VOCABULARY_FILE:
                vocab.append(target)
            else:
                if (target.parent / VOCABULARY_FILE).is_file():
                    vocab.append(target.parent / VOCABULARY_FILE)
                questions.append(target)
        else:
            raise UsageError(f"question file or folder not found: {target}")
    return _unique(vocab), _unique(questions)


def _unique(files: list[Path]) -> list[Path]:
    seen: set[Path] = set()
    out: list[Path] = []
    for f in files:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def check_paths(targets: Sequence[Path], context: Sequence[Path] = ()) -> BankReport:
    """Check the question files in ``targets`` (files or folders) and report every problem.

    ``context`` folders (e.g. the shipped bank when checking an instructor's
    folder) contribute their vocabulary and their ids, so that a clash with
    them is reported, but their own problems are not.
    """
    # Parsing allocates many small objects and no cycles: the collector's
    # passes are pure overhead there (~8% of the load time).
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _check_paths(targets, context)
    finally:
        if gc_was_enabled:
            gc.enable()


def _check_paths(targets: Sequence[Path], context: Sequence[Path]) -> BankReport:
    # Imported here: they import yaml, which a bank served from the cache does without.
    from lstm_quiz.bank.validate import check_file
    from lstm_quiz.bank.vocabulary import VocabularyBuilder

    shipped_vocab = paths.shipped_bank_dir() / VOCABULARY_FILE
    target_vocab, target_files = _expand(targets)
    context_vocab, context_files = _expand(context)
    builder = VocabularyBuilder()
    for vocab_file in _unique([shipped_vocab, *context_vocab, *target_vocab]):
        if vocab_file.is_file():
            builder.add_file(vocab_file)
    vocabulary = builder.build()

    # The shipped vocabulary's problems concern everyone; a context folder's, only its author.
    reported = {f.resolve() for f in [shipped_vocab, *target_vocab]}
    problems = [p for p in builder.problems if p.path.resolve() in reported]
    report = BankReport(vocabulary=vocabulary, problems=problems)
    target_keys = {f.resolve() for f in target_files}
    context_only = [f for f in context_files if f.resolve() not in target_keys]
    first_seen: dict[str, tuple[Path, int]] = {}
    for path in [*context_only, *target_files]:
        is_target = path.resolve() in target_keys
        result = check_file(path, vocabulary)
        duplicates, clashing = _note_ids(result, first_seen)
        if not is_target:
            continue
        report.files.append(path)
        report.entries += result.entries
        report.problems += result.problems + duplicates
        report.questions += [q for q in result.questions if q.id not in clashing]
    report.problems.sort(key=lambda p: p.sort_key)
    report.all_ids = set(first_seen)
    return report


def _note_ids(
    result: FileResult, first_seen: dict[str, tuple[Path, int]]
) -> tuple[list[Problem], set[str]]:
    """Problems for the ids of ``result`` seen before, and those ids."""
    problems = []
    clashing: set[str] = set()
    for qid, line in result.ids:
        if qid in first_seen:
            clashing.add(qid)
            other_path, other_line = first_seen[qid]
            problems.append(
                Problem(
                    result.path,
                    line,
                    f"id already used at {display_path(other_path)}:{other_line}",
                    "an id unique across the whole bank",
                    f"question '{qid}'",
                )
            )
        else:
            first_seen[qid] = (result.path, line)
    return problems, clashing
