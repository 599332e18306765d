"""The funnel as one row per client (issue 9): the cases its SQL treats apart from the
hand-counted dataset in test_reports.py (done tasks without a finish moment, a reports
scope that reaches everyone, steps no source gives)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from ectui.models import Department, Employee
from ectui.services.reports.filters import ReportFilter
from ectui.services.reports.funnel import _reports_on_everyone, sales_funnel
from ectui.services.reports.funnel_steps import FunnelStepDef, save_funnel_steps
from tests.ectui.access_helpers import build_team
from tests.ectui.report_helpers import add_task, funnel_dataset, moment

NOVEMBER = ReportFilter(date_from=date(2026, 11, 1), date_to=date(2026, 11, 30))


@pytest.fixture
def team(database):
    return build_team()


def _numbers(funnel):
    return [(s.code, s.entered, s.moved_on, s.conversion, s.avg_days) for s in funnel.steps]


def test_done_task_without_a_finish_moment_puts_the_client_on_the_step(team):
    a, emp = team.admin, funnel_dataset(team)
    # Ничья: a meeting done with no moment, then a proposal: on both steps, no days known.
    add_task(a, team.org_of[""], emp["kim"], "meeting")
    add_task(a, team.org_of[""], emp["kim"], "proposal", finished=moment(9))
    # Ромашка: a call without a moment beside its real ones; the real day still counts.
    add_task(a, team.org_of["kim"], emp["kim"], "call")
    # Кактус: a payment task without a moment beside its payment on the 14th.
    add_task(a, team.org_of["zaitsev"], emp["zaitsev"], "payment")
    funnel = sales_funnel(a)  # all time: a missing moment is not outside any period
    assert _numbers(funnel) == [
        # All time adds Василёк's October call and its 1 December meeting: 42 days.
        ("cold_calls", 4, 4, D("100.0"), D("13.3")),
        # Ничья is on the meeting step, but with no day it moves on to nothing.
        ("meeting", 6, 4, D("66.7"), D("3.0")),
        ("proposal", 5, 2, D("40.0"), D("2.5")),
        ("contract", 2, 2, D("100.0"), D("6.0")),
        ("payment", 2, 0, None, None),
    ]
    assert (funnel.clients, funnel.deals_out, funnel.avg_deal_days) == (6, 2, D("13.0"))
    # Within a period a task without a moment is outside it: Ничья has its proposal only.
    assert [s.entered for s in sales_funnel(a, NOVEMBER).steps] == [4, 4, 5, 2, 2]


def test_department_scope_over_every_employee_reports_on_everyone(team):
    funnel_dataset(team)
    head = team.head
    assert not _reports_on_everyone(head)          # Зайцев (IT) and the admin are outside
    assert [s.entered for s in sales_funnel(head, NOVEMBER).steps] == [3, 3, 3, 1, 1]
    sales = Department.get(Department.name == "Отдел продаж").id
    Employee.update(department=sales).execute()
    assert _reports_on_everyone(head)
    assert _reports_on_everyone(team.admin)        # scope "all"
    assert not _reports_on_everyone(team.senior)   # own clients only
    assert sales_funnel(head, NOVEMBER) == sales_funnel(team.admin, NOVEMBER)
    assert [s.entered for s in sales_funnel(head, NOVEMBER).steps] == [4, 4, 4, 2, 2]


def test_steps_given_by_documents_only_or_by_nothing(team):
    funnel_dataset(team)
    save_funnel_steps(team.admin, [
        FunnelStepDef("offer", (), ("proposal",)),
        FunnelStepDef("deal", ("contract_signing",), ("contract",)),
        FunnelStepDef("paid", (), ("payment",)),
    ])
    funnel = sales_funnel(team.admin, NOVEMBER)
    # Offers: Ромашка 9, Астра 3; deals: Ромашка 12, Кактус 10; paid: Ромашка 20, Кактус 14.
    assert _numbers(funnel) == [("offer", 2, 1, D("50.0"), D("3.0")),
                                ("deal", 2, 2, D("100.0"), D("6.0")),
                                ("paid", 2, 0, None, None)]
    assert (funnel.clients, funnel.deals_out, funnel.deals_amount) == (3, 2, D("150000.00"))
    # Ромашка 9 → 20 is 11 days, Кактус 10 → 14 is 4.
    assert funnel.avg_deal_days == D("7.5")
    empty = sales_funnel(team.admin, ReportFilter(date_from=date(2020, 1, 1),
                                                  date_to=date(2020, 1, 31)))
    assert [s.entered for s in empty.steps] == [0, 0, 0]
    assert (empty.clients, empty.deals_amount, empty.avg_deal_days) == (0, D("0.00"), None)
