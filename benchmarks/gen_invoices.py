"""Invoices with their lines and payments: what the ABC analysis and the funnel's last steps
count.

Clients, partners and suppliers are billed over their life with us, the bigger ones more
often. Lines come from a price list of the kind of goods and services the demo company sells;
every sum is computed by ``ectui.pricing`` exactly as the invoice services compute it. Old
invoices are mostly paid (some in parts, a few cancelled); recent ones are still waiting.
Numbers run per year from 1 without gaps, as ``ectui.services.numbering`` gives them (in the
order generated, not strictly by date within the year).
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from decimal import Decimal

from benchmarks.gen_client_base import MOSCOW, ClientBase, OrgInfo, Sizes, moment
from benchmarks.writer import Writer
from ectui.models import DocumentCounter, Invoice, InvoiceLine, Payment, Product
from ectui.pricing import line_amounts, totals

BLOCK = 5_000  # organizations per round
WEIGHTS = {"client": 10, "partner": 6, "supplier": 2, "prospect": 0, "competitor": 0}
VAT_RATE = "22"
GOODS = [("Терминал сбора данных", "шт", 42_900), ("Принтер этикеток", "шт", 31_500),
         ("Сканер штрихкода", "шт", 8_700), ("МФУ лазерное А4", "шт", 27_300),
         ("Стеллаж складской 2000×1000", "шт", 12_400), ("Тележка гидравлическая", "шт", 19_800),
         ("Картридж для МФУ", "шт", 4_200), ("Этикетка термо 58×40 (рулон)", "рул", 310),
         ("Ноутбук 15,6\"", "шт", 68_000), ("Монитор 27\"", "шт", 21_900)]
SERVICES = [("Монтаж стеллажей", "ч", 1_800), ("Обслуживание МФУ (месяц)", "мес", 3_500),
            ("Лицензия WMS (год)", "шт", 96_000), ("Обучение пользователей", "ч", 2_500),
            ("Выезд инженера", "шт", 3_000), ("Настройка ТСД", "шт", 1_500)]


class InvoiceGenerator:
    INVOICE_FIELDS = ["id", "number", "year", "date", "pay_until", "organization", "contact",
                      "responsible", "basis", "vat_mode", "status", "amount", "discount", "vat",
                      "total", "paid", "created_at", "updated_at", "version"]
    LINE_FIELDS = ["id", "invoice", "position", "product", "name", "unit", "quantity", "price",
                   "discount_percent", "vat_rate", "amount", "discount", "vat", "total"]

    def __init__(self, writer: Writer, sizes: Sizes, seed: int, base: ClientBase,
                 progress=lambda message: None) -> None:
        self.writer = writer
        self.target = sizes.invoices
        self.rng = random.Random(seed * 104729 + 11)
        self.base = base
        self.today = base.today
        self.progress = progress
        self.next_invoice = self.next_line = self.next_payment = 1
        self.numbers: dict[int, int] = {}  # year → last number given
        self.products: list[tuple[int, str, str, Decimal]] = []

    def price_list(self) -> None:
        rows = []
        created = datetime.combine(self.today - timedelta(days=3650), time(9), MOSCOW)
        for ident, (kind, (name, unit, price)) in enumerate(
                [("goods", item) for item in GOODS] + [("service", item) for item in SERVICES],
                start=1):
            rows.append((ident, kind, name, f"A-{ident:04d}", unit, Decimal(price), VAT_RATE,
                         name.casefold(), name.casefold(), created, created))
            self.products.append((ident, name, unit, Decimal(price)))
        self.writer.insert(Product, [
            Product.id, Product.kind, Product.name, Product.article, Product.unit, Product.price,
            Product.vat_rate, Product.search_text, Product.sort_key, Product.created_at,
            Product.updated_at], rows)

    def budgets(self) -> list[int]:
        orgs = self.base.organizations
        weights = [WEIGHTS.get(o.category, 0) * (1 + o.contact_count / 10)
                   * ((self.today - o.created).days + 1) for o in orgs]
        scale = self.target / sum(weights)
        budgets = [int(w * scale) for w in weights]
        missing = self.target - sum(budgets)
        for index in self.rng.choices(range(len(orgs)), weights, k=max(0, missing)):
            budgets[index] += 1
        return budgets

    def invoice(self, org: OrgInfo, rows: dict[str, list]) -> None:
        rng = self.rng
        day = org.created + timedelta(days=rng.randrange((self.today - org.created).days + 1))
        number = self.numbers.get(day.year, 0) + 1
        self.numbers[day.year] = number
        ident = self.next_invoice
        self.next_invoice += 1
        amounts = []
        for position in range(rng.choice((1, 1, 2, 2, 3, 4))):
            product, name, unit, price = rng.choice(self.products)
            quantity = Decimal(rng.choice((1, 1, 2, 3, 5, 10, 20)))
            discount = Decimal(rng.choice((0, 0, 0, 3, 5, 10)))
            line = line_amounts(quantity, price, discount, VAT_RATE, "included")
            amounts.append((VAT_RATE, line))
            rows["lines"].append((self.next_line, ident, position, product, name, unit, quantity,
                                  price, discount, VAT_RATE, line.amount, line.discount,
                                  line.vat, line.total))
            self.next_line += 1
        total = totals(amounts, "included")
        age = (self.today - day).days
        status, paid = "issued", Decimal("0.00")
        roll = rng.random()
        if roll < 0.03:
            status = "cancelled"
        elif age > 10 and roll < 0.93:
            parts = 2 if rng.random() < 0.15 else 1
            first = (total.total / 2).quantize(Decimal("0.01")) if parts == 2 else total.total
            for share, delay in ((first, rng.randint(1, 10)),
                                 (total.total - first, rng.randint(11, 40)))[:parts]:
                pay_day = min(self.today, day + timedelta(days=delay))
                rows["payments"].append((self.next_payment, ident, pay_day, share,
                                         f"п/п № {rng.randint(1, 9999)}", org.responsible_id,
                                         moment(pay_day, rng)))
                self.next_payment += 1
                paid += share
            status = "paid" if paid == total.total else "partly_paid"
        contact = (org.first_contact_id + rng.randrange(org.contact_count)
                   if org.contact_count else None)
        created = moment(day, rng)
        rows["invoices"].append((ident, number, day.year, day, day + timedelta(days=10), org.id,
                                 contact, org.responsible_id, "", "included", status,
                                 total.amount, total.discount, total.vat, total.total, paid,
                                 created, created, 1))

    def counters(self) -> None:
        """The last number of each year, so the next invoice the app makes follows on."""
        self.writer.insert(DocumentCounter, [
            DocumentCounter.id, DocumentCounter.kind, DocumentCounter.year,
            DocumentCounter.last_number],
            [(index, "invoice", year, last)
             for index, (year, last) in enumerate(sorted(self.numbers.items()), start=1)])

    def run(self) -> None:
        self.price_list()
        orgs = self.base.organizations
        budgets = self.budgets()
        for start in range(0, len(orgs), BLOCK):
            rows: dict[str, list] = {"invoices": [], "lines": [], "payments": []}
            for org, budget in zip(orgs[start:start + BLOCK], budgets[start:start + BLOCK],
                                   strict=True):
                for _ in range(budget):
                    self.invoice(org, rows)
            self.writer.insert(Invoice, [Invoice._meta.fields[n] for n in self.INVOICE_FIELDS],
                               rows["invoices"])
            self.writer.insert(InvoiceLine,
                               [InvoiceLine._meta.fields[n] for n in self.LINE_FIELDS],
                               rows["lines"])
            self.writer.insert(Payment, [
                Payment.id, Payment.invoice, Payment.date, Payment.amount, Payment.document,
                Payment.author, Payment.created_at], rows["payments"])
            self.progress(f"invoices {self.next_invoice - 1}")
        self.counters()
