"""Three workarounds for Textual 8's Footer (benchmarks/RESULTS.md): it keeps every key it
ever showed, it rebuilds all its keys whenever a screen refreshes its bindings, and it
restyles each new key twice before it is even shown.

1. Each ``FooterKey`` is bound to ``Footer.compact`` with ``data_bind``, which adds a watcher
   to the footer's list; Textual drops a watcher only when ``compact`` changes, which it never
   does. The footer recomposes whenever the bindings change (typing in the Directory did, at
   every keystroke), so every screen's footer grew by twenty keys per keystroke, each with its
   styles and caches: 174 keystrokes in the benchmark ended at 472 MB. Before the footer
   composes its new keys, the watchers of keys no longer in the DOM are dropped.
2. A screen refreshes its bindings when the highlighted row changes (a key may be greyed for
   one row and not another); the footer then built and styled twenty new keys even when
   nothing it shows had changed: ~0.1 s of the UI thread per keystroke in the Directory at
   full size, delaying the list's paint. It now recomposes only when what it shows changed.
3. A new ``FooterKey`` starts with ``compact`` True and is then bound to the footer's False:
   its watcher added and removed the class, each time restyling the screen's nodes (1.6 ms a
   key, ~165 ms of every card opened and closed at full size). Before the key is mounted its
   class is set, without restyling, to the footer's value: mounting styles it with it.
"""

from __future__ import annotations

from textual.widgets import Footer
from textual.widgets._footer import FooterKey

_MARK = "_ectui_prunes_watchers"
_SHOWN = "_ectui_shown_bindings"


def _prune(footer: Footer) -> None:
    for entries in getattr(footer, "__watchers", {}).values():
        entries[:] = [(node, callback) for node, callback in entries
                      if node is footer or node.is_attached]


def _shown(screen) -> tuple:
    """What the footer would show for ``screen``: each key, its text, and whether enabled.
    Keys not shown (``show=False``: arrows, Home, End) do not count, only the command
    palette's key, which the footer shows anyway; the focus moving from a scrolled column to
    a table changes those, and a card's footer was rebuilt twice as it opened for them."""
    palette = screen.app.COMMAND_PALETTE_BINDING
    return tuple((key, binding.key, binding.description, binding.action,
                  enabled, tooltip, getattr(binding.group, "description", None))
                 for key, (_node, binding, enabled, tooltip) in screen.active_bindings.items()
                 if binding.show or key == palette)


def install() -> None:
    """Patch ``Footer`` with both workarounds (idempotent)."""
    if getattr(Footer.compose, _MARK, False):
        return
    original_compose = Footer.compose
    original_changed = Footer.bindings_changed

    def compose(self: Footer):
        _prune(self)
        return original_compose(self)

    def bindings_changed(self: Footer, screen) -> None:
        will_recompose = (screen.app.app_focus and self.is_attached
                          and screen is self.screen)
        if will_recompose:
            shown = _shown(screen)
            if self._bindings_ready and getattr(self, _SHOWN, None) == shown:
                return  # the same keys, the same way: nothing to redraw
            setattr(self, _SHOWN, shown)
        original_changed(self, screen)

    original_watch_compact = FooterKey._watch_compact

    def watch_compact(self: FooterKey, compact: bool) -> None:
        if self.is_mounted:
            original_watch_compact(self, compact)
            return
        # A key bound to the footer takes the footer's value now, so that the binding's
        # own call, once mounted, finds the class already right and restyles nothing.
        bound = (self._reactive_connect or {}).get("compact")
        if bound is not None:
            footer, reactive = bound
            compact = getattr(footer, reactive.name)
        self.set_class(compact, "-compact", update=False)

    setattr(compose, _MARK, True)
    Footer.compose = compose  # type: ignore[method-assign]
    Footer.bindings_changed = bindings_changed  # type: ignore[method-assign]
    FooterKey._watch_compact = watch_compact  # type: ignore[method-assign]
