"""The key bar: the screen's keys on one line, greyed where refused, redrawn when they change."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Input

from screens.widgets.key_bar import KeyBar
from tests.screens.test_paged_table import screen_lines


class _BarApp(App[None]):
    BINDINGS = [Binding("f2", "two", "Изменить"), Binding("f3", "three", "Удалить"),
                Binding("ctrl+s", "two", "Сохранить"),  # the same action: shown once
                Binding("f9", "three", "Скрыто", show=False)]
    three_enabled = True  # greyed and back, as a key is for one row of a list and not another

    def __init__(self) -> None:
        super().__init__()
        self.done: list[str] = []

    def compose(self) -> ComposeResult:
        yield Input(id="field")
        yield KeyBar()

    def action_two(self) -> None:
        self.done.append("two")

    def action_three(self) -> None:
        self.done.append("three")

    def check_action(self, action: str, parameters) -> bool | None:
        return None if action == "three" and not self.three_enabled else True


def _bar(app: App) -> str:
    return screen_lines(app)[-1]


def _style_of(app: App, text: str):
    """The style of the first cell of ``text`` on the bar as drawn."""
    for segment in app.screen._compositor.render_strips()[-1]:
        if text in segment.text:
            return segment.style
    raise AssertionError(f"{text!r} not on the bar")


async def test_the_bar_shows_each_action_once_and_the_palette_key_at_the_end():
    app = _BarApp()
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        bar = _bar(app)
        assert " f2 Изменить  f3 Удалить " in bar  # as Textual writes the keys
        assert "Сохранить" not in bar and "Скрыто" not in bar
        assert bar.rstrip().endswith("^p palette")
        assert not app.query_one(KeyBar).children  # one line, not a widget per key


async def test_a_refused_key_is_greyed_and_back_when_allowed_again():
    app = _BarApp()
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        allowed = _style_of(app, "Удалить").color
        assert _style_of(app, "Изменить").color == allowed
        app.three_enabled = False
        app.screen.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert "Удалить" in _bar(app)
        assert _style_of(app, "Удалить").color != allowed  # greyed (Textual draws dim as a fade)
        assert _style_of(app, "Изменить").color == allowed
        app.three_enabled = True
        app.screen.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert _style_of(app, "Удалить").color == allowed


async def test_clicking_a_key_presses_it_and_a_greyed_one_does_nothing():
    app = _BarApp()
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        column = _bar(app).index("Изменить")
        await pilot.click(KeyBar, offset=(column, 0))
        await pilot.pause()
        assert app.done == ["two"]
        app.three_enabled = False
        app.screen.refresh_bindings()
        await pilot.pause()
        await pilot.click(KeyBar, offset=(_bar(app).index("Удалить"), 0))
        await pilot.pause()
        assert app.done == ["two"]


async def test_on_a_narrow_terminal_the_keys_that_do_not_fit_are_left_out_whole():
    app = _BarApp()
    async with app.run_test(size=(36, 10)) as pilot:
        await pilot.pause()
        bar = _bar(app)
        assert " f2 Изменить " in bar
        assert "Удал" not in bar  # not cut in the middle
        assert bar.rstrip().endswith("^p palette")
