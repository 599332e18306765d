"""The keys of the after-sale area (installed base, client requests), for the F1 help screen."""

SERVICE_KEYS = (
    ("help.service", (("F11", "help.k.service"), ("Enter", "help.k.request_open"),
                      ("Ctrl+O, Insert", "help.k.request_new"),
                      ("Ctrl+E", "help.k.request_from_mail"),
                      ("Ctrl+G", "help.k.request_next"), ("Ctrl+U", "help.k.request_back"),
                      ("Ctrl+A", "help.k.request_reassign"),
                      ("Ctrl+K", "help.k.request_comment"),
                      ("Ctrl+F", "help.k.request_filter"), ("Ctrl+R", "help.k.service_reports"),
                      ("Ctrl+T", "help.k.service_settings"))),
    ("help.installed", (("Ctrl+O", "help.k.card_request"),
                        ("Insert, Ctrl+N", "help.k.installed_add"),
                        ("F4, Enter", "help.k.installed_edit"), ("Delete", "help.k.delete"),
                        ("Ctrl+D", "help.k.installed_from_shipment"))),
)
