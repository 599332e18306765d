"""Directions of the price list driven by keys: Ctrl+G on the price list opens the list, a
direction is added there and picked in a product's form; the price list shows it."""

from __future__ import annotations

from textual.widgets import Select

from ectui.models import Product, ProductGroup
from screens.forms.confirm import ConfirmDialog
from screens.forms.field_form import FieldForm
from screens.sales import SalesScreen
from screens.sales_groups import ProductGroupsScreen
from screens.widgets.paged_table import PagedTable
from tests.screens.test_forms import screen_text, type_text, wait_until
from tests.screens.test_sales_screens import SIZE, app_for, office, on_screen  # noqa: F401


async def test_a_direction_is_added_and_given_to_a_product(office, sqlite_only_url,  # noqa: F811
                                                           clock):
    app = app_for(sqlite_only_url, clock, login="admin")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause(0.5)
        await pilot.press("f10")
        sales = await on_screen(pilot, SalesScreen)
        assert sales.check_action("product_groups", ()) is None  # greyed off the price list
        while sales.tab != "products":
            await pilot.press("ctrl+t")
            await pilot.pause(0.1)
        await pilot.press("ctrl+g")
        groups = await on_screen(pilot, ProductGroupsScreen)
        await wait_until(pilot, lambda: "Ctrl+N добавит" in screen_text(app))
        await pilot.press("ctrl+n")
        await on_screen(pilot, FieldForm)
        await type_text(pilot, "Стеллажи")
        await pilot.press("ctrl+s")
        await on_screen(pilot, ProductGroupsScreen)
        await wait_until(pilot, lambda: len(groups._groups) == 1)
        assert "Стеллажи" in screen_text(app)
        await pilot.press("ctrl+n")  # the same name again is refused at the field
        await on_screen(pilot, FieldForm)
        await type_text(pilot, "стеллажи")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "уже есть" in screen_text(app))
        await pilot.press("escape")
        await on_screen(pilot, ConfirmDialog)  # asks whether to drop what was typed
        await pilot.press("y")
        await on_screen(pilot, ProductGroupsScreen)
        await pilot.press("escape")
        await on_screen(pilot, SalesScreen)
        table = sales.query_one("#products", PagedTable)
        table.focus()
        await wait_until(pilot, lambda: table.current_row is not None)
        product_id = table.current_row.id
        await pilot.press("f4")
        form = await on_screen(pilot, FieldForm)
        group = ProductGroup.get(ProductGroup.name == "Стеллажи")
        form.query_one("#f-group", Select).value = str(group.id)
        await pilot.press("ctrl+s")
        await on_screen(pilot, SalesScreen)
        await wait_until(pilot, lambda: Product.get_by_id(product_id).group_id == group.id)
        await wait_until(pilot, lambda: "Стеллажи" in screen_text(app))
