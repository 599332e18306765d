"""A table for lists of any length: draws only the visible lines, fetches rows page by page.

A `DataTable` builds every row up front (about 12 s at 100 000 rows). `PagedTable` follows
toolong: a `ScrollView` whose virtual height is the row count, `render_line` for what is on
screen, and thread workers that count the rows and fetch the pages the screen needs.

The first page is shown before the rows are counted: counting every match of «и» among
300 000 people takes longer than a keystroke, and a page of them is what the eye needs. A
page shorter than a full one is the whole list, so it needs no count at all.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol, TypeVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events, on, work
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from screens.widgets.paint_hold import PaintHold

Row = Any
"""A row is whatever the source returns; only the `cell` getter looks inside it."""

T = TypeVar("T")

_MISSING: Any = object()  # a row whose page has not arrived yet
_OUTSIDE: Any = object()  # a row the fetched page turned out not to have (data changed)
_PAD = 1  # blank cells at each edge of a line
_GAP = 2  # blank cells between columns
_PLACEHOLDER = "…"
_CONTROL_TO_SPACE = str.maketrans({**{code: " " for code in range(32)}, 127: " "})


class PageSource(Protocol):
    """Rows for a `PagedTable`; both methods run in a worker thread, never on the UI thread."""

    def count(self) -> int: ...

    def fetch(self, offset: int, limit: int) -> Sequence[Row]: ...

    # Optional, on the UI thread: ``ready(offset, limit)`` gives ``(rows, count)`` already
    # read (ahead, as the app started), or None; the table then shows them without a worker.


class ContextRunner(Protocol):
    """Runs a worker's body inside a context, e.g. `database.connection_context()`."""

    def __call__(self, work: Callable[[], T], /) -> T: ...


def _call_directly(work: Callable[[], T]) -> T:
    return work()


class _TableMessage(Message):
    def __init__(self, paged_table: PagedTable) -> None:
        super().__init__()
        self.paged_table = paged_table

    @property
    def control(self) -> PagedTable:
        """The table, so `@on(PagedTable.RowSelected, "#id")` can match it."""
        return self.paged_table


@dataclass(frozen=True)
class Column:
    key: str
    """Passed to the cell getter."""
    title: str
    """Header text, already translated."""
    width: int | None = None
    """Fixed width in cells; `None` shares the width the fixed columns leave."""
    align: str = "left"
    """"left" or "right"."""
    drop_order: int | None = None
    """On a narrow terminal, columns with a drop order are hidden, lowest first, until the
    rest fit with each flexible column at least ``MIN_FLEXIBLE`` wide; None: always shown."""


MIN_FLEXIBLE = 16

COUNT_AFTER = 0.15
"""Seconds a full first page waits, with no newer source, before its rows are counted."""

PAINT_HOLD = 0.03
"""Seconds the screen may wait for a new source's first rows before it paints (see
`PagedTable.hold_paint`)."""


class PagedTable(ScrollView, can_focus=True):
    """A keyboard-driven table over a `PageSource` of any size.

    Args:
        columns: The columns, left to right.
        cell: Returns the text of one cell: `cell(row, column.key)`; a `str` is shown as is
            (no markup), a `rich.text.Text` keeps its styles.
        page_size: Rows per `fetch` call.
        empty_text: Shown on the first line when the source has no rows.
        row_style: Returns a Rich style string for a whole row (e.g. "dim" for archived
            clients), or "" for none.
        run_in_context: Wraps the body of every worker: the screen passes something like
            ``lambda work: run_with_connection(work)`` so that each worker thread opens and
            closes its own database connection (`ectui.db.database.connection_context()`).
            The widget itself knows nothing about the database. Default: call directly.
        max_cached_pages: Pages kept in memory (least recently drawn are dropped first).
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "paged-table--header",
        "paged-table--cursor",
        "paged-table--placeholder",
    }

    DEFAULT_CSS = """
    PagedTable {
        height: 1fr;
        background: $surface;
        color: $foreground;
        overflow-x: hidden;
        overflow-y: auto;
        & > .paged-table--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        &:ansi > .paged-table--header {
            background: ansi_bright_blue;
            color: ansi_default;
        }
        & > .paged-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus > .paged-table--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
        & > .paged-table--placeholder {
            color: $text-muted;
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor_up", "Up", show=False),
        Binding("down", "cursor_down", "Down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home,ctrl+home", "first_row", "First row", show=False),
        Binding("end,ctrl+end", "last_row", "Last row", show=False),
        Binding("enter", "select_row", "Select", show=False),
    ]

    cursor_row: reactive[int] = reactive(0, init=False)
    """Index of the highlighted row; clamped to the rows there are."""

    class RowHighlighted(_TableMessage):
        """The cursor moved, or the row under it arrived (`row` is `None` while loading)."""

        def __init__(self, paged_table: PagedTable, row_index: int, row: Row | None) -> None:
            super().__init__(paged_table)
            self.row_index = row_index
            self.row = row

    class RowSelected(_TableMessage):
        """Enter (or a click on the highlighted row) on a loaded row."""

        def __init__(self, paged_table: PagedTable, row_index: int, row: Row) -> None:
            super().__init__(paged_table)
            self.row_index = row_index
            self.row = row

    class TopEdge(_TableMessage):
        """Up was pressed on the first row: the screen may move focus above the table."""

    class Loaded(_TableMessage):
        """A count finished (after `set_source` or `reload`); not posted when it failed."""

        def __init__(self, paged_table: PagedTable, row_count: int) -> None:
            super().__init__(paged_table)
            self.row_count = row_count

    class FirstPage(_TableMessage):
        """The rows on screen arrived before their count (a full page: more may follow);
        `Loaded` comes when the count does. `rows_known` rows are there at least."""

        def __init__(self, paged_table: PagedTable, rows_known: int) -> None:
            super().__init__(paged_table)
            self.rows_known = rows_known

    # Results of the worker threads, posted to the table itself.
    class _Counted(Message, bubble=False):
        def __init__(
            self, generation: int, count: int, page: int, rows: list[Row], error: Exception | None
        ) -> None:
            super().__init__()
            self.generation, self.count, self.page, self.rows = generation, count, page, rows
            self.page_error = error

    class _PageBeforeCount(Message, bubble=False):
        def __init__(self, generation: int, page: int, rows: list[Row]) -> None:
            super().__init__()
            self.generation, self.page, self.rows = generation, page, rows

    class _PageFetched(Message, bubble=False):
        def __init__(self, generation: int, page: int, rows: list[Row]) -> None:
            super().__init__()
            self.generation, self.page, self.rows = generation, page, rows

    class _Failed(Message, bubble=False):
        def __init__(self, generation: int, page: int, error: Exception, counting: bool) -> None:
            super().__init__()
            self.generation, self.page, self.error = generation, page, error
            self.counting = counting

    def __init__(
        self,
        columns: Sequence[Column],
        cell: Callable[[Row, str], str | Text],
        *,
        page_size: int = 200,
        empty_text: str = "",
        row_style: Callable[[Row], str] | None = None,
        run_in_context: ContextRunner | None = None,
        max_cached_pages: int = 20,
        **kw: Any,
    ) -> None:
        super().__init__(**kw)
        if page_size < 1:
            raise ValueError("page_size must be positive")
        self._columns = tuple(columns)
        self._cell = cell
        self._page_size = page_size
        self._empty_text = empty_text
        self._row_style = row_style
        self._run_in_context: ContextRunner = run_in_context or _call_directly
        self._max_cached_pages = max(2, max_cached_pages)
        self._source: PageSource | None = None
        # Bumped by set_source and reload: results of older generations are dropped.
        self._generation = 0
        self._select_when_loaded = -1  # the generation an early Enter waits on
        self._row_count = 0
        self._counting = False
        self._loaded = False  # a count of the current source has arrived
        self._pages: OrderedDict[int, list[Row]] = OrderedDict()  # LRU, newest last
        self._stale_pages: dict[int, list[Row]] = {}  # shown during a reload until replaced
        self._pending: set[int] = set()  # pages being fetched for this generation
        self._failed: set[int] = set()  # not retried until the next set_source / reload
        self._error_notified = False
        self._highlight_waits_for_row = False
        self._widths_cache: tuple[int, list[int]] = (-1, [])
        self._paint_style: Style | None = None  # this paint's inherited style (render_lines)
        self._paint_hold = PaintHold()  # while a new source's rows are awaited

    # ---- public API -------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        """Rows in the source, as last counted (0 until the first count arrives)."""
        return self._row_count

    @property
    def counting(self) -> bool:
        """The rows are still being counted (a full first page waits for a pause first)."""
        return self._counting

    @property
    def current_row(self) -> Row | None:
        """The row under the cursor, or `None` while its page is loading."""
        row = self._cached_row(self.cursor_row)
        return None if row is _MISSING or row is _OUTSIDE else row

    def set_source(self, source: PageSource) -> None:
        """Show another source: forget every row, count in a worker, cursor back to 0."""
        self._source = source
        self._new_generation()
        self._stale_pages.clear()
        self._row_count = 0
        self._loaded = False
        self.set_reactive(PagedTable.cursor_row, 0)
        # The virtual size stays until the new rows come: shrinking it now and growing it
        # then showed and hid the scroll bar, a layout of the whole screen per keystroke.
        if self.is_mounted:
            self.scroll_to(y=0, animate=False, force=True)
        self.hold_paint()
        self._start_count()

    def reload(self) -> None:
        """Fetch the same source again (after an edit); the cursor keeps its index."""
        if self._source is None:
            return
        # Keep showing the old rows until their fresh pages arrive, so an edit doesn't blink.
        stale = {**self._stale_pages, **self._pages}
        self._stale_pages = dict(list(stale.items())[-self._page_limit() :])
        self._new_generation()
        self._start_count()

    # ---- workers ----------------------------------------------------------------------

    def hold_paint(self) -> None:
        """Hold the screen's next paint until the new rows come (at most `PAINT_HOLD`).

        Textual paints a keystroke's echo at once, and the rows that came 10 ms later then
        waited 17–33 ms for its frame clock (`screens.widgets.paint_hold`). Held, the echo
        and the rows are painted together as soon as the rows are in; a slow query still
        gets its echo within `PAINT_HOLD`. `set_source` holds; a search line calls this as
        the text changes, before the echo is painted (`ListSearch`)."""
        if self.is_mounted and self.screen.is_current:
            self._paint_hold.hold(self.app, PAINT_HOLD)

    def on_unmount(self) -> None:
        self._paint_hold.release()  # never leave the app's paints held by a table that is gone

    def on_mount(self) -> None:
        # No super(): Textual calls ScrollView.on_mount itself (handlers run per class in the MRO).
        if self._source is not None and not self._counting:
            self._launch_count()  # set_source came before mount (is_mounted is False here)

    def _new_generation(self) -> None:
        self._generation += 1
        if self._select_when_loaded == self._generation - 1:
            # The search text typed before Enter arrives after it: keep waiting for its rows.
            self._select_when_loaded = self._generation
        self._pages.clear()
        self._pending.clear()
        self._failed.clear()
        self._error_notified = False
        self._counting = False
        # Older workers are not cancelled: a thread cannot be stopped mid-query anyway, their
        # results are dropped by generation, and a cancelled worker makes
        # `app.workers.wait_for_complete()` raise WorkerCancelled in every test that waits.
        self.refresh()

    def _start_count(self) -> None:
        if self._source is not None and self.is_mounted:
            self._launch_count()  # else on_mount will

    def _launch_count(self) -> None:
        assert self._source is not None
        self._counting = True
        page = self.cursor_row // self._page_size
        ready = getattr(self._source, "ready", None)
        known = ready(page * self._page_size, self._page_size) if ready is not None else None
        if known is not None:
            # Read ahead: drawn in the screen's first frame rather than a frame after a
            # worker's round trip (~50 ms of the start-up, benchmarks/RESULTS.md section 14).
            rows, count = known
            self._counted(self._Counted(self._generation, count, page, rows, None))
            return
        # The count worker fetches the cursor's page too: one round trip for the first screen.
        self._pending.add(page)
        self._count_rows(self._generation, self._source, page)

    def _request_page(self, page: int) -> None:
        if self._source is None or page in self._pending or page in self._failed:
            return
        self._pending.add(page)
        self._fetch_page(self._generation, self._source, page)

    @work(thread=True, group="paged-table-count", exit_on_error=False)
    def _count_rows(self, generation: int, source: PageSource, page: int) -> None:
        """The cursor's page; a shorter one is the whole list, a full one is counted once
        the typing pauses (`_count_after_pause`); with no page, counted at once."""
        offset = page * self._page_size
        try:
            rows = self._run_in_context(lambda: list(source.fetch(offset, self._page_size)))
        except Exception as error:  # the count stands even if the first page fails
            self._count_now(generation, source, page, error)
            return
        if 0 < len(rows) < self._page_size or (offset == 0 and not rows):
            self._post_from_thread(self._Counted(generation, offset + len(rows), page, rows,
                                                 None))
        elif rows:
            self._post_from_thread(self._PageBeforeCount(generation, page, rows))
        else:  # the cursor's page is past the end now (rows were deleted): count at once
            self._count_now(generation, source, page, None)

    def _count_after_pause(self, generation: int, source: PageSource, page: int) -> None:
        # Counted only once the typing pauses: counting every match of each prefix typed
        # on («и», «ив», «ива»…) kept the database busy while the next prefix's page was
        # wanted (on PostgreSQL a keystroke's page waited ~20 ms for it at p95). A timer on
        # the table, so no worker thread sits idle through the pause.
        def count_if_still_wanted() -> None:
            if generation == self._generation:
                self._count_later(generation, source, page)

        self.set_timer(COUNT_AFTER, count_if_still_wanted, name="paged-table-count-after")

    @work(thread=True, group="paged-table-count", exit_on_error=False)
    def _count_later(self, generation: int, source: PageSource, page: int) -> None:
        self._count_now(generation, source, page, None)

    def _count_now(self, generation: int, source: PageSource, page: int,
                   page_error: Exception | None) -> None:
        """On a worker thread: count and post the count (with the first page's error)."""
        try:
            count = self._run_in_context(source.count)
        except Exception as error:
            self._post_from_thread(self._Failed(generation, page, error, counting=True))
        else:
            self._post_from_thread(self._Counted(generation, count, page, [], page_error))

    @work(thread=True, group="paged-table-fetch", exit_on_error=False)
    def _fetch_page(self, generation: int, source: PageSource, page: int) -> None:
        offset = page * self._page_size
        try:
            rows = self._run_in_context(lambda: list(source.fetch(offset, self._page_size)))
        except Exception as error:
            self._post_from_thread(self._Failed(generation, page, error, counting=False))
        else:
            self._post_from_thread(self._PageFetched(generation, page, rows))

    def _post_from_thread(self, message: Message) -> None:
        try:
            self.post_message(message)
        except RuntimeError:
            pass  # the app closed while the query ran; nobody is waiting for the rows

    @on(_Counted)
    def _counted(self, message: _Counted) -> None:
        message.stop()
        if message.generation != self._generation:
            return
        self._paint_hold.release()
        self._counting = False
        self._loaded = True
        self._row_count = max(0, message.count)
        self._pending.discard(message.page)
        if message.rows:
            self._store_page(message.page, message.rows)
        if message.page_error is not None:
            self._page_failed(message.page, message.page_error)
        self._set_extent()
        # Clamp quietly: the one RowHighlighted below carries the row that just arrived.
        self.set_reactive(PagedTable.cursor_row, self.validate_cursor_row(self.cursor_row))
        self._scroll_to_cursor()
        self.refresh()
        self.post_message(self.Loaded(self, self._row_count))
        self._post_highlighted()
        self._select_if_waiting()

    @on(_PageBeforeCount)
    def _page_before_count(self, message: _PageBeforeCount) -> None:
        message.stop()
        if message.generation != self._generation:
            return
        self._paint_hold.release()
        self._pending.discard(message.page)
        self._store_page(message.page, message.rows)
        if self._source is not None:
            self._count_after_pause(message.generation, self._source, message.page)
        # Until the count comes, the list ends after the rows it has (the cursor can reach
        # them all); a reload keeps its count, since it is most likely unchanged.
        known = message.page * self._page_size + len(message.rows)
        if not self._loaded or self._row_count < known:
            self._row_count = known
            self._set_extent()
        self.refresh()
        self.post_message(self.FirstPage(self, known))
        self._post_highlighted()
        self._select_if_waiting()

    @on(_PageFetched)
    def _page_fetched(self, message: _PageFetched) -> None:
        message.stop()
        if message.generation != self._generation:
            return  # a page of an old search: never show it
        self._pending.discard(message.page)
        self._store_page(message.page, message.rows)
        self.refresh()
        if self._highlight_waits_for_row and self.current_row is not None:
            self._post_highlighted()
        self._select_if_waiting()

    @on(_Failed)
    def _failed_to_load(self, message: _Failed) -> None:
        message.stop()
        if message.generation != self._generation:
            return
        if message.counting:
            self._counting = False
            self._paint_hold.release()
        self._page_failed(message.page, message.error)
        self.refresh()

    def _set_extent(self) -> None:
        """The scrollable height: the rows and the header line.

        Set as Textual's own resize does it: the scroll bar and the scroll limits follow,
        and the screen is laid out again only when the scroll bar appears or goes. Set as a
        plain reactive, every keystroke's new count laid out the whole screen (5–10 ms).
        An empty list keeps a line for its `empty_text` (a table as tall as its rows)."""
        lines = self._row_count or (1 if self._empty_text else 0)
        size = Size(self._min_width(), lines + 1)
        if size == self.virtual_size:
            return
        height = self.styles.height
        if (not self.is_mounted or size.width != self.virtual_size.width
                or (height is not None and height.is_auto)):  # a table as tall as its rows
            self.virtual_size = size
            return
        self.set_reactive(PagedTable.virtual_size, size)
        self._scroll_update(size)  # shows or hides the scroll bar (a layout) when needed

    def _page_failed(self, page: int, error: Exception) -> None:
        self._pending.discard(page)
        self._failed.add(page)
        self._stale_pages.pop(page, None)
        if not self._error_notified:  # one toast per load, not one per visible page
            self._error_notified = True
            self.app.notify(str(error) or type(error).__name__, severity="error")

    def _store_page(self, page: int, rows: list[Row]) -> None:
        self._pages[page] = rows[: self._page_size]
        self._pages.move_to_end(page)
        self._stale_pages.pop(page, None)
        while len(self._pages) > self._page_limit():
            self._pages.popitem(last=False)

    def _page_limit(self) -> int:
        # Never evict a page that is on screen, or drawing would fetch it again forever.
        on_screen = self._visible_rows() // self._page_size + 2
        return max(self._max_cached_pages, on_screen)

    def _cached_row(self, index: int) -> Row:
        """The row at `index` if its page is in memory, else `_MISSING` (or `_OUTSIDE`)."""
        page, offset = divmod(index, self._page_size)
        rows = self._pages.get(page)
        if rows is None:
            rows = self._stale_pages.get(page)
            if rows is None:
                return _MISSING
        else:
            self._pages.move_to_end(page)
        return rows[offset] if offset < len(rows) else _OUTSIDE

    def _row_for_display(self, index: int) -> Row:
        row = self._cached_row(index)
        page = index // self._page_size
        if page not in self._pages:
            self._request_page(page)  # missing, or only a stale copy during a reload
        return row

    # ---- cursor and keys --------------------------------------------------------------

    def validate_cursor_row(self, value: int) -> int:
        return max(0, min(value, self._row_count - 1))

    def watch_cursor_row(self) -> None:
        self._scroll_to_cursor()
        self.refresh()
        self._post_highlighted()

    def _post_highlighted(self) -> None:
        if not self._row_count:
            return
        row = self.current_row
        self._highlight_waits_for_row = row is None
        self.post_message(self.RowHighlighted(self, self.cursor_row, row))

    def _visible_rows(self) -> int:
        """Row lines that fit under the header."""
        return max(0, self.scrollable_content_region.height - 1)

    def _scroll_to_cursor(self) -> None:
        visible = self._visible_rows()
        if not visible:
            return
        top = self.scroll_offset.y
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False, force=True)
        elif self.cursor_row >= top + visible:
            self.scroll_to(y=self.cursor_row - visible + 1, animate=False, force=True)

    def on_resize(self, _event: events.Resize) -> None:
        self._scroll_to_cursor()

    def action_cursor_up(self) -> None:
        if self.cursor_row == 0:
            self.post_message(self.TopEdge(self))
        self.cursor_row -= 1

    def action_cursor_down(self) -> None:
        self.cursor_row += 1

    def action_page_up(self) -> None:
        self._move_by_page(-1)

    def action_page_down(self) -> None:
        self._move_by_page(+1)

    def _move_by_page(self, direction: int) -> None:
        # The view moves with the cursor, so the cursor keeps its place on the screen.
        step = max(1, self._visible_rows()) * direction
        self.scroll_to(y=self.scroll_offset.y + step, animate=False, force=True)
        self.cursor_row += step

    def action_first_row(self) -> None:
        self.cursor_row = 0

    def action_last_row(self) -> None:
        self.cursor_row = self._row_count - 1

    def action_select_row(self) -> None:
        row = self.current_row
        if self._row_count and row is not None:
            self.post_message(self.RowSelected(self, self.cursor_row, row))
        elif self._source is not None and (self._counting or not self._loaded or
                                           self._row_count):
            # Enter typed ahead of the results («ром↓⏎»): select once the row arrives.
            self._select_when_loaded = self._generation

    def _select_if_waiting(self) -> None:
        if self._select_when_loaded != self._generation:
            return
        if self._loaded and self._row_count == 0:
            self._select_when_loaded = -1
        elif self.current_row is not None:
            self._select_when_loaded = -1
            self.action_select_row()

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y == 0:
            return
        index = self.scroll_offset.y + offset.y - 1
        if index >= self._row_count:
            return
        event.stop()
        if index == self.cursor_row:
            self.action_select_row()
        else:
            self.cursor_row = index

    # ---- drawing ----------------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        # The style inherited from the containers, once per paint rather than per line:
        # ``rich_style`` walks every ancestor, half of the table's lines' time in a frame.
        self._paint_style = self.rich_style
        try:
            return super().render_lines(crop)
        finally:
            self._paint_style = None

    def _base_style(self) -> Style:
        return self.rich_style if self._paint_style is None else self._paint_style

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if y == 0:
            texts = [Text(column.title) for column in self._columns]
            style = self._base_style() + self.get_component_rich_style("paged-table--header")
            return self._strip(self._join_cells(texts), style, width)
        index = self.scroll_offset.y + y - 1
        if index >= self._row_count:
            return self._render_beyond_rows(index, width)
        style = self._base_style()
        row = self._row_for_display(index)
        arrived = row is not _MISSING and row is not _OUTSIDE
        if arrived and self._row_style is not None and (row_style := self._row_style(row)):
            style += Style.parse(row_style)
        if index == self.cursor_row:
            style += self.get_component_rich_style("paged-table--cursor")
        if not arrived:
            text = Text(_PLACEHOLDER if row is _MISSING else "")
            text.stylize(self.get_component_rich_style("paged-table--placeholder"))
            return self._strip(self._join_cells([text]), style, width)
        values = [self._cell(row, c.key) for c in self._columns]
        if all(type(value) is str for value in values):
            # Plain text, the usual case: one segment, no rich.Text to build and render per
            # cell (a screen of lines was ~20 ms of every keystroke's paint).
            return Strip([Segment(set_cell_size(self._join_plain(values), width), style)], width)
        return self._strip(self._join_cells([self._as_text(v) for v in values]), style, width)

    def _render_beyond_rows(self, index: int, width: int) -> Strip:
        text = ""
        if index == 0 and self._loaded:
            text = self._empty_text
        elif index == 0 and self._counting:
            text = _PLACEHOLDER
        line = Text(text)
        line.stylize(self.get_component_rich_style("paged-table--placeholder"))
        if text == self._empty_text:
            line.align("center", self._line_width())
        else:
            line.pad_left(_PAD)
        return self._strip(line, self._base_style(), width)

    def _strip(self, line: Text, style: Style, width: int) -> Strip:
        line.truncate(width, overflow="crop", pad=True)
        # A span, not `line.style`: Text.render ignores its own style. Cell styles stay on top.
        line.stylize_before(style)
        return Strip(line.render(self.app.console), width)

    def _as_text(self, value: str | Text) -> Text:
        if isinstance(value, Text):
            if any(ord(char) < 32 or char == "\x7f" for char in value.plain):
                value = value.copy()
                value.plain = value.plain.translate(_CONTROL_TO_SPACE)  # same length: spans kept
            return value
        return Text(str(value).translate(_CONTROL_TO_SPACE))

    def _join_plain(self, values: list[str]) -> str:
        """The cells of a line of plain text, fitted to their columns, as one string."""
        parts = [" " * _PAD]
        for column, value, width in zip(self._columns, values, self._column_widths(),
                                        strict=False):
            if not width:
                continue  # hidden: the terminal is too narrow for it
            if len(parts) > 1:
                parts.append(" " * _GAP)
            parts.append(_fit_plain(value.translate(_CONTROL_TO_SPACE), width, column.align))
        return "".join(parts)

    def _join_cells(self, texts: list[Text]) -> Text:
        line = Text(" " * _PAD)
        widths = self._column_widths()
        first = True
        for column, text, width in zip(self._columns, texts, widths, strict=False):
            if not width:
                continue  # hidden: the terminal is too narrow for it
            if not first:
                line.append(" " * _GAP)
            first = False
            line.append_text(_fit(text, width, column.align))
        return line

    def _line_width(self) -> int:
        """Cells the rows may use: the content area minus the vertical scrollbar."""
        return self.scrollable_content_region.width

    def _min_width(self) -> int:
        kept = [column for column in self._columns if column.drop_order is None]
        return sum(column.width or 1 for column in kept) + self._gaps(len(kept))

    def _gaps(self, count: int | None = None) -> int:
        count = len(self._columns) if count is None else count
        return 2 * _PAD + _GAP * max(0, count - 1)

    def _needed(self, columns: list[Column]) -> int:
        return sum(column.width or MIN_FLEXIBLE for column in columns) + self._gaps(len(columns))

    def _column_widths(self) -> list[int]:
        width = self._line_width()
        if self._widths_cache[0] == width:
            return self._widths_cache[1]
        shown = list(self._columns)
        for column in sorted((c for c in self._columns if c.drop_order is not None),
                             key=lambda c: c.drop_order):
            if self._needed(shown) <= width:
                break
            shown.remove(column)
        flexible = [column for column in shown if column.width is None]
        fixed = sum(column.width or 0 for column in shown)
        free = max(0, width - fixed - self._gaps(len(shown)))
        share, extra = divmod(free, len(flexible)) if flexible else (0, 0)
        widths = []
        for column in self._columns:
            if column not in shown:
                widths.append(0)
            elif column.width is not None:
                widths.append(column.width)
            else:
                widths.append(max(1, share + (1 if extra > 0 else 0)))
                extra -= 1
        self._widths_cache = (width, widths)
        return widths


def _fit_plain(value: str, width: int, align: str) -> str:
    """`value` cut with «…» or padded to exactly `width` cells (as `_fit`, for a str)."""
    if cell_len(value) > width:
        value = set_cell_size(value, width - 1).rstrip() + _PLACEHOLDER
    padding = " " * (width - cell_len(value))
    return padding + value if align == "right" else value + padding


def _fit(text: Text, width: int, align: str) -> Text:
    """`text` cut with «…» or padded to exactly `width` cells."""
    if width <= 0:
        return Text()
    text = text.copy()
    text.no_wrap = True
    if cell_len(text.plain) > width:
        text.truncate(width - 1, overflow="crop")
        text.rstrip()  # «Иванов…», not «Иванов …»
        text.append(_PLACEHOLDER)
    padding = width - cell_len(text.plain)
    if padding > 0:
        if align == "right":
            text.pad_left(padding)
        else:
            text.pad_right(padding)
    return text
