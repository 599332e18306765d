"""Editing the lines of a proposal or an invoice: one set of rules for both documents.

Each document service builds a ``LineEditor`` with its own checks (may this employee change
the document now? may they see it?) and exposes its methods as its own functions; every
change recomputes the totals and bumps the document's version in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import peewee

from ectui.db import write_transaction
from ectui.services import company, document_lines
from ectui.services.context import Context
from ectui.services.document_lines import LineOwner


@dataclass(frozen=True)
class LineEditor:
    lines: LineOwner
    editable: Callable[[Context, int], peewee.Model]  # the document, or UserError
    visible: Callable[[Context, int], object]         # raises unless the employee may see it

    def _touch(self, doc: peewee.Model, ctx: Context) -> None:
        model = self.lines.doc_model
        document_lines.store_totals(self.lines, doc.id, doc.vat_mode)
        model.update(updated_at=ctx.now(), version=model.version + 1) \
            .where(model.id == doc.id).execute()

    def add_product(self, ctx: Context, doc_id: int, product_id: int, quantity: str = "1",
                    discount: str = "") -> int:
        """A line for a product of the price list; returns the line's id."""
        doc = self.editable(ctx, doc_id)
        rate, _mode = company.company_vat()
        values = document_lines.product_line_values(product_id, quantity, discount, rate)
        with write_transaction():
            line_id = document_lines.insert_line(self.lines, doc.id, values, doc.vat_mode)
            self._touch(doc, ctx)
        return line_id

    def save_line(self, ctx: Context, doc_id: int, data: dict[str, object], *,
                  line_id: int | None = None) -> int:
        """Add a typed line (no ``line_id``) or save an edited one; returns its id."""
        doc = self.editable(ctx, doc_id)
        rate, _mode = company.company_vat()
        values = document_lines.clean_line(data, rate)
        with write_transaction():
            if line_id is None:
                line_id = document_lines.insert_line(self.lines, doc.id, values, doc.vat_mode)
            else:
                document_lines.change_line(self.lines, doc.id, line_id, values, doc.vat_mode)
            self._touch(doc, ctx)
        return line_id

    def line_for_edit(self, ctx: Context, doc_id: int, line_id: int) -> dict[str, str]:
        self.visible(ctx, doc_id)
        return document_lines.line_for_edit(self.lines, doc_id, line_id)

    def delete_line(self, ctx: Context, doc_id: int, line_id: int) -> None:
        doc = self.editable(ctx, doc_id)
        with write_transaction():
            document_lines.remove_line(self.lines, doc.id, line_id)
            self._touch(doc, ctx)

    def move_line(self, ctx: Context, doc_id: int, line_id: int, delta: int) -> None:
        doc = self.editable(ctx, doc_id)
        with write_transaction():
            document_lines.shift_line(self.lines, doc.id, line_id, delta)
            self._touch(doc, ctx)
