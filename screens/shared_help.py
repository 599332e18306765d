"""The keys of the shared server (history, staff, reassignment, conflicts), for the F1 help."""

SHARED_KEYS = (
    ("help.shared_card", (("Ctrl+E", "help.k.audit"), ("Enter", "help.k.audit_entry"))),
    ("help.staff", (("F12", "help.k.f12"), ("Ctrl+T", "help.k.staff_tab"),
                    ("Ctrl+N, F4", "help.k.staff_edit"), ("Delete", "help.k.staff_toggle"),
                    ("Ctrl+R", "help.k.staff_reassign"))),
    ("help.reassign", (("Tab", "help.k.reassign_pick"), ("Ctrl+S", "help.k.reassign_move"))),
    ("help.conflict", (("↑ ↓", "help.k.conflict_choose"), ("Tab", "help.k.conflict_next"),
                       ("Ctrl+T, Ctrl+Y", "help.k.conflict_all"),
                       ("Ctrl+S", "help.k.conflict_save"), ("Esc", "help.k.conflict_back"))),
)
