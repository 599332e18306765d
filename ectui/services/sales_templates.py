"""Sales process templates («типовая модель сбыта»): the admin's reusable trees of stages and
steps with deadlines relative to the start; starting a project from one builds its whole tree."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ectui.db import write_transaction
from ectui.errors import FieldError, NotFound, ValidationError
from ectui.models import Contact, Organization, SalesTemplate, Task, TaskType, TemplateStep
from ectui.services import access, task_rights
from ectui.services.context import Context
from ectui.services.task_notices import announce
from ectui.services.task_rollup import rollup
from ectui.services.task_types import type_label
from ectui.when import parse_due, start_of_day


@dataclass(frozen=True)
class TemplateInfo:
    id: int
    name: str
    description: str
    sequential: bool
    is_active: bool
    step_count: int


@dataclass(frozen=True)
class StepInfo:
    id: int
    parent_id: int | None
    level: str
    title: str
    type_id: int | None
    type_name: str
    offset_days: int
    planned_result: str
    depth: int


def templates(active_only: bool = True) -> list[TemplateInfo]:
    """Templates by name, with how many steps each has."""
    query = SalesTemplate.select().order_by(SalesTemplate.name)
    if active_only:
        query = query.where(SalesTemplate.is_active == True)  # noqa: E712
    counts: dict[int, int] = {}
    for step in TemplateStep.select(TemplateStep.template):
        counts[step.template_id] = counts.get(step.template_id, 0) + 1
    return [TemplateInfo(t.id, t.name, t.description, t.sequential, t.is_active,
                         counts.get(t.id, 0)) for t in query]


def template_steps(template_id: int) -> list[StepInfo]:
    """The steps of a template in order, depth first (a stage, then what is in it)."""
    steps = list(TemplateStep.select().where(TemplateStep.template == template_id)
                 .order_by(TemplateStep.position, TemplateStep.id))
    types = {tp.id: tp for tp in TaskType.select()}
    children: dict[int | None, list[TemplateStep]] = {}
    for step in steps:
        children.setdefault(step.parent_id, []).append(step)
    out: list[StepInfo] = []

    def walk(parent: int | None, depth: int) -> None:
        for step in children.get(parent, ()):
            tp = types.get(step.task_type_id)
            out.append(StepInfo(step.id, step.parent_id, step.level, step.title,
                                step.task_type_id,
                                type_label(tp.code, tp.name, tp.is_builtin) if tp else "",
                                step.offset_days, step.planned_result, depth))
            walk(step.id, depth + 1)

    walk(None, 0)
    return out


def _admin(ctx: Context) -> None:
    access.require(ctx, "administer")


def save_template(ctx: Context, data: dict[str, object], *, template_id: int | None = None) -> int:
    """Create or rename a template; only the admin defines them."""
    _admin(ctx)
    name = str(data.get("name") or "").strip()
    if not name:
        raise ValidationError({"name": FieldError("validation.required")})
    clash = SalesTemplate.select().where(SalesTemplate.name == name)
    if template_id:
        clash = clash.where(SalesTemplate.id != template_id)
    if clash.exists():
        raise ValidationError({"name": FieldError("template.name_taken", name=name)})
    sequential = str(data.get("sequential", "true")).casefold() not in ("false", "0", "нет", "")
    now = ctx.now()
    with write_transaction():
        if template_id is None:
            return SalesTemplate.create(name=name, description=str(data.get("description") or ""),
                                        sequential=sequential, created_at=now,
                                        updated_at=now).id
        found = SalesTemplate.get_or_none(SalesTemplate.id == template_id)
        if found is None:
            raise NotFound()
        found.name = name
        found.description = str(data.get("description") or "")
        found.sequential = sequential
        found.updated_at = now
        found.save()
        return found.id


def delete_template(ctx: Context, template_id: int) -> None:
    """Remove a template; projects started from it keep their tasks."""
    _admin(ctx)
    with write_transaction():
        SalesTemplate.delete().where(SalesTemplate.id == template_id).execute()


def _offset(raw: object) -> int:
    text = str(raw if raw is not None else "").strip().lstrip("+")
    if not text:
        return 0
    if not text.isdigit() or int(text) > 3650:
        raise FieldError("template.bad_offset")
    return int(text)


def save_step(ctx: Context, template_id: int, data: dict[str, object], *,
              step_id: int | None = None, parent_id: int | None = None) -> int:
    """Add a stage or step (under ``parent_id``, a stage) or change one."""
    _admin(ctx)
    errors: dict[str, FieldError] = {}
    level = str(data.get("level") or "operation")
    if level not in ("stage", "operation"):
        errors["level"] = FieldError("task.choice", options="stage, operation")
    type_id = data.get("task_type_id") or None
    if type_id is not None:
        type_id = int(type_id)  # type: ignore[arg-type]
        if not TaskType.select().where(TaskType.id == type_id).exists():
            errors["task_type_id"] = FieldError("task.reference_missing")
    if level == "operation" and type_id is None and "task_type_id" not in errors:
        errors["task_type_id"] = FieldError("validation.required")
    title = str(data.get("title") or "").strip()
    if not title and type_id and level == "operation":
        tp = TaskType.get_by_id(type_id)
        title = type_label(tp.code, tp.name, tp.is_builtin)
    if not title:
        errors["title"] = FieldError("validation.required")
    try:
        offset = _offset(data.get("offset_days"))
    except FieldError as error:
        errors["offset_days"] = error
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        if step_id is not None:
            step = TemplateStep.get_or_none(TemplateStep.id == step_id)
            if step is None:
                raise NotFound()
            if step.level == "stage" and level == "operation" and \
                    TemplateStep.select().where(TemplateStep.parent == step.id).exists():
                raise ValidationError({"level": FieldError("template.stage_has_steps")})
        else:
            parent = TemplateStep.get_or_none(TemplateStep.id == parent_id) if parent_id else None
            beside = None
            if parent is not None and parent.level != "stage":
                beside, parent = parent, parent.parent  # «add» on a step adds right after it
            siblings = TemplateStep.select().where(
                TemplateStep.template == template_id,
                TemplateStep.parent == (parent.id if parent else None))
            if beside is not None:
                position = beside.position + 1
                (TemplateStep.update(position=TemplateStep.position + 1)
                 .where(TemplateStep.id.in_(siblings.select(TemplateStep.id)),
                        TemplateStep.position >= position).execute())
            else:
                position = siblings.count()
            step = TemplateStep(template=template_id, parent=parent, position=position)
        step.level = level
        step.title = title
        step.task_type = type_id if level == "operation" else None
        step.offset_days = offset
        step.planned_result = str(data.get("planned_result") or "").strip()
        step.save()
        return step.id


def delete_step(ctx: Context, step_id: int) -> None:
    _admin(ctx)
    with write_transaction():
        TemplateStep.delete().where(TemplateStep.id == step_id).execute()


def move_step(ctx: Context, step_id: int, direction: int) -> None:
    """Swap a step with the one before (-1) or after (+1) it in its stage."""
    _admin(ctx)
    with write_transaction():
        step = TemplateStep.get_or_none(TemplateStep.id == step_id)
        if step is None:
            raise NotFound()
        siblings = list(TemplateStep.select().where(
            TemplateStep.template == step.template_id, TemplateStep.parent == step.parent_id)
            .order_by(TemplateStep.position, TemplateStep.id))
        index = [s.id for s in siblings].index(step.id)
        other = index + direction
        if not 0 <= other < len(siblings):
            return
        siblings[index], siblings[other] = siblings[other], siblings[index]
        for position, sibling in enumerate(siblings):
            TemplateStep.update(position=position).where(TemplateStep.id == sibling.id).execute()


def step_for_edit(step_id: int) -> dict[str, object]:
    step = TemplateStep.get_or_none(TemplateStep.id == step_id)
    if step is None:
        raise NotFound()
    return {"level": step.level, "title": step.title, "task_type_id": step.task_type_id,
            "offset_days": str(step.offset_days), "planned_result": step.planned_result}


def start_project(ctx: Context, template_id: int, data: dict[str, object]) -> int:
    """Start a project from a template for a client: its whole tree with dates from the start
    day; in a sequential template only the first step is open, the rest wait their turn."""
    template = SalesTemplate.get_or_none(SalesTemplate.id == template_id)
    if template is None:
        raise NotFound()
    errors: dict[str, FieldError] = {}
    now = ctx.now()
    zone = now.tzinfo
    org_id = int(data["organization_id"]) if data.get("organization_id") else None
    contact_id = int(data["contact_id"]) if data.get("contact_id") else None
    if contact_id:
        contact = Contact.get_or_none(Contact.id == contact_id)
        if contact is None:
            errors["contact_id"] = FieldError("task.reference_missing")
        elif org_id is None:
            org_id = contact.organization_id
        elif contact.organization_id and contact.organization_id != org_id:
            errors["contact_id"] = FieldError("task.contact_of_other_org")
    if org_id is None:
        errors["organization_id"] = FieldError("validation.required")
    elif not Organization.select().where(Organization.id == org_id).exists():
        errors["organization_id"] = FieldError("task.reference_missing")
    try:
        start = parse_due(str(data.get("start") or ""), now.date())
    except FieldError as error:
        errors["start"] = error
        start = None
    responsible = int(data.get("responsible_id") or ctx.actor.employee_id)
    steps = template_steps(template_id)
    if not steps:
        errors["template"] = FieldError("template.empty")
    if errors:
        raise ValidationError(errors)
    if responsible != ctx.actor.employee_id:
        task_rights.require_assign(ctx.actor, responsible)
    me = ctx.actor.employee_id
    day = start.day if start else now.date()
    title = str(data.get("title") or "").strip() or template.name

    def due(offset: int) -> dt.datetime:
        return start_of_day(day + dt.timedelta(days=offset), zone)

    common = {"organization": org_id, "contact": contact_id, "responsible": responsible,
              "author": me, "assigned_by": me if responsible != me else None,
              "template": template.id, "created_at": now, "updated_at": now}
    with write_transaction():
        project = Task.create(
            level="project", title=title, status="planned", position=0,
            start_at=start_of_day(day, zone), due_at=due(max(s.offset_days for s in steps)),
            is_new=responsible != me, description=template.description, **common)
        project.root = project.id
        project.save(only=[Task.root])
        created: dict[int, Task] = {}
        positions: dict[int, int] = {}
        first_open = True
        for index, step in enumerate(steps):
            parent = created[step.parent_id] if step.parent_id else project
            position = positions.get(parent.id, 0)
            positions[parent.id] = position + 1
            if step.level == "stage":
                below = [s.offset_days for s in steps if _under(s, step.id, steps)]
                created[step.id] = Task.create(
                    level="stage", parent=parent, root=project.id, position=position,
                    title=step.title, planned_result=step.planned_result, status="planned",
                    start_at=None, due_at=due(max(below, default=step.offset_days)),
                    template_step=step.id, step_index=index, **common)
                continue
            status = "planned" if first_open or not template.sequential else "pending"
            first_open = False
            created[step.id] = Task.create(
                level="operation", parent=parent, root=project.id, position=position,
                task_type=step.type_id, title=step.title, planned_result=step.planned_result,
                status=status, due_at=due(step.offset_days), template_step=step.id,
                step_index=index, is_new=responsible != me and status == "planned", **common)
        announce(project.id, "assigned", [responsible], me, now)
        rollup(project.id, now)
    return project.id


def _under(step: StepInfo, ancestor_id: int, steps: list[StepInfo]) -> bool:
    parents = {s.id: s.parent_id for s in steps}
    current = step.parent_id
    while current is not None:
        if current == ancestor_id:
            return True
        current = parents.get(current)
    return False
