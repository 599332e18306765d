"""Staff (F12): employees with their roles and departments, and the roles with their rights.

Everyone may look; the administrator adds and edits employees, deactivates them (never
deletes) and edits roles; whoever may change a colleague's records (a head of department)
hands them over with Ctrl+R. Keys one's role does not allow are greyed.
"""

from __future__ import annotations

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import ContentSwitcher, DataTable, Header, Label, Tab, Tabs

from ectui.errors import UserError
from ectui.i18n import t
from ectui.models.access import ACTIONS
from ectui.services import employees, roles
from screens import changes
from screens.db import run_db
from screens.widgets.key_bar import KeyBar

EMPLOYEES, ROLES = "staff-employees", "staff-roles"


async def open_staff(app: App) -> None:
    """F12 from anywhere: the Staff screen on top of the current mode."""
    if not isinstance(app.screen, StaffScreen):
        app.push_screen(StaffScreen())


class StaffScreen(Screen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", t("key.back")),
        Binding("ctrl+t", "switch_tab", t("staff.key.tab")),
        Binding("ctrl+n,insert", "new", t("key.new")),
        Binding("f4", "edit", t("key.edit")),
        Binding("delete", "toggle_active", t("staff.key.toggle")),
        Binding("ctrl+r", "reassign", t("staff.key.reassign")),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.tab = EMPLOYEES
        self.rows: list[employees.StaffRow] = []
        self.role_rows: list[roles.RoleInfo] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Tabs(Tab(t("staff.employees"), id=EMPLOYEES), Tab(t("staff.roles"), id=ROLES),
                   id="staff-tabs")
        with ContentSwitcher(initial=EMPLOYEES, id="staff-lists"):
            yield DataTable(id=EMPLOYEES, cursor_type="row", zebra_stripes=True)
            yield DataTable(id=ROLES, cursor_type="row", zebra_stripes=True)
        yield Label(t("staff.hint"), id="staff-hint")
        yield KeyBar()

    def on_mount(self) -> None:
        people = self.query_one(f"#{EMPLOYEES}", DataTable)
        people.add_columns(t("staff.login"), t("staff.name"), t("contact.position"),
                           t("staff.department"), t("staff.role"), t("staff.clients"),
                           t("staff.state"))
        role_table = self.query_one(f"#{ROLES}", DataTable)
        role_table.add_columns(t("staff.role_name"), t("staff.members"),
                               *(t(f"action.{a}") for a in ACTIONS))
        people.focus()
        self.load()
        changes.subscribe(self, self._changed_elsewhere,
                          tables={"employee", "role", "organization", "contact"})

    def _changed_elsewhere(self, _batch) -> None:
        if self.is_current:
            self.load()

    def on_screen_resume(self) -> None:
        self.load()

    @work(exclusive=True, group="staff-load", exit_on_error=False)
    async def load(self) -> None:
        try:
            self.rows = await run_db(employees.staff)
            self.role_rows = await run_db(roles.roles)
        except UserError as error:
            self.app.report_error(error)
            return
        people = self.query_one(f"#{EMPLOYEES}", DataTable)
        row = people.cursor_row
        people.clear()
        for item in self.rows:
            e = item.employee
            people.add_row(e.login, e.name, e.position, e.department, e.role, str(item.clients),
                           t("staff.active") if e.is_active else t("cli.user_inactive"),
                           key=str(e.id))
        if self.rows:
            people.move_cursor(row=min(row, len(self.rows) - 1))
        role_table = self.query_one(f"#{ROLES}", DataTable)
        role_row = role_table.cursor_row
        role_table.clear()
        for info in self.role_rows:
            role_table.add_row(info.name, str(info.members),
                               *(t(f"scope.{info.scopes[a]}") for a in ACTIONS), key=str(info.id))
        if self.role_rows:
            role_table.move_cursor(row=min(role_row, len(self.role_rows) - 1))
        self.refresh_bindings()

    # ---- what is selected, and what one may do ------------------------------------------

    def _employee(self) -> employees.StaffRow | None:
        table = self.query_one(f"#{EMPLOYEES}", DataTable)
        if self.tab != EMPLOYEES or not self.rows:
            return None
        return self.rows[min(table.cursor_row, len(self.rows) - 1)]

    def _role(self) -> roles.RoleInfo | None:
        table = self.query_one(f"#{ROLES}", DataTable)
        if self.tab != ROLES or not self.role_rows:
            return None
        return self.role_rows[min(table.cursor_row, len(self.role_rows) - 1)]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        actor = self.app.context.actor
        if action in ("new", "edit", "toggle_active"):
            if action == "toggle_active" and self.tab == ROLES:
                return True if actor.is_admin else None  # Delete removes an unused role
            return True if actor.is_admin else None
        if action == "reassign":
            return True if actor.scope("edit") in ("department", "all") else None
        return True

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self.refresh_bindings()

    @on(Tabs.TabActivated)
    def _tab_changed(self, event: Tabs.TabActivated) -> None:
        self.tab = event.tab.id or EMPLOYEES
        self.query_one(ContentSwitcher).current = self.tab
        self.query_one(f"#{self.tab}", DataTable).focus()
        self.refresh_bindings()

    def action_switch_tab(self) -> None:
        self.query_one(Tabs).active = ROLES if self.tab == EMPLOYEES else EMPLOYEES

    # ---- employees ----------------------------------------------------------------------

    def _after(self, result) -> None:
        if result is not None:
            self.app.notify(t("common.saved"), timeout=3)
        self.load()

    async def action_new(self) -> None:
        from screens.forms.staff_forms import EmployeeForm, RoleForm

        ctx = self.app.context
        if self.tab == ROLES:
            def save_role(values):
                return roles.create_role(ctx, values.pop("name") or "", values)

            self.app.push_screen(RoleForm(t("staff.new_role"), save_role), self._after)
            return
        role_list = await run_db(roles.roles)

        def save(values):
            return employees.create_employee(
                ctx, values["login"], values["last_name"], values["first_name"],
                values["patronymic"], position=values["position"],
                department=values["department"], email=values["email"], role=values["role"])

        self.app.push_screen(EmployeeForm(t("staff.new_employee"), role_list, save), self._after)

    async def action_edit(self) -> None:
        from screens.forms.staff_forms import EmployeeForm, RoleForm

        ctx = self.app.context
        if self.tab == ROLES:
            role = self._role()
            if role is None:
                return

            def save_role(values):
                name = values.pop("name") or ""
                return roles.update_role(ctx, role.id, name=name, scopes=values)

            self.app.push_screen(RoleForm(t("staff.edit_role", name=role.name), save_role, role),
                                 self._after)
            return
        row = self._employee()
        if row is None:
            return
        e = row.employee
        role_list = await run_db(roles.roles)

        def save(values):
            return employees.update_employee(
                ctx, e.id, last_name=values["last_name"], first_name=values["first_name"],
                patronymic=values["patronymic"], position=values["position"],
                email=values["email"], department=values["department"], role=values["role"])

        self.app.push_screen(
            EmployeeForm(t("staff.edit_employee", name=e.name), role_list, save, employee=e,
                         names=(e.last_name, e.first_name, e.patronymic), email=e.email),
            self._after)

    async def action_toggle_active(self) -> None:
        from screens.forms.confirm import ConfirmDialog

        ctx = self.app.context
        if self.tab == ROLES:
            role = self._role()
            if role is None:
                return

            async def delete_role(yes: bool | None) -> None:
                if yes:
                    await self._run(roles.delete_role, ctx, role.id)

            self.app.push_screen(ConfirmDialog(t("common.confirm_delete", name=role.name)),
                                 delete_role)
            return
        row = self._employee()
        if row is None:
            return
        e = row.employee
        question = (t("staff.deactivate_question", name=e.name, count=row.clients)
                    if e.is_active else t("staff.activate_question", name=e.name))

        async def answered(yes: bool | None) -> None:
            if yes:
                await self._run(employees.set_active, ctx, e.id, not e.is_active)

        self.app.push_screen(ConfirmDialog(question), answered)

    async def _run(self, fn, *args) -> None:
        try:
            await run_db(fn, *args)
        except UserError as error:
            self.app.report_error(error)
        else:
            self.app.notify(t("common.saved"), timeout=3)
        self.load()

    def action_reassign(self) -> None:
        from screens.reassign import ReassignScreen

        row = self._employee()
        self.app.push_screen(ReassignScreen(row.employee.id if row else None),
                             lambda _moved: self.load())
