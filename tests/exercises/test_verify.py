"""`exercise verify`: every shipped exercise verifies; a suite that lets a mistake through is caught."""

from __future__ import annotations

import shutil
from pathlib import Path

from lstm_quiz.exercises.model import load_exercise
from lstm_quiz.grading.verify import verify_all, verify_exercise


def test_every_shipped_exercise_verifies(registry) -> None:
    rows = verify_all(list(registry))
    problems = [f"{r.exercise}/{r.file}: {r.problem}" for r in rows if not r.ok]
    assert not problems, "\n".join(problems)
    assert {r.exercise for r in rows} == set(registry.exercises)


def test_lstm_cell_has_at_least_twelve_mistakes(registry) -> None:
    assert len(registry.get("lstm_cell").mistakes) >= 12


def test_a_mistake_that_passes_is_reported(tmp_path: Path, registry, fork_server) -> None:
    folder = tmp_path / "lstm_cell"
    shutil.copytree(registry.get("lstm_cell").path, folder)
    # A "mistake" that is in fact correct: the suite cannot fail it.
    shutil.copy(folder / "reference.py", folder / "mistakes" / "not_a_mistake.py")
    rows = verify_exercise(load_exercise(folder), fork_server)
    bad = [r for r in rows if not r.ok]
    assert [r.file for r in bad] == ["mistakes/not_a_mistake.py"]
    assert bad[0].problem == "passes every test: the suite lets this mistake through"


def test_a_mistake_failing_for_another_reason_is_reported(
    tmp_path: Path, registry, fork_server
) -> None:
    folder = tmp_path / "lstm_cell"
    shutil.copytree(registry.get("lstm_cell").path, folder)
    (folder / "mistakes" / "gate_order_ifog.py").write_text(
        "# expect: gates ordered i,f,o,g\ndef lstm_cell(*args):\n    raise RuntimeError('unrelated')\n"
    )
    rows = verify_exercise(load_exercise(folder), fork_server)
    bad = [r for r in rows if not r.ok]
    assert [r.file for r in bad] == ["mistakes/gate_order_ifog.py"]
    assert "no failure mentions" in bad[0].problem
