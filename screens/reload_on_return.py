"""Screens that load as they mount and load again when they come back to the top."""

from __future__ import annotations


class ReloadsOnReturn:
    """Mixin for a screen that loads in ``on_mount`` and must reload whenever a screen
    above it (a card, a form) is closed, since that may have changed what it shows: the
    screen defines ``reload_on_return()``.

    Textual also resumes a screen as it is first shown, right after its mount: without this,
    every such screen ran its queries twice as it opened (twice the work at start-up, and two
    workers racing for the same list). That first resume is skipped."""

    _returned_before = False

    def on_screen_resume(self) -> None:
        if self._returned_before:
            self.reload_on_return()
        self._returned_before = True
