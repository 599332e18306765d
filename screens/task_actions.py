"""What a person can do to a task from any screen: open, create, log with the next step,
postpone, give to someone, move, delete, start a project from a template, go to the client.

Today, the task tree and the cards share these, so a key does the same thing everywhere.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import App

from ectui.errors import UserError
from ectui.i18n import t
from ectui.services import employees, sales_templates, task_types
from ectui.services import tasks as task_service
from ectui.services.quick_log import quick_log_defaults
from ectui.services.task_details import task_detail
from ectui.services.task_tree import TreeFilter, TreeScope, project_tree, tree_roots
from ectui.services.tasks import EditableTask
from ectui.when import format_due
from screens.db import run_db
from screens.forms.field_form import FieldDef, FieldForm
from screens.forms.task_form import EmployeeChooser, TaskForm

Done = Callable[[object], None]


async def _guard(app: App, work):
    """Run a database call; a refusal (or a bug) becomes a toast and None, never a crash."""
    try:
        return await work
    except Exception as error:
        app.report_error(error)
        return None


# ---- the task form -------------------------------------------------------------------------


async def open_task(app: App, task_id: int, done: Done | None = None) -> None:
    """The task's form, to read and change it; opening a new task marks it seen."""
    ctx = app.context
    record = await _guard(app, run_db(task_service.task_for_edit, ctx, task_id))
    if record is None:
        return
    await run_db(task_service.mark_seen, ctx, task_id)
    detail = await _guard(app, run_db(task_detail, ctx, task_id))
    if detail is None:
        return
    level = str(record.values["level"])
    subtitle = detail.row.path
    if detail.row.status == "done":
        result = " — ".join(p for p in (detail.row.result, detail.row.result_note) if p)
        subtitle = " · ".join(p for p in (subtitle, t("task.done_with", result=result)) if p)

    def save(values: dict) -> int:
        people = values.pop("participants", [])
        return task_service.update_task(ctx, task_id, values, participants=people,
                                        expected_version=record.version)

    await _open_form(app, t("task.edit_title", level=t(f"task.level.{level}"),
                            title=record.values["title"]), level, record, save, done,
                     subtitle=subtitle)


async def new_task(app: App, *, level: str = "operation", parent_id: int | None = None,
                   organization_id: int | None = None, contact_id: int | None = None,
                   done: Done | None = None) -> None:
    """A blank task form, under ``parent_id`` when given, for a client when known."""
    ctx = app.context
    refs: dict[str, str] = {}
    subtitle = ""
    if parent_id:
        detail = await _guard(app, run_db(task_detail, ctx, parent_id))
        if detail is None:
            return
        organization_id = organization_id or detail.row.organization_id
        contact_id = contact_id or detail.row.contact_id
        subtitle = " › ".join(p for p in (detail.row.path, detail.row.title) if p)
    if organization_id:
        from ectui.services.organizations import organization_names

        refs["organization_id"] = (await run_db(organization_names, [organization_id])).get(
            organization_id, "")
    if contact_id:
        from ectui.services.contacts import contact_names

        refs["contact_id"] = (await run_db(contact_names, [contact_id])).get(contact_id, "")
    call = await run_db(task_types.type_id_for_code, "call")
    record = EditableTask(None, 0, {
        "level": level, "task_type_id": call if level == "operation" else None,
        "organization_id": organization_id, "contact_id": contact_id, "priority": 2,
        "responsible_id": ctx.actor.employee_id, "due": "+1" if level == "operation" else ""},
        [], refs)

    def save(values: dict) -> int:
        people = values.pop("participants", [])
        return task_service.create_task(ctx, {**values, "level": level}, participants=people,
                                        parent_id=parent_id)

    await _open_form(app, t("task.new_title", level=t(f"task.level.{level}")), level, record,
                     save, done, subtitle=subtitle)


async def _open_form(app: App, title: str, level: str, record: EditableTask, save, done,
                     *, subtitle: str = "") -> None:
    types = await run_db(task_types.task_types)
    people = await run_db(employees.employees)

    def finished(result: object) -> None:
        if result is not None:
            app.notify(t("common.saved"), timeout=3)
            if done is not None:
                done(result)

    app.push_screen(TaskForm(title, level, record, types, people, save, subtitle=subtitle),
                    finished)


# ---- logging -------------------------------------------------------------------------------


async def log_task(app: App, task_id: int, done: Done | None = None) -> None:
    """«Done, and the next step» for a task."""
    from screens.forms.quick_log_form import QuickLogForm

    ctx = app.context
    defaults = await _guard(app, run_db(quick_log_defaults, ctx, task_id=task_id))
    if defaults is None:
        return
    detail = await _guard(app, run_db(task_detail, ctx, task_id))
    if detail is None:
        return
    if detail.row.status in ("done", "cancelled"):
        app.report_error(UserError("task.already_closed"))
        return
    await _show_log(app, QuickLogForm(ctx, defaults, path=detail.row.path), done)


async def log_contact(app: App, organization_id: int | None, contact_id: int | None = None,
                      done: Done | None = None) -> None:
    """Log a contact with a client that was not planned, and plan the next one."""
    from screens.forms.quick_log_form import QuickLogForm

    ctx = app.context
    defaults = await _guard(app, run_db(quick_log_defaults, ctx,
                                        organization_id=organization_id, contact_id=contact_id))
    if defaults is not None:
        await _show_log(app, QuickLogForm(ctx, defaults), done)


async def _show_log(app: App, form, done: Done | None) -> None:
    async def finished(outcome) -> None:
        if outcome is None:
            return
        message = t("quick_log.saved")
        if outcome.next_id is not None:
            detail = await _guard(app, run_db(task_detail, app.context, outcome.next_id))
            if detail is not None:
                row = detail.row
                message = t("quick_log.saved_next", title=row.title, due=format_due(
                    row.due_at, row.due_has_time, app.context.now()) or "—")
        app.notify(message, timeout=5)
        if done is not None:
            done(outcome)

    app.push_screen(form, finished)


# ---- quick changes ---------------------------------------------------------------------------


async def postpone(app: App, task_id: int, done: Done | None = None) -> None:
    """A new due date, typed as «завтра», «+3», «пн 10:00»; Enter saves."""
    ctx = app.context

    def save(values: dict) -> int:
        task_service.postpone_task(ctx, task_id, str(values.get("due") or ""))
        return task_id

    title, client = await run_db(task_service.task_brief, task_id)
    form = FieldForm(t("task.postpone_title", title=title),
                     [FieldDef("due", t("task.field.due"), value="+1",
                               hint=t("task.date_hint"))], save, subtitle=client,
                     submit_on_enter=True)

    def finished(result: object) -> None:
        if result is not None:
            app.notify(t("task.postponed"), timeout=3)
            if done is not None:
                done(result)

    app.push_screen(form, finished)


async def reassign(app: App, task_id: int, current: int | None, done: Done | None = None) -> None:
    """Give the task to another employee."""
    ctx = app.context
    people = await run_db(employees.employees)

    async def chosen(emp_id: int | None) -> None:
        if not emp_id or emp_id == current:
            return
        try:
            await run_db(task_service.reassign_task, ctx, task_id, emp_id)
        except UserError as error:
            app.report_error(error)
            return
        name = next((p.short for p in people if p.id == emp_id), "")
        app.notify(t("task.reassigned", name=name), timeout=3)
        if done is not None:
            done(emp_id)

    app.push_screen(EmployeeChooser(t("task.reassign_title"), people, current), chosen)


async def delete(app: App, task_id: int, title: str, done: Done | None = None) -> None:
    from screens.forms.confirm import ConfirmDialog

    async def answered(yes: bool | None) -> None:
        if not yes:
            return
        try:
            await run_db(task_service.delete_task, app.context, task_id)
        except UserError as error:
            app.report_error(error)
            return
        app.notify(t("common.deleted"), timeout=3)
        if done is not None:
            done(task_id)

    app.push_screen(ConfirmDialog(t("task.confirm_delete", title=title)), answered)


async def set_status(app: App, task_id: int, status: str, done: Done | None = None) -> None:
    try:
        await run_db(task_service.set_status, app.context, task_id, status)
    except UserError as error:
        app.report_error(error)
        return
    app.notify(t(f"task.status.{status}"), timeout=3)
    if done is not None:
        done(task_id)


# ---- projects and the tree -------------------------------------------------------------------


async def start_project(app: App, organization_id: int | None, contact_id: int | None = None,
                        done: Done | None = None) -> None:
    """Choose a template and a start date; the project's whole tree is built with dates."""
    ctx = app.context
    templates = await run_db(sales_templates.templates)
    if not templates:
        app.notify(t("template.none_yet"), severity="warning", timeout=8)
        return
    people = await run_db(employees.employees)
    refs = {}
    if organization_id:
        from ectui.services.organizations import organization_names

        refs["organization_id"] = (await run_db(organization_names, [organization_id])).get(
            organization_id, "")
    fields = [
        FieldDef("template", t("template.field.template"), "select", templates[0].id,
                 tuple((tp.name, tp.id) for tp in templates), allow_blank=False),
        FieldDef("organization_id", t("task.field.organization"), "organization",
                 organization_id, reference_name=refs.get("organization_id", ""),
                 required=True),
        FieldDef("contact_id", t("task.field.contact"), "contact", contact_id),
        FieldDef("title", t("template.field.project_title"), hint=t("template.title_hint")),
        FieldDef("start", t("template.field.start"), value=t("when.today"),
                 hint=t("task.date_hint")),
        FieldDef("responsible_id", t("task.field.responsible"), "select",
                 ctx.actor.employee_id, tuple((p.short, p.id) for p in people),
                 allow_blank=False),
    ]

    def save(values: dict) -> int:
        return sales_templates.start_project(ctx, int(values.pop("template")), values)

    def finished(result: object) -> None:
        if result is not None:
            app.notify(t("template.started"), timeout=4)
            if done is not None:
                done(result)

    app.push_screen(FieldForm(t("template.start_title"), fields, save), finished)


def _containers(ctx, organization_id: int | None, task_id: int) -> list[tuple[str, int]]:
    """The projects and stages of a client a task may move under, as (label, id)."""
    roots = tree_roots(ctx, TreeScope("client", organization_id), TreeFilter())
    out: list[tuple[str, int]] = []

    def walk(nodes, depth: int) -> None:
        for node in nodes:
            if node.row.level == "operation" or node.row.id == task_id:
                continue
            out.append(("  " * depth + node.row.title, node.row.id))
            walk(node.children, depth + 1)

    for project in roots.projects:
        if project.row.id == task_id:
            continue
        out.append((project.row.title, project.row.id))
        walk(project_tree(ctx, project.row.id, TreeFilter()), 1)
    return out


async def move(app: App, task_id: int, organization_id: int | None,
               done: Done | None = None) -> None:
    """Put a task under another project or stage of its client, or on top."""
    from textual.widgets.option_list import Option

    from screens.forms.pick_option import PickOption

    ctx = app.context
    targets = await _guard(app, run_db(_containers, ctx, organization_id, task_id))
    if targets is None:
        return
    options = [Option(t("task.move_to_top"), id="0")] + [
        Option(label, id=str(ident)) for label, ident in targets]

    async def chosen(choice: str | None) -> None:
        if choice is None:
            return
        parent = int(choice) or None
        try:
            await run_db(task_service.move_task, ctx, task_id, parent)
        except UserError as error:
            app.report_error(error)
            return
        app.notify(t("task.moved"), timeout=3)
        if done is not None:
            done(task_id)

    app.push_screen(PickOption(t("task.move_title"), options), chosen)


def open_client(app: App, organization_id: int | None, contact_id: int | None) -> None:
    """The card of the task's organization (or contact person, for a private client)."""
    from screens import actions

    if organization_id:
        actions.open_organization(app, organization_id)
    elif contact_id:
        actions.open_contact(app, contact_id)
    else:
        app.notify(t("task.no_client"), severity="warning", timeout=4)
