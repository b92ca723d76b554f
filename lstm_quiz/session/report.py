"""The progress report shown by the Stats screen and printed by `lstm-quiz stats`.

Built on `review.stats.compute_stats`, with what a person needs to read it:
topic titles, the leeches' prompts, week totals. `report_json` and
`report_text` give the two plain forms of the same figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from lstm_quiz.bank.formula import PLACEHOLDER
from lstm_quiz.bank.models import Bank, Question
from lstm_quiz.review.attempts import ExerciseProgress, progress_by_exercise
from lstm_quiz.review.stats import ACCURACY_DAYS, DEFAULT_WEEKS, ProgressStats, compute_stats
from lstm_quiz.review.store import LEECH_THRESHOLD, ProgressStore
from lstm_quiz.session.format import display_width, format_duration, hbar, pad, sparkline
from lstm_quiz.session.texts import text

TYPE_CHECKING = False
if TYPE_CHECKING:
    from lstm_quiz.bank.models import Lang

__all__ = [
    "LeechRow",
    "StatsReport",
    "build_report",
    "prompt_line",
    "report_json",
    "report_text",
    "without_placeholders",
]


@dataclass(frozen=True)
class LeechRow:
    question_id: str
    topic: str
    wrong_count: int
    suspended: bool
    prompt: str  # the prompt's first line, plain


@dataclass(frozen=True)
class StatsReport:
    stats: ProgressStats
    titles: dict[str, str]  # topic id -> title in the report's language
    leeches: list[LeechRow]
    weeks: int
    exercises: dict[str, ExerciseProgress]  # coding exercises attempted, by id

    @property
    def reviews_total(self) -> int:
        """Answers over the report's window of `weeks` weeks."""
        return sum(day.count for day in self.stats.reviews_per_day)

    @property
    def reviews_last_week(self) -> int:
        return sum(day.count for day in self.stats.reviews_per_day[-7:])

    @property
    def best_day(self) -> int:
        return max((day.count for day in self.stats.reviews_per_day), default=0)

    def title(self, topic: str) -> str:
        return self.titles.get(topic, topic)


def without_placeholders(question: Question, value: str) -> str:
    """A template's text readable without drawn values: "hidden_size={H}" -> "hidden_size=H".

    Where no showing exists (a leech, a suspended card listed by id), a templated
    question is named with its variables' names, never with raw ``{H}``. Only
    the question's own variables are touched: ``x_{t}`` in a prompt stays.
    """
    names = {variable.name for variable in question.variables}
    if not names:
        return value
    return PLACEHOLDER.sub(
        lambda match: match.group(1) if match.group(1) in names else match.group(0), value
    )


def prompt_line(question: Question, lang: Lang, width: int = 70) -> str:
    """The first line of text of a prompt, without Markdown marks nor code, cut to `width` cells."""
    in_fence = False
    for line in question.prompt.get(lang).splitlines():
        line = line.strip()
        if line.startswith("```"):
            in_fence = not in_fence
            continue
        line = without_placeholders(question, line.replace("`", "").replace("**", ""))
        if line and not in_fence:
            # Cut by terminal cells: a Chinese character takes two.
            return line if display_width(line) <= width else pad(line, width).rstrip()
    return question.id


def build_report(
    bank: Bank,
    store: ProgressStore,
    lang: Lang,
    *,
    now: datetime | None = None,
    tz: tzinfo | None = None,
    weeks: int = DEFAULT_WEEKS,
) -> StatsReport:
    topic_of = {question.id: question.topic for question in bank.questions}
    stats = compute_stats(store, topic_of, now=now, tz=tz, weeks=weeks)
    by_id = bank.by_id
    leeches = [
        LeechRow(
            question_id=leech.question_id,
            topic=by_id[leech.question_id].topic,
            wrong_count=leech.wrong_count,
            suspended=leech.suspended,
            prompt=prompt_line(by_id[leech.question_id], lang),
        )
        for leech in stats.leeches
    ]
    titles = {topic_id: topic.title.get(lang) for topic_id, topic in bank.topics.items()}
    exercises = progress_by_exercise(store.attempts())
    return StatsReport(
        stats=stats, titles=titles, leeches=leeches, weeks=weeks, exercises=exercises
    )


def report_json(report: StatsReport) -> dict[str, Any]:
    stats = report.stats
    return {
        "today": stats.today.isoformat(),
        "due_today": stats.due_today,
        "new_left": stats.new_left,
        "streak_days": stats.streak_days,
        "reviews_in_window": report.reviews_total,
        "reviews_last_7_days": report.reviews_last_week,
        "mastery": [
            {
                "topic": m.topic,
                "title": report.title(m.topic),
                "total": m.total,
                "seen": m.seen,
                "mastered": m.mastered,
                "fraction": round(m.fraction, 4),
            }
            for m in stats.mastery
        ],
        "cards": {
            "new": stats.maturity.new,
            "learning": stats.maturity.learning,
            "young": stats.maturity.young,
            "mature": stats.maturity.mature,
            "suspended": stats.maturity.suspended,
            "buried": stats.maturity.buried,
        },
        "accuracy_days": ACCURACY_DAYS,
        "accuracy": [
            {
                "topic": a.topic,
                "title": report.title(a.topic),
                "answered": a.answered,
                "right": a.right,
                "fraction": round(a.fraction, 4),
            }
            for a in stats.accuracy
        ],
        "reviews_per_day": [
            {"day": d.day.isoformat(), "count": d.count} for d in stats.reviews_per_day
        ],
        "forecast": [{"day": d.day.isoformat(), "count": d.count} for d in stats.forecast],
        "leeches": [
            {
                "question_id": row.question_id,
                "topic": row.topic,
                "wrong_count": row.wrong_count,
                "suspended": row.suspended,
                "prompt": row.prompt,
            }
            for row in report.leeches
        ],
        "exercises": [
            {
                "exercise_id": exercise_id,
                "status": p.status,
                "attempts": p.attempts,
                "passes": p.passes,
                "best_seconds": p.best.total_seconds() if p.best is not None else None,
                "last_outcome": p.last_outcome,
                "last_at": p.last_at.isoformat() if p.last_at else None,
            }
            for exercise_id, p in report.exercises.items()
        ],
    }


def maturity_lines(report: StatsReport, lang: Lang) -> list[str]:
    """ "Cards", new · learning · young · mature, suspended · buried, and what young means."""
    m = report.stats.maturity
    return [
        text(lang, "maturity_title"),
        "  "
        + text(
            lang, "maturity_line", new=m.new, learning=m.learning, young=m.young, mature=m.mature
        ),
        "  " + text(lang, "marks_line", suspended=m.suspended, buried=m.buried),
        "  " + text(lang, "maturity_note"),
    ]


def accuracy_lines(report: StatsReport, lang: Lang, width: int = 80) -> list[str]:
    """Right answers per topic over the last `ACCURACY_DAYS` days, with a bar each."""
    lines = [text(lang, "accuracy_title", days=ACCURACY_DAYS)]
    rows = report.stats.accuracy
    if not rows:
        return [*lines, "  " + text(lang, "accuracy_none", days=ACCURACY_DAYS)]
    titles = [report.title(a.topic) for a in rows]
    title_width = min(28, max(display_width(title) for title in titles))
    bar_width = max(10, width - title_width - 24)
    for title, a in zip(titles, rows, strict=True):
        filled = hbar(a.fraction, bar_width).rstrip()
        track = filled + "░" * (bar_width - len(filled))
        figure = f"{a.right}/{a.answered} {round(100 * a.fraction)}%"
        lines.append(f"  {pad(title, title_width)}  {track}  {figure}")
    return lines


def report_text(report: StatsReport, lang: Lang, width: int = 80) -> str:
    """The report as plain lines, bars and sparklines drawn with block characters."""
    stats = report.stats
    lines = [
        f"{text(lang, 'stats_title')} · {stats.today.isoformat()}",
        "  "
        + text(
            lang, "stats_line", due=stats.due_today, new=stats.new_left, streak=stats.streak_days
        ),
        "",
        text(lang, "mastery_title"),
    ]
    titles = [report.title(m.topic) for m in stats.mastery]
    title_width = min(28, max((display_width(title) for title in titles), default=0))
    bar_width = max(10, width - title_width - 34)
    for title, m in zip(titles, stats.mastery, strict=True):
        line = text(lang, "mastery_line", mastered=m.mastered, total=m.total, seen=m.seen)
        filled = hbar(m.fraction, bar_width).rstrip()
        track = filled + "░" * (bar_width - len(filled))
        lines.append(f"  {pad(title, title_width)}  {track}  {line}")
    lines += ["", *maturity_lines(report, lang), "", *accuracy_lines(report, lang, width)]
    lines += [
        "",
        text(lang, "reviews_title", weeks=report.weeks),
        "  " + sparkline([d.count for d in stats.reviews_per_day], width - 4),
        "  "
        + text(
            lang,
            "reviews_line",
            total=report.reviews_total,
            weeks=report.weeks,
            week=report.reviews_last_week,
            best=report.best_day,
        ),
        "",
        text(lang, "forecast_title", days=len(stats.forecast)),
        "  " + "  ".join(f"{d.day.strftime('%m-%d')} {d.count}" for d in stats.forecast[:7]),
        "  " + "  ".join(f"{d.day.strftime('%m-%d')} {d.count}" for d in stats.forecast[7:]),
        "",
        text(lang, "leeches_title", n=LEECH_THRESHOLD),
    ]
    if not report.leeches:
        lines.append("  " + text(lang, "leeches_none", n=LEECH_THRESHOLD))
    for row in report.leeches:
        status = text(lang, "leech_suspended" if row.suspended else "leech_active")
        lines.append(f"  {row.question_id}  ×{row.wrong_count}  {status}  {row.prompt}")
    lines += ["", text(lang, "attempts_title")]
    if not report.exercises:
        lines.append("  " + text(lang, "attempts_none"))
    id_width = max((len(exercise_id) for exercise_id in report.exercises), default=0)
    for exercise_id, p in report.exercises.items():
        when = p.last_at.date().isoformat() if p.last_at else ""
        line = text(
            lang,
            "attempts_line",
            attempts=p.attempts,
            passes=p.passes,
            best=format_duration(p.best, lang) if p.best is not None else "–",
            last=text(lang, f"outcome_{p.last_outcome}") if p.last_outcome else "",
            when=when,
        )
        lines.append(f"  {exercise_id:<{id_width}}  {line}")
    return "\n".join(line.rstrip() for line in lines) + "\n"
