"""The demo's year of sales: what a head of sales sees in the reports on opening it."""

from __future__ import annotations

import datetime as dt

import pytest

from ectui.clock import FixedClock
from ectui.demo import create_demo_database
from ectui.models import Contract, Invoice, Organization, Payment, Task, TaskType
from ectui.services.context import Context
from ectui.services.employees import actor_for_login
from ectui.services.reports.filters import ReportFilter
from ectui.services.reports.funnel import sales_funnel
from ectui.services.reports.sales_volume import sales_volume
from tests.ectui.helpers import NOW


@pytest.fixture(scope="module")
def head(tmp_path_factory):
    clock = FixedClock(NOW)
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    create_demo_database(f"sqlite:///{path}", clock=clock, login="tester")
    return Context(actor_for_login("tester"), clock)


def _last_months(count: int) -> list[str]:
    year, month = NOW.year, NOW.month
    out = []
    for _ in range(count):
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return out


def test_the_demo_sells_in_at_least_ten_of_the_last_twelve_months(head):
    volume = sales_volume(head)
    invoiced = {m.month: m.invoiced for m in volume.months if m.invoices}
    paid = {m.month: m.paid for m in volume.months if m.paid}
    months = _last_months(12)
    assert sum(1 for m in months if m in invoiced) >= 10
    assert sum(1 for m in months if m in paid) >= 10
    assert not [m for m in invoiced if m < months[-1]]  # nothing older than a year
    assert len(volume.channels) >= 4 and len(volume.directions) >= 4
    # several managers sold, and some deals were lost or are still open
    assert Invoice.select(Invoice.responsible).distinct().count() >= 4
    assert Invoice.select().where(Invoice.status == "cancelled").exists()
    assert Invoice.select().where(Invoice.status == "partly_paid").exists()
    late = (Payment.select().join(Invoice).where(Payment.date > Invoice.pay_until))
    assert late.exists()


# Whole periods only: the funnel counts a client on a step on its first evidence within the
# period, so a month can hold a deal's payment whose contract was signed the month before.
@pytest.mark.parametrize("months", [None, 12])
def test_the_funnel_never_has_more_payments_than_contracts(head, months):
    f = ReportFilter() if months is None else ReportFilter(
        date_from=NOW.date() - dt.timedelta(days=30 * months), date_to=NOW.date())
    funnel = sales_funnel(head, f)
    entered = {step.code: step.entered for step in funnel.steps}
    assert 0 < entered["payment"] <= entered["contract"]
    assert funnel.deals_out == entered["payment"]
    if months is None:  # a shorter period may hold a deal's proposal but not its meeting
        assert entered["contract"] <= entered["proposal"] <= entered["meeting"]
        assert entered["meeting"] < entered["cold_calls"]  # some deals were lost at once


def test_every_paid_client_signed_a_contract_first(head):
    signing = TaskType.get(TaskType.code == "contract_signing")
    paid = (Organization.select(Organization.id).join(Invoice)
            .where(Invoice.paid > 0).distinct())
    for org in paid:
        first_paid = (Payment.select(Payment.date).join(Invoice)
                      .where(Invoice.organization == org.id).order_by(Payment.date).first())
        signed = (Task.select().where(Task.organization == org.id, Task.task_type == signing.id,
                                      Task.status == "done"))
        contract = Contract.select().where(Contract.organization == org.id)
        assert signed.exists() or contract.exists(), \
            f"organization {org.id} paid on {first_paid.date} without a contract"
