"""The demo's relationship history: sales templates, calls and meetings of the last weeks with
their results, today's and overdue tasks, a project under way, a task the head has given.

Everything goes through the services, each contact logged at its own moment in the past, so
the history reads as if the team had worked in ectui for a month before the demo's today.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from ectui.clock import Clock, FixedClock
from ectui.models import Employee, Organization, TaskResult
from ectui.services import sales_templates, tasks
from ectui.services.context import Context
from ectui.services.employees import actor_for_login
from ectui.services.quick_log import QuickLog, quick_log
from ectui.services.task_types import type_id_for_code

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "demo"

# (client key, contact key or None, days ago, type, result, note)
PAST_CONTACTS = (
    ("romashka", "romashka-smirnov", 21, "call", "decision_maker",
     "Смирнов готов обсудить поставку стеллажей для склада"),
    ("romashka", "romashka-kovaleva", 14, "meeting", "held",
     "Показали образцы; просят рассчитать 2-й склад"),
    ("romashka", "romashka-kovaleva", 9, "email", "sent", "Отправили буклет и прайс-лист"),
    ("uraltransservice", None, 12, "call", "no_answer", ""),
    ("uraltransservice", None, 10, "call", "callback", "Перезвонить после планерки"),
    ("nord-cargo", None, 20, "presentation", "interested", "Интересует аренда МФУ"),
    ("fabrika-vkusa", None, 6, "call", "meeting_agreed", "Встреча у них в офисе"),
    ("teplokomfort", None, 30, "proposal", "sent", "КП на сервисное обслуживание"),
    ("kuban-agrotrade", None, 8, "call", "refused", "Бюджет заморожен до весны"),
    ("zapolyarnaya", None, 15, "letter", "answered", "Подтвердили интерес к тендеру"),
)

# (client key, days from today, hh:mm or None, type, title, priority)
PLANNED = (
    ("uraltransservice", -2, None, "call", "Перезвонить после планерки", 2),
    ("teplokomfort", -1, "16:00", "call", "Узнать решение по КП", 1),
    ("fabrika-vkusa", 0, "11:00", "meeting", "Встреча: склад и МФУ", 1),
    ("nord-cargo", 0, None, "proposal", "КП на аренду МФУ", 2),
    ("zapolyarnaya", 0, "15:30", "call", "Уточнить сроки тендера", 2),
    ("centr-logistic", 1, "10:00", "call", "Первый звонок: выход на ЛПР", 2),
    ("smartway", 3, None, "email", "Отправить презентацию", 3),
    ("volzhsky-sklad", 6, None, "call", "Напомнить о себе", 3),
)


def _context(login: str, clock: Clock) -> Context | None:
    actor = actor_for_login(login)
    return Context(actor, clock) if actor else None


def _result(type_code: str, code: str) -> int:
    return TaskResult.get(TaskResult.task_type == type_id_for_code(type_code),
                          TaskResult.code == code).id


def load_demo_history(admin: Context, org_ids: dict[str, int],
                      contact_ids: dict[str, int]) -> dict[str, int]:
    """Templates and a month of history for the demo team; returns how many of each."""
    template_ids = _load_templates(admin)
    now = admin.now()
    zone = now.tzinfo
    logged = 0
    for key, contact, days, kind, result, note in PAST_CONTACTS:
        org = Organization.get_by_id(org_ids[key])
        login = Employee.get_by_id(org.responsible_id).login if org.responsible_id else "kim"
        moment = (now - dt.timedelta(days=days)).replace(hour=11, minute=0)
        ctx = _context(login, FixedClock(moment, zone=zone))
        if ctx is None:
            continue
        quick_log(ctx, QuickLog(organization_id=org.id, contact_id=contact_ids.get(contact or ""),
                                type_id=type_id_for_code(kind), result_id=_result(kind, result),
                                note=note))
        logged += 1
    planned = 0
    for key, days, clock_time, kind, title, priority in PLANNED:
        org = Organization.get_by_id(org_ids[key])
        login = Employee.get_by_id(org.responsible_id).login if org.responsible_id else "kim"
        ctx = _context(login, admin.clock)
        if ctx is None:
            continue
        day = now.date() + dt.timedelta(days=days)
        due = f"{day:%d.%m.%Y}" + (f" {clock_time}" if clock_time else "")
        tasks.create_task(ctx, {"task_type_id": type_id_for_code(kind), "title": title,
                                "organization_id": org.id, "due": due, "priority": priority})
        planned += 1
    _project_under_way(admin, template_ids, org_ids, contact_ids)
    _head_gives_a_task(admin, org_ids)
    return {"templates": len(template_ids), "logged": logged, "planned": planned}


def _load_templates(admin: Context) -> list[int]:
    ids = []
    for item in json.loads((DATA_DIR / "sales_templates.json").read_text(encoding="utf-8")):
        template = sales_templates.save_template(admin, {
            "name": item["name"], "description": item.get("description", ""),
            "sequential": "true" if item.get("sequential", True) else "false"})
        for stage in item["stages"]:
            stage_id = sales_templates.save_step(admin, template, {"level": "stage",
                                                                   "title": stage["title"]})
            for step in stage["steps"]:
                sales_templates.save_step(admin, template, {
                    "level": "operation", "task_type_id": type_id_for_code(step["type"]),
                    "title": step["title"], "offset_days": str(step["offset_days"]),
                    "planned_result": step.get("planned_result", "")}, parent_id=stage_id)
        ids.append(template)
    return ids


def _project_under_way(admin: Context, template_ids: list[int], org_ids: dict[str, int],
                       contact_ids: dict[str, int]) -> None:
    """ТД «Медведь»: «Договор поставки» started twelve days ago, two calls made."""
    from ectui.services.task_tree import TreeFilter, project_tree

    now = admin.now()
    zone = now.tzinfo
    org = org_ids["td-medved"]
    start = now - dt.timedelta(days=12)
    ctx = _context("kim", FixedClock(start, zone=zone))
    if ctx is None or not template_ids:
        return
    project = sales_templates.start_project(ctx, template_ids[0], {
        "organization_id": org, "start": f"{start:%d.%m.%Y}"})
    notes = (("decision_maker", "ЛПР — коммерческий директор"),
             ("meeting_agreed", "Презентация в офисе клиента"))
    for days_ago, (result, note) in zip((12, 8), notes, strict=True):
        moment = (now - dt.timedelta(days=days_ago)).replace(hour=12, minute=0)
        ctx = _context("kim", FixedClock(moment, zone=zone))
        step = next(node.row for stage in project_tree(ctx, project, TreeFilter())
                    for node in stage.children if node.row.status == "planned")
        tasks.complete_task(ctx, step.id, _result("call", result), note)
    # The presentation the template opened: set for today afternoon.
    ctx = _context("kim", admin.clock)
    step = next(node.row for stage in project_tree(ctx, project, TreeFilter())
                for node in stage.children if node.row.status == "planned")
    tasks.postpone_task(ctx, step.id, "сегодня 15:00")


def _head_gives_a_task(admin: Context, org_ids: dict[str, int]) -> None:
    head = _context("kuznetsova", admin.clock)
    kim = Employee.get_or_none(Employee.login == "kim")
    if head is None or kim is None:
        return
    tasks.create_task(head, {
        "task_type_id": type_id_for_code("proposal"), "title": "Подготовить КП на стеллажи",
        "organization_id": org_ids["fabrika-vkusa"], "due": "завтра", "priority": 1,
        "responsible_id": kim.id, "controller_id": head.actor.employee_id,
        "planned_result": "КП согласовано с клиентом"})
