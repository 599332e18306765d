"""Tasks as lists show them: one plain row per task, its due state and its path in the tree."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import peewee

from ectui.i18n import t
from ectui.models import Contact, Employee, Organization, Task, TaskResult, TaskType
from ectui.names import full_name, short_name
from ectui.services.task_types import result_label, type_label

PATH_SEPARATOR = " › "


@dataclass(frozen=True)
class TaskRow:
    id: int
    level: str
    parent_id: int | None
    root_id: int | None
    type_id: int | None
    type_code: str
    type_name: str
    title: str
    status: str
    priority: int
    start_at: dt.datetime | None
    due_at: dt.datetime | None
    due_has_time: bool
    finished_at: dt.datetime | None
    organization_id: int | None
    organization: str
    contact_id: int | None
    contact: str
    responsible_id: int
    responsible: str
    result: str
    result_note: str
    planned_result: str
    is_new: bool
    step_index: int | None = None
    path: str = ""  # the project and stages above the task: «Договор поставки › Продажа»

    @property
    def client(self) -> str:
        """Organization and contact person as one line: «ООО «Ромашка», Ковалева Ю. М.»."""
        return ", ".join(part for part in (self.organization, self.contact) if part)

    def with_path(self, path: str) -> TaskRow:
        return TaskRow(**{**self.__dict__, "path": path})


def due_state(status: str, due_at: dt.datetime | None, has_time: bool, now: dt.datetime) -> str:
    """overdue, today, upcoming or none for an open task; its status for any other."""
    if status not in ("planned", "in_progress"):
        return status
    if due_at is None:
        return "none"
    local = due_at.astimezone(now.tzinfo)
    if (has_time and due_at < now) or local.date() < now.date():
        return "overdue"
    if local.date() == now.date():
        return "today"
    return "upcoming"


# A symbol per due state, so a monochrome terminal tells them apart too.
STATE_SYMBOLS = {
    "overdue": "▲", "today": "●", "upcoming": "○", "none": "·",
    "done": "✔", "cancelled": "✖", "pending": "◌", "new": "★",
}
STATE_STYLES = {
    "overdue": "bold red", "today": "bold yellow", "upcoming": "cyan", "none": "",
    "done": "green", "cancelled": "dim strike", "pending": "dim", "new": "bold magenta",
}


def row_query() -> peewee.ModelSelect:
    """Tasks with everything a row shows, joined in one query."""
    responsible = Employee.alias("responsible_employee")
    return (Task.select(
        Task.id, Task.level, Task.parent, Task.root, Task.task_type, Task.title, Task.status,
        Task.priority, Task.start_at, Task.due_at, Task.due_has_time, Task.finished_at,
        Task.organization, Task.contact, Task.responsible, Task.result_note,
        Task.planned_result, Task.is_new, Task.step_index,
        TaskType.code.alias("type_code"), TaskType.name.alias("type_custom_name"),
        TaskType.is_builtin.alias("type_builtin"),
        TaskResult.code.alias("result_code"), TaskResult.name.alias("result_custom_name"),
        Organization.name.alias("organization_name"),
        Contact.last_name.alias("c_last"), Contact.first_name.alias("c_first"),
        Contact.patronymic.alias("c_patronymic"),
        responsible.last_name.alias("r_last"), responsible.first_name.alias("r_first"),
        responsible.patronymic.alias("r_patronymic"))
        .join_from(Task, TaskType, peewee.JOIN.LEFT_OUTER, on=(Task.task_type == TaskType.id))
        .join_from(Task, TaskResult, peewee.JOIN.LEFT_OUTER, on=(Task.result == TaskResult.id))
        .join_from(Task, Organization, peewee.JOIN.LEFT_OUTER,
                   on=(Task.organization == Organization.id))
        .join_from(Task, Contact, peewee.JOIN.LEFT_OUTER, on=(Task.contact == Contact.id))
        .join_from(Task, responsible, peewee.JOIN.LEFT_OUTER,
                   on=(Task.responsible == responsible.id)))


def to_row(data: dict) -> TaskRow:
    builtin = bool(data.get("type_builtin"))
    type_code = data.get("type_code") or ""
    type_name = type_label(type_code, data.get("type_custom_name") or "", builtin) \
        if type_code else ""
    result = ""
    if data.get("result_code"):
        result = result_label(type_code, data["result_code"],
                              data.get("result_custom_name") or "", builtin)
    contact = ""
    if data.get("c_last"):
        contact = short_name(data["c_last"], data.get("c_first") or "",
                             data.get("c_patronymic") or "")
    responsible = ""
    if data.get("r_last"):
        responsible = short_name(data["r_last"], data.get("r_first") or "",
                                 data.get("r_patronymic") or "")
    return TaskRow(
        id=data["id"], level=data["level"], parent_id=data["parent"], root_id=data["root"],
        type_id=data["task_type"], type_code=type_code, type_name=type_name,
        title=data["title"], status=data["status"], priority=data["priority"],
        start_at=data["start_at"], due_at=data["due_at"],
        due_has_time=bool(data["due_has_time"]), finished_at=data["finished_at"],
        organization_id=data["organization"], organization=data.get("organization_name") or "",
        contact_id=data["contact"], contact=contact, responsible_id=data["responsible"],
        responsible=responsible, result=result, result_note=data["result_note"] or "",
        planned_result=data["planned_result"] or "", is_new=bool(data["is_new"]),
        step_index=data.get("step_index"))


def rows(query: peewee.ModelSelect) -> list[TaskRow]:
    return [to_row(data) for data in query.dicts()]


def with_paths(task_rows: list[TaskRow]) -> list[TaskRow]:
    """The rows with their paths filled: the titles of every ancestor, top first."""
    titles: dict[int, tuple[str, int | None]] = {}
    frontier = {r.parent_id for r in task_rows if r.parent_id}
    while frontier:  # one query per level: a tree is three or four levels deep
        found = list(Task.select(Task.id, Task.title, Task.parent).where(Task.id.in_(frontier)))
        for task in found:
            titles[task.id] = (task.title, task.parent_id)
        frontier = {task.parent_id for task in found
                    if task.parent_id and task.parent_id not in titles}
    out = []
    for row in task_rows:
        chain, current, seen = [], row.parent_id, set()
        while current and current in titles and current not in seen:
            seen.add(current)
            title, current = titles[current]
            chain.append(title)
        out.append(row.with_path(PATH_SEPARATOR.join(reversed(chain))) if chain else row)
    return out


def employee_name(emp_id: int | None, *, full: bool = False) -> str:
    emp = Employee.get_or_none(Employee.id == emp_id) if emp_id else None
    if emp is None:
        return ""
    if full:
        return full_name(emp.last_name, emp.first_name, emp.patronymic)
    return short_name(emp.last_name, emp.first_name, emp.patronymic)


def status_label(status: str) -> str:
    return t(f"task.status.{status}")
