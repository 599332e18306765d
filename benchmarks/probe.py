"""The running app, driven by the Pilot: search per keystroke and opening cards.

``python -m benchmarks.probe --db URL --login LOGIN [--card ID ...]`` runs the real
``EctuiApp`` on the database (in-process, headless, 120×34), goes to the Directory (F3),
types every search of ``benchmarks.queries`` key by key and opens each card, then prints
one JSON object.

A keystroke is timed from the key press to the first frame the app composes after the
Directory's list showed its results: ``PagedTable.FirstPage`` (a full first page, counted
afterwards) or ``PagedTable.Loaded`` (a shorter list, whole and counted); each key is pressed
only when the previous one's results are on screen (``ms_to_counted``: when the count came).
Headless Textual composes every frame but does not write it to a terminal, so terminal output
is not included (the start-up benchmark includes it). The JSON ends with this process's peak
resident memory.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time

from benchmarks.queries import chosen, typed_prefixes
from benchmarks.startup import peak_rss_mb

SIZE = (120, 34)
QUIET = 0.08  # seconds without a new frame: the screen has settled
TIMEOUT = 120.0


class Recorder:
    """Timestamps of the app's frames and of the Directory lists' ``Loaded`` messages."""

    def __init__(self, app) -> None:
        from screens.widgets.paged_table import PagedTable

        self.loaded_type = PagedTable.Loaded
        self.first_page_type = PagedTable.FirstPage
        self.frames: list[float] = []
        self.loaded: list[tuple[float, str, int]] = []
        self.shown: list[tuple[float, str, int]] = []  # first page or whole list on screen
        display = app._display

        def timed_display(screen, renderable) -> None:
            if renderable is not None:
                self.frames.append(time.perf_counter())
            display(screen, renderable)

        app._display = timed_display

    def hook(self, message) -> None:
        if isinstance(message, self.loaded_type):
            event = (time.perf_counter(), message.paged_table.id or "", message.row_count)
            self.loaded.append(event)
            self.shown.append(event)
        elif isinstance(message, self.first_page_type):
            self.shown.append((time.perf_counter(), message.paged_table.id or "",
                               message.rows_known))

    async def until(self, condition, what: str) -> None:
        deadline = time.perf_counter() + TIMEOUT
        while not condition():
            if time.perf_counter() > deadline:
                raise TimeoutError(f"waited {TIMEOUT:.0f} s for {what}")
            await asyncio.sleep(0.0005)

    def frame_after(self, moment: float) -> float | None:
        return next((f for f in self.frames if f > moment), None)

    async def settled(self) -> float:
        """Wait until no frame came for ``QUIET`` seconds; the time of the last frame."""
        while True:
            last = self.frames[-1] if self.frames else 0.0
            await asyncio.sleep(QUIET)
            if (self.frames[-1] if self.frames else 0.0) == last:
                return last

    async def shown_and_painted(self, since_index: int, began: float) -> dict:
        await self.until(lambda: len(self.shown) > since_index, "the list to show results")
        shown_at, _table, rows = self.shown[since_index]
        await self.until(lambda: self.frame_after(shown_at) is not None, "a frame")
        painted_at = self.frame_after(shown_at)
        return {"ms_to_loaded": round((shown_at - began) * 1000, 2),
                "ms_to_paint": round((painted_at - began) * 1000, 2), "rows": rows}


async def _press(pilot, recorder: Recorder, key: str) -> dict:
    index, counted = len(recorder.shown), len(recorder.loaded)
    began = time.perf_counter()
    await pilot.press(key)
    timing = await recorder.shown_and_painted(index, began)
    # The count, when it comes after the first page (it is not waited for: typing goes on).
    if len(recorder.loaded) > counted:
        timing["ms_to_counted"] = round((recorder.loaded[counted][0] - began) * 1000, 2)
    return timing


async def _show_tab(pilot, recorder: Recorder, tab: str) -> None:
    screen = pilot.app.screen
    if screen.tab != tab:
        index = len(recorder.loaded)
        await pilot.press("ctrl+t")
        await recorder.until(lambda: len(recorder.loaded) > index, "the other tab")
        await recorder.settled()


async def _clear_search(pilot, recorder: Recorder) -> None:
    from textual.widgets import Input

    if pilot.app.screen.query_one("#search", Input).value:
        index = len(recorder.loaded)
        await pilot.press("escape")
        await recorder.until(lambda: len(recorder.loaded) > index, "the cleared list")
        await recorder.settled()


async def _open_card(pilot, recorder: Recorder, org_id: int) -> float:
    from screens import actions

    began = time.perf_counter()
    actions.open_organization(pilot.app, org_id)
    await recorder.until(lambda: getattr(pilot.app.screen, "card", None) is not None,
                         "the card")
    painted = await recorder.settled()
    index = len(recorder.loaded)
    await pilot.press("escape")
    # The Directory reloads both lists when it comes back.
    await recorder.until(lambda: len(recorder.loaded) >= index + 2, "the Directory")
    await recorder.settled()
    return painted - began


async def probe(url: str, login: str, card_ids: list[int], passes: int,
                searches: int | None = None) -> dict:
    from ectui.i18n import set_language
    from ectui.session import open_session
    from screens.app import EctuiApp

    set_language("ru")
    session = open_session(url, login=login)
    app = EctuiApp(session)
    recorder = Recorder(app)
    began = time.perf_counter()
    result: dict = {"searches": [], "cards": []}
    async with app.run_test(size=SIZE, message_hook=recorder.hook) as pilot:
        # The start screen's list (Today), then the Directory (F3) where the searching is.
        result["first_list"] = await recorder.shown_and_painted(0, began)
        await recorder.settled()
        index = len(recorder.loaded)
        await pilot.press("f3")
        await recorder.until(lambda: any(table == "organizations" for _t, table, _r
                                         in recorder.loaded[index:]), "the Directory")
        await recorder.settled()
        # The first pass warms caches (ours, the engine's, the OS's); the last one counts.
        for pass_number in range(passes):
            for tab, query in chosen(searches):
                await _show_tab(pilot, recorder, tab)
                await _clear_search(pilot, recorder)
                for prefix in typed_prefixes(query):
                    timing = await _press(pilot, recorder, prefix[-1])
                    if pass_number == passes - 1:
                        result["searches"].append({"tab": tab, "prefix": prefix, **timing})
        await _clear_search(pilot, recorder)
        await _show_tab(pilot, recorder, "organizations")
        for pass_number in range(passes):
            for org_id in card_ids:
                seconds = await _open_card(pilot, recorder, org_id)
                if pass_number == passes - 1:
                    result["cards"].append({"id": org_id, "ms": round(seconds * 1000, 2)})
        await pilot.press("ctrl+q")
    result["peak_rss_mb"] = round(peak_rss_mb(), 1)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.probe")
    parser.add_argument("--db", required=True)
    parser.add_argument("--login", required=True)
    parser.add_argument("--card", type=int, action="append", default=[])
    parser.add_argument("--passes", type=int, default=2)
    parser.add_argument("--searches", type=int, default=None)
    args = parser.parse_args(argv)
    result = asyncio.run(probe(args.db, args.login, args.card, args.passes, args.searches))
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
