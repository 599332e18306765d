"""Textual 8's Footer keeps every key it ever showed: a workaround (benchmarks/RESULTS.md).

Each ``FooterKey`` is bound to ``Footer.compact`` with ``data_bind``, which adds a watcher to
the footer's list; Textual drops a watcher only when ``compact`` changes, which it never
does. The footer recomposes whenever the bindings change (typing in the Directory does, at
every keystroke), so every screen's footer grew by twenty keys per keystroke, each with its
styles and caches: 174 keystrokes in the benchmark ended at 472 MB. Before the footer
composes its new keys, the watchers of keys no longer in the DOM are dropped.
"""

from __future__ import annotations

from textual.widgets import Footer

_MARK = "_ectui_prunes_watchers"


def _prune(footer: Footer) -> None:
    for entries in getattr(footer, "__watchers", {}).values():
        entries[:] = [(node, callback) for node, callback in entries
                      if node is footer or node.is_attached]


def install() -> None:
    """Make ``Footer.compose`` drop the watchers of removed keys first (idempotent)."""
    if getattr(Footer.compose, _MARK, False):
        return
    original = Footer.compose

    def compose(self: Footer):
        _prune(self)
        return original(self)

    setattr(compose, _MARK, True)
    Footer.compose = compose  # type: ignore[method-assign]
