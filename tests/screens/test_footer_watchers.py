"""The footer does not keep the keys it showed before (screens/widgets/footer_watchers.py)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer

from screens.widgets.footer_watchers import install


class _FooterApp(App[None]):
    BINDINGS = [Binding("f2", "noop", "Two"), Binding("f3", "noop", "Three")]
    three_enabled = True  # greyed and back, as a key is for one row of a list and not another

    def compose(self) -> ComposeResult:
        yield Footer()

    def action_noop(self) -> None:
        pass

    def check_action(self, action: str, parameters) -> bool | None:
        return True if self.three_enabled else None


def _watchers(footer: Footer) -> int:
    return sum(len(entries) for entries in getattr(footer, "__watchers", {}).values())


async def test_recomposing_the_footer_does_not_pile_up_its_old_keys():
    install()
    app = _FooterApp()
    async with app.run_test() as pilot:
        footer = app.query_one(Footer)
        await pilot.pause()
        for _ in range(10):  # as moving through a list of clients may
            app.three_enabled = not app.three_enabled
            app.screen.refresh_bindings()
            await pilot.pause()
            await pilot.pause()
        shown = len(footer.children)
        assert shown > 0
        # Only the keys on screen are watched (a few extra of the last round at most).
        assert _watchers(footer) <= 2 * shown


async def test_the_footer_is_rebuilt_only_when_what_it_shows_changed():
    install()
    app = _FooterApp()
    async with app.run_test() as pilot:
        footer = app.query_one(Footer)
        await pilot.pause()
        keys = list(footer.children)
        for _ in range(5):  # a new row highlighted, the same keys allowed
            app.screen.refresh_bindings()
            await pilot.pause()
        assert list(footer.children) == keys  # the very same widgets: nothing rebuilt
        app.three_enabled = False
        app.screen.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert list(footer.children) != keys
        assert any(key.has_class("-disabled") for key in footer.children)


async def test_new_keys_are_styled_once_and_look_as_textual_styles_them():
    from textual.widgets._footer import FooterKey

    install()
    app = _FooterApp()
    async with app.run_test() as pilot:
        await pilot.pause()
        restyled = []
        original = app.update_styles
        app.update_styles = lambda node=None, animate=True: (  # type: ignore[method-assign]
            restyled.append(node), original(node, animate))
        app.three_enabled = False
        app.screen.refresh_bindings()
        for _ in range(3):
            await pilot.pause()
        keys = list(app.query(FooterKey))
        assert keys and not any(node in keys for node in restyled)  # none restyled on its own
        # As Textual would show them: the bound keys not compact, the palette key compact.
        palette = [key for key in keys if key.has_class("-command-palette")]
        assert palette and palette[0].has_class("-compact")
        assert palette[0].styles.padding.right == 1
        assert not any(key.has_class("-compact") for key in keys if key not in palette)


class _TwoListsApp(_FooterApp):
    """A scrolled column and a table: their arrow keys differ, and no footer shows them."""

    def compose(self) -> ComposeResult:
        from textual.containers import VerticalScroll
        from textual.widgets import DataTable

        yield VerticalScroll(id="column")
        yield DataTable(id="table")
        yield Footer()


async def test_the_focus_moving_changes_no_key_on_the_footer_and_rebuilds_nothing():
    install()
    app = _TwoListsApp()
    async with app.run_test() as pilot:
        footer = app.query_one(Footer)
        app.query_one("#column").focus()
        await pilot.pause()
        await pilot.pause()
        keys = list(footer.children)
        assert keys and keys[0].key == "f2"
        app.query_one("#table").focus()  # Enter, Home, End… of the table, all unshown
        await pilot.pause()
        await pilot.pause()
        assert list(footer.children) == keys
        assert "enter" in app.screen.active_bindings  # the table's keys did change
