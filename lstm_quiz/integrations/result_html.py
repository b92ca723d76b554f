"""A GradingResult as an HTML table (for notebooks), with the terminal text as its fallback.

Everything the learner's code can influence (messages quote its values, the
output is what it printed, test names carry parameters) is HTML-escaped: a
solution that prints ``<script>`` shows those characters, it does not run them.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from lstm_quiz.grading.results import GradingResult, Outcome

LABELS = {
    "en": {
        "result": "result",
        "test": "test",
        "message": "message",
        "diagnosis": "diagnosis",
        "printed": "your code printed",
        "import_printed": "your code printed while being imported",
        "problem": "problem with the solution",
        "passed": "PASS",
        "failed": "FAIL",
        "error": "ERROR",
        "summary": "{passed} passed, {failed} failed",
        "weak": "weak isolation: {problem}",
    },
    "zh": {
        "result": "结果",
        "test": "测试",
        "message": "说明",
        "diagnosis": "诊断",
        "printed": "你的代码输出",
        "import_printed": "导入时你的代码输出",
        "problem": "解答本身的问题",
        "passed": "通过",
        "failed": "未通过",
        "error": "出错",
        "summary": "{passed} 项通过，{failed} 项未通过",
        "weak": "隔离较弱：{problem}",
    },
}

_COLORS = {Outcome.PASSED: "#1a7f37", Outcome.FAILED: "#cf222e", Outcome.ERROR: "#8250df"}
_CELL = "padding:4px 8px;border:1px solid #d0d7de;text-align:left;vertical-align:top"


def _text(value: str) -> str:
    """Learner text for a table cell: escaped, line breaks kept."""
    return escape(value).replace("\n", "<br>")


def _pre(value: str) -> str:
    return f'<pre style="margin:2px 0;white-space:pre-wrap">{escape(value)}</pre>'


def result_html(result: GradingResult, lang: str = "en") -> str:
    labels = LABELS.get(lang, LABELS["en"])
    summary = labels["summary"].format(passed=result.passed_count, failed=result.failed_count)
    color = _COLORS[Outcome.PASSED if result.passed else Outcome.FAILED]
    parts = [
        '<div class="lstm-quiz-result">',
        f'<p><b>{escape(result.exercise)}</b> · <span style="color:{color};font-weight:bold">'
        f"{escape(summary)}</span></p>",
    ]
    if result.isolation != "sealed":
        weak = labels["weak"].format(problem=result.isolation_problem)
        parts.append(f'<p style="color:#9a6700">{escape(weak)}</p>')
    if result.solution_error:
        parts.append(f"<p><b>{labels['problem']}:</b> {_text(result.solution_error_in(lang))}</p>")
    if result.solution_output:
        parts.append(f"<p>{labels['import_printed']}:</p>{_pre(result.solution_output)}")
    head = "".join(
        f'<th style="{_CELL}">{labels[key]}</th>'
        for key in ("result", "test", "message", "diagnosis")
    )
    parts.append(f'<table style="border-collapse:collapse"><thead><tr>{head}</tr></thead><tbody>')
    for test in result.tests:
        verdict = labels[str(test.outcome)]
        name = _text(test.name)
        if test.description:
            name += f'<br><span style="color:#57606a">{_text(test.description_in(lang))}</span>'
        message = _text(test.message_in(lang))
        if test.output:
            message += f"<br>{labels['printed']}:{_pre(test.output)}"
        parts.append(
            f'<tr class="lstm-quiz-{test.outcome}">'
            f'<td style="{_CELL};color:{_COLORS[test.outcome]};font-weight:bold">{verdict}</td>'
            f'<td style="{_CELL}">{name}</td>'
            f'<td style="{_CELL}">{message}</td>'
            f'<td style="{_CELL}">{_text(test.diagnosis_in(lang))}</td></tr>'
        )
    parts.append("</tbody></table></div>")
    return "".join(parts)


@dataclass
class ResultDisplay:
    """What a notebook shows for one check: the HTML table, or the terminal's text."""

    result: GradingResult
    lang: str = "en"

    def _repr_html_(self) -> str:
        return result_html(self.result, self.lang)

    def __repr__(self) -> str:
        from lstm_quiz.grading.report import render

        return render(self.result, color=False, lang=self.lang)
