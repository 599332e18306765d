"""The keys of control and analysis (the Reports screen), for the F1 help screen."""

REPORT_KEYS = (
    ("help.reports", (("F8", "help.k.reports"), ("1 2 3 4 5 6", "help.k.report_pick"),
                      ("F", "help.k.report_filter"), ("M", "help.k.report_employee"),
                      ("0", "help.k.report_clear"), ("V", "help.k.report_view"),
                      ("B", "help.k.report_basis"), ("P", "help.k.report_subject"),
                      ("G", "help.k.report_groups"), ("X", "help.k.report_export"),
                      ("Esc", "help.k.back"))),
)
