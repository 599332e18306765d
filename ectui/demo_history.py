"""A year of sales in the demo: deals that went call → meeting → proposal → contract → invoice →
payment over the last twelve months, some lost on the way, some still open, each worked by its
client's manager on its own past days.

Everything goes through the services with a FixedClock at each step's moment, so tasks,
documents, payments and the «Оплата счета» tasks obey the same rules as typed data. The deals
come from ``data/demo/sales_history.json`` and a ``random.Random`` with the file's fixed seed:
the same demo every time.
"""

from __future__ import annotations

import datetime as dt
import heapq
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from ectui.clock import FixedClock
from ectui.models import Contact, Employee, Organization, TaskResult
from ectui.money import format_money, to_kopecks
from ectui.services import invoices, payments, proposals
from ectui.services.context import Context
from ectui.services.employees import actor_for_login
from ectui.services.quick_log import QuickLog, quick_log
from ectui.services.task_types import type_id_for_code

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "demo"
RECENT_DAYS = 30
"""The last month is left to demo_tasks and demo_documents: the history's deals start before
it (and end in it or still go on)."""

# A deal's fate, a number in [0, 1): below each threshold it ends at that step. A client's is
# uniform; a prospect's stays below LOST_AT_INVOICE (it has not bought from us yet), and is
# squared, so nearly half of them end at the first call.
LOST_AT_CALL = 0.06        # «отказ» on the call
LOST_AT_MEETING = 0.14     # the meeting came to nothing
LOST_AT_PROPOSAL = 0.26    # the proposal was rejected
LOST_AT_INVOICE = 0.30     # the invoice was annulled unpaid
PARTLY_THEN_LATE = 0.45    # half paid on time, the rest weeks late
PAID_LATE = 0.60           # paid in full after the due date; above: paid on time

VAT_22_FROM = dt.date(2026, 1, 1)
"""Russia's basic VAT went from 20 % to 22 % on this day: a 2025 proposal says 20 %."""

HOLIDAYS = {(1, day) for day in range(1, 9)} | {(2, 23), (3, 8), (5, 1), (5, 9), (6, 12),
                                                 (11, 4)}
"""Russian public holidays (month, day): nobody calls or pays on them in the demo."""


@dataclass
class _Deal:
    org_id: int
    contact_id: int | None
    ctx_login: str
    start: dt.date
    fate: float  # where the deal ends: see the thresholds above


def _read() -> dict:
    return json.loads((DATA_DIR / "sales_history.json").read_text(encoding="utf-8"))


def _workday(day: dt.date) -> dt.date:
    while day.weekday() >= 5 or (day.month, day.day) in HOLIDAYS:
        day += dt.timedelta(days=1)
    return day


class _History:
    def __init__(self, admin: Context, product_ids: dict[str, int], data: dict) -> None:
        self.admin = admin
        self.today = admin.now().date()
        self.zone = admin.now().tzinfo
        self.product_ids = product_ids
        self.data = data
        self.rng = random.Random(data["seed"])
        self.results: dict[tuple[str, str], int] = {}
        self.actors: dict[str, object] = {}
        self.counts = {"deals": 0, "won": 0, "lost": 0, "open": 0, "invoices": 0,
                       "payments": 0}

    # ---- helpers ------------------------------------------------------------------------------

    def ctx(self, login: str, day: dt.date, hour: int | None = None) -> Context:
        if login not in self.actors:
            self.actors[login] = actor_for_login(login) or self.admin.actor
        hour = hour if hour is not None else self.rng.randint(10, 17)
        moment = dt.datetime.combine(day, dt.time(hour, self.rng.choice((0, 15, 30, 45))),
                                     tzinfo=self.zone)
        return Context(self.actors[login], FixedClock(moment, zone=self.zone))

    def result(self, kind: str, code: str) -> int:
        key = (kind, code)
        if key not in self.results:
            self.results[key] = TaskResult.get(TaskResult.task_type == type_id_for_code(kind),
                                               TaskResult.code == code).id
        return self.results[key]

    def note(self, key: str) -> str:
        options = self.data["notes"].get(key) or ""
        return self.rng.choice(options) if isinstance(options, list) else options

    def log(self, deal: _Deal, day: dt.date, kind: str, result: str) -> None:
        quick_log(self.ctx(deal.ctx_login, day), QuickLog(
            organization_id=deal.org_id, contact_id=deal.contact_id,
            type_id=type_id_for_code(kind), result_id=self.result(kind, result),
            note=self.note(f"{kind}_{result}")))

    def later(self, day: dt.date, low: int, high: int) -> dt.date | None:
        """A working day ``low``–``high`` days after ``day``; None when it is not yet past."""
        nxt = _workday(day + dt.timedelta(days=self.rng.randint(low, high)))
        return nxt if nxt <= self.today - dt.timedelta(days=1) else None

    # ---- one deal -----------------------------------------------------------------------------

    def steps(self, deal: _Deal) -> Iterator[dt.date]:
        """The deal's steps, each after a ``yield`` of its day: the caller runs the steps of
        all deals in the order of their days, so documents are numbered as they were dated."""
        self.counts["deals"] += 1
        fate = deal.fate
        day = deal.start
        if self.rng.random() < 0.3:  # nobody picked up the first time
            yield day
            self.log(deal, day, "call", "no_answer")
            day = self.later(day, 1, 3) or day
        yield day
        if fate < LOST_AT_CALL:
            self.log(deal, day, "call", "refused")
            self.counts["lost"] += 1
            return
        self.log(deal, day, "call", "decision_maker")
        day = self.later(day, 3, 8)
        if day is None:
            self.counts["open"] += 1
            return
        yield day
        if fate < LOST_AT_MEETING:
            self.log(deal, day, "meeting", "no_result")
            self.counts["lost"] += 1
            return
        self.log(deal, day, "meeting", "held")
        day = self.later(day, 2, 6)
        if day is None:
            self.counts["open"] += 1
            return
        yield day
        proposal_id = self.proposal(deal, day)
        day = self.later(day, 3, 10)
        if day is None:
            self.counts["open"] += 1
            return
        yield day
        if fate < LOST_AT_PROPOSAL:
            proposals.set_status(self.ctx(deal.ctx_login, day), proposal_id, "rejected")
            self.counts["lost"] += 1
            return
        self.log(deal, day, "contract_signing", "signed")
        yield from self.invoice(deal, day, proposal_id, fate)

    def proposal(self, deal: _Deal, day: dt.date) -> int:
        ctx = self.ctx(deal.ctx_login, day)
        basket = self.rng.choice(self.data["baskets"])
        proposal_id = proposals.create_proposal(ctx, {
            "organization_id": deal.org_id, "contact_id": deal.contact_id,
            "date": f"{day:%d.%m.%Y}", "valid_until": f"{day + dt.timedelta(days=14):%d.%m.%Y}",
            "subject": basket["subject"], "notes": ""})
        discount = self.rng.choice(self.data["discounts"])
        quantity = 1
        for product, low, high in basket["lines"]:
            # [product, 0, 0]: as many as the line before (mounting per rack section)
            quantity = quantity if low == 0 else self.rng.randint(low, high)
            line_discount = discount if product in ("rack-pallet", "rack-shelf", "mfp",
                                                    "stacker", "pallet-truck") else ""
            line_id = proposals.add_product(ctx, proposal_id, self.product_ids[product],
                                            str(quantity), line_discount)
            if day < VAT_22_FROM:  # the price list's 22 % is the 2026 rate; before, 20 %
                line = proposals.line_for_edit(ctx, proposal_id, line_id)
                if line["vat_rate"] == "22":
                    proposals.save_line(ctx, proposal_id, {**line, "vat_rate": "20"},
                                        line_id=line_id)
        proposals.set_status(ctx, proposal_id, "sent")
        return proposal_id

    def invoice(self, deal: _Deal, day: dt.date, proposal_id: int,
                fate: float) -> Iterator[dt.date]:
        ctx = self.ctx(deal.ctx_login, day, hour=15)
        pay_days = self.rng.choice((5, 5, 7, 10))
        pay_until = day + dt.timedelta(days=pay_days)
        invoice_id = invoices.invoice_from_proposal(ctx, proposal_id, {
            "date": f"{day:%d.%m.%Y}", "pay_until": f"{pay_until:%d.%m.%Y}"})
        self.counts["invoices"] += 1
        total = invoices.get_invoice(invoice_id).total
        if fate < LOST_AT_INVOICE:  # the client went quiet; the invoice was annulled
            cancelled = self.later(day, pay_days + 14, pay_days + 30)
            if cancelled is None:
                self.counts["open"] += 1
                return
            yield cancelled
            invoices.cancel_invoice(self.ctx(deal.ctx_login, cancelled), invoice_id)
            self.counts["lost"] += 1
            return
        if fate < PARTLY_THEN_LATE:  # half on time, the rest weeks late
            plan = ((Decimal("0.5"), 1, pay_days), (None, pay_days + 10, pay_days + 35))
        elif fate < PAID_LATE:
            plan = ((None, pay_days + 3, pay_days + 20),)
        else:
            plan = ((None, 1, pay_days),)
        paid_on = None
        for share, low, high in plan:
            on = self.later(day, low, high)
            if on is None:
                break
            yield on
            amount = to_kopecks(total * share) if share else total - invoices.get_invoice(
                invoice_id).paid
            payments.record_payment(self.ctx(deal.ctx_login, on, hour=12), invoice_id, {
                "date": f"{on:%d.%m.%Y}", "amount": format_money(amount),
                "document": f"п/п № {self.rng.randint(100, 2999)}"})
            self.counts["payments"] += 1
            paid_on = on
        if paid_on is None or invoices.get_invoice(invoice_id).status != "paid":
            self.counts["open"] += 1
            return
        self.counts["won"] += 1
        shipped = self.later(paid_on, 2, 10)
        if shipped is not None:
            yield shipped
            payments.record_shipment(self.ctx(deal.ctx_login, shipped, hour=16), invoice_id, {
                "date": f"{shipped:%d.%m.%Y}", "amount": format_money(total),
                "document": f"УПД № {self.rng.randint(100, 2999)}"})


def _clients(org_ids: dict[str, int]) -> list[tuple[int, str, list[int], bool]]:
    """(organization, its manager's login, its contacts with decision makers first, whether it
    is a prospect) of the clients and prospects that have a manager."""
    logins = {e.id: e.login for e in Employee.select(Employee.id, Employee.login)}
    wanted = set(org_ids.values())
    out = []
    for org in Organization.select().where(Organization.category.in_(("client", "prospect")))\
            .order_by(Organization.id):
        if org.id not in wanted or org.responsible_id not in logins:
            continue
        people = [c.id for c in Contact.select(Contact.id, Contact.decision_role)
                  .where(Contact.organization == org.id)
                  .order_by(Contact.decision_role != "decision_maker", Contact.id)]
        out.append((org.id, logins[org.responsible_id], people, org.category == "prospect"))
    return out


def _featured(org_ids: dict[str, int]) -> set[int]:
    """The clients whose last month demo_tasks and demo_documents tell: a deal of the year
    still running beside that story would muddle it."""
    from ectui.demo_tasks import PAST_CONTACTS, PLANNED

    documents = json.loads((DATA_DIR / "documents.json").read_text(encoding="utf-8"))
    keys = {item[0] for item in PAST_CONTACTS + PLANNED} | {"td-medved"}
    keys |= {item["organization"] for kind in ("proposals", "invoices", "contracts")
             for item in documents[kind] if item.get("organization")}
    return {org_ids[key] for key in keys if key in org_ids}


def load_sales_history(admin: Context, org_ids: dict[str, int],
                       product_ids: dict[str, int]) -> dict[str, int]:
    """Make the year of deals; returns how many deals, won, lost, still open, invoices and
    payments there are."""
    data = _read()
    history = _History(admin, product_ids, data)
    clients = _clients(org_ids)
    today = history.today
    deals: list[_Deal] = []
    months = data["months"]
    history.rng.shuffle(clients)
    # Every client and prospect in turn; then the clients again, for their repeat orders (a
    # prospect had one try in the year, most of them lost early).
    order = list(clients)
    while len(order) < 2 * sum(data["deals_per_month"]):  # spare turns for the swaps below
        order += [client for client in clients if not client[3]]
    featured = _featured(org_ids)
    turn = 0
    for index, count in enumerate(data["deals_per_month"][:months]):
        back = months - index  # 12 … 1 months before the history's end
        for _ in range(count):
            if back <= 3:  # the clients of the demo's own last month get no deal then
                later_turn = next(i for i in range(turn, len(order))
                                  if order[i][0] not in featured)
                order[turn], order[later_turn] = order[later_turn], order[turn]
            org_id, login, people, prospect = order[turn]
            turn += 1
            days_ago = RECENT_DAYS + (back - 1) * 28 + history.rng.randint(0, 27)
            start = _workday(today - dt.timedelta(days=days_ago))
            contact = people[0] if people and history.rng.random() < 0.8 else \
                (history.rng.choice(people) if people else None)
            # A prospect has not bought yet: its deal is lost on the way or still open.
            fate = history.rng.random()
            fate = fate * fate * LOST_AT_INVOICE if prospect else fate
            deals.append(_Deal(org_id, contact, login, start, fate))
    queue: list[tuple[dt.date, int, Iterator[dt.date]]] = []
    for number, deal in enumerate(sorted(deals, key=lambda d: d.start)):
        steps = history.steps(deal)
        first = next(steps, None)
        if first is not None:
            heapq.heappush(queue, (first, number, steps))
    while queue:  # the next step of whichever deal is earliest
        _day, number, steps = heapq.heappop(queue)
        following = next(steps, None)
        if following is not None:
            heapq.heappush(queue, (following, number, steps))
    return history.counts
