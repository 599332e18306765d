"""Results of operational tasks: for each task type, how often each result was reached
(«звонки: 40 % — вышли на ЛПР») among the tasks of that type done in the period."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from peewee import fn

from ectui.i18n import t
from ectui.models import Task, TaskResult, TaskType
from ectui.services.context import Context
from ectui.services.reports.filters import (
    EVERYTHING,
    ReportFilter,
    check_filter,
    moment_in_period,
    require_reports,
    task_condition,
)
from ectui.services.reports.numbers import percent
from ectui.services.task_types import result_label, type_label


@dataclass(frozen=True)
class ResultShare:
    code: str           # "" for tasks done with no result chosen
    name: str
    count: int
    share: Decimal      # % of the type's done tasks


@dataclass(frozen=True)
class TypeResults:
    type_code: str
    type_name: str
    done: int
    results: tuple[ResultShare, ...]


def task_results(ctx: Context, f: ReportFilter = EVERYTHING) -> tuple[TypeResults, ...]:
    """Per task type, the done tasks of the period and the share of each result."""
    require_reports(ctx)
    check_filter(f)
    query = (Task.select(Task.task_type, Task.result, fn.COUNT(Task.id))
             .where(Task.level == "operation", Task.status == "done",
                    Task.task_type.is_null(False),
                    moment_in_period(Task.finished_at, f, ctx.clock.zone),
                    task_condition(ctx, f))
             .group_by(Task.task_type, Task.result))
    counts: dict[int, dict[int | None, int]] = {}
    for type_id, result_id, count in query.tuples():
        counts.setdefault(type_id, {})[result_id] = int(count)
    types = TaskType.select().where(TaskType.id.in_(sorted(counts))).order_by(
        TaskType.position, TaskType.id)
    results = {r.id: r for r in TaskResult.select().where(TaskResult.task_type.in_(sorted(counts)))}
    out = []
    for tp in types:
        by_result = counts[tp.id]
        done = sum(by_result.values())
        shares = []
        for result_id, count in by_result.items():
            res = results.get(result_id)
            if res is None:
                shares.append(("", t("report.results.no_result"), count, 10**6))
            else:
                shares.append((res.code, result_label(tp.code, res.code, res.name,
                                                      tp.is_builtin), count, res.position))
        shares.sort(key=lambda s: (-s[2], s[3]))
        out.append(TypeResults(tp.code, type_label(tp.code, tp.name, tp.is_builtin), done,
                               tuple(ResultShare(code, name, count, percent(count, done))
                                     for code, name, count, _ in shares)))
    return tuple(out)
