"""The keys of the calendar and the notification inbox, for the help screen (F1)."""

from __future__ import annotations

CALENDAR_KEYS = (
    ("help.cal.global", (("F7", "help.c.calendar"), ("Shift+F7", "help.c.inbox"))),
    ("help.cal.calendar", (("← →", "help.c.left_right"), ("↑ ↓", "help.c.up_down"),
                           ("PageUp, PageDown", "help.c.pages"), ("T", "help.c.today"),
                           ("G", "help.c.go_to"), ("D, W, M", "help.c.views"),
                           ("Enter", "help.c.open"), ("Ctrl+N, Insert", "help.c.new"),
                           ("A, X", "help.c.people"), ("O, Delete", "help.c.absence"),
                           ("R", "help.c.repeat"), ("E", "help.c.export"))),
    ("help.cal.inbox", (("Enter", "help.c.inbox_open"), ("Delete", "help.c.dismiss"),
                        ("S, Shift+S", "help.c.snooze"), ("A", "help.c.all_read"))),
)
