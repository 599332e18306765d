"""Where the shared `.tcss` files are: a module of its own, so a screen that only needs its
styles does not import the forms that once held the path (start-up time)."""

from __future__ import annotations

from pathlib import Path

TASKS_CSS = Path(__file__).resolve().parent / "styles" / "tasks.tcss"
