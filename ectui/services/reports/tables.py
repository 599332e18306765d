"""Reports as tables (a title, column headings, rows of plain values) and as JSON-ready data:
what the CLI prints, the screens show and the exports write. One place, so the terminal, CSV,
XLSX and JSON always carry the same numbers.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ectui.i18n import t
from ectui.services.reports.abc import AbcReport
from ectui.services.reports.activity import ActivityReport
from ectui.services.reports.client_base import ClientBase
from ectui.services.reports.filters import ReportFilter
from ectui.services.reports.funnel import FunnelComparison
from ectui.services.reports.sales_volume import SalesVolume
from ectui.services.reports.task_results import TypeResults

FUNNEL_COLUMNS = ("step", "entered", "conversion", "mark", "conversion_delta", "days",
                  "days_delta", "ref_entered", "ref_conversion", "ref_days")
MARKS = {"better": "▲", "worse": "▼", "same": "=", "": ""}


@dataclass(frozen=True)
class Table:
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]


def _h(*keys: str) -> tuple[str, ...]:
    return tuple(t(f"report.col.{key}") for key in keys)


def _signed(value: Decimal | None) -> Decimal | str | None:
    return None if value is None else (f"+{value}" if value > 0 else value)


def funnel_tables(result: FunnelComparison) -> list[Table]:
    """The funnel beside the reference, step by step, and the deals out of both."""
    steps = tuple(
        # What shows the weak steps first, so a narrow terminal sees it without scrolling.
        (s.name, s.entered, s.conversion, MARKS[s.mark], _signed(s.conversion_delta),
         s.avg_days, _signed(s.days_delta), s.reference_entered, s.reference_conversion,
         s.reference_avg_days)
        for s in result.steps)
    deals = tuple((label, f.deals_out, f.deals_amount, f.avg_deal_amount, f.avg_deal_days,
                   f.clients)
                  for label, f in ((t("report.funnel.this"), result.funnel),
                                   (t("report.funnel.reference"), result.reference)))
    return [Table(t("report.title.funnel"),
                  _h(*FUNNEL_COLUMNS), steps),
            Table(t("report.title.deals"),
                  _h("funnel", "deals_out", "deals_amount", "avg_deal_amount", "avg_deal_days",
                     "clients"), deals)]


def abc_tables(report: AbcReport) -> list[Table]:
    none = t("report.direction.none") if report.subject == "directions" else ""
    rows = tuple((r.rank, r.name or none, r.amount, r.share, r.cumulative, r.klass)
                 for r in report.rows)
    classes = tuple((c.klass, c.count, c.amount, c.share) for c in report.classes)
    title = t(f"report.title.abc_{report.subject}", basis=t(f"report.basis.{report.basis}"))
    return [Table(title, _h("rank", "name", "amount", "share", "cumulative", "class"), rows),
            Table(t("report.title.abc_classes"), _h("class", "count", "amount", "share"),
                  classes)]


def activity_tables(report: ActivityReport) -> list[Table]:
    rows = tuple((r.employee, r.type_name, r.planned, r.done, r.overdue, r.cancelled,
                  r.done_percent) for r in report.rows)
    totals = tuple((r.employee, r.planned, r.done, r.overdue, r.cancelled, r.done_percent)
                   for r in report.totals)
    return [Table(t("report.title.activity"),
                  _h("employee", "task_type", "planned", "done", "overdue", "cancelled",
                     "done_percent"), rows),
            Table(t("report.title.activity_totals"),
                  _h("employee", "planned", "done", "overdue", "cancelled", "done_percent"),
                  totals)]


def results_tables(report: tuple[TypeResults, ...]) -> list[Table]:
    # The result's name last: in a narrow terminal the cut falls on text, never on a number.
    rows = tuple((tr.type_name, tr.done, share.count, share.share, share.name)
                 for tr in report for share in tr.results)
    return [Table(t("report.title.results"),
                  _h("task_type", "done", "count", "share", "result"), rows)]


def sales_tables(report: SalesVolume) -> list[Table]:
    months = tuple((m.month, m.invoices, m.invoiced, m.paid, m.shipped) for m in report.months)
    months += ((t("report.total"), sum(m.invoices for m in report.months), report.invoiced,
                report.paid, report.shipped),)
    channels = tuple((c.channel or t("report.channel.unknown"), c.clients, c.invoiced, c.paid)
                     for c in report.channels)
    directions = tuple((d.direction or t("report.direction.none"), d.invoices, d.invoiced,
                        d.share) for d in report.directions)
    return [Table(t("report.title.sales_months"),
                  _h("month", "invoices", "invoiced", "paid", "shipped"), months),
            Table(t("report.title.sales_directions"),
                  _h("direction", "invoices", "invoiced", "share"), directions),
            Table(t("report.title.sales_channels"),
                  _h("channel", "clients", "invoiced", "paid"), channels)]


def client_base_tables(report: ClientBase) -> list[Table]:
    summary = [(t("report.clients.total"), report.total)]
    for key, value in (("new", report.new), ("active", report.active), ("lost", report.lost)):
        if value is not None:
            summary.append((t(f"report.clients.{key}"), value))
    out = [Table(t("report.title.clients_summary"), _h("measure", "value"), tuple(summary))]
    for part in ("category", "segment", "group", "responsible"):
        rows = tuple((r.name, r.count) for r in getattr(report, f"by_{part}"))
        out.append(Table(t(f"report.title.clients_{part}"), _h("name", "count"), rows))
    return out


def cell(value: object) -> str:
    """A value as text for a table cell: numbers as they are, nothing as «—»."""
    if value is None:
        return "—"
    return str(value)


def plain(value: object) -> object:
    """A report as JSON-ready data: dataclasses to objects, Decimal to a string (exact),
    dates to ISO text, tuples to lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return value


def filter_json(f: ReportFilter) -> dict[str, object]:
    return plain(f)  # type: ignore[return-value]

