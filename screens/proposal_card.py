"""A commercial proposal: its lines from the price list with quantities and discounts, the
totals, the people on both sides; one key turns it into an invoice, another prints it."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Header, Label, Static
from textual.widgets.option_list import Option

from ectui.i18n import t
from ectui.models.documents import PROPOSAL_STATUSES
from ectui.services import employees, proposals
from ectui.services.proposals import ProposalView
from screens import sales_actions as actions
from screens.db import run_db
from screens.document_view import DocumentScreen, fill_lines, info_table, line_columns
from screens.widgets.key_bar import KeyBar


class ProposalScreen(DocumentScreen):
    kind = "proposal"
    BINDINGS = [
        Binding("escape", "app.pop_screen", t("key.back")),
        *DocumentScreen.LINE_BINDINGS,
        Binding("enter", "edit_line", t("key.edit_line"), show=False),
        Binding("f4", "edit", t("key.edit_header")),
        Binding("delete", "delete", t("key.delete")),
        Binding("ctrl+b", "invoice", t("key.make_invoice")),
        Binding("ctrl+d", "print", t("key.print_docx")),
        Binding("ctrl+f", "print(True)", t("key.print_pdf")),
        Binding("ctrl+y", "contract", t("key.contract")),
        Binding("ctrl+r", "status", t("key.status")),
        Binding("ctrl+u", "add_person", t("key.add_person")),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label(t("common.loading"), id="doc-title")
        yield Static("", id="doc-info")
        yield Label(t("proposal.lines"), classes="doc-heading")
        yield DataTable(id="doc-lines", cursor_type="row", zebra_stripes=True)
        yield Static("", id="doc-totals")
        with Horizontal(id="doc-bottom"):
            yield DataTable(id="doc-people", cursor_type="row")
            yield Static("", id="doc-invoices")
        yield KeyBar()

    def on_mount(self) -> None:
        line_columns(self.lines_table())
        people = self.query_one("#doc-people", DataTable)
        people.add_column(t("proposal.people.side"), width=8)
        people.add_column(t("proposal.people.name"), width=30)
        people.add_column(t("proposal.people.role"), width=24)
        people.border_title = t("proposal.people")
        self.load()

    def fetch(self, ctx, doc_id: int):
        return proposals.proposal_view(ctx, doc_id)

    def show(self, view: ProposalView) -> None:
        self.query_one("#doc-title", Label).update(t(
            "proposal.title", number=view.number, date=view.date.strftime("%d.%m.%Y"),
            client=view.organization, status=t(f"proposal.status.{view.status}")))
        self.query_one("#doc-info", Static).update(info_table([
            (t("sales.field.contact"), view.contact),
            (t("sales.field.subject"), view.subject),
            (t("sales.field.valid_until"),
             view.valid_until.strftime("%d.%m.%Y") if view.valid_until else ""),
            (t("sales.field.responsible"), view.responsible),
            (t("sales.field.vat_mode"), t(f"pricing.mode.{view.vat_mode}")),
            (t("sales.field.notes"), view.notes),
        ]))
        table = self.lines_table()
        fill_lines(table, view.lines)
        self.show_totals(view.totals)
        people = self.query_one("#doc-people", DataTable)
        people.clear()
        for person in view.people:
            people.add_row(t(f"proposal.side.{person.side}"), person.name, person.role,
                           key=str(person.id))
        invoices = "\n".join(t("proposal.invoice_line", number=number,
                               date=day.strftime("%d.%m.%Y")) for _id, number, day in
                             view.invoices) or t("proposal.no_invoices")
        self.query_one("#doc-invoices", Static).update(
            f"[b]{t('proposal.invoices')}[/b]\n{invoices}")
        if not isinstance(self.focused, DataTable):
            table.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("invoice", "print") and self.view is not None and not self.view.lines:
            return None
        return True

    @on(DataTable.RowSelected, "#doc-lines")
    async def _line_chosen(self) -> None:
        await self.edit_selected_line()

    async def action_edit_line(self) -> None:
        await self.edit_selected_line()

    async def action_edit(self) -> None:
        await actions.edit_proposal(self.app, self.doc_id, self.reload)

    async def action_delete(self) -> None:
        people = self.query_one("#doc-people", DataTable)
        if self.focused is people and self.view is not None and self.view.people:
            person = self.view.people[min(people.cursor_row, len(self.view.people) - 1)]
            ctx = self.app.context
            await actions.confirm_then(
                self.app, t("proposal.remove_person", name=person.name),
                lambda: proposals.remove_person(ctx, self.doc_id, person.id), self.reload)
            return
        await self.delete_selected_line()

    async def action_invoice(self) -> None:
        await actions.invoice_from_proposal(self.app, self.doc_id, self.reload)

    async def action_contract(self) -> None:
        if self.view is not None:
            await actions.new_contract(self.app, self.view.organization_id,
                                       self.view.organization, proposal_id=self.doc_id,
                                       done=self.reload)

    def action_status(self) -> None:
        from screens.forms.pick_option import PickOption

        current = self.view.status if self.view else None
        options = [Option(t(f"proposal.status.{s}"), id=s) for s in PROPOSAL_STATUSES]

        async def chosen(status: str | None) -> None:
            if status is None or status == current:
                return
            await actions.guard(self.app, run_db(proposals.set_status, self.app.context,
                                                 self.doc_id, status))
            self.load()

        self.app.push_screen(PickOption(t("proposal.status_title"), options, current), chosen)

    def action_add_person(self) -> None:
        """Our employee or the client's contact person, and their part in the proposal."""
        from screens.forms.entry_picker import EntryPicker
        from screens.forms.pick_option import PickOption

        if self.view is None:
            return
        view = self.view
        ctx = self.app.context

        def ask_role(side: str, person_id: int, name: str) -> None:
            from screens.forms.field_form import FieldDef, FieldForm

            self.app.push_screen(FieldForm(
                t("proposal.person_role_title"),
                [FieldDef("role", t("proposal.people.role"), hint=t("proposal.role_hint"))],
                lambda values: proposals.add_person(ctx, self.doc_id, side, person_id,
                                                    str(values.get("role") or "")),
                subtitle=name, submit_on_enter=True), self.reload)

        async def side_chosen(side: str | None) -> None:
            if side == "client":
                def picked(choice: tuple[int, str] | None) -> None:
                    if choice is not None:
                        ask_role("client", *choice)

                self.app.push_screen(EntryPicker("contact", view.organization_id), picked)
            elif side == "ours":
                people = await run_db(employees.employees)

                def employee_chosen(emp_id: str | None) -> None:
                    if emp_id is not None:
                        name = next(p.name for p in people if str(p.id) == emp_id)
                        ask_role("ours", int(emp_id), name)

                self.app.push_screen(PickOption(t("proposal.pick_employee"),
                                                [Option(p.name, id=str(p.id)) for p in people]),
                                     employee_chosen)

        self.app.push_screen(PickOption(t("proposal.pick_side"), [
            Option(t("proposal.side.client_long"), id="client"),
            Option(t("proposal.side.ours_long"), id="ours")]), side_chosen)
