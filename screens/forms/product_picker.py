"""Choose a product or service from the price list: type to search, Enter picks."""

from __future__ import annotations

from ectui.i18n import t
from ectui.money import format_money
from ectui.pricing import vat_label
from ectui.services.products import ProductFilter, ProductRow
from screens.forms.search_picker import SearchPicker
from screens.sales_sources import ProductSource
from screens.widgets.paged_table import Column


class ProductPicker(SearchPicker):
    """Dismisses with the chosen ``ProductRow``, or None on Esc."""

    def __init__(self) -> None:
        super().__init__()
        self.heading = t("sales.pick_product")
        self.placeholder = t("sales.pick_product.search")
        self.empty_text = t("sales.nothing_found")
        self.columns = [Column("name", t("product.name")),
                        Column("article", t("product.article"), 12),
                        Column("unit", t("product.unit"), 6),
                        Column("price", t("product.price"), 14, align="right"),
                        Column("vat_rate", t("product.vat_rate"), 10)]

    def cell(self, row: ProductRow, key: str) -> str:
        if key == "price":
            return format_money(row.price)
        if key == "vat_rate":
            return vat_label(row.vat_rate)
        return str(getattr(row, key))

    def source(self, query: str) -> ProductSource:
        return ProductSource(ProductFilter(query=query))

    def answer(self, row: ProductRow) -> ProductRow:
        return row
