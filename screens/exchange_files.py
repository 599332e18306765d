"""The import and export panes of «Обмен и рассылки» (F9).

Import: a file, or a query in another SQL database (a DB-API URL and a SELECT or a table
name) → its columns mapped to ours → a dry run that lists every row it would reject
and why → the import, all or nothing. Export: what, in which format, into which file.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Checkbox, Input, Label, Select, Static

from ectui.errors import UserError
from ectui.exchange.sql_source import is_database_url
from ectui.exchange.tables import SourceTable
from ectui.i18n import t
from ectui.services import client_export, client_import, groups
from ectui.services.exchange_fields import columns
from ectui.services.selection import Selection
from screens.db import run_db
from screens.widgets.operation import Operation

KINDS = (("organization", "org.plural"), ("contact", "contact.plural"))
SKIP = "__skip__"


ABC_CHOICES = ("", "A", "B", "C", "AB")


def abc_select(widget_id: str) -> Select:
    """Clients of an ABC class, as the ABC report (F8) ranks them by invoices of all time."""
    return Select[str]([(t("exchange.ui.abc_any") if not classes
                         else t("exchange.ui.abc_class", classes="+".join(classes)), classes)
                        for classes in ABC_CHOICES], value="", allow_blank=False,
                       id=widget_id, tooltip=t("exchange.ui.abc_tooltip"))


def kind_select(widget_id: str) -> Select:
    return Select[str]([(t(label), kind) for kind, label in KINDS], value="contact",
                       allow_blank=False, id=widget_id)


class ImportPane(Vertical):
    """File, mapping, dry run, import."""

    def __init__(self, operation: Operation) -> None:
        super().__init__(id="import-pane")
        self.operation = operation
        self.table: SourceTable | None = None
        self.read_from: tuple[str, str, str] | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(classes="exchange-row"):
            yield kind_select("import-kind")
            yield Input(placeholder=t("exchange.ui.import_path"), id="import-path")
        yield Input(placeholder=t("exchange.ui.import_query"), id="import-query")
        yield Checkbox(t("exchange.ui.create_orgs"), value=True, id="import-create-orgs")
        yield Label(t("exchange.ui.import_hint"), classes="exchange-hint")
        yield VerticalScroll(id="import-mapping")
        yield VerticalScroll(Static("", id="import-report"), id="import-report-box")

    def _kind(self) -> str:
        return str(self.query_one("#import-kind", Select).value)

    def _path(self) -> str:
        return self.query_one("#import-path", Input).value.strip()

    async def check(self) -> None:
        """Ctrl+R: read the file and show its mapping; when shown already, a dry run."""
        if await self._read():
            self._run(dry_run=True)

    async def execute(self) -> None:
        """Ctrl+S: the import itself, of the file as it is now, with the mapping shown."""
        if self.table is None:
            await self._read()
        if self.table is not None and await self._read():
            self._run(dry_run=False)

    async def _read(self) -> bool:
        """Read the file again (it may have been fixed since). True when the mapping on
        screen still fits it; else the new mapping is shown for the person to check."""
        path, kind = self._path(), self._kind()
        query = self.query_one("#import-query", Input).value.strip()
        if not path:
            self.app.report_error(UserError("exchange.ui.path_required"))
            self.query_one("#import-path", Input).focus()
            return False
        try:
            if is_database_url(path):
                if not query:
                    self.query_one("#import-query", Input).focus()
                table = await run_db(client_import.read_database, path, query)
            else:
                table = await run_db(client_import.read_source, Path(path).expanduser(), kind)
        except UserError as error:
            self.app.report_error(error)
            return False
        source = (kind, path, query if is_database_url(path) else "")
        same = (self.table is not None and self.read_from == source
                and self.table.headers == table.headers)
        self.table, self.read_from = table, source
        if same:
            return True
        mapping = await run_db(client_import.suggest_mapping, kind, table.headers)
        cols = await run_db(columns, kind)
        await self._show_mapping(table, mapping, [(c.label, c.key) for c in cols])
        self._report([t("exchange.ui.read", rows=len(table.rows), columns=len(table.headers))])
        return False

    async def _show_mapping(self, table: SourceTable, mapping, options) -> None:
        box = self.query_one("#import-mapping", VerticalScroll)
        await box.remove_children()
        rows = []
        for index, (header, key) in enumerate(zip(table.headers, mapping, strict=True)):
            sample = next((row[index] for row in table.rows if row[index]), "")
            sample = sample.replace("\n", " ")[:40]
            rows.append(Horizontal(
                Label(Content(f"{header}"), classes="mapping-header"),
                Label(Content(sample), classes="mapping-sample"),
                Select[str]([(t("exchange.ui.skip_column"), SKIP), *options],
                            value=key or SKIP, allow_blank=False, id=f"map-{index}",
                            classes="mapping-select"),
                classes="mapping-row"))
        await box.mount_all(rows)

    def _mapping(self) -> list[str | None]:
        assert self.table is not None
        values = []
        for index in range(len(self.table.headers)):
            value = self.query_one(f"#map-{index}", Select).value
            values.append(None if value in (SKIP, Select.NULL) else str(value))
        return values

    def _run(self, *, dry_run: bool) -> None:
        table, kind, mapping = self.table, self._kind(), self._mapping()
        create = self.query_one("#import-create-orgs", Checkbox).value
        context = self.app.context

        def work(progress):
            return client_import.run_import(context, kind, table, mapping, dry_run=dry_run,
                                            create_organizations=create, progress=progress)

        def done(report) -> None:
            self._report(client_import.describe(report))
            if report.committed:
                self.app.notify(t("exchange.ui.imported", count=report.created + report.updated))
            elif not report.dry_run:
                self.app.notify(t("exchange.ui.import_refused"), severity="error", timeout=8)

        label = t("exchange.cli.progress.check") if dry_run else t("exchange.cli.progress.import")
        self.operation.start(label, work, done)

    def _report(self, lines: list[str]) -> None:
        self.query_one("#import-report", Static).update(Content("\n".join(lines)))


FORMATS = (("csv", "CSV (Excel)"), ("xlsx", "Excel (.xlsx)"), ("vcf", "vCard (.vcf)"))


class ExportPane(Vertical):
    """Organizations or contacts (a group, or all one may view), the whole base, a calendar."""

    def __init__(self, operation: Operation) -> None:
        super().__init__(id="export-pane")
        self.operation = operation

    def compose(self) -> ComposeResult:
        with Horizontal(classes="exchange-row"):
            yield Select[str]([(t(label), kind) for kind, label in KINDS]
                              + [(t("exchange.ui.whole_base"), "all"),
                                 (t("exchange.ui.my_calendar"), "calendar")],
                              value="contact", allow_blank=False, id="export-what")
            yield Select[str]([(label, fmt) for fmt, label in FORMATS], value="xlsx",
                              allow_blank=False, id="export-format")
            yield Select[int]([], prompt=t("directory.all_groups"), id="export-group")
            yield abc_select("export-abc")
        yield Input(placeholder=t("exchange.ui.export_path"), id="export-path")
        yield Label(t("exchange.ui.export_hint"), classes="exchange-hint")
        yield Static("", id="export-report")

    async def on_mount(self) -> None:
        await self._load_groups()

    async def _load_groups(self) -> None:
        what = str(self.query_one("#export-what", Select).value)
        group_select = self.query_one("#export-group", Select)
        if what in ("organization", "contact"):
            found = await run_db(groups.groups, what)
            group_select.set_options([(g.name, g.id) for g in found])
        else:
            group_select.set_options([])
        group_select.disabled = what not in ("organization", "contact")
        self.query_one("#export-abc", Select).disabled = what not in ("organization", "contact")
        self.query_one("#export-format", Select).disabled = what not in ("organization",
                                                                          "contact")

    async def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "export-what":
            await self._load_groups()

    async def check(self) -> None:
        self.app.notify(t("exchange.ui.export_no_check"))

    async def execute(self) -> None:
        what = str(self.query_one("#export-what", Select).value)
        fmt = str(self.query_one("#export-format", Select).value)
        raw = self.query_one("#export-path", Input).value.strip()
        if not raw:
            self.app.report_error(UserError("exchange.ui.path_required"))
            self.query_one("#export-path", Input).focus()
            return
        path = Path(raw).expanduser()
        group = self.query_one("#export-group", Select).value
        abc = str(self.query_one("#export-abc", Select).value)
        context = self.app.context

        def work(progress):
            if what == "all":
                from ectui.services.backup import export_database

                return export_database(context, path, progress=progress)
            if what == "calendar":
                from ectui.services.calendar_export import export_calendar

                return export_calendar(context, path, progress=progress)
            sel = Selection(kind=what, group_id=None if group is Select.NULL else int(group),
                            abc_class=abc)
            suffix_format = None if path.suffix.lower() in (".csv", ".xlsx", ".vcf") else fmt
            return client_export.export_clients(context, sel, path, suffix_format,
                                                progress=progress)

        def done(count) -> None:
            text = t("exchange.cli.export_done", count=count, path=path)
            self.query_one("#export-report", Static).update(Content(text))
            self.app.notify(text)

        self.operation.start(t("exchange.cli.progress.export"), work, done)
