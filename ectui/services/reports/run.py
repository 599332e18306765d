"""One entry for every report by name: its data and its tables, for the CLI and the screens."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ectui.services.context import Context
from ectui.services.reports import (
    abc,
    activity,
    client_base,
    funnel,
    sales_volume,
    task_results,
)
from ectui.services.reports import tables as tab
from ectui.services.reports.filters import ReportFilter

NAMES = ("funnel", "abc", "activity", "results", "sales", "clients")


@dataclass(frozen=True)
class ReportOptions:
    basis: str = "invoiced"          # ABC: invoiced or paid
    subject: str = "clients"         # ABC: clients or products
    thresholds: tuple[Decimal, Decimal] | None = None


@dataclass(frozen=True)
class ReportResult:
    name: str
    filter: ReportFilter
    data: object                 # the report's dataclass (JSON through tables.plain)
    tables: tuple[tab.Table, ...]


def build_report(ctx: Context, name: str, f: ReportFilter,
                 options: ReportOptions = ReportOptions()) -> ReportResult:
    """Compute the report ``name`` for the filter: its data and the tables that show it."""
    if name == "funnel":
        data = funnel.funnel_with_reference(ctx, f)
        tables = tab.funnel_tables(data)
    elif name == "abc":
        data = abc.abc_analysis(ctx, f, options.subject, options.basis, options.thresholds)
        tables = tab.abc_tables(data)
    elif name == "activity":
        data = activity.employee_activity(ctx, f)
        tables = tab.activity_tables(data)
    elif name == "results":
        types = task_results.task_results(ctx, f)
        data = {"types": types}
        tables = tab.results_tables(types)
    elif name == "sales":
        data = sales_volume.sales_volume(ctx, f)
        tables = tab.sales_tables(data)
    elif name == "clients":
        data = client_base.client_base(ctx, f)
        tables = tab.client_base_tables(data)
    else:
        raise ValueError(f"unknown report {name!r}")
    return ReportResult(name, f, data, tuple(tables))
