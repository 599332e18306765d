"""The keys of «Обмен и рассылки» (F9), for the F1 help screen."""

EXCHANGE_KEYS = (
    ("help.exchange", (("F9", "help.k.f9"), ("Ctrl+R", "help.k.exchange_check"),
                       ("Ctrl+S", "help.k.exchange_run"), ("Ctrl+T", "help.k.exchange_tab"),
                       ("Ctrl+N, F4", "help.k.exchange_template"),
                       ("Ctrl+L", "help.k.exchange_assign"),
                       ("Delete", "help.k.exchange_ignore"), ("Esc", "help.k.exchange_stop"),
                       ("Ctrl+W", "help.k.write_email"))),
)
