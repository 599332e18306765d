"""Client requests («обращения»): registered from a client's card or an e-mail, moved through
the handling process step by step, each step with a deadline in working hours.

Each request carries an operational task («Обращение клиента») in the client's history: the
task tree and the client's history show it, its due time follows the current step's deadline,
and reminders and notices point at it (``task_notice``), as for any task.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import peewee

from ectui.db import write_transaction
from ectui.errors import FieldError, NotFound, UserError, ValidationError
from ectui.i18n import t
from ectui.models import (
    ClientRequest,
    Department,
    Employee,
    InstalledItem,
    MailMessage,
    MailMessageTask,
    Organization,
    RequestEvent,
    Task,
    TaskReminder,
    TaskType,
)
from ectui.models.service import CHANNELS, REQUEST_PRIORITIES
from ectui.names import short_name
from ectui.services import access
from ectui.services.context import Actor, Context
from ectui.services.service_process import (
    ServiceSettings,
    StepInfo,
    hours_for,
    process_steps,
    service_settings,
)
from ectui.services.task_notices import announce
from ectui.work_calendar import add_working_hours

TASK_TYPE_CODE = "service_request"


# ---- rights ---------------------------------------------------------------------------------

def _involved(actor: Actor, req: ClientRequest) -> bool:
    return actor.employee_id in (req.responsible_id, req.controller_id, req.author_id)


def can_view(actor: Actor, req: ClientRequest) -> bool:
    return _involved(actor, req) or access.can(actor, "view", req.responsible_id)


def can_move(actor: Actor, req: ClientRequest) -> bool:
    """The responsible and the controller move a request; so does whoever may edit it."""
    return (actor.employee_id in (req.responsible_id, req.controller_id)
            or access.can(actor, "edit", req.responsible_id))


def visible_condition(actor: Actor) -> peewee.Expression:
    """The requests an employee sees: those their role reaches, and those they take part in."""
    me = actor.employee_id
    return (access.visible_to(actor, ClientRequest) | (ClientRequest.controller == me)
            | (ClientRequest.author == me))


def _get(request_id: int) -> ClientRequest:
    req = ClientRequest.get_or_none(ClientRequest.id == request_id)
    if req is None:
        raise NotFound()
    return req


def request_version(request_id: int) -> int:
    """The version a form starts from, so a change made meanwhile elsewhere is not undone."""
    return _get(request_id).version


def _require_move(ctx: Context, req: ClientRequest) -> None:
    if not can_move(ctx.actor, req):
        access.require(ctx, "edit", req.responsible_id)  # raises with the role's words


# ---- deadlines ------------------------------------------------------------------------------

def step_deadline(settings: ServiceSettings, step: StepInfo, priority: int,
                  start: dt.datetime) -> dt.datetime | None:
    """When a request entering ``step`` at ``start`` must leave it; None for the final step."""
    if step.is_final:
        return None
    return add_working_hours(settings.calendar, start, hours_for(step, priority))


def solve_deadline(settings: ServiceSettings, steps: list[StepInfo], priority: int,
                   start: dt.datetime) -> dt.datetime:
    """When a request registered at ``start`` must be solved: the hours of every step before
    the «solved» one (or before the final one, if none is marked), in working time."""
    solved_index = next((i for i, s in enumerate(steps) if s.marks_solved), len(steps) - 1)
    hours = sum(hours_for(s, priority) for s in steps[:solved_index])
    return add_working_hours(settings.calendar, start, hours)


# ---- registering ----------------------------------------------------------------------------

@dataclass(frozen=True)
class RegisterDefaults:
    """What the request form starts from for one client."""

    organization_id: int
    organization_name: str
    responsible_id: int
    controller_id: int | None
    items: list[tuple[str, int]]  # (label, item id)
    employees: list[tuple[str, int]]


def _employee_name(emp: Employee) -> str:
    return short_name(emp.last_name, emp.first_name, emp.patronymic)


def default_controller(responsible_id: int) -> int | None:
    """The head of the responsible's department controls their requests (not themselves)."""
    head = (Department.select(Department.head).join(Employee, on=(Employee.department ==
                                                                  Department.id))
            .where(Employee.id == responsible_id).scalar())
    return head if head and head != responsible_id else None


def register_defaults(actor: Actor, org_id: int) -> RegisterDefaults:
    org = Organization.get_or_none(Organization.id == org_id)
    if org is None:
        raise NotFound()
    access.require(actor, "view", org.responsible_id)
    items = [(f"{i.name}" + (f" № {i.serial_number}" if i.serial_number else ""), i.id)
             for i in InstalledItem.select().where(InstalledItem.organization == org_id)
             .order_by(InstalledItem.name)]
    employees = [(_employee_name(e), e.id) for e in Employee.select()
                 .where(Employee.is_active == True)  # noqa: E712
                 .order_by(Employee.last_name, Employee.first_name)]
    responsible = actor.employee_id
    return RegisterDefaults(org.id, org.name, responsible, default_controller(responsible),
                            items, employees)


def _int(raw: object) -> int | None:
    if raw in (None, "", 0, "0"):
        return None
    try:
        return int(raw)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _clean(ctx: Context, values: dict[str, object]) -> dict[str, object]:
    errors: dict[str, FieldError] = {}
    clean: dict[str, object] = {}
    org_id = _int(values.get("organization_id"))
    org = Organization.get_or_none(Organization.id == org_id) if org_id else None
    if org is None:
        errors["organization_id"] = FieldError("validation.required")
    clean["organization"] = org
    subject = str(values.get("subject") or "").strip()
    if not subject:
        errors["subject"] = FieldError("validation.required")
    clean["subject"] = subject[:300]
    clean["description"] = str(values.get("description") or "").strip()
    clean["category"] = str(values.get("category") or "").strip()[:100]
    clean["product_text"] = str(values.get("product_text") or "").strip()[:300]
    channel = str(values.get("channel") or "phone")
    if channel not in CHANNELS:
        errors["channel"] = FieldError("request.bad_channel")
    clean["channel"] = channel
    priority = _int(values.get("priority")) or 2
    if priority not in REQUEST_PRIORITIES:
        errors["priority"] = FieldError("request.bad_priority")
    clean["priority"] = priority
    item_id = _int(values.get("item_id"))
    if item_id is not None and org is not None and not InstalledItem.select().where(
            InstalledItem.id == item_id, InstalledItem.organization == org.id).exists():
        errors["item_id"] = FieldError("request.item_not_of_client")
    clean["item"] = item_id
    contact_id = _int(values.get("contact_id"))
    clean["contact"] = contact_id
    for key in ("responsible_id", "controller_id"):
        ident = _int(values.get(key))
        if ident is not None and not Employee.select().where(
                Employee.id == ident, Employee.is_active == True).exists():  # noqa: E712
            errors[key] = FieldError("task.reference_missing")
        clean[key] = ident
    if clean.get("responsible_id") is None and "responsible_id" not in errors:
        clean["responsible_id"] = ctx.actor.employee_id
    if errors:
        raise ValidationError(errors)
    return clean


def _next_number() -> int:
    return (ClientRequest.select(peewee.fn.MAX(ClientRequest.number)).scalar() or 0) + 1


def _task_type_id() -> int | None:
    return TaskType.select(TaskType.id).where(TaskType.code == TASK_TYPE_CODE).scalar()


def task_title(number: int, subject: str) -> str:
    return t("request.task_title", number=number, subject=subject)


def register_request(ctx: Context, values: dict[str, object], *,
                     mail_id: int | None = None) -> int:
    """Register a client's request in the first step of the process; returns its id."""
    clean = _clean(ctx, values)
    org = clean["organization"]
    responsible = clean["responsible_id"]
    access.require(ctx, "view", org.responsible_id)
    if responsible != ctx.actor.employee_id:
        access.require(ctx, "assign_tasks", responsible)
    controller = clean["controller_id"]
    if values.get("controller_id") is None and "controller_id" not in values:
        controller = default_controller(responsible)
    steps = process_steps()
    if len(steps) < 2:
        raise UserError("service.no_process")
    settings = service_settings()
    now = ctx.now()
    first = steps[0]
    priority = clean["priority"]
    step_due = step_deadline(settings, first, priority, now)
    solve_due = solve_deadline(settings, steps, priority, now)
    me = ctx.actor.employee_id
    with write_transaction():
        if mail_id is not None and ClientRequest.select().where(
                ClientRequest.mail == mail_id).exists():
            raise UserError("request.mail_taken")
        number = _next_number()
        task_id = Task.insert(
            level="operation", task_type=_task_type_id(), title=task_title(number,
                                                                           clean["subject"]),
            description=clean["description"], organization=org.id, contact=clean["contact"],
            priority=priority, status="in_progress", due_at=step_due or now,  # a deadline, no span
            due_has_time=True, responsible=responsible, controller=controller, author=me,
            assigned_by=me if responsible != me else None, is_new=responsible != me,
            created_at=now, updated_at=now).execute()
        request_id = ClientRequest.insert(
            number=number, organization=org.id, contact=clean["contact"], item=clean["item"],
            product_text=clean["product_text"], channel=clean["channel"],
            subject=clean["subject"], description=clean["description"], priority=priority,
            category=clean["category"], step=first.id, registered_at=now,
            step_started_at=now, step_due_at=step_due, solve_due_at=solve_due,
            responsible=responsible, controller=controller, author=me, task=task_id,
            mail=mail_id, created_at=now, updated_at=now).execute()
        RequestEvent.insert(request=request_id, action="registered", to_step=first.id,
                            employee=me, at=now, comment=clean["description"][:2000]).execute()
        _remind(task_id, settings.remind_minutes, controller)
        announce(task_id, "assigned", [responsible, controller], me, now)
    return request_id


def _remind(task_id: int, minutes: int, controller: int | None) -> None:
    # The calendar's notifier reminds before each step's deadline (the task's due time
    # follows the step) and tells responsible and controller when the task goes overdue.
    if minutes <= 0:
        return
    audiences = ["participants"] + (["controller"] if controller else [])
    TaskReminder.insert_many([{"task": task_id, "kind": "before", "minutes_before": minutes,
                               "audience": a} for a in audiences]).execute()


def request_from_mail(ctx: Context, mail_id: int, org_id: int,
                      values: dict[str, object] | None = None) -> int:
    """An incoming e-mail becomes a request: its subject and text, channel e-mail."""
    message = MailMessage.get_or_none(MailMessage.id == mail_id)
    if message is None:
        raise NotFound()
    data = {"organization_id": org_id, **mail_prefill(mail_id), **(values or {})}
    return register_request(ctx, data, mail_id=mail_id)


# ---- moving through the process -------------------------------------------------------------

def _step_index(steps: list[StepInfo], step_id: int) -> int:
    for i, step in enumerate(steps):
        if step.id == step_id:
            return i
    raise UserError("request.step_retired")


def _move(ctx: Context, request_id: int, version: int | None, direction: int,
          comment: str) -> int:
    now = ctx.now()
    settings = service_settings()
    steps = process_steps()
    me = ctx.actor.employee_id
    with write_transaction():
        req = _get(request_id)
        _require_move(ctx, req)
        if version is not None and req.version != version:
            raise UserError("request.changed_elsewhere")
        if req.is_closed and direction > 0:
            raise UserError("request.already_closed")
        index = _step_index(steps, req.step_id) + direction
        if index < 0:
            raise UserError("request.at_first_step")
        if index >= len(steps):
            raise UserError("request.already_closed")
        if direction < 0 and not comment.strip():
            raise ValidationError({"comment": FieldError("request.return_needs_reason")})
        target = steps[index]
        was_late = req.step_due_at is not None and now > req.step_due_at
        due = step_deadline(settings, target, req.priority, now)
        update: dict[str, object] = {
            "step": target.id, "step_started_at": now, "step_due_at": due,
            "is_closed": target.is_final, "closed_at": now if target.is_final else None,
            "updated_at": now, "version": ClientRequest.version + 1}
        solved_index = next((i for i, s in enumerate(steps) if s.marks_solved), None)
        if target.marks_solved and req.solved_at is None:
            update["solved_at"] = now
        elif target.is_final and req.solved_at is None:
            update["solved_at"] = now  # confirmed straight away: solved now
        elif direction < 0 and solved_index is not None and index < solved_index:
            update["solved_at"] = None  # the client says it is not solved after all
        ClientRequest.update(update).where(ClientRequest.id == req.id).execute()
        RequestEvent.insert(request=req.id, action="advanced" if direction > 0 else "returned",
                            from_step=req.step_id, to_step=target.id, employee=me, at=now,
                            comment=comment.strip()[:2000], was_late=was_late).execute()
        if req.task_id:
            task_update: dict[str, object] = {"updated_at": now, "version": Task.version + 1}
            if target.is_final:
                task_update.update(status="done", finished_at=now,
                                   result_note=comment.strip() or target.name)
            else:
                task_update.update(status="in_progress", finished_at=None, due_at=due)
            Task.update(task_update).where(Task.id == req.task_id).execute()
            if target.is_final:
                announce(req.task_id, "completed", [req.controller_id, req.responsible_id],
                         me, now)
    return target.id


def advance(ctx: Context, request_id: int, comment: str = "",
            version: int | None = None) -> int:
    """Move a request to the next step (the last closes it); returns the new step's id."""
    return _move(ctx, request_id, version, +1, comment)


def step_back(ctx: Context, request_id: int, comment: str, version: int | None = None) -> int:
    """Return a request to the previous step, with the reason (e.g. the client did not
    confirm the fix); a closed request reopens."""
    return _move(ctx, request_id, version, -1, comment)


def reassign(ctx: Context, request_id: int, employee_id: int, comment: str = "") -> None:
    """Give a request to another responsible employee; the new one is told."""
    now = ctx.now()
    me = ctx.actor.employee_id
    with write_transaction():
        req = _get(request_id)
        _require_move(ctx, req)
        if not Employee.select().where(Employee.id == employee_id,
                                       Employee.is_active == True).exists():  # noqa: E712
            raise ValidationError({"employee_id": FieldError("task.reference_missing")})
        access.require(ctx, "assign_tasks", employee_id)
        if employee_id == req.responsible_id:
            return
        (ClientRequest.update(responsible=employee_id, updated_at=now,
                              version=ClientRequest.version + 1)
         .where(ClientRequest.id == req.id).execute())
        RequestEvent.insert(request=req.id, action="reassigned", from_step=req.step_id,
                            to_step=req.step_id, employee=me, at=now,
                            comment=comment.strip()[:2000]).execute()
        if req.task_id:
            (Task.update(responsible=employee_id, updated_at=now, version=Task.version + 1)
             .where(Task.id == req.task_id).execute())
            announce(req.task_id, "assigned", [employee_id], me, now)
            announce(req.task_id, "reassigned", [req.responsible_id], me, now)


def add_comment(ctx: Context, request_id: int, comment: str) -> None:
    """Note what was done without moving the request."""
    if not comment.strip():
        raise ValidationError({"comment": FieldError("validation.required")})
    with write_transaction():
        req = _get(request_id)
        _require_move(ctx, req)
        RequestEvent.insert(request=req.id, action="commented", from_step=req.step_id,
                            to_step=req.step_id, employee=ctx.actor.employee_id,
                            at=ctx.now(), comment=comment.strip()[:2000]).execute()



# ---- incoming e-mail ----------------------------------------------------------------------

@dataclass(frozen=True)
class MailChoice:
    """An incoming e-mail that can become a request, with the client it was filed under."""

    id: int
    sender: str
    subject: str
    sent_at: dt.datetime | None
    organization_id: int | None
    organization: str


def mails_for_requests(actor: Actor, limit: int = 50) -> list[MailChoice]:
    """Recent incoming e-mails not yet made requests, newest first; the client is the one
    the message is in the history of, when it is one the employee may see."""
    taken = ClientRequest.select(ClientRequest.mail).where(ClientRequest.mail.is_null(False))
    messages = list(MailMessage.select().where(MailMessage.direction == "in",
                                               MailMessage.status != "ignored",
                                               MailMessage.id.not_in(taken))
                    .order_by(MailMessage.sent_at.desc(nulls="LAST"), MailMessage.id.desc())
                    .limit(limit))
    clients: dict[int, tuple[int, str]] = {}
    if messages:
        query = (MailMessageTask.select(MailMessageTask.message, Organization.id,
                                        Organization.name, Organization.responsible)
                 .join(Organization, on=(MailMessageTask.organization == Organization.id))
                 .where(MailMessageTask.message.in_([m.id for m in messages])).tuples())
        for message_id, org_id, name, owner in query:
            if message_id not in clients and access.can(actor, "view", owner):
                clients[message_id] = (org_id, name)
    return [MailChoice(m.id, m.from_addr, m.subject or t("request.mail_no_subject"), m.sent_at,
                       *clients.get(m.id, (None, ""))) for m in messages]


def mail_prefill(mail_id: int) -> dict[str, object]:
    """What the request form starts from for an e-mail: its subject and text."""
    message = MailMessage.get_or_none(MailMessage.id == mail_id)
    if message is None:
        raise NotFound()
    return {"subject": ((message.subject or "").strip() or t("request.mail_no_subject"))[:300],
            "description": (message.body or "").strip(), "channel": "email"}


def request_of_task(task_id: int) -> int | None:
    """The request a task carries in the client's history, if any: the task screens can open
    the request instead of completing or postponing its task on their own."""
    return ClientRequest.select(ClientRequest.id).where(ClientRequest.task == task_id).scalar()
