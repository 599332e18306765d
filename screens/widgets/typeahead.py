"""Keys typed ahead: a burst of keystrokes (a fast typist, a slow SSH link) is forwarded to
each field's own queue before the field has applied it, and what a field then posts (say,
"the search text changed") waits in its screen's queue. A key that acts at once (a binding,
Ctrl+S) must first let all that land, or it acts on half-typed values."""

from __future__ import annotations

import asyncio

from textual.app import App
from textual.widget import Widget

_LIMIT_SECONDS = 1.0


def _waiting_for_messages(widget: Widget) -> bool:
    """True when the widget's message loop sits in its queue's ``get`` with nothing queued:
    no message waiting and no handler in flight. Textual's queue wakes that ``get`` with an
    asyncio Event, whose pending waits are its (private) ``_waiters``: where they cannot be
    read, the answer is "not known", False, and the looks below decide."""
    queue = widget._message_queue
    if not queue.empty() or widget._pending_message is not None:
        return False
    waiters = getattr(getattr(queue, "ready_event", None), "_waiters", None) or ()
    return any(not waiter.done() for waiter in waiters)


async def _drained(widgets: list[Widget]) -> None:
    # Typing at a normal pace, every widget is already waiting for its next message: the
    # key goes on at once instead of after the ~2 ms of looks below (issue 9, search p95).
    if all(_waiting_for_messages(widget) for widget in widgets):
        return
    loop = asyncio.get_running_loop()
    deadline = loop.time() + _LIMIT_SECONDS
    quiet = 0
    while loop.time() < deadline:
        # Textual keeps no public "pending" flag; the queue is the only honest signal. A widget
        # handling a key has an empty queue until it posts what follows, so empty must hold
        # over a few looks in a row.
        quiet = quiet + 1 if all(widget._message_queue.empty() for widget in widgets) else 0
        if quiet >= 3:
            return
        await asyncio.sleep(0.001)


async def keystrokes_applied(root: Widget) -> None:
    """Wait (briefly) until ``root`` and every widget under it processed its queued messages."""
    await _drained([root, *root.query("*")])


async def focus_chain_settled(focused: Widget) -> None:
    """Wait (briefly) until the focused widget and its containers up to the screen are idle.

    The App itself is left out: this runs inside the App's own handler, with the rest of the
    burst still in its queue."""
    await _drained([w for w in focused.ancestors_with_self if not isinstance(w, App)])
