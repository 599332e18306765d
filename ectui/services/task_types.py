"""Types of operational tasks (call, meeting, letter… and the admin's own) and their results."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ectui.db import write_transaction
from ectui.errors import FieldError, NotFound, ValidationError
from ectui.i18n import t
from ectui.models import TaskResult, TaskType
from ectui.services import access
from ectui.services.context import Context


@dataclass(frozen=True)
class ResultInfo:
    id: int
    code: str
    name: str
    advances: bool  # moves the sale on: opens the template's next step


@dataclass(frozen=True)
class TaskTypeInfo:
    id: int
    code: str
    name: str
    default_delay_days: int
    is_builtin: bool
    is_active: bool
    results: tuple[ResultInfo, ...]


def type_label(code: str, name: str, is_builtin: bool) -> str:
    """The name a person reads: a translation for a built-in type, the admin's text otherwise."""
    return t(f"task_type.{code}") if is_builtin else name


def result_label(type_code: str, code: str, name: str, type_is_builtin: bool) -> str:
    return t(f"task_result.{type_code}.{code}") if type_is_builtin and not name else name


def task_types(active_only: bool = True) -> list[TaskTypeInfo]:
    """Every task type with its results, in the admin's order."""
    types = TaskType.select().order_by(TaskType.position, TaskType.id)
    if active_only:
        types = types.where(TaskType.is_active == True)  # noqa: E712
    types = list(types)
    results: dict[int, list[ResultInfo]] = {}
    query = (TaskResult.select().where(TaskResult.is_active == True)  # noqa: E712
             .order_by(TaskResult.position, TaskResult.id))
    by_id = {tp.id: tp for tp in types}
    for res in query:
        tp = by_id.get(res.task_type_id)
        if tp is not None:
            results.setdefault(tp.id, []).append(ResultInfo(
                res.id, res.code, result_label(tp.code, res.code, res.name, tp.is_builtin),
                res.advances))
    return [TaskTypeInfo(tp.id, tp.code, type_label(tp.code, tp.name, tp.is_builtin),
                         tp.default_delay_days, tp.is_builtin, tp.is_active,
                         tuple(results.get(tp.id, ()))) for tp in types]


def task_type(type_id: int) -> TaskTypeInfo:
    for info in task_types(active_only=False):
        if info.id == type_id:
            return info
    raise NotFound()


def type_id_for_code(code: str) -> int | None:
    found = TaskType.get_or_none(TaskType.code == code)
    return found.id if found else None


def _admin(ctx: Context) -> None:
    access.require(ctx, "administer")


def _delay(raw: object) -> int:
    text = str(raw if raw is not None else "").strip().lstrip("+")
    if not text:
        return 2
    if not text.isdigit() or int(text) > 365:
        raise FieldError("task_type.bad_delay")
    return int(text)


def _code_for(name: str) -> str:
    base = re.sub(r"\W+", "_", name.casefold()).strip("_")[:40] or "type"
    code, n = f"custom_{base}", 1
    while TaskType.select().where(TaskType.code == code).exists():
        n += 1
        code = f"custom_{base}_{n}"
    return code


def save_task_type(ctx: Context, name: str, default_delay_days: object, *,
                   type_id: int | None = None) -> int:
    """Add a task type of the admin's own, or rename one / change its default delay."""
    _admin(ctx)
    errors: dict[str, FieldError] = {}
    name = (name or "").strip()
    try:
        delay = _delay(default_delay_days)
    except FieldError as error:
        errors["default_delay_days"] = error
    existing = TaskType.get_or_none(TaskType.id == type_id) if type_id else None
    if type_id and existing is None:
        raise NotFound()
    if not name and not (existing and existing.is_builtin):
        errors["name"] = FieldError("validation.required")
    elif name and any(info.name.casefold() == name.casefold() and info.id != type_id
                      for info in task_types(active_only=False)):
        errors["name"] = FieldError("task_type.name_taken", name=name)
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        if existing is None:
            position = (TaskType.select().count() or 0) + 1
            return TaskType.create(code=_code_for(name), name=name, is_builtin=False,
                                   default_delay_days=delay, position=position).id
        if not existing.is_builtin:
            existing.name = name
        existing.default_delay_days = delay
        existing.save()
        return existing.id


def set_type_active(ctx: Context, type_id: int, active: bool) -> None:
    """Retire a type (its tasks keep it) or bring it back."""
    _admin(ctx)
    with write_transaction():
        TaskType.update(is_active=active).where(TaskType.id == type_id).execute()


def add_result(ctx: Context, type_id: int, name: str, advances: bool) -> int:
    """A new result a task of this type can get."""
    _admin(ctx)
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": FieldError("validation.required")})
    info = task_type(type_id)
    if any(r.name.casefold() == name.casefold() for r in info.results):
        raise ValidationError({"name": FieldError("task_type.result_taken", name=name)})
    with write_transaction():
        base = re.sub(r"\W+", "_", name.casefold()).strip("_")[:40] or "result"
        code, n = f"custom_{base}", 1
        while TaskResult.select().where(TaskResult.task_type == type_id,
                                        TaskResult.code == code).exists():
            n += 1
            code = f"custom_{base}_{n}"
        position = TaskResult.select().where(TaskResult.task_type == type_id).count() + 1
        return TaskResult.create(task_type=type_id, code=code, name=name, advances=advances,
                                 position=position).id


def retire_result(ctx: Context, result_id: int) -> None:
    """Stop offering a result; tasks that got it keep it."""
    _admin(ctx)
    with write_transaction():
        TaskResult.update(is_active=False).where(TaskResult.id == result_id).execute()
