"""The words of the practice features added to the session core, in English and Chinese.

Merged into `texts.TEXTS`, so every face formats them with `texts.text`.
`ONE` holds English singular forms: `text` picks `ONE[key]` when the count
it names is 1 ("1 question", "1 attempt"); Chinese has no plural forms.
"""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    "en": {
        # rating previews and returning cards
        "rating_preview": "{name} {interval}",
        "next_interval": "Next review in {interval}",
        "comes_back": "It comes back later in this session.",
        "returning": "{n} missed coming back",
        # suspend / bury
        "buried": "Buried {id} until tomorrow · u undoes it",
        "suspend_key": "Suspend",
        "bury_key": "Bury",
        "suspended_undo": "Suspended {id} · u undoes it; later: Stats › p",
        "suspended_here": "Suspended {id}: Enter again restores it.",
        "put_away_undone_suspended": "Took back: {id} is no longer suspended.",
        "put_away_undone_buried": "Took back: {id} is no longer buried.",
        # the suspended & buried screen (Stats › p)
        "put_away_title": "Suspended and buried cards",
        "put_away_hint": (
            "Enter restores the highlighted card to your reviews "
            "(a buried one would come back tomorrow by itself)."
        ),
        "put_away_none": "No card is suspended or buried.",
        "put_away_suspended": "suspended",
        "put_away_buried": "buried until {when}",
        "restored": "Restored {id}: it is back in your reviews.",
        "cmd_put_away": "Suspended and buried cards",
        "cmd_put_away_help": "Restore a card you suspended or buried",
        # intervals and durations ("10m", "3d": Anki's button style)
        "iv_under_minute": "<1m",
        "iv_minutes": "{n}m",
        "iv_hours": "{n}h",
        "iv_days": "{n}d",
        "iv_months": "{n}mo",
        "iv_years": "{n}y",
        "dur_seconds": "{s}s",
        "dur_minutes": "{m}m {s:02d}s",
        "dur_hours": "{h}h {m:02d}m",
        # multiple-choice feedback
        "mark_hit": "✓ picked, right",
        "mark_missed": "✗ missed: right, not picked",
        "mark_wrong_pick": "✗ picked, but wrong",
        "hits": "{hits} of {total} right choices picked",
        "hits_extra": "{hits} of {total} right choices picked, {wrong} wrong",
        # mock interview
        "confirm_end": "End the mock interview? Unanswered questions count as wrong.",
        "confirm_end_keys": "y: end it · n or Esc: go on",
        # summary
        "missed_title": "Answered wrong",
        "missed_none": "Nothing answered wrong.",
        "drill_key": "Drill missed",
        "drill_hint": "d: drill these {n} questions again now",
        # stats
        "maturity_title": "Cards",
        "maturity_line": "{new} new · {learning} learning · {young} young · {mature} mature",
        "maturity_note": "young: remembered for less than 21 days; mature: 21 days or more",
        "marks_line": "{suspended} suspended · {buried} buried until tomorrow",
        "accuracy_title": "Recent accuracy (last {days} days)",
        "accuracy_none": "No answers in the last {days} days.",
        "col_accuracy": "Right",
    },
    "zh": {
        "rating_preview": "{name} {interval}",
        "next_interval": "下次复习：{interval}后",
        "comes_back": "本轮稍后会再问这道题。",
        "returning": "{n} 道答错的题稍后再问",
        "buried": "已搁置 {id}，明天再出现 · 按 u 撤销",
        "suspend_key": "暂停",
        "bury_key": "搁置",
        "suspended_undo": "已暂停 {id} · 按 u 撤销；以后可在 统计 › p 恢复",
        "suspended_here": "已暂停 {id}：再按回车即可恢复。",
        "put_away_undone_suspended": "已撤销：{id} 不再暂停。",
        "put_away_undone_buried": "已撤销：{id} 不再搁置。",
        "put_away_title": "已暂停和已搁置的题",
        "put_away_hint": "按回车把选中的题恢复到复习中（搁置的题明天本来也会自动回来）。",
        "put_away_none": "没有暂停或搁置的题。",
        "put_away_suspended": "已暂停",
        "put_away_buried": "搁置到 {when}",
        "restored": "已恢复 {id}：它会重新出现在复习中。",
        "cmd_put_away": "已暂停和已搁置的题",
        "cmd_put_away_help": "恢复你暂停或搁置的题",
        "iv_under_minute": "不到1分钟",
        "iv_minutes": "{n}分钟",
        "iv_hours": "{n}小时",
        "iv_days": "{n}天",
        "iv_months": "{n}个月",
        "iv_years": "{n}年",
        "dur_seconds": "{s}秒",
        "dur_minutes": "{m}分{s:02d}秒",
        "dur_hours": "{h}小时{m:02d}分",
        "mark_hit": "✓ 选了，正确",
        "mark_missed": "✗ 漏选：这是正确选项",
        "mark_wrong_pick": "✗ 选了，但它是错的",
        "hits": "{total} 个正确选项中选对了 {hits} 个",
        "hits_extra": "{total} 个正确选项中选对了 {hits} 个，另错选 {wrong} 个",
        "confirm_end": "结束模拟面试？没有作答的题按答错计。",
        "confirm_end_keys": "y：结束 · n 或 Esc：继续",
        "missed_title": "答错的题",
        "missed_none": "没有答错的题。",
        "drill_key": "重练错题",
        "drill_hint": "d：现在重练这 {n} 道题",
        "maturity_title": "卡片",
        "maturity_line": "新 {new} · 学习中 {learning} · 较新 {young} · 熟练 {mature}",
        "maturity_note": "较新：记忆保持不到 21 天；熟练：21 天及以上",
        "marks_line": "已暂停 {suspended} · 搁置到明天 {buried}",
        "accuracy_title": "近期正确率（最近 {days} 天）",
        "accuracy_none": "最近 {days} 天没有作答。",
        "col_accuracy": "正确",
    },
}

# English singular forms: key -> (the value that counts, the text when it is 1).
ONE: dict[str, tuple[str, str]] = {
    "menu_mock_detail": ("n", "{n} mixed question in {minutes} min, feedback at the end"),
    "menu_learn_detail": ("n", "{n} of {left} new questions"),
    "attempts_line": (
        "attempts",
        "{attempts} attempt, {passes} passed, best {best}; last: {last} on {when}",
    ),
    "start": ("count", "{count} question. Type q to quit."),
    "drill_hint": ("n", "d: drill this question again now"),
}
