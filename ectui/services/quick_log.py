"""«Done, and plan the next step»: log a finished contact with its result and create the
follow-up in one go, with every default taken from the context so only the text is typed."""

from __future__ import annotations

from dataclasses import dataclass, field

import peewee

from ectui.db import write_transaction
from ectui.errors import FieldError, UserError, ValidationError
from ectui.models import Contact, Organization, Task
from ectui.names import short_name
from ectui.services import task_rights
from ectui.services.context import Context
from ectui.services.task_rollup import (
    next_pending_step,
    open_step,
    rollup,
    step_delay_days,
)
from ectui.services.task_types import ResultInfo, TaskTypeInfo, task_types, type_id_for_code
from ectui.services.tasks import check_result, finish, visible_task
from ectui.when import Due, parse_due

DEFAULT_TYPE = "call"


@dataclass(frozen=True)
class NextStep:
    """A proposed follow-up: what, and when as the person would type it («+2»)."""

    type_id: int | None
    title: str
    due_text: str
    opens_step_id: int | None = None  # a waiting template step this follow-up opens


@dataclass(frozen=True)
class QuickLogDefaults:
    task_id: int | None
    title: str  # what is being logged: the task's title or the new contact's type
    organization_id: int | None
    organization: str
    contact_id: int | None
    contact: str
    type_id: int | None
    results: tuple[ResultInfo, ...]
    on_advance: NextStep  # the follow-up when the result moves the sale on
    on_stall: NextStep  # when it does not («нет ответа» → call again)
    types: tuple[TaskTypeInfo, ...] = field(default_factory=tuple)
    # For a contact that was not planned: the client's open projects and stages it may be
    # filed under («Договор поставки › Продажа»), and the one proposed.
    places: tuple[tuple[int, str], ...] = ()
    place_id: int | None = None


@dataclass(frozen=True)
class QuickLog:
    """What the person entered; ``task_id`` None logs a contact that was not planned."""

    task_id: int | None = None
    organization_id: int | None = None
    contact_id: int | None = None
    type_id: int | None = None
    result_id: int | None = None
    note: str = ""
    next_due: str = ""  # "" plans nothing
    next_type_id: int | None = None
    next_title: str = ""
    opens_step_id: int | None = None
    parent_id: int | None = None  # an unplanned contact filed under this project or stage


@dataclass(frozen=True)
class QuickLogOutcome:
    done_id: int
    next_id: int | None


def _same_again(type_info: TaskTypeInfo | None, title: str) -> NextStep:
    if type_info is None:
        return NextStep(None, title, "+2")
    return NextStep(type_info.id, title or type_info.name, f"+{type_info.default_delay_days}")


def quick_log_defaults(ctx: Context, *, task_id: int | None = None,
                       organization_id: int | None = None, contact_id: int | None = None,
                       type_id: int | None = None) -> QuickLogDefaults:
    """What the quick log form starts from, for a task or for a client."""
    types = tuple(task_types())
    by_id = {info.id: info for info in types}
    if task_id is not None:
        task = visible_task(ctx, task_id)
        type_info = by_id.get(task.task_type_id)
        if type_info is None and task.task_type_id:
            type_info = next((i for i in task_types(active_only=False)
                              if i.id == task.task_type_id), None)
        on_stall = _same_again(type_info, task.title)
        following = next_pending_step(task)
        if following is not None:
            on_advance = NextStep(following.task_type_id, following.title,
                                  f"+{step_delay_days(task, following)}", following.id)
        else:
            on_advance = _same_again(type_info, type_info.name if type_info else task.title)
        return QuickLogDefaults(
            task.id, task.title, task.organization_id,
            task.organization.name if task.organization_id else "", task.contact_id,
            _contact_name(task.contact_id), task.task_type_id,
            type_info.results if type_info else (), on_advance, on_stall, types)
    if contact_id and not organization_id:
        found = Contact.get_or_none(Contact.id == contact_id)
        organization_id = found.organization_id if found else None
    type_info = by_id.get(type_id or type_id_for_code(DEFAULT_TYPE) or 0) or \
        (types[0] if types else None)
    org = Organization.get_or_none(Organization.id == organization_id) if organization_id \
        else None
    again = _same_again(type_info, "")
    places = open_places(ctx, organization_id) if organization_id else ()
    return QuickLogDefaults(
        None, type_info.name if type_info else "", organization_id, org.name if org else "",
        contact_id, _contact_name(contact_id), type_info.id if type_info else None,
        type_info.results if type_info else (), again, again, types, places,
        _proposed_place(places))


def open_places(ctx: Context, organization_id: int) -> tuple[tuple[int, str], ...]:
    """The client's open projects and stages the employee may see, each with its path."""
    query = (Task.select(Task.id, Task.parent, Task.title, Task.level)
             .where(Task.organization == organization_id, Task.level.in_(("project", "stage")),
                    Task.status.not_in(("done", "cancelled")))
             .order_by(Task.root, Task.position, Task.id))
    visible = task_rights.visible_condition(ctx.actor)
    rows = list(query.where(visible) if visible is not None else query)
    titles = {row.id: (row.title, row.parent_id) for row in rows}

    def path(ident: int) -> str:
        parts = []
        while ident in titles:
            title, ident = titles[ident]
            parts.append(title)
        return " › ".join(reversed(parts))

    return tuple((row.id, path(row.id)) for row in rows)


def _proposed_place(places: tuple[tuple[int, str], ...]) -> int | None:
    """With one open project, its first open stage (or the project itself); with several,
    none: the person chooses."""
    projects = [ident for ident, label in places if " › " not in label]
    if len(projects) != 1:
        return None
    under = [ident for ident, label in places if " › " in label]
    return under[0] if under else projects[0]


def _place(ctx: Context, parent_id: int, org_id: int | None) -> Task:
    parent = visible_task(ctx, parent_id)
    if parent.level not in ("project", "stage") or parent.organization_id != org_id \
            or parent.status in ("done", "cancelled"):
        raise ValidationError({"parent_id": FieldError("quick_log.bad_place")})
    return parent


def _contact_name(contact_id: int | None) -> str:
    found = Contact.get_or_none(Contact.id == contact_id) if contact_id else None
    return short_name(found.last_name, found.first_name, found.patronymic) if found else ""


def quick_log(ctx: Context, entry: QuickLog) -> QuickLogOutcome:
    """Log the contact as done with its result, and plan the next step when a date is given."""
    now = ctx.now()
    me = ctx.actor.employee_id
    errors: dict[str, FieldError] = {}
    task = visible_task(ctx, entry.task_id) if entry.task_id else None
    if task is not None:
        task_rights.require_edit(ctx.actor, task)
        if task.status in ("done", "cancelled"):
            raise UserError("task.already_closed")
        if Task.select().where(Task.parent == task.id).exists():
            raise UserError("task.status_from_children")
    elif not entry.type_id:
        errors["type_id"] = FieldError("validation.required")
    if task is None and not (entry.organization_id or entry.contact_id):
        raise UserError("quick_log.no_client")
    try:
        due: Due | None = parse_due(entry.next_due, now.date())
    except FieldError as error:
        errors["next_due"] = error
        due = None
    if due is not None and not entry.next_type_id and not entry.opens_step_id:
        errors["next_type_id"] = FieldError("validation.required")
    with write_transaction():
        if task is None:
            org_id = entry.organization_id
            if entry.contact_id and not org_id:
                found = Contact.get_or_none(Contact.id == entry.contact_id)
                org_id = found.organization_id if found else None
            from ectui.services.task_types import task_type

            info = task_type(entry.type_id) if entry.type_id else None
            task = Task(level="operation", task_type=entry.type_id, title=info.name if info
                        else "", organization=org_id, contact=entry.contact_id, status="planned",
                        due_at=now, due_has_time=True, start_at=now, responsible=me, author=me,
                        created_at=now, updated_at=now)
            if entry.parent_id:
                parent = _place(ctx, entry.parent_id, org_id)
                last = (Task.select(peewee.fn.MAX(Task.position))
                        .where(Task.parent == parent.id).scalar())
                task.parent, task.root = parent.id, parent.root_id or parent.id
                task.position = (last or 0) + 1
        try:
            result = check_result(task, entry.result_id)
        except ValidationError as error:
            errors.update(error.errors)
        if errors:
            raise ValidationError(errors)
        if task.id is None:
            task.save()
        finish(ctx, task, result, entry.note)
        next_id = None
        if due is not None:
            next_id = _plan_next(ctx, task, entry, due, result is None or result.advances)
    return QuickLogOutcome(task.id, next_id)


def _plan_next(ctx: Context, done: Task, entry: QuickLog, due: Due, advanced: bool) -> int:
    now = ctx.now()
    me = ctx.actor.employee_id
    step = None
    if entry.opens_step_id and advanced:
        step = Task.get_or_none(Task.id == entry.opens_step_id, Task.status == "pending")
        if step is not None and step.root_id != done.root_id:
            step = None
    if step is not None:
        return open_step(step, due.day, now, me, title=entry.next_title.strip() or None,
                         type_id=entry.next_type_id, contact_id=done.contact_id,
                         due_time=due.time)
    type_id = entry.next_type_id or done.task_type_id
    title = entry.next_title.strip()
    if not title:
        from ectui.services.task_types import task_type

        title = task_type(type_id).name if type_id else done.title
    retry = not advanced and done.step_index is not None
    responsible = done.responsible_id
    if done.parent_id:
        # The follow-up sits right after what it follows, so the tree reads as a story.
        (Task.update(position=Task.position + 1)
         .where(Task.parent == done.parent_id, Task.position > done.position).execute())
    following = Task.create(
        level="operation", parent=done.parent_id, root=done.root_id,
        position=done.position + 1 if done.parent_id else 0,
        task_type=type_id, title=title, organization=done.organization_id,
        contact=done.contact_id, priority=done.priority, status="planned",
        due_at=due.moment(now.tzinfo), due_has_time=due.has_time, responsible=responsible,
        controller=done.controller_id, author=me, is_new=responsible != me,
        assigned_by=me if responsible != me else None, template=done.template_id,
        # A retry of a template step stands in for it: its result opens the step after.
        template_step=done.template_step_id if retry else None,
        step_index=done.step_index if retry else None,
        created_at=now, updated_at=now)
    rollup(done.root_id, now)
    return following.id
