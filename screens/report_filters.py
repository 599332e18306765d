"""The Reports screen's forms: the filter (employee, department, group, project type,
period) and the export (a .csv or .xlsx file), and the one-line description of a filter."""

from __future__ import annotations

from collections.abc import Callable

from textual.screen import Screen

from ectui.i18n import t
from ectui.services.reports.export import export_tables
from ectui.services.reports.filters import (
    ReportFilter,
    filter_choices,
    filter_from_names,
    reportable_employees,
)
from screens.db import run_db
from screens.forms.field_form import FieldDef, FieldForm

__all__ = ["describe", "open_export_form", "open_filter_form", "reportable_employees"]

KEYS = ("employee", "department", "group", "project_type")


def describe(f: ReportFilter, names: dict[str, str]) -> str:
    """«весь период» or «01.11.2026–30.11.2026», then the chosen employee, group…"""
    if f.date_from or f.date_to:
        start = f"{f.date_from:%d.%m.%Y}" if f.date_from else "…"
        end = f"{f.date_to:%d.%m.%Y}" if f.date_to else "…"
        parts = [f"{start}–{end}"]
    else:
        parts = [t("report.period.all")]
    for key in KEYS:
        if names.get(key):
            parts.append(f"{t(f'report.filter.{key}')}: {names[key]}")
    if not any(names.get(key) for key in KEYS):
        parts.append(t("report.filter.everyone"))
    return " · ".join(parts)


async def open_filter_form(screen: Screen, current: dict[str, str],
                           done: Callable[[tuple[ReportFilter, dict[str, str]] | None], None]
                           ) -> None:
    """Ask for the filter; ``done`` gets (filter, the names shown) or None when closed."""
    choices = await run_db(filter_choices, screen.app.context)
    labels = {key: dict((value, label) for label, value in choices[key]) for key in KEYS}
    values = {key: "" for key in KEYS} | current

    def login_of(name: str) -> str:
        return next((v for label, v in choices["employee"] if label == name), name)

    fields = [
        FieldDef("employee_id", t("report.filter.employee"), "select",
                 login_of(values["employee"]), tuple(choices["employee"])),
        FieldDef("department_id", t("report.filter.department"), "select",
                 values["department"], tuple(choices["department"])),
        FieldDef("group_id", t("report.filter.group"), "select", values["group"],
                 tuple(choices["group"])),
        FieldDef("project_type_id", t("report.filter.project_type"), "select",
                 values["project_type"], tuple(choices["project_type"])),
        FieldDef("date_from", t("report.filter.from"), value=current.get("date_from", ""),
                 hint=t("report.filter.date_hint")),
        FieldDef("date_to", t("report.filter.to"), value=current.get("date_to", ""),
                 hint=t("report.filter.date_hint")),
    ]

    def save(v: dict) -> tuple[ReportFilter, dict[str, str]]:
        picked = {key: v[f"{key}_id"] or "" for key in KEYS}
        f = filter_from_names(picked["employee"], picked["department"], picked["group"],
                              picked["project_type"], v["date_from"], v["date_to"])
        names = {key: labels[key].get(value, value) for key, value in picked.items() if value}
        names |= {k: v[k].strip() for k in ("date_from", "date_to") if v[k].strip()}
        return f, names

    screen.app.push_screen(FieldForm(t("report.filter.title"), fields, save), done)


def open_export_form(screen: Screen, tables, default_path: str) -> None:
    """Ask for a file name and write the report's tables there (CSV or XLSX by extension)."""

    def saved(path) -> None:
        if path is not None:
            screen.notify(t("report.exported", path=str(path)))

    screen.app.push_screen(FieldForm(
        t("report.export.title"),
        [FieldDef("path", t("report.export.path"), value=default_path, required=True,
                  hint=t("report.export.hint"))],
        lambda v: export_tables(tables, v["path"]), submit_on_enter=True), saved)
