"""Small forms of the Staff screen: an employee (new or edited) and a role's rights.

Both save through a plain function on a database thread, like RecordForm: field errors show
at their fields, any other refusal as a toast, and the form dismisses with the result.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static

from ectui.errors import ValidationError
from ectui.i18n import t
from ectui.models.access import ACTIONS, SCOPES
from ectui.services.employees import EmployeeInfo
from ectui.services.roles import RoleInfo
from screens.db import run_db
from screens.widgets.key_bar import KeyBar

SMALL_FORM_CSS = """
SmallForm { align: center middle; }
SmallForm #small-form { width: 100%; max-width: 90; height: auto; max-height: 100%;
                        border: round $primary; background: $surface; padding: 0 1; }
SmallForm #small-title { text-style: bold; width: 1fr; content-align: center middle; }
SmallForm #small-body { height: auto; max-height: 40; }
SmallForm .small-row { height: auto; width: 1fr; }
SmallForm .small-label { width: 26; padding: 0 1 0 0; color: $text-muted; }
SmallForm .small-row:focus-within > .small-label { color: $foreground; text-style: bold reverse; }
SmallForm .small-control { width: 1fr; height: auto; }
SmallForm .small-error { color: $text-error; display: none; }
SmallForm .small-error.-shown { display: block; }
SmallForm .small-note { color: $text-muted; margin: 1 0 0 0; }
"""


class SmallForm(ModalScreen[Any]):
    """A titled column of labelled fields; Ctrl+S saves with ``save(values)``, Esc cancels."""

    DEFAULT_CSS = SMALL_FORM_CSS
    AUTO_FOCUS = ".small-input"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", t("key.save"), priority=True),
        Binding("escape", "cancel", t("key.cancel")),
    ]

    def __init__(self, title: str, fields: list[tuple[str, str, Widget]],
                 save: Callable[[dict[str, Any]], Any], note: str = "") -> None:
        super().__init__()
        self.form_title = title
        self._fields = fields
        self._save = save
        self._note = note
        self._inputs: dict[str, Widget] = {}
        self._errors: dict[str, Static] = {}
        self._labels: dict[str, str] = {}
        self._saving = False

    def compose(self) -> ComposeResult:
        with Vertical(id="small-form"):
            yield Static(Content(self.form_title), id="small-title")
            with VerticalScroll(id="small-body"):
                for key, label, widget in self._fields:
                    widget.add_class("small-input")
                    self._inputs[key] = widget
                    self._labels[key] = label
                    error = Static("", classes="small-error")
                    self._errors[key] = error
                    yield Horizontal(Label(Content(label), classes="small-label"),
                                     Vertical(widget, error, classes="small-control"),
                                     classes="small-row")
                if self._note:
                    yield Static(Content(self._note), classes="small-note")
        yield KeyBar()

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, widget in self._inputs.items():
            if isinstance(widget, Input):
                out[key] = widget.value
            elif isinstance(widget, Select):
                out[key] = None if widget.selection is None else widget.selection
        return out

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if self._saving and action in ("save", "cancel") else True

    def action_save(self) -> None:
        if not self._saving:
            self._saving = True
            self.refresh_bindings()
            self._run_save(self.values())

    def action_cancel(self) -> None:
        self.dismiss(None)

    @work(group="small-form-save", exit_on_error=False)
    async def _run_save(self, values: dict[str, Any]) -> None:
        try:
            result = await run_db(self._save, values)
        except ValidationError as error:
            self._show_errors(error)
            return
        except Exception as error:
            self.app.report_error(error)
            return
        finally:
            self._saving = False
            self.refresh_bindings()
        self.dismiss(result)

    def _show_errors(self, error: ValidationError) -> None:
        for line in self._errors.values():
            line.update("")
            line.remove_class("-shown")
        elsewhere = []
        for key, field_error in error.errors.items():
            if key in self._errors:
                self._errors[key].update(Text(f"✖ {field_error.message}"))
                self._errors[key].add_class("-shown")
            else:
                elsewhere.append(field_error.message)
        marked = [key for key in self._inputs if key in error.errors]
        if marked:
            self._inputs[marked[0]].focus()
        summary = t("error.form_invalid", fields=", ".join(self._labels[k] for k in marked))
        self.notify("\n".join([summary, *elsewhere]) if marked else "\n".join(elsewhere),
                    severity="error", timeout=8)


def _input(value: str, **kw: Any) -> Input:
    return Input(value, compact=True, **kw)


class EmployeeForm(SmallForm):
    """A new employee (login, name, position, department, role) or changes to one."""

    def __init__(self, title: str, roles: list[RoleInfo], save: Callable[[dict[str, Any]], Any],
                 employee: EmployeeInfo | None = None, names: tuple[str, str, str] = ("", "", ""),
                 email: str = "") -> None:
        self.employee = employee
        super().__init__(title, self._employee_fields(roles, employee, names, email), save,
                         note=t("staff.login_note") if employee is None else "")

    @staticmethod
    def _employee_fields(roles: list[RoleInfo], emp: EmployeeInfo | None,
                         names: tuple[str, str, str], email: str) -> list[tuple[str, str, Widget]]:
        last, first, patronymic = names
        role_value = emp.role_id if emp is not None else next(
            (r.id for r in roles if r.code == "manager"), None)
        rows: list[tuple[str, str, Widget]] = []
        if emp is None:
            rows.append(("login", t("staff.login") + " *", _input("", id="staff-login")))
        rows += [
            ("last_name", t("contact.last_name") + " *", _input(last, id="staff-last")),
            ("first_name", t("contact.first_name"), _input(first, id="staff-first")),
            ("patronymic", t("contact.patronymic"), _input(patronymic, id="staff-patronymic")),
            ("position", t("contact.position"), _input(emp.position if emp else "",
                                                       id="staff-position")),
            ("email", t("contact.email"), _input(email, id="staff-email")),
            ("department", t("staff.department"), _input(emp.department if emp else "",
                                                         id="staff-department")),
            ("role", t("staff.role"), Select([(Text(r.name), r.id) for r in roles],
                                             value=role_value if role_value else Select.NULL,
                                             allow_blank=False, compact=True, id="staff-role")),
        ]
        return rows


class RoleForm(SmallForm):
    """A role's name and, for each action, whose records it reaches."""

    def __init__(self, title: str, save: Callable[[dict[str, Any]], Any],
                 role: RoleInfo | None = None) -> None:
        self.role = role
        super().__init__(title, self._role_fields(role), save, note=t("staff.scopes_note"))

    @staticmethod
    def _role_fields(role: RoleInfo | None) -> list[tuple[str, str, Widget]]:
        rows: list[tuple[str, str, Widget]] = [
            ("name", t("staff.role_name") + " *", _input(role.name if role else "",
                                                         id="role-name"))]
        for action in ACTIONS:
            scopes = ("none", "all") if action == "administer" else SCOPES
            current = role.scopes[action] if role else "none"
            rows.append((action, t(f"action.{action}"), Select(
                [(Text(t(f"scope.{s}.long")), s) for s in scopes], value=current,
                allow_blank=False, compact=True, id=f"role-{action}")))
        return rows
