"""How a task looks in a list or a tree: a symbol and a colour for its due state (so it reads on
a monochrome terminal too), the short due date, the priority mark and the progress bar."""

from __future__ import annotations

import datetime as dt

from rich.text import Text

from ectui.i18n import t
from ectui.services.task_rollup import Progress
from ectui.services.task_views import STATE_STYLES, STATE_SYMBOLS, TaskRow, due_state
from ectui.when import format_due

PRIORITY_MARKS = {1: "!", 2: "", 3: "↓"}


def state_of(row: TaskRow, now: dt.datetime) -> str:
    if row.is_new and row.status in ("planned", "in_progress"):
        return "new"
    return due_state(row.status, row.due_at, row.due_has_time, now)


def state_mark(state: str) -> Text:
    """The state's symbol in its colour: ▲ overdue, ● today, ○ upcoming, ✔ done…"""
    return Text(STATE_SYMBOLS.get(state, " "), style=STATE_STYLES.get(state, ""))


def due_text(row: TaskRow, now: dt.datetime, state: str | None = None) -> Text:
    state = state or state_of(row, now)
    moment = row.finished_at if row.status == "done" and row.finished_at else row.due_at
    has_time = True if row.status == "done" else row.due_has_time
    style = STATE_STYLES.get(state, "")
    if row.status != "done" and row.due_has_time and row.start_at and row.due_at:
        # A meeting today from 11:35 to 12:30 reads «11:35–12:30», not «12:30».
        start, end = row.start_at.astimezone(now.tzinfo), row.due_at.astimezone(now.tzinfo)
        if start < end and start.date() == end.date() == now.date():
            return Text(f"{start:%H:%M}–{end:%H:%M}", style=style)
    return Text(format_due(moment, has_time, now), style=style)


def progress_bar(progress: Progress | None, width: int = 10) -> Text:
    """«[████░░░░░░] 40%» — what part of the leaves under a project or stage is done."""
    if progress is None or not progress.total:
        return Text("")
    filled = round(width * progress.done / progress.total)
    bar = Text("[", style="dim")
    bar.append("█" * filled, style="green")
    bar.append("░" * (width - filled), style="dim")
    bar.append("] ", style="dim")
    bar.append(f"{progress.percent}%")
    return bar


def task_title(row: TaskRow) -> Text:
    """«! Телефонный звонок» with the level for projects and stages."""
    text = Text()
    mark = PRIORITY_MARKS.get(row.priority, "")
    if mark:
        text.append(mark + " ", style="bold red" if row.priority == 1 else "dim")
    if row.level != "operation":
        text.append(t(f"task.level.{row.level}") + ": ", style="bold")
    text.append(row.title, style="bold" if row.level == "project" else "")
    return text


def result_text(row: TaskRow) -> Text:
    """What came of a task: its result and note; for an open one, what is planned."""
    if row.status == "done":
        parts = [p for p in (row.result, row.result_note) if p]
        return Text(" — ".join(parts), style="green")
    if row.planned_result:
        return Text(t("task.planned_prefix", text=row.planned_result), style="dim italic")
    return Text("")
