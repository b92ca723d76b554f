"""Every text of the timed coding screen, in English and Chinese."""

from __future__ import annotations

from pathlib import Path

LABELS = {
    "en": {
        "left": "left",
        "over": "over time",
        "stopped": "clock stopped",
        "running": "grading…",
        "running_version": "grading save {version}…",
        "not_graded": "not graded yet: save solution.py (ctrl+s in the editor, or r)",
        "passed": "passed {n}/{n} in {took}",
        "passed_short": "passed {n}/{n}",
        "failed": "{passed} passed, {failed} failed",
        "version": "for save {version}, {at} into the attempt",
        "unchanged_pass": "this is the file you opened with: change it to time a new attempt",
        "hint": "Hint {i}/{n}",
        "no_more_hints": "No more hints.",
        "give_up": "Give up and see the reference solution? The clock stops.",
        "yes": "Give up",
        "no": "Keep trying",
        "reset_question": (
            "Put the starter code back in solution.py? Your current file is not lost: "
            "it is kept next to it as a backup (solution.py.bak-…)."
        ),
        "reset": "Restore starter",
        "keep_file": "Keep my file",
        "reset_done": "The starter is back; your file is kept as {backup}.",
        "reopen_question": (
            "solution.py already holds your earlier work. Continue with it, or start over "
            "from the starter code (your file is kept as a backup)? "
            "A pass counts only once you have changed the file."
        ),
        "continue": "Continue",
        "start_over": "Start over",
        "reference": "Reference solution",
        "best": "previous best {best}",
        "new_best": "a new best!",
        "no_editor": "No editor found: set $VISUAL or $EDITOR, or edit {path} in any editor.",
        "file": "solution",
        "test": "test",
        "select": "Select a test to see what is wrong.",
        "saved": "Saved solution.py; grading.",
        "reloaded": "solution.py was changed outside; the editor shows the new file.",
        "conflict": (
            "solution.py was changed outside while you had unsaved edits here: the editor now "
            "shows the file on disk; ctrl+z brings your edits back."
        ),
        "task": "Task",
        "code": "Code",
        "results": "Results",
        "printed": "your code printed:",
        "next_pane": "ctrl+o: next pane",
    },
    "zh": {
        "left": "剩余",
        "over": "已超时",
        "stopped": "计时已停止",
        "running": "评分中…",
        "running_version": "正在评分第 {version} 次保存…",
        "not_graded": "尚未评分：保存 solution.py（在编辑器中按 ctrl+s，或按 r）",
        "passed": "{n}/{n} 全部通过，用时 {took}",
        "passed_short": "{n}/{n} 全部通过",
        "failed": "通过 {passed}，失败 {failed}",
        "version": "针对第 {version} 次保存（开始后 {at}）",
        "unchanged_pass": "这是打开时就有的文件：修改之后才会计为新的一次通过",
        "hint": "提示 {i}/{n}",
        "no_more_hints": "没有更多提示了。",
        "give_up": "放弃并查看参考答案？计时将停止。",
        "yes": "放弃",
        "no": "继续尝试",
        "reset_question": (
            "把 solution.py 恢复为初始代码？当前文件不会丢失，"
            "会作为备份保存在同一目录（solution.py.bak-…）。"
        ),
        "reset": "恢复初始代码",
        "keep_file": "保留我的文件",
        "reset_done": "已恢复初始代码；你的文件备份为 {backup}。",
        "reopen_question": (
            "solution.py 中已有你之前的代码。继续使用它，还是从初始代码重新开始"
            "（原文件会保留备份）？只有修改过文件之后，通过才会计入成绩。"
        ),
        "continue": "继续",
        "start_over": "重新开始",
        "reference": "参考答案",
        "best": "之前最好成绩 {best}",
        "new_best": "新纪录！",
        "no_editor": "找不到编辑器：请设置 $VISUAL 或 $EDITOR，或用任意编辑器打开 {path}。",
        "file": "解答",
        "test": "测试",
        "select": "选择一项测试，查看错误原因。",
        "saved": "已保存 solution.py，正在评分。",
        "reloaded": "solution.py 在外部被修改，编辑器已显示新文件。",
        "conflict": (
            "你在这里有未保存的修改时，solution.py 在外部被修改了：编辑器现在显示磁盘上的文件，"
            "按 ctrl+z 可以找回你的修改。"
        ),
        "task": "题目",
        "code": "代码",
        "results": "结果",
        "printed": "你的代码输出：",
        "next_pane": "ctrl+o：切换窗格",
    },
}


def label(lang: str, key: str, **values: object) -> str:
    return LABELS.get(lang, LABELS["en"])[key].format(**values)


def shown_path(path: Path) -> str:
    """The path as a learner would type it: under the home folder as ~/..."""
    try:
        return str(Path("~") / path.relative_to(Path.home()))
    except ValueError:
        return str(path)
