"""The keys of the relationship history, for the help screen (F1)."""

from __future__ import annotations

TASK_KEYS = (
    ("help.tasks.global", (("F2", "help.t.today"), ("F5", "help.t.tree"),
                           ("F6", "help.t.log"), ("Shift+F5", "help.t.no_next_step"),
                           ("Shift+F12", "help.t.templates"))),
    ("help.tasks.today", (("Enter", "help.t.open"), ("D", "help.t.done"),
                          ("P", "help.t.postpone"), ("R", "help.t.reassign"),
                          ("C", "help.t.client"), ("T", "help.t.to_tree"),
                          ("S", "help.t.start"), ("Ctrl+N, Insert", "help.t.new"),
                          ("Delete", "help.t.delete"), ("Ctrl+R", "help.t.refresh"))),
    ("help.tasks.tree", (("Space", "help.t.expand"), ("*", "help.t.expand_all"),
                         ("Enter, F4", "help.t.open"),
                         ("Ctrl+N, Insert", "help.t.new_child"), ("E", "help.t.new_stage"),
                         ("A", "help.t.new_project"), ("S", "help.t.start"),
                         ("D", "help.t.done"), ("M", "help.t.move"), ("P", "help.t.postpone"),
                         ("R", "help.t.reassign"), ("X", "help.t.cancel"),
                         ("C", "help.t.client"), ("Ctrl+F", "help.t.filters"),
                         ("Delete", "help.t.delete"))),
    ("help.tasks.log", (("1…9", "help.t.result"), ("Tab", "help.t.next_date"),
                        ("Backspace", "help.t.no_next"), ("Ctrl+S, Enter", "help.t.save_log"))),
    ("help.tasks.dates", (("завтра, +3, +2н, пн", "help.t.dates_relative"),
                          ("15.12, 15.12.2026", "help.t.dates_absolute"),
                          ("пт 14:30, 14:30", "help.t.dates_time"))),
    ("help.tasks.letters", (("D = В, P = З …", "help.t.layouts"),)),
)
