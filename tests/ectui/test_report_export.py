"""Exported reports keep numbers as numbers, signed deltas included."""

from __future__ import annotations

from decimal import Decimal as D

from ectui.services.reports.export import export_tables
from ectui.services.reports.tables import Table


def test_signed_deltas_are_numbers_in_xlsx(tmp_path):
    from openpyxl import load_workbook

    table = Table("Воронка", ("Ступень", "Δ конв.", "Δ дней", "Знак"),
                  (("Договор", "+0.5", D("-16.7"), "+"), ("Оплата", None, None, "")))
    path = export_tables([table], str(tmp_path / "f.xlsx"))
    rows = list(load_workbook(path).worksheets[0].iter_rows(values_only=True))
    assert rows[1] == ("Договор", 0.5, -16.7, "+")
    assert rows[2] == ("Оплата", None, None, None)
