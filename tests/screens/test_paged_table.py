"""PagedTable: a 100 000-row list opens at once and fetches only the pages on screen."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from textual.app import App, ComposeResult
from textual.pilot import Pilot

from screens.widgets.paged_table import Column, PagedTable

SIZE = (80, 24)
ROWS_ON_SCREEN = SIZE[1] - 1  # one line is the header


@dataclass(frozen=True)
class Client:
    index: int
    name: str
    debt: int


def client_name(index: int, prefix: str = "Клиент") -> str:
    return f"{prefix} {index:06d}"


class FakeSource:
    """`rows` generated clients; records every call, as a screen's service would be called."""

    def __init__(self, rows: int, prefix: str = "Клиент") -> None:
        self.rows = rows
        self.prefix = prefix
        self.count_calls = 0
        self.fetches: list[tuple[int, int]] = []

    def count(self) -> int:
        self.count_calls += 1
        return self.rows

    def fetch(self, offset: int, limit: int) -> list[Client]:
        self.fetches.append((offset, limit))
        end = min(offset + limit, self.rows)
        return [Client(i, client_name(i, self.prefix), i * 10) for i in range(offset, end)]


class GatedSource(FakeSource):
    """A source whose fetch waits until the test opens the gate: a slow query."""

    def __init__(self, rows: int, prefix: str) -> None:
        super().__init__(rows, prefix)
        self.entered = threading.Event()
        self.gate = threading.Event()
        self.done = threading.Event()

    def fetch(self, offset: int, limit: int) -> list[Client]:
        self.entered.set()
        self.gate.wait(timeout=10)
        try:
            return super().fetch(offset, limit)
        finally:
            self.done.set()


class FailingSource(FakeSource):
    def fetch(self, offset: int, limit: int) -> list[Client]:
        self.fetches.append((offset, limit))
        raise RuntimeError("База данных недоступна")


class FailingCountSource(FakeSource):
    def count(self) -> int:
        raise RuntimeError("Нет связи с сервером")


class GatedCountSource(FakeSource):
    """A source whose count waits until the test opens the gate: counting «и» in 300 000."""

    def __init__(self, rows: int) -> None:
        super().__init__(rows)
        self.gate = threading.Event()

    def count(self) -> int:
        self.gate.wait(timeout=10)
        return super().count()


def cell(client: Client, key: str) -> str:
    return str(getattr(client, key))


class TableApp(App):
    def __init__(
        self, source: FakeSource | None, *, page_size: int = 200, name_width: int | None = None
    ) -> None:
        super().__init__()
        self.source = source
        self.page_size = page_size
        self.name_width = name_width
        self.events: list[object] = []
        self.contexts = 0

    def compose(self) -> ComposeResult:
        yield PagedTable(
            [
                Column("index", "№", width=7, align="right"),
                Column("name", "Организация", width=self.name_width),
                Column("debt", "Долг, ₽", width=10, align="right"),
            ],
            cell,
            page_size=self.page_size,
            empty_text="Ничего не найдено",
            run_in_context=self.run_in_context,
        )

    def run_in_context(self, work):
        self.contexts += 1
        return work()

    def on_mount(self) -> None:
        if self.source is not None:
            self.table.set_source(self.source)

    @property
    def table(self) -> PagedTable:
        return self.query_one(PagedTable)

    def on_paged_table_row_selected(self, message: PagedTable.RowSelected) -> None:
        self.events.append(message)

    def on_paged_table_row_highlighted(self, message: PagedTable.RowHighlighted) -> None:
        self.events.append(message)

    def on_paged_table_loaded(self, message: PagedTable.Loaded) -> None:
        self.events.append(message)

    def on_paged_table_first_page(self, message: PagedTable.FirstPage) -> None:
        self.events.append(message)

    def of_type(self, kind: type) -> list:
        return [event for event in self.events if isinstance(event, kind)]


async def settle(pilot: Pilot) -> None:
    """Wait until the workers are done and the pages they brought are drawn.

    Drawing can start new fetches (for rows that just came on screen), and a full first
    page is counted only after a pause, so repeat until a round ends with no worker left
    running and no table still counting.
    """
    app = pilot.app
    for _ in range(40):
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen_lines(app)  # draw, as the terminal would
        await pilot.pause()
        counting = any(table.counting for table in app.query(PagedTable))
        if not counting and all(worker.is_finished for worker in app.workers):
            return
        if counting:
            await pilot.pause(0.05)  # a full page is counted once the typing pauses
    raise AssertionError("workers did not settle")


async def wait_until(pilot: Pilot, condition: Callable[[], bool]) -> None:
    for _ in range(300):
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError("condition not met in 3 s")


def screen_lines(app: App) -> list[str]:
    """The text of every line on the terminal.

    The compositor is what sends lines to the terminal; rendering through it shows the header,
    the rows and any toast exactly as a user sees them (SVG screenshots escape the text).
    """
    return [strip.text for strip in app.screen._compositor.render_strips()]


def screen_text(app: App) -> str:
    return "\n".join(screen_lines(app))


async def test_opens_on_first_rows_and_fetches_one_page() -> None:
    source = FakeSource(100_000)
    app = TableApp(source)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        lines = screen_lines(app)
        assert "Организация" in lines[0] and "Долг, ₽" in lines[0]
        assert client_name(0) in lines[1]
        assert client_name(ROWS_ON_SCREEN - 1) in lines[-1]
        assert app.table.row_count == 100_000
        assert source.count_calls == 1
        assert source.fetches == [(0, 200)]
        assert app.contexts == 2  # the first page, then its count
        first = app.of_type(PagedTable.FirstPage)
        assert [message.rows_known for message in first] == [200]
        loaded = app.of_type(PagedTable.Loaded)
        assert [message.row_count for message in loaded] == [100_000]
        highlighted = app.of_type(PagedTable.RowHighlighted)
        assert highlighted[-1].row_index == 0
        assert highlighted[-1].row.name == client_name(0)


async def test_the_first_page_shows_before_the_count_arrives() -> None:
    source = GatedCountSource(100_000)
    app = TableApp(source)
    async with app.run_test(size=SIZE) as pilot:
        try:
            await wait_until(pilot, lambda: client_name(0) in screen_lines(app)[1])
            assert client_name(ROWS_ON_SCREEN - 1) in screen_lines(app)[-1]
            assert app.of_type(PagedTable.Loaded) == []  # still counting
            assert app.table.row_count == 200  # as far as the cursor can go meanwhile
            await pilot.press("down", "enter")
            await pilot.pause()
            assert [m.row.name for m in app.of_type(PagedTable.RowSelected)] == [client_name(1)]
        finally:
            source.gate.set()
        await settle(pilot)
        assert app.table.row_count == 100_000
        assert [message.row_count for message in app.of_type(PagedTable.Loaded)] == [100_000]
        assert source.fetches == [(0, 200)]


async def test_a_short_list_is_not_counted() -> None:
    source = FakeSource(37)
    app = TableApp(source)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert client_name(0) in screen_lines(app)[1]
        assert app.table.row_count == 37
        assert source.count_calls == 0  # a page shorter than a full one is the whole list
        assert app.of_type(PagedTable.FirstPage) == []
        assert [message.row_count for message in app.of_type(PagedTable.Loaded)] == [37]


async def test_end_and_home_jump_without_fetching_every_page() -> None:
    source = FakeSource(100_000)
    app = TableApp(source)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("end")
        await settle(pilot)
        lines = screen_lines(app)
        assert "Организация" in lines[0]  # the header stays on top
        assert client_name(99_999) in lines[-1]
        assert client_name(99_999 - ROWS_ON_SCREEN + 1) in lines[1]
        assert app.table.cursor_row == 99_999
        assert app.table.current_row.index == 99_999

        await pilot.press("ctrl+home")
        await settle(pilot)
        assert client_name(0) in screen_lines(app)[1]
        await pilot.press("ctrl+end")
        await settle(pilot)
        assert client_name(99_999) in screen_lines(app)[-1]
        await pilot.press("home")
        await settle(pilot)
        assert app.table.cursor_row == 0
        # First and last page only: 2 of 500 pages, each once.
        assert sorted(source.fetches) == [(0, 200), (99_800, 200)]


async def test_pagedown_moves_the_cursor_by_a_screen() -> None:
    source = FakeSource(100_000)
    app = TableApp(source)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "down")
        assert app.table.cursor_row == 2
        await pilot.press("pagedown")
        await settle(pilot)
        assert app.table.cursor_row == 2 + ROWS_ON_SCREEN
        lines = screen_lines(app)
        # The view moved with the cursor: the cursor row is still the third line of rows.
        assert client_name(2 + ROWS_ON_SCREEN) in lines[3]
        assert client_name(ROWS_ON_SCREEN) in lines[1]
        await pilot.press("pageup")
        await settle(pilot)
        assert app.table.cursor_row == 2
        assert client_name(0) in screen_lines(app)[1]
        await pilot.press("up", "up", "up")  # stops at the first row
        assert app.table.cursor_row == 0


async def test_enter_posts_row_selected_with_the_row() -> None:
    source = FakeSource(100_000)
    app = TableApp(source)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "down", "down", "enter")
        await pilot.pause()
        selected = app.of_type(PagedTable.RowSelected)
        assert len(selected) == 1
        assert selected[0].row_index == 3
        assert selected[0].row == Client(3, client_name(3), 30)
        assert selected[0].control is app.table


async def test_click_moves_cursor_then_selects() -> None:
    app = TableApp(FakeSource(100))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.click(PagedTable, offset=(10, 5))  # line 5 = fifth row
        assert app.table.cursor_row == 4
        await pilot.click(PagedTable, offset=(10, 5))
        await pilot.pause()
        assert [message.row_index for message in app.of_type(PagedTable.RowSelected)] == [4]


async def test_new_source_during_loading_never_shows_old_rows() -> None:
    old = GatedSource(100_000, prefix="Старый")
    new = FakeSource(500, prefix="Новый")
    app = TableApp(old)
    async with app.run_test(size=SIZE) as pilot:
        try:
            await wait_until(pilot, old.entered.is_set)
            assert "…" in screen_lines(app)[1]  # a placeholder while the query runs

            app.table.set_source(new)  # the user typed another letter
            # Not settle(): the old worker is still blocked, and waiting for it is the point.
            await wait_until(pilot, lambda: client_name(0, "Новый") in screen_lines(app)[1])
            assert not old.done.is_set()

            old.gate.set()  # the old query finishes late
            await wait_until(pilot, old.done.is_set)
            await settle(pilot)
        finally:
            old.gate.set()
        text = screen_text(app)
        assert "Старый" not in text
        assert client_name(0, "Новый") in text
        assert app.table.row_count == 500
        assert app.table.current_row.name == client_name(0, "Новый")
        assert [message.row_count for message in app.of_type(PagedTable.Loaded)] == [500]
        assert old.count_calls == 0  # the old search was never counted: no one would see it
        assert all(
            message.row is None or message.row.name.startswith("Новый")
            for message in app.of_type(PagedTable.RowHighlighted)
        )


async def test_empty_source_shows_empty_text() -> None:
    source = FakeSource(0)
    app = TableApp(source)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        lines = screen_lines(app)
        assert "Ничего не найдено" in lines[1]
        assert lines[1].index("Ничего") > 10  # centred, not at the left edge
        assert source.fetches == [(0, 200)]
        assert source.count_calls == 0  # an empty first page says it all
        assert app.table.row_count == 0
        assert app.table.current_row is None
        await pilot.press("down", "end", "enter")
        await pilot.pause()
        assert app.of_type(PagedTable.RowSelected) == []
        assert [message.row_count for message in app.of_type(PagedTable.Loaded)] == [0]


async def test_failing_fetch_shows_an_error_toast_and_keeps_running() -> None:
    source = FailingSource(1_000)
    app = TableApp(source)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        assert "База данных недоступна" in screen_text(app)
        assert app.is_running
        assert app.table.row_count == 1_000  # the count worked; the rows did not
        await pilot.press("down")
        await settle(pilot)
        assert len(source.fetches) == 1  # a failed page is not retried on every redraw
        assert app.table.current_row is None


async def test_failing_count_shows_an_error_toast() -> None:
    app = TableApp(FailingCountSource(1_000))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        assert "Нет связи с сервером" in screen_text(app)
        assert app.is_running
        assert client_name(0) in screen_lines(app)[1]  # the first page came before the count
        assert app.table.row_count == 200
        assert app.of_type(PagedTable.Loaded) == []


async def test_reload_refetches_and_clamps_the_cursor() -> None:
    source = FakeSource(100)
    app = TableApp(source)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("end")
        assert app.table.cursor_row == 99
        source.rows = 50  # someone deleted half the clients
        app.table.reload()
        await settle(pilot)
        assert app.table.row_count == 50
        assert app.table.cursor_row == 49
        assert client_name(49) in screen_lines(app)[-1]
        assert client_name(50) not in screen_text(app)
        assert source.count_calls == 0  # each time, the first page was all there was
        assert [message.row_count for message in app.of_type(PagedTable.Loaded)] == [100, 50]


async def test_memory_stays_bounded_while_scrolling_far() -> None:
    source = FakeSource(100_000)
    app = TableApp(source, page_size=10)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for _ in range(15):  # 15 screens = 345 rows = 35 pages of 10
            await pilot.press("pagedown")
            await settle(pilot)
        assert client_name(15 * ROWS_ON_SCREEN) in screen_text(app)
        fetched_pages = {offset for offset, _ in source.fetches}
        assert len(fetched_pages) == len(source.fetches)  # no page fetched twice meanwhile
        assert len(fetched_pages) < 40
        await pilot.press("home")
        await settle(pilot)
        assert client_name(0) in screen_lines(app)[1]
        # The first page was dropped from the cache (LRU of 20 pages) and fetched again.
        assert [offset for offset, _ in source.fetches].count(0) == 2


async def test_long_cyrillic_names_are_cut_with_an_ellipsis() -> None:
    class LongNames(FakeSource):
        def fetch(self, offset: int, limit: int) -> list[Client]:
            return [Client(1, "ООО «Ёлочка-Трейд» Санкт-Петербург", 1_500)]

    app = TableApp(LongNames(1), name_width=12)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        line = screen_lines(app)[1]
        assert "ООО «Ёлочка…" in line
        assert "Трейд" not in line
        # Right-aligned debt column follows the 12-cell name column and a 2-cell gap.
        assert line.startswith(" " + "1".rjust(7) + "  " + "ООО «Ёлочка…" + "  " + "1500".rjust(10))


async def test_cursor_header_and_row_style_are_visible() -> None:
    class StyledApp(TableApp):
        def compose(self) -> ComposeResult:
            yield PagedTable(
                [Column("name", "Организация")],
                cell,
                row_style=lambda client: "italic" if client.index == 2 else "",
            )

    app = StyledApp(FakeSource(100))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)

        def style_of_line(y: int):
            strip = app.screen._compositor.render_strips()[y]
            return next(iter(strip)).style  # the first cell of the line

        header, cursor, plain, italic = (style_of_line(y) for y in (0, 1, 2, 3))
        assert header.bold
        assert cursor.bgcolor != plain.bgcolor
        assert italic.italic and not plain.italic
        await pilot.press("down")
        assert style_of_line(2).bgcolor == cursor.bgcolor
        assert style_of_line(1).bgcolor == plain.bgcolor


async def test_source_set_before_mount_loads_on_mount() -> None:
    source = FakeSource(1_000)

    class ComposeTimeApp(TableApp):
        # source=None below: TableApp.on_mount still runs (Textual calls it for each class).
        def compose(self) -> ComposeResult:
            table = PagedTable([Column("name", "Организация")], cell)
            table.set_source(source)  # before the table is mounted
            yield table

    app = ComposeTimeApp(None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert client_name(0) in screen_lines(app)[1]
        assert source.count_calls == 1


class FrameLog:
    """The frames the app sends to the terminal, each as the lines it shows."""

    def __init__(self, app: App) -> None:
        self.frames: list[list[str]] = []
        display = app._display

        def logged(screen, renderable) -> None:
            if renderable is not None:
                self.frames.append(screen_lines(app))
            display(screen, renderable)

        app._display = logged


async def test_a_new_source_paints_once_its_rows_are_in(monkeypatch) -> None:
    import screens.widgets.paged_table as paged_table

    monkeypatch.setattr(paged_table, "PAINT_HOLD", 30.0)  # only the rows may end the hold
    app = TableApp(FakeSource(300, prefix="Старый"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        log = FrameLog(app)
        new = GatedSource(500, prefix="Новый")
        try:
            app.table.set_source(new)  # the user typed a letter
            await wait_until(pilot, new.entered.is_set)
            await pilot.pause(0.2)
            assert log.frames == []  # no frame of a blank list while the query runs
        finally:
            new.gate.set()
        await wait_until(pilot, lambda: log.frames != [])
        assert client_name(0, "Новый") in log.frames[0][1]  # the first frame has the rows
        assert not any("…" in frame[1] for frame in log.frames)


async def test_a_slow_query_does_not_hold_the_screen_for_long(monkeypatch) -> None:
    import screens.widgets.paged_table as paged_table

    monkeypatch.setattr(paged_table, "PAINT_HOLD", 0.05)
    app = TableApp(FakeSource(300, prefix="Старый"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        log = FrameLog(app)
        slow = GatedSource(500, prefix="Новый")
        try:
            app.table.set_source(slow)
            await wait_until(pilot, lambda: any("…" in frame[1] for frame in log.frames))
            assert not slow.done.is_set()  # painted while the query still runs
        finally:
            slow.gate.set()
        await wait_until(pilot, lambda: any(client_name(0, "Новый") in frame[1]
                                            for frame in log.frames))


async def test_a_table_removed_while_waiting_for_rows_lets_the_app_paint(monkeypatch) -> None:
    from textual.widgets import Static

    import screens.widgets.paged_table as paged_table

    monkeypatch.setattr(paged_table, "PAINT_HOLD", 30.0)
    app = TableApp(FakeSource(300))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        slow = GatedSource(500, prefix="Новый")
        try:
            app.table.set_source(slow)
            await wait_until(pilot, slow.entered.is_set)
            await app.table.remove()
            log = FrameLog(app)
            await app.mount(Static("Другой экран"))
            await wait_until(pilot, lambda: any("Другой экран" in "\n".join(frame)
                                                for frame in log.frames))
        finally:
            slow.gate.set()


async def test_the_scroll_bar_and_its_reach_follow_each_new_count() -> None:
    app = TableApp(FakeSource(5))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not app.table.show_vertical_scrollbar  # five rows fit
        app.table.set_source(FakeSource(100_000))
        await settle(pilot)
        assert app.table.show_vertical_scrollbar
        assert app.table.max_scroll_y == 100_000 + 1 - ROWS_ON_SCREEN - 1
        await pilot.press("end")
        await settle(pilot)
        assert client_name(99_999) in screen_lines(app)[-1]
        app.table.set_source(FakeSource(3))
        await settle(pilot)
        assert not app.table.show_vertical_scrollbar
        assert app.table.scroll_offset.y == 0
        assert client_name(2) in screen_lines(app)[3]


async def test_a_search_typed_on_is_never_counted(monkeypatch) -> None:
    import screens.widgets.paged_table as paged_table

    monkeypatch.setattr(paged_table, "COUNT_AFTER", 0.5)
    first, second = FakeSource(100_000, prefix="И"), FakeSource(50_000, prefix="Ив")
    app = TableApp(first)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: client_name(0, "И") in screen_lines(app)[1])
        app.table.set_source(second)  # the next letter, before the typing paused
        await settle(pilot)
        assert client_name(0, "Ив") in screen_lines(app)[1]
        assert app.table.row_count == 50_000
        assert (first.count_calls, second.count_calls) == (0, 1)
        assert [message.row_count for message in app.of_type(PagedTable.Loaded)] == [50_000]
