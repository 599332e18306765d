"""A small hand-countable dataset for the report tests: rows written straight into the tables,
so each test states exactly what the reports must count."""

from __future__ import annotations

import itertools
from datetime import date, datetime
from decimal import Decimal

from dateutil import tz

from ectui.models import Contract, Invoice, Payment, Proposal, Task, TaskResult, TaskType
from ectui.services.context import Context

MSK = tz.gettz("Europe/Moscow")
_numbers = itertools.count(1)


def moment(day: int, month: int = 11, hour: int = 12, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=MSK)


def add_task(ctx: Context, org_id: int | None, responsible: int, type_code: str,
             status: str = "done", due: datetime | None = None,
             finished: datetime | None = None, result: str | None = None) -> int:
    type_id = TaskType.get(TaskType.code == type_code).id
    result_id = (TaskResult.get(TaskResult.task_type == type_id, TaskResult.code == result).id
                 if result else None)
    now = ctx.now()
    return Task.create(level="operation", title=type_code, task_type=type_id, status=status,
                       organization=org_id, responsible=responsible, author=responsible,
                       due_at=due, finished_at=finished, result=result_id,
                       created_at=now, updated_at=now).id


def add_invoice(ctx: Context, org_id: int, responsible: int, day: date, total: str,
                status: str = "issued") -> int:
    now = ctx.now()
    return Invoice.create(number=next(_numbers), year=day.year, date=day, pay_until=day,
                          organization=org_id, responsible=responsible, vat_mode="none",
                          status=status, amount=Decimal(total), total=Decimal(total),
                          created_at=now, updated_at=now).id


def add_payment(ctx: Context, invoice_id: int, day: date, amount: str) -> None:
    Payment.create(invoice=invoice_id, date=day, amount=Decimal(amount),
                   author=ctx.actor.employee_id, created_at=ctx.now())


def add_proposal(ctx: Context, org_id: int, responsible: int, day: date,
                 status: str = "sent") -> None:
    now = ctx.now()
    Proposal.create(number=next(_numbers), year=day.year, date=day, organization=org_id,
                    responsible=responsible, vat_mode="none", status=status,
                    created_at=now, updated_at=now)


def add_contract(ctx: Context, org_id: int, responsible: int, day: date) -> None:
    Contract.create(number=str(next(_numbers)), year=day.year, date=day, template="t.docx",
                    title="Договор поставки", organization=org_id, responsible=responsible,
                    file_name="d.docx", document=b"", author=responsible, created_at=ctx.now())


def funnel_dataset(team) -> dict[str, int]:
    """Ромашка (Ким) goes the whole way, Лютик (Соколов) stops after the proposal, Василёк
    (Гусев) after the call, Кактус (Зайцев, IT) goes the whole way fast, Астра (Кузнецова)
    starts at a meeting. See test_reference_funnel for the counts."""
    a = team.admin
    emp = {login: ctx.actor.employee_id for login, ctx in
           [("kim", team.senior), ("sokolov", team.manager), ("gusev", team.trainee),
            ("zaitsev", team.outsider), ("kuznetsova", team.head)]}
    org = team.org_of
    # Ромашка: call 2 → meeting 5 → proposal (document) 9 → contract 12 → payment 20.
    add_task(a, org["kim"], emp["kim"], "call", finished=moment(2))
    add_task(a, org["kim"], emp["kim"], "call", finished=moment(25))  # a later call: ignored
    add_task(a, org["kim"], emp["kim"], "meeting", finished=moment(5))
    add_proposal(a, org["kim"], emp["kim"], date(2026, 11, 9))
    add_proposal(a, org["kim"], emp["kim"], date(2026, 11, 1), status="draft")  # not sent
    add_contract(a, org["kim"], emp["kim"], date(2026, 11, 12))
    invoice = add_invoice(a, org["kim"], emp["kim"], date(2026, 11, 12), "150000.00")
    add_payment(a, invoice, date(2026, 11, 20), "100000.00")
    # Лютик: call 3 → presentation 10 → proposal (task) 15.
    add_task(a, org["sokolov"], emp["sokolov"], "call", finished=moment(3))
    add_task(a, org["sokolov"], emp["sokolov"], "presentation", finished=moment(10))
    add_task(a, org["sokolov"], emp["sokolov"], "proposal", finished=moment(15))
    # Василёк: a call in October (outside), a call on the 4th, a meeting that ended at 00:30
    # on 1 December Moscow time (still 30 November in UTC): outside the period.
    add_task(a, org["gusev"], emp["gusev"], "call", finished=moment(20, month=10))
    add_task(a, org["gusev"], emp["gusev"], "call", finished=moment(4))
    add_task(a, org["gusev"], emp["gusev"], "meeting", finished=moment(1, 12, 0, 30))
    # Кактус: call 6 → meeting 7 → proposal 8 → contract signing 10 → payment 14.
    for code, day in [("call", 6), ("meeting", 7), ("proposal", 8), ("contract_signing", 10)]:
        add_task(a, org["zaitsev"], emp["zaitsev"], code, finished=moment(day))
    invoice = add_invoice(a, org["zaitsev"], emp["zaitsev"], date(2026, 11, 10), "50000.00")
    add_payment(a, invoice, date(2026, 11, 14), "50000.00")
    # Астра: a meeting on the 1st, a proposal on the 3rd; a call planned, not done.
    add_task(a, org["kuznetsova"], emp["kuznetsova"], "meeting", finished=moment(1))
    add_proposal(a, org["kuznetsova"], emp["kuznetsova"], date(2026, 11, 3))
    add_task(a, org["kuznetsova"], emp["kuznetsova"], "call", status="planned", due=moment(24))
    return emp
