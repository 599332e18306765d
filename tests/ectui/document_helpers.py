"""Builders for the sales documents tests: our company from the demo file, a small price
list, and the office of the task tests (ООО «Ромашка», managers with roles)."""

from __future__ import annotations

import json
from pathlib import Path

from ectui.db import write_transaction
from ectui.services import company, products
from ectui.services.context import Context

DEMO = Path(__file__).resolve().parents[2] / "data" / "demo"


def our_company_data() -> dict:
    return json.loads((DEMO / "our_company.json").read_text(encoding="utf-8"))


def set_up_company(**changes) -> None:
    with write_transaction():
        company.store_company_data({**our_company_data(), **changes})


def price_list(ctx: Context) -> dict[str, int]:
    """Three products: a machine at 22 %, a book at 10 %, a service at the company's rate."""
    return {
        "press": products.save_product(ctx, {
            "kind": "goods", "name": "Пресс гидравлический ПГ-40", "article": "ПГ-40",
            "unit": "шт", "price": "185 000,00", "vat_rate": "22"}),
        "manual": products.save_product(ctx, {
            "kind": "goods", "name": "Руководство по эксплуатации (печатное)", "unit": "шт",
            "price": "1 250,00", "vat_rate": "10"}),
        "setup": products.save_product(ctx, {
            "kind": "service", "name": "Пусконаладочные работы", "unit": "час",
            "price": "3 500", "vat_rate": ""}),
    }
