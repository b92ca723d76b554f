"""`%load_ext lstm_quiz` in a real Jupyter kernel, driven by nbclient like a learner's notebook.

The notebook is the one `lstm-quiz exercise lstm_cell --notebook` writes,
with a correct and a buggy solution cell, a cell whose code prints HTML, and
the task and hint magics appended. It runs once for the module (a kernel
start and a first grading take a few seconds).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

from lstm_quiz.grading.results import GradingResult, Outcome  # noqa: E402
from lstm_quiz.grading.results import TestResult as OneTest  # noqa: E402
from lstm_quiz.integrations.result_html import ResultDisplay, result_html  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
GOOD = ROOT / "tests" / "data" / "solutions" / "lstm_cell" / "pass_naive_sigmoid.py"
BUGGY = ROOT / "exercises" / "lstm_cell" / "mistakes" / "returns_c_h.py"
KERNEL = "lstm-quiz-test-python"

IMPORT_PROBE = """\
import json, sys, time
_before = set(sys.modules)
_started = time.perf_counter()
%load_ext lstm_quiz
_seconds = time.perf_counter() - _started
_new = sorted(m for m in set(sys.modules) - _before)
print(json.dumps({"seconds": _seconds, "new": _new}))
"""

PRINTS_HTML = """\
import numpy as np
print("<script>alert('x')</script>")

def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    return None
"""


def _kernelspec(folder: Path) -> None:
    """A kernelspec running this test's Python (so the kernel sees this checkout's lstm_quiz)."""
    spec = folder / "kernels" / KERNEL
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                "display_name": "lstm-quiz test",
                "language": "python",
            }
        )
    )


def _code(source: str) -> Any:
    return nbformat.v4.new_code_cell(source)


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> Any:
    folder = tmp_path_factory.mktemp("notebook")
    _kernelspec(folder / "jupyter")
    written = subprocess.run(
        [sys.executable, "-m", "lstm_quiz", "exercise", "lstm_cell", "--notebook", str(folder)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert written.returncode == 0, written.stderr
    path = folder / "lstm_cell.ipynb"
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    starter_source = notebook.cells[2].source
    notebook.cells[1].source = IMPORT_PROBE  # the load cell, measured
    notebook.cells[2].source = "%%lstm_quiz check lstm_cell\n" + GOOD.read_text()
    notebook.cells += [
        _code("%%lstm_quiz check lstm_cell\n" + BUGGY.read_text()),  # 4
        _code("%%lstm_quiz check lstm_cell\n" + PRINTS_HTML),  # 5
        _code("%lstm_quiz task lstm_cell"),  # 6
        _code("%lstm_quiz hint lstm_cell"),  # 7
        _code("%lstm_quiz hint lstm_cell"),  # 8
        _code("%lstm_quiz check lstm_cell"),  # 9: a line magic cannot grade
        _code("%lstm_quiz check no_such_exercise"),  # 10
        _code("%env LSTM_QUIZ_LANG=zh"),  # 11
        _code("%lstm_quiz task lstm_cell"),  # 12
        _code("%%lstm_quiz check lstm_cell\n" + BUGGY.read_text()),  # 13, in Chinese
        _code(starter_source),  # 14: the starter as written
    ]
    env = {**os.environ, "JUPYTER_PATH": str(folder / "jupyter"), "LSTM_QUIZ_LANG": "en"}
    saved = dict(os.environ)
    os.environ.update(env)
    try:
        client = nbclient.NotebookClient(
            notebook,
            timeout=180,
            kernel_name=KERNEL,
            allow_errors=True,
            resources={"metadata": {"path": str(folder)}},
        )
        client.execute()
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return notebook


def _data(cell: Any) -> dict[str, str]:
    """The mimetypes displayed by a cell, merged."""
    merged: dict[str, str] = {}
    for output in cell.outputs:
        merged.update(output.get("data", {}))
    return merged


def _stderr(cell: Any) -> str:
    return "".join(o.text for o in cell.outputs if o.get("name") == "stderr")


def test_starter_notebook_has_the_four_cells() -> None:
    from lstm_quiz.exercises.registry import ExerciseRegistry
    from lstm_quiz.integrations.notebook import starter_notebook

    exercise = ExerciseRegistry.find("lstm_cell")
    notebook = nbformat.reads(json.dumps(starter_notebook(exercise, "zh")), as_version=4)
    nbformat.validate(notebook)
    kinds = [c.cell_type for c in notebook.cells]
    assert kinds == ["markdown", "code", "code", "code"]
    assert notebook.cells[0].source.startswith(exercise.prompt("zh").strip()[:40])
    assert "%load_ext lstm_quiz" in notebook.cells[1].source
    assert notebook.cells[2].source.startswith("%%lstm_quiz check lstm_cell\n")
    assert exercise.starter.read_text().strip() in notebook.cells[2].source


def test_load_ext_imports_no_grader_libraries(executed: Any) -> None:
    probe = json.loads(
        "".join(o.text for o in executed.cells[1].outputs if o.output_type == "stream")
    )
    heavy = [m for m in probe["new"] if m.split(".")[0] in ("numpy", "pytest", "textual", "yaml")]
    assert heavy == []
    assert "lstm_quiz.integrations.jupyter" in probe["new"]
    assert probe["seconds"] < 0.5, probe


def test_correct_cell_shows_pass_rows(executed: Any) -> None:
    data = _data(executed.cells[2])
    assert set(data) >= {"text/html", "text/plain"}
    html = data["text/html"]
    rows = html.count('class="lstm-quiz-passed"')
    assert rows >= 5  # one PASS row per hidden test
    assert "lstm-quiz-failed" not in html and "lstm-quiz-error" not in html
    assert f"{rows} passed, 0 failed" in html
    assert data["text/plain"].splitlines()[-1] == f"{rows} passed, 0 failed"


def test_buggy_cell_shows_fail_rows_with_the_diagnosis(executed: Any) -> None:
    data = _data(executed.cells[4])
    html = data["text/html"]
    failed = html.count('class="lstm-quiz-failed"')
    passed = html.count('class="lstm-quiz-passed"')
    assert failed >= 5 and passed >= 1
    assert f"{passed} passed, {failed} failed" in html
    assert "Your outputs are swapped: you returned (c, h); the contract is (h, c)." in html
    assert "FAIL  test_matches_reference[N=1,D=3,H=4]" in data["text/plain"]
    assert "diagnosis: Your outputs are swapped" in data["text/plain"]


def test_learner_output_is_escaped(executed: Any) -> None:
    html = _data(executed.cells[5])["text/html"]
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html


def test_task_and_hints(executed: Any) -> None:
    task = _data(executed.cells[6])
    assert task["text/markdown"].startswith("# ") or "lstm_cell" in task["text/markdown"]
    first, second = (_data(executed.cells[i])["text/markdown"] for i in (7, 8))
    assert first.startswith("**Hint 1 of 3**") and "np.split" not in first.split("\n", 1)[0]
    assert second.startswith("**Hint 2 of 3**")
    assert "i, f, g, o" in second


def test_bad_input_is_one_line_without_traceback(executed: Any) -> None:
    # IPython shows a UsageError as one line on stderr; the cell shows no traceback.
    line_check = _stderr(executed.cells[9])
    assert line_check.startswith("UsageError: lstm-quiz: 'check' grades a cell")
    assert "put '%%lstm_quiz check lstm_cell' on the first line" in line_check
    unknown = _stderr(executed.cells[10])
    assert "unknown exercise 'no_such_exercise'" in unknown
    for cell in (executed.cells[9], executed.cells[10]):
        assert not any(o.output_type == "error" for o in cell.outputs)
        assert "Traceback" not in _stderr(cell) and len(_stderr(cell).strip().splitlines()) == 1


def test_chinese_from_lstm_quiz_lang(executed: Any) -> None:
    from lstm_quiz.exercises.registry import ExerciseRegistry

    zh_prompt = ExerciseRegistry.find("lstm_cell").prompt("zh")
    assert _data(executed.cells[12])["text/markdown"] == zh_prompt
    html = _data(executed.cells[13])["text/html"]
    assert "<th" in html and "诊断" in html and "项未通过" in html
    # The suite's own messages and diagnoses follow LSTM_QUIZ_LANG too.
    assert "你的输出顺序反了：你返回的是 (c, h)；约定是 (h, c)。" in html
    assert "Your outputs are swapped" not in html


def test_unchanged_starter_fails(executed: Any) -> None:
    data = _data(executed.cells[14])
    assert "lstm-quiz-passed" not in data["text/html"]
    assert (
        "NotImplementedError" in data["text/plain"]
        or "not implemented" in data["text/plain"].lower()
    )


def test_html_escapes_every_learner_field() -> None:
    evil = "<img src=x onerror=alert(1)>"
    result = GradingResult(
        exercise="lstm_cell",
        solution="cell",
        tests=[OneTest(f"test_x[{evil}]", evil, Outcome.FAILED, 0.0, evil, evil, evil)],
        solution_error=evil,
        solution_output=evil,
    )
    html = result_html(result)
    assert "<img" not in html
    assert html.count("&lt;img src=x onerror=alert(1)&gt;") == 7
    assert "FAIL" in repr(ResultDisplay(result))
