"""The campaigns pane of «Обмен и рассылки» (F9): each campaign's or channel's cost, response,
new clients, revenue and return; Ctrl+N adds a campaign."""

from __future__ import annotations

from decimal import Decimal

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static

from ectui.errors import UserError, ValidationError
from ectui.i18n import t
from ectui.models.exchange import CAMPAIGN_KINDS
from ectui.services import campaigns
from screens.db import run_db
from screens.widgets.key_bar import KeyBar


def _money(value: Decimal | None) -> str:
    if value is None:
        return "—"
    return f"{value:,.2f}".replace(",", " ").replace(".", ",")


def _percent(value: Decimal | None) -> str:
    return "—" if value is None else f"{value} %".replace(".", ",")


class CampaignsPane(Vertical):
    def __init__(self, operation) -> None:
        super().__init__(id="campaigns-pane")
        self.operation = operation
        self.by_channel = False

    def compose(self) -> ComposeResult:
        yield Label(t("campaign.ui.hint"), classes="exchange-hint")
        yield VerticalScroll(Static("", id="campaigns-report"))

    async def on_mount(self) -> None:
        await self.refresh_report()

    async def refresh_report(self) -> None:
        report = campaigns.channel_report if self.by_channel else campaigns.campaign_report
        try:
            rows = await run_db(report, self.app.context)
        except UserError as error:
            self.query_one("#campaigns-report", Static).update(Content(error.message))
            return
        table = Table(expand=True, show_lines=False)
        first = t("campaign.ui.col.channel") if self.by_channel else t("campaign.ui.col.name")
        for title, justify in ((first, "left"), (t("campaign.ui.col.cost"), "right"),
                               (t("campaign.ui.col.invited"), "right"),
                               (t("campaign.ui.col.response"), "right"),
                               (t("campaign.ui.col.new_clients"), "right"),
                               (t("campaign.ui.col.deals"), "right"),
                               (t("campaign.ui.col.revenue"), "right"),
                               (t("campaign.ui.col.roi"), "right")):
            table.add_column(title, justify=justify)
        for row in rows:
            table.add_row(row.name, _money(row.cost), str(row.invited),
                          _percent(row.response_rate), str(row.new_clients), str(row.deals),
                          _money(row.revenue), _percent(row.roi))
        if not rows:
            table.add_row(t("campaign.ui.none"), "", "", "", "", "", "", "")
        self.query_one("#campaigns-report", Static).update(table)

    async def check(self) -> None:
        """Ctrl+R: campaigns ⇄ channels."""
        self.by_channel = not self.by_channel
        await self.refresh_report()

    async def execute(self) -> None:
        await self.new()

    async def new(self) -> None:
        async def saved(campaign_id: int | None) -> None:
            if campaign_id is not None:
                await self.refresh_report()

        self.app.push_screen(CampaignForm(), saved)


class CampaignForm(ModalScreen[int | None]):
    BINDINGS = [Binding("ctrl+s", "save", t("key.save"), priority=True),
                Binding("escape", "cancel", t("key.cancel"))]
    DEFAULT_CSS = """
    CampaignForm { align: center middle; }
    CampaignForm > Vertical { width: 80; height: auto; border: thick $primary;
                              background: $surface; padding: 0 1; }
    CampaignForm .field-error { color: $error; }
    """

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(t("campaign.ui.new"))
            yield Input(placeholder=t("campaign.ui.name"), id="campaign-name")
            yield Select[str]([(t(f"campaign.kind.{k}"), k) for k in CAMPAIGN_KINDS],
                              value="event", allow_blank=False, id="campaign-kind")
            yield Input(placeholder=t("campaign.ui.channel"), id="campaign-channel")
            yield Input(placeholder=t("campaign.ui.cost"), id="campaign-cost")
            yield Input(placeholder=t("campaign.ui.starts"), id="campaign-starts")
            yield Input(placeholder=t("campaign.ui.ends"), id="campaign-ends")
            yield Static("", classes="field-error", id="campaign-error")
        yield KeyBar()

    def action_cancel(self) -> None:
        self.dismiss(None)

    async def action_save(self) -> None:
        values = {"name": self.query_one("#campaign-name", Input).value,
                  "kind": self.query_one("#campaign-kind", Select).value,
                  "channel": self.query_one("#campaign-channel", Input).value,
                  "cost": self.query_one("#campaign-cost", Input).value,
                  "starts_on": self.query_one("#campaign-starts", Input).value,
                  "ends_on": self.query_one("#campaign-ends", Input).value}
        try:
            campaign_id = await run_db(campaigns.save_campaign, self.app.context, values)
        except ValidationError as error:
            self.query_one("#campaign-error", Static).update(Content("\n".join(
                f"{t('campaign.ui.field.' + k)}: {e.message}" for k, e in error.errors.items())))
            return
        except UserError as error:
            self.app.report_error(error)
            return
        self.app.notify(t("common.saved"), timeout=3)
        self.dismiss(campaign_id)
