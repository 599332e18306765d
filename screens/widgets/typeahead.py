"""Keys typed ahead: a burst of keystrokes (a fast typist, a slow SSH link) is forwarded to
each field's own queue before the field has applied it. A priority key (Ctrl+S) that reads
the fields must first let those queued keystrokes land, or it reads half-typed values."""

from __future__ import annotations

import asyncio

from textual.widget import Widget

_LIMIT_SECONDS = 1.0


async def keystrokes_applied(root: Widget) -> None:
    """Wait (briefly) until every widget under ``root`` has processed its queued messages."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + _LIMIT_SECONDS
    widgets = [root, *root.query("*")]
    while loop.time() < deadline:
        # Textual keeps no public "pending" flag; the queue is the only honest signal.
        if all(widget._message_queue.empty() for widget in widgets):
            return
        await asyncio.sleep(0.005)
