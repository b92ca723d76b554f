"""The words of `practice --plain`, and the number and language helpers both faces share.

In the session core, not in `plain/`: `session.texts` takes the question-type
names and answer phrases from `UI`, so that the TUI and the plain face say
the same thing, and the core never imports a face.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from lstm_quiz.bank.models import Lang

__all__ = ["QUIT_WORDS", "UI", "default_lang", "format_number"]

QUIT_WORDS = frozenset({"q", "quit", "exit", "退出"})

UI: dict[str, dict[str, str]] = {
    "en": {
        "start": "{count} questions. Type q to quit.",
        "start_one": "1 question. Type q to quit.",
        "again": " · again",
        "missed": "Answered wrong:",
        "nothing": "Nothing to practise now: no question is due, and none is new, for these filters.",
        "header": "Question {n} of {total} · {topic} · {type} · difficulty {difficulty} · {id}",
        "single": "single choice",
        "multiple": "multiple choice",
        "true_false": "true or false",
        "numeric": "numeric",
        "open": "open question",
        "ask_single": "Your answer ({labels}; q quits): ",
        "ask_multiple": "Your answers, e.g. 1,3 ({labels}; q quits): ",
        "ask_true_false": "True or false? (t/f or 1/2; q quits): ",
        "ask_numeric": "Your answer, a number{unit} (q quits): ",
        "ask_open": "Answer in your head or on paper, then press Enter to see the model answer (q quits): ",
        "ask_rating": "How well did you know it? {ratings} (q quits): ",
        "unit": " in {unit}",
        "right": "✓ Right.",
        "wrong": "✗ Wrong.",
        "answer_is": "The answer: {answer}",
        "answers_are": "The right choices: {answer}",
        "your_choice": "Your choice {label}: {why}",
        "true": "true",
        "false": "false",
        "tolerance": " (± {tolerance})",
        "model_answer": "Model answer:",
        "key_points": "Key points:",
        "rated": "Rated: {rating}.",
        "explanation": "Explanation:",
        "source": "Source: {source}",
        "quit": "Stopped.",
        "eof": "End of input.",
        "summary": "Summary: {answered} of {total} answered, {right} right, {wrong} wrong.",
        "none_answered": "Summary: no question answered.",
        "per_topic": "  {topic:<{width}}  {right}/{answered} right",
        "labels": "1-{n} or a-{z}",
        "list_separator": ", ",
        "refuse_single": "“{typed}” is not a choice: type one of {labels}",
        "refuse_multiple": "“{typed}”: type every right choice, e.g. 1,3 or 1 3 ({labels})",
        "refuse_true_false": "“{typed}”: type t or f (true/false, 1/2, y/n)",
        "refuse_rating": "“{typed}”: rate yourself, {options}",
    },
    "zh": {
        "start": "共 {count} 道题。输入 q 退出。",
        "start_one": "共 1 道题。输入 q 退出。",
        "again": " · 再问一次",
        "missed": "答错的题：",
        "nothing": "现在没有可练的题：按这些筛选条件，既没有到期的题，也没有新题。",
        "header": "第 {n}/{total} 题 · {topic} · {type} · 难度 {difficulty} · {id}",
        "single": "单选题",
        "multiple": "多选题",
        "true_false": "判断题",
        "numeric": "数值题",
        "open": "问答题",
        "ask_single": "你的答案（{labels}；q 退出）：",
        "ask_multiple": "你的答案，如 1,3（{labels}；q 退出）：",
        "ask_true_false": "对还是错？（对/错、t/f 或 1/2；q 退出）：",
        "ask_numeric": "你的答案，一个数{unit}（q 退出）：",
        "ask_open": "先在心里或纸上作答，然后按回车查看参考答案（q 退出）：",
        "ask_rating": "你掌握得如何？{ratings}（q 退出）：",
        "unit": "，单位：{unit}",
        "right": "✓ 正确。",
        "wrong": "✗ 错误。",
        "answer_is": "答案：{answer}",
        "answers_are": "正确选项：{answer}",
        "your_choice": "你选的 {label}：{why}",
        "true": "对",
        "false": "错",
        "tolerance": "（± {tolerance}）",
        "model_answer": "参考答案：",
        "key_points": "要点：",
        "rated": "自评：{rating}。",
        "explanation": "解析：",
        "source": "出处：{source}",
        "quit": "已退出。",
        "eof": "输入结束。",
        "summary": "小结：共 {total} 题，已答 {answered} 题，答对 {right} 题，答错 {wrong} 题。",
        "none_answered": "小结：没有作答。",
        "per_topic": "  {topic:<{width}}  {right}/{answered} 正确",
        "labels": "1-{n} 或 a-{z}",
        "list_separator": "、",
        "refuse_single": "“{typed}”不是选项：请输入 {labels} 中的一个",
        "refuse_multiple": "“{typed}”：请输入所有正确选项，如 1,3 或 1 3（{labels}）",
        "refuse_true_false": "“{typed}”：请输入 t 或 f（对/错、1/2、y/n）",
        "refuse_rating": "“{typed}”：请给自己打分，{options}",
    },
}


def default_lang(environ: dict[str, str] | None = None) -> Lang:
    """zh when the locale (LC_ALL, then LC_MESSAGES, then LANG) is Chinese, else en."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def format_number(value: float) -> str:
    """892928.0 -> "892928", 0.25 -> "0.25", 1e-07 -> "1e-07"."""
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.10g}"
